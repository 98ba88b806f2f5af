"""The script layer's rules, through the public API: detection, unification, explicit targets."""
from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhclean
from zhclean._edits import apply as apply_edits
from zhclean.script import conversion_edits, converted_count

pytestmark = pytest.mark.any_implementation

TRADITIONAL_PAGE = "這個頁面的內容有疑問，請到互助客棧詢問。我們會儘快處理，謝謝你們的幫忙。"


@pytest.mark.parametrize(
    "text, script",
    [
        ("台灣的溫泉裡有很多人", "traditional"),  # Taiwan forms are Traditional
        ("我們的群組在峰會後見面", "traditional"),  # 群 峰 後... valid in both or Traditional
        ("这是一个简单的句子", "simplified"),
        ("于是他在后面干活", "neutral"),  # valid in both: counts for neither
        ("hello world 123", "neutral"),
        ("", "neutral"),
        ("東京の国内線は時間通りに届く", "japanese"),
        ("한국어 문장입니다", "neutral"),
        ("多措并舉保障市場供應", "traditional"),  # a lone 并 is no second script
        ("這個頁面的內容有疑問，請到互助客栈询问。", "mixed"),
    ],
)
def test_detect_script(text, script):
    assert zhclean.detect_script(text).script == script


def test_counts_are_what_the_verdict_came_from():
    info = zhclean.detect_script("國国國 裡 于 ア")
    assert (info.traditional, info.simplified, info.kana) == (3, 1, 1)
    assert info.script == "japanese"


MUST_CHANGE_AUTO = [
    # a wiki template in the other script, inside a Traditional page
    ("這個頁面的內容有疑問，請到互助客栈询问。", "這個頁面的內容有疑問，請到互助客棧詢問。"),
    # a Traditional run in a Simplified page
    ("维基百科的这个页面，請到互助客棧詢問这个问题。", "维基百科的这个页面，请到互助客栈询问这个问题。"),
]

MUST_NOT_CHANGE_AUTO = [
    "台灣的平台上，于先生說這裡很好。",  # valid in both: stays as the page has it
    "多措并舉保障市場供應，並將持續推進。",  # lone 并
    "多謝晒你哋嘅幫忙，真係好開心。",  # Cantonese 晒
    "這裡有30个人在等，我們走吧。",  # lone 个
    "東京の国内線は時間通りに届く。東京都庁",  # Japanese
    "서울은 한국의 수도입니다.",  # Korean
    "The quick brown fox jumps over the lazy dog.",  # English
    "这是一个简单的句子，没有任何问题。",  # pure Simplified
    "國國这这",  # a tie: no majority
    "遐字彦林，河内人。祖濤，司徒。",  # old forms in classical text, each alone
]


@pytest.mark.parametrize("text, expected", MUST_CHANGE_AUTO)
def test_auto_unifies_minority_runs(text, expected):
    assert zhclean.convert(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_CHANGE_AUTO)
def test_auto_leaves_alone(text):
    assert zhclean.convert(text) is text
    assert conversion_edits(text, "auto") == []


# A Traditional page around each case (its own characters never change).
PAGE = "這個頁面的內容很好，我們會儘快處理。"

UNITS_MUST_CHANGE = [
    # rule 1: a sentence with no Traditional-only character holding a run,
    # converted whole: 确 (valid in both) with 诊 and 离
    ("抓好确诊病例救治、疑似病例隔离。", "抓好確診病例救治、疑似病例隔離。"),
    # rule 1 with one clause of minority characters: that clause alone (the
    # page's own 治愈率 stays)
    ("全面提高医疗救治水平,最大限度提高治愈率、出院率。", "全面提高醫療救治水平,最大限度提高治愈率、出院率。"),
    # rule 1, a strong lone character alone in its line
    ("這是東安的資料。\n东安融媒\n", "這是東安的資料。\n東安融媒\n"),
    # rule 2: a clause with no Traditional-only character holding a run
    ("台灣的平台，请到互助客栈询问。", "台灣的平台，請到互助客棧詢問。"),
    # rule 2: a strong lone character and one valid in both that changes
    ("各级党委、政府要增強責任。", "各級黨委、政府要增強責任。"),
    # rule 3: the lone 过 of a clause that holds a run
    ("本作品屬於公有領域，因为作者逝世已经遠遠超过100年。", "本作品屬於公有領域，因為作者逝世已經遠遠超過100年。"),
    # a run's neighbour valid in both that belongs to its phrase (这里 -> 這裡)
    ("我們说这里很好。", "我們說這裡很好。"),
]

