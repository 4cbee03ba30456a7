"""The deep dive's logo: a picture file checked and refused in plain words, one undo step that
changes the logo's name, MediaRef and bytes together, kept by save, reopen and recovery, gone
with its account, and the control in the window (choose, drop, remove).

A screenshot of the deep dive with a logo goes to ``test-artifacts/ui/``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication
from sample_window import sample_window

from qbr_studio.errors import UserError
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import list_recoverable, load_recovered, load_review
from qbr_studio.storage.container import MAX_MEDIA_BYTES, MEDIA_NAME
from qbr_studio.ui import dialogs, logo_file
from qbr_studio.ui.document import DocumentController, LogoState
from qbr_studio.ui.logo_file import read_logo
from qbr_studio.ui.logo_picker import MISSING, NO_LOGO, LogoPicker
from qbr_studio.ui.main_window import MainWindow
from qbr_studio.ui.recovery_ui import Autosaver

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
ONE_PIXEL_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


def draw_logo(path: Path, fmt: str = "PNG", size: tuple[int, int] = (360, 120)) -> Path:
    """A small two-colour "logo" saved as ``fmt``."""
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.fillRect(0, 0, size[1], size[1], QColor("#1f5fa8"))
    painter.setPen(QColor("#0b2d52"))
    font = painter.font()
    font.setPixelSize(max(8, size[1] // 3))
    painter.setFont(font)
    painter.drawText(size[1] + 10, size[1] * 2 // 3, "Riverbend")
    painter.end()
    assert image.save(str(path), fmt)
    return path


@pytest.fixture
def doc(qapp) -> DocumentController:
    controller = DocumentController()
    controller.load(build_sample_review())
    return controller


@pytest.fixture
def png(qapp, tmp_path: Path) -> Path:
    return draw_logo(tmp_path / "riverbend.png")


@pytest.fixture
def jpeg(qapp, tmp_path: Path) -> Path:
    return draw_logo(tmp_path / "riverbend photo.jpg", "JPEG", (400, 200))


def snapshot(doc: DocumentController) -> tuple[dict, dict[str, bytes]]:
    """Everything a logo edit may touch: the whole review and the pictures' bytes."""
    return doc.review.model_dump(mode="json"), dict(doc.media)


def messages_of(doc: DocumentController) -> list[str]:
    seen: list[str] = []
    doc.failed.connect(seen.append)
    return seen


# --- the file -------------------------------------------------------------------------------


def test_a_png_and_a_jpeg_become_media_named_for_the_qbr_file(png, jpeg):
    for path, content_type, suffix in ((png, "image/png", ".png"), (jpeg, "image/jpeg", ".jpg")):
        picture = read_logo(path)
        assert picture.data == path.read_bytes()
        assert picture.ref.content_type == content_type
        assert picture.ref.name.endswith(suffix)
        assert MEDIA_NAME.match(picture.ref.name), picture.ref.name
        assert picture.source == path.name
    assert read_logo(png).ref.name == read_logo(png).ref.name  # same picture, same entry


def test_the_logo_limit_fits_what_a_review_file_holds():
    assert 0 < logo_file.MAX_LOGO_BYTES < MAX_MEDIA_BYTES


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("notes.png", b"these are my meeting notes, not a picture\n", "not a PNG or JPEG"),
        ("empty.jpg", b"", "the file is empty"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "damaged"),
    ],
)
def test_a_file_that_is_no_picture_is_refused_naming_it(qapp, tmp_path, name, content, why):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        read_logo(path)
    text = str(caught.value)
    assert name in text and why in text, text


