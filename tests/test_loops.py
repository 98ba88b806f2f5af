"""The loops modules themselves: what the compiled ones mirror, and that the
two implementations of every loop agree.

The rest of the suite pins behaviour through the public API; these tests
look under it, at the one contract the facades rely on: the compiled loops
and their twins are interchangeable, and the facts the ``.pyx`` files must
hold as C constants or C code equal the Python tables they mirror.
"""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import loops_of
from zhclean.chars import CharTable
from zhclean.mojibake import charsets
from zhclean.mojibake import tables as mojibake_tables
from zhclean.mojibake.reread import RESYNC_CHUNK
from zhclean.pinyin import tables as pinyin_tables

pytestmark = pytest.mark.any_implementation


@pytest.fixture(scope="module")
def compiled():
    return loops_of("cython")


@pytest.fixture(scope="module")
def twin():
    return loops_of("python")


def test_pinyin_constants_mirror_the_tables(compiled):
    assert compiled["pinyin"]._mirrors() == {
        "MAX_GROUP": pinyin_tables.MAX_GROUP,
        "MAX_SYLLABLE": pinyin_tables.MAX_SYLLABLE,
        "MAX_WORD": pinyin_tables.MAX_WORD,
        "MAX_TOKEN": pinyin_tables.MAX_TOKEN,
        "VIETNAMESE_WINDOW": pinyin_tables.VIETNAMESE_WINDOW,
        "VIETNAMESE_AFTER_CIRCUMFLEX": pinyin_tables.VIETNAMESE_AFTER_CIRCUMFLEX,
        "ROMANISED_SEPARATORS": pinyin_tables.ROMANISED_SEPARATORS,
        "TRIGGER_LOW": pinyin_tables.TRIGGER_LOW,
        "TRIGGER_HIGH": pinyin_tables.TRIGGER_HIGH,
        "SEPARATORS": pinyin_tables.SEPARATORS,
        "COLONS": pinyin_tables.COLONS,
        "ROUND_PARENS": pinyin_tables.ROUND_PARENS,
        "ZHUYIN_LOOKALIKES": pinyin_tables.ZHUYIN_LOOKALIKES,
    }


def test_pinyin_character_classes_mirror_the_tables(compiled):
    classes_of = compiled["pinyin"]._classes_of
    for cp in range(0x32400):
        expected = (
            pinyin_tables.is_han(cp),
            cp in pinyin_tables.OPEN_PARENS,
            pinyin_tables.OPEN_PARENS.get(cp, 0),
            cp in pinyin_tables.QUOTES,
            cp in pinyin_tables.ZHUYIN_TONES,
            pinyin_tables.is_zhuyin_letter(cp),
            cp in pinyin_tables.ZHUYIN_LOOKALIKES,
            pinyin_tables.is_latin_word(cp),
            pinyin_tables.is_trigger(cp),
            cp in pinyin_tables.VIETNAMESE_LETTERS,
        )
        assert classes_of(cp) == expected, hex(cp)


def test_pinyin_scan_triggers_are_what_the_twin_searches_for(twin):
    """The twin finds triggers with a regular expression; the compiled scan
    (in C, vectorised) with the classes compared above."""
    pattern = twin["pinyin"]._TRIGGER
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        assert bool(pattern.match(chr(cp))) == pinyin_tables.is_trigger(cp), hex(cp)


def test_mojibake_constants_mirror_the_charsets(compiled):
    assert compiled["mojibake"]._mirrors() == {
        "UNKNOWN": charsets.UNKNOWN, "BARRIER": charsets.BARRIER, "SUSPECT": mojibake_tables.SUSPECT,
        "LEAD": mojibake_tables.LEAD, "CONTINUATION": mojibake_tables.CONTINUATION,
    }
    for byte in range(0x100):
        for big5 in (False, True):
            right = "big5" if big5 else "gb18030"
            expected = (charsets.is_lead(byte), charsets.is_trail(right, byte))
            assert compiled["mojibake"]._lead_trail(byte, big5) == expected