UNITS_MUST_NOT_CHANGE = [
    "羡仕至豫章太守。",  # a weak lone character alone in its sentence (世說新語)
    "兵厮逋亡，國家多難。",  # a strong lone character, one change in its clause (世說新語)
    "共有30个，都在這裡等。",  # the same: 个 -> 個 only
    "他寫了「東京の国内線」這本書。",  # a sentence with kana is Japanese: its 国内 stays
]


@pytest.mark.parametrize("text, expected", UNITS_MUST_CHANGE)
def test_sentences_clauses_and_runs_of_the_other_script(text, expected):
    assert zhclean.convert(PAGE + text + PAGE) == PAGE + expected + PAGE
    assert zhclean.detect_script(PAGE + text + PAGE).script == "mixed"


@pytest.mark.parametrize("text", UNITS_MUST_NOT_CHANGE)
def test_variants_and_japanese_quotes_stay(text):
    page = PAGE * 3 + text + PAGE
    assert zhclean.convert(page) is page
    assert zhclean.detect_script(page).script == "traditional"


def test_majority_is_counted_in_strong_characters():
    """彦 and 内 are weak (a Traditional page may write them), 濤 strong: the
    snippet is Traditional, not Simplified with one Traditional character."""
    info = zhclean.detect_script("遐字彦林，河内人。祖濤，司徒。")
    assert (info.script, info.traditional, info.simplified) == ("traditional", 1, 2)
    # 国 is weak too (a Japanese new form): 國國 outnumber it
    assert zhclean.convert("國國国国") == "國國國國"


# Written Cantonese in a Traditional page: Simplified-only in OpenCC's
# tables, its own words here (s2t would write 曬 and 嚇); a run of them
# alone, characters Big5 (or HKSCS) has, is no other script (tables.own).
CANTONESE = [
    "結晒婚生晒仔，佢哋好開心。",  # 晒 twice in one run: the page's own word, not a run
    "佢件衫紅扑扑咁，好靚。",  # 扑 twice, side by side
    "吓？你講咩呀？我哋睇吓先。",  # 吓 (Hong Kong's HKSCS has it): 睇吓, "have a look"
    "食晒啲嘢先走，搞掂晒佢。",  # 晒 twice in one clause
    "返到屋企睇吓先知流晒血。",  # 吓 and 晒: a run of the page's own words only
]


@pytest.mark.parametrize("text", CANTONESE)
def test_cantonese_words_stay(text):
    for page in (text, PAGE * 2 + text + PAGE):
        assert zhclean.convert(page) is page
        assert conversion_edits(page, "auto") == []


# A Simplified page writes the Traditional form where GBK lacks the
# Simplified one (its form of 2013, astral or rare): 三國演義's 綝 and 鈇,
# 趙孟頫's 頫 (𬘭 𫓧 𫖯); s2t's reverse, t2s, would write those.
SIMPLIFIED_PAGE = "孙休即位，诏曰：朕与卿共事已久。"


@pytest.mark.parametrize(
    "text",
    ["切不可令卿母知之，卿母乃綝之姊也。", "七，鈇钺。鈇，即斧也。", "赵孟頫，字子昂。", "孟頫。"],
)
def test_traditional_forms_gbk_has_no_simplified_for_stay(text):
    page = SIMPLIFIED_PAGE + text + SIMPLIFIED_PAGE
    assert zhclean.convert(page) is page


