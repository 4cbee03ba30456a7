"""The matplotlib renderer of a ChartSpec (issue 10): the deck's chart as PNG/SVG for emails and
wikis, and the account view's interactive charts. It draws what the spec says — values,
colours by role, the value axis in the spec's number format — describes itself with the
spec's title and alt text, and is never imported by the deck's build."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from qbr_studio.charts import mpl
from qbr_studio.charts.render_style import RenderStyle
from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.deck.font_files import resolve
from qbr_studio.deck.plan import ChartLook
from qbr_studio.errors import UserError

SVG = "{http://www.w3.org/2000/svg}"


@dataclass(frozen=True)
class Hex:
    hex: str


@dataclass(frozen=True)
class Colours:
    roles: dict[str, str] = field(
        default_factory=lambda: {
            "background": "FFFFFF",
            "text": "222222",
            "muted": "777777",
            "on_accent": "FFFFFF",
            "series:0": "1F4E79",
            "series:1": "70AD47",
            "status:green": "00AA00",
            "status:yellow": "DDAA00",
            "status:red": "CC0000",
        }
    )

    @property
    def background(self) -> Hex:
        return Hex(self.roles["background"])

    @property
    def text(self) -> Hex:
        return Hex(self.roles["text"])

    @property
    def muted(self) -> Hex:
        return Hex(self.roles["muted"])

    def resolve(self, role: str) -> Hex:
        return Hex(self.roles[role])


STYLE = RenderStyle(
    Colours(), ChartLook(), resolve("Calibri").path, resolve("Calibri", bold=True).path
)


def column_spec(**changes) -> ChartSpec:
    values = dict(
        kind=ChartKind.COLUMN,
        title="ARR by health & risk",
        categories=("Green", "Yellow", "Red"),
        series=(
            Series(
                "ARR",
                (400_000.0, 150_000.0, 50_000.0),
                "series:0",
                ("status:green", "status:yellow", "status:red"),
            ),
        ),
        alt_text="Column chart of ARR by health: green $400k, yellow $150k, red $50k <of 600k>.",
        number_format='$#,##0,"k"',
        major_unit=100_000.0,
        source="CRM export",
    )
    values.update(changes)
    return ChartSpec(**values)


def line_spec() -> ChartSpec:
    return ChartSpec(
        kind=ChartKind.LINE,
        title="Active vs licensed users",
        categories=("Jan", "Feb", "Mar"),
        series=(
            Series("Active users", (80.0, None, 95.0), "series:0"),
            Series("Licensed users", (100.0, 100.0, 100.0), "muted", dashed=True),
        ),
        alt_text="Line chart of active users against licensed users.",
        number_format="#,##0",
        legend=True,
    )


def centre_event(drawing: mpl.Drawing, x: float, y: float) -> MouseEvent:
    """A mouse event at data point (x, y) of the chart's axes."""
    drawing.figure.canvas.draw()
    ax = drawing.figure.axes[0]
    px, py = ax.transData.transform((x, y))
    return MouseEvent("motion_notify_event", drawing.figure.canvas, px, py)


def test_bars_take_their_points_colours_and_the_value_axis_reads_in_the_specs_format():
    drawing = mpl.draw(Figure(), column_spec(), STYLE)
    ax = drawing.figure.axes[0]
    colours = [to_hex(m.artist.get_facecolor()) for m in drawing.marks]
    assert colours == ["#00aa00", "#ddaa00", "#cc0000"]  # status roles, point by point
    assert [m.value for m in drawing.marks] == [400_000.0, 150_000.0, 50_000.0]
    # 0 … 400k by the spec's 100k step, one more step of headroom: $0k … $500k
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "$0k",
        "$100k",
        "$200k",
        "$300k",
        "$400k",
        "$500k",
    ]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Green", "Yellow", "Red"]
    labels = [t.get_text() for t in ax.texts]  # data labels in the number format
    assert labels == ["$400k", "$150k", "$50k"]
    assert ax.get_title(loc="left") == "ARR by health & risk"


def test_horizontal_bars_put_the_first_category_on_top():
    spec = column_spec(kind=ChartKind.BAR)
    drawing = mpl.draw(Figure(), spec, STYLE)
    ax = drawing.figure.axes[0]
    bottom, top = ax.get_ylim()
    assert bottom > top  # inverted: category 0 is drawn highest
    widths = [m.artist.get_width() for m in drawing.marks]
    assert widths == [400_000.0, 150_000.0, 50_000.0]


