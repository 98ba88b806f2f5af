"""Write ``corpus/multilingual/<lang>.jsonl``: correct text in many languages that
a mojibake repairer must leave exactly as it is.

Source of the non-Chinese lines: the human translations shipped in Django's
wheel (``django/**/locale/<lang>/LC_MESSAGES/*.mo``; BSD-3-Clause, "distributed
under the same license as the Django package"), read with the standard
library's ``gettext``.  A translation is kept when it has no placeholder or
markup (``%``, ``{``, ``}``, ``<``, ``>``, ``\\``), at least 12 characters, and
enough of its language's own letters (see ``KEEP``); then ``PER_LANGUAGE`` of
them are taken in the order of their SHA-1 (deterministic, spread over the
catalogue).  The Chinese file holds written lines instead (``CHINESE``): public
domain classics and sentences written for this corpus, with the characters that
look like mojibake (锟, 涓, 浣, 鍙, 掳, 瑕...), plus Django's zh_Hans/zh_Hant lines.

    pip download django==5.2.19 --no-deps -d /tmp/django
    python -m corpus.generate_multilingual /tmp/django/django-5.2.19-py3-none-any.whl

The lines are committed; nothing here is needed at test time.
"""
from __future__ import annotations

import gettext
import hashlib
import io
import json
import pathlib
import re
import sys
import zipfile

OUT = pathlib.Path(__file__).resolve().parent / "multilingual"
DJANGO = "django==5.2.19"
PER_LANGUAGE = 40

# lang -> (Django locale, a pattern of the letters that make a line this
# language's, the share of letters that must match).  Latin-script languages
# need at least one letter with a diacritic: the mojibake-prone kind.
KEEP = {
    "el": ("el", r"[\u0370-\u03ff\u1f00-\u1fff]", 0.6),
    "ru": ("ru", r"[\u0400-\u04ff]", 0.6),
    "sr": ("sr", r"[\u0400-\u04ff]", 0.6),
    "kk": ("kk", r"[\u0400-\u04ff]", 0.6),
    "tr": ("tr", r"[çğıöşüÇĞİÖŞÜ]", 0.0),
    "vi": ("vi", r"[À-ỹ]", 0.0),
    "he": ("he", r"[\u0590-\u05ff]", 0.6),
    "ar": ("ar", r"[\u0600-\u06ff]", 0.6),
    "th": ("th", r"[\u0e00-\u0e7f]", 0.6),
    "ko": ("ko", r"[\uac00-\ud7af]", 0.5),
    "ja": ("ja", r"[\u3040-\u30ff\u4e00-\u9fff]", 0.6),
    "fr": ("fr", r"[À-ÿŒœ]", 0.0),
    "de": ("de", r"[äöüÄÖÜß]", 0.0),
    "pt": ("pt", r"[À-ÿ]", 0.0),
    "pl": ("pl", r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]", 0.0),
    "cs": ("cs", r"[áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]", 0.0),
}
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

# Chinese that looks like mojibake: (text, source).
CHINESE = [
    ("周穆王大征西戎，西戎献锟铻之剑，火浣之布。其剑长尺有咫，练钢赤刃，用之切玉如切泥焉。",
     "《列子·汤问》, public domain"),
    ("周穆王大征西戎，西戎獻錕鋙之劍，火浣之布。", "《列子·汤问》, Traditional, public domain"),
    ("锲而舍之，朽木不折；锲而不舍，金石可镂。", "《荀子·劝学》, public domain"),
    ("鍥而舍之，朽木不折；鍥而不舍，金石可鏤。", "《荀子·勸學》, Traditional, public domain"),
    ("涓涓不壅，终为江河；绵绵不绝，或成网罗。", "《金人铭》(孔子家语·观周), public domain"),
    ("一曲新词酒一杯，去年天气旧亭台。夕阳西下几时回？", "晏殊《浣溪沙》, public domain"),
    ("无可奈何花落去，似曾相识燕归来。小园香径独徘徊。", "晏殊《浣溪沙》, public domain"),
    ("但愿人长久，千里共婵娟。", "苏轼《水调歌头》, public domain"),
    ("八月秋高风怒号，卷我屋上三重茅。", "杜甫《茅屋为秋风所破歌》, public domain"),
    ("瞻彼淇奥，绿竹猗猗。有匪君子，如切如磋，如琢如磨。", "《诗经·卫风·淇奥》, public domain"),
    ("缁衣之宜兮，敝予又改为兮。", "《诗经·郑风·缁衣》, public domain"),
    ("天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。", "《千字文》, Traditional, public domain"),
    ("帝高陽之苗裔兮，朕皇考曰伯庸。攝提貞于孟陬兮，惟庚寅吾以降。", "屈原《離騷》, public domain"),
    ("北冥有魚，其名為鯤。鯤之大，不知其幾千里也。", "《莊子·逍遙遊》, public domain"),
    ("參差荇菜，左右芼之。窈窕淑女，琴瑟友之。", "《詩經·周南·關雎》, public domain"),
    ("涓涓细流，汇成江河；点点滴滴，积少成多。", "written for this corpus"),
    ("他为官清廉，涓滴归公，从不占公家一分便宜。", "written for this corpus"),
    ("这位缂丝艺人手法娴熟，作品几乎毫无瑕疵。", "written for this corpus"),
    ("匪徒掳走了两名人质，警方连夜追捕，终于将其解救。", "written for this corpus"),
    ("他买了一斤卤肉，又把照片拷贝到了电脑里。", "written for this corpus"),
    ("茅台酒瓶被烫得发热，屯里的老人都说这是好兆头。", "written for this corpus"),
    ("自行車的鏈條斷了，他只好推著車回家找鑰匙。", "written for this corpus, Traditional"),
    ("每天早上鍛鍊身體，是他多年來的習慣。", "written for this corpus, Traditional"),
    ("李鍙先生是这家老字号的第三代传人。", "written for this corpus: 鍙 in a name"),
    ("古籍中锟铻又作昆吾，是传说中的宝剑之名。", "written for this corpus"),
    ("浣花溪畔草堂在，杜甫曾在此寓居近四年。", "written for this corpus"),
    ("姝丽的晚霞映在江面，渔舟唱晚，一片安详。", "written for this corpus"),
    ("箭鏃、銅鏡與陶罐一併出土，年代約在戰國晚期。", "written for this corpus, Traditional"),
]


