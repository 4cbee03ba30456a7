"""The book of business: what the CSM's data (CRM, usage, support, surveys) says.

Every table here is filled by import or by the sample generator and refreshed on re-import;
nothing the CSM *writes* lives here (that is in :mod:`qbr_studio.model.review`), so a refresh
can replace these tables whole without losing a word of narrative.
"""

import datetime as dt
from enum import Enum

from pydantic import Field, field_validator

from qbr_studio.model.base import Health, Model, Risk, Sentiment, new_list

SOURCE_HELP = (
    "The import source the row came from (header signature:file), so that importing a file "
    "again replaces only the rows it brought; empty for rows made by hand or by the sample."
)


class Contact(Model):
    name: str
    role: str = ""
    email: str = ""


class Partner(Model):
    name: str
    role: str = Field(
        "", description="How the customer uses them: implementation, staff augmentation…"
    )


class Account(Model):
    id: str = Field(description="Stable key, unique in the book; other tables refer to it.")
    name: str
    industry: str = ""
    segment: str = ""
    region: str = ""
    products: list[str] = Field(default_factory=new_list)
    arr: float = Field(0.0, ge=0, description="Annual recurring revenue in the review's currency.")
    licensed_seats: int | None = Field(None, ge=0)
    renewal_date: dt.date | None = None
    crm_health: Health | None = Field(None, description="Health as the CRM records it, if any.")
    customer_since: dt.date | None = None
    key_contacts: list[Contact] = Field(default_factory=new_list)
    account_manager: str = ""
    csm: str = ""
    partners: list[Partner] = Field(default_factory=new_list)
    source: str = Field("", description=SOURCE_HELP)


class UsageMonth(Model):
    """One account's product usage in one calendar month (daily or weekly data is reduced to
    its monthly peak at import: summing daily active users would count people many times)."""

    account_id: str
    month: dt.date = Field(description="First day of the month.")
    active_users: int = Field(ge=0)
    licensed_users: int = Field(ge=0)
    key_feature_users: int | None = Field(None, ge=0)
    sessions: int | None = Field(None, ge=0, description="Sessions in the month, if measured.")
    minutes: float | None = Field(None, ge=0, description="Minutes of use in the month.")
    feature_uses: int | None = Field(
        None, ge=0, description="Times the key features were used in the month."
    )
    source: str = Field("", description=SOURCE_HELP)

    @field_validator("month")
    @classmethod
    def _first_of_month(cls, value: dt.date) -> dt.date:
        return value if value.day == 1 else value.replace(day=1)  # replace() costs 2 µs


class OpportunityKind(str, Enum):
    RENEWAL = "renewal"
    EXPANSION = "expansion"
    CROSS_SELL = "cross_sell"

    @property
    def label(self) -> str:
        return {"renewal": "Renewal", "expansion": "Expansion", "cross_sell": "Cross-sell"}[
            self.value
        ]


class Opportunity(Model):
    id: str
    account_id: str
    kind: OpportunityKind
    name: str = ""
    amount: float = Field(0.0, ge=0)
    close_date: dt.date | None = None
    stage: str = ""
    risk: Risk = Risk.LOW
    risk_stated: bool = Field(
        True,
        description="Whether the export stated the risk; if not, analytics derives it from "
        "the account's warning signs instead of trusting the default.",
    )
    next_step: str = ""
    owner: str = ""
    source: str = Field("", description=SOURCE_HELP)


class Stakeholder(Model):
    account_id: str
    name: str
    role: str = ""
    interest: str = Field("", description="What this person cares about.")
    sentiment: Sentiment = Sentiment.NEUTRAL
    source: str = Field("", description=SOURCE_HELP)


class Ticket(Model):
    account_id: str
    id: str = ""
    opened: dt.date
    closed: dt.date | None = None
    severity: int = Field(3, ge=1, le=4, description="1 critical … 4 low.")
    subject: str = ""
    category: str = ""
    source: str = Field("", description=SOURCE_HELP)


class NpsResponse(Model):
    account_id: str
    date: dt.date
    score: int = Field(ge=0, le=10)
    respondent: str = ""
    comment: str = ""
    source: str = Field("", description=SOURCE_HELP)


class Engagement(Model):
    account_id: str
    last_contact: dt.date | None = None
    emails_sent: int = Field(0, ge=0)
    emails_opened: int = Field(0, ge=0)
    replies: int = Field(0, ge=0)
    source: str = Field("", description=SOURCE_HELP)


class DataSource(Model):
    """Where a table came from, for the appendix and for re-import."""

    kind: str
    file: str
    sheet: str = ""
    rows: int = 0
    imported_on: dt.date | None = None
    signature: str = Field("", description="The header signature of the table read.")


class Book(Model):
    accounts: list[Account] = Field(default_factory=new_list)
    usage: list[UsageMonth] = Field(default_factory=new_list)
    opportunities: list[Opportunity] = Field(default_factory=new_list)
    stakeholders: list[Stakeholder] = Field(default_factory=new_list)
    tickets: list[Ticket] = Field(default_factory=new_list)
    nps: list[NpsResponse] = Field(default_factory=new_list)
    engagement: list[Engagement] = Field(default_factory=new_list)
    sources: list[DataSource] = Field(default_factory=new_list)

    def account(self, account_id: str | None) -> Account | None:
        return next((a for a in self.accounts if a.id == account_id), None)

    def usage_of(self, account_id: str) -> list[UsageMonth]:
        return sorted((u for u in self.usage if u.account_id == account_id), key=lambda u: u.month)

    def stakeholders_of(self, account_id: str) -> list[Stakeholder]:
        return [s for s in self.stakeholders if s.account_id == account_id]
