"""Property tests: the twins agree, and stripping is idempotent, on any string."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

# Pieces that make annotations, near-annotations and their surroundings.
_HAN = "書記率女社會字結疫縣啊〇恩們中\U00020001\uf900"
_PINYIN = "shuzhongjieSHUlvnvaeo:ɑɡüǘǚǜāáǎàēéěèīíǐìōóǒòūúǔùăńḿ12345"
_MARKS = "\u0300\u0301\u0304\u030c\u0308\u0302\u0306"
_ZHUYIN = "ㄕㄨㄐㄧㄝㄇㄣㄓㄥˊˇˋ˙ˉ"
_OTHER = " \n\t(（)）、,。abcxyz019\x00\ud800\udfff😀\U00010000é"

pieces = st.one_of(
    st.sampled_from(list(_HAN + _PINYIN + _MARKS + _ZHUYIN + _OTHER)),
    st.sampled_from(["(shu)", "(shū)", "（jié）", "(lv)", "(lu:)", "(ㄕㄨ)", "(xian)", "(市、區)", "(a)", "(qi)"]),
    st.characters(),
)
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(texts, st.sampled_from(["reading", "syllable"]))
def test_twins_agree_and_are_idempotent(both_pinyin, text, verify):
    compiled, python = both_pinyin
    result = compiled.strip_pinyin(text, verify=verify)
    assert result == python.strip_pinyin(text, verify=verify)
    assert compiled.strip_pinyin(result, verify=verify) == result
    if result == text:
        assert result is text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_twins_agree_on_arbitrary_text(both_pinyin, text):
    compiled, python = both_pinyin
    assert compiled.strip_pinyin(text) == python.strip_pinyin(text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_decomposed_text_agrees(both_pinyin, text):
    compiled, python = both_pinyin
    nfd = unicodedata.normalize("NFD", text)
    assert compiled.strip_pinyin(nfd) == python.strip_pinyin(nfd)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_only_annotations_are_removed(both_pinyin, text):
    """The output is the input with some pieces cut out, never anything added."""
    compiled, _ = both_pinyin
    result = compiled.strip_pinyin(text)
    it = iter(text)
    assert all(ch in it for ch in result)  # result is a subsequence of text
