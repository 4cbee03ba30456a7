"""``team status`` opens many reviews in worker processes: the same answer as reading them
one by one here, in the same order, and here again when the workers cannot run."""

from __future__ import annotations

import os
import signal
import sys
import threading
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from team_fixtures import make_team_folder

from qbr_studio.team import workers as workers_module
from qbr_studio.team.collect import collect_all
from qbr_studio.team.pack import TeamPack, save_pack
from qbr_studio.team.report import status_dict, status_text
from qbr_studio.team.workers import Workers, can_fork

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")


@pytest.fixture(autouse=True)
def idle_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every usable core free (as on an idle machine), whatever else runs meanwhile."""
    monkeypatch.setattr(workers_module, "free_cores", workers_module.usable_cores)


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _status(folders: list[Path], monkeypatch: pytest.MonkeyPatch, min_files: int) -> tuple:
    monkeypatch.setattr(workers_module, "MIN_FILES", min_files)
    monkeypatch.setenv("QBR_STUDIO_STATE_DIR", str(folders[0].parent / f"state-{min_files}"))
    read = collect_all(folders, keep=False)  # cold: a fresh state folder, every review opened
    return status_dict(read), status_text(read)


def test_results_come_back_in_order_from_the_workers() -> None:
    forks = can_fork() and workers_module.usable_cores() > 1  # before any worker thread
    with Workers(min_files=1) as workers:
        results = workers.map(_pid_and_square, list(range(40)))
    assert [square for _, square in results] == [n * n for n in range(40)]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid()  # the first here: what it loads is then shared
    if forks:
        assert os.getpid() not in pids[1:]
    else:
        assert set(pids) == {os.getpid()}


@linux_only
def test_one_status_after_another_forks_again() -> None:
    if not can_fork() or workers_module.usable_cores() < 2:
        pytest.skip("this process cannot fork workers")
    for _ in range(3):  # the last pool's threads have ended when the next starts
        with Workers(min_files=1) as workers:
            pids = [pid for pid, _ in workers.map(_pid_and_square, list(range(8)))]
        assert os.getpid() not in pids[1:]


def _interrupt_ignored(_: int) -> bool:
    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


@linux_only
def test_ctrl_c_is_left_to_the_command() -> None:
    if not can_fork() or workers_module.usable_cores() < 2:
        pytest.skip("this process cannot fork workers")
    with Workers(min_files=1) as workers:
        assert all(workers.map(_interrupt_ignored, list(range(4)))[1:])
    assert not _interrupt_ignored(0)


def test_on_a_busy_machine_the_files_are_read_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers_module, "free_cores", lambda: 0)
    with Workers(min_files=1) as workers:
        results = workers.map(_pid_and_square, list(range(30)))
    assert results == [(os.getpid(), n * n) for n in range(30)]


def test_the_cores_left_by_the_threads_running() -> None:
    assert workers_module.cores_left("0.52 0.58 0.59 1/467 12345\n", 2) == 2  # only this one
    assert workers_module.cores_left("5.10 5.90 5.20 3/116 31021\n", 2) == 0
    assert workers_module.cores_left("1.00 1.00 1.00 2/300 1\n", 8) == 7
    assert workers_module.cores_left("garbled", 4) == 0


def test_few_files_are_read_here() -> None:
    with Workers(min_files=10) as workers:
        results = workers.map(_pid_and_square, list(range(9)))
    assert {pid for pid, _ in results} == {os.getpid()}


def test_status_with_workers_is_the_status_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = [make_team_folder(tmp_path / "east"), make_team_folder(tmp_path / "west", count=4)]
    required = {"team": "Enterprise West", "required_fields": ["meta.company"]}
    save_pack(folders[1] / "team.qbrteam", TeamPack.model_validate(required))
    here = _status(folders, monkeypatch, min_files=10**9)
    forked = _status(folders, monkeypatch, min_files=1)
    assert forked == here
    kinds = {f["kind"] for folder in here[0]["folders"] for f in folder["files"]}
    assert {"review", "unreadable", "newer version", "duplicate"} <= kinds
    west = here[0]["folders"][1]["csms"]
    assert all("the team's standard requires it" in str(c["review"]) for c in west if c["review"])


def test_workers_that_cannot_start_leave_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")  # no semaphores in this sandbox

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(workers_module, "can_fork", lambda: True)
    monkeypatch.setattr(workers_module, "usable_cores", lambda: 2)
    with Workers(min_files=1) as workers:
        results = workers.map(_pid_and_square, list(range(5)))
        assert results == [(os.getpid(), n * n) for n in range(5)]
        assert workers.map(_pid_and_square, [7]) == [(os.getpid(), 49)]  # not tried again


def test_a_worker_that_dies_leaves_the_batch_to_be_read_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Dying:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def map(self, *args: object, **kwargs: object) -> list[object]:
            raise BrokenProcessPool("a worker was killed")

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(workers_module, "ProcessPoolExecutor", Dying)
    monkeypatch.setattr(workers_module, "can_fork", lambda: True)
    monkeypatch.setattr(workers_module, "usable_cores", lambda: 2)
    with Workers(min_files=1) as workers:
        assert workers.map(_pid_and_square, [2, 3]) == [(os.getpid(), 4), (os.getpid(), 9)]


@linux_only
def test_a_process_running_threads_is_not_forked() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()


@linux_only
def test_workers_fork_in_a_fresh_process_and_keep_the_order() -> None:
    """The suite's own process often has threads (so it reads here): a fresh single-threaded
    process, as the command line is, really forks and still returns results in order."""
    import subprocess

    if workers_module.usable_cores() < 2:
        pytest.skip("one core: no workers")
    code = (
        "import os\n"
        "from qbr_studio.team import workers as w\n"
        "w.free_cores = w.usable_cores\n"
        "def job(n):\n"
        "    return os.getpid(), n * n\n"
        "with w.Workers(min_files=1) as pool:\n"
        "    results = pool.map(job, list(range(30)))\n"
        "assert [s for _, s in results] == [n * n for n in range(30)], results\n"
        "assert os.getpid() not in {p for p, _ in results[1:]}, 'read here, not forked'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
