"""The deck's package is written by ``qbr_studio.deck.writing.package_writer``, not by
python-pptx's ``save``; the zip must hold the same members in the same order with the same
bytes."""

from __future__ import annotations

import io
import zipfile

import pptx
import template_factory as tf
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from qbr_studio.deck.writing.package_writer import save_package
from qbr_studio.deck.writing.pptx_internals import package_relationships


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info.filename, z.read(info)) for info in z.infolist()]


def _presentation():
    """Pictures, a chart with its workbook, notes, an external hyperlink."""
    prs = pptx.Presentation()
    for layout in list(prs.slide_layouts)[:3]:
        slide = prs.slides.add_slide(layout)
        slide.shapes.add_picture(io.BytesIO(tf.png((20, 10), (200, 40, 60))), 0, 0)
        data = CategoryChartData()
        data.categories = ["North", "South & East"]
        data.add_series("Revenue", (1.5, 2.0))
        slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data)
        box = slide.shapes.add_textbox(0, 0, Inches(2), Inches(1))
        run = box.text_frame.paragraphs[0].add_run()
        run.text = "Link"
        run.hyperlink.address = "https://example.com/?a=1&b=<2>"
        slide.notes_slide.notes_text_frame.text = "Notes"
    return prs


def test_the_package_is_written_as_python_pptx_writes_it() -> None:
    prs = _presentation()
    expected, written = io.BytesIO(), io.BytesIO()
    prs.save(expected)
    save_package(prs.part.package, written)
    want, got = _members(expected.getvalue()), _members(written.getvalue())
    assert [name for name, _ in got] == [name for name, _ in want]
    for (name, blob), (_, mine) in zip(want, got, strict=True):
        assert mine == blob, name
    assert any(b'TargetMode="External"' in blob for _, blob in got)


def test_the_package_relationships_are_pythons_pptx_own() -> None:
    prs = pptx.Presentation()
    rels = package_relationships(prs.part.package)
    assert prs.part in [rel.target_part for rel in rels.values()]
