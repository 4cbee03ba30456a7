"""Render a deck the way a person sees it: LibreOffice → PDF → word boxes and PNG pages."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx import Presentation

from qbr_studio.deck.geometry import EMU_PER_PT

RENDER_TIMEOUT = 240


def can_render() -> bool:
    return all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm"))


def to_pdf(pptx: Path, out_dir: Path) -> Path:
    profile = out_dir / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(pptx),
        ],
        check=True,
        capture_output=True,
        timeout=RENDER_TIMEOUT,
    )
    pdf = out_dir / (pptx.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {pptx}"
    return pdf


def to_png(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / pdf.stem)],
        check=True,
        timeout=RENDER_TIMEOUT,
    )
    return sorted(out_dir.glob(f"{pdf.stem}*.png"))


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words_by_page(pdf: Path) -> list[list[Word]]:
    """Every word LibreOffice drew, with its box in points from the page's top-left."""
    html = pdf.with_suffix(".bbox.html")
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True, timeout=60)
    root = etree.parse(str(html), etree.HTMLParser())
    pages = []
    for page in root.iter("page"):
        pages.append(
            [
                Word(w.text or "", *(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")))
                for w in page.iter("word")
            ]
        )
    return pages


TOLERANCE_PT = 2.0
"""Slack for anti-aliasing and PDF glyph boxes, in points."""


def _shows_master_shapes(layout) -> bool:
    return layout.element.get("showMasterSp", "1") not in ("0", "false")


def _shape_boxes(slide) -> list[tuple[float, float, float, float]]:
    """Boxes of the slide's shapes and of the artwork its layout and master draw on it (static
    text there is the template's, in its own box); layout and master placeholders show
    nothing on a slide, so they do not count."""
    layout = slide.slide_layout
    artwork = [s for s in layout.shapes if not s.is_placeholder]
    if _shows_master_shapes(layout):
        artwork += [s for s in layout.slide_master.shapes if not s.is_placeholder]
    boxes = []
    for shape in [*slide.shapes, *artwork]:
        if shape.width is None:
            continue
        x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
        boxes.append((x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT))
    return boxes


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    t = TOLERANCE_PT
    return word.x0 >= x0 - t and word.y0 >= y0 - t and word.x1 <= x1 + t and word.y1 <= y1 + t


def words_outside_boxes(deck: Path, pdf: Path) -> list[str]:
    """Every word LibreOffice drew outside all of its slide's shape boxes, described."""
    prs = Presentation(str(deck))
    pages = words_by_page(pdf)
    assert len(pages) == len(prs.slides), "one PDF page per slide"
    problems = []
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        assert words, f"slide {number} rendered no text"
        boxes = _shape_boxes(slide)
        problems += [
            f"slide {number}: {w.text!r} at ({w.x0:.0f},{w.y0:.0f})–({w.x1:.0f},{w.y1:.0f})"
            for w in words
            if not any(_inside(w, box) for box in boxes)
        ]
    return problems
