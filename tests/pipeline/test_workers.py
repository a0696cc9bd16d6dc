"""The render workers: fresh processes that end as soon as the pool lets them go."""

from __future__ import annotations

import os
import time

from tracker.pipeline.workers import Workers, worker_context, worker_pool

_warmed: list[int] = []


def _warm_up() -> None:
    _warmed.append(os.getpid())


def _seen(item: object) -> tuple[object, int, list[int], object]:
    """What a worker is: the item it was given, its process, whether it warmed up, its context."""
    return item, os.getpid(), list(_warmed), worker_context()


def _slowly(item: object) -> object:
    time.sleep(0.3)
    return item


def _slowly_seen(item: object) -> tuple[object, int, list[int], object]:
    time.sleep(0.4)
    return _seen(item)


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


def test_a_worker_hands_back_freed_memory_after_an_output_across_units_and_every_few_outputs(monkeypatch) -> None:
    from pathlib import Path

    from tracker.pipeline import render as render_stage

    given_back = []
    monkeypatch.setattr(render_stage, "give_back_memory", lambda: given_back.append(True))
    monkeypatch.setattr(render_stage, "run_task", lambda task, ctx: [task.kind])
    monkeypatch.setattr(render_stage, "_written", 0)
    monkeypatch.setattr(render_stage, "TRIM_EVERY", 4)
    counts = []
    for kind in ("tracker", "memo", "overall", "tracker", "memo", "tracker", "memo", "tracker", "memo"):
        assert render_stage.run_in_worker(render_stage.Task(Path(f"{kind}.out"), kind, "", None)) == [kind]
        counts.append(len(given_back))
    assert counts == [0, 0, 1, 2, 2, 2, 2, 3, 3]


def test_the_first_worker_warms_up_and_does_all_the_work_when_one_is_wanted() -> None:
    with Workers() as workers:
        workers.start(("早",), _warm_up)
        done = list(workers.run(_seen, iter(["甲", "乙", "丙"]), 1, workers.context))
    assert sorted(item for item, _ in done) == sorted(future.result()[0] for _, future in done) == ["丙", "乙", "甲"]
    [(pid, warmed, context)] = {(pid, tuple(warmed), context) for _, pid, warmed, context in
                                (future.result() for _, future in done)}
    assert warmed == (pid,) and pid != os.getpid() and context == ("早",)


def test_work_for_two_workers_goes_to_the_one_free_the_warm_one_included() -> None:
    with Workers() as workers:
        workers.start(("早",), _warm_up)
        done = [future.result() for _, future in workers.run(_slowly_seen, range(8), 2, workers.context)]
    by_worker: dict[int, list] = {}
    for item, pid, warmed, context in done:
        by_worker.setdefault(pid, []).append((item, warmed == [pid], context))
    assert len(by_worker) == 2
    # The warm worker takes work from the start; the other, starting a second later, takes some too.
    warm, other = sorted(by_worker.values(), key=lambda seen: not seen[0][1])
    assert all(is_warm for _, is_warm, _ in warm) and not any(is_warm for _, is_warm, _ in other)
    assert 0 in {item for item, _, _ in warm} and len(other) >= 1
    assert sorted(item for item, _, _ in warm + other) == list(range(8))
    assert {context for seen in by_worker.values() for _, _, context in seen} == {("早",)}


def test_work_in_another_context_goes_to_fresh_workers_holding_it() -> None:
    with Workers() as workers:
        workers.start(("zh",), _warm_up)
        [(_, future)] = workers.run(_seen, ["x"], 1, ("en",))
        _, _, warmed, context = future.result()
    assert (warmed, context) == ([], ("en",))


def test_workers_start_when_given_work_or_told_to_start() -> None:
    with Workers() as workers:
        assert list(workers.run(_seen, [], 1, ("zh",))) == []
    with Workers() as workers:
        [(item, future)] = workers.run(_seen, ["x"], 2, ("zh",))
        assert (item, future.result()[0], future.result()[3]) == ("x", "x", ("zh",))


def test_a_broken_pool_fails_each_item_it_was_to_write_and_closing_still_ends() -> None:
    from concurrent.futures.process import BrokenProcessPool

    with Workers() as workers:
        done = list(workers.run(os._exit, [3, 4, 5], 1, None))  # the worker dies with its first item
        assert sorted(item for item, _ in done) == [3, 4, 5]
        for _, future in done:
            assert isinstance(future.exception(), BrokenProcessPool)


def test_closing_waits_for_what_is_being_written() -> None:
    workers = Workers()
    done = workers.run(_slowly, range(2), 2, None)
    time.sleep(1.5)  # both handed to their workers' queues, so neither can be dropped any more
    workers.close()
    assert sorted(future.result(timeout=0) for _, future in done) == [0, 1]
    workers.close()  # closing twice is harmless


def _made_how() -> tuple[int, int, bool]:
    import gc
    import sys

    return os.getppid(), gc.get_freeze_count(), "tracker.render.workbook.tracker" in sys.modules


def test_workers_come_from_a_server_holding_the_renderers_already_imported() -> None:
    from tracker.pipeline import workers as worker_module

    with worker_pool(1, None) as pool:
        parent, frozen, imported = pool.submit(_made_how).result()
    if worker_module.FORK_SERVER:
        # Forked from the server (not the build), the renderers imported there and kept out of
        # the collector's reach, so their memory stays shared (preload.py).
        assert parent != os.getpid() and frozen > 10_000 and imported
    else:
        assert parent == os.getpid() and not imported


def test_a_build_counts_as_gone_once_it_has_ended_even_before_it_is_reaped() -> None:
    import subprocess
    import sys

    from tracker.pipeline.workers import _running

    assert _running(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30
    while _running(child.pid) and time.monotonic() < deadline:  # ended, not yet waited for: a zombie
        time.sleep(0.05)
    assert not _running(child.pid)
    child.wait()
    assert not _running(child.pid)


def _slow_or_quick(item: int) -> int:
    time.sleep(3 if item == 11 else 0.05)
    return os.getpid()


def test_a_pool_with_nothing_left_to_write_lets_its_workers_go_while_the_last_output_is_written() -> None:
    from tracker.pipeline.workers import _running

    with Workers() as workers:
        done = workers.run(_slow_or_quick, range(12), 2, None)
        quick = [next(done) for _ in range(11)]   # the slow one, the last handed out, is still being written
        pids = {future.result() for _, future in quick}
        assert len(pids) == 2
        deadline = time.monotonic() + 2.5
        while all(_running(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        running = {pid for pid in pids if _running(pid)}
        [(item, future)] = list(done)
    assert item == 11 and running == {future.result()}


def test_without_proc_a_process_is_looked_up_by_signal(tmp_path) -> None:
    import subprocess
    import sys

    from tracker.pipeline.workers import _running

    nowhere = tmp_path / "no-proc"   # as on macOS
    assert _running(os.getpid(), nowhere)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not _running(child.pid, nowhere)
