"""The annotation rules, one by one, with the text that must NOT change beside them."""
from __future__ import annotations

import unicodedata

import pytest

import zhclean

REMOVED = [
    # toneless, repeated, v for ü: the shapes of sample 004
    ("省(sheng)委(wei)書(shu)(shu)記", "省委書記"),
    ("疫(yi)(yi)(yi)情", "疫情"),
    ("率(lv)", "率"),
    # tone marks (sample 000), precomposed and decomposed
    ("結(jié)束", "結束"),
    ("結(" + unicodedata.normalize("NFD", "jié") + ")束", "結束"),
    ("會(huì)議", "會議"),
    ("女(nǚ)士", "女士"),
    ("女(" + unicodedata.normalize("NFD", "nǚ") + ")士", "女士"),
    ("把(bă)握", "把握"),  # breve standing in for the caron
    # tone digits, ü spelled three ways, any capitalisation
    ("結(jie2)束", "結束"),
    ("女(nü3)", "女"),
    ("女(nu:3)", "女"),
    ("綠(lu:)", "綠"),
    ("書(Shu)", "書"),
    ("書(SHU)", "書"),
    ("書(sHū)", "書"),
    # the Latin look-alikes of pinyin fonts
    ("阿(ɑ)", "阿"),
    ("個(ɡè)", "個"),
    # full-width parentheses
    ("書（shu）記", "書記"),
    ("書（shū）（shū）記", "書記"),
    # a run stops at the first group that is not an annotation
    ("以縣(xian)(xian)(市、區)為單位", "以縣(市、區)為單位"),
    ("以縣(xian)(市、區)為單位", "以縣(市、區)為單位"),
    ("書(shu)(zhong)", "書(zhong)"),
    # the flattener's space between annotated characters
    ("社(she) 會(hui) 變遷", "社會變遷"),
    ("社(she) 會(hui) 變(bian) 遷", "社會變遷"),
    # zhuyin, with tone marks before or after
    ("書(ㄕㄨ)", "書"),
    ("結(ㄐㄧㄝˊ)束", "結束"),
    ("們(˙ㄇㄣ)", "們"),
    ("恩(ㄣ)", "恩"),
    # rare and astral Han, the compatibility block
    ("㐀(qiu)", "㐀"),
    ("〇(líng)", "〇"),
    ("\U00020001(qi)", "\U00020001"),
    ("\uf900(qi)", "\uf900"),  # read as its unified form 豈
    # at the very start and end, before punctuation and newlines
    ("書(shu)", "書"),
    ("書(shu)。\n記(ji)\n", "書。\n記\n"),
    ("啊(a)", "啊"),  # a one-letter syllable that is the character's reading
    # issue 10: word-level groups, read against the characters before them
    ("中心(zhōng xīn)", "中心"),
    ("妈妈(mā ma)", "妈妈"),
    ("工程(gōng chéng)", "工程"),
    ("成语(chengyu)", "成语"),  # run together, split against 成 and 语
    ("西安(xī'ān)", "西安"),
    ("“长大”(zhǎng dà)", "“长大”"),
    ("中(zhōng)心(zhōng xīn)", "中心"),  # the group reads the text as it is output
    # a space before the bracket, spaces inside it
    ("尉遲 (yù chí)", "尉遲"),
    ("褚 (chǔ)", "褚"),
    ("是 (shi4) 日 (ri4)", "是日"),
    ("单 (dān) 字 (zì) 标 (biāo) 音 (yīn)", "单字标音"),
    ("故( gù)乡", "故乡"),
    ("載( ㄗㄞˋ )", "載"),
    # other brackets and labels
    ("粳[jīng]米", "粳米"),
    ("粳【jīng】米", "粳米"),
    ("工(拼音:gōng)具", "工具"),
    ("人[拼音:rén]物", "人物"),
    ("下[pinyin:xià]去", "下去"),
    ("行(读:xing)", "行"),  # a label is evidence enough: no tone needed
    ("行【读音：xíng】", "行"),
    # zhuyin typed with look-alikes of ㄧ
    ("挾(ㄒ一ㄝˊ)帶", "挾帶"),
    ("挾(ㄒ|ㄝˊ)帶", "挾帶"),
    ("挾(ㄒ丨ㄝˊ)帶", "挾帶"),
    # bare ruby
    ("弟dì子zǐ规ɡuī", "弟子规"),
    ("静 jìng 夜 yè 思 sī", "静夜思"),
    ("妈mā妈ma", "妈妈"),  # a neutral tone rides along with its chain
    # the reviewed supplement of readings
    ("粳(geng)米", "粳米"),
    ("垃(ㄌㄜˋ)圾(ㄙㄜˋ)", "垃圾"),
]

