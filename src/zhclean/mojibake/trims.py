"""Cutting correct text off the ends of a recovered stretch.

A stretch is built from tokens (recovered text, or a loss, each standing for
input characters); correct text beside the damage can re-decode too, so
before a stretch is kept what does not belong to the damage is cut off its
ends.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .charsets import SINGLE_BYTE, SINGLE_BYTE_CODECS
from .cuts import UNALIGNED, best_cut, encode
from .score import PLAUSIBLE
from .tables import class_of, class_table

if TYPE_CHECKING:
    from ._loops import Loops

# The frequency class (charfreq.txt) at or below which a character re-read
# from the bytes of a punctuation mark is not believed: 㡣 (class 1) from
# 冦。 where the text was 心、。 with 、's last bytes dropped.
RARE_CLASS = 1


def trim_edges(region: str, tokens: list[list], wrong: str, right: str, loops: Loops) -> None:
    """Cut correct text a two-byte decoder re-decoded without error off both
    ends of a stretch (see ``cuts.best_cut``).

    A token alone is both ends, each cut with neither end pinned: where the
    first cut leaves it as it was, the second would ask ``best_cut`` the
    same question (most stretches: a few characters, kept whole), and is
    not asked."""
    for end in (0, -1):
        if not tokens or tokens[end][0] is None:
            continue
        text, in_start, in_end = tokens[end]
        alone = len(tokens) == 1
        cut = best_cut(
            region[in_start:in_end], wrong, text, right,
            keep_start=end == -1 and not alone, keep_end=end == 0 and not alone, loops=loops,
        )
        if cut == UNALIGNED or (cut is not None and cut == (0, in_end - in_start, 0, len(text))):
            if alone:
                return  # unchanged: the other end's cut is this one
            continue
        if cut is None:
            del tokens[end]
            continue
        cut_in_start, cut_in_end, out_start, out_end = cut
        tokens[end] = [text[out_start:out_end], in_start + cut_in_start, in_start + cut_in_end]


def drop_orphaned_ascii_head(region: str, tokens: list[list], wrong: str, loops: Loops) -> None:
    """A stretch that starts with a loss no U+FFFD marks, then ASCII that is
    the second byte of the lost character, starts inside correct text: the
    character is correct text beside the damage, its first byte taken for
    dropped and its second read alone (！ is 81 49 in Shift-JIS, and 49 is
    I).  Drop the ASCII and the loss; the character stays as it was."""
    losses = 0
    while losses < len(tokens) and tokens[losses][0] is None:
        losses += 1
    if not losses or losses == len(tokens):
        return
    if any("\ufffd" in region[t[1] : t[2]] for t in tokens[:losses]):
        return
    text, start, stop = tokens[losses]
    last_lost = region[tokens[losses - 1][2] - 1]
    try:
        data = encode(last_lost, wrong, loops)
    except UnicodeEncodeError:
        return
    if not (len(data) == 2 and text[:1] == chr(data[1]) and text[0].isascii()):
        return
    del tokens[:losses]
    if len(text) > 1:
        tokens[0] = [text[1:], start, stop]
    else:
        del tokens[0]


def drop_worse_tail_after_loss(region: str, tokens: list[list], wrong: str) -> None:
    """A stretch read from a two-byte codec that ends in a loss and then text
    made of input characters that all read as likely text, and read worse
    re-read (their mean frequency class falls), ends at the loss: those
    characters are correct text beside the damage that the loss put out of
    step (將 after a loss in Shift-JIS re-read as 囒, 相 as 告, 橋 as ⋴).
    ``trim_edges`` cannot cut there: the text shares its first bytes with the
    loss, so no boundary of the two readings meets before it."""
    if wrong in SINGLE_BYTE_CODECS or len(tokens) < 2 or tokens[-1][0] is None or tokens[-2][0] is not None:
        return
    text, start, stop = tokens[-1]
    table = class_table()
    given = [class_of(table, ch) for ch in region[start:stop]]
    if not given or min(given) < PLAUSIBLE:
        return
    made = [class_of(table, ch) for ch in text]
    if sum(made) * len(given) < sum(given) * len(made):
        del tokens[-1]


def trim_lost_edges(region: str, tokens: list[list]) -> None:
    """A loss at the end of a stretch stops at the U+FFFD the wrong decoder
    left: characters after it that were only taken for the rest of the lost
    character, and read as likely text, are correct text beside the damage
    (鐤�。关 is 疫 lost, then 。关 as they were)."""
    table = class_table()
    # At the start, a loss the wrong decoder did not mark (taken for dropped
    # bytes) gives up likely characters too: 情防 before the mojibake.  One
    # that holds a U+FFFD keeps what it took (鏈� is 月 lost; 鏈 is real).
    if tokens and tokens[0][0] is None and "\ufffd" not in region[tokens[0][1] : tokens[0][2]]:
        token = tokens[0]
        while token[1] < token[2] and class_of(table, region[token[1]]) >= PLAUSIBLE:
            token[1] += 1
        if token[1] >= token[2]:
            del tokens[0]
    if tokens and tokens[-1][0] is None:
        token = tokens[-1]
        while token[1] < token[2]:
            ch = region[token[2] - 1]
            if ch == "\ufffd" or class_of(table, ch) < PLAUSIBLE:
                break
            token[2] -= 1
        if token[1] >= token[2]:
            del tokens[-1]


def trim_unsupported_ends(region: str, tokens: list[list]) -> None:
    """Drop what no recovered character supports from both ends of a stretch:
    ASCII out (what a two-byte codec's trail bytes in correct text beside the
    mojibake turn into: 。 is A1 43 in Big5, and 43 is C), and then losses
    beyond it that are not the wrong decoder's own U+FFFD."""
    for end in (0, -1):
        exposed = False  # a loss is dropped only once ASCII beyond it was
        while tokens:
            text, start, stop = tokens[end]
            if text is None:
                edge = region[start] if end == 0 else region[stop - 1]
                if not exposed or edge == "\ufffd":
                    break
            elif not text.isascii():
                break
            exposed = True
            del tokens[end]


