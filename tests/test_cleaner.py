"""The Cleaner: options, order of steps, explanations, offsets, statistics,
pickling, threads, and real text through the whole pipeline."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhclean
from conftest import CORPUS, SHARED_CORPUS
from corpus import read_jsonl

SEEDS = sorted((CORPUS / "samples" / "seeds").glob("*.txt"))
GOLD = CORPUS / "samples" / "gold"
EXTERNAL = sorted((SHARED_CORPUS / "external").glob("*.txt")) if (SHARED_CORPUS / "external").is_dir() else []
NORMALIZATIONS_OFF = {"width": False, "invisible": False, "whitespace": False}


# --- options ---------------------------------------------------------------------
def test_defaults_are_the_safe_set():
    assert zhclean.Cleaner().options == {
        "mojibake": True, "pinyin": "reading", "script": "auto", "width": True,
        "punctuation": None, "invisible": True, "whitespace": True,
    }


@pytest.mark.parametrize(
    "options, message",
    [
        ({"mojibak": True}, "unknown option 'mojibak'; the options are mojibake, pinyin"),
        ({"pinyin": "pinyin"}, "pinyin must be one of 'reading', 'syllable'"),
        ({"script": "simplifed"}, "script must be one of 'auto', 'simplified'"),
        ({"punctuation": "full"}, "punctuation must be one of 'fullwidth', 'ascii'"),
        ({"width": 1}, "width must be one of True, False, not 1"),
        ({"whitespace": "yes"}, "whitespace must be one of True, False"),
    ],
)
def test_bad_options_are_named_with_the_valid_ones(options, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        zhclean.Cleaner(**options)


def test_a_cleaner_is_immutable_and_compared_by_its_options():
    cleaner = zhclean.Cleaner(pinyin=True, script=False)
    with pytest.raises(AttributeError):
        cleaner.mojibake = False  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del cleaner._options
    assert cleaner == zhclean.Cleaner(pinyin="reading", script=None)
    assert hash(cleaner) == hash(zhclean.Cleaner(pinyin="reading", script=None))
    assert cleaner != zhclean.Cleaner()
    assert eval(repr(cleaner), {"Cleaner": zhclean.Cleaner}) == cleaner


def test_every_step_can_be_switched_off():
    text = "鍙戝竷浜嗘柊闂伙紝書(shu)記ＡＢ\u200b請到互助客栈询问,好 "
    everything_off = zhclean.Cleaner(
        mojibake=False, pinyin=None, script=None, width=False, punctuation=None, invisible=False, whitespace=False
    )
    assert everything_off(text) is text
    steps_seen = {edit.step for edit in zhclean.Cleaner(punctuation="fullwidth").explain(text)}
    assert steps_seen == {"mojibake", "pinyin", "script", "width", "punctuation", "invisible", "whitespace"}


def test_steps_run_in_the_documented_order():
    # Annotated text that was then garbled: repaired first, then stripped.
    garbled = "省(sheng)委書(shu)記會議".encode("utf-8").decode("latin-1")
    assert zhclean.Cleaner()(garbled).startswith("省委書記")
    assert zhclean.Cleaner(mojibake=False)(garbled) == zhclean.Cleaner(mojibake=False, pinyin=None)(garbled)
    steps = [edit.step for edit in zhclean.Cleaner().explain(garbled + " ")]
    assert steps == sorted(steps, key=zhclean.cleaner.STEPS.index)


# --- real text --------------------------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_seeds_come_out_as_their_gold(seed):
    """Pinyin stripped, script left alone (the Traditional pages' 并 后 于 干
    斗 are correct), nothing else changed when the normalizations are off."""
    text = seed.read_text(encoding="utf-8")
    gold = (GOLD / seed.name).read_text(encoding="utf-8")
    assert zhclean.Cleaner(**NORMALIZATIONS_OFF)(text) == gold


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_default_cleaner_on_the_seeds_only_strips_and_normalizes(seed):
    text = seed.read_text(encoding="utf-8")
    gold = (GOLD / seed.name).read_text(encoding="utf-8")
    result = zhclean.Cleaner().process(text)
    steps = {edit.step for edit in result.edits}
    assert steps <= {"pinyin", "invisible", "whitespace"}
    assert result.stats.mojibake_repaired == 0 and result.stats.chars_converted == 0
    assert zhclean.Cleaner(pinyin=None, width=False, invisible=False, whitespace=False)(gold) is gold


@pytest.mark.skipif(not EXTERNAL, reason="../shared/corpus/external is not beside the repository")
@pytest.mark.parametrize("path", EXTERNAL, ids=lambda p: p.name)
def test_external_texts_lose_nothing(path, implementation):
    """Classical, vernacular and encyclopedic text: no repair, no stripping;
    what changes is only the mixed page's minority script and whitespace."""
    text = path.read_text(encoding="utf-8")
    if implementation == "python":
        text = text[:60_000]
    result = zhclean.Cleaner().process(text)
    assert result.stats.mojibake_repaired == 0
    assert result.stats.annotations_removed == 0
    assert {edit.step for edit in result.edits} <= {"script", "invisible", "whitespace"}


