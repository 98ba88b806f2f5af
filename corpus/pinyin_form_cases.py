"""The cases of issue 10's forms, written to ``corpus/pinyin/forms_*.jsonl``.

Called by ``generate_pinyin_cases.main`` after the three original files; the
same sources (the gold pages, their sentences and clauses), its own fixed
seed, and the rules as they are (``pinyin_reference.reference_strip``) for
every expectation.  Each case names its ``form``: ``word`` (中心(zhōng
xīn)), ``quote`` (“长大”(zhǎng dà)), ``space-before`` (褚 (chǔ)),
``space-inside`` (故( gù)乡), ``square`` ([jīng]), ``lenticular``
(【jīng】), ``labelled`` (工(拼音:gōng)具), ``zhuyin-lookalike``
(挾(ㄒ一ㄝˊ)帶), ``bare`` (弟dì子zǐ) and ``supplement`` (粳(gēng)米); for
each there are at least as many must-not-change texts as must-change ones
(the generator checks).  Short phrases (glosses, names, jyutping, Latin
words for the mixed text) are written here; the external texts of the
shared corpus are used only at test time, never copied.
"""
from __future__ import annotations

import json
import random
import unicodedata

from corpus.pinyin_writing import ROOT, annotatable, spell, toneless, wrap
from corpus.pinyin_reference import bopomofo, dict_readings, is_han, is_word_char, keys_of, reference_strip

OUT = ROOT / "pinyin"
SEED = 20261010
FORMS = ("word", "quote", "space-before", "space-inside", "square", "lenticular", "labelled", "zhuyin-lookalike",
         "bare", "supplement")
WORD_STYLES = ["marks", "toneless", "digits", "nfd", "lookalike", "zhuyin"]
TONAL_STYLES = ["marks", "digits", "nfd", "zhuyin"]


class FormCases:
    """Cases of one file, each with its form; expectations from the reference."""

    def __init__(self, name: str, mode: str) -> None:
        self.name, self.mode = name, mode
        self.rows: list[dict] = []
        self.disagreements: list[dict] = []
        self.seen: set[str] = set()

    def change(self, form: str, text: str, intended: str, note: str) -> None:
        if text in self.seen:
            return
        self.seen.add(text)
        expected = reference_strip(text, self.mode)
        row = {"input": text, "expected": expected, "mode": self.mode, "form": form, "note": note}
        if self.mode == "syllable":
            row["expected_reading"] = reference_strip(text, "reading")
        if expected != intended:
            row["note"] += " [the reference differs from the construction: see README]"
            self.disagreements.append(row)
        if expected != text:
            self.rows.append(row)
        else:
            self.disagreements.append({**row, "refused": "nothing removed"})

    def keep(self, form: str, text: str, note: str) -> None:
        if text in self.seen:
            return
        self.seen.add(text)
        for mode in ("reading", "syllable") if form == "bare" else ("reading",):
            if reference_strip(text, mode) != text:
                self.disagreements.append({"text": text, "mode": mode, "reference": reference_strip(text, mode),
                                           "form": form, "note": note, "refused": "the reference changes it"})
                return
        self.rows.append({"text": text, "form": form, "note": note})

    def count(self, form: str) -> int:
        return sum(row["form"] == form for row in self.rows)

    def write(self) -> None:
        stem = self.name.split(".")[0]
        with (OUT / self.name).open("w", encoding="utf-8", newline="\n") as stream:
            for k, row in enumerate(self.rows):
                stream.write(json.dumps({"id": f"{stem}-{k:04d}", **row}, ensure_ascii=False) + "\n")


def spots(text: str, size: int, rng: random.Random) -> int | None:
    """A random start of ``size`` annotatable Han characters in a row, or None."""
    found = [j for j in range(len(text) - size + 1) if all(annotatable(c) for c in text[j : j + size])]
    return rng.choice(found) if found else None


def is_marked(reading: str) -> bool:
    return unicodedata.normalize("NFD", reading) != toneless(reading)


