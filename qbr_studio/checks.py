"""What is still missing before the meeting: the completeness checklist of a review.

Each finding names the agenda section, the field's JSON path in ``review.json`` (the app
jumps there when the item is clicked) and what to do, in plain words. Given the review's
pictures (``ReviewFile.media``), it also says when the deep dive's logo cannot be shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from qbr_studio.analytics.quality import data_problems
from qbr_studio.model import Review
from qbr_studio.model.agenda import describe
from qbr_studio.model.identifiers import ID_LIKE
from qbr_studio.model.word_budgets import WORD_BUDGETS, word_count
from qbr_studio.storage.pictures import logo_problem
from qbr_studio.wording import plural, verb

MIN_ACHIEVEMENTS = 3
MIN_STAKEHOLDERS = 2
"""How PNG and JPEG files begin: the formats a logo may be. (The deck decodes the whole
picture before placing it; this check only catches files of the wrong kind.)"""


@dataclass(frozen=True)
class Finding:
    section: str
    path: str
    message: str
    blocking: bool = True
    """False for what deserves a look but is not missing from the review — a problem in the
    imported data (see :func:`~qbr_studio.analytics.quality.data_problems`): listed, but the
    review can be ready with it."""

    def __str__(self) -> str:
        """As the command line's ``check`` prints it: where in the editor, and what to do."""
        return f"{describe(self.path)}: {self.message}"


def _data_quality(review: Review, problems: bool = True) -> list[Finding]:
    """Problems in the imported book itself: names that are ids, shared names, no ARR at all,
    those of :func:`~qbr_studio.analytics.quality.data_problems` (unless not ``problems``:
    they never block), activity dated in the future."""
    book = review.book
    out = []
    id_named = [i for i, a in enumerate(book.accounts) if ID_LIKE.match(a.name.strip())]
    if id_named:
        first = book.accounts[id_named[0]]
        out.append(
            Finding(
                "Data",
                f"book.accounts[{id_named[0]}].name",
                f"{plural(len(id_named), 'account name')} {verb(len(id_named), 'looks', 'look')} "
                f'like ids ("{first.name}"): re-import '
                "with the column that holds the names",
            )
        )
    names = Counter(a.name.strip().casefold() for a in book.accounts)
    shared = [i for i, a in enumerate(book.accounts) if names[a.name.strip().casefold()] > 1]
    if shared:
        first = book.accounts[shared[0]]
        out.append(
            Finding(
                "Data",
                f"book.accounts[{shared[0]}].name",
                f'{len(shared)} accounts share a name with another ("{first.name}"): the deck '
                "shows them alike",
            )
        )
    if book.accounts and not any(a.arr for a in book.accounts):
        out.append(Finding("Data", "book.accounts", "every account's ARR is zero: import ARR"))
    if problems:
        out += [Finding("Data", p.path, p.message, blocking=False) for p in data_problems(review)]
    this_month = dt.date.today().replace(day=1)
    future = [i for i, u in enumerate(book.usage) if u.month > this_month]
    if future:
        out.append(
            Finding(
                "Data",
                f"book.usage[{future[0]}].month",
                f"{plural(len(future), 'usage month')} {verb(len(future), 'is', 'are')} in the "
                "future: check the usage export's dates",
            )
        )
    return out


def _meta(review: Review) -> list[Finding]:
    out = []
    if not review.meta.team:
        out.append(Finding("Review", "meta.team", "name your team"))
    if review.meta.meeting_date is None:
        out.append(Finding("Review", "meta.meeting_date", "set the meeting date"))
    return out


def _data(review: Review) -> list[Finding]:
    book = review.book
    out = []
    if not book.accounts:
        out.append(Finding("Data", "book.accounts", "import your accounts (CRM export)"))
    if not book.usage:
        out.append(Finding("Data", "book.usage", "import product usage to chart adoption"))
    if not book.opportunities and not any(a.renewal_date for a in book.accounts):
        out.append(Finding("Data", "book.opportunities", "import renewals and opportunities"))
    return out


