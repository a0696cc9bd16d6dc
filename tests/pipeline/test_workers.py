"""The render workers: fresh processes that end as soon as the pool lets them go."""

from __future__ import annotations

from tracker.pipeline.workers import worker_context, worker_pool


def test_a_worker_ends_at_once_with_code_0_and_its_output_written() -> None:
    import os
    import subprocess
    import sys
    import textwrap

    # In a process of its own, its output to a pipe (block-buffered, as in a scheduled build):
    # what a worker printed without flushing is there after its quick end (workers._end_at_once).
    script = textwrap.dedent("""
        from tracker.pipeline.workers import worker_context, worker_pool
        if __name__ == "__main__":
            with worker_pool(1, {"lang": "zh"}) as pool:
                print(pool.submit(worker_context).result(), flush=True)
                pool.submit(print, "工作进程写出的文字", end="").result()
                workers = list(pool._processes.values())
            print(";", [worker.exitcode for worker in workers])
    """)
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False, env=environment)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["{'lang': 'zh'}", "工作进程写出的文字; [0]"]


def test_the_context_is_the_pools_in_a_worker_and_nothing_in_the_build() -> None:
    assert worker_context() is None
    with worker_pool(1, ("上下文",)) as pool:
        assert pool.submit(worker_context).result() == ("上下文",)


def test_a_worker_hands_back_freed_memory_after_an_output_across_units_only(monkeypatch) -> None:
    from pathlib import Path

    from tracker.pipeline import render as render_stage

    given_back = []
    monkeypatch.setattr(render_stage, "give_back_memory", lambda: given_back.append(True))
    monkeypatch.setattr(render_stage, "run_task", lambda task, ctx: [task.kind])
    counts = []
    for kind in ("tracker", "memo", "overall", "tracker"):
        assert render_stage.run_in_worker(render_stage.Task(Path(f"{kind}.out"), kind, "", None)) == [kind]
        counts.append(len(given_back))
    assert counts == [0, 0, 1, 1]
