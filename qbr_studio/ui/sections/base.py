"""What every agenda section page has: a title, the paths it edits, and a way to jump there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from qbr_studio.model.agenda import LOCATIONS, Page
from qbr_studio.ui import json_path
from qbr_studio.ui.bindings import Binding
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.list_editor import FieldSpec, make_field
from qbr_studio.ui.widgets import heading, hint

if TYPE_CHECKING:
    from qbr_studio.deck.plan import DeckPlan

PAGE_MARGIN = 16


class SectionPage(QWidget):
    """One page of the navigation.

    ``key`` names the page in settings and tests; ``title`` is its name in the navigation
    (from :class:`qbr_studio.model.agenda.Page`);
    ``paths`` the parts of the review it edits (from :data:`qbr_studio.model.agenda.LOCATIONS`:
    a checklist item under one of them jumps here, and the preview shows their slides);
    ``data_paths`` the parts its derived views (figures, tables, charts) are computed from —
    a change related to one of them refreshes them (:meth:`data_changed`).
    """

    jumpRequested = Signal(str)
    """Show the editor of this path (possibly on another page)."""
    locationChanged = Signal()
    """The user moved to another part of the page (a tab): see :meth:`location`."""

    key = ""
    title = ""
    description = ""
    paths: tuple[str, ...] = ()
    data_paths: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        page = Page(cls.key)
        cls.title = page.title
        cls.paths = tuple(root for root, where in LOCATIONS.items() if where.page is page)

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.bindings: dict[str, Binding] = {}
        self._stale = True
        self.setAccessibleName(f"{self.title} section")
        if self.data_paths:
            doc.changed.connect(self._on_changed)

    def _on_changed(self, path: str) -> None:
        if any(json_path.related(path, p) for p in self.data_paths):
            self.data_changed()

    # --- building helpers ---------------------------------------------------------------

    def page_layout(self, *, scroll: bool) -> QVBoxLayout:
        """The page's heading and hint; the returned layout is where its content goes
        (inside a scroll area if ``scroll``)."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        layout.addWidget(heading(self.title, content))
        if self.description:
            layout.addWidget(hint(self.description, content))
        if scroll:
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(content)
            outer.addWidget(area)
        else:
            outer.addWidget(content)
        return layout

    def bind(self, path: str, spec: FieldSpec, parent: QWidget | None = None) -> Binding:
        """An editor for ``path`` described by ``spec``, remembered under ``path``."""
        binding = make_field(self.doc, spec, parent or self)
        binding.set_path(path)
        self.bindings[path] = binding
        return binding

    def labelled(self, binding: Binding, text: str, parent: QWidget | None = None) -> QLabel:
        label = QLabel(text, parent or self)
        label.setBuddy(binding.widget)
        return label

    # --- behaviour ----------------------------------------------------------------------

    def location(self) -> str:
        """The part of the review the user is at on this page ("" for none)."""
        return self.paths[0] if self.paths else ""

    def show_location(self, root: str) -> None:
        """Move to the part of the page that edits ``root`` (a tab); optional."""

    def focus_path(self, path: str) -> bool:
        """Show and focus the editor of ``path``; False if this page has none for it."""
        for bound, binding in self.bindings.items():
            if json_path.is_within(path, bound) or json_path.is_within(bound, path):
                binding.widget.setFocus(Qt.FocusReason.OtherFocusReason)
                self._reveal(binding.widget)
                return True
        return False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh_data()

    def data_changed(self) -> None:
        """The book (or the review) changed: refresh derived views now if shown, else later."""
        if self.isVisible():
            self._stale = False
            self.refresh_data()
        else:
            self._stale = True

    def refresh_data(self) -> None:
        """Recompute what the page derives from the data (figures, tables); optional."""

    def set_plan(self, plan: DeckPlan) -> None:
        """The latest slide plan (its palette draws the page's charts); optional."""

    def _reveal(self, widget: QWidget) -> None:
        parent: Any = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
