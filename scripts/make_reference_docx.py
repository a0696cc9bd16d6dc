"""Write tracker/templates/memo-reference.docx, the GB/T 9704 layout memos take their styles from.

Run after changing tracker/render/memo/style.py or tracker/render/memo/reference.py, and commit the result:
    PYTHONPATH=. python scripts/make_reference_docx.py
The output is byte-for-byte stable, so an unchanged layout leaves the file unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tracker.config import PACKAGE_TEMPLATES
from tracker.outputs import write_bytes
from tracker.render.memo.reference import REFERENCE_NAME, build_reference


def main() -> int:
    target = PACKAGE_TEMPLATES / REFERENCE_NAME
    changed = write_bytes(target, build_reference())
    print(f"{'wrote' if changed else 'unchanged:'} {Path(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
