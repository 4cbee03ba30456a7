"""The throttled re-plan: the deck plan and the checklist of the review as it is now.

The window asks for a plan after each edit (:meth:`Planner.schedule`); at most one re-plan
runs per :data:`PLAN_INTERVAL_MS` while the user types, and an edit after a pause is planned
at once. The result arrives as :attr:`Planner.previewed` (the plan) and then
:attr:`Planner.planned` (its checklist too); a planning error as :attr:`failed`. A plan
scheduled with ``check_later`` leaves its checklist until :meth:`Planner.check` — the window
paints a review just opened first, then makes its checklist (about as long again as the plan).

Each re-plan computes the review's figures and analysis once (:attr:`Planner.content`), and
views that show them (the Revenue page's table) take them from here rather than computing
them a second time: :meth:`Planner.of` finds the planner of a document.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from qbr_studio.errors import UserError

if TYPE_CHECKING:
    from qbr_studio.checks import Finding
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.deck.planning.content import ReviewContent
    from qbr_studio.deck.reading.template_info import TemplateInfo
    from qbr_studio.ui.document import DocumentController

log = logging.getLogger(__name__)

PLAN_INTERVAL_MS = 150
"""At most one re-plan of the preview per this many milliseconds while the user types; an
edit after a pause is planned at once (so the preview follows within a moment)."""


_PLANNERS: weakref.WeakKeyDictionary[DocumentController, Planner] = weakref.WeakKeyDictionary()


class Planner(QObject):
    """Plans ``doc``'s review on the template ``template_path()`` names (None: bundled),
    read again when the review or its template changes."""

    previewed = Signal()
    """:attr:`plan` now shows the review as it is (:attr:`findings` follow with planned)."""
    planned = Signal()
    """:attr:`plan` and :attr:`findings` now show the review as it is."""
    failed = Signal(str)
    """Planning failed or the chosen template could not be read: a plain-words message."""

    def __init__(
        self,
        doc: DocumentController,
        template_path: Callable[[], Path | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self._template_path = template_path
        self.plan: DeckPlan | None = None
        self.findings: list[Finding] = []
        self.content: ReviewContent | None = None
        """The review as last planned with its figures and analysis, each computed once
        (on first use) for every view that shows them."""
        self._template: TemplateInfo | None = None
        self._last_plan_at = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.refresh(check=not self._check_later))
        self._check_later = False
        self.check_pending = False
        """The plan is newer than :attr:`findings`: :meth:`check` makes them."""
        doc.changed.connect(self._review_changed)
        doc.fileChanged.connect(lambda _path: self.forget_template())  # another team folder
        _PLANNERS[doc] = self

    @staticmethod
    def of(doc: DocumentController) -> Planner | None:
        """The planner of ``doc``, if one plans it."""
        return _PLANNERS.get(doc)

    def schedule(self, *, check_later: bool = False) -> None:
        """Re-plan now if the last plan is older than PLAN_INTERVAL_MS, else when it is;
        with ``check_later``, leave the plan's checklist until :meth:`check`."""
        self._check_later = self._check_later or check_later
        if self._timer.isActive():
            return
        waited = (time.monotonic() - self._last_plan_at) * 1000
        self._timer.start(max(0, int(PLAN_INTERVAL_MS - waited)))

    def refresh(self, *, check: bool = True) -> None:
        """Plan the deck of the review as it is, with its checklist (unless ``check`` is
        False: then :meth:`check` makes it)."""
        from qbr_studio.deck.planning.compose import compose
        from qbr_studio.deck.planning.content import ReviewContent

        self._check_later = False
        if not self.doc.is_open:
            return
        self.content = ReviewContent(self.doc.review, self.doc.media, self.doc.standard)
        try:
            plan = compose(self.content, self.template_info())
        except UserError as err:
            self.failed.emit(str(err))
            return
        except Exception as err:  # a bug in planning must not take the editor down with it
            log.exception("Planning the preview failed")
            self.failed.emit(f"The preview could not be drawn ({type(err).__name__}: {err}).")
            return
        self.plan = plan
        self.check_pending = True
        self.previewed.emit()
        if check:
            self.check()

    def check(self) -> None:
        """The checklist of the review as it is, for the plan just made: then ``planned``."""
        from qbr_studio.checks import check_review

        self.check_pending = False
        if not self.doc.is_open or self.plan is None:
            return
        self.findings = check_review(self.doc.review, self.doc.media, self.doc.standard.required)
        self._last_plan_at = time.monotonic()
        self.planned.emit()

    def template_info(self) -> TemplateInfo:
        """The template the deck is built on (cached); the bundled one if the chosen fails."""
        from qbr_studio.deck.reading.template import load_template

        if self._template is None:
            try:
                self._template = load_template(self._template_path())
            except UserError as err:
                self.failed.emit(f"{err} The bundled template is used instead.")
                self._template = load_template(None)
        return self._template

    def _review_changed(self, path: str) -> None:
        from qbr_studio.document import TEMPLATE

        if path in ("", TEMPLATE):  # another review, or this one's template changed
            self.forget_template()

    def forget_template(self) -> None:
        """The chosen template changed: read it again at the next plan."""
        self._template = None
