"""What a part's main slide has no room for, collected for the appendix: nothing is dropped.

A part's builder shows the top of each list on its slide, ranked by the data, and hands the
rest (and the whole text of a narrative its slide shows only the start of) to the review's
:class:`Overflow`; the appendix part, built last, lays all of it out as compact tables and
text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qbr_studio.deck.plan import Cell


@dataclass(frozen=True)
class OverflowTable:
    """Rows of one part's table that its slide does not show."""

    part: str
    """Which list the rows come from: "Renewals"."""
    name: str
    """What the rows are, as the appendix heads them: "Renewals 8–19 of 19"."""
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    fractions: tuple[float, ...]
    row_notes: tuple[str, ...] = ()
    """Per row, what the speaker notes say of it in full (a story the table shortens); else
    the notes name the row by its first cell."""

    def note(self, index: int) -> str:
        return self.row_notes[index] if self.row_notes else self.rows[index][0].text


@dataclass(frozen=True)
class OverflowText:
    """The whole text of a narrative field its slide shows only the first sentences of."""

    part: str
    """The part it belongs to, as the appendix's title names it: "Deep dive in full"."""
    name: str
    text: str


APPENDIX_ROWS = 100
"""At most this many rows of one table go to the appendix (a few slides); a book of
thousands of accounts shows its top rows and says how many more there are."""


@dataclass
class Overflow:
    """The appendix's share of one review's deck, in the order the parts handed it over."""

    items: list[OverflowTable | OverflowText] = field(default_factory=list)

    def table(
        self,
        what: str,
        header: tuple[Cell, ...],
        rows: list[tuple[Cell, ...]],
        shown: int,
        fractions: tuple[float, ...],
        row_notes: list[str] | None = None,
        total: int | None = None,
    ) -> str:
        """Hand rows ``shown`` onwards to the appendix; the caption the slide puts under its
        table ("+ 12 more in the appendix"), empty when every row is shown. ``total``: how
        many rows the list has when ``rows`` are only its first ones (enough for the cap)."""
        total = len(rows) if total is None else total
        rest = rows[shown : shown + APPENDIX_ROWS]
        if not rest:
            return ""
        last = shown + len(rest)
        span = f"{shown + 1}" if len(rest) == 1 else f"{shown + 1}–{last}"
        name = what if not shown and last == total else f"{what} {span} of {total}"
        notes = tuple(row_notes[shown:last]) if row_notes else ()
        self.items.append(OverflowTable(what, name, header, tuple(rest), fractions, notes))
        left = total - last
        if left:
            return f"+ {len(rest)} more in the appendix; {left:,} further down the list not shown"
        return f"+ {len(rest)} more in the appendix"

    def text(self, part: str, name: str, text: str) -> None:
        """Hand the whole of a text to the appendix (once, however often it is handed)."""
        item = OverflowText(part, name, text)
        if item not in self.items:
            self.items.append(item)