def tonal_reading(ch: str, rng: random.Random) -> str | None:
    """A reading of ``ch`` with a tone mark (the loose forms need one), or None."""
    tonal = [r for r in dict_readings(ch) if is_marked(r)]
    return rng.choice(tonal) if tonal else None


def syllables(word: str, style: str, rng: random.Random) -> list[str]:
    return [spell(rng.choice(dict_readings(ch)), style, rng) for ch in word]


def join_run_together(parts: list[str]) -> str:
    """Syllables written together, with an apostrophe before a, o or e as pinyin does."""
    out = parts[0]
    for part in parts[1:]:
        first = unicodedata.normalize("NFD", part)[0].lower()
        out += ("'" if first in "aoeɑ" else "") + part
    return out


def group_of(word: str, style: str, separator: str, rng: random.Random) -> str:
    parts = syllables(word, style, rng)
    if style == "zhuyin":
        return " ".join(parts)
    return join_run_together(parts) if separator == "" else separator.join(parts)


# ---------------------------------------------------------------------------
# word-level groups and quotes
# ---------------------------------------------------------------------------

JYUTPING = [("香港", "hoeng1 gong2"), ("廣東", "gwong2 dung1"), ("你好", "nei5 hou2"), ("粵語", "jyut6 jyu5"),
            ("中心", "zung1 sam1"), ("學生", "hok6 saang1"), ("北京", "bak1 ging1"), ("蜑蚪", "daan6 dau2"),
            ("食飯", "sik6 faan6"), ("唔該", "m4 goi1")]
GLOSS_WORDS = [("成语", "chengyu,idioms"), ("功夫", "gongfu, martial arts"), ("豆腐", "doufu; bean curd"),
               ("饺子", "jiaozi/dumplings"), ("太极", "taiji-quan"), ("风水", "fengshui (geomancy)")]


def word_cases(change: FormCases, keep: FormCases, units, rng: random.Random) -> None:
    for k in range(40):
        where, text = units[rng.randrange(len(units))]
        size = 2 + k % 3
        j = spots(text, size, rng)
        if j is None:
            continue
        style = WORD_STYLES[k % len(WORD_STYLES)]
        separator = [" ", "'", ""][k % 3]
        word = text[j : j + size]
        group = wrap(group_of(word, style, separator, rng), k % 4 == 3)
        built = text[: j + size] + group + text[j + size :]
        change.change("word", built, text, f"gold {where}; the word {word} annotated as one group, style={style}, "
                                           f"separator={separator!r}")
    for text, intended in [("中心(zhōng xīn)", "中心"), ("妈妈(mā ma)", "妈妈"), ("工程(gōng chéng)", "工程"),
                           ("尉遲 (yù chí)", "尉遲"), ("成语(chengyu)", "成语"), ("西安(xī'ān)", "西安"),
                           ("西安(xī’ān)", "西安"), ("一帆风顺(yī fān fēng shùn)", "一帆风顺")]:
        change.change("word", text, intended, "the issue's examples of word-level groups")
    # Not annotations: names as English writes them, jyutping, glosses, misread words.
    for k in range(40):
        where, text = units[rng.randrange(len(units))]
        size = 2 + k % 3
        j = spots(text, size, rng)
        if j is None:
            continue
        word = text[j : j + size]
        kind = k % 4
        if kind == 0:
            parts = [toneless(rng.choice(dict_readings(c))).replace("ü", "u") for c in word]
            inner = join_run_together(parts).capitalize() if k % 8 else " ".join(p.capitalize() for p in parts)
            note = "a capitalised romanisation is a name as English writes it (北京(Beijing))"
        elif kind == 1:
            parts = [spell(rng.choice(dict_readings(c)), "marks", rng) for c in word]
            inner = " ".join(reversed(parts))
            note = "the syllables in the wrong order"
        elif kind == 2:
            parts = [spell(rng.choice(dict_readings(c)), "toneless", rng) for c in word]
            inner = "".join(parts) + rng.choice([", ", ","]) + rng.choice(["idiom", "a phrase", "lit. word", "n."])
            note = "a romanisation followed by an English gloss"
        else:
            parts = [spell(rng.choice(dict_readings(c)), "marks", rng) for c in word[1:]]
            inner = " ".join(parts + [spell("shàng", "marks", rng)])
            note = "one syllable too many, or one that reads no character of the word"
        keep.keep("word", text[: j + size] + "(" + inner + ")" + text[j + size :], f"gold {where}; {note}")
    for word, jyutping in JYUTPING:
        keep.keep("word", f"{word}({jyutping})", "Cantonese jyutping is not Mandarin: kept")
        keep.keep("word", f"讲{word}({jyutping})的时候", "Cantonese jyutping in a sentence")
    for word, gloss in GLOSS_WORDS:
        keep.keep("word", f"{word}({gloss})", "a romanisation with an English gloss is not an annotation")
    for text in ["北京(Beijing)", "中國(Zhongguo)", "西安(Xi'an)", "習近平(Xi Jinping)", "成都(Chengdu)", "相思(1)"]:
        keep.keep("word", text, "names as English writes them, and digits")


