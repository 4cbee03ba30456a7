"""``qbr-studio build … --charts DIR`` (issue 10): every chart of the deck as a picture for
emails and wikis, drawn by matplotlib from the same ChartSpec as the slide."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from qbr_studio.cli import main
from qbr_studio.deck.chart_style import charts_of
from qbr_studio.deck.produce import plan_deck
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def sample(tmp_path: Path) -> Path:
    path = tmp_path / "q4.qbr"
    save_review(path, build_sample_review())
    return path


def test_build_saves_every_chart_named_by_slide_and_title(tmp_path, capsys):
    review = sample(tmp_path)
    folder = tmp_path / "charts"
    code, out, _ = run(
        capsys, "build", str(review), "-o", str(tmp_path / "q4.pptx"), "--charts", str(folder)
    )
    assert code == 0
    plan = plan_deck(build_sample_review())
    charts = charts_of(plan)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 * len(charts)  # a PNG and an SVG each
    for index, chart in charts:
        number = plan.slides[index].number
        svgs = [n for n in names if n.startswith(f"{number:02d} ") and n.endswith(".svg")]
        titles = [ET.parse(folder / n).getroot()[0].text for n in svgs]
        assert chart.spec.title in titles
    assert str(folder / names[0]) in out


def test_chart_format_picks_one_kind(tmp_path, capsys):
    folder = tmp_path / "charts"
    code, _, _ = run(
        capsys,
        "build",
        str(sample(tmp_path)),
        "-o",
        str(tmp_path / "q4.pptx"),
        "--charts",
        str(folder),
        "--chart-format",
        "png",
    )
    assert code == 0
    assert {p.suffix for p in folder.iterdir()} == {".png"}


def test_charts_into_a_file_is_refused_before_the_deck_is_built(tmp_path, capsys):
    blocker = tmp_path / "charts"
    blocker.write_text("not a folder")
    deck = tmp_path / "q4.pptx"
    code, _, err = run(
        capsys, "build", str(sample(tmp_path)), "-o", str(deck), "--charts", str(blocker)
    )
    assert code == 2
    assert f"{blocker}: --charts needs a folder" in err
    assert "Traceback" not in err
    assert not deck.exists()
