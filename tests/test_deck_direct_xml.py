"""A slide's and a notes page's bytes told without parsing their XML (deck/writing/direct_xml.py)
are the bytes python-pptx saves after parsing it, whenever they are told at all; plain text
is always told directly, and a whole deck is the same either way."""

from __future__ import annotations

import io
import zipfile

import pytest
import template_factory as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.slide import CT_Slide

from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.plan import Align, Cell, Paragraph, Run, Shape, Table, TextBox
from qbr_studio.deck.produce import plan_deck
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.writing import direct_xml, ooxml, placeholders
from qbr_studio.deck.writing.pptx_writer import write_pptx
from qbr_studio.sample import build_sample_review

PALETTE = load_template(None).palette
RECT = Rect(10, 20, 3_000_000, 1_000_000)
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("aZ09 .,&<>\"'\r\n\t\x01\x0b\x7f\ufffe€ü—\U0001f600]"),
        st.characters(),
    ),
    max_size=12,
)
RUNS = st.builds(Run, TEXT, st.booleans(), st.booleans())
PARAGRAPHS = st.builds(
    Paragraph,
    st.lists(RUNS, max_size=3).map(tuple),
    st.sampled_from([10.0, 14.5]),
    bullet=st.booleans(),
    align=st.sampled_from(list(Align)),
    space_before=st.sampled_from([0.0, 6.0]),
)
TITLE = placeholders.LayoutSlot(PP_PLACEHOLDER.TITLE, "horz", '<p:ph type="title"/>', True)


def _saved(xml: str) -> bytes:
    return etree.tostring(parse_xml(xml), encoding="UTF-8", standalone=True)


def _saved_slide(shapes: list[str]) -> bytes:
    """What the writer does without direct_xml: parse the shapes into a new slide, save it."""
    slide = CT_Slide.new()
    parsed = parse_xml(f"<p:spTree {ooxml.NS}>{''.join(shapes)}</p:spTree>")
    slide.cSld.spTree.extend(list(parsed))
    return etree.tostring(slide, encoding="UTF-8", standalone=True)


def _shapes(texts: list[str], paragraphs: list[Paragraph]) -> list[str]:
    a, b = [*texts, "", ""][:2]
    cells = tuple(Cell(t, bold=i % 2 == 0) for i, t in enumerate(texts[:3] or [""]))
    table = Table(RECT, a, cells, (cells,), (1_000_000,) * len(cells), (300_000, 300_000), 10.0, b)
    kept = placeholders.Kept(TITLE, 2, a or "Title 1")
    return [
        placeholders.placeholder_sp(kept, placeholders.text_body(TITLE, b, 20.0, RGB(1, 2, 3))),
        ooxml.text_box(3, TextBox(RECT, tuple(paragraphs), a, fill="surface"), PALETTE),
        ooxml.table(4, table, PALETTE),
        ooxml.rectangle(5, Shape(RECT, b, "surface"), PALETTE),
        ooxml.chart_frame(6, a, "rId2", RECT, b),
    ]


@settings(max_examples=300, deadline=None)
@given(texts=st.lists(TEXT, max_size=4), paragraphs=st.lists(PARAGRAPHS, max_size=3))
def test_a_slide_told_directly_is_the_slide_saved_after_parsing(texts, paragraphs) -> None:
    shapes = _shapes(texts, paragraphs)
    direct = direct_xml.slide(shapes)
    try:
        saved = _saved_slide(shapes)
    except (ValueError, etree.XMLSyntaxError):
        assert direct is None  # what parsing refuses is parsed (and refused) as before
        return
    assert direct is None or direct == saved


AWKWARD = [
    'a"b',
    "a'b\"c",
    "a\nb",
    "a\tb",
    "a\rb",
    "a\r\nb",
    "&#38;",
    "\x01",
    "\x0b",
    "\ufffe",
    "\ud800",
    "",
    "  ",
    "x > y & z < w",
    "]]>",
]
"""Texts that reach the XML in a form lxml writes otherwise, or refuses, or that look like one."""


@pytest.mark.parametrize("value", AWKWARD)
@pytest.mark.parametrize("where", range(5))
def test_each_awkward_text_in_each_shape_is_told_right_or_parsed(value, where) -> None:
    shape = _shapes([value, value, value], [Paragraph((Run(value),), 11.0)])[where]
    direct = direct_xml.slide([shape])
    try:
        saved = _saved_slide([shape])
    except (ValueError, etree.XMLSyntaxError):
        assert direct is None
        return
    assert direct is None or direct == saved
    notes = ooxml.notes([value, "plain"])
    direct = direct_xml.notes(notes)
    assert direct is None or direct == _saved(notes)


@settings(max_examples=300, deadline=None)
@given(paragraphs=st.lists(TEXT, max_size=4))
def test_a_notes_page_told_directly_is_the_page_saved_after_parsing(paragraphs) -> None:
    xml = ooxml.notes(paragraphs)
    direct = direct_xml.notes(xml)
    try:
        saved = _saved(xml)
    except (ValueError, etree.XMLSyntaxError):
        assert direct is None
        return
    assert direct is None or direct == saved


@settings(max_examples=100, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="abcXYZ 019.,-–€ü&<>'", max_size=10), max_size=4),
    paragraphs=st.lists(
        PARAGRAPHS.map(lambda p: Paragraph((Run("plain & <simple>"),), 11.0)), max_size=2
    ),
)
def test_plain_text_is_told_directly(texts, paragraphs) -> None:
    shapes = _shapes(texts, paragraphs)
    assert direct_xml.slide(shapes) == _saved_slide(shapes)
    notes = ooxml.notes(texts)
    assert direct_xml.notes(notes) == _saved(notes)


def _members(plan, author: str) -> dict[str, bytes]:
    out = io.BytesIO()
    write_pptx(plan, out, author=author)
    with zipfile.ZipFile(out) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


@pytest.mark.parametrize("builder", [None, tf.hardest, tf.decorated_dark])
def test_a_deck_is_the_same_told_directly_or_parsed(builder, tmp_path, monkeypatch) -> None:
    review = build_sample_review()
    for account in review.book.accounts[:5]:
        account.name += " & <Sons> \"Q\" 'x' \r— Ü"
    told = []
    for name in ("slide", "notes"):
        tell = getattr(direct_xml, name)
        monkeypatch.setattr(direct_xml, name, lambda x, tell=tell: told.append(tell(x)) or told[-1])
    plan = plan_deck(review, None if builder is None else builder(tmp_path))
    direct = _members(plan, "Zoë")
    assert sum(t is not None for t in told) > len(plan.slides), "most parts are told directly"
    assert any(t is None for t in told), "the quoted names are parsed"
    for name in ("slide", "notes"):
        monkeypatch.setattr(direct_xml, name, lambda x: None)
    assert _members(plan, "Zoë") == direct


@pytest.mark.parametrize(
    "inner",
    [
        '<a:x b="1"></a:x>',
        "<a:x></a:x>",
        "<a:t>&apos;</a:t>",
        "<a:t>&#65;</a:t>",
        "<a:t>&quot;</a:t>",
        "<a:x b='1'/>",
        "<a:t>a\rb</a:t>",
    ],
)
def test_xml_in_a_form_lxml_writes_otherwise_is_parsed(inner) -> None:
    """Forms today's builders do not write, checked so a builder that starts writing them is
    parsed rather than written differently."""
    xml = f"<p:notes {ooxml.NS}>{inner}</p:notes>"
    assert _saved(xml) != f"{direct_xml.DECLARATION}{xml}".encode()
    assert direct_xml.notes(xml) is None