@pytest.mark.parametrize(
    "text, expected",
    [
        ("這件事把我们吓坏了。", "這件事把我們嚇壞了。"),  # 们 is strong: a run, 吓坏 with it
        ("那些东京大学医学部的學生。", "那些東京大學醫學部的學生。"),  # Japanese new forms, not Big5's
        ("他們说话算数。", "他們說話算數。"),  # with a strong one
        ("愛知学院大学的學生。", "愛知學院大學的學生。"),  # a Japanese new form twice: no word of the page
    ],
)
def test_weak_characters_in_a_run_still_convert(text, expected):
    assert zhclean.convert(PAGE + text + PAGE) == PAGE + expected + PAGE


@pytest.mark.parametrize(
    "text, script",
    [
        ("国の内", "japanese"),  # short Japanese: 1 kana, 2 telling characters
        ("東京の国内線は時間通りに届く", "japanese"),
        (PAGE * 20 + "作者：ゆいしあす", "traditional"),  # a Chinese page naming a Japanese author
        ("ありがとう", "japanese"),  # kana, nothing telling
    ],
)
def test_japanese_is_told_by_the_share_of_kana(text, script):
    assert zhclean.detect_script(text).script == script
    if script == "japanese":
        assert zhclean.convert(text) is text


def test_japanese_text_is_never_unified():
    text = "東京の国内線は時間通りに届く。国内の旅行は楽しい。這裡"
    assert zhclean.detect_script(text).script == "japanese"
    assert zhclean.convert(text) is text


@pytest.mark.parametrize("text", ["国立国会図書館", "日本経済新聞社", "東京駅の", "国会議事堂前駅", "大阪府警察本部の広報"])
def test_japanese_without_kana_is_told_by_its_kanji(text):
    """Kanji only Japanese writes (図 経 駅 広: new forms no Chinese
    dictionary of OpenCC holds, tables J) make a text Japanese as kana do:
    a headline without kana is not unified into Chinese (国立国会図書館 had
    become 國立國會図書館)."""
    assert zhclean.detect_script(text).script == "japanese"
    assert zhclean.convert(text) is text
    assert zhclean.Cleaner()(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "愛知学院大学",  # mimesis' Japanese universities: 愛 and 学 are of two scripts in Chinese
        "東京女子医科大学",
        "這是東京大学医学部",  # or Chinese: 這 is a common kanji too, and such a text stays as it is
        "国会議員政策担当秘書",
        "浮動小数点例外",  # glibc's Japanese catalogue
        "横断失敗: %s",
        "東京都台東区神明内14丁目1番16号",  # faker's Japanese addresses
        "大阪府三鷹市四区町2丁目6番3号",
    ],
)
def test_japanese_in_kanji_alone_is_japanese(text):
    """Japanese names, terms and addresses with no kana write the new forms
    学 国 会 医 区 (Simplified-only in OpenCC's tables) beside the forms
    Japanese kept (愛 東 員 議, Traditional-only): every telling character
    one Japanese writes, two of the minority script.  They were unified
    (愛知學院大學, 浮動小數點例外)."""
    assert zhclean.detect_script(text).script == "japanese"
    assert zhclean.convert(text) is text
    assert zhclean.Cleaner()(text) == text


@pytest.mark.parametrize(
    "text, expected",
    [
        ("主条目：中文書面語", "主条目：中文書面語"),  # one lone 条: a Chinese heading, not Japanese
        ("東京大学医学部的學生", "東京大學醫學部的學生"),  # 學: a form Japanese replaced (学)
        ("東京大学医学部的学生們", "東京大學醫學部的學生們"),  # 們: not among JIS X 0208's common kanji
        ("那個国会議員說", "那個國會議員說"),  # 說: Japanese writes 説
        ("愛知学院大学\U0002005e", "愛知學院大學\U0002005e"),  # an astral Traditional character
    ],
)
def test_chinese_mixing_the_scripts_is_not_taken_for_japanese(text, expected):
    """Japanese writes none of 們 說 學: a Chinese text mixing the scripts
    holds one of them, or holds one minority character only."""
    assert zhclean.detect_script(text).script != "japanese"
    assert zhclean.convert(text) == expected