def cut_before_utf8(region: str, tokens: list[list], wrong: str, right: str, loops: Loops) -> None:
    """GBK or Big5 read as Latin-1 stops where UTF-8 read as Latin-1 starts:
    a sequence of three bytes and, right after it, another or the lead of
    another cut by a loss (¡£ä¸\\xadå\\ufffd: 。 in GBK, then 中 and a lost
    character in UTF-8).  Read as GBK, the UTF-8 would become the mojibake
    of UTF-8 read as GBK, for the next call to repair: one call must do all
    it will ever do."""
    if wrong != SINGLE_BYTE or right == "utf-8" or not tokens:
        return
    for k in range(tokens[0][1], tokens[-1][2]):
        if _utf8_starts(region, k, loops):
            break
    else:
        return
    while tokens and tokens[-1][1] >= k:
        del tokens[-1]
    if tokens and tokens[-1][2] > k:
        text, start, stop = tokens[-1]
        try:
            kept = encode(region[start:k], wrong, loops).decode(right) if text is not None else None
        except (UnicodeError, ValueError):
            kept = ""
        if kept == "":
            del tokens[-1]
        else:
            tokens[-1] = [kept, start, k]


def _utf8_starts(region: str, k: int, loops: Loops) -> bool:
    try:
        data = loops.encode_single_byte(region[k : k + 6].split("\ufffd", 1)[0])
    except UnicodeEncodeError:
        return False
    if not (len(data) >= 3 and 0xE0 <= data[0] <= 0xEF and all(0x80 <= b <= 0xBF for b in data[1:3])):
        return False
    rest = data[3:]
    if region[k + 3 : k + 4] != "\ufffd" and rest[:1] and 0xE0 <= rest[0] <= 0xEF:
        cut_by_loss = "\ufffd" in region[k + 4 : k + 7] and len(rest) <= 2
        return cut_by_loss or (len(rest) >= 3 and all(0x80 <= b <= 0xBF for b in rest[1:3]))
    return False


