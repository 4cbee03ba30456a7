"""Deck build time for the sample review, as a ratio to python-pptx writing the same number of
slides and native charts (same chart types and data) with no logic, measured in one run.

Two measures: in-process (template cached, as in the running app) and cold, as a user of the
command line meets it: whole ``qbr-studio build`` processes against whole processes of a
python-pptx script doing the same slides and charts, interleaved, medians.

A third measure builds on the hardest template of the test zoo (``template_factory.hardest``:
many keep-outs, two masters, fonts measured by a stand-in), in-process against the floor
writing the same slides and charts on that template; its target is the in-process one.
In-process times are taken as wall and as CPU time; the verdict is on CPU time, which other
work sharing the machine inflates far less.

Run: ``python benchmarks/bench_deck.py [--repeat N] [--cold-repeat N]``. Targets: in-process
≤ 1.5× (goal 1.0×), cold ≤ 1.5×, hardest template ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE

from qbr_studio.charts.spec import ChartKind
from qbr_studio.deck.plan import Chart, DeckPlan
from qbr_studio.deck.planning.compose import compose
from qbr_studio.deck.reading.template import default_template_path, load_template
from qbr_studio.deck.writing.pptx_writer import write_pptx
from qbr_studio.sample import build_sample_review

TARGET = 1.5
COLD_TARGET = 1.5
CHART_TYPES = {
    ChartKind.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.STACKED_COLUMN: XL_CHART_TYPE.COLUMN_STACKED,
    ChartKind.PERCENT_STACKED_BAR: XL_CHART_TYPE.BAR_STACKED_100,
    ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS,
}
"""The python-pptx chart type the floor writes for each of our chart kinds."""


def floor(plan: DeckPlan, template: Path | None = None) -> None:
    """python-pptx alone: the same slides and native charts, no measuring, no styling."""
    prs = Presentation(str(template or default_template_path()))
    layout = prs.slide_layouts[0]
    for slide_plan in plan.slides:
        slide = prs.slides.add_slide(layout)
        for e in slide_plan.elements:
            if isinstance(e, Chart):
                data = CategoryChartData()
                data.categories = e.spec.categories
                for s in e.spec.series:
                    data.add_series(s.name, s.values)
                r = e.rect
                slide.shapes.add_chart(CHART_TYPES[e.spec.kind], r.x, r.y, r.w, r.h, data)
    prs.save(io.BytesIO())


def ours(review) -> None:
    info = load_template(None)
    write_pptx(compose(review, info), io.BytesIO())


FLOOR_SCRIPT = """
import json, sys
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
template, slides, out = json.load(open(sys.argv[1]))
prs = Presentation(template)
layout = prs.slide_layouts[0]
for charts in slides:
    slide = prs.slides.add_slide(layout)
    for kind, categories, series, (x, y, w, h) in charts:
        data = CategoryChartData()
        data.categories = categories
        for name, values in series:
            data.add_series(name, values)
        slide.shapes.add_chart(getattr(XL_CHART_TYPE, kind), x, y, w, h, data)
