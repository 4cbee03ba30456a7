"""Shared pydantic base and the small value types every part of the document uses."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base of every document object: unknown keys are refused, assignments re-validated.

    Documents are edited in place by the app (one undo command calls one setter), so
    ``validate_assignment`` keeps a bad value from ever entering a saved review.
    """

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        # Validators are built when a class is first used, not at import: a command that
        # reads one review builds the review's (with its parts) once, and never those of the
        # models it doesn't touch.
        defer_build=True,
    )


def new_list() -> list:
    """A new empty list, the default of a list field (``Field(default_factory=new_list)``).

    pydantic reads a default factory's signature when it builds a validator; a Python
    function's is read at once, ``list``'s is parsed from its text signature (~0.15 ms each,
    ~3 ms of the first review every process reads)."""
    return []


def new_dict() -> dict:
    """A new empty dict, the default of a dict field (see :func:`new_list`)."""
    return {}


class Health(str, Enum):
    """Traffic-light health of an account. Shown with its word as well as its colour."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "Green", "yellow": "Yellow", "red": "Red"}[self.value]


class Risk(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Sentiment(str, Enum):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    DETRACTOR = "detractor"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Status(str, Enum):
    """Progress of an action item or a planned communication."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()