KEPT = [
    "(記者 張冰)",
    "(责编:王艳、赵怡)",
    "本報訊(通訊員 瀟湘平)",
    "方案(a)",
    "方案(b)",
    "维生素(e)",
    "北京(Beijing)",
    "世界卫生组织(WHO)",
    "(2020)",
    "2020年(2020)",
    "會議室(B)",
    "ABC(shu)",
    "1(yi)",
    "。(shi)",
    "「(zhong)",
    "書(shu",
    "書shu)",
    "((書",
    "書((shu)",
    "書(shu）",  # mixed widths do not pair
    "書（shu)",
    "書(shu1x)",
    "書(sh1u)",
    "書(:shu)",
    "書(shuu:)",
    "書()",
    "書( )",
    "書( shu)",
    "書(shu )",
    "書 (shu)",
    "書(zhuangzhuang)",
    "漢字(かんじ)",
    "한국어(韓國語)",
    "持續 三項",
    "書(ˊ)",
    "書(ㄕㄨˊˊ)",
    "",
    "書",
    "(",
    ")",
    # issue 10: what is not an annotation stays, byte for byte
    "相思(1)",
    "聲(√)",
    "又()",
    "头(兑上面的两点放在左边)",
    "ou(第一聲)",
    "呀(laughs)",
    "蜑蚪(daan6 dau2)",  # Cantonese jyutping
    "评 (tu) 论 (cao)",  # a pun written as annotation: not readings, and toneless
    "成语(chengyu,idioms)",
    "用Python写",
    "中国China",
    "小米Mi手机",
    "的Wi-Fi",
    "拼音是pīn yīn",
    "读音:xí",
    "中國(Zhongguo)",  # a name as English writes it
    "西安(Xi'an)",
    "書[shu]",  # a loose form needs a tone, zhuyin, a label or two syllables
    "書【shu】",
    "第三节(一)",  # 一 alone is a number, not ㄧ
    "汉字[1]",
    "聲母[t]",
    "種讀zhǒng做名詞",  # prose about a reading
    "北京Běijīng",
    "去café喝咖啡",
    # Hán-Việt readings in Vietnamese text: many are Mandarin syllables too.
    "Chữ Hán: 報 báo, 國 quốc, 家 gia",
    "Âm Hán Việt: 愛 ái, 號 hào, 鮑 bào, 來 lai, 刨 bào.",
    "鮑 bào: họ Bào, cá bào ngư",
    "Từ điển: 號 hào (hiệu), 報 báo (tin)",
    "Chữ Nôm ghi 愛 ái",
    # A pinyin syllable no character owns beside a bare reading: a
    # dictionary's readings.
    "好 hǎo, hào",
    "好 hǎo/hào",
    "長 cháng, zhǎng",
    "行 xíng; háng",
    "hào, 好 hǎo",
]


# Syllables, but not readings of the character before them: kept by the
# default mode; syllable mode removes them (see the syllable-mode test).
KEPT_BY_READING = ["钢笔(pen)", "書(zhong)", "中(shu)", "書(ㄓㄨㄥ)"]


@pytest.mark.parametrize(("text", "expected"), REMOVED)
def test_annotation_is_removed(text, expected):
    assert zhclean.strip_pinyin(text) == expected


@pytest.mark.parametrize(("text", "expected"), REMOVED)
def test_removal_is_idempotent(text, expected):
    once = zhclean.strip_pinyin(text)
    assert zhclean.strip_pinyin(once) == once