def release_marked_tail(region: str, tokens: list[list], wrong: str, right: str, loops: Loops) -> None:
    """A stretch re-read as UTF-8 from a two-byte codec that ends in a rare
    character whose last bytes are those of the input's last character, a
    punctuation mark, ends before the mark: the mark is correct text beside
    the damage, and the bytes before its own in that character are what is
    left of a lost one (心、。 with 、's last two bytes dropped reads 蹇冦。
    as GBK; re-read, 冦's second byte and 。's two make 㡣: the repair is
    心, a loss, and 。 as it was)."""
    if right != "utf-8" or wrong in SINGLE_BYTE_CODECS or not tokens or tokens[-1][0] is None:
        return
    text, start, stop = tokens[-1]
    mark, last = region[stop - 1], text[-1]
    if mark.isascii() or not unicodedata.category(mark).startswith("P"):
        return
    if class_of(class_table(), last) > RARE_CLASS:
        return
    try:
        mark_bytes = encode(mark, wrong, loops)
    except UnicodeEncodeError:
        return
    made = last.encode("utf-8")
    if len(made) == len(mark_bytes) or not made.endswith(mark_bytes):
        return
    if len(text) > 1:
        tokens[-1] = [text[:-1], start, stop - 1]
        tokens.append([None, stop - 1, stop - 1])
    else:
        tokens[-1] = [None, start, stop - 1]


def lone_letters(before: str, after: str) -> tuple[int, int]:
    """For a stretch re-read as UTF-8 from a single-byte decoder (``before``
    its input, a character a byte, ``after`` the text it gives): how many
    characters of ``after`` to give back at its start and at its end, where
    its first or last word is one letter of a script that no other letter
    of it is in, and no Latin one, of two bytes (Greek to N'Ko), read from
    two Latin letters (0, 0 for none): they were the text's own letters
    (Slovak Úž is DA 9E, UTF-8 for the Arabic ڞ, beside stavebnÃ© that the
    stretch's form proves).  A repair of text in another script makes words
    of it, not one letter among Latin ones; and UTF-8 of a Greek or Cyrillic
    letter read so is rarely two letters (Î² for β, Ñ‹ for ы: Straße β stays
    a repair)."""
    if len(after.encode("utf-8")) != len(before) or "\ufffd" in after:
        return 0, 0  # not a character a byte, or losses: left as it is
    # Its first and last words only (a page's repair split whole into words
    # took 0.25 ms of 89,000 characters).
    first_word, last_word = after.split(maxsplit=1)[:1], after.rsplit(maxsplit=1)[-1:]
    cuts = [0, 0]
    for side, word in ((0, "".join(first_word)), (1, "".join(last_word))):
        if len(word) != 1 or not "\u0100" <= word < "\u0800" or not word.isalpha() or _script(word) in ("LATIN", ""):
            continue  # (an alphabet's letter, of two bytes: not a Chinese character, a word alone)
        if sum(1 for ch in after if ch.isalpha() and _script(ch) == _script(word)) > 1:
            continue
        at = after.index(word) if side == 0 else after.rindex(word)
        first = len(after[:at].encode("utf-8"))  # where its bytes, a character each, are in before
        if not all(ch.isalpha() and _script(ch) == "LATIN" for ch in before[first : first + 2]):
            continue
        cuts[side] = at + 1 if side == 0 else len(after) - at
    if sum(cuts) >= len(after):
        return len(after), 0
    return cuts[0], cuts[1]


def _script(ch: str) -> str:
    """The first word of ``ch``'s Unicode name (LATIN, ARABIC, CJK...)."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""