def quote_cases(change: FormCases, keep: FormCases, lines, rng: random.Random) -> None:
    quoted = []
    for name, number, line in lines:
        for close in "”」":
            start = 0
            while True:
                end = line.find(close, start)
                if end < 0:
                    break
                begin = line.rfind("“" if close == "”" else "「", 0, end)
                if begin >= 0 and 1 <= end - begin - 1 <= 4 and all(annotatable(c) for c in line[begin + 1 : end]):
                    quoted.append((f"{name[:3]}:{number}", line, begin + 1, end))
                start = end + 1
    for k, (where, line, begin, end) in enumerate(quoted):
        word = line[begin:end]
        style = ["marks", "toneless", "digits", "zhuyin"][k % 4]
        group = wrap(group_of(word, style, " ", rng), k % 3 == 2)
        built = line[: end + 1] + group + line[end + 1 :]
        change.change("quote", built, line, f"gold {where}; the quoted word {word} annotated after its closing quote")
        # The same quote followed by what is not its annotation.
        other = rng.choice(["(Beijing)", "(2020)", "(下同)", "(见附件)", "(ABC)"])
        keep.keep("quote", line[: end + 1] + other + line[end + 1 :],
                  f"gold {where}; {other} after the quoted word {word} is not its annotation")
        wrong = " ".join(spell(rng.choice(dict_readings(c)), "marks", rng) for c in reversed(word))
        head = line[: end + 1] + f"({wrong})"
        if len(word) > 1 and reference_strip(head, "reading") == head:
            keep.keep("quote", line[: end + 1] + f"({wrong})" + line[end + 1 :],
                      f"gold {where}; the quoted word's syllables in the wrong order")
    change.change("quote", "“长大”(zhǎng dà)", "“长大”", "the issue's example")
    for text in ["“长大”(grow up)", "「書」(shu shu)", "“中心”(Zhongxin)", "他说“好”(1)", "“你好”(nei5 hou2)"]:
        keep.keep("quote", text, "after a quote: a gloss, too many syllables, a name, a digit, jyutping")


# ---------------------------------------------------------------------------
# loose forms: a space before the bracket, spaces inside, other brackets
# ---------------------------------------------------------------------------