@pytest.mark.parametrize("text", KEPT)
@pytest.mark.parametrize("verify", ["reading", "syllable"])
def test_real_text_is_returned_as_the_same_object(text, verify):
    assert zhclean.strip_pinyin(text, verify=verify) is text


@pytest.mark.parametrize("text", KEPT_BY_READING)
def test_non_readings_are_kept_by_default(text):
    assert zhclean.strip_pinyin(text) is text


def test_space_after_a_single_annotation_is_the_texts_own():
    # Sample 000: 持續(xù) 三項 -> 持續 三項 (the gold keeps that space).
    assert zhclean.strip_pinyin("持續(xù) 三項") == "持續 三項"
    assert zhclean.strip_pinyin("社(she) 會") == "社 會"
    assert zhclean.strip_pinyin("書(shu) abc") == "書 abc"
    assert zhclean.strip_pinyin("書(shu) (shu)") == "書 (shu)"


def test_space_before_a_following_annotation_goes():
    assert zhclean.strip_pinyin("書(shu) 記(ji)") == "書記"


def test_syllable_mode_removes_syllables_that_are_not_readings():
    assert zhclean.strip_pinyin("書(zhong)", verify="syllable") == "書"
    assert zhclean.strip_pinyin("钢笔(pen)", verify="syllable") == "钢笔"
    assert zhclean.strip_pinyin("书(shū)(zhōng)", verify="syllable") == "书"
    assert zhclean.strip_pinyin("书(ㄓㄨㄥ)", verify="syllable") == "书"
    # A bare toneless letter is a list marker or a vitamin, not a reading.
    assert zhclean.strip_pinyin("方案(a)", verify="syllable") == "方案(a)"
    assert zhclean.strip_pinyin("方案(ā)", verify="syllable") == "方案"
    # Not syllables at all:
    for text in ("北京(Beijing)", "會議室(B)", "書(xyz)"):
        assert zhclean.strip_pinyin(text, verify="syllable") is text


def test_clean_text_is_returned_itself():
    text = "2月19日下午,省委書記李錦斌主持召開會議(記者 張冰)。" * 100
    assert zhclean.strip_pinyin(text) is text
    latin = "café (shu) naïve" * 10
    assert zhclean.strip_pinyin(latin) is latin


def test_str_subclass_is_accepted():
    class Text(str):
        pass

    assert zhclean.strip_pinyin(Text("書(shu)")) == "書"
    assert type(zhclean.strip_pinyin(Text("書(shu)"))) is str


@pytest.mark.parametrize("bad", [b"\xe6\x9b\xb8(shu)", bytearray(b"x"), None, 3, ["書(shu)"]])
def test_non_str_input_says_what_to_pass(bad):
    with pytest.raises(TypeError, match=r"expects str, not .*decode"):
        zhclean.strip_pinyin(bad)


def test_unknown_verify_mode_is_an_error():
    with pytest.raises(ValueError, match="verify must be"):
        zhclean.strip_pinyin("書(shu)", verify="strict")
    with pytest.raises(TypeError):
        zhclean.strip_pinyin("書(shu)", "reading")  # keyword-only


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\ud800書(shu)\udfff", "\ud800書\udfff"),
        ("\x00書(shu)\x00", "\x00書\x00"),
        ("😀書(shu)😀", "😀書😀"),
        ("\U0010ffff書(shu)", "\U0010ffff書"),
        ("書(\ud800)", "書(\ud800)"),
        ("書(shu\x00)", "書(shu\x00)"),
    ],
)
def test_any_str_is_valid_input(text, expected):
    assert zhclean.strip_pinyin(text) == expected


def test_all_storage_widths():
    # 1-byte (Latin-1), 2-byte (BMP) and 4-byte (astral) strings.
    assert zhclean.strip_pinyin("abc(shu)") == "abc(shu)"
    assert zhclean.strip_pinyin("書(shu)é") == "書é"
    assert zhclean.strip_pinyin("書(shu)\U00020000") == "書\U00020000"
    result = zhclean.strip_pinyin("\U00020000書(shu)")
    assert result == "\U00020000書" and len(result) == 2


