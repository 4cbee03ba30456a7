"""The team's meeting: the meeting deck for 12 CSMs as a ratio to 12 single-review builds in
the same run, and ``team status`` on a 60-CSM folder and on 500 reviews across 10 folders,
with time and peak memory.

The single builds are what the meeting deck replaces: each CSM's ``build`` opening its review
and reading the template. Both sides are measured with the template description cache cleared
before each build (as a fresh ``qbr-studio build`` process meets it) and again with it warm
(as in the running app).

Run: ``python benchmarks/bench_team.py [--repeat N]``. Targets: meeting ≤ 0.7× the 12 builds;
status of 500 reviews < 3 s.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
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
        make_folder(root / "team60", 60)
        seconds, mb = peak(lambda: collect_all([root / "team60"], keep=False), args.repeat)
        print(f"team status, 60 reviews in one folder: {seconds:.2f} s, peak {mb:.0f} MB traced")
        folders = [root / f"team-{t}" for t in range(10)]
        for t, folder in enumerate(folders):
            make_folder(folder, 50, offset=t * 50)
        seconds, mb = peak(lambda: collect_all(folders, keep=False), args.repeat)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"team status, 500 reviews in 10 folders: {seconds:.2f} s "
            f"(target < {TARGET_STATUS_500} s), peak {mb:.0f} MB traced, process peak RSS "
            f"{rss:.0f} MB"
        )
        ok = ok and seconds < TARGET_STATUS_500
    size = len(review_to_bytes(build_sample_review()))
    print(f"(each review: the sample, {size / 1024:.0f} KB on disk)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
