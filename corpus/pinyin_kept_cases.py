"""The original must-not-change and syllable-mode cases of ``corpus/pinyin/``.

Part of ``generate_pinyin_cases`` (which calls these builders, in its order
and with its random generator, so the files stay byte for byte): real text,
real parentheticals and phrases written for these files that are not
annotations (``must_not_change.jsonl``), and what ``verify="syllable"`` adds
(``syllable_mode.jsonl``).  Expectations by the rules before issue 10
(``pinyin_reference.legacy_strip``).
"""
from __future__ import annotations

import random
import re

from corpus.pinyin_reference import (
    ALL_PINYIN,
    ALL_READINGS,
    dict_readings,
    group_passes,
    is_han,
    pinyin_key,
    reading_keys,
)
from corpus.pinyin_reference import legacy_strip as reference_strip
from corpus.pinyin_writing import SAMPLES, STYLES, annotatable, read, spell, wrap



GLOSSES = [
    ("钢笔", "pen"), ("男人", "man"), ("风扇", "fan"), ("乐队", "band"), ("长", "long"), ("龙", "long"),
    ("北京", "Beijing"), ("上海", "Shanghai"), ("世界卫生组织", "WHO"), ("熊猫", "panda"), ("茶", "tea"),
    ("书", "book"), ("猫", "cat"), ("门", "door"), ("山", "mountain"), ("水", "water"), ("他", "he"),
    ("她", "she"), ("我", "me"), ("平底锅", "pan"), ("禁令", "ban"), ("罐头", "can"), ("帮派", "gang"),
    ("悬挂", "hang"), ("太阳", "sun"), ("母鸡", "hen"), ("巢穴", "den"), ("领带", "tie"), ("谎言", "lie"),
    ("死", "die"), ("馅饼", "pie"), ("垃圾桶", "bin"), ("别针", "pin"), ("锣", "gong"), ("禅", "zen"),
    ("人民币", "yuan"), ("元", "yuan"), ("日元", "yen"), ("妈妈", "ma"), ("爸爸", "pa"), ("乒乓球", "ping-pong"),
    ("乒", "ping"), ("阴", "yin"), ("阳", "yang"), ("气", "qi"), ("道", "tao"), ("唱", "sang"), ("他们", "men"),
    ("棕褐色", "tan"), ("苍白", "wan"), ("沼泽", "fen"), ("功夫", "kung fu"), ("豆腐", "tofu"), ("台风", "typhoon"),
    ("饺子", "dumpling"), ("面条", "noodle"), ("米饭", "rice"), ("狗", "dog"), ("马", "horse"), ("鱼", "fish"),
    ("雨", "rain"), ("火", "fire"), ("树", "tree"), ("船", "boat"), ("路", "road"), ("河", "river"), ("海", "sea"),
    ("星", "star"), ("手", "hand"), ("头", "head"), ("眼", "eye"), ("胖", "fat"), ("热", "hot"), ("新", "new"),
    ("买", "buy"), ("卖", "sell"), ("床", "bed"), ("手机", "phone"), ("网络", "net"), ("游戏", "game"),
    ("新闻", "news"), ("口罩", "mask"), ("核酸", "nucleic acid"), ("冠状病毒", "coronavirus"),
    ("新冠肺炎", "COVID-19"), ("人工智能", "AI"), ("国内生产总值", "GDP"), ("首席执行官", "CEO"),
    ("应用程序", "App"), ("计算机断层扫描", "CT"), ("世界贸易组织", "WTO"), ("联合国", "UN"), ("长城", "Great Wall"),
    ("男孩", "boy"), ("风", "wind"), ("女", "woman"), ("帮", "bang"), ("段位", "dan"), ("本", "ben"),
    ("书记", "Secretary"), ("乐", "le"), ("鹅", "e"), ("阿", "a"),
]
GLOSS_FRAMES = ["{w}({g})", "这是{w}({g})。", "我们买了{w}（{g}）和别的东西", "所谓{w}({g}),就是", "{w}({g}) 和{w}"]