def loose_cases(change: FormCases, keep: FormCases, units, rng: random.Random) -> None:
    for k in range(36):
        where, text = units[rng.randrange(len(units))]
        size = 1 + k % 4 if k % 3 else 1
        j = spots(text, size, rng)
        if j is None:
            continue
        style = TONAL_STYLES[k % len(TONAL_STYLES)]
        out = text[:j]
        for c in text[j : j + size]:
            out += c + " " + wrap(spell(tonal_reading(c, rng) or rng.choice(dict_readings(c)), style, rng),
                                  k % 5 == 4) + " "
        built = out[:-1] + text[j + size :]
        change.change("space-before", built, text, f"gold {where}; {size} character(s) each followed by a space and "
                                                   f"its tone-marked group, style={style}")
    for text, intended in [("褚 (chǔ)", "褚"), ("單 (shàn)", "單"), ("是 (shi4) 日 (ri4)", "是日"),
                           ("单 (dān) 字 (zì) 标 (biāo) 音 (yīn)", "单字标音")]:
        change.change("space-before", text, intended, "the issue's examples")
    for k in range(44):
        where, text = units[rng.randrange(len(units))]
        j = spots(text, 1, rng)
        c = text[j]
        kind = k % 4
        if kind == 0:
            group = "(" + spell(rng.choice(dict_readings(c)), "toneless", rng) + ")"
            note = "a toneless syllable after a space is not evidence enough (書 (shu))"
        elif kind == 1:
            group = rng.choice(["(pen)", "(book)", "(WHO)", "(2020)", "(下同)", "(記者 張冰)", "(见图)", "(注)"])
            note = "a real parenthetical after a space"
        elif kind == 2:
            group = "(" + rng.choice(["tū", "cáo", "xiào", "mā"]) + ")"
            if reference_strip(c + " " + group, "reading") != c + " " + group:
                continue
            note = "a tone-marked syllable that is not a reading of the character (评 (tu) 论 (cao))"
        else:
            group = "(" + rng.choice(["1", "2", "a", "b", "i", "ii"]) + ")"
            note = "a list marker after a space"
        keep.keep("space-before", text[: j + 1] + " " + group + text[j + 1 :], f"gold {where}; {note}")
    for text in ["评 (tu) 论 (cao)", "书 (shu)", "钢笔 (pen)", "東京 (Tokyo)", "聲 (√)", "头 (兑上面的两点放在左边)"]:
        keep.keep("space-before", text, "the issue's must-not-change forms with a space")

    for k in range(30):
        where, text = units[rng.randrange(len(units))]
        j = spots(text, 1, rng)
        c = text[j]
        style = TONAL_STYLES[k % len(TONAL_STYLES)]
        inner = spell(tonal_reading(c, rng) or rng.choice(dict_readings(c)), style, rng)
        padded = [" " + inner, inner + " ", " " + inner + " "][k % 3]
        built = text[: j + 1] + wrap(padded, k % 4 == 1) + text[j + 1 :]
        change.change("space-inside", built, text, f"gold {where}; spaces inside the bracket, style={style}")
    for text, intended in [("故( gù)乡", "故乡"), ("載( ㄗㄞˋ )", "載")]:
        change.change("space-inside", text, intended, "the issue's examples")
    for k in range(36):
        where, text = units[rng.randrange(len(units))]
        j = spots(text, 1, rng)
        c = text[j]
        inner = [" " + spell(rng.choice(dict_readings(c)), "toneless", rng), " 2020 ", " a ", " 注 ", " ", "  ",
                 " see above", " WHO "][k % 8]
        keep.keep("space-inside", text[: j + 1] + "(" + inner + ")" + text[j + 1 :],
                  f"gold {where}; spaces inside a bracket that holds no tone-marked reading")

    for form, (opener, closer) in (("square", "[]"), ("lenticular", "【】")):
        for k in range(30):
            where, text = units[rng.randrange(len(units))]
            size = 1 if k % 3 else 2
            j = spots(text, size, rng)
            if j is None:
                continue
            word = text[j : j + size]
            if size == 1:
                style = TONAL_STYLES[k % len(TONAL_STYLES)]
                inner = spell(tonal_reading(word, rng) or rng.choice(dict_readings(word)), style, rng)
            else:
                style = WORD_STYLES[k % len(WORD_STYLES)]
                inner = group_of(word, style, " ", rng)
            built = text[: j + size] + opener + inner + closer + text[j + size :]
            change.change(form, built, text, f"gold {where}; {word} annotated in {opener}{closer}, style={style}")
        for k in range(36):
            where, text = units[rng.randrange(len(units))]
            j = spots(text, 1, rng)
            c = text[j]
            inner = [spell(rng.choice(dict_readings(c)), "toneless", rng), "1", "12", "t", "pʰ", "编辑", "註 1",
                     "新闻", "权威发布", "图"][k % 10]
            keep.keep(form, text[: j + 1] + opener + inner + closer + text[j + 1 :],
                      f"gold {where}; {opener}{inner}{closer}: a citation, IPA, a heading or a toneless syllable")
    change.change("square", "粳[jīng]米", "粳米", "the issue's example")
    change.change("lenticular", "粳【jīng】米", "粳米", "the issue's example")
    for text in ["汉字[1]", "聲母[t]", "波[p]", "坡[pʰ]", "【新闻】", "粳[jing]米"]:
        keep.keep("square" if "[" in text else "lenticular", text, "a citation, IPA, a heading, a toneless syllable")


