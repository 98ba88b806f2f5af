"""The pinyin loops in pure Python: the twin of ``_loops_c.pyx``.

Same function, same output for every ``str``; the test suite runs the whole
public API over both and a property test checks they agree.  Read this file
(and ``_groups_py.py``, which reads one group) to learn the rules: the
compiled loops are the same algorithm over the string's own storage.
Arguments were checked by the facade.

The rules.  An *owner* is a Han character (or a closing quote after one).
What follows an owner may be its *tail*: items, each after at most one
ASCII space, up to the first that does not annotate it --

- a bracket group, ``(…)`` ``（…）`` ``[…]`` ``【…】``, whose syllables read
  the characters ending at the owner (``_groups_py.group_annotates``);
- then, after a Han owner, a bare syllable (``弟dì子zǐ``): a whole Latin
  word that reads the character before it, not followed by a bracket or by
  another Latin word.  Bare syllables form *chains* (each next character
  right after the previous syllable, or one space on); a chain goes only if
  one of its syllables has a tone mark and reads its character (in syllable
  mode the others need only be syllables).

The tail goes.  After it, one ASCII space before a Han character goes too
when that character has a tail of its own, or when the owner was itself
reached through such a space (社(she) 會(hui) 變遷 -> 社會變遷; a lone
space after one annotation is the text's own: 持續(xù) 三項 stays spaced).
Groups read the text as it will be output: 中(zhōng)心(zhōng xīn) reads
中心 for its second group.

The scan jumps from trigger to trigger (an opening bracket, or a code point
that may carry a tone: see ``tables.TRIGGER_LOW``); a bare chain is found
from one of its tone marks, walking back to its first member.
"""
from __future__ import annotations

import re

from ._groups_py import bare_syllable, group_annotates, pinyin_letters, plain_reads
from .tables import (
    MAX_GROUP,
    MAX_TOKEN,
    MAX_WORD,
    OPEN_PARENS,
    QUOTES,
    TRIGGER_HIGH,
    TRIGGER_LOW,
    is_han,
    is_latin_word,
    MARKED_LETTERS,
    ROMANISED_SEPARATORS,
    TONE_MARKS,
    reading_tables,
    vietnamese_near,
)

__all__ = ["strip"]

_TRIGGER = re.compile(
    "[" + "".join(re.escape(chr(cp)) for cp in sorted(OPEN_PARENS)) + f"{chr(TRIGGER_LOW)}-{chr(TRIGGER_HIGH - 1)}]"
)


