"""The charts' finish (DECK.md "Look"): axis titles with units, at most six ticks, no rotated
stage labels, drivers sorted by score, status colours said in words; "NPS" in the appendix;
and the reference XML of one chart part and one notes part."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from deck_support import pretty_part, xml_diff

from qbr_studio.charts import catalog
from qbr_studio.charts.spec import ChartKind
from qbr_studio.deck.plan import Chart, Table
from qbr_studio.deck.produce import build_deck
from qbr_studio.sample import build_sample_review

REFERENCE = Path(__file__).parent / "reference"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("finish") / "sample.pptx"
    plan = build_deck(build_sample_review(), out)
    return plan, out


def _specs(plan):
    return {e.spec.title: e.spec for s in plan.slides for e in s.elements if isinstance(e, Chart)}


def test_value_axes_have_units_and_at_most_six_ticks(built):
    plan, _ = built
    for title, spec in _specs(plan).items():
        assert "(" in spec.value_axis_title, f"{title}: {spec.value_axis_title!r} has no unit"
        largest = max(
            (sum(s.values[i] or 0 for s in spec.series) for i in range(len(spec.categories))),
            default=0,
        )
        if spec.kind is not ChartKind.STACKED_COLUMN:
            largest = max((v or 0 for s in spec.series for v in s.values), default=0)
        step = spec.major_unit
        if spec.value_max is None:
            assert step, f"{title} leaves its ticks to the application"
            assert largest / step <= catalog.MAX_TICKS, title


def test_stage_names_read_across_and_drivers_weakest_first(built):
    plan, _ = built
    specs = _specs(plan)
    assert specs["Expansion pipeline by stage"].kind is ChartKind.BAR
    drivers = specs["Health drivers (score out of 100)"].series[0].values
    assert list(drivers) == sorted(drivers)


def test_status_colours_are_said_in_words(built):
    plan, _ = built
    for spec in _specs(plan).values():
        roles = {c for s in spec.series for c in (s.point_colors or ())}
        if any(r.startswith("status:") for r in roles):
            said = f"{spec.source} {' '.join(spec.categories)}".lower()
            assert "green" in said and "red" in said, spec.title


def test_nice_step_gives_round_steps_and_at_most_six_ticks():
    for largest in (1, 7, 24, 99, 540_000, 2_824_000, 4_600_000):
        step = catalog.nice_step(largest)
        assert step and largest / step <= catalog.MAX_TICKS - 1
        mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
        assert mantissa in (1, 2, 2.5, 5)
    assert catalog.nice_step(0) is None


def test_the_appendix_writes_nps_in_capitals(built):
    plan, _ = built
    kinds = [
        r[0].text
        for s in plan.slides
        for e in s.elements
        if isinstance(e, Table) and e.name == "Data sources"
        for r in e.rows
    ]
    assert "NPS" in kinds and "Nps" not in kinds


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("ppt/charts/chart2.xml", "sample_chart2.xml"),
        ("ppt/charts/chart7.xml", "sample_chart7.xml"),
        ("ppt/notesSlides/notesSlide9.xml", "sample_notes9.xml"),
    ],
)
def test_reference_chart_and_notes_parts(built, member, name):
    """The renewals charts (the glance slide's, wide enough for labels inside its segments, and
    the renewals slide's, too narrow for any) and the renewals notes; QBR_UPDATE_REFERENCE=1
    rewrites them."""
    _, out = built
    actual = pretty_part(out.read_bytes(), member)
    ref = REFERENCE / name
    if os.environ.get("QBR_UPDATE_REFERENCE"):
        ref.write_text(actual, encoding="utf-8")
    assert ref.exists(), f"{ref} is missing: run with QBR_UPDATE_REFERENCE=1 and review it"
    assert actual == ref.read_text(encoding="utf-8"), "\n" + xml_diff(
        ref.read_text(encoding="utf-8"), actual, name
    )


def test_category_labels_are_all_drawn_and_level(built):
    import zipfile

    _, out = built
    with zipfile.ZipFile(out) as z:
        parts = [n for n in z.namelist() if n.startswith("ppt/charts/chart")]
        assert parts
        for name in parts:
            xml = z.read(name).decode()
            axis = xml[xml.index("<c:catAx>") : xml.index("</c:catAx>")]
            assert '<c:tickLblSkip val="1"/>' in axis, name
            assert '<a:bodyPr rot="0" vert="horz"/>' in axis, name


def test_tables_alone_on_their_slide_are_larger_and_blocked_actions_stand_out(built):
    from qbr_studio.deck import style

    plan, _ = built
    actions = next(s for s in plan.slides if "to close" in s.title)
    table = next(e for e in actions.elements if isinstance(e, Table))
    assert style.TABLE_SIZE < table.font_size <= style.TABLE_ALONE_SIZE
    blocked = [r for r in table.rows if r[4].text == "Blocked"]
    assert blocked and all(r[4].color == "alert" and r[4].bold for r in blocked)
