"""Write ``corpus/mojibake/wild.jsonl``: the garbled texts quoted in issue 9
(real bug reports, real pages, ftfy's suite), each with the repair it should get.

Every entry is *derived*, not typed: the clean text goes through the wrong
decoder of ``corpus/lossy.py`` and the result must equal the string the issue
quotes (asserted here), so the expected output is the clean text (or, for a
lossy decoder, ``expected_repair`` of it).  ``derivation`` says the chain.

Fields: ``id``, ``input``, ``expected`` (None where no single output is right:
then ``check`` names the property, e.g. ``idempotent``), ``note``, ``source``,
``derivation``; optional ``also_acceptable`` (outputs that are not wrong either:
a non-Chinese mojibake left exactly as it was) and ``never_contains`` (the
invented text issue 9 reports, each checked to be what a Chinese misreading of
the correct text's bytes gives, UTF-8 read as GBK or GBK read as Big5, so it is
an invention and never a repair).

    python -m corpus.generate_wild_cases     # also run by generate_mojibake_cases
"""
from __future__ import annotations

import json
import pathlib

from corpus.ftfy_cases import ftfy_cases
from corpus.lossy import expected_repair, hybrid_decode, wrong_decode

OUT = pathlib.Path(__file__).resolve().parent / "mojibake" / "wild.jsonl"
ISSUE = "issue 9 (zhclean)"
FTFY = "ftfy 6.3.1 test_cases.json (corpus/ftfy/)"


def through(clean: str, right: str, wrong: str) -> tuple[str, str]:
    broken, lost = wrong_decode(clean.encode(right), wrong)
    return broken, expected_repair(clean, right, lost)


