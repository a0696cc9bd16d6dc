"""The words of the outputs (tracker/render/words/*.yaml): every Chinese entry has its English twin."""

from __future__ import annotations

import pytest

from tracker.config import DEFAULT_LABELS
from tracker.models import STATUS_CODES
from tracker.render.words import FOLDER, words

FILES = sorted(path.stem for path in FOLDER.glob("*.yaml"))


def shape(value):
    """The keys (and list lengths) of a value, not its words."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return type(value).__name__


def bilingual(data, path=()):
    if isinstance(data, dict):
        if set(data) == {"zh", "en"}:
            yield path, data
        else:
            for key, value in data.items():
                yield from bilingual(value, (*path, key))


def test_the_files_are_the_ones_the_code_reads():
    assert FILES == ["memo", "numbers", "status", "summary", "terminal", "units_en", "workbook"]


@pytest.mark.parametrize("name", FILES)
def test_every_entry_has_the_same_keys_in_both_languages(name):
    for path, entry in bilingual(words(name)):
        assert shape(entry["zh"]) == shape(entry["en"]), (name, *path)


def test_a_label_for_every_status_in_both_languages():
    assert {lang: sorted(labels) for lang, labels in DEFAULT_LABELS.items()} == {
        "zh": sorted(STATUS_CODES), "en": sorted(STATUS_CODES)}
    assert DEFAULT_LABELS["zh"]["behind"] == "滞后" and DEFAULT_LABELS["en"]["behind"] == "Behind"
