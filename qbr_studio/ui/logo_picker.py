"""The deep dive's logo control: the logo in a frame (or "No logo"), "Choose logo…", "Remove",
and a picture file dropped on the frame.

Every change goes through :meth:`DocumentController.set_logo` (one undo step); the control
shows what the controller holds and refreshes from its ``changed`` signal, so undo and redo
look exactly like the edit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDropEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs, json_path
from qbr_studio.ui.document import DEEP_DIVE_LOGO, MEDIA, DocumentController
from qbr_studio.ui.logo_file import MAX_LOGO_BYTES, MiB, read_logo
from qbr_studio.ui.widgets import hint

FRAME_SIZE = QSize(200, 100)
"""Logical pixels: the logo's frame (a logo is usually wider than tall)."""
PADDING = 8
"""Logical pixels between the frame and the logo."""
NO_LOGO = "No logo"
MISSING = "Logo missing from the file"
UNREADABLE = "The logo can't be shown"


class LogoThumbnail(QFrame):
    """The logo scaled into a fixed frame on white (as on the slide), or a dashed placeholder
    saying why there is none. A single file dropped on it is offered through
    :attr:`fileDropped` (checking it is the receiver's job)."""

    fileDropped = Signal(object)
    """A local file was dropped: its ``Path``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._scaled: QPixmap | None = None
        self._scaled_for: tuple[int, int, float] = (0, 0, 0.0)
        self._empty_text = NO_LOGO
        self._hovered = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedSize(FRAME_SIZE)
        self.setAcceptDrops(True)
        self.setAccessibleName("Logo")
        self.setToolTip("The customer's logo for the deep-dive slide: drop a PNG or JPEG here")

    def has_picture(self) -> bool:
        return self._image is not None

    def set_picture(self, data: bytes | None, empty_text: str = NO_LOGO) -> None:
        """Show the picture in ``data``; ``empty_text`` when there is none."""
        image = QImage.fromData(data) if data else QImage()
        self._image = None if image.isNull() else image
        self._scaled = None
        self._empty_text = UNREADABLE if data and image.isNull() else empty_text
        if self._image is not None:
            self.setAccessibleDescription(f"Logo, {image.width()} × {image.height()} pixels")
        else:
            self.setAccessibleDescription(self._empty_text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            inner = self.contentsRect()
            if self._image is None:
                self._paint_placeholder(painter)
            else:
                painter.fillRect(inner, Qt.GlobalColor.white)  # slides are white
                pixmap = self._fitted(inner.adjusted(PADDING, PADDING, -PADDING, -PADDING).size())
                size = pixmap.deviceIndependentSize()
                x = inner.x() + (inner.width() - size.width()) / 2
                y = inner.y() + (inner.height() - size.height()) / 2
                painter.drawPixmap(round(x), round(y), pixmap)
            if self._hovered:
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
                painter.drawRect(inner.adjusted(1, 1, -1, -1))
        finally:
            painter.end()
        super().paintEvent(event)  # the frame, over the picture's edge

    def _paint_placeholder(self, painter: QPainter) -> None:
        inner = self.contentsRect().adjusted(4, 4, -4, -4)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
        painter.drawRect(inner)
        painter.drawText(
            inner,
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self._empty_text,
        )

    def _fitted(self, size: QSize) -> QPixmap:
        """The logo scaled to fit ``size`` (kept between paints: scaling a big one is slow)."""
        ratio = self.devicePixelRatioF()
        key = (size.width(), size.height(), ratio)
        if self._scaled is None or self._scaled_for != key:
            assert self._image is not None
            image = self._image.scaled(
                size * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled = QPixmap.fromImage(image)
            self._scaled.setDevicePixelRatio(ratio)
            self._scaled_for = key
        return self._scaled

    # --- dropping a file ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
            self._set_hovered(True)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_hovered(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hovered(False)
        path = dropped_file(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.fileDropped.emit(path)

    def _set_hovered(self, hovered: bool) -> None:
        self._hovered = hovered
        self.update()


class LogoPicker(QWidget):
    """The deep dive's logo, with buttons to choose a picture file or remove it."""

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setAccessibleName("Customer logo")
        self.thumbnail = LogoThumbnail(self)
        self.choose_button = QPushButton("Choose logo…", self)
        self.choose_button.setAccessibleName("Choose logo")
        self.choose_button.setToolTip("Use a PNG or JPEG picture of the customer's logo")
        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setAccessibleName("Remove logo")
        self.remove_button.setToolTip("Take the logo off the deep-dive slide")
        self.note = hint(
            f"PNG or JPEG, up to {MAX_LOGO_BYTES // MiB} MB: choose a file or drop one on the "
            "box. The logo belongs to the account: choosing another account removes it.",
            self,
        )
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        layout.addWidget(self.note, 1, Qt.AlignmentFlag.AlignTop)
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        self.thumbnail.fileDropped.connect(self.use_file)
        doc.changed.connect(self._on_changed)
        self.refresh()

    def choose(self) -> None:
        """Ask for a picture file and use it."""
        folder = self.doc.path.parent if self.doc.path else None
        path = dialogs.ask_image_path(self, "Choose the customer's logo", folder)
        if path is not None:
            self.use_file(path)

    def use_file(self, path: Path) -> bool:
        """Make the picture in ``path`` the logo; False (and a message naming the file) if
        it can't be one, the review unchanged."""
        try:
            picture = read_logo(path)
        except UserError as err:
            self.doc.report(str(err))
            return False
        return self.doc.set_logo(picture)

    def remove(self) -> None:
        self.doc.set_logo(None)

    def refresh(self) -> None:
        """Show the controller's logo."""
        opened = self.doc.is_open
        self.setEnabled(opened)
        if not opened:
            self.thumbnail.set_picture(None)
            return
        logo = self.doc.logo()
        self.thumbnail.set_picture(logo.data, MISSING if logo.name else NO_LOGO)
        self.remove_button.setEnabled(logo.name is not None)

    def _on_changed(self, path: str) -> None:
        if json_path.related(path, DEEP_DIVE_LOGO) or json_path.related(path, MEDIA):
            self.refresh()


def dropped_file(mime: QMimeData) -> Path | None:
    """The one local file a drag carries, or None (several files, a web link, text)."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return Path(urls[0].toLocalFile())