class _Scan:
    """One call's state: the spans to remove, in order, and the space chain."""

    def __init__(self, text: str, by_reading: bool) -> None:
        self.text = text
        self.n = len(text)
        self.by_reading = by_reading
        self.tables = reading_tables()
        self.spans: list[list[int]] = []  # [start, end) pairs, in order, disjoint
        self.chained = -1  # the Han character after the last dropped space

    # --- the output so far ------------------------------------------------
    def remove(self, start: int, end: int) -> None:
        if start == end:
            return
        if self.spans and self.spans[-1][1] == start:
            self.spans[-1][1] = end
        else:
            self.spans.append([start, end])

    def chars_before(self, pos: int, count: int) -> list[int]:
        """The last ``count`` characters of the output before ``pos``, nearest first."""
        out: list[int] = []
        j, k = pos - 1, len(self.spans) - 1
        while j >= 0 and len(out) < count:
            while k >= 0 and self.spans[k][0] > j:
                k -= 1
            if k >= 0 and self.spans[k][1] > j:
                j = self.spans[k][0] - 1
                continue
            out.append(ord(self.text[j]))
            j -= 1
        return out

    # --- one item of a tail -----------------------------------------------
    def item_end(self, owner: int, pos: int, before: list[int] | None = None) -> int:
        """Where the bracket item at ``pos`` (after at most one space) ends,
        if it annotates ``owner``; else -1.  ``before``: the output before
        the owner, when it is not what ``chars_before`` says (a space about
        to be dropped)."""
        text, n = self.text, self.n
        spaced = pos < n and text[pos] == " "
        if spaced:
            pos += 1
        if pos >= n or ord(text[pos]) not in OPEN_PARENS:
            return -1
        opener = ord(text[pos])
        stop = text.find(chr(OPEN_PARENS[opener]), pos + 1, pos + 2 + MAX_GROUP)
        if stop < 0:
            return -1
        owner_cp = ord(text[owner])
        cached: list[list[int]] = []

        def word() -> list[int]:
            if not cached:
                preceding = before if before is not None else self.chars_before(owner, MAX_WORD)
                cached.append(preceding if owner_cp in QUOTES else [owner_cp] + preceding)
            return cached[0]

        if group_annotates(self.tables, text, pos + 1, stop, opener, spaced, owner_cp, word, self.by_reading):
            return stop + 1
        return -1

    def bare_end(self, han: int, pos: int) -> tuple[int, bool, bool] | None:
        """The bare syllable of ``han`` at ``pos`` (after at most one space):
        (its end, is a reading, tone mark in the trigger range), or None."""
        text, n = self.text, self.n
        if pos < n and text[pos] == " ":
            pos += 1
        end = pos
        while end < n and is_latin_word(ord(text[end])) and end - pos <= MAX_TOKEN:
            end += 1
        if end == pos or end - pos > MAX_TOKEN:
            return None
        if end < n:  # a whole word, alone: not before a bracket or another Latin word
            after = ord(text[end])
            if after in OPEN_PARENS:
                return None
            following = ord(text[end + 1]) if end + 1 < n else 0
            if after == 0x20 and (is_latin_word(following) or following in OPEN_PARENS):
                return None
        found = bare_syllable(self.tables, text, pos, end, ord(text[han]), self.by_reading)
        if found is None:
            return None
        return end, found[0], found[1]

    def chain(self, han: int, pos: int) -> list[tuple[int, int, bool, bool]]:
        """The chain of bare syllables whose first is ``han``'s at ``pos``:
        (Han position, syllable end, is a reading, marked) for each member."""
        members: list[tuple[int, int, bool, bool]] = []
        text, n = self.text, self.n
        while True:
            found = self.bare_end(han, pos)
            if found is None:
                return members
            members.append((han, *found))
            nxt = found[0]
            if nxt < n and text[nxt] == " ":
                nxt += 1
            if nxt >= n or not is_han(ord(text[nxt])):
                return members
            han, pos = nxt, nxt + 1

    def removable(self, members: list[tuple[int, int, bool, bool]]) -> bool:
        # The evidence is one tone-marked syllable that reads its character
        # (in syllable mode the others need not: 種讀zhǒng做名詞 is prose about
        # pinyin).  One member is enough, so a chain that stays is made of
        # members that would not carry a neighbour away: joining two chains
        # that stay (as removing a group between them can) leaves one that
        # stays, and stripping twice is stripping once.
        # Not beside Vietnamese (tables.VIETNAMESE_WINDOW), nor beside a
        # word of a romanised text (tables.ROMANISED_SEPARATORS).
        if not any(m[3] and m[2] for m in members):
            return False
        first, end = members[0][0], members[-1][1]
        return not (vietnamese_near(self.text, first, end) or self.romanised_beside(first, end))

    def tonal_word(self, start: int, end: int) -> bool:
        """Whether a letter of ``text[start:end]`` carries a tone mark."""
        for ch in self.text[start:end]:
            cp = ord(ch)
            if cp in TONE_MARKS or cp in MARKED_LETTERS and MARKED_LETTERS[cp][1]:
                return True
        return False

    def romanised_beside(self, first: int, end: int) -> bool:
        """Whether a tone-marked syllable that no Han character owns stands
        beside the chain from the Han character at ``first`` to ``end`` (see
        tables.ROMANISED_SEPARATORS); a word removed already is none.  Or
        whether the chain is a gloss in Latin prose (``prose_before``)."""
        text, n = self.text, self.n
        if self.prose_before(first):
            return True
        k = end
        if k < n and ord(text[k]) in ROMANISED_SEPARATORS:
            k += 1
            if k < n and text[k] == " ":
                k += 1
        if end < k:
            w = k
            while w < n and is_latin_word(ord(text[w])) and w - k <= MAX_TOKEN:
                w += 1
            if w > k and self.tonal_word(k, w) and self.syllable(k, w):
                return True
        k = first
        if k >= 1 and text[k - 1] == " ":
            k -= 1
        if not (k >= 1 and ord(text[k - 1]) in ROMANISED_SEPARATORS):
            return False
        k -= 1
        w = self.word_before(k)
        if w < 0:
            return False
        before = self.chars_before(w, 2)  # as the output will have them
        owner = before[1] if len(before) == 2 and before[0] == 0x20 else before[0] if before else -1
        if owner >= 0 and is_han(owner):
            return False
        return self.tonal_word(w, k) and self.syllable(w, k)

    def prose_before(self, first: int) -> bool:
        """Whether the Han character at ``first`` stands in Latin prose with
        its reading after a space: a word before it, then a space, that is
        no tone-marked syllable and no reading removed already.  English
        about Chinese glosses a character so (For 不 bù:, Characters like
        好 hǎo, 人 rén and 大 dà, in pypinyin's documentation and any
        textbook); flattened ruby puts no space between the two, or stands
        in Chinese text (mā 妈mā 麻má: the word before is a reading)."""
        text, n = self.text, self.n
        if not (first >= 2 and text[first - 1] == " " and first + 1 < n and text[first + 1] == " "):
            return False
        k = first - 1
        w = self.word_before(k)
        return w >= 0 and not (self.tonal_word(w, k) and self.syllable(w, k))

    def word_before(self, k: int) -> int:
        """Where the Latin word that ends at ``k`` starts; -1 for none, or
        for one removed already (a reading, not the text's own word)."""
        text = self.text
        w = k
        while w > 0 and is_latin_word(ord(text[w - 1])) and k - w <= MAX_TOKEN:
            w -= 1
        if w == k or (self.spans and self.spans[-1][0] <= w and k <= self.spans[-1][1]):
            return -1
        return w

    def syllable(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a Mandarin syllable of two letters
        or more, written bare."""
        letters = pinyin_letters(self.text, start, end, bare=True)
        if letters is None or len(letters) < 2:
            return False
        return bare_syllable(self.tables, self.text, start, end, 0, False) is not None

    def annotated(self, han: int, owner: int) -> bool:
        """Whether ``han`` has a tail, were the space between it and ``owner`` dropped."""
        before = [ord(self.text[owner])] + self.chars_before(owner, MAX_WORD - 1)
        if self.item_end(han, han + 1, before) >= 0:
            return True
        members = self.chain(han, han + 1)
        return bool(members) and self.removable(members)

    # --- a whole tail, and the spaces after it ----------------------------
    def process(self, owner: int) -> int:
        """Remove ``owner``'s tail (and whatever follows through dropped
        spaces); return where the scan resumes."""
        text, n = self.text, self.n
        while True:
            pos = owner + 1
            while True:
                end = self.item_end(owner, pos)
                if end < 0:
                    break
                pos = end
            members = self.chain(owner, pos) if is_han(ord(text[owner])) else []
            if members and self.removable(members):
                self.remove(owner + 1, members[0][1])
                for (_, previous_end, _, _), (han, end, _, _) in zip(members, members[1:]):
                    if han > previous_end:  # the flattener's space between two members
                        self.remove(previous_end, han)
                        self.chained = han
                    self.remove(han + 1, end)
                owner, tail_end = members[-1][0], members[-1][1]
            elif pos > owner + 1:
                self.remove(owner + 1, pos)
                if members:  # a chain that stays: skip it
                    return members[-1][1]
                tail_end = pos
            else:
                return members[-1][1] if members else owner + 1
            if tail_end + 1 < n and text[tail_end] == " " and is_han(ord(text[tail_end + 1])):
                han = tail_end + 1
                if owner == self.chained or self.annotated(han, owner):
                    self.remove(tail_end, han)
                    self.chained = owner = han
                    continue
            return tail_end

    # --- from a trigger ---------------------------------------------------
    def bracket_owner(self, pos: int) -> int:
        text = self.text
        for owner in (pos - 1, pos - 2):
            if owner < 0:
                return -1
            cp = ord(text[owner])
            if is_han(cp) or cp in QUOTES:
                return owner
            if owner == pos - 1 and cp != 0x20:
                return -1
        return -1

    def previous_member(self, han: int, floor: int) -> int:
        """The Han character of the chain member just before ``han``'s, or -1."""
        text = self.text
        end = han - 1 if han >= 1 and text[han - 1] == " " else han
        start = end
        while start > floor and is_latin_word(ord(text[start - 1])) and end - start <= MAX_TOKEN:
            start -= 1
        if start == end or end - start > MAX_TOKEN or start <= floor:
            return -1
        if is_latin_word(ord(text[start - 1])):
            return -1
        owner = start - 1
        if text[owner] == " ":
            owner -= 1
        if owner < floor or not is_han(ord(text[owner])):
            return -1
        found = self.bare_end(owner, owner + 1)
        return owner if found is not None and found[0] == end else -1

    def from_tone_mark(self, pos: int) -> int:
        """A possible tone mark at ``pos``: remove the chain of its syllable, if it
        goes; return where the scan resumes."""
        text, n = self.text, self.n
        if not is_latin_word(ord(text[pos])):
            return pos + 1
        start = pos
        while start > 0 and is_latin_word(ord(text[start - 1])) and pos - start <= MAX_TOKEN:
            start -= 1
        end = pos + 1
        while end < n and is_latin_word(ord(text[end])):
            end += 1
        if end - start > MAX_TOKEN or start < 1:
            return end
        owner = start - 1
        if text[owner] == " " and owner >= 1:
            owner -= 1
        if not is_han(ord(text[owner])):
            return end
        found = self.bare_end(owner, owner + 1)
        if found is None or found[0] != end or not found[2]:
            return end
        floor = self.spans[-1][1] if self.spans else 0
        first = owner
        while True:
            previous = self.previous_member(first, floor)
            if previous < 0:
                break
            first = previous
        return max(end, self.process(first))

    def plain_run(self, pos: int) -> int:
        """The common case the short way: a run of plain one-syllable groups at
        ``pos`` after a Han character, followed by nothing that could continue
        it (no space, bracket or Latin letter).  Its end, or -1: then
        ``process`` reads it in full (with the same result where this answers)."""
        text, n = self.text, self.n
        han = ord(text[pos - 1])
        end = pos
        while end < n and text[end] in "(\uff08":
            stop = text.find(")" if text[end] == "(" else "\uff09", end + 1, end + 2 + MAX_GROUP)
            if stop < 0 or not plain_reads(text[end + 1 : stop], han, self.by_reading):
                return -1
            end = stop + 1
        if end < n and (text[end] == " " or ord(text[end]) in OPEN_PARENS or is_latin_word(ord(text[end]))):
            return -1
        return end

    def run(self) -> str:
        text = self.text
        pos = 0
        while True:
            match = _TRIGGER.search(text, pos)
            if match is None:
                break
            p = match.start()
            if text[p] in "(\uff08" and p >= 1 and is_han(ord(text[p - 1])):
                end = self.plain_run(p)
                if end > p:
                    self.remove(p, end)
                    pos = end
                    continue
            if ord(text[p]) in OPEN_PARENS:
                owner = self.bracket_owner(p)
                pos = p + 1 if owner < 0 else max(p + 1, self.process(owner))
            else:
                pos = self.from_tone_mark(p)
        if not self.spans:
            return text
        pieces = []
        kept_from = 0
        for start, end in self.spans:
            pieces.append(text[kept_from:start])
            kept_from = end
        pieces.append(text[kept_from:])
        return "".join(pieces)


def strip(text: str, by_reading: bool) -> str:
    """``text`` without its annotations; ``text`` itself if it has none."""
    return _Scan(text, by_reading).run()
