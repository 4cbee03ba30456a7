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
least any status that looks inside the files must do.

Run: ``python benchmarks/bench_team.py [--repeat N] [--status-only]``. Targets: meeting ≤ 0.7×
the 12 builds; status of 500 reviews < 3 s.
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
from qbr_studio.team.build import build_meeting
from qbr_studio.team.collect import collect_all

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
    seconds = best(fn, repeat)
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, top / 2**20


def unzip_all(folders: Sequence[Path]) -> None:
    """The floor of a status: every review's JSON unzipped, nothing parsed."""
    for folder in folders:
        for path in folder.glob("*.qbr"):
            with zipfile.ZipFile(path) as archive:
                archive.read("review.json")


def status(folders: Sequence[Path], state: Path | None) -> None:
    """``team status`` of ``folders``; ``state``: a fresh state folder (cold, nothing kept),
    or None to use what the previous call kept (warm)."""
    if state is not None:
        os.environ["QBR_STUDIO_STATE_DIR"] = str(state)
    collect_all(folders, keep=False)


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
        floor = best(lambda g=group: unzip_all(g), repeat)
        cold, mb = peak(lambda g=group: status(g, root / f"state-{next(colds)}"), repeat)
        status(group, root / "state-warm")
        warm, _ = peak(lambda g=group: status(g, None), repeat)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        target = f" (target < {TARGET_STATUS_500} s)" if len(group) > 1 else ""
        print(
            f"team status, {label}: cold {cold:.2f} s = {cold / floor:.1f}× the unzip floor "
            f"({floor:.2f} s), warm {warm:.2f} s = {warm / floor:.1f}×{target}; peak {mb:.0f} MB "
            f"traced, process peak RSS {rss:.0f} MB"
        )
        if len(group) > 1:
            ok = warm < TARGET_STATUS_500
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--status-only", action="store_true", help="only team status")
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
        ok = bench_status(root, args.repeat) and ok
    size = len(review_to_bytes(build_sample_review()))
    print(f"(each review: the sample, {size / 1024:.0f} KB on disk)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