# ---------------------------------------------------------------------------
# labels, zhuyin look-alikes
# ---------------------------------------------------------------------------

LABEL_FORMS = [
    ("(", "拼音:", ")"), ("[", "拼音:", "]"), ("[", "pinyin:", "]"), ("(", "读:", ")"), ("【", "读音:", "】"),
    ("（", "拼音：", "）"), ("(", "讀音:", ")"), ("(", "注音:", ")"), ("[", "Pinyin: ", "]"),
]


def labelled_cases(change: FormCases, keep: FormCases, units, rng: random.Random) -> None:
    for k in range(36):
        where, text = units[rng.randrange(len(units))]
        j = spots(text, 1, rng)
        c = text[j]
        opener, label, closer = LABEL_FORMS[k % len(LABEL_FORMS)]
        style = "zhuyin" if label.startswith("注音") else ["marks", "toneless", "digits"][k % 3]
        built = text[: j + 1] + opener + label + spell(rng.choice(dict_readings(c)), style, rng) + closer + text[j + 1:]
        change.change("labelled", built, text, f"gold {where}; a labelled template {opener}{label}…{closer}")
    for text, intended in [("工(拼音:gōng)具", "工具"), ("人[拼音:rén]物", "人物"), ("下[pinyin:xià]去", "下去"),
                           ("行(读:xíng)", "行"), ("行【读音:xíng】", "行")]:
        change.change("labelled", text, intended, "the issue's examples")
    for k in range(45):
        where, text = units[rng.randrange(len(units))]
        j = spots(text, 1, rng)
        c = text[j]
        opener, label, closer = LABEL_FORMS[k % len(LABEL_FORMS)]
        inner = [label + "abc", label + "书", "拼音输入法", "拼音 " + spell(rng.choice(dict_readings(c)), "marks", rng),
                 "注:见附件", label + "xí 与 xì", "读者来信"][k % 7]
        keep.keep("labelled", text[: j + 1] + opener + inner + closer + text[j + 1 :],
                  f"gold {where}; a label with no reading after it, no colon, or no label")
    for text in ["读音:xí", "拼音是pīn yīn", "(注:同上)"]:
        keep.keep("labelled", text, "the issue's must-not-change forms")


def lookalike_cases(change: FormCases, keep: FormCases, units, rng: random.Random) -> None:
    with_i = [(w, t) for w, t in units if any(annotatable(c) and any("ㄧ" in bopomofo(r) for r in dict_readings(c))
                                              for c in t)]
    for k in range(30):
        where, text = with_i[rng.randrange(len(with_i))]
        j = rng.choice([j for j, c in enumerate(text) if annotatable(c)
                        and any("ㄧ" in bopomofo(r) for r in dict_readings(c))])
        c = text[j]
        reading = rng.choice([r for r in dict_readings(c) if "ㄧ" in bopomofo(r)])
        zhuyin = spell(reading, "zhuyin", rng).replace("ㄧ", "一|丨"[k % 3])
        if not any(0x3105 <= ord(z) <= 0x312F for z in zhuyin):
            continue  # ㄧ alone (with a tone): nothing but the look-alike
        built = text[: j + 1] + wrap(zhuyin, k % 4 == 0) + text[j + 1 :]
        change.change("zhuyin-lookalike", built, text, f"gold {where}; zhuyin with {'一|丨'[k % 3]} for ㄧ")
    change.change("zhuyin-lookalike", "挾(ㄒ一ㄝˊ)帶", "挾帶", "the issue's example")
    for k in range(34):
        where, text = units[rng.randrange(len(units))]
        j = spots(text, 1, rng)
        inner = ["一", "二", "|", "丨", "一一", "ㄅ一ㄅ", "一、二", "丨丨"][k % 8]
        keep.keep("zhuyin-lookalike", text[: j + 1] + "(" + inner + ")" + text[j + 1 :],
                  f"gold {where}; ({inner}) has no real bopomofo letter or spells nothing")
    for text in ["第三节(一)", "又(一)", "条款(|)"]:
        keep.keep("zhuyin-lookalike", text, "a number, a bar")


