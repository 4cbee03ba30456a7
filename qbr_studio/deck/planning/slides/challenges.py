"""Slide 7: adoption challenges across the territory — pattern, evidence, plan, who we talk to."""

from __future__ import annotations

from qbr_studio.analytics.book import utilization_by_account
from qbr_studio.charts import catalog
from qbr_studio.charts.spec import ChartSpec
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import Cell, Element, Paragraph, SlidePlan, Table
from qbr_studio.deck.planning import formatting
from qbr_studio.deck.planning.blocks import chart_block
from qbr_studio.deck.planning.context import Context
from qbr_studio.deck.planning.layout import fit_text, label_para, para
from qbr_studio.deck.planning.slides.common import content_slide, notes_text, top_rows_table
from qbr_studio.model import Challenge, Status
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.model.word_budgets import first_sentences

SECTION = DeckSection.CHALLENGES
SHOWN = 3
"""Challenges the slide shows, in the CSM's order; the rest go to the appendix."""
PLAN_WORDS = 25
"""A plan's words on the slide; the whole plan is in the notes (or the appendix)."""
COMMS_SHOWN = 6
CHALLENGE_FRACTIONS = (0.3, 0.3, 0.4)
LOW_UTILIZATION = 0.4
STATUS_ROLE = {Status.BLOCKED: "alert"}


def _paragraphs(challenges: list[Challenge]) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    for i, c in enumerate(challenges):
        out.append(para(c.pattern, bold=True, space_before=style.PARAGRAPH_GAP * 2 if i else 0))
        if c.plan:
            plan = first_sentences(c.plan, PLAN_WORDS)
            out.append(label_para("Plan:", plan, space_before=2))
    return tuple(out)


def _comms_rows(ctx: Context) -> list[tuple[Cell, ...]]:
    on = ctx.review.overdue_on
    rows = []
    for c in ctx.review.communications:
        late = c.is_overdue(on)
        status = f"Overdue — {c.status.label.lower()}" if late else c.status.label
        rows.append(
            (
                Cell(c.party, bold=True),
                Cell(c.topic),
                Cell(formatting.day(c.when)),
                Cell(status, bold=late, color="alert" if late else STATUS_ROLE.get(c.status)),
            )
        )
    return rows


COMMS_HEADER = (Cell("Who"), Cell("About"), Cell("When"), Cell("Status"))
COMMS_FRACTIONS = (0.26, 0.44, 0.14, 0.16)
CHALLENGE_HEADER = (Cell("Pattern"), Cell("Evidence"), Cell("Plan"))


def _comms_table(ctx: Context, rect: Rect, size: float = style.TABLE_SIZE) -> list[Element]:
    return top_rows_table(
        ctx,
        rect,
        "Communication plan",
        "Communication plan",
        COMMS_HEADER,
        _comms_rows(ctx),
        COMMS_FRACTIONS,
        limit=COMMS_SHOWN,
        alt_text="Communication with critical parties: who, about what, when, status.",
        size=size,
    )


def _comms_fit(ctx: Context, rect: Rect) -> bool:
    rows = _comms_rows(ctx)
    if len(rows) > COMMS_SHOWN:
        return False
    size = style.TABLE_SIZE
    pages = ctx.table(rect, "trial", COMMS_HEADER, rows, COMMS_FRACTIONS, size=size, min_size=size)
    return len(pages) == 1 and pages[0].rect.h <= rect.h


def _pattern_title(ctx: Context, low: list[str], measured: bool) -> str:
    if not measured:
        title = "No usage imported — adoption cannot be measured yet"
    elif low:
        title = (
            f"{formatting.plural(len(low), 'account')} use under {LOW_UTILIZATION:.0%} of "
            "their licenses"
        )
    else:
        title = (
            f"Adoption is broad: every account uses {LOW_UTILIZATION:.0%} or more of its licenses"
        )
    if ctx.review.challenges:
        title += f" — {formatting.plural(len(ctx.review.challenges), 'plan')} in motion"
    return title


def _comms_title(ctx: Context) -> str:
    comms = ctx.review.communications
    done = sum(1 for c in comms if c.status is Status.DONE)
    late = sum(c.is_overdue(ctx.review.overdue_on) for c in comms)
    title = f"Talking to the critical parties: {done} of {len(comms)} conversations done"
    return title + (f", {late} overdue" if late else "")


