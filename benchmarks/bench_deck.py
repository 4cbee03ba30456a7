"""Deck build time for the sample review, as a ratio to python-pptx writing the same number of
slides and native charts (same chart types and data) with no logic, measured in one run.

Run: ``python benchmarks/bench_deck.py [--repeat N]``. Target: ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

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
CHART_TYPES = {
    ChartKind.COLUMN: XL_CHART_TYPE.COLUMN_CLUSTERED,
    ChartKind.STACKED_COLUMN: XL_CHART_TYPE.COLUMN_STACKED,
    ChartKind.PERCENT_STACKED_BAR: XL_CHART_TYPE.BAR_STACKED_100,
    ChartKind.BAR: XL_CHART_TYPE.BAR_CLUSTERED,
    ChartKind.LINE: XL_CHART_TYPE.LINE_MARKERS,
}
"""The python-pptx chart type the floor writes for each of our chart kinds."""


def floor(plan: DeckPlan) -> None:
    """python-pptx alone: the same slides and native charts, no measuring, no styling."""
    prs = Presentation(str(default_template_path()))
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


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
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
    b, m = statistics.median(base), statistics.median(mine)
    ratio = m / b
    print(f"slides: {len(plan.slides)}, native charts: {charts}")
    print(f"floor (python-pptx, no logic): {b * 1000:.0f} ms")
    print(f"QBR Studio build:              {m * 1000:.0f} ms")
    print(f"ratio: {ratio:.2f}x (target <= {TARGET}x) {'OK' if ratio <= TARGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