LIST_MARKERS = [
    "方案(a)", "方案(b)", "方案(c)", "方案(A)", "維生素(e)", "维生素(E)", "會議室(B)", "會議室(C)", "第一條(i)",
    "附件(ii)", "條款(iv)", "步驟(d)", "選項(f)", "表格(x)", "圖(1)", "圖(2)", "圖（3）", "第三節(三)",
    "情形(o)", "情形(m)", "類別(n)",
]
NOTES = [
    "(記者 張冰)", "(记者 张冰)", "(通訊員 瀟湘平)", "(通讯员 李华)", "(通讯员 王伟 记者 刘洋)",
    "(责编:王艳、赵怡)", "(責編:何璐)", "(编辑:何璐)", "(2020)", "(2020年)", "(2022年3月)", "(下同)",
    "(見圖)", "(见图)", "(以下简称\"协会\")", "(以下簡稱「協會」)", "(試行)", "(草案)", "(含稅)", "(市、區)",
    "(縣、市、區)", "(WHO)", "(GDP)", "(CT)", "(APP)", "(COVID-19)", "(1+1+1)", "(注)", "(附件一)",
    "（記者 王明）", "（记者 王明）", "（下同）", "（2020年）", "（草案）", "（完）", "(完)", "(圖/新華社)",
    "(一)", "(二)", "(1)", "(ⅰ)",
]
NON_HAN_BEFORE = [
    "ABC(shu)", "1(yi)", "。(shi)", "「(zhong)", "」(le)", ",(shi)", "、(he)", "“(de)", "”(le)", "!(a)",
    "2020(nian)", "APP(shi)", "CT(cha)", "ａ(shu)", "１(yi)", "の(de)", "한(han)", "ㄕ(shu)", "·(zhong)",
    "—(yi)", "…(de)", "》(shu)", "〈(zhong)〉", " (shu)", "\u00a0(shu)",
    "\u3000(shu)", "\n(shu)", "(shu)書", "(shū)", "(ㄕㄨ)", "書 (shu)", "書\u3000(shu)", "書\n(shu)",
]
MALFORMED = [
    "書(shu", "書shu)", "((書", "書((shu)", "書(shu）", "書（shu)", "書（shu", "書(", "書（", "書()", "書（）",
    "書( )", "書( shu)", "書(shu )", "書(sh u)", "書(shu\n)", "書(\tshu)", "書(shu6)", "書(6)", "書(sh1u)",
    "書(1shu)", "書(shu12)", "書(shuu)", "書(s-hu)", "書(shu-shu)", "書(shu shu)", "書(shu,shu)", "書(shu/shū)",
    "書(ｓｈｕ)", "書(ＳＨＵ)", "書[shu]", "書{shu}", "書<shu>", "書【shu】", "書〔shu〕", "書(ˊ)", "書(ㄅㄆㄇ)",
    "書(ㄕㄨ ㄕㄨ)", "書(（shu）)", "書（(shu)）", "書(ʃu)",
]
JAPANESE = [
    "漢字(かんじ)", "東京(とうきょう)", "日本語(にほんご)", "振り仮名(ふりがな)", "東京(Tokyo)", "大阪(Osaka)",
    "京都(Kyoto)", "漢字(kanji)", "日本(Nihon)", "先生(せんせい)が来た", "新聞(しんぶん)を読む", "日(ni)",
    "人(jin)", "山(yama)", "会議(かいぎ)に出席(しゅっせき)する", "東京（とうきょう）",
]
KOREAN = [
    "한국어(韓國語)", "대한민국(大韓民國)", "서울(Seoul)", "김치(kimchi)", "韓國(한국)", "金(김)",
    "朴(Park)", "金(Kim)", "학교(學校)에 간다", "漢字(한자)",
]
MULTI_SYLLABLE = [
    "中國(Zhongguo)", "中国(zhōngguó)", "西安(Xi'an)", "北京(Běijīng)", "書記(shuji)", "會議(hui yi)",
    "成都(Chengdu)", "重慶(Chongqing)", "永州(Yongzhou)", "習近平(Xi Jinping)", "書(shushu)",
]