def test_stacked_columns_stack_and_a_missing_value_draws_nothing():
    spec = ChartSpec(
        kind=ChartKind.STACKED_COLUMN,
        title="Tickets",
        categories=("Jan", "Feb"),
        series=(
            Series("P1", (1.0, 2.0), "status:red"),
            Series("P2", (3.0, None), "status:yellow"),
        ),
        alt_text="Tickets per month.",
        data_labels=False,
        legend=True,
    )
    drawing = mpl.draw(Figure(), spec, STYLE)
    bars = [(m.series, m.category, m.artist.get_y(), m.artist.get_height()) for m in drawing.marks]
    assert bars == [("P1", "Jan", 0.0, 1.0), ("P1", "Feb", 0.0, 2.0), ("P2", "Jan", 1.0, 3.0)]
    legend = drawing.figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["P1", "P2"]


def test_hover_names_the_value_under_the_mouse():
    drawing = mpl.draw(Figure(figsize=(6, 4)), column_spec(), STYLE)
    mark = drawing.mark_at(centre_event(drawing, 1, 75_000))
    assert mark is not None and mark.text == "Yellow · ARR: $150k"
    assert drawing.mark_at(centre_event(drawing, 2, 300_000)) is None  # above the red bar

    lines = mpl.draw(Figure(figsize=(6, 4)), line_spec(), STYLE)
    point = lines.mark_at(centre_event(lines, 2, 95))
    assert point is not None and point.text == "Mar · Active users: 95"
    assert [m.category for m in lines.marks if m.series == "Active users"] == ["Jan", "Mar"]


def test_a_dashed_series_is_dashed():
    drawing = mpl.draw(Figure(), line_spec(), STYLE)
    active, licensed = drawing.figure.axes[0].lines
    assert active.get_linestyle() == "-"
    assert licensed.get_linestyle() == "--"


def test_the_svg_says_the_charts_title_and_alt_text_first():
    data = mpl.image_bytes(column_spec(), STYLE, "svg")
    root = ET.fromstring(data)
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title" and first.text == "ARR by health & risk"
    assert second.tag == f"{SVG}desc" and second.text == column_spec().alt_text
    assert len(root.findall(f"{SVG}title")) == 1
    assert mpl.image_bytes(column_spec(), STYLE, "svg") == data  # the same spec, the same file


def test_the_png_carries_title_and_description(tmp_path: Path):
    from PIL import Image

    path = mpl.save(column_spec(), STYLE, tmp_path / "arr.png")
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (round(mpl.SIZE[0] * mpl.DPI), round(mpl.SIZE[1] * mpl.DPI))
        assert image.text["Title"] == "ARR by health & risk"
        assert image.text["Description"] == column_spec().alt_text


def test_saving_as_anything_but_png_or_svg_is_refused_naming_the_file(tmp_path: Path):
    with pytest.raises(UserError, match=r"arr\.jpg.*\.png or \.svg"):
        mpl.save(column_spec(), STYLE, tmp_path / "arr.jpg")
    assert not (tmp_path / "arr.jpg").exists()
    with pytest.raises(UserError, match="does not exist"):
        mpl.save(column_spec(), STYLE, tmp_path / "missing" / "arr.svg")


def test_file_stem_is_the_title_without_punctuation():
    assert mpl.file_stem(column_spec(title="Health drivers (score out of 100)")) == (
        "Health drivers score out of 100"
    )
    assert mpl.file_stem(column_spec(title="???")) == "chart"


def test_every_chart_of_the_standard_deck_saves_in_the_decks_colours(tmp_path: Path):
    from qbr_studio.deck.chart_style import chart_style, charts_of
    from qbr_studio.deck.produce import plan_deck
    from qbr_studio.sample import build_sample_review

    plan = plan_deck(build_sample_review())
    charts = charts_of(plan)
    assert {c.spec.kind for _, c in charts} >= {ChartKind.BAR, ChartKind.LINE, ChartKind.COLUMN}
    for index, chart in charts:
        style = chart_style(plan, plan.slides[index], chart)
        drawing = mpl.draw(Figure(), chart.spec, style)
        values = sum(1 for s in chart.spec.series for v in s.values if v is not None)
        assert len(drawing.marks) == values, chart.spec.title
        first = drawing.marks[0].artist
        expected = (
            "#"
            + plan.palette_for(plan.slides[index])
            .resolve(
                chart.spec.series[0].point_colors[0]
                if chart.spec.series[0].point_colors
                else chart.spec.series[0].color
            )
            .hex
        )
        got = first.get_color() if chart.spec.kind is ChartKind.LINE else first.get_facecolor()
        assert to_hex(got) == expected.lower(), chart.spec.title


def test_building_a_deck_never_imports_matplotlib(tmp_path: Path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qbr_studio.deck.produce import build_deck\n"
        "from qbr_studio.sample import build_sample_review\n"
        f"build_deck(build_sample_review(), Path({str(tmp_path / 'q.pptx')!r}))\n"
        "print('matplotlib' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