@pytest.mark.parametrize(
    "text, script",
    [
        ("漢語 洋涇浜英語", "traditional"),  # iso-codes' zh_TW catalogue: pidgin English
        ("洋泾浜英语", "simplified"),
        ("沙家浜", "neutral"),  # a Chinese opera, in either script
        ("横浜市長選挙", "japanese"),  # 挙 still tells
    ],
)
def test_kanji_a_chinese_character_set_has_are_chinese_too(text, script):
    """A Japanese new form that GB2312 or Big5 encodes is no Japanese
    evidence (浜 is the bang of Shanghai's 洋涇浜 and 沙家浜; also 糸 伝 槙 豊):
    a Taiwanese translation's 洋涇浜英語 had been reported Japanese."""
    assert zhclean.detect_script(text).script == script
    for kanji in "浜糸伝槙豊":
        assert zhclean.detect_script("這裡" + kanji).script == "traditional"


def test_the_kanji_of_old_prints_leave_a_chinese_page_chinese():
    """Old editions of classical texts write some of those kanji (毎 呉 歳):
    a Simplified page quoting such a passage is still unified, sentence by
    sentence, because only kana keep a sentence as it is."""
    page = "这个问题的讨论已经进行了很久，大家都说了自己的看法。" * 3 + "過江諸人，毎至美日，輒相邀新亭。"
    info = zhclean.detect_script(page)
    assert (info.script, info.kana) == ("mixed", 1)
    assert zhclean.convert(page).endswith("过江诸人，毎至美日，辄相邀新亭。")


def test_characters_valid_in_both_scripts_stay_beside_a_run():
    page = "台灣的平台上，于先生說這裡很好。" * 3 + "这个"
    out = zhclean.convert(page)
    assert out == "台灣的平台上，于先生說這裡很好。" * 3 + "這個"


def test_a_phrase_across_the_run_edge_converts_with_it():
    page = "他們說這裡很好，" * 4 + "干净的东西"
    assert zhclean.convert(page).endswith("乾淨的東西")


def test_taiwan_page_keeps_taiwan_forms():
    page = "為了這裡的人們，我們說" * 3 + "为了这个"
    assert zhclean.convert(page).endswith("為了這個")  # s2t would write 爲


@pytest.mark.parametrize(
    "to, expected",
    [
        ("traditional", "乾淨的平臺，爲了"),
        ("taiwan", "乾淨的平臺，為了"),
        ("hongkong", "乾淨的平台，為了"),
        ("simplified", "干净的平台，为了"),
    ],
)
def test_explicit_targets_convert_everything(to, expected):
    source = "干净的平台，为了" if to != "simplified" else "乾淨的平臺，爲了"
    assert zhclean.convert(source, to=to) == expected


def test_taiwan_phrases_changes_vocabulary():
    assert zhclean.convert("鼠标和软件", to="taiwan-phrases") == "滑鼠和軟體"


@pytest.mark.parametrize("to", ["simplified", "traditional", "taiwan", "hongkong", "taiwan-phrases"])
def test_explicit_targets_leave_text_without_chinese(to):
    for text in ("hello", "서울", "123 + 456", ""):
        assert zhclean.convert(text, to=to) is text


@pytest.mark.parametrize("text", [s for s, _ in MUST_CHANGE_AUTO] + ["干净的平台，为了鼠标", "乾淨的臺灣"])
@pytest.mark.parametrize("to", ["auto", "simplified", "traditional", "taiwan", "taiwan-phrases"])
def test_edits_rebuild_the_conversion(text, to):
    edits = conversion_edits(text, to)
    assert edits == sorted(edits)
    assert all(a < b <= c for (_, b, _), (c, _, _) in zip(edits, edits[1:]) for a in [0])
    rebuilt, last = [], 0
    for start, end, new in edits:
        rebuilt += [text[last:start], new]
        last = end
    assert "".join(rebuilt) + text[last:] == zhclean.convert(text, to=to)


def test_converted_count():
    text = "這個頁面的內容有疑問，請到互助客栈询问。"
    assert converted_count(text, conversion_edits(text, "auto")) == 3
    assert converted_count("干净的平台", conversion_edits("干净的平台", "traditional")) == 3


