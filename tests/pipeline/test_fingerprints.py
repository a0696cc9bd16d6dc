"""Output fingerprints cover every module a renderer imports, so an upgrade rewrites what it changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import grimp
import pytest

from tracker.pipeline.state import PACKAGE, BuildState, renderer_fingerprint, renderer_sources
from tracker.render import RENDERERS


def module_of(kind: str) -> str:
    return RENDERERS[kind].partition(":")[0]


def module_file(module: str, package: Path = PACKAGE) -> Path:
    base = package.joinpath(*module.split(".")[1:])
    return base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("tracker")


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_every_module_a_renderer_imports_is_in_its_fingerprint(kind, graph) -> None:
    module = module_of(kind)
    imported = {module, *graph.find_upstream_modules(module)}
    covered = set(renderer_sources(module))
    assert {module_file(name) for name in imported} - covered == set()


def test_the_modules_outside_render_count_too(graph) -> None:
    # The stale-output bug: the review sheet's layout and the status rules live outside render/.
    assert module_file("tracker.entries.review") in renderer_sources(module_of("review"))
    assert module_file("tracker.assess.status") in renderer_sources(module_of("tracker"))
    assert PACKAGE / "models.py" in renderer_sources(module_of("memo"))


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "tracker"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize("kind", sorted(RENDERERS))
def test_changing_any_module_a_renderer_imports_changes_its_fingerprint(kind, graph, package_copy) -> None:
    module = module_of(kind)
    imported = sorted({module, *graph.find_upstream_modules(module)})
    # One module of every folder the renderer reaches into, and the renderer itself.
    chosen = {module_file(name, package_copy).parent: name for name in imported}
    chosen[Path()] = module
    before = renderer_fingerprint(kind, package=package_copy)
    for name in sorted(set(chosen.values())):
        path = module_file(name, package_copy)
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        after = renderer_fingerprint(kind, package=package_copy)
        assert after != before, name
        before = after


def test_a_memo_template_change_changes_the_memo_fingerprints(package_copy) -> None:
    before = {kind: renderer_fingerprint(kind, package=package_copy) for kind in RENDERERS}
    template = package_copy / "templates" / "memo_unit_zh.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = {kind for kind in RENDERERS if renderer_fingerprint(kind, package=package_copy) != before[kind]}
    assert changed == {"memo", "overall"}


def test_a_digest_sees_every_field_of_what_renderers_are_given() -> None:
    # digest() hashes repr(): a field left out of repr would change an output without rewriting it.
    import dataclasses

    from tracker import models
    from tracker.entries.review import ReviewDecision
    from tracker.render.review_sheet import Review
    from tracker.render.workbook.summary import Summary

    kinds = [value for value in vars(models).values() if dataclasses.is_dataclass(value)]
    assert models.UnitReport in kinds and models.Record in kinds
    for kind in [*kinds, Review, ReviewDecision, Summary]:
        assert all(f.repr for f in dataclasses.fields(kind)), kind


def test_a_digest_changes_with_any_figure_and_is_the_same_for_equal_values() -> None:
    import dataclasses

    from tests.helpers.builders import record
    from tracker.pipeline.state import digest

    first = record()
    assert digest(first) == digest(record())
    assert digest(first) != digest(dataclasses.replace(first, value=281.0))
    assert digest(first) != digest(dataclasses.replace(first, flags=("confirmed",)))


def test_the_state_keys_paths_as_resolving_them_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "output"
    (output / "trackers").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (output / "linked").symlink_to(tmp_path / "elsewhere")
    (output / "trackers" / "real.xlsx").write_bytes(b"x")
    (output / "trackers" / "alias.xlsx").symlink_to(output / "trackers" / "real.xlsx")
    state = BuildState(output)
    monkeypatch.chdir(tmp_path)
    paths = [output / "trackers" / "a.xlsx", Path("output/trackers/a.xlsx"), output / "linked" / "b.xlsx",
             output / "linked" / ".." / "c.xlsx", output / "trackers" / "alias.xlsx", tmp_path / "outside.json"]
    for path in paths * 2:   # the second time from what the state kept
        expected = path.resolve()
        try:
            expected = expected.relative_to(output.resolve()).as_posix()
        except ValueError:
            expected = str(expected)
        assert state.relative(path) == expected, path
    assert state.relative(output / "linked" / ".." / "c.xlsx") == str(tmp_path / "c.xlsx")
    assert state.relative(output / "trackers" / "alias.xlsx") == "trackers/real.xlsx"


def test_a_unit_digest_from_hashed_records_changes_with_any_record_and_their_order() -> None:
    import dataclasses

    from tests.helpers.builders import record
    from tracker.pipeline.state import digest_with, hashed

    first, second = record(), dataclasses.replace(record(), id="r2", value=12.0)
    parts = [hashed(first), hashed(second)]
    assert digest_with("report", parts) == digest_with("report", [hashed(record()), hashed(second)])
    assert digest_with("report", parts) != digest_with("report", parts[::-1])
    assert digest_with("report", parts) != digest_with("report", [hashed(first), hashed(dataclasses.replace(
        second, value=12.5))])
    assert digest_with("report", parts) != digest_with("other report", parts)
    assert digest_with("report", parts) != digest_with("report", parts[:1])
