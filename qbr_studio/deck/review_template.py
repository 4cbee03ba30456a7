"""Which template a review's deck is built on, and a file of it for the deck engine.

The order, first found wins:

1. the template given for this one build (``build --template T.pptx``);
2. the review's own template, kept inside the .qbr (``review.template``, its bytes under
   ``template/<sha256[:16]>.pptx``, see :mod:`qbr_studio.document.media`);
3. the template of the team pack the review follows (a ``.qbrteam`` in its folder);
4. the bundled default template.

A review naming a template of its own that its file does not hold (removed by another tool,
damaged) is not built silently on another one: :attr:`TemplateChoice.problem` says so, and the
front end shows it.

The engine reads templates from files (and caches what it read per file), so a template's
bytes are written once to a content-addressed file in the app's state folder
(``templates/<sha256>/<the name the user chose>``): the same bytes always give the same file,
which is never rewritten, and messages name the template as the user knows it. Every use
still reads it through the guarded reader and the sanitiser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from qbr_studio.document.media import template_entry
from qbr_studio.model import Review

TEMPLATE_CACHE = "templates"
"""Folder of the state dir holding the templates kept inside reviews and team packs."""


@dataclass(frozen=True)
class TemplateChoice:
    """The template file to build on (None: the bundled default), what it is in words
    ("the review's own template Company.pptx"), and a problem to show ("" when none)."""

    path: Path | None
    said: str
    problem: str = ""


def template_file(data: bytes, name: str) -> Path:
    """A file holding ``data`` (a template's bytes) named ``name`` (the file name the user
    chose, so messages name it), in a folder named by the bytes' SHA-256."""
    from qbr_studio.storage.cache import content_file, plain_name

    base = plain_name(name)
    if Path(base).suffix.lower() not in (".pptx", ".potx"):  # what the engine accepts
        base += ".pptx"
    return content_file(TEMPLATE_CACHE, data, base)


def choose_template(
    review: Review,
    media: Mapping[str, bytes],
    *,
    given: Path | None = None,
    pack: bytes | None = None,
    pack_name: str = "",
) -> TemplateChoice:
    """The template ``review``'s deck is built on (see the module docstring); ``media`` is the
    review's media (``ReviewFile.media``), ``pack`` the bytes of the template of the team
    pack it follows (named ``pack_name``)."""
    problem = ""
    ref = review.template
    if ref is not None:
        data = media.get(template_entry(ref.sha256))
        if data is None:
            problem = (
                f"The review's own deck template {ref.name} is not inside the review file "
                "(it was removed or damaged); choose it again"
            )
        elif given is None:
            return TemplateChoice(
                template_file(data, ref.name), f"the review's own template {ref.name}"
            )
    if given is not None:
        return TemplateChoice(given, f"{given.name} (given for this build)")
    fallback = _fallback(pack, pack_name)
    if problem:
        problem += f"; {fallback.said} is used meanwhile."
    return TemplateChoice(fallback.path, fallback.said, problem)


def _fallback(pack: bytes | None, pack_name: str) -> TemplateChoice:
    if pack is not None:
        return TemplateChoice(
            template_file(pack, "team template.pptx"), f"the template of the team pack {pack_name}"
        )
    return TemplateChoice(None, "the bundled QBR Studio template")