# --- explanations and offsets -------------------------------------------------------
def test_explain_places_each_edit_in_the_input():
    text = "据报道，鍙戝竷浜嗘柊闂伙紝社(she) 会(hui) 变迁ＡＢ "
    edits = zhclean.Cleaner().explain(text)
    assert [(e.step, e.before, e.after) for e in edits] == [
        ("mojibake", "鍙戝竷浜嗘柊闂伙紝", "发布了新闻，"),
        ("pinyin", "(she) ", ""),
        ("pinyin", "(hui) ", ""),
        ("width", "ＡＢ", "AB"),
        ("whitespace", " ", ""),
    ]
    for edit in edits:
        assert text[edit.start : edit.end] == edit.before


def test_offsets_map_every_output_character_back():
    text = "据报道，鍙戝竷浜嗘柊闂伙紝书(shu)记ＡＢ "
    out, offsets = zhclean.Cleaner().clean(text, offsets=True)
    assert out == "据报道，发布了新闻，书记AB"
    assert len(offsets) == len(out)
    assert offsets[:4] == [0, 1, 2, 3]
    assert all(4 <= offsets[k] < 13 for k in range(4, 10))  # the repair, in the mojibake it came from
    assert text[offsets[out.index("书")]] == "书" and text[offsets[out.index("记")]] == "记"
    assert [text[offsets[k]] for k in (len(out) - 2, len(out) - 1)] == ["Ａ", "Ｂ"]


_PIECES = st.sampled_from(
    ["書(shu)", "記(ji)", "會(hui)", " ", "\u200b", "ＡＢ", "，", "鍙戝竷浜嗘柊闂伙紝", "這裡",
     "请到互助客栈询问", "\n", "a", "字"]
)


# Pieces where one step uncovers work for another: marks beside trailing
# spaces, invisible characters beside spaces, annotations beside mojibake.
_UNCOVERING_PIECES = st.sampled_from(
    ["書", "(shu)", "記", " ", "  ", "\u3000", "!", "！", ",", "，", "?", ":", "(", ")", "（", "）", "Ａ", "\u200b",
     "\xad", "\xa0", "\n", "\t", "弟dì", "子zǐ", "涓€", "鍙戝竷", "·¢²¼", "ÎÂÜ°Ìáʾ", "這", "这", "1", "Hello", "。"]
)
_UNCOVERING_OPTIONS = [{}, {"punctuation": "fullwidth"}, {"punctuation": "ascii"}, {"script": "auto"},
                       {"pinyin": "syllable", "punctuation": "ascii", "script": "auto"}]