def challenges_slides(ctx: Context) -> list[SlidePlan]:
    """The pattern, its evidence chart and the plans, with the communication table below them
    when all of it fits one slide; otherwise the communication gets a slide of its own. The
    first challenges that fit whole are shown (at most ``SHOWN``), the rest go to the appendix."""
    book = ctx.review.book
    known = {a.id for a in book.accounts}
    utils = {k: u for k, u in utilization_by_account(book).items() if k in known}
    spec = catalog.utilization_distribution(utils, ctx.source("usage"))
    comms = ctx.review.communications
    if not ctx.review.challenges and not comms and spec is None:
        return []
    low = sorted(a for a, u in utils.items() if u < LOW_UTILIZATION)
    title = _pattern_title(ctx, low, bool(utils))
    slides: list[SlidePlan] = []
    top, bottom = ctx.body.split_rows((0.55, 0.45), style.GUTTER // 2)
    together = bool(comms) and _comms_fit(ctx, bottom)
    if together and len(_shown_challenges(ctx, spec, top)) < min(SHOWN, len(ctx.review.challenges)):
        together = False
    elements, shown = _pattern_block(ctx, spec, top if together else ctx.body)
    notes = notes_text(
        *(_note(c) for c in shown),
        f"Low utilization: {', '.join(ctx.account_name(a) for a in low)}." if low else "",
    )
    if together:
        return [content_slide(ctx, title, SECTION, [*elements, *_comms_table(ctx, bottom)], notes)]
    slides.append(content_slide(ctx, title, SECTION, elements, notes))
    if comms:
        comms_title = _comms_title(ctx)
        table = _comms_table(ctx, ctx.body, style.TABLE_ALONE_SIZE)
        shown_comms = comms[: sum(len(t.rows) for t in table if isinstance(t, Table))]
        comms_notes = notes_text(
            *(
                f"{c.party}: {c.topic} ({formatting.day(c.when)}, {c.status.label.lower()})"
                for c in shown_comms
            )
        )
        slides.append(content_slide(ctx, comms_title, SECTION, table, comms_notes))
    return slides


def _note(c: Challenge) -> str:
    return f"{c.pattern}\nEvidence: {c.evidence}\nPlan: {c.plan}"


def _shown_challenges(ctx: Context, spec: ChartSpec | None, rect: Rect) -> list[Challenge]:
    """The first challenges (at most ``SHOWN``) whose pattern and plan fit ``rect`` whole."""
    text_r = rect.split_columns((0.42, 0.58), style.GUTTER)[1] if spec else rect
    challenges = ctx.review.challenges
    for n in range(min(SHOWN, len(challenges)), 0, -1):
        trial = _paragraphs(challenges[:n])
        if n < len(challenges):
            trial = (*trial, _more(f"+ {len(challenges) - n} more in the appendix"))
        if not fit_text(text_r, trial, "trial", ctx.font).rest:
            return challenges[:n]
    return []


def _more(text: str) -> Paragraph:
    return para(text, style.CAPTION_SIZE, color="muted", space_before=4)


def _pattern_block(
    ctx: Context, spec: ChartSpec | None, rect: Rect
) -> tuple[list[Element], list[Challenge]]:
    chart_r, text_r = rect.split_columns((0.42, 0.58), style.GUTTER) if spec else (None, rect)
    elements: list[Element] = []
    if spec and chart_r:
        elements += chart_block(chart_r, spec, "Utilization distribution", ctx.font)
    shown = _shown_challenges(ctx, spec, rect)
    challenges = ctx.review.challenges
    paragraphs = _paragraphs(shown)
    rest = len(challenges) - len(shown)
    if rest:
        rows = [
            (
                Cell(c.pattern, bold=True),
                Cell(first_sentences(c.evidence, PLAN_WORDS)),
                Cell(first_sentences(c.plan, PLAN_WORDS)),
            )
            for c in challenges
        ]
        notes = [_note(c) for c in challenges]
        more = ctx.overflow.table(
            "Challenges", CHALLENGE_HEADER, rows, len(shown), CHALLENGE_FRACTIONS, notes
        )
        paragraphs = (*paragraphs, _more(more))
    fitted = fit_text(text_r, paragraphs, "Challenges and plans", ctx.font)
    if fitted.box:
        elements.append(fitted.box)
    return elements, shown
