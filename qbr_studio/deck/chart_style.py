"""The deck's look for a chart drawn outside the deck (the app's account view, a chart saved
as PNG/SVG): the slide's palette, the deck's chart sizes and the body font's files."""

from __future__ import annotations

from qbr_studio.charts.render_style import RenderStyle
from qbr_studio.deck.font_files import resolve
from qbr_studio.deck.plan import Chart, ChartLook, DeckPlan, Palette, SlidePlan


def chart_style(
    plan: DeckPlan, slide: SlidePlan | None = None, chart: Chart | None = None
) -> RenderStyle:
    """Charts of ``slide`` (content slides' colours when None) in ``chart``'s look (the deck's
    default look when None), written with the deck's body font."""
    palette: Palette = plan.palette_for(slide) if slide is not None else plan.palette
    return RenderStyle(
        colours=palette,
        look=chart.look if chart is not None else ChartLook(),
        font=resolve(plan.body_font).path,
        bold_font=resolve(plan.body_font, bold=True).path,
    )


def charts_of(plan: DeckPlan) -> list[tuple[int, Chart]]:
    """Every chart of the deck with the index of its slide, in slide order."""
    return [
        (i, element)
        for i, slide in enumerate(plan.slides)
        for element in slide.elements
        if isinstance(element, Chart)
    ]