def test_other_picture_kinds_and_huge_pictures_are_refused(qapp, tmp_path):
    bmp = draw_logo(tmp_path / "logo.png", "BMP", (40, 20))  # the name says PNG; it isn't
    with pytest.raises(UserError, match=r"logo\.png.*not a PNG or JPEG picture \(it is a BMP"):
        read_logo(bmp)
    gif = tmp_path / "logo.gif"
    gif.write_bytes(ONE_PIXEL_GIF)
    with pytest.raises(UserError, match=r"logo\.gif.*not a PNG or JPEG picture \(it is a GIF"):
        read_logo(gif)
    wide = draw_logo(tmp_path / "banner.png", "PNG", (logo_file.MAX_LOGO_SIDE + 1, 20))
    with pytest.raises(UserError, match=r"banner\.png.*5,001 × 20 pixels"):
        read_logo(wide)
    with pytest.raises(UserError, match=r"missing\.png.*could not be read"):
        read_logo(tmp_path / "missing.png")
    with pytest.raises(UserError, match="it is a folder"):
        read_logo(tmp_path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(qapp, tmp_path):
    big = tmp_path / "scan.png"
    with big.open("wb") as out:  # sparse: no need to write 10 MB
        out.truncate(logo_file.MAX_LOGO_BYTES + 1)
    with pytest.raises(UserError, match=r"scan\.png.*10\.0 MB, and a logo can be at most 10\.0"):
        read_logo(big)


# --- one undo step --------------------------------------------------------------------------


def test_adding_a_logo_is_one_step_and_undo_restores_review_and_media(doc, png):
    before = snapshot(doc)
    assert doc.set_logo(read_logo(png))
    name = doc.review.deep_dive.logo
    assert name is not None
    assert [ref.name for ref in doc.review.media] == [name]
    assert doc.media == {name: png.read_bytes()}
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Add logo"
    assert doc.dirty
    after = snapshot(doc)
    doc.undo_stack.undo()
    assert snapshot(doc) == before
    assert not doc.dirty
    doc.undo_stack.redo()
    assert snapshot(doc) == after


def test_changing_and_removing_keep_other_pictures_and_undo_exactly(doc, png, jpeg):
    from qbr_studio.model import MediaRef

    # A picture that is not the logo (a screenshot, say) must survive every logo edit.
    doc.load(doc.review, {"shot.png": b"screenshot bytes"})
    doc.review.media.append(MediaRef(name="shot.png"))
    doc.set_logo(read_logo(png))
    first = snapshot(doc)
    assert doc.set_logo(read_logo(jpeg))
    assert doc.undo_stack.undoText() == "Change logo"
    assert doc.review.deep_dive.logo.endswith(".jpg")
    assert "shot.png" in doc.media and len(doc.media) == 2
    assert not doc.set_logo(read_logo(jpeg))  # the same picture again: no step
    changed = snapshot(doc)
    assert doc.set_logo(None)
    assert doc.review.deep_dive.logo is None
    assert [ref.name for ref in doc.review.media] == ["shot.png"]
    assert doc.media == {"shot.png": b"screenshot bytes"}
    doc.undo_stack.undo()
    assert snapshot(doc) == changed
    doc.undo_stack.undo()
    assert snapshot(doc) == first


def test_each_logo_edit_says_what_changed(doc, png):
    seen: list[str] = []
    doc.changed.connect(seen.append)
    revision = doc.revision
    doc.set_logo(read_logo(png))
    assert seen == ["media", "deep_dive.logo"]
    assert doc.revision > revision  # the autosaver's cue


def test_a_logo_over_the_files_picture_budget_is_refused(doc, png, monkeypatch):
    from qbr_studio.document import media as media_rules

    messages = messages_of(doc)
    before = snapshot(doc)
    monkeypatch.setattr(media_rules, "MAX_MEDIA_BYTES", 100)
    assert not doc.set_logo(read_logo(png))
    assert snapshot(doc) == before and doc.undo_stack.count() == 0
    assert messages and "riverbend.png was not used as the logo" in messages[0]


def test_choosing_another_account_removes_the_logo_in_the_same_step(doc, png):
    review = doc.review
    first = review.deep_dive.account_id
    other = next(a.id for a in review.book.accounts if a.id != first)
    doc.set_logo(read_logo(png))
    with_logo = snapshot(doc)
    doc.edit("deep_dive.account_id", other, label="Account")
    assert doc.review.deep_dive.account_id == other
    assert doc.review.deep_dive.logo is None and doc.media == {} and doc.review.media == []
    assert doc.undo_stack.count() == 2  # the logo, then account + its logo removed together
    doc.undo_stack.undo()
    assert snapshot(doc) == with_logo


def test_a_logo_added_before_any_account_stays_with_the_first_choice(doc, png):
    doc.edit("deep_dive.account_id", None, label="Account")
    doc.set_logo(read_logo(png))
    name = doc.review.deep_dive.logo
    doc.edit("deep_dive.account_id", doc.review.book.accounts[0].id, label="Account")
    assert doc.review.deep_dive.logo == name and name in doc.media


def test_swapping_in_a_state_returns_the_one_taken_out(doc, png):
    picture = read_logo(png)
    taken = doc.swap_logo(LogoState(picture.ref.name, picture.ref, 0, picture.data))
    assert taken == LogoState()
    assert doc.logo() == LogoState(picture.ref.name, picture.ref, 0, picture.data)


# --- kept in the file -----------------------------------------------------------------------


def test_save_and_reopen_keep_the_logo_bytes(doc, jpeg, tmp_path):
    doc.set_logo(read_logo(jpeg))
    name = doc.review.deep_dive.logo
    path = tmp_path / "with logo.qbr"
    doc.save_to(path)
    loaded = load_review(path)
    assert loaded.review.deep_dive.logo == name
    assert loaded.media == {name: jpeg.read_bytes()}
    assert loaded.missing_media == []
    reopened = DocumentController()
    reopened.open_file(path)
    assert reopened.logo().data == jpeg.read_bytes()
    assert reopened.logo().ref.content_type == "image/jpeg"


def test_recovery_copy_holds_the_logo(doc, png):
    autosaver = Autosaver(doc, interval_ms=3_600_000)
    doc.set_logo(read_logo(png))
    assert autosaver.autosave_now() is not None
    [entry] = list_recoverable()
    recovered = load_recovered(entry)
    assert recovered.media[recovered.review.deep_dive.logo] == png.read_bytes()
    autosaver.stop()
    autosaver.discard()


# --- the control ----------------------------------------------------------------------------


def test_picker_shows_placeholder_logo_and_missing_logo(qtbot, doc, png):
    picker = LogoPicker(doc)
    qtbot.addWidget(picker)
    assert not picker.thumbnail.has_picture()
    assert picker.thumbnail.accessibleDescription() == NO_LOGO
    assert not picker.remove_button.isEnabled()
    assert picker.use_file(png)
    assert picker.thumbnail.has_picture() and picker.remove_button.isEnabled()
    assert "360 × 120 pixels" in picker.thumbnail.accessibleDescription()
    doc.undo_stack.undo()
    assert not picker.thumbnail.has_picture()  # undo shows through the change signal
    doc.undo_stack.redo()
    name = doc.review.deep_dive.logo
    doc.load(doc.review, {})  # a file whose logo entry went missing
    assert doc.review.deep_dive.logo == name
    assert picker.thumbnail.accessibleDescription() == MISSING
    assert picker.remove_button.isEnabled()  # so the dangling name can be cleared
    for widget in (picker.thumbnail, picker.choose_button, picker.remove_button):
        assert widget.accessibleName() and widget.toolTip()


def test_a_non_image_through_the_picker_is_refused_and_the_review_unchanged(qtbot, doc, tmp_path):
    picker = LogoPicker(doc)
    qtbot.addWidget(picker)
    messages = messages_of(doc)
    before = snapshot(doc)
    notes = tmp_path / "Q4 notes.txt"
    notes.write_text("Remember to ask about the renewal.")
    assert not picker.use_file(notes)
    assert snapshot(doc) == before and doc.undo_stack.count() == 0 and not doc.dirty
    assert len(messages) == 1
    assert str(notes) in messages[0] and "not a PNG or JPEG picture" in messages[0]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    return sample_window(qtbot, tmp_path, monkeypatch, "deep_dive")


def test_choose_logo_asks_for_a_picture_and_remove_takes_it_off(window, qtbot, png, monkeypatch):
    asked: list[Path | None] = []

    def answer(_parent, title, folder):
        asked.append(folder)
        assert "logo" in title
        return png

    monkeypatch.setattr(dialogs, "ask_image_path", answer)
    picker = window.page("deep_dive").logo
    qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert asked == [window.doc.path.parent]
    assert window.doc.media[window.doc.review.deep_dive.logo] == png.read_bytes()
    assert window.isWindowModified()
    assert window.doc.undo_stack.undoText() == "Add logo"
    qtbot.mouseClick(picker.remove_button, Qt.MouseButton.LeftButton)
    assert window.doc.review.deep_dive.logo is None and window.doc.media == {}
    monkeypatch.setattr(dialogs, "ask_image_path", lambda *_: None)  # cancelled: nothing
    qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert window.doc.undo_stack.count() == 2


def drop_on(widget, path: Path) -> bool:
    """Drag ``path`` over ``widget`` and drop it there; True if the widget took it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), action, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(widget, QDropEvent(QPointF(10, 10), action, mime, buttons, keys))
    return True


def test_dropping_a_picture_on_the_frame_sets_the_logo(window, jpeg, tmp_path):
    thumbnail = window.page("deep_dive").logo.thumbnail
    assert drop_on(thumbnail, jpeg)
    assert window.doc.logo().data == jpeg.read_bytes()
    assert thumbnail.has_picture()
    sheet = tmp_path / "accounts.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a workbook")
    assert drop_on(thumbnail, sheet)  # taken, and refused in words naming it
    assert "accounts.xlsx" in window.message.text
    assert window.doc.logo().data == jpeg.read_bytes()


def test_checklist_path_of_the_logo_focuses_the_control(window):
    window.show()
    page = window.page("deep_dive")
    assert page.focus_path("deep_dive.logo")
    assert page.logo.choose_button.hasFocus()


def test_screenshot_of_the_deep_dive_with_a_logo(window, qtbot, png):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)
    assert window.grab().save(str(ARTIFACTS / "logo-1-deep-dive-no-logo.png"))
    window.page("deep_dive").logo.use_file(png)
    qtbot.wait(50)
    image = window.grab()
    assert image.save(str(ARTIFACTS / "logo-2-deep-dive-with-logo.png"))
    assert re.match(r"logo-[0-9a-f]{16}\.png$", window.doc.review.deep_dive.logo)
