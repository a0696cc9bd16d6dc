"""The package's architecture: each stage imports only the stages before it, the shared modules
import no stage, and no module imports itself round a cycle."""

from __future__ import annotations

import ast

import grimp
from importlinter.cli import lint_imports

from tests.helpers import ROOT


def test_import_contracts_in_pyproject_are_kept(capsys) -> None:
    # intake -> extract -> ledger -> assess -> entries -> render -> pipeline -> cli ([tool.importlinter]).
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other round a cycle (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(edges[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_cycles_finds_a_loop_and_nothing_else() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [["a", "b", "c"]]


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = grimp.build_graph("tracker")
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    assert cycles(edges) == []


def test_every_module_says_first_what_it_holds() -> None:
    silent = [path.relative_to(ROOT).as_posix() for path in sorted((ROOT / "tracker").rglob("*.py"))
              if not (ast.get_docstring(ast.parse(path.read_bytes())) or "").strip()]
    assert silent == []


def test_the_build_works_out_the_overall_memo_without_the_drawing_libraries() -> None:
    """The build's own process plans the overall memo (tracker.render.PREPARERS); matplotlib and
    python-docx belong to the worker that lays it out."""
    import subprocess
    import sys

    code = ("import sys, tracker.render.memo.overall, tracker.pipeline.render; "
            "print(sorted(m for m in ('matplotlib', 'docx') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
