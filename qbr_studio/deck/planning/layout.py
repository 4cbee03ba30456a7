"""Measured building blocks: text boxes and tables that know their height, and split
cleanly when content is longer than the room on the slide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from qbr_studio.deck import style
from qbr_studio.deck.fit import FontFace, measurer, text_height, wrap, wrapper
from qbr_studio.deck.geometry import Rect, emu_to_pt, pt_to_emu
from qbr_studio.deck.plan import Align, Cell, Paragraph, Run, Table, TextBox


def para(
    text: str,
    size: float = style.BODY_SIZE,
    *,
    bold: bool = False,
    bullet: bool = False,
    color: str = "text",
    space_before: float = 0.0,
    align: Align = Align.LEFT,
) -> Paragraph:
    return Paragraph(
        runs=(Run(text, bold=bold),),
        size=size,
        color=color,
        bullet=bullet,
        space_before=space_before,
        align=align,
    )


def label_para(label: str, text: str, size: float = style.BODY_SIZE, **kw: object) -> Paragraph:
    """A paragraph led by a bold label: ``Why they bought: …``."""
    p = para(text, size, **kw)  # type: ignore[arg-type]
    return replace(p, runs=(Run(f"{label} ", bold=True), Run(text)))


def _face(paragraph: Paragraph, body_font: str) -> FontFace:
    bold = any(r.bold for r in paragraph.runs if r.text.strip())  # a bold run widens the line
    return FontFace(body_font, bold=bold)


def paragraph_lines(paragraph: Paragraph, width_pt: float, body_font: str) -> list[str]:
    usable = width_pt - 2 * style.INSET_X - (style.BULLET_INDENT if paragraph.bullet else 0)
    return wrap(paragraph.text, paragraph.size, usable, _face(paragraph, body_font))


def paragraph_height(paragraph: Paragraph, width_pt: float, body_font: str) -> float:
    lines = len(paragraph_lines(paragraph, width_pt, body_font))
    return paragraph.space_before + text_height(lines, paragraph.size)


def content_height(paragraphs: tuple[Paragraph, ...], width: int, body_font: str) -> int:
    """EMU height a text box of ``width`` EMU needs for ``paragraphs``, insets included."""
    width_pt = emu_to_pt(width)
    total = sum(paragraph_height(p, width_pt, body_font) for p in paragraphs)
    return pt_to_emu(total + 2 * style.INSET_Y) + 1


def resized(paragraphs: tuple[Paragraph, ...], size: float) -> tuple[Paragraph, ...]:
    return tuple(replace(p, size=size) for p in paragraphs)


@dataclass(frozen=True)
class Fitted:
    box: TextBox | None
    rest: tuple[Paragraph, ...]
    """Paragraphs that did not fit, for a continuation slide."""
    height: int


def fit_text(
    rect: Rect,
    paragraphs: tuple[Paragraph, ...],
    name: str,
    body_font: str,
    *,
    min_size: float = style.BODY_MIN,
    fill: str | None = None,
    whole_labelled: bool = False,
) -> Fitted:
    """Place ``paragraphs`` in ``rect`` at their size, or a smaller one down to ``min_size``;
    whatever still doesn't fit is returned for the next box, cut after the last whole
    sentence that fits. With ``whole_labelled`` (where the rest continues on a "(cont.)"
    slide of the same box) a labelled paragraph is cut only when longer than a whole box."""
    if not paragraphs:
        return Fitted(None, (), 0)
    size = paragraphs[0].size
    while True:
        trial = resized(paragraphs, size) if size != paragraphs[0].size else paragraphs
        need = content_height(trial, rect.w, body_font)
        if need <= rect.h:
            box = TextBox(Rect(rect.x, rect.y, rect.w, need), trial, name, fill=fill)
            return Fitted(box, (), need)
        if size - 1 < min_size:
            break
        size -= 1
    trial = resized(paragraphs, min_size)
    kept: list[Paragraph] = []
    rest = list(trial)
    while rest:
        candidate = (*kept, rest[0])
        if content_height(candidate, rect.w, body_font) <= rect.h:
            kept.append(rest.pop(0))
            continue
        if whole_labelled and kept and _whole_on_next(rest[0], rect, body_font):
            break
        head, tail = _split_paragraph(rest[0], rect, tuple(kept), body_font)
        if head is not None:
            kept.append(head)
            rest[0] = tail
        break
    if not kept:
        return Fitted(None, tuple(rest), 0)
    need = content_height(tuple(kept), rect.w, body_font)
    box = TextBox(Rect(rect.x, rect.y, rect.w, need), tuple(kept), name, fill=fill)
    return Fitted(box, tuple(rest), need)


def _whole_on_next(paragraph: Paragraph, rect: Rect, body_font: str) -> bool:
    """A labelled paragraph ("Utilization: …", "Why they bought: …") moves whole to the next
    box when it fits there: cut, its second half would read on without its label."""
    return len(paragraph.runs) > 1 and content_height((paragraph,), rect.w, body_font) <= rect.h


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for word in text.split(" "):
        current.append(word)
        if word.endswith((".", "!", "?", ";")):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _split_paragraph(
    paragraph: Paragraph, rect: Rect, kept: tuple[Paragraph, ...], body_font: str
) -> tuple[Paragraph | None, Paragraph]:
    """Cut a paragraph in its last run after as many whole sentences as fit below ``kept``;
    runs before the last (a bold label) stay with the head."""
    lead, run = paragraph.runs[:-1], paragraph.runs[-1]
    # Whole sentences first; a box that would otherwise stay empty takes whole words.
    pieces = _sentences(run.text)
    best = _most_that_fit(paragraph, pieces, rect, kept, body_font)
    if best == 0 and not kept:
        pieces = run.text.split(" ")
        best = _most_that_fit(paragraph, pieces, rect, kept, body_font)
    if best == 0:
        return None, paragraph
    head = replace(paragraph, runs=(*lead, replace(run, text=" ".join(pieces[:best]))))
    tail = replace(paragraph, runs=(replace(run, text=" ".join(pieces[best:])),), space_before=0.0)
    return head, tail


def _most_that_fit(
    paragraph: Paragraph, pieces: list[str], rect: Rect, kept: tuple[Paragraph, ...], font: str
) -> int:
    """How many of ``pieces`` (of the last run) fit below ``kept``: a binary search, the
    height growing with the pieces taken."""
    lead, run = paragraph.runs[:-1], paragraph.runs[-1]

    def fits(n: int) -> bool:
        head = replace(paragraph, runs=(*lead, replace(run, text=" ".join(pieces[:n]))))
        return content_height((*kept, head), rect.w, font) <= rect.h

    low, high = 0, len(pieces) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low


# Tables ------------------------------------------------------------------------------------


def _cell_lines(size: float, body_font: str) -> Callable[[Cell, int, bool], int]:
    """How many lines a cell's text takes in a column of a width at ``size``, bold or not:
    one wrapper per column width and weight (a table wraps every cell in one of two faces)."""
    wrappers: dict[tuple[int, bool], Callable[[str], list[str]]] = {}

    def lines(cell: Cell, width: int, bold: bool) -> int:
        key = (width, bold or cell.bold)
        wrapped = wrappers.get(key)
        if wrapped is None:
            usable = emu_to_pt(width) - 2 * style.CELL_MARGIN_X
            wrapped = wrappers[key] = wrapper(size, usable, FontFace(body_font, bold=key[1]))
        return len(wrapped(cell.text))

    return lines


def row_height(
    cells: tuple[Cell, ...],
    widths: tuple[int, ...],
    size: float,
    body_font: str,
    header: bool,
    lines: Callable[[Cell, int, bool], int] | None = None,
) -> int:
    """The row's height: its tallest cell's lines; ``lines`` counts them (one
    :func:`_cell_lines` for all the rows of a table at one size)."""
    count = lines or _cell_lines(size, body_font)
    most = max(count(c, w, header) for c, w in zip(cells, widths, strict=True))
    return pt_to_emu(text_height(most, size) + 2 * style.CELL_MARGIN_Y) + 1


def column_widths(total: int, fractions: tuple[float, ...]) -> tuple[int, ...]:
    widths = [round(total * f) for f in fractions]
    widths[-1] = total - sum(widths[:-1])
    return tuple(widths)


def _longest_word(cells: list[Cell], size: float, font: str, bold_all: bool) -> float:
    measures: dict[bool, Callable[[str], float]] = {}

    def measure(bold: bool) -> Callable[[str], float]:
        if bold not in measures:
            measures[bold] = measurer(size, FontFace(font, bold=bold))
        return measures[bold]

    return max(
        (
            width(word)
            for c in cells
            for width in (measure(bold_all or c.bold),)
            for word in c.text.split()
        ),
        default=0.0,
    )


def fit_columns(
    total: int,
    fractions: tuple[float, ...],
    rows: list[tuple[Cell, ...]],
    size: float,
    font: str,
) -> tuple[int, ...]:
    """Column widths near ``fractions`` but never narrower than a column's longest word
    (so no word is broken mid-way); the room is taken from the columns with the most to spare.
    ``rows[0]`` is the header (bold)."""
    widths = list(column_widths(total, fractions))
    need = [
        pt_to_emu(
            max(
                _longest_word([rows[0][i]], size, font, True),
                _longest_word([r[i] for r in rows[1:]], size, font, False),
            )
            + 2 * style.CELL_MARGIN_X
            + 1
        )
        for i in range(len(widths))
    ]
    for i, want in enumerate(need):
        short = want - widths[i]
        while short > 0:
            donors = [j for j in range(len(widths)) if widths[j] - need[j] > 0 and j != i]
            if not donors:
                break
            j = max(donors, key=lambda k: widths[k] - need[k])
            give = min(short, widths[j] - need[j])
            widths[j] -= give
            widths[i] += give
            short -= give
    return tuple(widths)


def paginate_table(
    rect: Rect,
    name: str,
    header: tuple[Cell, ...],
    rows: list[tuple[Cell, ...]],
    fractions: tuple[float, ...],
    body_font: str,
    *,
    size: float = style.TABLE_SIZE,
    min_size: float | None = None,
    next_page_height: int | None = None,
    alt_text: str = "",
) -> list[Table]:
    """Lay ``rows`` out as one table per page, header repeated. When the rows don't fit
    ``rect`` at ``size``, smaller sizes down to ``min_size`` are tried first; pages after the
    first get ``next_page_height`` of room (a whole slide body)."""
    smallest = size if min_size is None else min_size
    pages = at_size = _paginate(
        rect, name, header, rows, fractions, body_font, size, next_page_height
    )
    trial = size - 1
    while len(pages) > 1 and trial >= smallest:
        pages = _paginate(rect, name, header, rows, fractions, body_font, trial, next_page_height)
        trial -= 1
    if len(pages) > 1:  # no smaller size fits one page: paginate at the full size
        pages = at_size
    return [replace(p, alt_text=alt_text) for p in pages]


def _paginate(
    rect: Rect,
    name: str,
    header: tuple[Cell, ...],
    rows: list[tuple[Cell, ...]],
    fractions: tuple[float, ...],
    body_font: str,
    size: float,
    next_page_height: int | None,
) -> list[Table]:
    widths = fit_columns(rect.w, fractions, [header, *rows], size, body_font)
    lines = _cell_lines(size, body_font)
    head_h = row_height(header, widths, size, body_font, header=True, lines=lines)
    heights = [row_height(r, widths, size, body_font, header=False, lines=lines) for r in rows]
    pages: list[Table] = []
    start = 0
    room = rect.h
    while start < len(rows) or not pages:
        used = head_h
        end = start
        while end < len(rows) and used + heights[end] <= room:
            used += heights[end]
            end += 1
        if end == start and start < len(rows):
            end = start + 1  # a single row taller than the page still goes somewhere
            used += heights[start]
        if len(rows) - end == 1 and end - start > 2:
            end -= 1  # never one row alone on the last page: it takes one from this page
            used -= heights[end]
        pages.append(
            Table(
                Rect(rect.x, rect.y, rect.w, used),
                name,
                header,
                tuple(rows[start:end]),
                widths,
                (head_h, *heights[start:end]),
                size,
            )
        )
        start = end
        room = next_page_height or rect.h
        if not rows:
            break
    return pages