_MOJIBAKE_PIECES = st.one_of(
    st.sampled_from(
        list("鍙戝竷浜嗘柊闂·¢²¼ÁËÐÂÎÅå‘¸ƒ\ufffd\ue000ｸ锟斤拷烫屯?发布了新闻 \n\x00穦某璶よκ€—")
        + ["\ud800", "😀", "\x8f", "\ufffdC", "\ufffd@", "\ufffd~", "\ufffd\x7f", "\U00020000"]
    ),
    st.characters(),
)
_texts = st.lists(_MOJIBAKE_PIECES, max_size=60).map("".join)


def _outcome(call, *args):
    try:
        return call(*args)
    except UnicodeEncodeError as exc:
        return ("UnicodeEncodeError", exc.start)  # where it stops; the end of a run may differ


@settings(max_examples=500, deadline=None)
@given(_texts)
def test_mojibake_loops_agree(compiled, twin, text):
    for name in ("find_regions", "text_stats", "class_bytes", "collapse_losses", "encode_single_byte"):
        got = _outcome(getattr(compiled["mojibake"], name), text)
        assert got == _outcome(getattr(twin["mojibake"], name), text), name
    for others in (0x00, 0xFF):  # every character no single-byte decoder makes as that byte
        got = compiled["mojibake"].encode_single_byte(text, others)
        assert got == twin["mojibake"].encode_single_byte(text, others)
        assert len(got) == len(text)
    if compiled["mojibake"].collapse_losses(text) == text:
        assert compiled["mojibake"].collapse_losses(text) is text
    regions = compiled["mojibake"].find_regions(text)
    whole = [(0, len(text))] if text else []
    for spans in (regions, whole):
        assert compiled["mojibake"].screen(text, spans) == twin["mojibake"].screen(text, spans)


# What the crawlers' mixture is made of and stands beside: Latin-1 and
# Windows-1252 characters, the two-byte UTF-8 ones it makes (ʾ ͼ), ASCII
# second bytes, CJK text and punctuation of the page's own, losses, a lone
# surrogate, an astral character.
_HYBRID_ALPHABET = list("ÎÂÜ°ÌáÖÐÕ¿ª»¼²¹©éèàÃ€‘ƒŸʾͼٿŷ@AZez分类号中图温馨提示，。「 \n\ufffd\ud800") + ["\U00020000"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HYBRID_ALPHABET), max_size=60).map("".join))
def test_mixture_readings_agree(compiled, twin, text):
    from zhclean.mojibake.hybrid import hybrid_bytes

    assert hybrid_bytes(text, compiled["mojibake"]) == hybrid_bytes(text, twin["mojibake"])


def test_mixture_reading_of_a_long_text_agrees(compiled, twin):
    """Past the length where the compiled steps run without the GIL."""
    from corpus.lossy import wrong_decode
    from zhclean.mojibake.hybrid import hybrid_bytes

    data = "会议强调，要做好超前谋划。温馨提示：请勿吸烟。中图分类号 TP391\n".encode("gbk") * 1500
    text = wrong_decode(data, "hybrid-cp1252")[0] + "分类号"
    assert len(text) > 40_000
    assert hybrid_bytes(text, compiled["mojibake"]) == hybrid_bytes(text, twin["mojibake"])


def test_mixture_reading_needs_every_characters_options(compiled, twin):
    from zhclean.mojibake.hybrid import COSTS
    from zhclean.mojibake.tables import class_table
    from zhclean.mojibake.charsets import decode_table

    readings = {"\xce": [(b"\xce", 0, -1, False, False)]}  # none for "a"
    for loops in (compiled, twin):
        with pytest.raises((ValueError, KeyError)):
            loops["mojibake"].hybrid_path("\xcea", readings, decode_table("gb18030"), class_table(), COSTS)
        assert loops["mojibake"].hybrid_path("\xce\xce", readings, decode_table("gb18030"), class_table(), COSTS) == [
            b"\xce",
            b"\xce",
        ]
    with pytest.raises(ValueError, match="Basic Plane"):
        compiled["mojibake"].hybrid_path("\xce", readings, decode_table("gb18030"), class_table()[:100], COSTS)
    with pytest.raises(ValueError, match="a byte"):
        compiled["mojibake"].encode_single_byte("a", 256)


