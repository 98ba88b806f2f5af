"""Document-level evidence: a text goes through one wrong decoder.

What the repairs of a first attempt say about the whole text, for the
attempt after it: the single-byte decoders whose UTF-8 repairs it shows
(``evidenced``: a lone sequence of that decoder is then believed too), and
the one of GBK and Big5 its single-byte repairs are in (``document_codec``:
the other is then not read from a single-byte decoder).
"""
from __future__ import annotations

from .charsets import CODEC_NAMES, REREAD_AS, SINGLE_BYTE, SINGLE_BYTE_CODECS
from .records import Repair

__all__ = ["DOCUMENT_LEAST", "DOCUMENT_SHARE", "document_codec", "evidenced_decoders"]

# Document-level evidence between GBK and Big5 (a page is in one of them):
# where the repairs of a text read by a single-byte decoder are this share
# of one, by characters, and at least DOCUMENT_LEAST characters, the text is
# repaired again without the other.  Big5 read as Latin-1, zhwiki's first
# 8,000 characters: the one-line headings 目次 概論 引用 came out GBK's ヘΩ
# 阀阶 まノ among 3,000 characters repaired as Big5 (a share of 0.998).  A
# tenth of the other is left to each region's own judgement: a page may
# quote a passage in the other codec.  Under 50 characters a text is a line
# or two, not a document: each of its lines may be either.
DOCUMENT_SHARE = 0.9
DOCUMENT_LEAST = 50


def evidenced_decoders(made: list[list[Repair]]) -> frozenset[str]:
    """The single-byte decoders whose UTF-8 repairs ``made`` holds (rГ©gion
    beside вЂ™ in Windows-1251)."""
    return frozenset(
        r.wrong for pass_ in made for r in pass_ if r.encoding == "utf-8" and r.wrong in SINGLE_BYTE_CODECS
    )


def document_codec(made: list[list[Repair]]) -> str | None:
    """GBK or Big5 (``REREAD_AS``'s name), where the text's repairs from a
    single-byte decoder are of both and one of them makes DOCUMENT_SHARE of
    the characters (and DOCUMENT_LEAST at least); else None."""
    chars = dict.fromkeys(REREAD_AS, 0)
    names = {CODEC_NAMES[codec]: codec for codec in REREAD_AS}
    for pass_ in made:
        for r in pass_:
            if r.wrong == SINGLE_BYTE and r.encoding in names:
                chars[names[r.encoding]] += len(r.text)
    total = sum(chars.values())
    if not all(chars.values()):
        return None  # one codec only (or none): nothing to settle
    codec = max(REREAD_AS, key=lambda c: chars[c])
    return codec if chars[codec] >= max(DOCUMENT_LEAST, DOCUMENT_SHARE * total) else None