prs.save(out)
"""
"""The floor as a whole process: python-pptx alone, the plan's slides and charts read from a
JSON file written beforehand."""


def _floor_job(plan: DeckPlan, folder: Path) -> list[str]:
    slides = [
        [
            (
                CHART_TYPES[e.spec.kind].name,
                list(e.spec.categories),
                [(s.name, list(s.values)) for s in e.spec.series],
                (e.rect.x, e.rect.y, e.rect.w, e.rect.h),
            )
            for e in slide.elements
            if isinstance(e, Chart)
        ]
        for slide in plan.slides
    ]
    job = folder / "floor.json"
    job.write_text(json.dumps([str(default_template_path()), slides, str(folder / "floor.pptx")]))
    script = folder / "floor.py"
    script.write_text(FLOOR_SCRIPT)
    return [sys.executable, str(script), str(job)]


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def cold(plan: DeckPlan, repeat: int) -> tuple[float, float]:
    """Median wall times (floor, ours) of whole processes, interleaved, both run from
    compiled bytecode as an installed app is."""
    from installed import installed_env  # benchmarks/installed.py, beside this script

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = installed_env(folder)
        # A private state folder: the warm-up build below keeps the template's description
        # and the text widths there, as any earlier build of the review on a user's machine
        # has (kept_descriptions, kept_widths).
        env["QBR_STUDIO_STATE_DIR"] = str(folder / "state")
        subprocess.run(
            [sys.executable, "-m", "qbr_studio", "demo", "-o", str(folder / "demo")],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        qbr = folder / "demo" / "sample_review.qbr"
        build = [
            sys.executable,
            "-m",
            "qbr_studio",
            "build",
            str(qbr),
            "-o",
            str(folder / "o.pptx"),
        ]
        floor_cmd = _floor_job(plan, folder)
        _wall(floor_cmd, env), _wall(build, env)  # warm the file cache, write the bytecode
        base, mine = [], []
        for _ in range(repeat):
            base.append(_wall(floor_cmd, env))
            mine.append(_wall(build, env))
    return statistics.median(base), statistics.median(mine)


ROOT = Path(__file__).resolve().parents[1]


def hardest_template(folder: Path) -> Path:
    """The zoo's hardest template (built by the tests' factory), written into ``folder``."""
    sys.path.insert(0, str(ROOT / "tests"))
    import template_factory

    return template_factory.hardest(folder)


def on_hardest(review, repeat: int) -> tuple[int, tuple[float, float], tuple[float, float]]:
    """Slides, and median (wall, CPU) times (floor, ours) of the in-process build on the
    hardest template, interleaved; its description is read once, as the running app keeps
    it."""
    with tempfile.TemporaryDirectory() as tmp:
        template = hardest_template(Path(tmp))
        info = load_template(template)
        plan = compose(review, info)

        def build() -> None:
            write_pptx(compose(review, info), io.BytesIO())

        build(), floor(plan, template)  # warm the fonts' caches
        base, mine = [], []
        for _ in range(repeat):
            base.append(timed(floor, plan, template))
            mine.append(timed(build))
    return len(plan.slides), medians(base), medians(mine)


def report_hardest(review, repeat: int) -> None:
    slides, b, m = on_hardest(review, repeat)
    print(f"hardest zoo template ({slides} slides):")
    _report(b, m, "hardest template ratio")


def _report(base: tuple[float, float], mine: tuple[float, float], label: str) -> None:
    """Floor and ours, wall and CPU, and the ratios; the verdict is on CPU time."""
    for i, kind in enumerate(("wall", "CPU")):
        print(f"  {kind}: floor {base[i] * 1000:.0f} ms, ours {mine[i] * 1000:.0f} ms")
    wall, cpu = mine[0] / base[0], mine[1] / base[1]
    verdict = "OK" if cpu <= TARGET else "OVER"
    print(f"{label}: {cpu:.2f}x CPU, {wall:.2f}x wall (target <= {TARGET}x) {verdict}")


def timed(fn, *args) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU time is the steadier one on a shared machine:
    the in-process build is single-threaded, so it is the work done)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    """Median wall and median CPU seconds."""
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cold-repeat", type=int, default=5, help="0 skips the cold measure")
    args = parser.parse_args()
    review = build_sample_review()
    plan = compose(review, load_template(None))
    charts = sum(isinstance(e, Chart) for s in plan.slides for e in s.elements)
    ours(review)  # warm caches (fonts, template) the way a running app has them
    floor(plan)
    base, mine = [], []
    for _ in range(args.repeat):  # interleaved so machine load hits both alike
        base.append(timed(floor, plan))
        mine.append(timed(ours, review))
    print(f"slides: {len(plan.slides)}, native charts: {charts}")
    print("floor (python-pptx, no logic) and QBR Studio build:")
    _report(medians(base), medians(mine), "ratio")
    report_hardest(review, args.repeat)
    if args.cold_repeat:
        b, m = cold(plan, args.cold_repeat)
        ratio = m / b
        verdict = "OK" if ratio <= COLD_TARGET else "OVER"
        print(f"cold floor process (python-pptx script): {b * 1000:.0f} ms")
        print(f"cold qbr-studio build process:           {m * 1000:.0f} ms")
        print(f"cold ratio: {ratio:.2f}x (target <= {COLD_TARGET}x) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
