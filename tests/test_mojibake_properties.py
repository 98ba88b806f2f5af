"""Property tests: the mojibake twins agree, and repair is idempotent, on any string."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SENTENCES = ["发布了新闻，今天天气很好。", "發佈了新聞，今天天氣很好。", "中华人民共和国", "café 25°C"]
CODEC_PAIRS = [
    ("utf-8", "gbk"), ("utf-8", "big5"), ("utf-8", "cp932"), ("utf-8", "cp1252"),
    ("utf-8", "latin-1"), ("gbk", "latin-1"), ("gbk", "big5"), ("big5", "gbk"),
    ("big5", "gb18030"), ("big5", "latin-1"),
]


@st.composite
def damaged(draw, exact_only=False):
    """Real sentences pushed through a wrong codec, whole or as a span."""
    sentence = draw(st.sampled_from(SENTENCES))
    right, wrong = draw(st.sampled_from(CODEC_PAIRS))
    try:
        data = sentence.encode(right)
    except UnicodeEncodeError:
        return sentence
    # Bytes a two-byte decoder dropped without a trace (errors="ignore")
    # leave the rest out of step with no sign of where: only UTF-8, which
    # resynchronises, can be repaired exactly then.
    ignore_ok = not exact_only or right == "utf-8"
    errors = draw(st.sampled_from(["replace", "ignore"] if ignore_ok else ["replace"]))
    broken = data.decode(wrong, errors)
    before = draw(st.sampled_from(["", "據報道，", "abc ", "\ufffd"]))
    after = draw(st.sampled_from(["", "。以上內容不變", " xyz", "😀"]))
    return before + broken + after


pieces = st.one_of(
    damaged(),
    st.sampled_from(
        list("鍙戝竷浜嗘柊闂·¢²¼ÁËÐÂÎÅå‘¸ƒ\ufffd\ue000ｸ锟斤拷烫屯?发布了新闻 \n\x00穦某璶よκ")
        + ["\ud800", "😀", "\x8f", "\ufffdC", "\ufffd@", "\ufffd~", "\ufffd\x7f"]
    ),
    st.characters(),
)
texts = st.lists(pieces, max_size=8).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_twins_agree_and_repair_is_idempotent(both_mojibake, text):
    compiled, python = both_mojibake
    result = compiled.fix_mojibake(text)
    assert result == python.fix_mojibake(text)
    assert compiled.find_regions(text) == python.find_regions(text)
    assert compiled.text_stats(text) == python.text_stats(text)
    assert compiled.collapse_losses(text) == python.collapse_losses(text)
    try:
        expected = python.encode_single_byte(text)
    except UnicodeEncodeError as exc:
        expected = exc.start
    try:
        got = compiled.encode_single_byte(text)
    except UnicodeEncodeError as exc:
        got = exc.start
    assert got == expected
    assert compiled.fix_mojibake(result) == result
    if result == text:
        assert result is text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_twins_agree_on_arbitrary_text(both_mojibake, text):
    compiled, python = both_mojibake
    assert compiled.fix_mojibake(text) == python.fix_mojibake(text)
    assert compiled.mojibake_report(text) == python.mojibake_report(text)


@settings(max_examples=300, deadline=None)
@given(damaged(exact_only=True))
def test_repair_never_invents_characters(both_mojibake, text):
    """Every character out is one of the sentence's, a U+FFFD, or was in the input."""
    compiled, _ = both_mojibake
    result = compiled.fix_mojibake(text)
    allowed = set("".join(SENTENCES)) | set(text) | {"\ufffd"}
    assert set(result) <= allowed


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("穦某眏秸璶よκ璸ъ翴戈ㄑ莱玂毁會議強調發佈了新聞追捘刵舊ㄛ,dCABz@~ \n\x00é€ｸ"))
        | st.just("\ufffd") | st.just("😀") | st.just("\ud800") | st.characters(),
        max_size=60,
    ).map("".join),
    st.sampled_from([("gb18030", "big5"), ("big5", "gb18030"), ("cp932", "big5"), ("cp932", "gb18030")]),
    st.booleans(),
    st.booleans(),
)
def test_twins_agree_on_resync(both_mojibake, text, codecs, pin_start, pin_end):
    """The re-reading of out-of-step two-byte mojibake, both implementations."""
    compiled, python = both_mojibake
    wrong, right = codecs
    got = compiled.KERNEL.resync(text, wrong, right, 1, 7, pin_start, pin_end)
    assert got == python.KERNEL.resync(text, wrong, right, 1, 7, pin_start, pin_end)
    for start, end, _ in got:
        assert 0 <= start < end <= len(text)