# ---------------------------------------------------------------------------
# bare ruby, and Chinese-English mixed text
# ---------------------------------------------------------------------------

LATIN_WORDS = ["Python", "App", "Wi-Fi", "iPhone", "Mi", "China", "CEO", "man", "long", "fan", "pin", "she", "he",
               "men", "ping", "pan", "can", "bang", "gang", "café", "naïve", "résumé", "Pokémon", "Beijing", "pīn yīn",
               "Zhōngguó", "OK", "5G", "COVID-19", "PM2.5", "e-mail", "di", "ma", "ren"]


def bare_cases(change: FormCases, keep: FormCases, units, rng: random.Random) -> None:
    def fits(t: str, k: int) -> bool:  # a syllable there would be a whole word, alone
        after = t[k + 1 : k + 2]
        return annotatable(t[k]) and not (after and is_word_char(after)) and after not in "([（【 "

    for k in range(40):
        where, text = units[rng.randrange(len(units))]
        spaced = k % 3 == 0
        candidates = [j for j in range(len(text)) if fits(text, j)]
        if len(candidates) < 2:
            continue
        start = rng.randrange(len(candidates))
        chosen = set(candidates[start : start + 2 + k % 5]) if k % 4 else set(candidates)
        readings = {j: rng.choice(dict_readings(text[j])) for j in sorted(chosen)}
        for j in sorted(chosen):  # each chain (characters in a row) needs a tone mark somewhere
            if j - 1 not in chosen:
                chain = [j]
                while chain[-1] + 1 in chosen:
                    chain.append(chain[-1] + 1)
                if not any(is_marked(readings[i]) for i in chain):
                    tonal = [r for r in dict_readings(text[j]) if is_marked(r)]
                    if tonal:
                        readings[j] = rng.choice(tonal)
        out = []
        for j, c in enumerate(text):
            out.append(c)
            if j in chosen:
                out.append((" " if spaced else "") + readings[j] + (" " if spaced and j + 1 in chosen else ""))
        built = "".join(out)
        change.change("bare", built, text, f"gold {where}; <ruby> flattened with no brackets, spaced={spaced}")
    for text, intended in [("弟dì子zǐ规ɡuī", "弟子规"), ("静 jìng 夜 yè 思 sī", "静夜思"), ("妈mā妈ma", "妈妈")]:
        change.change("bare", text, intended, "the issue's examples")
    # Chinese-English mixed text: Latin words after Han characters of real clauses.
    for k in range(70):
        where, text = units[rng.randrange(len(units))]
        han = [j for j, c in enumerate(text) if is_han(c)]
        out = list(text)
        for j in sorted(rng.sample(han, min(len(han), 1 + k % 3)), reverse=True):
            word = LATIN_WORDS[(k * 7 + j) % len(LATIN_WORDS)]
            out.insert(j + 1, rng.choice(["", " "]) + word + rng.choice(["", " "]))
        keep.keep("bare", "".join(out), f"gold {where}; Chinese-English mixed text: Latin words after Han characters")
    # Toneless readings, one at a time (小米Mi手机): no tone mark, no evidence.
    for k in range(30):
        where, text = units[rng.randrange(len(units))]
        candidates = [j for j in range(len(text)) if fits(text, j)]
        j = rng.choice(candidates)
        reading = toneless(rng.choice(dict_readings(text[j]))).replace("ü", "v")
        keep.keep("bare", text[: j + 1] + reading + text[j + 1 :],
                  f"gold {where}; one toneless reading after its character: a Latin word as far as anyone can tell")
    # Prose about pinyin: 种读zhǒng做名词 (the syllable reads another character).
    for k, c in enumerate("行长重乐还得种都"):
        readings = [r for r in dict_readings(c) if is_marked(r) and toneless(r).replace("ü", "v") not in keys_of("读")]
        for reading in readings[:2]:
            keep.keep("bare", f"“{c}”读{reading}，也可以读别的音", "prose about a reading: 读 does not read so")
            keep.keep("bare", f"{c}字拼作{reading} yīn", "a Latin phrase of several words is never split")
    for text in ["用Python写", "中国China", "小米Mi手机", "的Wi-Fi", "拼音是pīn yīn", "读音:xí", "種讀zhǒng做名詞",
                 "北京Běijīng", "去café喝咖啡"]:
        keep.keep("bare", text, "the issue's must-not-change forms")


