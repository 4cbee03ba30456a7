"""The measuring shortcuts a table uses (one font lookup per face, not per word or cell) give
exactly what measuring each text on its own gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qbr_studio.deck import style
from qbr_studio.deck.fit import FontFace, measurer, text_width, wrap, wrapper
from qbr_studio.deck.geometry import emu_to_pt
from qbr_studio.deck.plan import Cell
from qbr_studio.deck.planning.layout import _cell_lines, row_height

WORDS = st.text(alphabet="aAbWiil .,-–€ü0123456789\n", max_size=60)
FACES = st.builds(
    FontFace, st.sampled_from(["Calibri", "Georgia", "Verdana", "Nowhere Sans"]), st.booleans()
)


@settings(max_examples=150, deadline=None)
@given(text=WORDS, size=st.floats(6, 40), width=st.floats(5, 400), face=FACES)
def test_a_wrapper_wraps_as_wrap(text, size, width, face) -> None:
    assert wrapper(size, width, face)(text) == wrap(text, size, width, face)


@settings(max_examples=150, deadline=None)
@given(text=WORDS.map(lambda t: t.replace("\n", " ")), size=st.floats(6, 40), face=FACES)
def test_a_measurer_measures_as_text_width(text, size, face) -> None:
    assert measurer(size, face)(text) == text_width(text, size, face)


CELLS = st.builds(Cell, WORDS, bold=st.booleans())


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.lists(CELLS, min_size=3, max_size=3).map(tuple), min_size=1, max_size=6),
    widths=st.lists(st.integers(200_000, 3_000_000), min_size=3, max_size=3).map(tuple),
    size=st.sampled_from([9.0, 10.0, 12.0]),
    header=st.booleans(),
)
def test_rows_measured_with_one_line_counter_are_as_tall_as_alone(rows, widths, size, header):
    lines = _cell_lines(size, "Calibri")
    for cells in rows:
        shared = row_height(cells, widths, size, "Calibri", header, lines=lines)
        alone = row_height(cells, widths, size, "Calibri", header)
        assert shared == alone
        for cell, w in zip(cells, widths, strict=True):
            usable = emu_to_pt(w) - 2 * style.CELL_MARGIN_X
            face = FontFace("Calibri", bold=header or cell.bold)
            assert lines(cell, w, header) == len(wrap(cell.text, size, usable, face))