def test_argument_checks():
    with pytest.raises(TypeError, match=r"convert\(\) expects str"):
        zhclean.convert(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"detect_script\(\) expects str"):
        zhclean.detect_script(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="to must be one of 'auto'"):
        zhclean.convert("abc", to="klingon")  # type: ignore[arg-type]


def test_nothing_unpicklable_is_captured():
    """convert and detect_script pickle by reference; the lazy converters refuse."""
    assert pickle.loads(pickle.dumps(zhclean.convert)) is zhclean.convert
    assert pickle.loads(pickle.dumps(zhclean.detect_script)) is zhclean.detect_script
    from zhclean.script import converters, tables

    zhclean.convert("干净", to="traditional")
    with pytest.raises(TypeError, match="never pickled"):
        pickle.dumps(converters.CONVERTERS["s2t"])
    with pytest.raises(TypeError, match="never pickled"):
        pickle.dumps(tables.TABLES)


def _fragments() -> list[str]:
    from conftest import CORPUS

    gold = CORPUS / "samples" / "gold"
    names = ("001_81fedda5c7d48eaa.txt", "003_e0210ab8d126b4d2.txt")  # Traditional, Simplified
    pages = [(gold / name).read_text(encoding="utf-8") for name in names]
    pieces = [page[k : k + 40] for page in pages for k in range(0, len(page) - 40, 37)]
    others = ["東京の国内線", "𠊎話", "\r\n", "。", "，", "ア", "国", "并", "这里", "台灣", "于", "\u2028", "abc"]
    return pieces + others


FRAGMENTS = _fragments()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12))
def test_unification_edits_only_the_minority_script(parts):
    """Any mix of Traditional and Simplified pieces, kana, astral characters,
    line and sentence breaks: the edits are sorted and disjoint, rebuild the
    output, keep its length, and never change a character of the script the
    text is unified into."""
    text = "".join(parts)
    edits = conversion_edits(text, "auto")
    out = zhclean.convert(text)
    assert all(a[1] <= b[0] for a, b in zip(edits, edits[1:]))
    rebuilt, last = [], 0
    for start, end, new in edits:
        rebuilt += [text[last:start], new]
        last = end
    assert "".join(rebuilt) + text[last:] == out
    if out is text:
        return
    assert len(out) == len(text) and zhclean.detect_script(text).script == "mixed"
    into_traditional = zhclean.detect_script(out).traditional > zhclean.detect_script(text).traditional
    for before, after in zip(text, out):
        if before != after:
            info = zhclean.detect_script(before)
            assert (info.traditional if into_traditional else info.simplified) == 0, (before, after)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("這個頁面內容疑問請詢栈询问这个并后于。 a")), max_size=60).map("".join), st.data())
def test_the_rarer_class_is_guessed_as_a_full_count_would(text, data):
    """guess_rare counts in C (chars.count_of); the answer is the one counts
    of the prefix by the classes' regular expressions give."""
    import re

    from zhclean.chars import regex_class
    from zhclean.script import scan
    from zhclean.script.tables import TABLES

    tables = TABLES.get()
    trad_re, simp_re = re.compile(regex_class(tables.traditional)), re.compile(regex_class(tables.simplified))
    text = text * data.draw(st.integers(1, 3))

    def full(text: str) -> str:
        size = scan.SAMPLE
        while True:
            sample = text[:size]
            trad, simp = len(trad_re.findall(sample)), len(simp_re.findall(sample))
            if trad != simp or size >= len(text):
                return "S" if trad >= simp else "T"
            size *= 4

    assert scan.guess_rare(text, tables) == full(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("這個頁面內容疑問請詢栈询问这个并后于。 a")), max_size=80).map("".join), st.integers(0, 40))
def test_outnumbers_is_a_count_past_a_bar(text, than):
    """Counted in C, chunk by chunk until past the bar: the answer the strong class's expression gives."""
    import re

    from zhclean.chars import regex_class
    from zhclean.script import scan
    from zhclean.script.tables import TABLES

    tables = TABLES.get()
    for side, chars in (("S", tables.simplified), ("T", tables.traditional)):
        strong = len(re.findall(regex_class(chars - tables.weak[side]), text))
        assert scan.outnumbers(text, side, than) == (strong > than)


