"""The review document: metadata, the book of business and the four agenda sections.

Everything here is plain data validated by pydantic; no I/O and no Qt. The file format
(:mod:`qbr_studio.storage`) stores ``Review.model_dump(mode="json")`` as ``review.json``.
"""

import datetime as dt
import re
import uuid
from enum import Enum

from pydantic import Field, field_validator

from qbr_studio.model.base import Health, Model, Sentiment, Status, new_list
from qbr_studio.model.book import Book
from qbr_studio.model.last_quarter import LastQuarter

SCHEMA_VERSION = 4
"""Version of ``review.json``; bump it with a migration in :mod:`qbr_studio.storage.migrations`."""

_QUARTER = re.compile(r"^(\d{4})[\s\-/]*Q([1-4])$")
_QUARTER_FIRST = re.compile(r"^Q([1-4])[\s\-/]*(\d{4})$")
FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Years a review's quarter may be in: every date the deck derives from it (the quarter's end,
the next quarters' renewals, a year back for trends) stays a valid date, and every year is
written with four digits, so whatever is accepted is written back in the same form."""


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def parse_quarter(text: str) -> tuple[int, int]:
    """``"2026-Q4"`` → ``(2026, 4)``, as are ``"Q4 2026"``, ``"2026 Q4"`` and ``"Q4/2026"``;
    raises ValueError with a readable message otherwise."""
    upper = text.strip().upper()
    match = _QUARTER.match(upper)
    if match:
        year, q = int(match.group(1)), int(match.group(2))
    elif match := _QUARTER_FIRST.match(upper):
        year, q = int(match.group(2)), int(match.group(1))
    else:
        raise ValueError(f'quarter must look like "2026-Q4" or "Q4 2026", not "{text[:40]}"')
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f'quarter must be between {FIRST_YEAR}-Q1 and {LAST_YEAR}-Q4, not "{text.strip()[:40]}"'
        )
    return year, q


def format_quarter(year: int, q: int) -> str:
    """``(2026, 4)`` → ``"2026-Q4"``: the one written form :func:`parse_quarter` reads back."""
    return f"{year:04d}-Q{q}"


def quarter_end(quarter: str) -> dt.date:
    """The last day of a quarter written like ``"2026-Q4"``: the day its figures are taken at."""
    year, q = parse_quarter(quarter)
    if q == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * q + 1, 1) - dt.timedelta(days=1)


class PackStamp(Model):
    """The team pack a review was last checked against: which team's standard, which version."""

    team: str = Field(min_length=1)
    version: int = Field(ge=1, description="The pack's version, raised by the VP at each change.")
    checked_on: dt.date | None = None


class Meta(Model):
    csm: str
    team: str = ""
    quarter: str = Field(description='Quarter under review, e.g. "2026-Q4".')
    meeting_date: dt.date | None = None
    company: str = Field("", description="Our company's name, for the title slide.")
    currency: str = Field("USD", min_length=3, max_length=3)
    team_pack: PackStamp | None = Field(
        None, description="The team pack this review follows, as of its last check."
    )

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        return format_quarter(*parse_quarter(value))

    @property
    def quarter_label(self) -> str:
        year, q = parse_quarter(self.quarter)
        return f"Q{q} {year}"


class MediaRef(Model):
    """A picture stored inside the .qbr zip under ``media/<name>``."""

    name: str = Field(pattern=r"^[A-Za-z0-9._-]{1,80}$")
    content_type: str = "image/png"
    caption: str = ""


class TemplateRef(Model):
    """The company template this review's deck is built on, kept inside the .qbr so the review
    builds the same on every machine (the VP's included)."""

    name: str = Field(min_length=1, max_length=255, description="The file name the user chose.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the template's bytes.")


class StakeholderNote(Model):
    """A person on the customer side, as the CSM sees them for the deep dive."""

    name: str
    role: str = ""
    interest: str = ""
    sentiment: Sentiment = Sentiment.NEUTRAL


class DeepDive(Model):
    account_id: str | None = Field(None, description="Account of the book chosen for the dive.")
    business_and_challenges: str = ""
    why_they_bought: str = ""
    health_story: str = Field("", description="What is going on with the account's health.")
    stakeholders: list[StakeholderNote] = Field(default_factory=new_list)
    logo: str | None = Field(None, description="Name of a MediaRef holding the customer's logo.")