@pytest.mark.parametrize(
    "target, text, expected",
    [("simplified", "打壞了", "打坏了"), ("simplified", "把門打壞  \n", "把门打坏\n"),
     ("traditional", "东干语", "東干語"), ("traditional", "后面人很多\u200b ", "後面人很多"),
     ("taiwan", "后面人很多 ", "後面人很多")],
)
def test_an_explicit_script_is_converted_once(target, text, expected):
    """OpenCC's conversions are not idempotent (t2s: 打壞 -> 打坏 -> 打坯), so
    the script step runs in the first round only, however many the other
    steps take: the Cleaner converts as ``convert`` does."""
    cleaner = zhclean.Cleaner(script=target)
    assert cleaner(text) == expected
    assert cleaner.clean_batch([text] * 5) == [expected] * 5
    assert cleaner.process(text).text == expected == cleaner.clean(text, offsets=True)[0]
    assert [e.step for e in cleaner.explain(text)].count("script") <= len(text)
    assert "坯" not in expected and "麪" not in expected and "幹" not in expected


@pytest.mark.parametrize(
    "target, text", [("hongkong", "郭伟强说"), ("hongkong", "吴子冲了"), ("simplified", "不可貲計了"),
                     ("taiwan-phrases", "类模板"), ("traditional", "后面人很多")],
)
def test_an_explicit_target_converts_as_convert_does(target, text):
    # Its own output is never converted again (OpenCC would change 强 冲 計 别 once more).
    assert zhclean.Cleaner(script=target)(text) == zhclean.convert(text, to=target)


_HIDDEN = "發佈".encode("gbk").decode("latin-1")  # GBK read as Latin-1


@pytest.mark.parametrize(
    "options, text, expected",
    [({"script": "simplified"}, "這\n" + _HIDDEN + "\xa0\u200b" + _HIDDEN, "这\n发布 发布"),
     ({"script": "traditional"}, "这\n" + _HIDDEN + "\xa0\u200b" + _HIDDEN, "這\n發佈 發佈"),
     ({"script": "simplified"}, "!\u200b·¢²¼\xa0(zhōng xīn)", "!发布听(zhōng xīn)"),
     ({}, "這\n·¢²¼\xa0\u200b·¢²¼", "这\n发布 发布"),
     # Characters valid in both scripts, which unification leaves: 学 来 后.
     ({"script": "traditional"}, "他說：瀛\xad︽牎", "他說：學校"),
     ({"script": "taiwan"}, "臺灣新聞：鍚\u200b庢潵 他說", "臺灣新聞：後來 他說")],
)
def test_a_repair_a_later_round_makes_is_converted_too(options, text, expected):
    """The mojibake a zero-width space hid is repaired in the second round;
    the script step converts what the repair wrote there, and nothing
    converted already (script.converted_again)."""
    cleaner = zhclean.Cleaner(**options)
    assert cleaner(text) == expected
    assert cleaner.clean_batch([text] * 5) == [expected] * 5
    assert cleaner.process(text).text == expected == cleaner.clean(text, offsets=True)[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(_UNCOVERING_PIECES, max_size=10).map("".join), st.sampled_from(_UNCOVERING_OPTIONS))
def test_one_call_does_all_a_second_would(text, options):
    cleaner = zhclean.Cleaner(**options)
    once = cleaner(text)
    assert cleaner(once) == once
    assert cleaner.clean(text, offsets=True)[0] == once == cleaner.process(text).text


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_offsets_and_explanations_agree_with_clean(text):
    cleaner = zhclean.Cleaner()
    out, offsets = cleaner.clean(text, offsets=True)
    assert out == cleaner(text) == cleaner.process(text).text
    assert len(offsets) == len(out)
    assert offsets == sorted(offsets)
    assert all(0 <= position < max(len(text), 1) for position in offsets)
    changed = [(e.start, e.end) for e in cleaner.explain(text)]
    for k, position in enumerate(offsets):
        if not any(a <= position < max(b, a + 1) for a, b in changed):
            assert out[k] == text[position]


