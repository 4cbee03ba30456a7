"""The team's meeting: the meeting deck for 12 CSMs as a ratio to 12 single-review builds in
the same run, and ``team status`` on a 60-CSM folder and on 500 reviews across 10 folders,
with time and peak memory.

The single builds are what the meeting deck replaces: each CSM's ``build`` opening its review
and reading the template. Both sides are measured with the template description cache cleared
before each build (as a fresh ``qbr-studio build`` process meets it) and again with it warm
(as in the running app).

``team status`` is measured cold (no status kept from an earlier run: every review opened)
and warm (the statuses the previous run kept, by file size and times: only changed files
opened), each beside a floor measured in the same run: unzipping every review's JSON, the
least any status that looks inside the files must do. Cold is measured as the command runs
(on Linux, with worker processes on every core) and in one process (as on Windows and macOS,
or where workers cannot start), interleaved with the floor.

Run: ``python benchmarks/bench_team.py [--repeat N] [--status-only | --meeting-only]``.
Targets: meeting ≤ 0.7× the 12 builds; cold status of 500 reviews < 3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from subprocess import PIPE

from qbr_studio.deck.produce import build_deck
from qbr_studio.deck.reading import template as template_module
from qbr_studio.model import Meta
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review, review_to_bytes
from qbr_studio.team import workers as workers_module
from qbr_studio.team.build import build_meeting
from qbr_studio.team.collect import collect_all
from qbr_studio.team.workers import usable_cores

TARGET_RATIO = 0.7
TARGET_STATUS_500 = 3.0


def make_folder(folder: Path, count: int, offset: int = 0) -> list[Path]:
    """``count`` sample reviews, one per CSM, as a team folder."""
    folder.mkdir(parents=True, exist_ok=True)
    review = build_sample_review()
    paths = []
    for i in range(count):
        review.meta = Meta(**{**review.meta.model_dump(), "csm": f"CSM {offset + i:03d}"})
        path = folder / f"csm-{offset + i:03d}.qbr"
        path.write_bytes(review_to_bytes(review))
        paths.append(path)
    return paths


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cold() -> None:
    template_module._load_cached.cache_clear()


def singles(paths: list[Path], out: Path, clear: bool) -> None:
    for path in paths:
        if clear:
            cold()
        loaded = load_review(path)
        build_deck(loaded.review, out, media=loaded.media)


def meeting(folder: Path, out: Path, clear: bool) -> None:
    if clear:
        cold()
    build_meeting([folder], out, everyone=True)


def peak(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best seconds of ``repeat`` untraced calls, and the peak traced Python memory (MB) of
    one more call (tracing slows it several times, so it is not timed)."""
    return best(fn, repeat), traced_peak(fn)


def traced_peak(fn: Callable[[], object]) -> float:
    """The peak traced Python memory (MB) of a call of ``fn`` (in this process only)."""
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / 2**20


def unzip_all(folders: Sequence[Path]) -> None:
    """The floor of a status: every review's JSON unzipped, nothing parsed."""
    for folder in folders:
        for path in folder.glob("*.qbr"):
            with zipfile.ZipFile(path) as archive:
                archive.read("review.json")


def status(folders: Sequence[Path], state: Path | None, *, workers: bool = True) -> None:
    """``team status`` of ``folders``; ``state``: a fresh state folder (cold, nothing kept),
    or None to use what the previous call kept (warm). Without ``workers`` every review is
    opened in this process, as where worker processes are not used."""
    if state is not None:
        os.environ["QBR_STUDIO_STATE_DIR"] = str(state)
    least = workers_module.MIN_FILES
    workers_module.MIN_FILES = least if workers else sys.maxsize
    try:
        collect_all(folders, keep=False)
    finally:
        workers_module.MIN_FILES = least


def best_of_each(fns: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """The best seconds of each of ``fns``, run in turn ``repeat`` times (interleaved, so a
    change of load on a shared machine weighs on each alike)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, kept in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - start)
    return [min(t) for t in times]


def bench_status(root: Path, repeat: int) -> bool:
    ok = True
    make_folder(root / "team60", 60)
    folders = [root / f"team-{t}" for t in range(10)]
    for t, folder in enumerate(folders):
        make_folder(folder, 50, offset=t * 50)
    colds = iter(range(10**6))
    for label, group in (
        ("60 reviews in one folder", [root / "team60"]),
        ("500 reviews in 10 folders", folders),
    ):
        floor, cold, alone = best_of_each(
            [
                lambda g=group: unzip_all(g),
                lambda g=group: status(g, root / f"state-{next(colds)}"),
                lambda g=group: status(g, root / f"state-{next(colds)}", workers=False),
            ],
            repeat,
        )
        mb = traced_peak(lambda g=group: status(g, root / f"state-{next(colds)}", workers=False))
        status(group, root / "state-warm")
        warm, _ = peak(lambda g=group: status(g, None), repeat)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        target = f" (target < {TARGET_STATUS_500} s)" if len(group) > 1 else ""
        print(
            f"team status, {label}: cold {cold:.2f} s = {cold / floor:.1f}× the unzip floor "
            f"({floor:.2f} s){target}, in one process {alone:.2f} s = {alone / floor:.1f}×; "
            f"warm {warm:.2f} s = {warm / floor:.1f}×; peak {mb:.0f} MB traced in one process, "
            f"process peak RSS {rss:.0f} MB; {usable_cores()} cores, load {os.getloadavg()[0]:.1f}"
        )
        if len(group) > 1:
            ok = cold < TARGET_STATUS_500
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--status-only", action="store_true", help="only team status")
    only.add_argument("--meeting-only", action="store_true", help="only the meeting deck")
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["QBR_STUDIO_STATE_DIR"] = str(root / "state")  # never the user's own
        if args.status_only:
            return 0 if bench_status(root, args.repeat) else 1
        paths = make_folder(root / "team12", 12)
        out = root / "out.pptx"
        singles(paths[:1], out, True)  # warm imports
        for clear, label in ((True, "template read each build"), (False, "template cached")):
            single = best(lambda c=clear: singles(paths, out, c), args.repeat)
            whole = best(lambda c=clear: meeting(root / "team12", out, c), args.repeat)
            ratio = whole / single
            print(
                f"meeting deck, 12 CSMs ({label}): {whole:.2f} s vs 12 single builds "
                f"{single:.2f} s = {ratio:.2f}× (target ≤ {TARGET_RATIO}×)"
            )
            ok = ok and (ratio <= TARGET_RATIO or not clear)
            if ratio > TARGET_RATIO and clear:
                print("  (writing the ~150 slides costs the same in both; see docs/team.md)")
        cli = [sys.executable, "-m", "qbr_studio.cli"]
        single = best(
            lambda: [
                subprocess.run([*cli, "build", str(p), "-o", str(out)], check=True, stdout=PIPE)
                for p in paths
            ],
            1,
        )
        whole = best(
            lambda: subprocess.run(
                [*cli, "team", "build", str(root / "team12"), "-o", str(out), "--everyone"],
                check=True,
                stdout=PIPE,
            ),
            1,
        )
        ratio = whole / single
        print(
            f"as processes: one `team build` {whole:.2f} s vs 12 `build` {single:.2f} s = "
            f"{ratio:.2f}× (target ≤ {TARGET_RATIO}×)"
        )
        ok = ok and ratio <= TARGET_RATIO
        if not args.meeting_only:
            ok = bench_status(root, args.repeat) and ok
    size = len(review_to_bytes(build_sample_review()))
    print(f"(each review: the sample, {size / 1024:.0f} KB on disk)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