@pytest.mark.parametrize("to", ["auto", "simplified", "traditional", "taiwan", "hongkong", "taiwan-phrases"])
def test_lone_surrogates_stay_where_they_are(to):
    """A str may hold a lone surrogate (a JSON escape, a decoder's
    surrogateescape); UTF-8, which OpenCC reads, cannot.  Unification handed
    one to OpenCC inside a minority sentence and raised UnicodeEncodeError,
    through the Cleaner and the command line's --jsonl."""
    for text in ["結\ud800這国发从", "发\n\ud800布\udc00\udc01会\n", "這個\ud83d", "\udfff"]:
        converted = zhclean.convert(text, to)
        assert [ch for ch in converted if "\ud800" <= ch <= "\udfff"] == [
            ch for ch in text if "\ud800" <= ch <= "\udfff"
        ]
        plain = zhclean.convert(text.replace("\ud800", "|").replace("\udc00", "|").replace("\udc01", "|")
                                .replace("\ud83d", "|").replace("\udfff", "|"), to)
        assert len(plain) == len(converted) and all(
            a == b or b == "|" for a, b in zip(converted, plain)
        )


def test_lone_surrogates_through_the_cleaner():
    assert zhclean.convert("結\ud800這国发从", "auto") == "结\ud800这国发从"
    cleaner = zhclean.Cleaner()
    assert cleaner("結\ud800這国发从") == "结\ud800这国发从"
    assert cleaner.clean_batch(["結\ud800這国发从", "書(shu)"]) == ["结\ud800这国发从", "書"]
    assert "".join(edit.after for edit in cleaner.explain("結\ud800這国发从")) == "结\ud800这"


# A text about the scripts names characters of the other one on purpose:
# such a mention stays (script.mentions), the rest is unified as before.
MENTIONS = [
    ("繁体字“發”和“髮”都简化为“发”。", "繁体字“發”和“髮”都简化为“发”。"),
    ("在這個頁面中，“发”是“發”的简体字。", "在這個頁面中，“发”是“發”的簡體字。"),
    ("繁體「發」簡化為「发」，这是简化字。", "繁體「發」簡化為「发」，這是簡化字。"),
    ("這個字同“发”，見上。", "這個字同“发”，見上。"),  # 同 before the quote
    ("他們說，“发”字很常見。", "他們說，“发”字很常見。"),  # 字 after it
]


@pytest.mark.parametrize("text, expected", MENTIONS)
def test_characters_mentioned_as_forms_stay(text, expected):
    assert zhclean.convert(text) == expected
    assert zhclean.Cleaner()(text) == expected
    assert apply_edits(text, conversion_edits(text, "auto")) == expected


def test_a_quoted_word_that_is_used_is_unified():
    # No word of forms in the sentence: the quotation is the text's own words.
    assert zhclean.convert(PAGE + "疑问句加“吗”。" + PAGE) == PAGE + "疑問句加“嗎”。" + PAGE


def _spans(points: list[int]) -> list[tuple[int, int]]:
    points = sorted(set(points))
    return [(points[k], points[k + 1]) for k in range(0, len(points) - 1, 2)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 80), max_size=30), st.lists(st.integers(0, 80), max_size=16))
def test_spans_less_mentions_as_a_plain_statement_gives(span_points, hole_points):
    from zhclean.script.mentions import outside

    spans, holes = _spans(span_points), _spans(hole_points)
    plain = []
    for a, b in spans:
        at = a
        for x, y in holes:
            if x < b and y > at:
                if x > at:
                    plain.append((at, x))
                at = max(at, y)
        if at < b:
            plain.append((at, b))
    assert outside(spans, holes) == plain


def test_mentions_in_a_long_page_stay_too():
    # Few spans in a long text: only their sentences are read for mentions.
    simplified = "这是一个简单的句子，没有任何问题。" * 400
    text = simplified + "繁体字“發”和“髮”都简化为“发”。" + simplified + "这里的东西很好，请到互助客棧詢問。"
    out = zhclean.convert(text)
    assert "繁体字“發”和“髮”都简化为“发”。" in out
    assert out.endswith("请到互助客栈询问。")