def not_a_reading(ch: str, rng: random.Random) -> str:
    """A tone-marked reading of some other character that is no reading of ``ch``."""
    while True:
        reading = rng.choice(ALL_READINGS)
        key = pinyin_key(reading)[0]
        if key not in reading_keys(ch) and len(key) > 1:
            return reading


def must_not_change(cases, lines, sents, units, rng: random.Random) -> dict[str, int]:
    counts: dict[str, int] = {}

    def add(text: str, note: str, family: str) -> None:
        if cases.keep(text, note):
            counts[family] = counts.get(family, 0) + 1

    for path in sorted((SAMPLES / "gold").glob("*.txt")):
        add(read(path), f"gold page {path.name}, whole", "real pages")
    for name, number, line in lines:
        also = " (= seed 003 line, which has no annotations)" if name.startswith("003") else ""
        add(line, f"gold {name} line {number}{also}", "real lines")
    seen = {line for _, _, line in lines}
    for where, text in sents:
        if text not in seen:
            seen.add(text)
            add(text, f"gold {where}, one sentence", "real sentences")
    # Genuine parentheticals right after a Han character of real text.
    for k, paren in enumerate(NOTES * 4):
        where, text = units[(k * 13) % len(units)]
        spots = [j for j, ch in enumerate(text) if is_han(ch)]
        for attempt in range(20):
            # Half of them where such notes usually sit, after the clause's last character.
            spot = spots[-1] if k % 2 == 0 and attempt == 0 else rng.choice(spots)
            built = text[: spot + 1] + paren + text[spot + 1 :]
            if reference_strip(built) == built and built not in seen:
                seen.add(built)
                add(built, f"gold {where} with the real parenthetical {paren} after {text[spot]}", "parenthetical notes")
                break
    # English glosses, kept only when the word is no reading of the character before it.
    for k, (word, gloss) in enumerate(GLOSSES):
        last = word[-1]
        parsed = pinyin_key(gloss)
        if parsed and parsed[0] in reading_keys(last):
            print(f"  gloss left out: {word}({gloss}) -- {gloss!r} is a reading of {last} in pypinyin")
            continue
        is_syllable = bool(parsed) and parsed[0] in ALL_PINYIN
        frames = GLOSS_FRAMES[k % len(GLOSS_FRAMES) : k % len(GLOSS_FRAMES) + (2 if is_syllable else 1)]
        for frame in frames:
            note = (f"English gloss {gloss!r} after {last}, not a reading of it"
                    + (" (though a Mandarin syllable)" if is_syllable else ""))
            add(frame.format(w=word, g=gloss), note, "English glosses")
    for k, marker in enumerate(LIST_MARKERS):
        where, text = units[(k * 29) % len(units)]
        add(marker, "list marker after a Han character", "list markers")
        add(text + marker + "的內容", f"gold {where} followed by a list marker", "list markers")
    for text in NON_HAN_BEFORE:
        add(text, "syllable-looking group after a non-Han character (or at the start)", "non-Han before")
    add("々(shu)", "U+3005 iteration mark: Script=Han, but outside the ideograph blocks and without a reading",
        "non-Han before")
    add("\ue815(yè)", "U+E815 private-use code point: pypinyin has a reading for it, but it is not a Han "
        "character", "non-Han before")
    for text in MALFORMED:
        add(text, "unbalanced, mismatched or malformed parentheses / group content", "malformed")
    for text in JAPANESE:
        add(text, "Japanese furigana / romaji in parentheses", "Japanese")
    for text in KOREAN:
        add(text, "Korean with parentheses", "Korean")
    for text in MULTI_SYLLABLE:
        add(text, "more than one syllable in one group is not an annotation group", "multi-syllable")
    # Pinyin / zhuyin that is not a reading of the character before it.
    for text in ["書(zhong)", "中(shu)", "書(ㄓㄨㄥ)", "中(ㄕㄨ)", "長(long)", "會(shu)", "疫(qing)", "行(xin)"]:
        add(text, "a syllable that is not a reading of the character before it", "not a reading")
    for k in range(80):
        where, text = units[(k * 17 + 5) % len(units)]
        spots = [j for j, ch in enumerate(text) if annotatable(ch)]
        spot = rng.choice(spots)
        ch = text[spot]
        style = STYLES[k % len(STYLES)]
        group = wrap(spell(not_a_reading(ch, rng), style, rng), k % 4 == 0)
        built = text[: spot + 1] + group + text[spot + 1 :]
        if built not in seen:
            seen.add(built)
            add(built, f"gold {where}; {group} after {ch} is not one of its readings, style={style}", "not a reading")
    # Characters with no reading in pypinyin.
    for text, note in [
        ("\U0002A6D6(shu)", "U+2A6D6 (Extension B) has no pypinyin reading"),
        ("\U0002A6D6(zhong)", "U+2A6D6 (Extension B) has no pypinyin reading"),
        ("\uf900(zhong)", "U+F900 compatibility ideograph reads as U+8C48 (qi/kai), not zhong"),
        ("\U00020000(zhong)", "U+20000 𠀀 reads he, not zhong"),
    ]:
        add(text, note, "no reading")
    return counts


