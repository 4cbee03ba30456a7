"""The open review and its pictures, with every edit rule and change events. No Qt.

Edits are small operations on a path (:meth:`Document.set_value`, :meth:`insert_item`,
:meth:`remove_item`, :meth:`move_item`, :meth:`swap_review`, :meth:`swap_logo`); each one
changes the review and emits :attr:`Document.changed` with the path that changed. The rules
that decide whether an edit may happen live here too: :meth:`Document.checked` (the value as
the model stores it, or a plain-words refusal), :meth:`Document.logo_change` (the media budget)
and :meth:`Document.drops_logo` (a logo belongs to its account). The app's Qt controller
(``qbr_studio.ui.document``) wraps each operation in an undo command and turns the events
into signals; the command line and scripts call :meth:`Document.edit` directly.

The review's deck template is two things that change together: ``review.template`` (its name and
SHA-256) and its bytes in :attr:`Document.media` under ``template/<sha256[:16]>.pptx``;
:meth:`Document.swap_template` changes both at once.

The deep dive's logo is three things that change together: ``deep_dive.logo`` (a name), the
``MediaRef`` of that name in ``review.media``, and the picture's bytes in
:attr:`Document.media`. :meth:`Document.swap_logo` changes all three at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qbr_studio.document import media as media_rules
from qbr_studio.document import paths
from qbr_studio.document.events import EventEmitter
from qbr_studio.errors import UserError

if TYPE_CHECKING:  # the model (pydantic) is imported only once a review is opened
    from qbr_studio.model import MediaRef, Review, TemplateRef

DEEP_DIVE_ACCOUNT = "deep_dive.account_id"
DEEP_DIVE_LOGO = "deep_dive.logo"
MEDIA = "media"
TEMPLATE = "template"


@dataclass(frozen=True)
class Picture:
    """A picture ready to go into the review: its MediaRef, its bytes, and the file it came
    from (for messages)."""

    ref: MediaRef
    data: bytes
    source: str = ""


@dataclass(frozen=True)
class LogoState:
    """All the deep dive's logo is made of: the name in ``deep_dive.logo``, the MediaRef of
    that name and its index in ``review.media`` (-1: none), and the bytes in
    :attr:`Document.media` (None: none). ``LogoState()`` is "no logo"."""

    name: str | None = None
    ref: MediaRef | None = None
    index: int = -1
    data: bytes | None = None


NO_LOGO = LogoState()


@dataclass(frozen=True)
class TemplateState:
    """All the review's own deck template is made of: ``review.template`` (None: none, the
    deck uses the team pack's or the default one) and the bytes of the entry it names (None:
    not in the file). ``TemplateState()`` is "no template of its own"."""

    ref: TemplateRef | None = None
    data: bytes | None = None


NO_TEMPLATE = TemplateState()

READ_ONLY_MESSAGE = (
    "This review is open in review mode: its content is read-only; comment in the feedback panel."
)


class Document:
    """One review, its pictures (``media``: name → bytes, as in ``ReviewFile.media``) and a
    ``revision`` that counts every change, so an autosaver can tell whether anything happened.

    ``changed`` emits the path of every change; ``""`` means the whole review.
    """

    def __init__(self) -> None:
        self.changed: EventEmitter[str] = EventEmitter()
        self.media: dict[str, bytes] = {}
        self.revision = 0
        self.read_only = False
        """Review mode: a peer reads and comments, the content stays as it is."""
        self._review: Review | None = None

    @property
    def review(self) -> Review:
        if self._review is None:
            raise RuntimeError("no review is open")
        return self._review

    @property
    def is_open(self) -> bool:
        return self._review is not None

    def load(self, review: Review, media: dict[str, bytes] | None = None) -> None:
        """Hold ``review`` and its pictures in place of whatever was held."""
        self._review = review
        self.media = dict(media or {})
        self._touch("")

    def value(self, path: str) -> Any:
        """The value at ``path`` (see :mod:`qbr_studio.document.paths`); LookupError if none."""
        return paths.resolve(self.review, path)

    def logo(self) -> LogoState:
        """The deep dive's logo as it is now; ``NO_LOGO`` when there is none."""
        name = self.review.deep_dive.logo
        if name is None:
            return NO_LOGO
        refs = self.review.media
        index = next((i for i, ref in enumerate(refs) if ref.name == name), -1)
        return LogoState(name, refs[index] if index >= 0 else None, index, self.media.get(name))

    def template(self) -> TemplateState:
        """The review's own deck template as it is now; ``NO_TEMPLATE`` when it has none."""
        ref = self.review.template
        if ref is None:
            return NO_TEMPLATE
        return TemplateState(ref, self.media.get(media_rules.template_entry(ref.sha256)))

    # --- operations: each changes the review and emits `changed` -----------------------

    def set_value(self, path: str, value: Any) -> None:
        parent, key = self._parent(path)
        if isinstance(key, int):
            parent[key] = value
        else:
            setattr(parent, key, value)
        self._touch(path)

    def insert_item(self, path: str, index: int, item: Any) -> None:
        self.value(path).insert(index, item)
        self._touch(path)

    def remove_item(self, path: str, index: int) -> Any:
        item = self.value(path).pop(index)
        self._touch(path)
        return item

    def move_item(self, path: str, source: int, target: int) -> None:
        items = self.value(path)
        items.insert(target, items.pop(source))
        self._touch(path)

    def swap_review(self, review: Review) -> Review:
        """Put ``review`` in place of the current one; returns the one taken out."""
        previous, self._review = self.review, review
        self._touch("")
        return previous

    def swap_logo(self, logo: LogoState) -> LogoState:
        """Put ``logo`` in place of the deep dive's logo (name, MediaRef and bytes); returns
        the one taken out, so putting that back restores the review and media exactly."""
        previous = self.logo()
        refs = self.review.media
        if previous.index >= 0:
            del refs[previous.index]
        if previous.name is not None:
            self.media.pop(previous.name, None)
        if logo.ref is not None:
            refs.insert(logo.index if 0 <= logo.index <= len(refs) else len(refs), logo.ref)
        if logo.name is not None and logo.data is not None:
            self.media[logo.name] = logo.data
        self.review.deep_dive.logo = logo.name
        self._touch(MEDIA)
        self._touch(DEEP_DIVE_LOGO)
        return previous

    def swap_template(self, template: TemplateState) -> TemplateState:
        """Put ``template`` in place of the review's own template (its ref and its bytes);
        returns the one taken out, so putting that back restores review and media exactly."""
        previous = self.template()
        for name in [n for n in self.media if media_rules.is_template_entry(n)]:
            del self.media[name]  # a review holds one template: no stray bytes are kept
        if template.ref is not None and template.data is not None:
            self.media[media_rules.template_entry(template.ref.sha256)] = template.data
        self.review.template = template.ref
        self._touch(MEDIA)
        self._touch(TEMPLATE)
        return previous

    # --- rules: whether and how an edit may happen ---------------------------------------

    def template_change(self, name: str, data: bytes | None) -> TemplateState | None:
        """The template state that makes ``data`` (a .pptx/.potx chosen as ``name``; None:
        the default) the review's template, or None if that would change nothing."""
        import hashlib

        from qbr_studio.model import TemplateRef

        if data is None:
            return NO_TEMPLATE if self.review.template is not None else None
        ref = TemplateRef(
            name=name[:255] or "template.pptx", sha256=hashlib.sha256(data).hexdigest()
        )
        current = self.template()
        if current.ref == ref and current.data is not None:
            return None
        return TemplateState(ref, data)

    def checked(self, path: str, value: Any, label: str = "") -> Any:
        """The value as the model would store it at ``path`` (validated, stripped).

        Raises UserError with the reason in plain words, naming the field by ``label``
        ("Meeting date") or its name; LookupError if ``path`` leads nowhere.
        """
        from pydantic import ValidationError

        from qbr_studio.document.messages import field_message

        parent, key = self._parent(path)
        if isinstance(key, int):
            return value
        probe = parent.model_copy()
        try:
            setattr(probe, key, value)
        except ValidationError as err:
            raise UserError(field_message(err, label or key)) from None
        return getattr(probe, key)

    def drops_logo(self, path: str, old: Any) -> bool:
        """True if setting ``path`` (now ``old``) also removes the logo: a logo belongs to
        its account, so choosing another deep-dive account takes it away (a logo added
        before any account was chosen stays)."""
        return path == DEEP_DIVE_ACCOUNT and old is not None and bool(self.review.deep_dive.logo)

    def logo_change(self, picture: Picture | None) -> LogoState | None:
        """The logo state that makes ``picture`` the logo (None: no logo), or None if that
        would change nothing. Raises UserError if the pictures would then be more than a
        review file may hold."""
        current = self.logo()
        if picture is None:
            return NO_LOGO if current.name is not None else None
        if current.ref == picture.ref and current.data == picture.data:
            return None
        if media_rules.over_budget(self.media, picture.data, replacing=current.name):
            raise UserError(
                f"{picture.source or 'The picture'} was not used as the logo: the review's "
                f"pictures would then take more than {media_rules.budget_text()}."
            )
        index = current.index if current.index >= 0 else len(self.review.media)
        return LogoState(picture.ref.name, picture.ref, index, picture.data)

    def edit(self, path: str, value: Any, *, label: str = "") -> bool:
        """Set the field at ``path`` with every rule applied, without undo (scripts, the
        command line). False if that changes nothing; UserError if the value is refused."""
        if self.read_only:
            raise UserError(READ_ONLY_MESSAGE)
        new = self.checked(path, value, label)
        old = self.value(path)
        if new == old:
            return False
        drop = self.drops_logo(path, old)
        self.set_value(path, new)
        if drop:
            self.swap_logo(NO_LOGO)
        return True

    # --- helpers -------------------------------------------------------------------------

    def _touch(self, path: str) -> None:
        self.revision += 1
        self.changed.emit(path)

    def _parent(self, path: str) -> tuple[Any, paths.Part]:
        parts = paths.parse(path)
        if not parts:
            raise ValueError("the whole review is replaced with swap_review, not set_value")
        return paths.resolve(self.review, paths.join(parts[:-1])), parts[-1]