def test_a_bare_syllable_needs_a_tone_mark_in_its_chain():
    # Known limit (README): text with no bracket and no tone mark costs one
    # vector scan, so a toneless bare chain is never looked at.
    assert zhclean.strip_pinyin("弟di子zi规gui") == "弟di子zi规gui"
    assert zhclean.strip_pinyin("你ni好hǎo") == "你好"  # one tone mark carries the chain
    assert zhclean.strip_pinyin("弟dì子zǐ规ɡuī 李白") == "弟子规 李白"


def test_a_bare_syllable_is_a_whole_latin_word_alone():
    assert zhclean.strip_pinyin("的dìa") == "的dìa"  # not a syllable
    assert zhclean.strip_pinyin("是shì-ok") == "是shì-ok"  # part of a longer word
    assert zhclean.strip_pinyin("是shì ok") == "是shì ok"  # followed by another Latin word
    assert zhclean.strip_pinyin("是shì(是)") == "是shì(是)"  # followed by a bracket
    assert zhclean.strip_pinyin("是Shì") == "是Shì"  # capitalised
    assert zhclean.strip_pinyin("是shì，") == "是，"


def test_vietnamese_readings_are_kept_only_beside_vietnamese():
    # tables.VIETNAMESE_WINDOW: a Vietnamese letter within 48 code units of the chain.
    assert zhclean.strip_pinyin("報 báo, 國 quốc") == "報 báo, 國 quốc"
    assert zhclean.strip_pinyin("報 báo") == "報"
    far = "報 báo，" + "一" * 47 + "ơi"  # ơ 48 code units after the chain
    assert zhclean.strip_pinyin(far) == "報，" + "一" * 47 + "ơi"
    near = "報 báo，" + "一" * 46 + "ơi"
    assert zhclean.strip_pinyin(near) == near
    # Decomposed: ố as o, a circumflex and a tone mark (ê is pinyin's, â Portuguese too).
    nfd = unicodedata.normalize("NFD", "國 quốc, 報 báo, 人 nhân")
    assert zhclean.strip_pinyin(nfd) == nfd
    at_edge = "報 báo，" + "一" * 46 + unicodedata.normalize("NFD", "ố")  # its base 48 code units on
    assert zhclean.strip_pinyin(at_edge) == at_edge
    # Known limit: Vietnamese with no letter only it writes, and Korean's
    # McCune-Reischauer, read as pinyin where a syllable reads its character
    # (報 báo alone; after hóa, a word that is no syllable, it is prose).
    assert zhclean.strip_pinyin("報 báo") == "報"
    assert zhclean.strip_pinyin("化 hóa 報 báo") == "化 hóa 報 báo"
    assert zhclean.strip_pinyin(unicodedata.normalize("NFD", "欸 ế")) == "欸"
    # Brackets are evidence enough: a pinyin group is removed in any text.
    assert zhclean.strip_pinyin("Chữ 報(bào) nghĩa là") == "Chữ 報 nghĩa là"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pokémon 宝bǎo可kě梦mèng", "Pokémon 宝可梦"),
        ("咖kā啡fēi, café", "咖啡, café"),
        ("我wǒ爱ài, José", "我爱, José"),
        ("résumé 简jiǎn历lì", "résumé 简历"),
        ("São Paulo 圣shèng保bǎo罗luó", "São Paulo 圣保罗"),
        ("Hôtel\n静 jìng 夜 yè 思 sī", "Hôtel\n静夜思"),
        ("静 jìng 夜 yè 思 sī\nâ€™", "静夜思\nâ€™"),
        # Letters Vietnamese shares with other languages: Croatian đ, Yoruba ọ, a dot below.
        ("Novak Đoković 德dé约yuē科kē维wéi奇qí", "Novak Đoković 德约科维奇"),
        ("Yoruba ọmọ 你nǐ好hǎo", "Yoruba ọmọ 你好"),
        ("Zalgo ạ 好hǎo", "Zalgo ạ 好"),
        # A learner's page: pinyin alone, then ruby (a space is no separator); French à.
        ("mā 妈mā 妈mā 麻má 马mǎ 骂mà 你nǐ 好hǎo", "mā 妈妈麻马骂你好"),
        ("Nǐ hǎo 你nǐ好hǎo", "Nǐ hǎo 你好"),
        ("你nǐ好hǎo, à bientôt", "你好, à bientôt"),
    ],
)
def test_european_words_beside_ruby_are_no_romanised_text(text, expected):
    # A tone-marked word that is no syllable, and â ô ã õ, are European too.
    assert zhclean.strip_pinyin(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English about Chinese: a character glossed with its reading, after
        # a space, in prose (pypinyin's documentation: For 不 bù: had lost bù).
        ("For 不 bù:", "For 不 bù:"),
        ("        For 一 yī:", "        For 一 yī:"),
        ("Characters like 好 hǎo, 人 rén and 大 dà are easy.", "Characters like 好 hǎo, 人 rén and 大 dà are easy."),
        ("Write 中 zhōng and 国 guó.", "Write 中 zhōng and 国 guó."),
        # Flattened ruby in the same prose: no space between the two, or a
        # reading before the character, or a line of its own.
        ("Characters like 好hǎo, 人rén", "Characters like 好, 人"),
        ("Lesson 1: 你 nǐ 好 hǎo", "Lesson 1: 你好"),
        ("mā 妈 mā 麻 má", "mā 妈麻"),
        ("Title\n静 jìng 夜 yè", "Title\n静夜"),
        ("書 shū。", "書。"),
    ],
)
def test_a_reading_glossed_in_latin_prose_stays(text, expected):
    assert zhclean.strip_pinyin(text) == expected