def _deep_dive(review: Review) -> list[Finding]:
    dive = review.deep_dive
    section = "Deep dive"
    if dive.account_id is None:
        return [Finding(section, "deep_dive.account_id", "choose the account to dive into")]
    out = []
    if review.book.account(dive.account_id) is None:
        out.append(
            Finding(
                section,
                "deep_dive.account_id",
                f'account "{dive.account_id}" is not in the book of business',
            )
        )
    texts = (
        ("business_and_challenges", "write about their business and its challenges"),
        ("why_they_bought", "write why they bought: the problem they are solving"),
        ("health_story", "explain what is going on with their health"),
    )
    out += [
        Finding(section, f"deep_dive.{field}", message)
        for field, message in texts
        if not getattr(dive, field).strip()
    ]
    people = dive.stakeholders or review.book.stakeholders_of(dive.account_id)
    if len(people) < MIN_STAKEHOLDERS:
        out.append(
            Finding(
                section,
                "deep_dive.stakeholders",
                f"map at least {MIN_STAKEHOLDERS} stakeholders and their interests",
            )
        )
    return out


def _logo(review: Review, media: Mapping[str, bytes] | None) -> list[Finding]:
    """A logo that is named but has no picture, or whose picture is not a usable logo (the
    rule the deck applies when it leaves a logo out). Without ``media``, the review's list of
    pictures stands in."""
    name = review.deep_dive.logo
    if not name:
        return []
    path = "deep_dive.logo"
    listed = (ref.name for ref in review.media)
    if name not in (media if media is not None else listed):
        return [Finding("Deep dive", path, f'the logo "{name}" is missing: attach it again')]
    problem = None if media is None else logo_problem(media[name])
    if problem is not None:
        return [Finding("Deep dive", path, f'the logo "{name}" {problem}: attach another')]
    return []


def _achievements(review: Review) -> list[Finding]:
    section = "Achievements"
    items = review.achievements
    out = []
    if len(items) < MIN_ACHIEVEMENTS:
        out.append(
            Finding(
                section,
                "achievements",
                f"add at least {MIN_ACHIEVEMENTS} achievements (you have {len(items)})",
            )
        )
    for i, a in enumerate(items):
        path = f"achievements[{i}]"
        name = a.title or f"achievement {i + 1}"
        if not a.title:
            out.append(Finding(section, f"{path}.title", f"give {name} a title"))
        if a.before is None or a.after is None or a.goal is None:
            out.append(
                Finding(section, f"{path}.goal", f'measure "{name}": before, after and goal')
            )
        if not a.story:
            out.append(Finding(section, f"{path}.story", f'tell the story of "{name}"'))
    return out


def _challenges(review: Review) -> list[Finding]:
    section = "Adoption challenges"
    out = []
    if not review.challenges:
        out.append(Finding(section, "challenges", "describe the adoption pattern you see"))
    for i, c in enumerate(review.challenges):
        name = c.pattern or f"challenge {i + 1}"
        if not c.plan:
            out.append(Finding(section, f"challenges[{i}].plan", f'plan how to address "{name}"'))
        if not c.evidence:
            out.append(
                Finding(section, f"challenges[{i}].evidence", f'give the evidence for "{name}"')
            )
    if not review.communications:
        out.append(
            Finding(section, "communications", "list the communication with critical parties")
        )
    return out


def _revenue(review: Review) -> list[Finding]:
    section = "Revenue"
    rev = review.revenue
    out = []
    if not rev.renewals_story:
        out.append(Finding(section, "revenue.renewals_story", "summarize your renewals"))
    if not rev.growth_story:
        out.append(Finding(section, "revenue.growth_story", "summarize your growth plan"))
    if not rev.action_items:
        out.append(Finding(section, "revenue.action_items", "add the action items to close"))
    for i, a in enumerate(rev.action_items):
        if not a.owner or a.due is None:
            out.append(
                Finding(
                    section,
                    f"revenue.action_items[{i}]",
                    f'give "{a.text or "action"}" an owner and a due date',
                )
            )
    return out