def supplement_cases(change: FormCases, keep: FormCases) -> None:
    for text, intended in [("粳(gēng)米", "粳米"), ("粳(geng)米", "粳米"), ("粳米(gēng mǐ)", "粳米"),
                           ("粳(gěng)稻", "粳稻"), ("垃圾(lè sè)", "垃圾"), ("垃(ㄌㄜˋ)圾(ㄙㄜˋ)", "垃圾"),
                           ("垃(lè)圾(sè)", "垃圾"), ("倒垃圾(lèsè)", "倒垃圾")]:
        change.change("supplement", text, intended, "a reading of the reviewed supplement (tools/data/)")
    for text in ["粳(gang)米", "粳(gēn)米", "粳米(rice)", "粳(Japonica)", "垃(lù)圾(sì)", "垃圾(garbage)", "圾(sāi)",
                 "粳米(Geng mi)", "垃圾(Le se)"]:
        keep.keep("supplement", text, "no reading of the character, even with the supplement")


# ---------------------------------------------------------------------------
# syllable mode
# ---------------------------------------------------------------------------

def syllable_cases(cases: FormCases) -> None:
    for text, intended in [("干隆(qián lóng)皇帝", "干隆皇帝"), ("干隆皇帝(qián lóng huáng dì)", "干隆皇帝"),
                           ("拼命 (pàn mìng)", "拼命"), ("叶[shè]公", "叶公"),
                           ("他籲(拼音:xū)了一口氣", "他籲了一口氣"), ("干qián隆lóng皇帝", "干隆皇帝"),
                           ("籲 xū 了 liǎo", "籲了")]:
        cases.change("syllable", text, intended, "annotated, then converted between scripts (see syllable_mode.jsonl)")


def write_form_cases(lines, units) -> dict[str, tuple[int, int]]:
    """Build and write the forms files; return {form: (must change, must not change)}."""
    rng = random.Random(SEED)
    change = FormCases("forms_must_change.jsonl", "reading")
    keep = FormCases("forms_must_not_change.jsonl", "reading")
    word_cases(change, keep, units, rng)
    quote_cases(change, keep, lines, rng)
    loose_cases(change, keep, units, rng)
    labelled_cases(change, keep, units, rng)
    lookalike_cases(change, keep, units, rng)
    bare_cases(change, keep, units, rng)
    supplement_cases(change, keep)
    syllable = FormCases("forms_syllable_mode.jsonl", "syllable")
    syllable_cases(syllable)
    counts = {}
    for form in FORMS:
        counts[form] = (change.count(form), keep.count(form))
        assert counts[form][0] > 0 and counts[form][1] >= counts[form][0], (form, counts[form])
    for cases in (change, keep, syllable):
        cases.write()
        print(f"{cases.name}: {len(cases.rows)} cases, {len(cases.disagreements)} left out or disagreeing")
        for row in cases.disagreements:
            print("  ", json.dumps(row, ensure_ascii=False)[:300])
    joined = "\n".join(row["input"] for row in change.rows)
    assert reference_strip(joined) == "\n".join(row["expected"] for row in change.rows)
    return counts
