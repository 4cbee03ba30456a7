"""Joining accounts across files by id or by name, even when spelled slightly differently.

Names are compared at three levels; the first that agrees decides, and anything but an exact
match is recorded as a :class:`Join` so the user can check it:

1. exact text (``"Contoso Ltd"``);
2. same letters and words, ignoring case, accents and punctuation (``"CONTOSO LTD."``);
3. same name without legal forms (``"Contoso"``, ``"Contoso Limited"``, ``"Contoso, Inc."``);
4. near spelling of (3): difflib ratio ≥ :data:`FUZZY_MIN`, and clearly better than the
   runner-up (``"Contosso"``), among the names sharing a block with it (:func:`_blocks`).
   Short names (under 5 letters) never join fuzzily, nor a row that has an account id.
   The block's names are first scored at once by rapidfuzz (:data:`PRUNE_BELOW`), which only
   drops names difflib could not score high enough to matter: the result is difflib's.

With an account id, the id decides: two accounts of the same name and different ids are two
accounts, and a name joins by spelling only an account that has no id of its own (said in the
join list). Account ids are stable: a name that joins an account of the review keeps that
account's id, a new account takes the CRM id when the file has one, otherwise a slug of its
name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

FUZZY_MIN = 0.88
FUZZY_MARGIN = 0.04
BLOCK_MAX = 400
"""A block shared by more names than this (a common word) proposes no candidates."""
PRUNE_BELOW = (FUZZY_MIN - FUZZY_MARGIN) * 100 - 1
"""Candidates whose rapidfuzz ratio is below this are never compared by difflib. rapidfuzz's
ratio is 2·LCS/(len a + len b), difflib's 2·M/(len a + len b) with M the length of a common
subsequence, so difflib's is never higher: a pruned name could be neither the best (≥
FUZZY_MIN) nor a runner-up within FUZZY_MARGIN of it (a test checks the bound)."""

_LEGAL_FORMS_TEXT = """
    ltd limited inc incorporated llc llp lp plc corp corporation co company gmbh mbh ag sa sas
    sarl srl spa bv nv pty oy oyj ab as asa aps kk kg se pte sdn bhd ulc pvt pllc cie
    group holding holdings intl international the
