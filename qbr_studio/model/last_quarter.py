"""What the previous quarter's review said, carried into the next one for reference.

``qbr-studio new --from LAST.qbr`` fills it; it is read-only reference beside the editors and
the "since last review" figures compare the current book against it.
"""

import datetime as dt

from pydantic import Field

from qbr_studio.model.base import Health, Model, Status, new_dict, new_list


class AccountSnapshot(Model):
    """One account as last quarter's review saw it."""

    id: str
    name: str
    arr: float = Field(0.0, ge=0)
    health: Health | None = Field(None, description="The health last quarter's review showed.")
    renewal_date: dt.date | None = None
    champions: list[str] = Field(
        default_factory=new_list, description="Champions and supporters named last quarter."
    )


class ActionSnapshot(Model):
    id: str
    text: str = ""
    account_id: str | None = None
    due: dt.date | None = None
    status: Status = Status.NOT_STARTED


class LastQuarter(Model):
    quarter: str = Field(description='The previous review\'s quarter, e.g. "2026-Q3".')
    file: str = Field("", description="The file it was carried from (name only).")
    narratives: dict[str, str] = Field(
        default_factory=new_dict,
        description='Last quarter\'s text by field path, e.g. "deep_dive.health_story".',
    )
    accounts: list[AccountSnapshot] = Field(default_factory=new_list)
    action_items: list[ActionSnapshot] = Field(default_factory=new_list)
