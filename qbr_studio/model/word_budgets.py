"""How many words of each narrative field its slide shows (DECK.md: ~60 words of body per
slide); the deck, ``check`` and the editor all read the budgets here. Beyond its budget a
field's slide shows the first sentences that fit; the whole text goes to the speaker notes and
the appendix."""

from __future__ import annotations

import re

WORD_BUDGETS: dict[str, int] = {
    "deep_dive.business_and_challenges": 35,
    "deep_dive.why_they_bought": 25,
    "deep_dive.health_story": 45,
}
"""Words each narrative field shows on its slide, by JSON path. The profile slide's two fields
share its ~60 words; the health slide's story shares it with two charts and a table."""

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def word_count(text: str) -> int:
    return len(text.split())


def first_sentences(text: str, budget: int) -> str:
    """The whole sentences of ``text`` that together stay within ``budget`` words; when even
    the first sentence is longer, its first ``budget`` words and an ellipsis. ``text`` itself
    when it is within the budget."""
    words = text.split()
    if len(words) <= budget:
        return " ".join(words)
    kept: list[str] = []
    count = 0
    for sentence in _SENTENCE_END.split(" ".join(words)):
        n = word_count(sentence)
        if count + n > budget:
            break
        kept.append(sentence)
        count += n
    if not kept:
        return " ".join(words[:budget]) + " …"
    return " ".join(kept)