"""
LEGAL_FORMS = frozenset(_LEGAL_FORMS_TEXT.split())
"""Words dropped before comparing names at level 3 (legal forms, and "group", "the")."""

_NON_WORD_TO_SPACE = {c: " " for c in range(128) if not chr(c).isalnum()}
"""Every ASCII character but ``a-z0-9`` (and upper case, lowered first) → a space."""
_DIGITS = re.compile(r"\d+")


@functools.lru_cache(maxsize=4096)  # a row's name is made loose to resolve it, then to add it
def loose(name: str) -> str:
    """Level 2: ``"Contoso, Ltd."`` → ``"contoso ltd"``."""
    s = name if name.isascii() else _ascii(name)
    s = s.lower().replace("&", " and ").replace("+", " and ")
    return " ".join(s.translate(_NON_WORD_TO_SPACE).split())


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def core(name: str) -> str:
    """Level 3, without legal forms: ``"The Contoso Group Ltd"`` → ``"contoso"``."""
    return core_of_loose(loose(name))


@functools.lru_cache(maxsize=4096)
def core_of_loose(loose_name: str) -> str:
    """:func:`core` of a name already made :func:`loose`."""
    words = loose_name.split()
    kept = [w for w in words if w not in LEGAL_FORMS]
    return " ".join(kept) if kept else " ".join(words)


def _blocks(key: str) -> list[str]:
    """Near spellings share a block: a word of 3+ letters, or the first and the last three
    letters (a one-word name with a typo in the middle). Comparing a name only with the
    names of its blocks keeps the join near-linear on books of tens of thousands."""
    words = [w for w in key.split() if len(w) >= 3]
    compact = key.replace(" ", "")
    return [f"w:{w}" for w in words] + [f"a:{compact[:3]}", f"z:{compact[-3:]}"]


def slug(name: str) -> str:
    return "-".join(core(name).split())[:40] or "account"


@dataclass(frozen=True)
class Join:
    """An incoming name joined to an account under a different spelling."""

    file: str
    name: str
    account: str
    how: str
    """``"case/punctuation"``, ``"legal form"``, ``"account id"`` or a near-spelling note."""

    def __str__(self) -> str:
        return f'{self.file}: "{self.name}" joined to "{self.account}" ({self.how})'


@dataclass
class _Entry:
    id: str
    name: str
    ext_id: str
    reference: bool
    """True for accounts of the review or of an accounts table: the only near-spelling targets."""


class AccountDirectory:
    """The accounts known to this import, and how incoming rows resolve to them."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._by_ext: dict[str, str] = {}
        self._by_exact: dict[str, str] = {}
        self._by_loose: dict[str, str] = {}
        self._by_core: dict[str, list[str]] = {}
        self._reference_cores: dict[str, str] = {}
        self._blocks: dict[str, list[str]] = {}
        """Block key (see :func:`_blocks`) → reference cores: near-spelling candidates."""
        self._unblocked: list[str] = []
        """Reference cores not in :attr:`_blocks` yet: blocked when a near spelling is first
        looked for (an accounts export with ids never needs them)."""
        self._unnamed: list[tuple[str, str, bool]] = []
        """(name, id, reference) of the accounts not in the name indexes yet (see
        :meth:`_index_names`)."""
        self._without_ext = 0
        """How many accounts have no account id of their own (a name may join only those)."""
        self._cache: dict[tuple[str, str], tuple[str | None, str]] = {}
        self._misses: dict[tuple[str, str], tuple[str | None, str]] = {}

    def __contains__(self, account_id: str) -> bool:
        return account_id in self._entries

    def name_of(self, account_id: str) -> str:
        return self._entries[account_id].name

    def add(
        self, name: str, ext_id: str = "", account_id: str | None = None, reference: bool = True
    ) -> str:
        """Register an account; returns its id (``account_id``, the CRM id, or a name slug).

        ``reference=False`` for an account first seen in activity data (usage, tickets…):
        other spellings join it exactly or by case/legal form, never by near spelling, so two
        distinct names in one usage export are never merged by a guess.
        """
        new_id = account_id or self._fresh_id(ext_id, name)
        entry = _Entry(new_id, name, ext_id, reference)
        self._entries[new_id] = entry
        if not ext_id:
            self._without_ext += 1
        if ext_id:
            self._by_ext.setdefault(ext_id.casefold(), new_id)
        if new_id != ext_id:
            self._by_ext.setdefault(new_id.casefold(), new_id)
        self._unnamed.append((name, new_id, reference))
        self._misses.clear()  # a name that found nothing may find this account now
        if reference:
            self._cache.clear()  # and a near spelling may now prefer it
        return new_id

    def _index_names(self) -> None:
        """Put the accounts added since the last call in the name indexes, in the order they
        were added — when a name is first looked up: rows that all join by account id never
        need them (the book's accounts are added on every import)."""
        for name, account_id, reference in self._unnamed:
            self._by_exact.setdefault(name.strip(), account_id)
            loose_name = loose(name)
            key = core_of_loose(loose_name)
            self._by_loose.setdefault(loose_name, account_id)
            self._by_core.setdefault(key, []).append(account_id)
            if reference and key not in self._reference_cores:
                self._reference_cores[key] = account_id
                self._unblocked.append(key)
        self._unnamed.clear()

    def _fresh_id(self, ext_id: str, name: str) -> str:
        base = ext_id.strip() if ext_id and len(ext_id.strip()) <= 64 else slug(name)
        candidate, n = base, 2
        while candidate in self._entries:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def resolve(self, name: str, ext_id: str = "") -> tuple[str | None, str]:
        """→ (account id or None, how): how is ``""`` for an exact match.

        With no id, ``how`` may explain why: ``'could be any of "A", "B"'`` (ambiguous).
        """
        key = (name, ext_id)
        hit = self._cache.get(key) or self._misses.get(key)
        if hit is None:
            hit = self._resolve(name, ext_id)
            (self._cache if hit[0] is not None else self._misses)[key] = hit
        return hit

    def _resolve(self, name: str, ext_id: str) -> tuple[str | None, str]:
        ext = ext_id.strip()
        if ext:
            found = self._by_ext.get(ext.casefold())
            if found:
                exact = not name or self._entries[found].name.strip() == name.strip()
                return found, "" if exact else "account id"
            if not name or not self._without_ext:
                return None, ""
            # Names may repeat: a name joins only an account without an id of its own.
            found, how = self._by_name(name, ext)
            if found is None:
                return None, how
            return found, f"{how or 'same name'}; its account id {ext} is not known"
        return self._by_name(name, "")

    def _by_name(self, name: str, ext: str) -> tuple[str | None, str]:
        def fits(account_id: str | None) -> bool:
            if account_id is None or not ext:
                return account_id is not None
            own = self._entries[account_id].ext_id
            return not own or own.casefold() == ext.casefold()

        self._index_names()
        stripped = name.strip()
        found = self._by_exact.get(stripped)
        if fits(found):
            return found, ""
        loose_name = loose(stripped)
        found = self._by_loose.get(loose_name)
        if fits(found):
            return found, "case/punctuation"
        key = core_of_loose(loose_name)
        found_list = [i for i in self._by_core.get(key, ()) if fits(i)]
        if len(found_list) == 1:
            return found_list[0], "legal form"
        if found_list:
            names = ", ".join(f'"{self._entries[i].name}"' for i in found_list[:3])
            return None, f"could be any of {names}"
        if ext:
            return None, ""  # with an id, a name joins only as written (no near spelling)
        return self._fuzzy(key)

    def _fuzzy(self, key: str) -> tuple[str | None, str]:
        if len(key.replace(" ", "")) < 5 or not self._reference_cores:
            return None, ""
        for other in self._unblocked:
            for block in _blocks(other):
                self._blocks.setdefault(block, []).append(other)
        self._unblocked.clear()
        matcher = SequenceMatcher(None, "", key, autojunk=False)
        digits = _DIGITS.findall(key)
        scored = []
        candidates: dict[str, None] = {}
        for block in _blocks(key):
            found = self._blocks.get(block, ())
            if len(found) <= BLOCK_MAX:
                candidates.update(dict.fromkeys(found))
        near = process.extract(
            key, list(candidates), scorer=fuzz.ratio, score_cutoff=PRUNE_BELOW, limit=None
        )
        kept = {other for other, _score, _index in near}
        for other in candidates:
            if other not in kept:
                continue
            account_id = self._reference_cores[other]
            if abs(len(other) - len(key)) > max(3, len(key) // 4) or len(other) < 5:
                continue
            if _DIGITS.findall(other) != digits:
                continue  # "Site 12" is never "Site 13"
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < FUZZY_MIN or matcher.quick_ratio() < FUZZY_MIN:
                continue
            scored.append((matcher.ratio(), account_id))
        scored.sort(reverse=True)
        if not scored or scored[0][0] < FUZZY_MIN:
            return None, ""
        if len(scored) > 1 and scored[0][0] - scored[1][0] < FUZZY_MARGIN:
            return None, ""
        return scored[0][1], f"similar spelling, {scored[0][0]:.0%} alike"