# With GBK read by browsers as Big5 (砮ロ滅諷 for 疫情防控; ⻌ for 入, a
# character only Big5-HKSCS makes).
_SCREEN_ALPHABET = list("鍙戝竷浜嗘柊闂锟斤拷烫屯穦某璶よ發佈了新聞淸愼爲纔，。 \nabé€Ð\ufffd砮ロ滅諷⻌ッ") + ["\U00020000"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCREEN_ALPHABET), max_size=80).map("".join), st.data())
def test_screens_agree(compiled, twin, text, data):
    """On any region, not only those the scan finds: the screen is a function of the text."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = [(start, end)] if end > start else []
    assert compiled["mojibake"].screen(text, spans) == twin["mojibake"].screen(text, spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SCREEN_ALPHABET), max_size=80).map("".join), st.data())
def test_screens_agree_on_several_regions(compiled, twin, text, data):
    """Big5 is read as Big5-HKSCS for a whole text where any region shows it."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    assert compiled["mojibake"].screen(text, spans) == twin["mojibake"].screen(text, spans)


# Short spans of GBK and Big5 read as each other (芶賦珨陑 for 团结一心; 玂ユ硄笲块
# for 保交通運輸), the words around them, and what breaks a span: ASCII, a
# loss, kana, an astral character, a character neither codec has.
_WORD_PIECES = st.sampled_from(
    ["芶賦珨陑", "淖瓷瞰寰笥", "跪撰絨巹淉", "玂ユ硄笲块", "禘痜ㄒ毕", "引导市民", "、共克时艰", "抓好确", "確",
     "網絡暢通", "治、疑似", "王戎七歲", "淸愼爲纔", "，", "a", "\ufffd", "ロ", "\U00020000", "한", "\n"]
)
_WORD_READINGS = [("big5", "gb18030"), ("gb18030", "big5"), (charsets.BIG5_HKSCS, "gb18030")]


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD_PIECES, max_size=40).map("".join), st.data())
def test_word_windows_and_their_screen_agree(compiled, twin, text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for wrong, right in _WORD_READINGS:
        found = compiled["mojibake"].word_windows(text, start, end, wrong, right)
        assert found == twin["mojibake"].word_windows(text, start, end, wrong, right)
        for s, e, after in found:
            assert start <= s < e <= end and len(after) == e - s
    spans = [(start, end)] if end > start else []
    assert compiled["mojibake"].screen(text, spans) == twin["mojibake"].screen(text, spans)


def test_word_windows_span_the_damage_and_use_the_neighbours_beyond_the_region(compiled, twin):
    text = "引导市民芶賦珨陑、共克时艰"
    for loops in (compiled, twin):
        assert loops["mojibake"].word_windows(text, 0, len(text), "big5", "gb18030") == [(4, 8, "团结一心")]
        # The region may stop at the span: the neighbours beyond it still count.
        assert loops["mojibake"].word_windows(text, 4, 8, "big5", "gb18030") == [(4, 8, "团结一心")]
        [(_, _, mask)] = loops["mojibake"].screen(text, [(0, len(text))])
        assert mask & charsets.WORD_SPANS << charsets.SCREENED.index(("big5", "gb18030"))
        with pytest.raises(ValueError):
            loops["mojibake"].word_windows(text, 3, len(text) + 1, "big5", "gb18030")


def test_no_word_window_in_correct_text(compiled):
    """Issue 9: no false repair of classical Chinese; the external texts and
    the seeds read both ways hold no span the word test passes."""
    from corpus import HERE, SHARED

    if not (SHARED / "external").is_dir():
        pytest.skip("../shared is not beside the repository")
    paths = sorted((SHARED / "external").glob("*.txt")) + sorted((HERE / "samples" / "seeds").glob("*.txt"))
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        for wrong, right in _WORD_READINGS:
            assert compiled["mojibake"].word_windows(text, 0, len(text), wrong, right) == [], (path.name, wrong)


def test_a_region_that_shows_big5_hkscs_reads_the_whole_text_so(compiled, twin):
    shown = "頗祜ッ覃砮ロ滅諷"  # 会议强调疫情防控: GBK read by a browser as Big5
    text = shown + "，" + "⻌湮" * 3
    for loops in (compiled, twin):
        alone = loops["mojibake"].screen(text, [(0, len(shown))])
        both = loops["mojibake"].screen(text, [(0, len(shown)), (len(shown) + 1, len(text))])
        assert not any(mask & charsets.BIG5_READ_AS_HKSCS for _, _, mask in alone)
        assert all(mask & charsets.BIG5_READ_AS_HKSCS for _, _, mask in both)


# Long regions: Hangul (a suspect the wrong codecs of the screen do not
# encode), Greek, Cyrillic, kana, ¥ (an ASCII byte in cp932), pinyin's tone
# letters, beside pieces of mojibake that the screen must still find.
_LONG_PIECES = st.sampled_from(
    list("한국어텍스트입니다 αβγδ ПоздравЂаво かなカナ¥ fáng wù 疫情防控，。\n")
    + ["鍙戝竷浜嗘柊闂", "ç™¼ä½ˆ", "穦某璶よ", "發佈了新聞", "·¢²¼ÁËÐÂÎÅ", "\ufffd", "€", "\U00020000"]
    # Words of other scripts the word test must leave (аллее re-read as Big5
    # is 抖抖快快): small letters after the first, a look-alike between ASCII.
    + ["аллее", "Криптозоолог", "ЗшНН", "ΤΜΘ", "Hеllо"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LONG_PIECES, max_size=200).map("".join), st.data())
def test_long_regions_scan_and_screen_alike(compiled, twin, text, data):
    assert compiled["mojibake"].find_regions(text) == twin["mojibake"].find_regions(text)
    whole = compiled["mojibake"].screen(text, compiled["mojibake"].find_regions(text))
    assert compiled["mojibake"].scan_and_screen(text) == whole == twin["mojibake"].scan_and_screen(text)
    start = data.draw(st.integers(0, len(text)))
    spans = [(0, len(text)), (start, len(text))] if text else []
    for span in spans:
        assert compiled["mojibake"].screen(text, [span]) == twin["mojibake"].screen(text, [span])
    chars = data.draw(st.text(st.sampled_from("掳卤¡£Ã鍙€한αx"), max_size=4))
    table = CharTable(chars)
    assert compiled["chars"].first_of(text, table) == twin["chars"].first_of(text, table)


# The characters the screen's tests of the other pairs read: Latin-1 and
# Windows-1252 letters and symbols (case pairs, rising runs, pairs GBK reads
# as likely characters: ÏµÍ³, ó w, í ž), the code pages' letters (Cyrillic
# leads and continuations: Р С Т Д д і ң ұ ђ ј), quotes, €, pinyin, Greek,
# ASCII letters and spaces, losses; and what the test of two characters
# out reads (_screen_py._two_characters): letters of Central Europe that
# only the crawlers' mixture makes (ł ą č ř ı ş), its own characters of
# three bytes (書 ：„ …), digits (GB18030's four-byte codes), curly quotes.
_OTHER_ALPHABET = list(
    "ÃÂ©®¨¤¬ÐÑ¸¹ÎÅÁËÏµÍ³ÀàÁáÄäöÖóíšžłçãüé€‘’“”«»РСТДдіңұђјпрьїєґабвΑαβγ āǎǐ ab wn e\ufffd发"
    "ąčřěış書：„…19¼ÈÌВійє"
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_OTHER_ALPHABET), max_size=60).map("".join), st.data())
def test_screens_of_the_other_pairs_agree(compiled, twin, text, data):
    """The tests of the other pairs (charsets.OTHER_PAIRS, OTHER_UTF8) see a
    region's neighbours in the text and each code page's bytes: any region,
    any text around it."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = [(start, end)] if end > start else []
    assert compiled["mojibake"].screen(text, spans) == twin["mojibake"].screen(text, spans)


# Words of Greek and Cyrillic (cased as words are, and not: ЗшНН is Big5
# read as GBK), letters one or two at a time and between ASCII letters
# (Hеllо), beside mojibake of every screened pair, losses and characters past
# the Basic Plane: every test's segments end at a letter of a word in a
# script other than Latin, and the tests of the UTF-8 pairs run across
# losses, in the compiled screen as in the twin's tests.
_WORD_PIECES = st.sampled_from(
    ["Москва", "время", "и", "в ", "на", "ЗшНН", "Ђаво", "Αθήνα", "ρ", "ΤΜΘ", "Hеllо", " ", "ab",
     "涓€", "娈垫枃", "鍙戝竷", "浜嗘柊", "穦某", "砮ロ滅諷", "發佈", "·¢²¼", "\ufffd", "€", "俈\ufffd批極", "𢥫",
     "鍙\ufffd竷", "\ufffd\ufffd"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORD_PIECES, max_size=40).map("".join), st.data())
def test_screens_agree_beside_words_of_other_scripts(compiled, twin, text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for spans in ([(start, end)] if end > start else [], [(0, len(text))] if text else []):
        assert compiled["mojibake"].screen(text, spans) == twin["mojibake"].screen(text, spans)
    assert compiled["mojibake"].scan_and_screen(text) == twin["mojibake"].scan_and_screen(text)


def test_scan_and_screen_of_a_long_text_is_the_screen_of_its_regions(compiled, twin):
    """Past SCAN_RELEASE_CHARS the compiled loop scans and screens without
    the GIL: the same regions kept as the two calls keep."""
    rng = random.Random(20261201)
    pieces = ["Việt Nam ", "Москва ", "鍙戝竷浜嗘柊闂", "發佈了新聞，", "ÎÂÜ°Ìáʾ", "Troisième ", "涓€娈", "\n"]
    text = "".join(rng.choice(pieces) for _ in range(400_000))
    assert len(text) > 1 << 21
    mojibake = compiled["mojibake"]
    kept = mojibake.scan_and_screen(text)
    assert kept and kept == mojibake.screen(text, mojibake.find_regions(text))
    assert kept == twin["mojibake"].scan_and_screen(text)


def test_the_compiled_screen_refuses_regions_that_are_not_spans_of_the_text(compiled):
    for regions in ([(0, 9)], [(2, 1)], [(-1, 2)]):
        with pytest.raises(ValueError, match="not spans"):
            compiled["mojibake"].screen("abcdef", regions)


# A region of SCREEN_WINDOWS_FROM characters or more is screened window by
# window; the windows' edges see the region's characters beside them.  Random
# characters of the GBK and Big5 ranges (a few make a repair, most none),
# Latin-1 characters the other pairs take, mojibake, losses.
_WINDOWED_PIECES = [
    *"駽誠蜪廹逜梪囡ヒ嘸霰媼杽妯圭簣榫欒敩§ü×°·",
    "鍙戝竷浜嗘柊闂", "ç™¼ä½ˆ", "穦某璶よ", "·¢²¼ÁËÐÂÎÅ", "\ufffd", "€", "锟斤拷", "한국어", "发布了新闻，",
    "Москва", "время", "ЗшНН", "Αθήνα", "涓€娈垫枃", "𢥫",
]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 5))
def test_long_regions_screen_alike_window_by_window(compiled, twin, seed, regions):
    rng = random.Random(seed)
    pieces = [_WINDOWED_PIECES[rng.randrange(9 if rng.random() < 0.9 else len(_WINDOWED_PIECES))]
              for _ in range(rng.randint(mojibake_tables.SCREEN_WINDOWS_FROM, 3000))]
    text = "".join(pieces)
    cuts = sorted(rng.sample(range(len(text) + 1), 2 * regions))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a] + [(0, len(text))]
    for span in spans:
        screened = compiled["mojibake"].screen(text, [span])
        assert screened == twin["mojibake"].screen(text, [span])
        assert all(span[0] <= start < end <= span[1] for start, end, _ in screened)
    assert compiled["mojibake"].screen(text, spans[:-1]) == twin["mojibake"].screen(text, spans[:-1])


# Pages of Greek and Russian, long regions of them: words cut by the
# windows' edges (the bound flags leave a word out only where every window
# reads it as one), short words between spaces and guillemets before and
# after ASCII words (the test of two characters out leaves both to the
# text), beside mojibake that the windows must still find.
_FOREIGN_PAGE_WORDS = [
    "Αθήνα ", "να ", "η ", "το ", "διαθέσιμες ", "Москва ", "в ", "время ", "ЗшНН", "Ђаво", "ρ", "Hеllо ",
    "«Control» ", "(«Command» ", "}«v", "»P", "«", "»", ". ", "\n", "ab ", ",ν", "ν,",
]
_FOREIGN_PAGE_MOJIBAKE = [
    "鍙戝竷浜嗘柊闂", "涓€娈垫枃", "·¢²¼ÁËÐÂÎÅ", "ç™¼ä½ˆ", "穦某璶よ", "ÎÂÜ°Ìáʾ", "ÎÒ", "\ufffd", "€",
]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(0.0, 0.2))
def test_long_regions_of_other_scripts_screen_alike(compiled, twin, seed, mojibake_share):
    rng = random.Random(seed)
    words, mojibake = _FOREIGN_PAGE_WORDS, _FOREIGN_PAGE_MOJIBAKE
    pieces = [rng.choice(mojibake if rng.random() < mojibake_share else words)
              for _ in range(rng.randint(mojibake_tables.SCREEN_WINDOWS_FROM // 4, 1200))]
    text = "".join(pieces)
    start = rng.randrange(len(text))
    for span in [(0, len(text)), (start, len(text))]:
        assert compiled["mojibake"].screen(text, [span]) == twin["mojibake"].screen(text, [span])
    assert compiled["mojibake"].scan_and_screen(text) == twin["mojibake"].scan_and_screen(text)


# × is the one UTF-8 lead byte's character that is not a suspect (2×3 is
# real text): the compiled block test once looked at suspects alone and
# skipped ×© (Hebrew ש read as Latin-1) when nothing else in its 16
# characters was suspect, where the twin found it.
_TIMES_PIECES = st.sampled_from(list("×©°·’… abc 中文，") + ["2×3", "×©×©", "\ufffd", "Ã©"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_TIMES_PIECES, max_size=120).map("".join))
def test_times_sign_scans_alike(compiled, twin, text):
    assert compiled["mojibake"].find_regions(text) == twin["mojibake"].find_regions(text)


_REREAD_ALPHABET = list("穦某眏秸璶よκ璸ъ翴戈ㄑ莱玂毁會議強調發佈了新聞追捘刵舊ㄛ,dCABz@~ \n\x00é€ｸ")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(_REREAD_ALPHABET) | st.just("\ufffd") | st.just("😀") | st.just("\ud800") | st.characters(),
        max_size=60,
    ).map("".join),
    st.sampled_from([("gb18030", "big5"), ("big5", "gb18030"), ("cp932", "big5"), ("cp932", "gb18030")]),
    st.booleans(),
    st.booleans(),
    st.sampled_from([RESYNC_CHUNK, 7, 20]),
)
def test_rereading_loops_agree(compiled, twin, text, codecs, pin_start, pin_end, chunk):
    """The re-reading of out-of-step two-byte mojibake, in pieces or whole."""
    wrong, right = codecs
    got = compiled["mojibake"].resync(text, wrong, right, 1, 7, pin_start, pin_end, chunk)
    assert got == twin["mojibake"].resync(text, wrong, right, 1, 7, pin_start, pin_end, chunk)
    for start, end, _ in got:
        assert 0 <= start < end <= len(text)
    # Leaving out what holds under ``least`` leaves the rest as it was.
    for least in (1, 3):
        kept = [s for s in got if sum(c >= "\x80" and c != "\ufffd" for c in text[s[0]:s[1]]) >= least]
        for loops in (compiled, twin):
            assert loops["mojibake"].resync(text, wrong, right, 1, 7, pin_start, pin_end, chunk, least) == kept


def test_rereading_a_region_longer_than_a_piece(compiled, twin):
    original = "會議強調,要千方百計抓重點物資供應保障。市委常委會召開會議\n" * 1200
    broken = original.encode("big5").decode("gbk", "replace")
    assert len(broken) > 2 * RESYNC_CHUNK
    args = (broken, "gb18030", "big5", 1, 7, True, True, RESYNC_CHUNK)
    assert compiled["mojibake"].resync(*args) == twin["mojibake"].resync(*args)


def test_chunk_bounds_cut_after_newlines():
    text = ("x" * 9 + "\n") * 5
    assert mojibake_tables.chunk_bounds(text, 25) == [0, 20, 40, 50]
    assert mojibake_tables.chunk_bounds("y" * 30, 25) == [0, 25, 30]
    assert mojibake_tables.chunk_bounds("", 25) == [0, 0]


@pytest.mark.parametrize("wrong, right", [("windows-1252", "big5"), ("gb18030", "utf-8"), ("latin-1", "gbk")])
def test_rereading_refuses_codecs_it_cannot_read_alike(compiled, twin, wrong, right):
    for loops in (compiled, twin):
        with pytest.raises(ValueError, match="no re-reading"):
            loops["mojibake"].resync("穦某\ufffd", wrong, right, 1, 7, False, False, RESYNC_CHUNK)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.booleans())
def test_pinyin_loops_agree(compiled, twin, text, by_reading):
    assert compiled["pinyin"].strip(text, by_reading) == twin["pinyin"].strip(text, by_reading)


_PINYIN_PIECES = st.sampled_from(
    list("中心成语字弟子静夜挾帶書記 ,。'’-:：|一丨ㄒㄝˊ˙”")
    + ["(", ")", "[", "]", "【", "】", " (", "(拼音:", "[pinyin:", "zhōng", "xīn", "zhong", "xin", "Zhong"]
    + ["chengyu", "zì", "zi", "dì", "jìng", "shū", "shu", "Python", "café", "\u0301", "\u0304", "ü", "ǚ", "lu:", "3"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PINYIN_PIECES | st.characters(), max_size=40).map("".join), st.booleans())
def test_pinyin_loops_agree_on_the_new_forms(compiled, twin, text, by_reading):
    assert compiled["pinyin"].strip(text, by_reading) == twin["pinyin"].strip(text, by_reading)


def test_a_region_of_loss_markers_alone_is_passed_over(compiled, twin):
    """锟斤拷 over and over, cut anywhere: the screen keeps no such region
    (every pair's test fails on it), and says so before any test runs; a
    region with anything else in it is screened as before."""
    from zhclean.mojibake.charsets import LOSS_MARKER

    for loops in (compiled, twin):
        screen = loops["mojibake"].screen
        for phase in range(3):
            for n in (1, 2, 3, 4, 7, 50, 3001):
                text = (LOSS_MARKER * (n // 3 + 2))[phase : phase + n]
                assert screen(text, [(0, n)]) == []
                # Beside a region that makes the text read as Big5-HKSCS too.
                assert all(start != 0 for start, _, _ in screen(text + "\n⻌⻌", [(0, n), (n + 1, n + 3)]))
        mixed = "鍙戝竷浜嗘柊闂伙紝" + LOSS_MARKER * 3
        assert screen(mixed, [(0, len(mixed))]) == compiled["mojibake"].screen(mixed, [(0, len(mixed))]) != []


# Characters whose gb18030 bytes make every kind of UTF-8 window around a €:
# lead bytes (涓 E4 B8, 浣 E4 BD), continuations (娈 E5 A8), ASCII, losses and
# the loss stand-in (None), four-byte codes and astral characters (left to the
# caller), a well-formed U+FFFD's bytes (锟 EF BF, 斤 BD EF), vertical forms.
_EURO_PIECES = st.sampled_from(
    ["€", "€", "€€", "涓", "浣", "滆", "咃", "綔", "娈", "垫", "枃", "锟", "斤", "拷", "一", "的", "a", " ", "。",
     "\ufffd", charsets.LOSS_STAND_INS[charsets.GBK_WEB], "\u2022", "\U0001f600", "\ufe17", "\ud800", "Ã"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_EURO_PIECES, max_size=24).map("".join), st.booleans())
def test_euro_choices_agree(compiled, twin, text, pair_first):
    table = charsets.encode_table("gb18030")
    stand_in = charsets.LOSS_STAND_INS[charsets.GBK_WEB]
    found = compiled["mojibake"].euro_choices(text, table, pair_first, stand_in)
    assert found == twin["mojibake"].euro_choices(text, table, pair_first, stand_in)
    assert len(found) == text.count("€") and set(found) <= {0, 1, 2}


def test_euro_choices_read_the_utf8_around_each_euro(compiled, twin):
    table = charsets.encode_table("gb18030")
    stand_in = charsets.LOSS_STAND_INS[charsets.GBK_WEB]
    for loops in (compiled, twin):
        choices = loops["mojibake"].euro_choices
        assert choices("涓€娈", table, False, stand_in) == b"\x00"  # 一 is E4 B8 80
        assert choices("娉€、", table, True, stand_in) == b"\x01"  # 波、 is E6 B3 A2 E3 80 81 (the pair wins a tie too)
        assert choices("€", table, True, stand_in) == b"\x00"  # 80 is one broken byte, A2 E3 two
        assert choices("\U0001f600€", table, False, stand_in) == b"\x02"  # an astral neighbour: the caller's
        assert choices("\U0001f600€€", table, False, stand_in) == b"\x02\x02"  # and so the € after it


def test_the_fast_table_builders_give_what_their_plain_statement_gives():
    """The tables built in C-speed steps (every BMP character laid out as
    UTF-16, the pair classes and pair reads gathered with map) are the
    tables a Python step per character or pair gives."""
    assert charsets._every_bmp() == "\x00".join(map(chr, range(1, 0x10000)))
    classes = mojibake_tables.class_table()
    plain_classes = bytearray(2 * 0x10000)
    plain_reads = bytearray(0x80 * (0x100 - mojibake_tables.PAIR_SECOND_LOW))
    for half, codecs in enumerate((("gb18030",), ("gb18030", "big5"))):
        for codec in codecs:
            decoded = charsets.decode_table(codec)
            for code in range(0x8000, 0x10000):
                out = decoded[code]
                if out and out < 0x10000:
                    plain_classes[half << 16 | code] = max(plain_classes[half << 16 | code], classes[out])
                second = code & 0xFF
                if half and second >= mojibake_tables.PAIR_SECOND_LOW:
                    letter = chr(second).isascii() and chr(second).isalpha()
                    bar = mojibake_tables.VERY_PLAUSIBLE if letter else mojibake_tables.PLAUSIBLE
                    if out and out < 0x10000 and classes[out] >= bar:
                        plain_reads[((code >> 8) - 0x80) * (0x100 - mojibake_tables.PAIR_SECOND_LOW) + second
                                    - mojibake_tables.PAIR_SECOND_LOW] = 1
        for lead in range(mojibake_tables.TWO_BYTE_FIRST[0], mojibake_tables.TWO_BYTE_FIRST[1] + 1):
            for digit in range(mojibake_tables.TWO_BYTE_SECOND[0][0], mojibake_tables.TWO_BYTE_SECOND[0][1] + 1):
                plain_classes[half << 16 | lead << 8 | digit] = mojibake_tables.UNKNOWN_CLASS
    assert mojibake_tables.pair_classes_table() == bytes(plain_classes)
    assert mojibake_tables.pair_reads_table() == bytes(plain_reads)