def entries() -> list[dict]:
    out: list[dict] = []

    def add(quoted: str, made: str, expected: str | None, note: str, source: str, derivation: str, **extra) -> None:
        assert made == quoted, (made, quoted)
        out.append({"input": quoted, "expected": expected, "note": note, "source": source,
                    "derivation": derivation, **extra})

    made, fixed = through("一段文", "utf-8", "whatwg-gbk")
    add("涓€娈垫枃", made, fixed, "涓€ for 一: byte 0x80 is € in browsers' gbk", ISSUE,
        "'一段文' UTF-8 -> WHATWG gbk decoder")
    made, fixed = through("一段文", "utf-8", "whatwg-gbk")
    add("测试的涓€娈垫枃", "测试的" + made, "测试的" + fixed,
        "the issue's …测试的涓€娈垫枃…: today 丢 is invented where the text had 一", ISSUE,
        "'测试的' correct + '一段文' UTF-8 -> WHATWG gbk decoder")
    made, fixed = through("作者｜赵健", "utf-8", "whatwg-gbk")
    add("浣滆€咃綔璧靛仴", made, fixed, "作者｜赵健: today 者 is lost", ISSUE,
        "'作者｜赵健' UTF-8 -> WHATWG gbk decoder (also Windows cp936)")
    made, fixed = through("只有一个", "utf-8", "ptcp154")
    add("еҸӘжңүдёҖдёӘ", made, fixed, "UTF-8 read as a Cyrillic code page (PTCP154)", ISSUE,
        "'只有一个' UTF-8 -> Python ptcp154")
    text, lost = hybrid_decode("温馨提示".encode("gbk"), boundaries=(3,))
    add("ÎÂÜ°Ìáʾ", text, "温馨提示",
        "crawler hybrid: GBK bytes, UTF-8 where well-formed (CA BE -> ʾ), Latin-1 elsewhere", ISSUE,
        "'温馨提示' GBK -> hybrid_decode(latin-1) with a buffer cut after byte 3 (DC B0 is not read as U+0730)")
    text, lost = hybrid_decode("温馨提示".encode("gbk"))
    add("ÎÂܰÌáʾ", text, "温馨提示", "the same without a buffer cut: DC B0 read as U+0730", "derived from issue 9",
        "'温馨提示' GBK -> hybrid_decode(latin-1)")
    text, lost = hybrid_decode("中图".encode("gbk") + "分类号".encode("utf-8"))
    add("ÖÐͼ分类号", text, "中图分类号", "crawler hybrid over a page mixing GBK and UTF-8", ISSUE,
        "'中图' GBK + '分类号' UTF-8 -> hybrid_decode(latin-1)")
    made, fixed = through("° C", "utf-8", "gbk")
    add("52掳 C", "52" + made, "52" + fixed, "one-character run: ° as UTF-8 read as GBK", ISSUE,
        "'52' + '° C' UTF-8 -> gbk")
    made, fixed = through("《wealbk04》", "gbk", "latin-1")
    add("¡¶wealbk04¡·", made, fixed, "《》 as GBK read as Latin-1", ISSUE, "'《wealbk04》' GBK -> latin-1")
    made, fixed = through("Ningbo，China", "utf-8", "cp1252")
    add("Ningboï¼ŒChina", made, fixed, "full-width comma as UTF-8 read as windows-1252 (also ftfy's)", ISSUE,
        "'Ningbo，China' UTF-8 -> cp1252")
    made, fixed = through("café", "utf-8", "cp1252")
    add("在cafÃ©见面", "在" + made + "见面", "在" + fixed + "见面", "cafÃ© inside Chinese text", ISSUE,
        "'在' + 'café' UTF-8 -> cp1252 + '见面'")
    made, fixed = through("qǐng", "utf-8", "cp1252-whatwg")
    add("qÇ\x90ng", made, fixed, "left in the middle of a repaired windows-1252 document", ISSUE,
        "'qǐng' UTF-8 -> browsers' windows-1252 (0x90 kept as a C1 control)")
    made, fixed = through("bào", "utf-8", "cp1252-whatwg")
    add("bÃ\xa0o", made, fixed, "left in the middle of a repaired windows-1252 document", ISSUE,
        "'bào' UTF-8 -> browsers' windows-1252")
    made, fixed = through("한국어", "utf-8", "cp1252-whatwg")
    add("í•œêµ\xadì–´", made, fixed, "Korean as UTF-8 read as windows-1252: must become 한국어, never Chinese",
        ISSUE + "; ftfy's language names", "'한국어' UTF-8 -> browsers' windows-1252")
    made, fixed = through("发布", "utf-8", "gbk")
    add("鍙戝竷的是了", made + "的是了", fixed + "的是了", "the unit of the quadratic-repair input ('…' * 40000)",
        ISSUE, "'发布' UTF-8 -> gbk + '的是了'")
    add("锟斤拷", "锟斤拷", "锟斤拷", "a loss marker: nothing to repair, only to report", ISSUE,
        "U+FFFD U+FFFD UTF-8 (EF BF BD EF BF BD) -> gbk gives 锟斤拷", marker=True)
    assert "\ufffd\ufffd".encode("utf-8").decode("gbk") == "锟斤拷"
    tail = "\xe6\u02c6\ufffd\xe5\xaf\ufffd\xe5\xbc\u0178\xe4\xb9\u0178"
    assert tail.encode("cp1252", "replace") == b"\xe6\x88?\xe5\xaf?\xe5\xbc\x9f\xe4\xb9\x9f"
    add("憌憌冽偌銝   隞頛" * 4 + tail, "憌憌冽偌銝   隞頛" * 4 + tail, None,
        "not idempotent today: each call repaired one more copy; one call must do all it will ever do",
        ISSUE, "head: UTF-8 read as Big5 with losses; tail: UTF-8 read as windows-1252 with 2 lost bytes "
        "(E6 88 ?, E5 AF ?, E5 BC 9F 弟, E4 B9 9F 也)", check="idempotent")

    # A real page of the hybrid kind (issue 9: "seen on many stored pages"): the
    # same byte pair (D6 B8 in 指) is read as UTF-8 in one place and left as
    # Latin-1 in the next, so the pages' crawler decided region by region.
    page = "http://www.uml.org.cn/mobiledev/201409183.asp (a stored copy, 2026)"
    for quoted, clean in [
        ("ÈçÏÂͼËùʾ", "如下图所示"),
        ("µÄÖ¸Õ룬ָÏò¸Ã¶ÔÏóµÄÀà", "的指针，指向该对象的类"),
        ("Ò»¸ö¶ÔÏó¶¼ÊÇÒ»¸öÀàµÄʵÀý", "一个对象都是一个类的实例"),
        ("³ÉÔ±º¯ÊýµÄÁбíµÈ", "成员函数的列表等"),
    ]:
        rebuilt = b"".join(bytes([ord(ch)]) if ord(ch) < 0x100 else ch.encode("utf-8") for ch in quoted)
        add(quoted, quoted, rebuilt.decode("gbk"), "crawler hybrid on a real page", page,
            "bytes rebuilt (a character up to U+00FF as its Latin-1 byte, any other as its UTF-8) "
            "decode as GBK to the expected text")
        assert rebuilt.decode("gbk") == clean

    # ftfy's cases the issue names, which must not become Chinese.
    by_label = {case["label"]: case for case in ftfy_cases()}
    named = [
        ("Negative: using diaereses as quotation marks in Greek", "羽老羊羽羊糸灰而", "correct Greek, must not change"),
        ("Synthetic, negative: Camel-cased Serbian that looks like a UTF-8 / Windows-1251 mixup", "抉戒忱把忘志",
         "correct Serbian Cyrillic, must not change"),
        ("Latin-1 / Windows-1252 mixup in Turkish", "谋", "Turkish mojibake: ftfy's repair or as it was"),
        ("This is why we require a space after the 's' in 'às'", "猫", "French mojibake: ftfy's repair or as it was"),
        ("Messy language names: Greek", "螘位位畏谓喂魏维", "Greek mojibake: ftfy's repair or as it was"),
        ("Messy language names: Hebrew", "注讘专讬转", "Hebrew mojibake: ftfy's repair or as it was"),
        ("Hebrew UTF-8 / Windows-1252 mojibake", None, "Hebrew mojibake: ftfy's repair or as it was"),
    ]
    for label, invented, note in named:
        case = by_label[label]
        extra: dict = {}
        if invented:
            # The invention is what a Chinese misreading of the text's bytes gives:
            # its UTF-8 read as GBK, or its GBK read as Big5.
            text = case["fixed-encoding"]
            readings = [text.encode("utf-8").decode("gbk", "ignore"),
                        text.encode("gbk", "ignore").decode("big5", "ignore")]
            assert any(invented in reading for reading in readings), (label, invented)
            extra["never_contains"] = [invented]
        if not case["must_not_change"]:
            extra["also_acceptable"] = [case["original"]]
        add(case["original"], case["original"], case["fixed-encoding"], note, f"{FTFY}: {label}",
            "ftfy's original and fixed-encoding, unchanged", **extra)
    return out


def main() -> None:
    rows = entries()
    with OUT.open("w", encoding="utf-8") as stream:
        for i, row in enumerate(rows):
            stream.write(json.dumps({"id": f"wild-{i:03d}", **row}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} wild cases -> {OUT}")


if __name__ == "__main__":
    main()
