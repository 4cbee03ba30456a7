"""A review's own deck template: kept inside the .qbr, chosen over the team pack's and the
default, changed as one undoable edit, and used (and named) by ``build``."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
import template_factory

from qbr_studio.cli import main
from qbr_studio.deck.review_template import choose_template
from qbr_studio.document import NO_TEMPLATE, Document
from qbr_studio.document.media import over_budget, template_entry
from qbr_studio.model import Meta, Review, TemplateRef
from qbr_studio.storage import load_review, save_review
from qbr_studio.team.pack import TeamPack, pack_bytes


def _review() -> Review:
    return Review(meta=Meta(csm="Dana Reyes", quarter="2026-Q4", company="Acme"))


def _with_template(data: bytes, name: str = "Company.pptx") -> tuple[Review, dict[str, bytes]]:
    review = _review()
    review.template = TemplateRef(name=name, sha256=hashlib.sha256(data).hexdigest())
    return review, {template_entry(review.template.sha256): data}


def _theme_fonts(deck: Path) -> str:
    with zipfile.ZipFile(deck) as archive:
        return b"".join(
            archive.read(n) for n in archive.namelist() if n.startswith("ppt/theme/")
        ).decode("utf-8")


@pytest.fixture(scope="module")
def verdana_bytes(tmp_path_factory) -> bytes:
    return template_factory.verdana(tmp_path_factory.mktemp("verdana")).read_bytes()


@pytest.fixture(scope="module")
def georgia_bytes(tmp_path_factory) -> bytes:
    return template_factory.arial_georgia(tmp_path_factory.mktemp("georgia")).read_bytes()


# --- the file ---------------------------------------------------------------------------------


def test_the_template_is_kept_inside_the_review_file(tmp_path, verdana_bytes):
    review, media = _with_template(verdana_bytes)
    path = tmp_path / "r.qbr"
    save_review(path, review, media)
    entry = template_entry(review.template.sha256)
    with zipfile.ZipFile(path) as archive:
        assert archive.read(entry) == verdana_bytes
        assert entry == f"template/{review.template.sha256[:16]}.pptx"
    loaded = load_review(path)
    assert loaded.review.template == review.template
    assert loaded.media[entry] == verdana_bytes and not loaded.missing_template
    save_review(path, loaded.review, loaded.media)  # re-saving an opened review keeps it
    assert load_review(path).media[entry] == verdana_bytes


def test_template_bytes_that_are_not_the_named_ones_are_not_loaded(tmp_path, verdana_bytes):
    review, _ = _with_template(verdana_bytes)
    path = tmp_path / "r.qbr"
    save_review(path, review, {template_entry(review.template.sha256): verdana_bytes + b"x"})
    loaded = load_review(path)
    assert loaded.missing_template
    assert not any(name.startswith("template/") for name in loaded.media)


def test_a_template_the_review_does_not_name_is_not_written(tmp_path, verdana_bytes):
    review = _review()
    sha = hashlib.sha256(verdana_bytes).hexdigest()
    path = tmp_path / "r.qbr"
    save_review(path, review, {template_entry(sha): verdana_bytes})
    with zipfile.ZipFile(path) as archive:
        assert not [n for n in archive.namelist() if n.startswith("template/")]


def test_the_template_does_not_count_against_the_pictures_budget(verdana_bytes):
    media = {template_entry("0" * 64): b"\0" * (200 * 1024 * 1024)}
    assert not over_budget(media, b"\0" * (60 * 1024 * 1024), replacing=None)
    assert over_budget(
        {"a.png": media[template_entry("0" * 64)]}, b"\0" * (60 * 1024 * 1024), replacing=None
    )


# --- the document: one change ----------------------------------------------------------------


def test_choosing_a_template_changes_ref_and_bytes_together_and_back(verdana_bytes, georgia_bytes):
    doc = Document()
    review, media = _with_template(verdana_bytes, "Old.pptx")
    doc.load(review, media)
    seen: list[str] = []
    doc.changed.connect(seen.append)
    new = doc.template_change("Brand.potx", georgia_bytes)
    assert new is not None and new.ref.name == "Brand.potx"
    previous = doc.swap_template(new)
    assert "template" in seen
    assert doc.review.template == new.ref
    assert doc.media == {template_entry(new.ref.sha256): georgia_bytes}  # the old bytes go
    doc.swap_template(previous)
    assert doc.review.template.name == "Old.pptx" and doc.media == media
    assert doc.template_change("Old.pptx", verdana_bytes) is None  # nothing would change
    assert doc.template_change("", None) == NO_TEMPLATE
    doc.swap_template(NO_TEMPLATE)
    assert doc.review.template is None and doc.media == {}
    assert doc.template_change("", None) is None


# --- which template a build uses -------------------------------------------------------------


def test_the_order_given_then_own_then_pack_then_bundled(tmp_path, verdana_bytes, georgia_bytes):
    review, media = _with_template(verdana_bytes)
    given = tmp_path / "given.pptx"
    given.write_bytes(georgia_bytes)
    assert choose_template(review, media, given=given, pack=georgia_bytes).path == given
    own = choose_template(review, media, pack=georgia_bytes)
    assert own.path.read_bytes() == verdana_bytes and own.path.name == "Company.pptx"
    assert own.said == "the review's own template Company.pptx" and not own.problem
    plain = _review()
    pack = choose_template(plain, {}, pack=georgia_bytes, pack_name="east.qbrteam")
    assert pack.path.read_bytes() == georgia_bytes and "east.qbrteam" in pack.said
    assert choose_template(plain, {}).path is None


def test_a_template_missing_from_the_file_is_said_not_hidden(verdana_bytes):
    review, _ = _with_template(verdana_bytes)
    chosen = choose_template(review, {})
    assert chosen.path is None
    assert "Company.pptx is not inside the review file" in chosen.problem
    assert "the bundled QBR Studio template is used meanwhile" in chosen.problem


def test_odd_names_give_a_plain_file_name(verdana_bytes):
    review, media = _with_template(verdana_bytes, name="../../etc/Q4 deck: final")
    chosen = choose_template(review, media)
    assert chosen.path.name == "Q4 deck_ final.pptx"
    assert chosen.path.parent.name == review.template.sha256


# --- build ---------------------------------------------------------------------------------


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_build_uses_the_reviews_template_and_says_so(tmp_path, capsys, verdana_bytes):
    review, media = _with_template(verdana_bytes)
    path = tmp_path / "r.qbr"
    save_review(path, review, media)
    code, out, _ = _run(capsys, "build", path, "-o", tmp_path / "d.pptx")
    assert code == 0, out
    assert "Template: the review's own template Company.pptx" in out
    assert 'typeface="Verdana"' in _theme_fonts(tmp_path / "d.pptx")


def test_build_template_option_wins_over_the_reviews(tmp_path, capsys, verdana_bytes):
    review, media = _with_template(verdana_bytes)
    path = tmp_path / "r.qbr"
    save_review(path, review, media)
    given = template_factory.arial_georgia(tmp_path)
    code, out, _ = _run(capsys, "build", path, "-o", tmp_path / "d.pptx", "--template", given)
    assert code == 0 and f"Template: {given.name} (given for this build)" in out
    fonts = _theme_fonts(tmp_path / "d.pptx")
    assert 'typeface="Georgia"' in fonts and 'typeface="Verdana"' not in fonts


def test_build_uses_the_team_packs_template_when_the_review_has_none(
    tmp_path, capsys, georgia_bytes
):
    path = tmp_path / "r.qbr"
    save_review(path, _review())
    (tmp_path / "east.qbrteam").write_bytes(pack_bytes(TeamPack(team="East"), georgia_bytes))
    code, out, _ = _run(capsys, "build", path, "-o", tmp_path / "d.pptx")
    assert code == 0 and "Template: the template of the team pack east.qbrteam" in out
    assert 'typeface="Georgia"' in _theme_fonts(tmp_path / "d.pptx")


def test_build_says_when_the_reviews_template_is_missing(tmp_path, capsys, verdana_bytes):
    review, _ = _with_template(verdana_bytes)
    path = tmp_path / "r.qbr"
    save_review(path, review)
    code, out, err = _run(capsys, "build", path, "-o", tmp_path / "d.pptx")
    assert code == 1
    assert "Company.pptx is not inside the review file" in err and str(path) in err
    assert "Template: the bundled QBR Studio template" in out


def test_next_quarters_review_keeps_the_template(tmp_path, capsys, verdana_bytes):
    review, media = _with_template(verdana_bytes)
    last = tmp_path / "q4.qbr"
    save_review(last, review, media)
    code, _, _ = _run(capsys, "new", "--from", last, "-o", tmp_path / "q1.qbr")
    assert code == 0
    loaded = load_review(tmp_path / "q1.qbr")
    assert loaded.review.template == review.template and not loaded.missing_template


def test_recovery_keeps_the_template(verdana_bytes):
    from qbr_studio.storage import autosave, list_recoverable, load_recovered

    review, media = _with_template(verdana_bytes)
    autosave("k1", review, media, None)
    (entry,) = list_recoverable()
    recovered = load_recovered(entry)
    assert recovered.media[template_entry(review.template.sha256)] == verdana_bytes


def test_a_template_entry_over_the_limit_is_refused_naming_the_file(
    tmp_path, monkeypatch, verdana_bytes
):
    from qbr_studio.errors import UserError
    from qbr_studio.storage import container

    review, media = _with_template(verdana_bytes)
    path = tmp_path / "big.qbr"
    save_review(path, review, media)
    monkeypatch.setattr(container, "MAX_TEMPLATE_ENTRY_BYTES", len(verdana_bytes) - 1)
    with pytest.raises(UserError, match=r"big\.qbr: its deck template template/[0-9a-f]{16}"):
        load_review(path)


def test_template_check_of_a_review_reports_on_its_template(tmp_path, capsys, verdana_bytes):
    review, media = _with_template(verdana_bytes)
    path = tmp_path / "r.qbr"
    save_review(path, review, media)
    code, out, _ = _run(capsys, "template", "check", path)
    assert code == 0 and out.splitlines()[0] == f"{path}: the review's own template Company.pptx"
    assert "headings Verdana regular: measured with" in out
    save_review(path, review)  # its template's bytes gone
    code, out, err = _run(capsys, "template", "check", path)
    assert code == 1 and "not inside the review file" in err
    assert "the bundled QBR Studio template" in out.splitlines()[0]
