"""tracker: quantitative policy goals from Chinese documents to trackers and memos."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tracker")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