# ---------------------------------------------------------------------------
# syllable mode
# ---------------------------------------------------------------------------

# Text annotated first and converted between scripts afterwards: the
# annotation splits the phrase, so the converter maps the character alone and
# the reading no longer belongs to it.  The converted strings are what OpenCC
# 1.4.2 (Apache-2.0) gives with its t2s / s2t configurations, written down here
# once so that the generator does not depend on it; only the groups that lost
# their reading are kept, so the default mode leaves every input unchanged.
CONVERTED = [
    ("乾(qián)隆皇帝", "干(qián)隆皇帝", "t2s 乾->干 (as a phrase, 乾隆 stays 乾隆)"),
    ("乾(qián)坤", "干(qián)坤", "t2s 乾->干"),
    ("乾(qián)隆年間", "干(qián)隆年间", "t2s 乾->干"),
    ("他吁(xū)了一口气", "他籲(xū)了一口氣", "s2t 吁->籲, which reads yu only"),
    ("气喘吁(xū)吁(xū)", "氣喘籲(xū)籲(xū)", "s2t 吁->籲"),
    ("拚(pàn)命", "拼(pàn)命", "t2s 拚->拼, which reads pin/bing"),
    ("葉(shè)公好龍", "叶(shè)公好龙", "t2s 葉->叶 (葉 read she in 葉公; 叶 has ye/xie)"),
]


