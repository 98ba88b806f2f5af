"""Property tests: the twins agree, and stripping is idempotent, on any string.

These compare the compiled loops and the twins under the public API
(``twins`` swaps them), so each runs once.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhclean
from conftest import twins

pytestmark = pytest.mark.any_implementation

# Pieces that make annotations, near-annotations and their surroundings.
_HAN = "書記率女社會字結疫縣啊〇恩們中心成语长大挾帶弟子规静夜\U00020001\uf900"
_PINYIN = "shuzhongjieSHUlvnvaeo:ɑɡüǘǚǜāáǎàēéěèīíǐìōóǒòūúǔùăńḿ12345"
_MARKS = "\u0300\u0301\u0304\u030c\u0308\u0302\u0306"
_ZHUYIN = "ㄕㄨㄐㄧㄝㄇㄣㄓㄥˊˇˋ˙ˉ"
_OTHER = " \n\t(（)）、,。abcxyz019\x00\ud800\udfff😀\U00010000é"

# Issue 10's forms: word-level groups, loose and labelled brackets, zhuyin
# look-alikes, quotes, bare syllables and the Latin words they must not split.
_FORMS = [
    "中心", "(zhōng xīn)", "(zhong xin)", "(zhongxin)", "(Zhongxin)", "(xī'ān)", "(xi’an)", "成语", "(chengyu)",
    " (", " (shū)", " (shu)", "( shū)", "(shū )", "[", "]", "【", "】", "[shū]", "【jié】", "(拼音:", "[pinyin:",
    "(读:", "【读音:", "：", "一", "|", "丨", "(ㄒ一ㄝˊ)", "ㄧ", "”", "」", "\"", "“长大”", "(zhǎng dà)",
    "shū", "jì", "zì", "dì", "zǐ", "ma", "mā", " jìng ", "Python", "Mi", "Wi-Fi", "pīn yīn", "café", "'", "’", "-",
]

pieces = st.one_of(
    st.sampled_from(list(_HAN + _PINYIN + _MARKS + _ZHUYIN + _OTHER)),
    st.sampled_from(["(shu)", "(shū)", "（jié）", "(lv)", "(lu:)", "(ㄕㄨ)", "(xian)", "(市、區)", "(a)", "(qi)"]),
    st.sampled_from(_FORMS),
    st.characters(),
)
texts = st.lists(pieces, max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(texts, st.sampled_from(["reading", "syllable"]))
def test_twins_agree_and_are_idempotent(text, verify):
    compiled, python = twins(zhclean.strip_pinyin, text, verify=verify)
    assert compiled == python
    assert zhclean.strip_pinyin(compiled, verify=verify) == compiled
    if compiled == text:
        assert zhclean.strip_pinyin(text, verify=verify) is text


# Romanised text beside bare ruby: Vietnamese letters (decomposed too),
# dictionary readings, European accents, over pages long enough for the
# compiled loops' memo of where the next Vietnamese letter is.
_ROMANISED = ["好hǎo", "報 báo", "弟dì子zǐ", " ", "，", ", ", "/", "一一一一一", "一" * 20, "đ", "ư", "ạ",
              "o\u0302\u0301", "a\u0302", "(hǎo)", "hào, ", "我wǒ们mén", "Chữ", "\n", "我 wǒ 们 men", "café", "â"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_ROMANISED), min_size=20, max_size=300).map("".join),
       st.sampled_from(["reading", "syllable"]))
def test_twins_agree_beside_romanised_text(text, verify):
    compiled, python = twins(zhclean.strip_pinyin, text, verify=verify)
    assert compiled == python
    assert zhclean.strip_pinyin(compiled, verify=verify) == compiled


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_twins_agree_on_arbitrary_text(text):
    compiled, python = twins(zhclean.strip_pinyin, text)
    assert compiled == python


@settings(max_examples=300, deadline=None)
@given(texts)
def test_decomposed_text_agrees(text):
    nfd = unicodedata.normalize("NFD", text)
    compiled, python = twins(zhclean.strip_pinyin, nfd)
    assert compiled == python


@settings(max_examples=200, deadline=None)
@given(texts)
def test_only_annotations_are_removed(text):
    """The output is the input with some pieces cut out, never anything added."""
    result = zhclean.strip_pinyin(text)
    it = iter(text)
    assert all(ch in it for ch in result)  # result is a subsequence of text