def catalogue(wheel: zipfile.ZipFile, locale: str) -> list[tuple[str, str, str]]:
    """(translation, msgid, file) of every .mo file of a locale, sorted by file."""
    rows = []
    names = sorted(n for n in wheel.namelist() if f"/locale/{locale}/LC_MESSAGES/" in n and n.endswith(".mo"))
    for name in names:
        translations = gettext.GNUTranslations(io.BytesIO(wheel.read(name)))
        for key, value in translations._catalog.items():  # noqa: SLF001 - the stdlib keeps them here
            msgid = key[0] if isinstance(key, tuple) else key
            if msgid and value and value != msgid:
                rows.append((value.strip(), msgid, name))
    return rows


def keeps(text: str, pattern: str, share: float, lang: str) -> bool:
    if re.search(r"[%{}<>\\\n]", text) or len(text) < 12:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    own = [ch for ch in letters if re.match(pattern, ch)]
    if share == 0.0:
        enough = bool(own)
    else:
        enough = bool(letters) and len(own) >= share * len(letters)
    if lang == "kk":
        enough = enough and bool(KAZAKH_LETTERS.search(text))
    return enough


Row = tuple[str, str, str]


def pick(rows: list[Row], pattern: str, share: float, lang: str, count: int) -> list[Row]:
    seen: dict[str, Row] = {}
    for text, msgid, name in rows:
        if keeps(text, pattern, share, lang) and text not in seen:
            seen[text] = (text, msgid, name)
    ordered = sorted(seen.values(), key=lambda row: hashlib.sha1(row[0].encode("utf-8")).hexdigest())
    return ordered[:count]


def write(lang: str, rows: list[dict]) -> None:
    with (OUT / f"{lang}.jsonl").open("w", encoding="utf-8") as stream:
        for i, row in enumerate(rows):
            stream.write(json.dumps({"id": f"{lang}-{i:03d}", **row}, ensure_ascii=False) + "\n")


def main(wheel_path: str) -> None:
    OUT.mkdir(exist_ok=True)
    counts = {}
    with zipfile.ZipFile(wheel_path) as wheel:
        for lang, (locale, pattern, share) in KEEP.items():
            chosen = pick(catalogue(wheel, locale), pattern, share, lang, PER_LANGUAGE)
            rows = [{"text": text, "lang": lang, "source": f"{DJANGO} {name} (msgid {msgid!r})"}
                    for text, msgid, name in chosen]
            write(lang, rows)
            counts[lang] = len(rows)
        zh = [{"text": text, "lang": "zh", "source": source} for text, source in CHINESE]
        for locale in ("zh_Hans", "zh_Hant"):
            chosen = pick(catalogue(wheel, locale), r"[\u4e00-\u9fff]", 0.6, "zh", 10)
            zh += [{"text": text, "lang": "zh", "source": f"{DJANGO} {name} (msgid {msgid!r})"}
                   for text, msgid, name in chosen]
        write("zh", zh)
        counts["zh"] = len(zh)
    print(f"{sum(counts.values())} lines: {counts}")


if __name__ == "__main__":
    main(sys.argv[1])
