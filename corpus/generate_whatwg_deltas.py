"""Write ``corpus/whatwg/deltas.json``: where the WHATWG Encoding Standard's
``gb18030`` (= ``gbk``) and ``Big5`` decoders differ from Python's ``gb18030`` and
``big5hkscs`` codecs, pair by pair, so that ``corpus/lossy.py`` can decode as
browsers do with the standard library and this small table.

Source of the WHATWG indexes: Debian's package ``libjs-text-encoding`` 0.7.0-5
(the text-encoding polyfill by Joshua Bell, Unlicense), file
``/usr/share/javascript/text-encoding/encoding-indexes.js``, which holds index
gb18030, index gb18030 ranges and index Big5 as the standard had them in 2017.
One later change is applied here by hand: on 2024-09-18 the standard adopted
GB18030-2022's 18 bidirectional mappings into index gb18030 (WHATWG encoding
commit 2c3853e, "Adopt GB18030-2022"; the Unicode Technical Committee's
recommendation L2/23-003r), replacing private-use code points.  Checked once
against the standard's current index files (index-gb18030.txt and
index-big5.txt of 2024-09-18): identical after that change.

    apt-get install libjs-text-encoding
    python -m corpus.generate_whatwg_deltas        # from the repository root

Deterministic.  It also asserts what the decoders in ``corpus/lossy.py`` rely on:
that a byte pair (or four-byte sequence) is valid for WHATWG exactly where it is
valid for Python's codec, so only the listed values differ.
"""
from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent
OUT = ROOT / "whatwg" / "deltas.json"
INDEXES = pathlib.Path("/usr/share/javascript/text-encoding/encoding-indexes.js")

# GB18030-2022 as adopted by the standard in 2024: bytes -> code point, in
# place of the private-use code points U+E78D..U+E796 and U+E81E..U+E864.
GB18030_2022 = {
    0xA6D9: 0xFE10, 0xA6DA: 0xFE12, 0xA6DB: 0xFE11, 0xA6DC: 0xFE13, 0xA6DD: 0xFE14,
    0xA6DE: 0xFE15, 0xA6DF: 0xFE16, 0xA6EC: 0xFE17, 0xA6ED: 0xFE18, 0xA6F3: 0xFE19,
    0xFE59: 0x9FB4, 0xFE61: 0x9FB5, 0xFE66: 0x9FB6, 0xFE67: 0x9FB7, 0xFE6D: 0x9FB8,
    0xFE7E: 0x9FB9, 0xFE90: 0x9FBA, 0xFEA0: 0x9FBB,
}
# Big5 pointers the standard decodes to two code points (not in the index).
BIG5_PAIRS = {1133: "\u00ca\u0304", 1135: "\u00ca\u030c", 1164: "\u00ea\u0304", 1166: "\u00ea\u030c"}


def load_indexes() -> dict:
    source = INDEXES.read_text(encoding="utf-8")
    marker = 'global["encoding-indexes"] ='
    start = source.index(marker) + len(marker)
    end = source.rindex("};") + 1
    return json.loads(source[start:end])


def python_pair(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def four_bytes(pointer: int) -> bytes:
    """The four bytes of a gb18030 ranges pointer."""
    return bytes([0x81 + pointer // 12600, 0x30 + pointer // 1260 % 10,
                  0x81 + pointer // 10 % 126, 0x30 + pointer % 10])


def gb18030_deltas(index: list, ranges: list) -> tuple[dict, dict]:
    two_byte = {}
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            pointer = (lead - 0x81) * 190 + trail - (0x40 if trail < 0x7F else 0x41)
            code = index[pointer] if pointer < len(index) else None
            code = GB18030_2022.get(lead << 8 | trail, code)
            whatwg = chr(code) if code is not None else None
            python = python_pair(bytes([lead, trail]), "gb18030")
            assert (whatwg is None) == (python is None), (hex(lead), hex(trail))
            if whatwg != python:
                two_byte[f"{lead:02X}{trail:02X}"] = f"{code:04X}"
    four_byte = {}
    for pointer in range(0, 1237576):
        if 39419 < pointer < 189000:
            continue
        if pointer == 7457:
            code = 0xE7C7
        else:
            offset, base = max((o, c) for o, c in ranges if o <= pointer)
            code = base + pointer - offset
        data = four_bytes(pointer)
        python = python_pair(data, "gb18030")
        if python != chr(code):
            four_byte[data.hex().upper()] = f"{code:04X}"
    # Python rejects what the standard leaves unassigned too (a sample of the gap
    # and of the end; lossy.py applies the standard's rule itself anyway).
    for pointer in [39420, 100000, 188999, 1237576, 1237577, 1587599]:
        data = four_bytes(pointer)
        assert python_pair(data, "gb18030") is None, data
    return two_byte, four_byte


def big5_deltas(index: list) -> dict:
    pairs = {}
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            pointer = (lead - 0x81) * 157 + trail - (0x40 if trail < 0x7F else 0x62)
            code = index[pointer] if pointer < len(index) else None
            whatwg = BIG5_PAIRS.get(pointer) or (chr(code) if code is not None else None)
            python = python_pair(bytes([lead, trail]), "big5hkscs")
            assert python is None or whatwg is not None, (hex(lead), hex(trail))
            if whatwg != python:
                pairs[f"{lead:02X}{trail:02X}"] = " ".join(f"{ord(ch):04X}" for ch in whatwg)
    return pairs


def main() -> None:
    indexes = load_indexes()
    two_byte, four_byte = gb18030_deltas(indexes["gb18030"], indexes["gb18030-ranges"])
    big5 = big5_deltas(indexes["big5"])
    data = {
        "about": "WHATWG Encoding Standard decoders vs Python's codecs: only the byte sequences "
                 "whose decoding differs (see corpus/whatwg/README.md).",
        "source": "Debian libjs-text-encoding 0.7.0-5 encoding-indexes.js (Unlicense) + GB18030-2022 "
                  "mappings adopted by WHATWG 2024-09-18 (commit 2c3853e)",
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "gb18030_vs_python_gb18030": {"two_byte": two_byte, "four_byte": four_byte},
        "big5_vs_python_big5hkscs": big5,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"gb18030: {len(two_byte)} two-byte, {len(four_byte)} four-byte; big5: {len(big5)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