class AchievementKind(str, Enum):
    BUSINESS_OUTCOME = "business_outcome"
    ADOPTION = "adoption"
    INNOVATION = "innovation"

    @property
    def label(self) -> str:
        return {
            "business_outcome": "Business outcome",
            "adoption": "Adoption",
            "innovation": "Innovation",
        }[self.value]


class Achievement(Model):
    id: str = Field(default_factory=new_id)
    account_id: str | None = None
    kind: AchievementKind = AchievementKind.BUSINESS_OUTCOME
    title: str = ""
    metric: str = Field("", description='What was measured, e.g. "Tickets resolved by bot".')
    unit: str = Field("", description='"%", "hours", "$"… shown after the numbers.')
    before: float | None = None
    after: float | None = None
    goal: float | None = None
    story: str = ""


class Challenge(Model):
    id: str = Field(default_factory=new_id)
    pattern: str = Field("", description="The trend seen across the book of business.")
    evidence: str = ""
    plan: str = ""
    account_ids: list[str] = Field(default_factory=new_list)


def is_overdue(due: dt.date | None, status: Status, on: dt.date) -> bool:
    """The one meaning of "overdue" (action items, conversations): due before ``on`` (the
    review's :attr:`Review.overdue_on`) and not done."""
    return due is not None and due < on and status is not Status.DONE


class Communication(Model):
    id: str = Field(default_factory=new_id)
    party: str = Field("", description="Who: the critical party on the customer or our side.")
    topic: str = ""
    when: dt.date | None = None
    status: Status = Status.NOT_STARTED

    def is_overdue(self, on: dt.date) -> bool:
        return is_overdue(self.when, self.status, on)


class ActionItem(Model):
    id: str = Field(default_factory=new_id)
    text: str = ""
    account_id: str | None = None
    owner: str = ""
    due: dt.date | None = None
    status: Status = Status.NOT_STARTED
    carried_from: str | None = Field(
        None, description='Quarter this item was carried over from, e.g. "2026-Q3".'
    )
    status_confirmed: bool = Field(
        True, description="False until the CSM confirms the status of a carried item."
    )

    @property
    def status_text(self) -> str:
        """The status as shown: a carried item nobody has confirmed asks for it."""
        return "carried — status?" if not self.status_confirmed else self.status.label

    def is_overdue(self, on: dt.date) -> bool:
        return is_overdue(self.due, self.status, on)


class HealthOverride(Model):
    """The CSM's own health for an account, with why; shown beside the CRM's and the data's."""

    account_id: str
    health: Health
    reason: str = Field(min_length=1, description="Why the CSM disagrees with the data.")
    on: dt.date | None = None


class Revenue(Model):
    renewals_story: str = ""
    growth_story: str = ""
    action_items: list[ActionItem] = Field(default_factory=new_list)


class Review(Model):
    schema_version: int = SCHEMA_VERSION
    meta: Meta
    book: Book = Field(default_factory=Book)
    deep_dive: DeepDive = Field(default_factory=DeepDive)
    achievements: list[Achievement] = Field(default_factory=new_list)
    challenges: list[Challenge] = Field(default_factory=new_list)
    communications: list[Communication] = Field(default_factory=new_list)
    revenue: Revenue = Field(default_factory=Revenue)
    media: list[MediaRef] = Field(default_factory=new_list)
    template: TemplateRef | None = Field(
        None, description="The deck template of this review; none means the default one."
    )
    health_overrides: list[HealthOverride] = Field(default_factory=new_list)
    last_quarter: LastQuarter | None = Field(
        None, description="What the previous quarter's review said, kept for reference."
    )

    def override_of(self, account_id: str) -> HealthOverride | None:
        return next((o for o in self.health_overrides if o.account_id == account_id), None)

    @property
    def as_of(self) -> dt.date:
        """The day the review's figures are taken at: the end of its quarter."""
        return quarter_end(self.meta.quarter)

    @property
    def overdue_on(self) -> dt.date:
        """The day "overdue" is judged on: the meeting's, else the end of the quarter."""
        return self.meta.meeting_date or self.as_of
