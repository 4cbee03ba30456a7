"""The team pack (``.qbrteam``): the team's standard, defined once by the VP.

A zip like ``.qbr``::

    mimetype        "application/vnd.qbr-studio.team+zip", stored uncompressed, first
    team.json       TeamPack as JSON (its schema: resources/schema/team.schema.json)
    template.pptx   the company template (optional; the bundled one when absent)

It says which agenda parts each presenter must show and in how many slides at most, the fields
every review must fill (checked by ``qbr-studio check`` and ``team status``), the peer-review
rubric (default: the seven areas of the brief), health weights and thresholds, and the meeting
calendar. A review in a folder holding a pack follows it; the pack is read again at every open,
and ``check`` and ``team status`` say which version they checked against. Read through
:mod:`qbr_studio.safeio`, saved atomically through :mod:`qbr_studio.storage`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from pydantic import Field, ValidationError, field_validator, model_validator

from qbr_studio.analytics.health import DEFAULT_SCORECARD, DEFAULT_WEIGHTS, DriverKind, Scorecard
from qbr_studio.checks import field_value
from qbr_studio.deck.planning.standard import DeckStandard
from qbr_studio.errors import UserError
from qbr_studio.model import Review, format_quarter, parse_quarter
from qbr_studio.model.base import Model
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.model.health_band import GREEN_FROM, YELLOW_FROM
from qbr_studio.safeio import check_zip, open_zip, parse_json, read_bytes, read_member
from qbr_studio.storage import atomic_write_bytes
from qbr_studio.storage.container import describe_validation_error
from qbr_studio.team.pack_files import PACK_SUFFIX, packs_in

MIMETYPE = "application/vnd.qbr-studio.team+zip"
TEAM_ENTRY = "team.json"
TEMPLATE_ENTRY = "template.pptx"
PACK_SCHEMA_VERSION = 1
MAX_TEAM_JSON = 4 * 1024 * 1024
MAX_TEMPLATE = 100 * 1024 * 1024
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

DEFAULT_RUBRIC = (
    "Business sophistication",
    "Use of every tool and method",
    "Product knowledge matched to business need",
    "Playbook",
    "Working across the company",
    "Monitoring and coaching the customer from data",
    "Client experience",
)
"""The seven areas peers assess in a review (BRIEF.md), the rubric of a pack that names none."""
DRIVERS = tuple(k.value for k in DriverKind)
"""The names a pack's health weights are keyed by (the analytics' drivers)."""
PARTS = tuple(
    s for s in DeckSection if s not in (DeckSection.TITLE, DeckSection.AGENDA, DeckSection.APPENDIX)
)
"""The agenda parts a pack may require and budget (a presenter's deck, title and agenda aside)."""


class HealthStandard(Model):
    """The team's health score: a weight per driver (keyed by the driver's name, e.g.
    ``"utilization"``; a driver left out has no weight) and the green/yellow thresholds."""

    weights: dict[str, float] = Field(
        default_factory=lambda: {k.value: w for k, w in DEFAULT_WEIGHTS.items()},
        description="Weight of each health driver (" + ", ".join(DRIVERS) + "); they must "
        "add up to 1. A driver left out has no weight.",
    )
    green: float = Field(GREEN_FROM, ge=0, le=100, description="Lowest score that is green.")
    yellow: float = Field(YELLOW_FROM, ge=0, le=100, description="Lowest score that is yellow.")

    @field_validator("weights")
    @classmethod
    def _drivers(cls, weights: dict[str, float]) -> dict[str, float]:
        for name, weight in weights.items():
            if name not in DRIVERS:
                raise ValueError(
                    f'"{name}" is not a health driver; the drivers are ' + ", ".join(DRIVERS)
                )
            if weight < 0:
                raise ValueError(f'the weight of "{name}" cannot be negative')
        return weights

    @model_validator(mode="after")
    def _consistent(self) -> HealthStandard:
        if self.yellow > self.green:
            raise ValueError("the yellow threshold must not be above the green one")
        total = sum(self.weights.values())
        if abs(total - 1) > 1e-6:
            raise ValueError(f"the health weights must add up to 1, not {total:g}")
        return self

    def scorecard(self, source: str = "") -> Scorecard:
        """The analytics' scorecard with these weights and thresholds (the rest as the
        product's); ``source`` names the pack for the appendix's definitions."""
        return replace(
            DEFAULT_SCORECARD,
            weights={DriverKind(k): w for k, w in self.weights.items()},
            green=self.green,
            yellow=self.yellow,
            source=source,
        )


class CalendarMeeting(Model):
    date: dt.date
    quarter: str = Field(description='The quarter reviewed, e.g. "2026-Q4".')
    start: dt.time = dt.time(9, 0)
    minutes_each: int = Field(20, ge=5, le=120)
    capacity: int = Field(8, ge=1, le=100, description="Most presenters at this meeting.")

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        return format_quarter(*parse_quarter(value))


class TeamPack(Model):
    schema_version: int = PACK_SCHEMA_VERSION
    version: int = Field(1, ge=1, description="Raised by the VP at every change of the pack.")
    team: str = Field(min_length=1)
    roster: list[str] = Field(default_factory=list, description="The team's CSMs.")
    required_parts: list[DeckSection] = Field(default_factory=lambda: list(PARTS))
    slide_budgets: dict[DeckSection, int] = Field(
        default_factory=dict, description="Most slides per agenda part of a presenter."
    )
    required_fields: list[str] = Field(
        default_factory=list, description='Dotted review fields, e.g. "meta.company".'
    )
    rubric: list[str] = Field(default_factory=lambda: list(DEFAULT_RUBRIC), min_length=1)
    health: HealthStandard = Field(default_factory=HealthStandard)
    calendar: list[CalendarMeeting] = Field(default_factory=list)

    @field_validator("required_fields")
    @classmethod
    def _fields_exist(cls, paths: list[str]) -> list[str]:
        probe = Review.model_validate({"meta": {"csm": "x", "quarter": "2026-Q4"}})
        for i, path in enumerate(paths):
            try:
                field_value(probe, path)
            except KeyError:
                raise ValueError(f'[{i}] "{path}" is not a field of a review') from None
        return paths

    @field_validator("slide_budgets")
    @classmethod
    def _budgets(cls, budgets: dict[DeckSection, int]) -> dict[DeckSection, int]:
        for part, n in budgets.items():
            if n < 1:
                raise ValueError(f'"{part}" needs a budget of at least one slide')
        return budgets

    @property
    def label(self) -> str:
        return f"{self.team} team pack, version {self.version}"

    @property
    def standard(self) -> DeckStandard:
        """What the pack sets for a review: its health scorecard, slide budgets and the fields
        it requires."""
        return DeckStandard(
            self.health.scorecard(self.label),
            dict(self.slide_budgets),
            tuple(self.required_fields),
        )

    def meeting_for(self, quarter: str) -> CalendarMeeting | None:
        """The calendar's first meeting reviewing ``quarter``."""
        found = sorted((m for m in self.calendar if m.quarter == quarter), key=lambda m: m.date)
        return found[0] if found else None


class LoadedPack:
    """A pack as read from its file: the standard, the template's bytes, where it lives."""

    def __init__(self, path: Path, pack: TeamPack, template: bytes | None) -> None:
        self.path = path
        self.pack = pack
        self.template = template

    @contextlib.contextmanager
    def template_file(self) -> Iterator[Path | None]:
        """The pack's template as a file for the deck engine: written to a private temporary
        folder (never into the team folder), removed after; None if the pack has none."""
        if self.template is None:
            yield None
            return
        with tempfile.TemporaryDirectory(prefix="qbr-team-") as tmp:
            path = Path(tmp) / TEMPLATE_ENTRY
            path.write_bytes(self.template)
            yield path


def pack_bytes(pack: TeamPack, template: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entries = [("mimetype", MIMETYPE.encode("ascii"), zipfile.ZIP_STORED)]
        body = pack.model_dump_json(indent=2).encode("utf-8") + b"\n"
        entries.append((TEAM_ENTRY, body, zipfile.ZIP_DEFLATED))
        if template is not None:
            entries.append((TEMPLATE_ENTRY, template, zipfile.ZIP_DEFLATED))
        for name, payload, method in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = method
            archive.writestr(info, payload)
    return buffer.getvalue()


def save_pack(path: Path, pack: TeamPack, template: Path | None = None) -> None:
    """Write the pack (with ``template`` inside, read through the guard) atomically."""
    path = Path(path)
    if path.suffix.lower() != PACK_SUFFIX:
        raise UserError(f"{path}: a team pack must end in {PACK_SUFFIX}")
    data = None
    if template is not None:
        from qbr_studio.safeio import check_file

        data = check_file(template, "template")
    atomic_write_bytes(path, pack_bytes(pack, data))


def load_pack(path: Path) -> LoadedPack:
    """Read a ``.qbrteam`` file; UserError naming it (and the JSON path) when it is not one."""
    path = Path(path)
    name = str(path)
    data = read_bytes(path, "template")  # a zip of at most a template's size
    with open_zip(data, name, "team pack") as archive:
        check_zip(archive, name, "template", "team pack")
        try:
            info = archive.getinfo(TEAM_ENTRY)
        except KeyError:
            raise UserError(
                f"{name}: it has no {TEAM_ENTRY} inside, so it is not a team pack"
            ) from None
        raw = parse_json(read_member(archive, info, MAX_TEAM_JSON, name), f"{name}: {TEAM_ENTRY}")
        template = None
        if TEMPLATE_ENTRY in archive.namelist():
            t_info = archive.getinfo(TEMPLATE_ENTRY)
            template = read_member(archive, t_info, MAX_TEMPLATE, name)
    if not isinstance(raw, dict):
        raise UserError(f"{name}: {TEAM_ENTRY} must hold a JSON object")
    version = raw.get("schema_version", PACK_SCHEMA_VERSION)
    if isinstance(version, int) and version > PACK_SCHEMA_VERSION:
        raise UserError(
            f"{name} was made by a newer QBR Studio (team pack format {version}); update to use it"
        )
    try:
        pack = TeamPack.model_validate(raw)
    except ValidationError as err:
        raise UserError(f"{name}: {TEAM_ENTRY} {describe_validation_error(err)}") from None
    return LoadedPack(path, pack, template)


def find_pack(folder: Path) -> LoadedPack | None:
    """The one team pack directly in ``folder``, or None; UserError if it holds several (the
    tool does not guess which is the team's) or the one it holds cannot be read."""
    packs = packs_in(folder)
    if len(packs) > 1:
        names = ", ".join(p.name for p in packs)
        raise UserError(f"{folder}: holds {len(packs)} team packs ({names}); keep one")
    return load_pack(packs[0]) if packs else None


def pack_json_schema() -> dict[str, object]:
    """The JSON Schema of ``team.json`` (shipped as resources/schema/team.schema.json)."""
    return TeamPack.model_json_schema()


if __name__ == "__main__":  # python -m qbr_studio.team.pack > .../team.schema.json
    import json

    print(json.dumps(pack_json_schema(), indent=2, ensure_ascii=False))
