"""The package against the generators' reference, on random text.

``corpus/pinyin_reference.py`` transcribes the rules independently of the
package (a streaming reading of the input against the output written so far,
where the loops jump from trigger to trigger and walk chains back); every
generated case already agrees with it.  This checks the two on text nobody
wrote.  It needs pypinyin (``pip install '.[tables]'``) and skips without it.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhclean

pytest.importorskip("pypinyin")
from corpus.pinyin_reference import reference_strip  # noqa: E402  (needs pypinyin)

_PIECES = list(
    "中心妈成语长大西安褚是日单字标音故乡粳米人下行弟子规静夜思書記社會一女綠嗯啊〇"
    " \n\t,。、：:'’\"”」』123456ˊˇˋ˙ˉㄓㄨㄥㄒㄧㄣㄕㄝㄚ|丨"
    "\u0301\u0304\u030c\u0300\u0308\u0302\u0306ɑɡüǘǚǜāáǎàēéěèīíǐìōóǒòūúǔùńḿêABCabcxyzMPi-_"
) + [
    "\U00020001", "\uf900", "(", ")", "（", "）", "[", "]", "【", "】", "拼音:", "读:", "讀音：", "Pinyin:",
    "zhōng", "xīn", "zhong", "xin", "mā", "ma", "nǚ", "lu:", "lv", "dì", "zǐ", "jìng", "yè", "sī", "shū", "shu",
    "(zhōng xīn)", "(shū)", "(shu)", "[jīng]", "(ㄕㄨ)", "Python", "Mi", "chengyu", "Chengyu", "gù", "a", "e", "an",
    "xian", "Xī'ān", "ēn",
]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.characters(max_codepoint=0x3200)), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.sampled_from(["reading", "syllable"]), st.booleans())
def test_the_package_follows_the_reference(text, verify, decomposed):
    if decomposed:
        text = unicodedata.normalize("NFD", text)
    assert zhclean.strip_pinyin(text, verify=verify) == reference_strip(text, verify)
