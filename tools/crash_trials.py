"""Crash-safety trials: kill -9 a process saving a review (or autosaving it) at a random moment.

Each trial forks a child that saves the review over and over, alternating two versions (each
save writes the backup first, then the review, through temporary files and renames), and kills
it with SIGKILL after a random delay. Then it checks what a user would find: the review opens
and is exactly one of the two versions, the backup opens and is one of them too, the lock the
child held doesn't block the next save, and the next save leaves no temporary file behind.

    python tools/crash_trials.py            # 200 trials of saving, 200 of autosaving
    python tools/crash_trials.py -n 50

tests/test_hostile_storage.py runs 20 of each with the same code. POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from qbr_studio.model import Account, MediaRef, Meta, Review
from qbr_studio.storage import atomic, autosave, backup_path, load_review, save_review
from qbr_studio.storage.recovery import list_recoverable, load_recovered


@dataclass
class Outcome:
    """Counts over a run of trials, and what went wrong in the failed ones."""

    trials: int = 0
    intact: int = 0
    left_by_kills: int = 0
    stray_temporaries: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        return (
            f"{what}: {self.intact} of {self.trials} trials left an intact file and backup; "
            f"the kills left {self.left_by_kills} temporary files (each swept by the next "
            f"save), {self.stray_temporaries} remain at the end; "
            f"{len(self.failures)} failures"
        )


def versions() -> tuple[tuple[Review, dict[str, bytes]], tuple[Review, dict[str, bytes]]]:
    """Two different versions of a review, each with a picture big enough that a save takes
    a few milliseconds (so a kill lands inside one)."""
    out = []
    for n, csm in enumerate(("Dana Whitfield", "Sam Ortiz")):
        review = Review(meta=Meta(csm=csm, quarter="2026-Q4", company="Northwind"))
        review.book.accounts.extend(
            Account(
                id=f"A{i}",
                name=f"Account {i}",
                arr=1000.0 * (i + n),
                renewal_date=dt.date(2027, 1, 1),
            )
            for i in range(300)
        )
        review.media.append(MediaRef(name="chart.png"))
        out.append((review, {"chart.png": random.Random(n).randbytes(400_000)}))
    return out[0], out[1]


def _child_saving(path: Path, pair) -> None:
    i = 0
    while True:
        review, media = pair[i % 2]
        save_review(path, review, media)
        i += 1


def _child_autosaving(pair) -> None:
    i = 0
    while True:
        review, media = pair[i % 2]
        autosave("session-1", review, media, None)
        i += 1


def one_trial(
    folder: Path, pair, rng: random.Random, *, autosaving: bool
) -> tuple[str | None, int]:
    """One kill -9: (None if everything a user would open is intact, else what went wrong;
    how many temporary files the killed writer left)."""
    path = folder / "review.qbr"
    if not path.exists():
        save_review(path, *pair[1])
        save_review(path, *pair[0])
        autosave("session-1", *pair[0], None)
    pid = os.fork()
    if pid == 0:  # the child: save until killed
        try:
            if autosaving:
                _child_autosaving(pair)
            else:
                _child_saving(path, pair)
        finally:
            os._exit(0)
    time.sleep(rng.uniform(0.0, 0.12))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    where = folder / "state" / "recovery" if autosaving else folder
    left = len(list(where.glob(f"*{atomic.TEMP_SUFFIX}")))
    return _check(path, pair, autosaving=autosaving), left


def _check(path: Path, pair, *, autosaving: bool) -> str | None:
    known = [p[0] for p in pair]
    try:
        if autosaving:
            entries = list_recoverable()
            if len(entries) != 1 or load_recovered(entries[0]).review not in known:
                return "the autosave did not open as one of the two versions"
            return None
        if load_review(path).review not in known:
            return "the review opened as neither version"
        if load_review(backup_path(path)).review not in known:
            return "the backup opened as neither version"
    except Exception as err:  # the whole point: report, don't stop the run
        return f"{type(err).__name__}: {err}"
    return None


def run(n: int, folder: Path, *, autosaving: bool, seed: int = 0) -> Outcome:
    """``n`` trials in ``folder`` (the recovery area is moved there too, meanwhile)."""
    saved = os.environ.get("QBR_STUDIO_STATE_DIR")
    os.environ["QBR_STUDIO_STATE_DIR"] = str(folder / "state")
    try:
        return _run(n, folder, autosaving=autosaving, seed=seed)
    finally:
        if saved is None:
            os.environ.pop("QBR_STUDIO_STATE_DIR", None)
        else:
            os.environ["QBR_STUDIO_STATE_DIR"] = saved


def _run(n: int, folder: Path, *, autosaving: bool, seed: int) -> Outcome:
    pair = versions()
    rng = random.Random(seed)
    outcome = Outcome()
    for _ in range(n):
        outcome.trials += 1
        problem, left = one_trial(folder, pair, rng, autosaving=autosaving)
        outcome.left_by_kills += left
        if problem is None:
            outcome.intact += 1
        else:
            outcome.failures.append(problem)
    # the next ordinary save (or autosave) sweeps what the killed writers left
    where = folder / "state" / "recovery" if autosaving else folder
    if autosaving:
        autosave("session-1", *pair[0], None)
    else:
        save_review(folder / "review.qbr", *pair[1])
    outcome.stray_temporaries = len(list(where.glob(f"*{atomic.TEMP_SUFFIX}")))
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="trials of each kind (default 200)")
    args = parser.parse_args(argv)
    failed = False
    for autosaving, what in ((False, "save"), (True, "autosave")):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            outcome = run(args.n, Path(tmp), autosaving=autosaving)
            print(outcome.line(what) + f" ({time.perf_counter() - start:.1f} s)")
            for problem in outcome.failures[:10]:
                print(f"  - {problem}")
            failed |= bool(outcome.failures) or bool(outcome.stray_temporaries)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