def field_value(review: Review, path: str) -> object:
    """The value at a dotted field path of the review (``"meta.company"``); KeyError if the
    review has no such field."""
    value: object = review
    for name in path.split("."):
        fields = getattr(type(value), "model_fields", {})
        if not name or name not in fields:
            raise KeyError(path)
        value = getattr(value, name)
    return value


def required_fields(review: Review, paths: Sequence[str]) -> list[Finding]:
    """A finding for each of ``paths`` (dotted, as :func:`field_value`) the review leaves
    empty: what a team's standard requires beyond the checklist."""
    out = []
    for path in paths:
        value = field_value(review, path)
        if value is None or value == [] or (isinstance(value, str) and not value.strip()):
            where = describe(path)
            out.append(Finding(where.split(" › ")[0], path, "the team's standard requires it"))
    return out


def check_review(
    review: Review, media: Mapping[str, bytes] | None = None, required: Sequence[str] = ()
) -> list[Finding]:
    """Everything still missing; ``media`` (picture name → bytes) lets the logo's picture be
    checked too; ``required`` adds the fields a team's standard requires
    (:func:`required_fields`)."""
    return _findings(review, media, required, problems=True)


def blocking_findings(
    review: Review, media: Mapping[str, bytes] | None = None, required: Sequence[str] = ()
) -> list[Finding]:
    """:func:`missing` of :func:`check_review`: what keeps the review from being ready (a
    team folder's status), the imported data's problems, which never do, not worked out."""
    return missing(_findings(review, media, required, problems=False))


def _findings(
    review: Review, media: Mapping[str, bytes] | None, required: Sequence[str], *, problems: bool
) -> list[Finding]:
    return [
        *_meta(review),
        *_data(review),
        *_data_quality(review, problems),
        *_deep_dive(review),
        *_logo(review, media),
        *_achievements(review),
        *_challenges(review),
        *_revenue(review),
        *required_fields(review, required),
    ]


def budget_warnings(review: Review) -> list[Finding]:
    """Narrative fields longer than their slide shows ("Their health: what is going on: 480
    words, the slide shows 45"): not missing, so ``check`` still passes, but the CSM should
    know the rest is only in the notes and the appendix."""
    out = []
    for path, budget in WORD_BUDGETS.items():
        root, field = path.split(".", 1)
        words = word_count(getattr(getattr(review, root), field))
        if words > budget:
            message = (
                f"{words} words, the slide shows {budget} (the whole text goes to the speaker "
                "notes and the appendix)"
            )
            out.append(Finding(describe(path).split(" › ")[0], path, message))
    return out


def budget_message(path: str, text: str) -> str:
    """The editor's count of a narrative field against its slide's budget: "72 / 45 words on
    the slide — the rest goes to the notes and the appendix"."""
    budget = WORD_BUDGETS[path]
    words = word_count(text)
    line = f"{words} / {budget} words on the slide"
    return line + (" — the rest goes to the notes and the appendix" if words > budget else "")


def missing(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that keep a review from being ready for the meeting."""
    return [f for f in findings if f.blocking]


def report(findings: list[Finding], warnings: list[Finding] | None = None) -> str:
    needed = missing(findings)
    data = [f for f in findings if not f.blocking]
    lines = (
        [f"Missing before the meeting ({len(needed)}):", *(f"  - {f}" for f in needed)]
        if needed
        else ["Ready for the meeting: nothing is missing."]
    )
    if data:
        lines += [f"Check the data ({len(data)}):", *(f"  - {f}" for f in data)]
    if warnings:
        lines += [f"Longer than the slide shows ({len(warnings)}):"]
        lines += [f"  - {w}" for w in warnings]
    return "\n".join(lines)