def test_offsets_compose_across_what_earlier_steps_removed():
    # pinyin removes (fā), then the script step replaces 發佈會 as one stretch:
    # 布 comes from 佈 (5), 会 from 會 (6), not from the ( and f between.
    assert zhclean.Cleaner(script="simplified").clean("發(fā)佈會", offsets=True) == ("发布会", [0, 5, 6])
    text = "这是省委書(shu)記说的话，这个问题很重要。"
    out, offsets = zhclean.Cleaner().clean(text, offsets=True)
    assert out == "这是省委书记说的话，这个问题很重要。"
    assert [text[k] for k in offsets] == list("这是省委書記说的话，这个问题很重要。")


def test_offsets_of_replacements_of_another_length_keep_their_rule():
    # A first step's repair of 9 characters by 6: the k-th to the k-th.
    out, offsets = zhclean.Cleaner().clean("据报道，鍙戝竷浜嗘柊闂伙紝", offsets=True)
    assert out == "据报道，发布了新闻，" and offsets == list(range(10))
    # Nothing changed: every character is its own.
    assert zhclean.Cleaner().clean("中文 abc", offsets=True) == ("中文 abc", [0, 1, 2, 3, 4, 5])


_ORIGINS = {"书": "書", "发": "發", "布": "佈", "会": "會", "A": "Ａ", "b": "ｂ", "1": "１", " ": "\u2003"}
_OFFSET_PIECES = st.sampled_from(["書(shu)", "發", "佈", "會", "(fā)", "a", "b", "1", "x", "Ａ", "ｂ", "１", " ", "\u2003"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_OFFSET_PIECES, max_size=14).map("".join), st.sampled_from(["simplified", "auto", None]))
def test_each_output_character_maps_to_the_one_it_came_from(text, script):
    out, offsets = zhclean.Cleaner(script=script).clean(text, offsets=True)
    assert len(offsets) == len(out)
    assert offsets == sorted(offsets)
    for k, position in enumerate(offsets):
        # unchanged characters point at themselves; converted ones at their origin
        assert text[position] in (out[k], _ORIGINS.get(out[k])), (k, out, offsets)


# --- statistics -----------------------------------------------------------------------
def test_statistics_of_a_damaged_annotated_page():
    text = "據報道，鍙戝竷浜嗘柊闂伙紝省(sheng)委書(shu)(shu)記會議。锟斤拷"
    stats = zhclean.Cleaner().process(text).stats
    assert stats.mojibake_repaired == 1
    assert stats.annotations_removed == 2
    assert stats.mojibake_lost == 1  # 锟斤拷 is reported, not repaired
    assert stats.chars_in == len(text) and stats.chars_out == len(zhclean.Cleaner()(text))
    assert stats.script.script == "simplified" or stats.script.traditional > 0
    assert 0 < stats.annotation_density < 1


def test_statistics_of_sample_004_count_its_annotation_runs():
    text = (CORPUS / "samples" / "seeds" / "004_dfb1b050610469ea.txt").read_text(encoding="utf-8")
    stats = zhclean.Cleaner().process(text).stats
    # 833 annotation groups (the corpus README's count) in 602 runs: 書(shu)(shu)
    # is one annotation, written twice.
    assert stats.annotations_removed == 602
    assert stats.script.script == "traditional"


def test_statistics_of_a_mixed_page_count_characters_converted():
    text = "這個頁面的內容有疑問，請到互助客栈询问。"
    result = zhclean.Cleaner().process(text)
    assert result.text == "這個頁面的內容有疑問，請到互助客棧詢問。"
    assert result.stats.chars_converted == 3
    assert result.stats.script.script == "mixed"


# --- batches, the shared default, threads, pickling ------------------------------------
def test_clean_batch_is_clean_for_each():
    texts = [p.read_text(encoding="utf-8") for p in SEEDS] + ["", "鍙戝竷浜嗘柊闂伙紝", "書(shu)"]
    cleaner = zhclean.Cleaner()
    assert cleaner.clean_batch(texts) == [cleaner(t) for t in texts]
    assert cleaner.clean_batch(iter(texts[:2])) == [cleaner(t) for t in texts[:2]]
    with pytest.raises(TypeError, match="expects str, not bytes"):
        cleaner.clean_batch(["a", b"b"])