def test_a_neighbour_that_is_flattened_ruby_too_does_not_keep_a_chain():
    # Chains side by side across a mark, a removed group beside a syllable,
    # a member whose reading the table lacks (籲 xū): ruby, all of it.
    assert zhclean.strip_pinyin("你nǐ好hǎo，我wǒ叫jiào") == "你好，我叫"
    assert zhclean.strip_pinyin("我wǒ们mén，你nǐ") == "我们，你"
    assert zhclean.strip_pinyin("籲 xū 了 liǎo") == "籲 xū 了"
    once = zhclean.strip_pinyin("们ê 、好(hǎo)wǒ；我wǒ了们")
    assert zhclean.strip_pinyin(once) == once


@pytest.mark.parametrize("text", ["钙(Ca)的", "铜(Cu)", "硅(Si)", "镍(Ni)", "氦(He)", "钡(Ba)", "钼(Mo)", "鎦(Lu)"])
def test_a_capital_with_no_tone_is_a_reading_or_nothing_in_syllable_mode_too(text):
    # Elements' symbols are syllables, but not readings of their characters.
    assert zhclean.strip_pinyin(text, verify="syllable") == text
    assert zhclean.strip_pinyin("省（Sheng）委（Wei）", verify="syllable") == "省委"
    assert zhclean.strip_pinyin("干隆(qián lóng)", verify="syllable") == "干隆"


def test_syllable_mode_in_the_new_forms():
    # 干 after conversion from 乾 (qián): any syllable in syllable mode.
    assert zhclean.strip_pinyin("干隆(qián lóng)", verify="syllable") == "干隆"
    assert zhclean.strip_pinyin("干隆(qián lóng)") == "干隆(qián lóng)"
    assert zhclean.strip_pinyin("干 (qián)", verify="syllable") == "干"
    # A bare chain goes when one member is a tone-marked reading; the others need only be syllables.
    assert zhclean.strip_pinyin("干qián隆lóng", verify="syllable") == "干隆"
    assert zhclean.strip_pinyin("干qián隆lóng") == "干qián隆"
    assert zhclean.strip_pinyin("種讀zhǒng做", verify="syllable") == "種讀zhǒng做"
    assert zhclean.strip_pinyin("北京(Beijing)", verify="syllable") == "北京(Beijing)"
