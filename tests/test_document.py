"""The Qt-free document layer: paths, edits with their rules and plain-words refusals, change
events, the logo and its media budget — all without importing Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from qbr_studio.document import NO_LOGO, Document, EventEmitter, Picture, paths
from qbr_studio.document import media as media_rules
from qbr_studio.errors import UserError
from qbr_studio.model import Achievement, MediaRef
from qbr_studio.sample import build_sample_review


@pytest.fixture
def doc() -> Document:
    document = Document()
    document.load(build_sample_review())
    return document


def picture(name: str = "logo.png", size: int = 64) -> Picture:
    return Picture(MediaRef(name=name), b"\x89PNG" + bytes(size), source=name)


def test_the_layer_imports_without_qt():
    code = (
        "import sys, qbr_studio.document, qbr_studio.storage;"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_paths_parse_join_and_resolve(doc):
    assert paths.parse("revenue.action_items[2].owner") == ("revenue", "action_items", 2, "owner")
    assert paths.join(("achievements", 0, "title")) == "achievements[0].title"
    assert paths.join(["book", "accounts", 3, "arr"]) == "book.accounts[3].arr"  # a pydantic loc
    assert paths.parse("") == () and paths.join(()) == ""
    assert paths.resolve(doc.review, "achievements[1].title") == doc.review.achievements[1].title
    assert paths.is_within("achievements[2].title", "achievements")
    assert not paths.is_within("achievements_extra", "achievements")
    assert paths.related("achievements", "achievements[1].story")
    with pytest.raises(ValueError):
        paths.parse("achievements[x]")
    with pytest.raises(LookupError):
        paths.resolve(doc.review, "achievements[99]")
    with pytest.raises(LookupError):
        paths.resolve(doc.review, "achievements[0].nothing")


def test_the_ui_and_storage_share_the_one_notation():
    from qbr_studio.storage.container import json_path

    assert json_path(("book", "accounts", 3, "arr")) == paths.join(("book", "accounts", 3, "arr"))
    assert json_path(()) == "review.json"


def test_emitter_calls_in_connect_order_and_disconnects():
    emitter: EventEmitter[str] = EventEmitter()
    seen: list[str] = []
    first = emitter.connect(lambda v: seen.append("a" + v))
    emitter.connect(lambda v: seen.append("b" + v))
    emitter.emit("1")
    emitter.disconnect(first)
    emitter.emit("2")
    assert seen == ["a1", "b1", "b2"]
    with pytest.raises(ValueError):
        emitter.disconnect(first)


def test_each_operation_reports_its_path_and_counts_a_revision(doc):
    seen: list[str] = []
    doc.changed.connect(seen.append)
    start = doc.revision
    doc.set_value("achievements[1].title", "New")
    doc.insert_item("achievements", 0, Achievement(title="First"))
    moved = doc.value("achievements[0]")
    doc.move_item("achievements", 0, 2)
    assert doc.value("achievements[2]") is moved
    assert doc.remove_item("achievements", 2) is moved
    assert seen == ["achievements[1].title", "achievements", "achievements", "achievements"]
    assert doc.revision == start + 4


def test_checked_value_is_the_models_and_a_refusal_is_plain(doc):
    assert doc.checked("meta.currency", "EUR", "Currency") == "EUR"
    with pytest.raises(UserError) as err:
        doc.checked("meta.currency", "dollars", "Currency")
    assert str(err.value) == (
        'Currency must be at most 3 characters long (found "dollars"); it was left as it was.'
    )
    assert doc.review.meta.currency == "USD"


def test_edit_without_undo_applies_the_rules(doc):
    assert doc.edit("meta.currency", "EUR", label="Currency")
    assert not doc.edit("meta.currency", "EUR", label="Currency")  # no change
    with pytest.raises(UserError):
        doc.edit("meta.currency", "dollars", label="Currency")
    assert doc.review.meta.currency == "EUR"


def test_a_logo_goes_with_its_account(doc):
    doc.swap_logo(doc.logo_change(picture()))
    first = doc.review.deep_dive.account_id
    other = next(a.id for a in doc.review.book.accounts if a.id != first)
    assert doc.drops_logo("deep_dive.account_id", first)
    assert not doc.drops_logo("meta.currency", "USD")
    assert doc.edit("deep_dive.account_id", other)
    assert doc.logo() == NO_LOGO and doc.media == {} and doc.review.media == []


def test_logo_change_and_swap_back_restore_exactly(doc):
    before = (doc.review.model_dump(mode="json"), dict(doc.media))
    new = doc.logo_change(picture())
    assert new is not None and new.name == "logo.png"
    previous = doc.swap_logo(new)
    assert doc.logo().data == new.data and doc.review.deep_dive.logo == "logo.png"
    assert doc.logo_change(picture()) is None  # the same picture again changes nothing
    doc.swap_logo(previous)
    assert (doc.review.model_dump(mode="json"), dict(doc.media)) == before
    assert doc.logo_change(None) is None  # no logo to remove


def test_the_media_budget_counts_the_other_pictures(doc, monkeypatch):
    monkeypatch.setattr(media_rules, "MAX_MEDIA_BYTES", 200)
    doc.swap_logo(doc.logo_change(picture("a.png", 150)))
    # Replacing the logo frees its bytes: a second picture of the same size fits.
    assert doc.logo_change(picture("b.png", 150)) is not None
    doc.media["other.png"] = bytes(100)
    with pytest.raises(UserError, match=r"b\.png was not used as the logo"):
        doc.logo_change(picture("b.png", 150))