def _corpus_texts(per_file: int = 150) -> list[str]:
    """Inputs of every kind the corpus holds: the seed pages whole and line
    by line, and the first ``per_file`` cases of each pinyin, mojibake,
    script, normalization and multilingual set."""
    texts = []
    for path in SEEDS:
        page = path.read_text(encoding="utf-8")
        texts.append(page)
        texts.extend(page.splitlines(keepends=True))
    for folder in ("pinyin", "mojibake", "script", "normalize", "multilingual"):
        for path in sorted((CORPUS / folder).glob("*.jsonl")):
            values = (case.get("input", case.get("text")) for case in read_jsonl(path))
            texts.extend([value for value in values if isinstance(value, str)][:per_file])
    return texts


BATCH_OPTIONS = [
    {},
    {"punctuation": "fullwidth"},
    {"punctuation": "ascii", "pinyin": "syllable"},
    {"script": "traditional"},
    {"script": "simplified", "mojibake": False},
    {"mojibake": False, "pinyin": False, "script": False},
]


@pytest.mark.parametrize("options", BATCH_OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "default")
def test_clean_batch_is_clean_for_each_on_the_corpus(options):
    """A batch skips the steps a text holds nothing for (_batch): the same
    texts, cleaned one by one, in batches of every kind."""
    cleaner = zhclean.Cleaner(**options)
    texts = _corpus_texts()
    expected = [cleaner(t) for t in texts]
    assert cleaner.clean_batch(texts) == expected
    for size in (4, 17, 256):
        for start in range(0, len(texts), size * 11):
            assert cleaner.clean_batch(texts[start : start + size]) == expected[start : start + size]


_BATCH_PIECES = st.sampled_from(
    ["發佈了新聞", "发布了新闻", "并", "后", "這個", "这个", "鍙戝竷浜嗘柊闂", "·¢²¼", "書(shu)", "弟dì子zǐ", "（", "(",
     " ", "\t", "\n", "\r", " \n", "\u3000", "\u2003", "\u2028", "\xa0", "\u200b", "\ufeff", "\xad", "Ｗｉｎ",
     "１０", ",", "，", "?", "：", "a", "3,500", "\ufffd", "�6�1", "锟斤拷", "掳C", "\U00020000", "𠀀", "の",
     "한국어", "Ã©", "€", ""]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_BATCH_PIECES, max_size=8).map("".join), min_size=4, max_size=12), st.sampled_from(BATCH_OPTIONS))
def test_clean_batch_is_clean_for_each_on_random_batches(texts, options):
    cleaner = zhclean.Cleaner(**options)
    assert cleaner.clean_batch(texts) == [cleaner(t) for t in texts]


def test_clean_shares_one_cleaner_per_set_of_options():
    assert zhclean.clean("書(shu)記 ") == "書記"
    assert zhclean.clean("書(shu)記 ", whitespace=False) == "書記 "
    with pytest.raises(ValueError, match="unknown option"):
        zhclean.clean("x", colour=True)
    with pytest.raises(TypeError, match="expects str"):
        zhclean.clean(None)  # type: ignore[arg-type]


