"""Large and hostile inputs for the mojibake kernel: no crash, no quadratic time."""
from __future__ import annotations

import threading

import pytest

import zhclean

MB = 1 << 20


@pytest.mark.parametrize(
    "unit, repaired",
    [
        ("鍙戝竷", "发布"),  # all suspicious, valid mojibake
        ("\ufffd", None),
        ("·¢", "发"),
        ("鍙\ufffd", None),
        ("å\ufffd", None),
        ("锟斤拷", None),
        ("?", None),
        ("发布了新闻，", None),  # clean
        ("é", None),
        # A loss, an orphaned second byte: re-read in step, in pieces of 16 Ki
        # characters, where a piece's first character may stay (會某).
        ("\ufffdd穦某", "\ufffd會議"),
        ("\ufffdC", None),
    ],
)
def test_megabytes_without_a_newline(unit, repaired):
    count = MB // (3 * len(unit))
    text = unit * count
    result = zhclean.fix_mojibake(text)
    if repaired is None:
        assert result is text
    elif "\ufffd" in unit:
        assert set(result) <= set(repaired + unit)
        assert result.count(repaired) >= 0.999 * count
    else:
        assert result == repaired * count


def test_clean_megabytes_come_back_as_the_same_object():
    text = "发布了新闻，今天天气很好。(记者 张冰)\n" * 20000
    assert zhclean.fix_mojibake(text) is text


@pytest.mark.parametrize("language", ["ko", "el", "ru", "sr", "ja", "zh"])
def test_clean_pages_in_other_scripts_come_back_as_the_same_object(language):
    """Whole pages the kernel's fast paths cover: Korean (one region of the
    whole page, which the screen splits into segments), Greek, Cyrillic,
    Japanese; and pinyin with tone marks between Chinese characters (a
    suspect every few characters that never makes a region)."""
    from corpus.mojibake_sets import multilingual_lines

    page = "\n".join(row["text"] for row in multilingual_lines(language)) + "\n"
    assert len(page) > 1000
    for text in (page * 3, "疫情防控(fáng kòng)工作，務(wù)必" * 300 + page):
        assert zhclean.fix_mojibake(text) is text
        assert zhclean.mojibake_report(text) == []


@pytest.mark.parametrize(
    "language",
    ["ar", "cs", "de", "el", "fr", "he", "ja", "kk", "ko", "pl", "pt", "ru", "sr", "th", "tr", "vi", "zh", "pinyin", "uk"],
)
def test_the_screen_rules_out_clean_pages_in_other_scripts(language):
    """No region of these pages goes to Python (their speed: Serbian 0.1,
    pinyin written as ruby 0.3, Russian 0.6, Vietnamese 2.5 MB/s when every
    line did): pinyin and Greek, Cyrillic letters in words are no GBK read
    as Big5 (tables.alphabet_table), a UTF-8 lead of three bytes needs two
    continuations after it (Serbian ај is E0 BC in Windows-1251), and read
    by a code page, makes no rare Han character (Kazakh дің is E4 B3 BE in
    KZ-1048, 䳾) and, unless Latin-1 or punctuation, comes with another
    (Дұ is C4 B1, ı), two bytes
    read as two characters a likely character (tables.pair_reads_table: ação
    is E7 E3, élèves E9 6C), and a neighbour beyond a region is the text's;
    and GBK or Big5 read byte by byte, or as the crawlers' mixture, needs
    two characters out, likely enough, in a stretch that is not European
    words (Polish nagłówek, Czech níže: _screen_py._two_characters), nor
    the text's own (Greek words, however short, between spaces; «Control»;
    Turkish dışı: a run of Latin letters past Latin-1 beside an ASCII
    letter), in the whole region where it is long; one
    sequence a code page reads alone needs no stray byte of that reading
    beside it (Ukrainian Військовий: _screen_py._stray_beside).  (The pages
    of Greek and Turkish each had a region read with the crawlers' mixture,
    which found nothing: the benchmark's Greek and Cyrillic pages ran at 19
    MB/s, its European ones at 72.)"""
    from corpus.mojibake_sets import multilingual_lines
    from zhclean.mojibake import _loops
    from zhclean.mojibake.repair import screen_regions

    if language == "pinyin":
        lines = ["静jìng夜yè思sī 床chuáng前qián明míng月yuè光guāng，疑yí是shì地dì上shàng霜shuāng。"]
    elif language == "uk":  # Військовий is C2 B3 E9 in Windows-1251: C2 B3 is UTF-8's ³, alone
        lines = [
            "Військовий оркестр грав на площі біля ратуші.",
            "Вівторок видався теплим, і діти бігли до річки.",
            "Вірші про весну, їжака та ґанок бабусиної хати.",
            "Він сказав: «Є ще час, але його небагато».",
        ]
    else:
        lines = [row["text"] for row in multilingual_lines(language)]
    page = "\n".join(lines) + "\n"
    loops = _loops.LOOPS
    assert screen_regions(page, loops.find_regions(page), loops) == []
    assert zhclean.fix_mojibake(page) is page


