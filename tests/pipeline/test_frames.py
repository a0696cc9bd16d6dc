"""The analysts' API: a built project opened with tracker.open, its ledger as pandas DataFrames."""

from __future__ import annotations

import json
import math
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import tracker
from tests.helpers import SEEDS
from tests.helpers.fixture_ledger import UNIT, build_fixture_ledger
from tracker.cli import cli

AS_OF = "2024-09-30"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The seeds built as an analyst would, through the library."""


    root = tmp_path_factory.mktemp("built")
    shutil.copytree(SEEDS, root / "seeds")
    result = tracker.build(tracker.Project.at(root), tracker.BuildOptions(as_of=date(2024, 9, 30), jobs=1))
    assert result.units >= 1
    return root


def cli_status(root: Path, *args: str) -> dict:
    result = CliRunner().invoke(cli, ["status", "--root", str(root), "--as-of", AS_OF, "--format", "json", *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None
    return b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def test_status_frame_of_one_unit_is_what_tracker_status_prints(built):
    frame = tracker.open(built).status_frame(as_of=AS_OF)
    unit = sorted(frame.unit.unique())[0]
    mine = frame[frame.unit == unit]
    (printed,) = cli_status(built, "--unit", unit)["units"]
    assert len(mine) == len(printed["statuses"]) > 0
    for (_, row), status in zip(mine.iterrows(), printed["statuses"], strict=True):
        target, actual = status["target"], status["actual"]
        assert (row.indicator, row.year, row.metric, row.comparator, row.uom, row.code, row.label) == (
            target["indicator"], target["year"], target["metric"], target["comparator"], target["uom"],
            status["code"], status["label"])
        assert same(row.target, target["value"]) and same(row.stretch_target, target["stretch_value"])
        assert same(row.actual, actual and actual["value"])
        for column in ("time_progress", "completion", "gap_pp", "rate_diff_pp"):
            assert same(row[column], status[column]), column
        assert row.as_of == pd.Timestamp(status["as_of"])


def test_every_unit_and_target_of_the_build_is_a_row(built):
    frame = tracker.open(built).status_frame(as_of=AS_OF)
    printed = cli_status(built)
    dated = frame[~frame["long_term"]]
    assert dated.groupby("unit", sort=True).size().to_dict() == {
        unit["unit"]: len(unit["statuses"]) for unit in printed["units"] if unit["statuses"]}
    assert dated["code"].value_counts().to_dict() == {
        code: count for code, count in pd.Series(
            [s["code"] for unit in printed["units"] for s in unit["statuses"]]).value_counts().items()}
    # goals with no deadline: rows of their own, as the JSON lists them apart
    open_ended = frame[frame["long_term"]]
    assert sorted(open_ended["indicator"]) == sorted(
        s["target"]["indicator"] for unit in printed["units"] for s in unit["long_term"])
    assert len(open_ended) > 0 and open_ended["time_progress"].isna().all()


def test_matrix_frame_holds_the_figures_of_the_summary_sheet(built):
    matrix = tracker.open(built).matrix_frame(as_of=AS_OF)
    sheet = load_workbook(built / "output" / "summary.xlsx")["指标矩阵"]
    for row in sheet.iter_rows(min_row=4, values_only=True):
        unit, cells = row[0], [value for value in row[1:] if isinstance(value, int | float)]
        shown = [value for value in matrix.loc[unit] if not math.isnan(value)]
        assert sorted(round(v, 9) for v in cells) == sorted(round(v, 9) for v in shown), unit


def test_records_and_actuals_frames(tmp_path):
    build_fixture_ledger(tmp_path / "tracker.db")
    project = tracker.open(tmp_path)
    records = project.records_frame()
    assert {"id", "unit", "indicator", "kind", "value", "uom", "source_doc", "source_quote"} <= set(records.columns)
    assert sorted(records.id) == ["r1", "r2", "r2s", "r3", "r4", "r5"]
    actuals = project.actuals_frame()
    latest = actuals.sort_values("as_of").groupby(["unit", "indicator"]).last()["value"]
    assert latest.loc[(UNIT, "高新技术企业")] == 300
    assert str(actuals["as_of"].dtype).startswith("datetime64")
    assert not actuals["withdrawn"].any()


def test_opening_a_folder_without_a_ledger_says_to_build_first(tmp_path):
    with pytest.raises(tracker.TrackerError, match="run `tracker build` first"):
        tracker.open(tmp_path).status_frame()


def test_the_public_names_are_all_there():
    assert sorted(dir(tracker)) == sorted(tracker.__all__)
    for name in tracker.__all__:
        assert getattr(tracker, name) is not None
    with pytest.raises(AttributeError):
        tracker.no_such_name  # noqa: B018