def test_threads_share_a_cleaner():
    cleaner = zhclean.Cleaner()
    documents = [f"第{k}篇：書(shu)記(ji)，鍙戝竷浜嗘柊闂伙紝" * (50 + k) for k in range(12)]
    expected = [cleaner(d) for d in documents]
    results: list = [None] * len(documents)

    def work(k: int) -> None:
        results[k] = cleaner(documents[k])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(documents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


def test_a_cleaner_pickles_and_works_in_another_process():
    cleaner = zhclean.Cleaner(punctuation="fullwidth", script="simplified")
    data = pickle.dumps(cleaner)
    assert pickle.loads(data) == cleaner
    code = (
        "import pickle, sys; c = pickle.loads(bytes.fromhex(sys.argv[1])); "
        "print(c('鍙戝竷浜嗘柊闂伙紝書(shu)記,好'), pickle.dumps(c).hex())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, data.hex()], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert result.returncode == 0, result.stderr
    cleaned, again = result.stdout.split()
    assert cleaned == cleaner("鍙戝竷浜嗘柊闂伙紝書(shu)記,好") == "发布了新闻，书记，好"
    assert again == data.hex()  # the same bytes in every process: a stable fingerprint


def test_a_cleaner_holds_no_converter_and_no_table():
    cleaner = zhclean.Cleaner()
    cleaner("這個頁面的內容有疑問，請到互助客栈询问。")  # converters and tables now loaded
    data = pickle.dumps(cleaner)
    assert len(data) < 400
    assert b"opencc" not in data.lower() and b"Lazy" not in data


@pytest.mark.parametrize(
    "options, text, expected",
    [
        ({}, "書\u200b(shu)記", "書記"),  # a zero-width space inside the annotation
        ({}, "書(ｓｈｕ)記", "書記"),  # full-width letters in it
        ({}, "段\xad\xa0A", "段 A"),  # a no-break space beside a soft hyphen removed
        ({"punctuation": "fullwidth"}, "他說(今天開會!)明天", "他說（今天開會！）明天"),
        # Trailing spaces removed after a mark: it now ends the text beside Han.
        ({"punctuation": "fullwidth"}, "\t記?  ", "\t記？"),
        ({"punctuation": "fullwidth"}, "書! \n", "書！\n"),
        # An annotation removed between a character and mojibake: the repair runs again.
        ({}, "弟dì·¢²¼", "弟发布"),
        ({"punctuation": "ascii"}, "\u200b\xa0，", " ,"),
        ({}, "\xad\xa0:", " :"),
        # A repair a later round makes (the soft hyphen gone) is unified with the page's script.
        ({}, "記。這?\xad·¢²¼", "記。這?發佈"),
    ],
)
def test_one_call_does_what_a_second_would(options, text, expected):
    """A step that uncovers work for an earlier one (an invisible character,
    full-width letters, a bracket made full-width, trailing spaces, an
    annotation gone) has the steps that had not seen the text as it stands
    run again: one call left 書(shu)記 for the next to strip.  The same
    through every way of cleaning."""
    cleaner = zhclean.Cleaner(**options)
    assert cleaner(text) == expected
    assert cleaner(expected) == expected
    assert cleaner.clean_batch([text, "x", text, "書記", text]) == [expected, "x", expected, "書記", expected]
    cleaned, positions = cleaner.clean(text, offsets=True)
    assert cleaned == expected and len(positions) == len(expected)
    assert cleaner.process(text).text == expected
    edits = cleaner.explain(text)
    assert edits and all(0 <= e.start <= e.end <= len(text) for e in edits)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["書(shu)記", "鍙戝竷", "·¢²¼", "ａｂ", "\u200b", "  \n", "中文", "弟dì子zǐ", "记", "x"]),
                max_size=12).map("".join), st.data())
def test_trace_positions_are_the_offsets_bisected(text, data):
    """Trace.positions finds, piece by piece, what a bisection of the offsets
    finds (mojibake_report places the repairs of later passes so)."""
    import bisect

    from zhclean._edits import Trace

    trace = Trace(text)
    cleaner = zhclean.Cleaner(punctuation="ascii")
    for step in cleaner._steps:
        for edits in step.edits(trace.text):
            trace.step(step.name, edits)
    offsets = trace.offsets()
    sources = data.draw(st.lists(st.integers(0, len(text) + 1), max_size=8))
    assert trace.positions(sources) == [bisect.bisect_left(offsets, source) for source in sources]

