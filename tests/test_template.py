"""Company templates: loading, layout discovery, geometry, readable colours, and a clean start."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Callable
from pathlib import Path

import pptx
import pytest
import template_factory as factory
from pptx.enum.shapes import PP_PLACEHOLDER

from qbr_studio.deck.colors import (
    BLACK,
    WHITE,
    best_text_color,
    contrast_ratio,
    ensure_contrast,
    relative_luminance,
    to_hls,
)
from qbr_studio.deck.geometry import RGB, Rect, inches
from qbr_studio.deck.reading.template import (
    TemplateInfo,
    default_template_path,
    load_template,
    open_presentation,
)
from qbr_studio.errors import UserError

Builder = Callable[[Path], Path]

WIDESCREEN = (12_192_000, 6_858_000)
STANDARD_4_3 = (9_144_000, 6_858_000)


def _types(prs: pptx.presentation.Presentation, index: int) -> set[PP_PLACEHOLDER]:
    return {ph.placeholder_format.type for ph in prs.slide_layouts[index].placeholders}


def _assert_sane_frame(info: TemplateInfo) -> None:
    slide = Rect(0, 0, info.slide_width, info.slide_height)
    for rect in (info.title_rect, info.body_rect, info.footer_rect):
        assert rect.w > 0 and rect.h > 0
        assert slide.contains(rect)
    assert info.title_rect.bottom <= info.body_rect.y, "title must sit above the body"
    assert info.body_rect.bottom <= info.footer_rect.y, "footer must sit below the body"
    assert info.body_rect.h >= info.slide_height * 0.4


def _assert_readable(info: TemplateInfo) -> None:
    bg = info.background
    for name in ("text", "muted", "title_color"):
        assert contrast_ratio(getattr(info, name), bg) >= 4.5, name
    assert len(info.series) == 6
    for color in info.series:
        assert contrast_ratio(color, bg) >= 3.0
    assert list(info.status) == ["green", "yellow", "red"]
    for color in info.status.values():
        assert contrast_ratio(color, bg) >= 3.0


def _assert_layout_choice(info: TemplateInfo) -> None:
    prs = pptx.Presentation(io.BytesIO(_presentation_bytes(info)))
    title_types = _types(prs, info.title_layout)
    assert (
        PP_PLACEHOLDER.CENTER_TITLE in title_types
        or {
            PP_PLACEHOLDER.TITLE,
            PP_PLACEHOLDER.SUBTITLE,
        }
        <= title_types
    )
    assert PP_PLACEHOLDER.TITLE in _types(prs, info.content_layout)


def _presentation_bytes(info: TemplateInfo) -> bytes:
    out = io.BytesIO()
    open_presentation(info.path).save(out)
    return out.getvalue()


# --- the bundled default --------------------------------------------------------------------


def test_bundled_default_is_16_9_with_a_sane_frame() -> None:
    info = load_template()
    assert info.path == default_template_path()
    assert (info.slide_width, info.slide_height) == WIDESCREEN
    _assert_sane_frame(info)
    _assert_readable(info)
    _assert_layout_choice(info)
    assert not info.is_dark
    assert info.background == WHITE
    assert (info.heading_font, info.body_font) == ("Calibri", "Calibri")


def test_bundled_default_uses_title_only_for_content_and_its_own_theme() -> None:
    info = load_template()
    prs = pptx.Presentation(str(info.path))
    content = _types(prs, info.content_layout) - {
        PP_PLACEHOLDER.DATE,
        PP_PLACEHOLDER.FOOTER,
        PP_PLACEHOLDER.SLIDE_NUMBER,
    }
    assert content == {PP_PLACEHOLDER.TITLE}
    assert PP_PLACEHOLDER.CENTER_TITLE in _types(prs, info.title_layout)
    # the theme's own colours, unchanged because they already pass
    assert info.series[0] == RGB.from_hex("1F5F99")
    assert info.title_color == RGB.from_hex("1F3A5F")
    assert len(set(info.series)) == 6


def test_bundled_default_has_a_16_9_body_with_side_margins() -> None:
    info = load_template()
    assert info.body_rect.x == info.title_rect.x > 0
    assert info.body_rect.right == info.title_rect.right < info.slide_width
    assert info.footer_rect.bottom <= info.slide_height


def test_load_template_none_is_the_bundled_default() -> None:
    assert load_template(None) == load_template(default_template_path())


# --- layouts found by placeholder type, not name -------------------------------------------


def test_german_layout_names_and_order(tmp_path: Path) -> None:
    path = factory.german(tmp_path)
    prs = pptx.Presentation(str(path))
    assert [layout.name for layout in prs.slide_layouts] == [
        "Leer",
        "Titel und Inhalt",
        "Nur Titel",
        "Titelfolie",
    ]
    info = load_template(path)
    assert info.title_layout == 3
    assert info.content_layout == 2
    english = load_template()
    assert info.body_rect == english.body_rect
    assert info.title_rect == english.title_rect
    _assert_sane_frame(info)


def test_python_pptx_default_is_4_3(tmp_path: Path) -> None:
    info = load_template(factory.python_pptx_default(tmp_path))
    assert (info.slide_width, info.slide_height) == STANDARD_4_3
    assert info.title_layout == 0
    assert info.content_layout == 5  # "Title Only"
    # body from the "Title and Content" layout, which inherits the master's body box
    assert info.body_rect == Rect(457200, 1600200, 8229600, 4525963)
    assert info.title_rect == Rect(457200, 274638, 8229600, 1143000)
    assert info.footer_rect == Rect(457200, 6356350, 8229600, 365125)
    _assert_sane_frame(info)
    _assert_readable(info)


def test_without_title_only_the_title_and_content_layout_is_used(tmp_path: Path) -> None:
    info = load_template(factory.no_title_only(tmp_path))
    assert (info.title_layout, info.content_layout) == (0, 1)
    _assert_sane_frame(info)


def test_no_layout_with_a_title_is_refused(tmp_path: Path) -> None:
    path = factory.blank_only(tmp_path)
    with pytest.raises(UserError, match=r"blank_only\.pptx"):
        load_template(path)


# --- file types -----------------------------------------------------------------------------


def test_potx_loads_like_the_pptx(tmp_path: Path) -> None:
    path = factory.potx(tmp_path)
    with zipfile.ZipFile(path) as archive:
        assert b"template.main+xml" in archive.read("[Content_Types].xml")
    info = load_template(path)
    assert info.path == path
    expected = load_template()
    assert info == TemplateInfo(**{**expected.__dict__, "path": path})
    prs = open_presentation(info.path)
    assert len(prs.slides) == 0


@pytest.mark.parametrize("suffix", [".pptm", ".potm", ".PPTM"])
def test_macro_extensions_are_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deck{suffix}"
    path.write_bytes(default_template_path().read_bytes())
    with pytest.raises(UserError) as err:
        load_template(path)
    message = str(err.value)
    assert path.name in message
    assert "macro" in message
    assert ".pptx" in message and ".potx" in message


def test_macro_content_under_a_pptx_name_is_refused(tmp_path: Path) -> None:
    path = factory.macro_enabled_named_pptx(tmp_path)
    with pytest.raises(UserError, match="macro"):
        load_template(path)


def _text_file(folder: Path) -> Path:
    path = folder / "notes.pptx"
    path.write_text("this is not a presentation\n", encoding="utf-8")
    return path


def _empty_file(folder: Path) -> Path:
    path = folder / "empty.pptx"
    path.write_bytes(b"")
    return path


def _zip_without_presentation(folder: Path) -> Path:
    path = folder / "archive.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return path


def _word_document(folder: Path) -> Path:
    path = folder / "letter.pptx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
    return path


def _truncated(folder: Path) -> Path:
    data = default_template_path().read_bytes()
    path = folder / "truncated.pptx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _corrupt_middle(folder: Path) -> Path:
    data = bytearray(default_template_path().read_bytes())
    middle = len(data) // 2
    data[middle : middle + 400] = b"\x00" * 400
    path = folder / "corrupt.pptx"
    path.write_bytes(bytes(data))
    return path


def _broken_xml_inside(folder: Path) -> Path:
    src = default_template_path().read_bytes()
    path = folder / "broken_xml.pptx"
    with zipfile.ZipFile(io.BytesIO(src)) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            blob = old.read(item)
            if item.filename == "ppt/presentation.xml":
                blob = blob[: len(blob) // 2]
            new.writestr(item, blob)
    return path


def _wrong_extension(folder: Path) -> Path:
    path = folder / "template.txt"
    path.write_bytes(default_template_path().read_bytes())
    return path


def _missing(folder: Path) -> Path:
    return folder / "missing.pptx"


def _folder(folder: Path) -> Path:
    path = folder / "looks_like.pptx"
    path.mkdir()
    return path


@pytest.mark.parametrize(
    "make",
    [
        _text_file,
        _empty_file,
        _zip_without_presentation,
        _word_document,
        _truncated,
        _corrupt_middle,
        _broken_xml_inside,
        _wrong_extension,
        _missing,
        _folder,
    ],
)
def test_not_a_presentation_is_a_user_error_naming_the_file(tmp_path: Path, make: Builder) -> None:
    path = make(tmp_path)
    with pytest.raises(UserError) as err:
        load_template(path)
    assert path.name in str(err.value)


# --- dark templates and colours --------------------------------------------------------------


def test_dark_navy_master_gives_light_text(tmp_path: Path) -> None:
    info = load_template(factory.dark_navy_master(tmp_path))
    assert info.background == RGB.from_hex(factory.DARK_NAVY)
    assert info.is_dark
    assert relative_luminance(info.text) > 0.8
    assert relative_luminance(info.title_color) > relative_luminance(info.background)
    assert relative_luminance(info.muted) > relative_luminance(info.background)
    _assert_readable(info)


def test_clr_map_bg1_to_dk1_is_dark(tmp_path: Path) -> None:
    info = load_template(factory.dark_clr_map(tmp_path))
    assert info.background == BLACK  # bg1 → dk1 (windowText)
    assert info.is_dark
    assert info.text == WHITE  # tx1 → lt1
    _assert_readable(info)


def test_a_gradient_background_counts_as_its_average_colour(tmp_path: Path) -> None:
    info = load_template(factory.gradient_master(tmp_path))
    navy, blue = RGB.from_hex(factory.DARK_NAVY), RGB.from_hex("3A6EA5")
    assert navy.b <= info.background.b <= blue.b  # between the stops, not the first one
    assert info.background not in (navy, blue)
    assert info.is_dark
    assert info.text == info.title_color == WHITE  # black title style → white, not grey
    _assert_readable(info)


def test_content_layout_background_overrides_the_master(tmp_path: Path) -> None:
    info = load_template(factory.dark_title_only_layout(tmp_path))
    assert info.is_dark
    assert info.background != WHITE
    _assert_readable(info)


def test_pale_theme_colours_are_made_readable(tmp_path: Path) -> None:
    info = load_template(factory.pale_accents(tmp_path))
    assert info.background == WHITE
    assert info.text == info.title_color == BLACK  # light greyish tx1 replaced
    _assert_readable(info)


def test_a_picture_background_counts_as_its_average_colour(tmp_path: Path) -> None:
    info = load_template(factory.picture_master(tmp_path))
    assert info.is_dark  # the factory's picture is dark navy: text must be light on it
    assert max(info.background.r, info.background.g, info.background.b) < 80
    assert relative_luminance(info.text) > 0.6
    _assert_readable(info)


def test_malformed_layout_is_a_user_error(tmp_path: Path) -> None:
    path = factory.bad_placeholder_type(tmp_path)
    with pytest.raises(UserError) as err:
        load_template(path)
    assert path.name in str(err.value)


@pytest.mark.parametrize("build", factory.ALL_BUILDERS, ids=lambda b: b.__name__)
def test_every_template_is_readable_sane_and_deterministic(tmp_path: Path, build: Builder) -> None:
    path = build(tmp_path)
    info = load_template(path)
    _assert_readable(info)
    _assert_sane_frame(info)
    _assert_layout_choice(info)
    assert load_template(path) == info


@pytest.mark.parametrize("build", factory.ALL_BUILDERS, ids=lambda b: b.__name__)
def test_status_colours_differ_in_lightness(tmp_path: Path, build: Builder) -> None:
    status = load_template(build(tmp_path)).status
    for a, b in itertools.combinations(status.values(), 2):
        assert contrast_ratio(a, b) >= 1.25


def test_same_template_same_info_from_two_copies(tmp_path: Path) -> None:
    first = load_template(factory.bundled_copy(tmp_path, "a.pptx"))
    second = load_template(factory.bundled_copy(tmp_path, "b.pptx"))
    assert first.path != second.path
    assert TemplateInfo(**{**first.__dict__, "path": second.path}) == second


# --- open_presentation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "build",
    [factory.bundled_copy, factory.with_slides, factory.potx, factory.german],
    ids=lambda b: b.__name__,
)
def test_open_presentation_starts_empty_and_saves_cleanly(tmp_path: Path, build: Builder) -> None:
    info = load_template(build(tmp_path))
    prs = open_presentation(info.path)
    assert len(prs.slides) == 0
    assert len(prs.slide_layouts) >= 2
    out = tmp_path / "out.pptx"
    prs.save(str(out))
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
    assert not [n for n in names if n.startswith(("ppt/slides/", "ppt/notesSlides/"))]
    assert "presentation.main+xml" in types
    assert "template.main+xml" not in types
    reopened = pptx.Presentation(str(out))
    assert len(reopened.slides) == 0
    assert (reopened.slide_width, reopened.slide_height) == (info.slide_width, info.slide_height)


def test_open_presentation_is_writable_with_the_chosen_layouts(tmp_path: Path) -> None:
    info = load_template(factory.with_slides(tmp_path))
    prs = open_presentation(info.path)
    title = prs.slides.add_slide(prs.slide_layouts[info.title_layout])
    title.shapes.title.text = "Q4 2026 customer success review"
    content = prs.slides.add_slide(prs.slide_layouts[info.content_layout])
    content.shapes.title.text = "$4.1M ARR across 38 accounts"
    out = tmp_path / "deck.pptx"
    prs.save(str(out))
    reopened = pptx.Presentation(str(out))
    assert [s.shapes.title.text for s in reopened.slides] == [
        "Q4 2026 customer success review",
        "$4.1M ARR across 38 accounts",
    ]
    with zipfile.ZipFile(out) as archive:
        slides = [n for n in archive.namelist() if n.startswith("ppt/slides/slide")]
    assert sorted(slides) == ["ppt/slides/slide1.xml", "ppt/slides/slide2.xml"]


def test_open_presentation_leaves_the_template_file_alone(tmp_path: Path) -> None:
    path = factory.with_slides(tmp_path)
    before = path.read_bytes()
    open_presentation(load_template(path).path).save(str(tmp_path / "out.pptx"))
    assert path.read_bytes() == before
    assert len(pptx.Presentation(str(path)).slides) == 2


# --- colour helpers ---------------------------------------------------------------------------


def test_wcag_reference_values() -> None:
    assert relative_luminance(BLACK) == 0.0
    assert relative_luminance(WHITE) == pytest.approx(1.0)
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio(WHITE, BLACK) == pytest.approx(21.0)
    assert contrast_ratio(RGB.from_hex("767676"), WHITE) == pytest.approx(4.54, abs=0.01)


def test_best_text_color() -> None:
    assert best_text_color(WHITE) == BLACK
    assert best_text_color(RGB.from_hex("1B2A41")) == WHITE
    navy, cream = RGB.from_hex("1F3A5F"), RGB.from_hex("FFF8E7")
    assert best_text_color(WHITE, (cream, navy)) == navy
    with pytest.raises(ValueError):
        best_text_color(WHITE, ())


@pytest.mark.parametrize(
    ("color", "background", "minimum"),
    [
        ("F2C14E", "FFFFFF", 3.0),
        ("F2C14E", "FFFFFF", 4.5),
        ("1F5F99", "1B2A41", 3.0),
        ("1F5F99", "000000", 4.5),
        ("777777", "808080", 3.0),
        ("FF0000", "00FF00", 4.5),
    ],
)
def test_ensure_contrast_reaches_the_ratio(color: str, background: str, minimum: float) -> None:
    fg, bg = RGB.from_hex(color), RGB.from_hex(background)
    adjusted = ensure_contrast(fg, bg, minimum)
    assert contrast_ratio(adjusted, bg) >= minimum
    assert ensure_contrast(fg, bg, minimum) == adjusted  # deterministic


def test_ensure_contrast_keeps_passing_colours_and_hue() -> None:
    navy = RGB.from_hex("1F3A5F")
    assert ensure_contrast(navy, WHITE, 4.5) == navy
    amber = RGB.from_hex("F2C14E")
    darker = ensure_contrast(amber, WHITE, 3.0)
    assert darker != amber
    assert to_hls(darker)[0] == pytest.approx(to_hls(amber)[0], abs=0.02)
    assert to_hls(darker)[1] < to_hls(amber)[1]
    # only just enough: a little lighter would fail
    assert contrast_ratio(darker, WHITE) < 3.2


def test_ensure_contrast_falls_back_to_black_or_white() -> None:
    grey = RGB.from_hex("777777")
    assert ensure_contrast(grey, grey, 21.0) in (BLACK, WHITE)


def test_body_rect_default_matches_a_reasonable_grid() -> None:
    info = load_template()
    assert info.title_rect.x == inches(2 / 3)
    assert info.footer_rect.h < inches(0.5)


def test_a_content_placeholder_above_the_title_is_not_the_body(tmp_path: Path) -> None:
    """A thin kicker line above the title would leave no body below it: the master's body is
    used, and a whole deck builds on the template."""
    from qbr_studio.deck.produce import build_deck
    from qbr_studio.deck.reading.template_description import MIN_BODY_FRACTION
    from qbr_studio.sample import build_sample_review

    info = load_template(factory.kicker_above_title(tmp_path))
    assert info.body_rect.y >= info.title_rect.bottom
    assert info.body_rect.h >= MIN_BODY_FRACTION * info.slide_height
    plan = build_deck(build_sample_review(), tmp_path / "deck.pptx", info.path)
    assert len(plan.slides) > 5


def test_a_template_without_room_for_text_is_refused_by_name(tmp_path: Path) -> None:
    from qbr_studio.deck.produce import build_deck
    from qbr_studio.errors import UserError
    from qbr_studio.sample import build_sample_review

    path = factory.title_fills_the_slide(tmp_path)
    with pytest.raises(UserError, match=r"title_everywhere\.pptx leaves no room"):
        build_deck(build_sample_review(), tmp_path / "deck.pptx", path)
    assert not (tmp_path / "deck.pptx").exists()