def syllable_cases(cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    def add(text: str, intended: str, note: str) -> None:
        assert reference_strip(text, "reading") == text, f"reading mode changes {text!r}"
        cases.change(text, intended, note)

    strip_groups = lambda s: re.sub(r"[(（][^()（）]*[)）]", "", s)  # noqa: E731
    for before, after, why in CONVERTED:
        assert reference_strip(before, "reading") == strip_groups(before), before
        add(after, strip_groups(after), f"annotated, then converted: {before} -> {after} ({why})")
    # Misaligned ruby: every group is the next character's reading.  Groups
    # that happen to be readings of the character they follow are left out
    # (the default mode would take them).
    for k in range(12):
        where, text = units[(k * 31 + 3) % len(units)]
        han = [j for j, ch in enumerate(text) if annotatable(ch)]
        style = ["marks", "toneless", "digits", "zhuyin"][k % 4]
        out, intended = [], []
        for j, ch in enumerate(text):
            out.append(ch)
            intended.append(ch)
            if j not in han or han.index(j) + 1 == len(han):
                continue
            nxt = text[han[han.index(j) + 1]]
            group = wrap(spell(rng.choice(dict_readings(nxt)), style, rng), k % 3 == 0)
            if group_passes(group[1:-1], ch, "reading"):
                continue
            out.append(group)
            key = pinyin_key(group[1:-1])
            if key and not key[1] and len(key[0]) == 1:
                intended.append(group)  # a bare toneless letter stays unless it is a reading
        add("".join(out), "".join(intended),
            f"gold {where}; ruby misaligned by one character (each group is the next character's reading), "
            f"style={style}")
    removed = [
        ("钢笔(pen)", "钢笔", "English word that is a Mandarin syllable: removed in syllable mode (kept in reading mode)"),
        ("男人(man)", "男人", "English 'man' is a syllable: removed"),
        ("风扇(fan)", "风扇", "English 'fan' is a syllable: removed"),
        ("长(long)", "长", "'long' is a syllable, not a reading of 长: removed"),
        ("他(he)和她(she)", "他和她", "'he' and 'she' are syllables: removed"),
        ("日(ni)", "日", "romaji 'ni' is a Mandarin syllable: removed in syllable mode"),
        ("書(zhong)", "書", "a syllable that is not a reading: removed"),
        ("中(Shū)", "中", "a syllable that is not a reading: removed"),
        ("書(ㄓㄨㄥ)", "書", "a zhuyin syllable that is not a reading: removed"),
        ("書(zhōng)(ㄓㄨㄥ)記", "書記", "a run of syllables; neither needs to be a reading"),
        ("方案(ā)", "方案", "a tone-marked single letter has a tone: removed (the exception is for toneless letters)"),
        ("方案(a1)", "方案", "a single letter with a tone digit: removed (the exception is for toneless letters)"),
        ("以縣(shi)(shi)(市、區)為單位", "以縣(市、區)為單位", "the run stops at the first group that is not a syllable"),
        ("方案(fang)(a)", "方案(a)", "run: 'fang' goes, the bare letter (a) stops it"),
        ("社(zhong) 會(shu) 變遷", "社會變遷", "a chain of spaced annotations, none a reading"),
        ("社(zhong) 會變遷", "社 會變遷", "a space before an unannotated character stays"),
    ]
    for text, intended, note in removed:
        add(text, intended, note)
    stays = [
        ("方案(a)", "a bare toneless letter that is not a reading: a list marker, kept in every mode"),
        ("方案(A)", "a capital list marker"), ("維生素(e)", "list marker / vitamin letter"),
        ("會議室(B)", "not a syllable"),
        ("尺寸(m)", "bare 'm' (a syllable, of 呣) is not a reading of 寸"),
        ("類別(n)", "bare 'n' is not a reading of 別"), ("情形(o)", "bare 'o' is not a reading of 形"),
        ("北京(Beijing)", "two syllables: not a group"), ("乐队(band)", "not a syllable"),
        ("世界卫生组织(WHO)", "not a syllable"), ("(2020)", "digits"),
        ("各县区负责同志列席会议。 (记者 张冰)", "byline"), ("(责编:王艳、赵怡)", "editor credit"),
        ("ABC(shu)", "after a non-Han character"), ("1(yi)", "after a digit"), ("。(shi)", "after punctuation"),
        ("書(shu", "unbalanced"), ("書(shu）", "mismatched widths"), ("漢字(かんじ)", "Japanese furigana"),
        ("한(han)", "after Hangul"), ("書(ｓｈｕ)", "full-width letters are not pinyin"),
        ("書(ㄅㄆㄇ)", "zhuyin letters that spell no syllable"), ("書(shu6)", "tone digit out of range"),
    ]
    for text, note in stays:
        add(text, text, "kept in syllable mode too: " + note)