# (text, whether the screen leaves GBK or Big5 read byte by byte worth a try
# in it): the test of two characters out (_screen_py._two_characters).
_TWO_CHARACTERS = [
    ("·¢²¼ÁËÐÂÎÅ", True),  # 发布了新闻, GBK read as Latin-1
    ("µÚ1Ìì", True),  # 第1天: two characters, a digit between
    ("ÎÂÜ°Ìáʾ", True),  # 温馨提示 in the crawlers' mixture (ʾ is UTF-8)
    ("¼：書¼ǎ", True),  # 录：書录菐: the mixture (ǎ is UTF-8 only it makes), its own characters kept
    ("¼：書¼", False),  # the same without ǎ: no reading of the mixture is tried
    ("abc µÚ def", False),  # one character: the judge needs two
    ("y. Nagłówek te", False),  # every Latin letter touches two ASCII ones
    ("e względów bezp", False),  # ę is the text's own; ów one character
    ("osím níže uved", False),  # ž: no mixture; í touches os, níže one site
    ("ka wysłała „nagłówek Re", False),
    (" przyjął on ró", False),  # 艂 (class 1) and 贸 (10): too rare together
    ("lé celé číslo\nčínsky (", False),  # é before a space: an error in every reading
]


@pytest.mark.parametrize("text, kept", _TWO_CHARACTERS)
def test_the_screen_asks_for_two_characters_out(text, kept):
    from zhclean.mojibake import _loops, charsets

    screened = _loops.LOOPS.screen(text, [(0, len(text))])
    assert bool(screened and screened[0][2] & charsets.OTHER_PAIRS) == kept


def test_whole_megabyte_of_mojibake():
    original = "发布了新闻，今天天气很好。中华人民共和国\n" * 20000
    assert zhclean.fix_mojibake(original.encode("utf-8").decode("gbk")) == original


def test_threads():
    original = "发布了新闻，今天天气很好。中华人民共和国\n" * 3000
    broken = original.encode("utf-8").decode("latin-1")
    results = []

    def work():
        results.append(zhclean.fix_mojibake(broken))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [original] * 4


def test_megabyte_of_big5_read_as_gbk_with_losses(implementation):
    original = "會議強調,要千方百計抓重點物資供應保障。市委常委會召開會議\n"
    broken = original.encode("big5").decode("gbk", "replace")
    repaired = zhclean.fix_mojibake(broken)
    assert repaired != broken
    count = 2000 if implementation == "python" else MB // 3 // len(broken)
    assert zhclean.fix_mojibake(broken * count) == repaired * count


def test_hebrew_read_as_latin_1_in_a_long_line_is_found():
    # שש (six) is D7 A9 D7 A9, read as Latin-1 ×©×©: × and ©, neither a
    # suspect alone, only × before a continuation; with clean text around,
    # the compiled scan's block test once skipped it (the twin did not).
    garbled = "שש".encode("utf-8").decode("latin-1")
    text = "some clean text around it, " * 3 + garbled + ", and after it" * 3
    assert zhclean.fix_mojibake(text) == text.replace(garbled, "שש")
    assert zhclean.fix_mojibake("2×3 = 6, © 2024 · " * 10) == "2×3 = 6, © 2024 · " * 10


def test_a_long_region_is_read_only_where_a_window_may_hold_mojibake():
    """Random characters of the GBK and Big5 ranges are one region as long as
    the line; its windows (tables.SCREEN_WINDOW) are screened one by one and
    only those some pair is worth a try in are read (read whole, 0.086 MB/s).
    A span of mojibake in it is found and repaired as in a line of its own;
    a page of mojibake keeps all its windows, as one region."""
    from corpus.mojibake.adversarial import random_gbk_big5
    from zhclean.mojibake import _loops
    from zhclean.mojibake.tables import SCREEN_WINDOWS_FROM

    noise = random_gbk_big5(60_000)
    original = "发布了新闻，今天天气很好。中华人民共和国"
    garbled = original.encode("utf-8").decode("gbk")
    text = noise + garbled + noise
    screened = _loops.LOOPS.screen(text, [(0, len(text))])
    assert sum(end - start for start, end, _ in screened) < 0.2 * len(text)
    assert any(start <= len(noise) and len(noise) + len(garbled) <= end for start, end, _ in screened)
    assert original in zhclean.fix_mojibake(text)
    page = ("会议强调，要千方百计抓好重点物资供应保障。" * 100).encode("gbk").decode("big5", "replace")
    assert len(page) > SCREEN_WINDOWS_FROM
    [(start, end, _)] = _loops.LOOPS.screen(page, [(0, len(page))])
    assert (start, end) == (0, len(page))


def test_regions_joined_across_losses_in_linear_time():
    """Each region joined to the last is searched for a loss from the last
    one's end only (a search from the joined region's start made joining 8 MB
    of GBK read as Big5 quadratic: 1.7 s)."""
    import random

    from zhclean.mojibake.reread import LOSS_BRIDGE, join_across_losses

    def reference(text, regions):
        joined = []
        for start, end in regions:
            if joined and start - joined[-1][1] <= LOSS_BRIDGE and "\ufffd" in text[joined[-1][0] : end]:
                joined[-1] = (joined[-1][0], end)
            else:
                joined.append((start, end))
        return joined

    rng = random.Random(20261130)
    for _ in range(2000):
        n = rng.randint(1, 120)
        text = "".join(rng.choice("ab\ufffd") if rng.random() < 0.1 else "a" for _ in range(n))
        cuts = sorted(rng.sample(range(n + 1), min(n + 1, 2 * rng.randint(0, 6))))
        regions = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
        assert join_across_losses(text, regions) == reference(text, regions)
    # 400,000 characters, a region every ten, all joined into one: a few
    # milliseconds (the quadratic search took seconds; no timing here, the
    # benchmark's adversarial rows measure speed).
    text = ("\ufffd" + "a" * 9) * 40_000
    regions = [(k, k + 5) for k in range(0, len(text), 10)]
    assert join_across_losses(text, regions) == [(0, len(text) - 5)]
