"""Render a deck the way a person sees it: LibreOffice → PDF → word boxes and PNG pages."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

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
