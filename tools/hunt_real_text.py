"""Run the library over real text it was not written from, and list what it changed.

Correct text of every language must come out as it went in (issue 9: "correct
text that is not Chinese is turned into Chinese ... must be zero"), and
Chinese text must keep its script.  This reads correct text from sources on
the machine or in packages, runs ``fix_mojibake``, ``strip_pinyin`` and
``convert(to="auto")`` over it (not on Chinese: its script may be mixed; a
Chinese line with a language's words put in is ``zh+LANGUAGE``), and prints
each change with its language:

    python -m tools.hunt_real_text gettext /usr/share/locale   # compiled .mo catalogues
    python -m tools.hunt_real_text man /usr/share/man          # translated manual pages
    python -m tools.hunt_real_text files DIR   # each line past ASCII of the text files under DIR
                                               #   (an environment's site-packages)
    python -m tools.hunt_real_text cldr        # pip install babel: CLDR's names
    python -m tools.hunt_real_text wordfreq    # pip install wordfreq: commonest words,
                                               #   joined with the seed pages' lines
    python -m tools.hunt_real_text wordfreq-lines   # the same words put into Chinese
                                               #   lines between brackets, quotes...
    python -m tools.hunt_real_text mimesis     # pip install mimesis: its locale data
    python -m tools.hunt_real_text faker       # pip install faker: names, addresses,
                                               #   companies, jobs and text of each locale

(from the repository root, with the package installed).  A change is not
always damage: translators' files hold real mojibake too (Norwegian
``etterfÃ¸lgt``), which must be repaired; read the list.  What was found
damaged is kept, in minimal form, in ``corpus/mojibake/user_found.jsonl``.
"""
from __future__ import annotations

import argparse
import collections
import gettext
import json
import pathlib
import random
import sys
from collections.abc import Iterator

import zhclean
from corpus import HERE as CORPUS

# Texts of a source joined into one line, so that each call sees some context.
JOIN = 6
# Words of a language put into a Chinese line at a time (wordfreq).
WORDS = 3
SEED = 20261201
# Records drawn from each of faker's locales (each a name, an address, a
# company, a job and a paragraph): some 190,000 strings past ASCII.
FAKER_RECORDS = 1000
# files: the kinds of file read.
FILE_SUFFIXES = (".py", ".txt", ".json", ".md", ".rst", ".csv", ".yaml", ".yml")
# wordfreq-lines: lines made a language, and what may stand either side of
# the words put into a Chinese line (nothing, a space, CJK and ASCII
# brackets and quotes, a comma, a no-break space).
LINES = 3000
LEFT = ["", " ", "（", "“", "”", "「", "《", "，", "、", "\u00a0", "(", '"']
RIGHT = ["", " ", "）", "”", "“", "」", "》", "，", "。", "\u00a0", ")", '"']


def _gettext(directory: str) -> Iterator[tuple[str, str]]:
    for mo in sorted(pathlib.Path(directory).glob("*/LC_MESSAGES/*.mo")):
        try:
            with mo.open("rb") as handle:
                catalogue = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError, IndexError, UnicodeDecodeError):
            continue  # not a catalogue Python's gettext reads (a broken plural header)
        for value in catalogue.values():
            if isinstance(value, str) and value.strip() and not value.isascii():
                yield mo.parts[-3], value


def _man(directory: str) -> Iterator[tuple[str, str]]:
    """Each translated manual page whole (its language's directory), roff and all."""
    import gzip

    for page in sorted(pathlib.Path(directory).glob("*/man*/*.gz")):
        language = page.parts[-3]
        if language.startswith("man"):
            continue  # the untranslated pages
        try:
            yield language, gzip.decompress(page.read_bytes()).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue


def _cldr() -> Iterator[tuple[str, str]]:
    import babel
    from babel import Locale

    for ident in babel.localedata.locale_identifiers():
        try:
            locale = Locale.parse(ident)
        except (ValueError, babel.UnknownLocaleError):
            continue
        names: list[str] = []
        for table in (locale.languages, locale.territories, locale.scripts, locale.currencies):
            names += list(table.values())
        for calendar in (locale.months, locale.days):
            for context in calendar.values():
                for width in context.values():
                    names += list(width.values())
        names = [name for name in names if isinstance(name, str) and not name.isascii()]
        for k in range(0, len(names), JOIN):
            yield ident, " ".join(names[k : k + JOIN])


def _chinese_lines() -> list[str]:
    return [
        line for path in sorted((CORPUS / "samples" / "gold").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 20
    ]


def _wordfreq() -> Iterator[tuple[str, str]]:
    import wordfreq

    rng = random.Random(SEED)
    chinese = _chinese_lines()
    for language in sorted(wordfreq.available_languages("best")):
        words = [w for w in wordfreq.top_n_list(language, 30000) if not w.isascii()]
        spaced = language not in ("zh", "ja", "th")
        for k in range(0, len(words), WORDS):
            piece = (" " if spaced else "").join(words[k : k + WORDS])
            yield language, piece
            if language != "zh":
                line = rng.choice(chinese)
                at = rng.randrange(len(line) - 10)
                # A Chinese line: its script is unified with the words in it.
                yield f"zh+{language}", line[at : at + 10] + rng.choice(["", " ", "（", "“"]) + piece + rng.choice(
                    ["", " ", "）", "”"]) + line[at + 10 : at + 20]


def _wordfreq_lines() -> Iterator[tuple[str, str]]:
    """One to three of a language's commonest words past ASCII put into a
    Chinese line between LEFT and RIGHT, LINES lines a language."""
    import wordfreq

    rng = random.Random(SEED)
    chinese = _chinese_lines()
    for language in sorted(wordfreq.available_languages("best")):
        if language in ("zh", "ja", "ko"):
            continue
        words = [w for w in wordfreq.top_n_list(language, 20000) if not w.isascii()]
        for _ in range(LINES if words else 0):
            piece = " ".join(rng.choice(words) for _ in range(rng.choice([1, 1, 2, 3])))
            line = rng.choice(chinese)
            at = rng.randrange(len(line) - 20)
            yield f"zh+{language}", line[at : at + 10] + rng.choice(LEFT) + piece + rng.choice(RIGHT) + line[at + 10 : at + 20]


def _files(directory: str) -> Iterator[tuple[str, str]]:
    """Each line past ASCII of the text files (source, data and documents)
    under ``directory``: an environment's packages hold strings of every
    script, tables, trees and transcriptions."""
    for path in sorted(pathlib.Path(directory).rglob("*")):
        if path.suffix not in FILE_SUFFIXES or "zhclean" in path.parts or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for line in text.splitlines():
            if not line.isascii():
                yield path.suffix, line


def _mimesis() -> Iterator[tuple[str, str]]:
    import mimesis

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    root = pathlib.Path(mimesis.__file__).parent / "datasets"
    for path in sorted(root.glob("*/*.json")):
        for value in strings(json.loads(path.read_text(encoding="utf-8"))):
            if not value.isascii():
                yield path.parent.name, value


def _faker() -> Iterator[tuple[str, str]]:
    import faker

    for locale in sorted(faker.config.AVAILABLE_LOCALES):
        fake = faker.Faker(locale)
        fake.seed_instance(SEED)
        for _ in range(FAKER_RECORDS):
            for make in (fake.name, fake.address, fake.company, fake.job, fake.text):
                try:
                    value = make()
                except (AttributeError, ValueError):  # a provider the locale does not have
                    continue
                if not value.isascii():
                    yield locale, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", choices=("gettext", "man", "files", "cldr", "wordfreq", "wordfreq-lines", "mimesis", "faker"))
    parser.add_argument("directory", nargs="?", help="for gettext and man: the directory to read")
    parser.add_argument("--show", type=int, default=40, help="changes to print (default 40)")
    args = parser.parse_args()
    if args.source in ("gettext", "man", "files"):
        if not args.directory:
            parser.error(f"{args.source} needs a directory (/usr/share/locale, /usr/share/man, site-packages)")
        texts = {"gettext": _gettext, "man": _man, "files": _files}[args.source](args.directory)
    else:
        texts = {
            "cldr": _cldr, "wordfreq": _wordfreq, "wordfreq-lines": _wordfreq_lines, "mimesis": _mimesis, "faker": _faker,
        }[args.source]()
    count = 0
    changed: dict[str, list[tuple[str, str, str]]] = collections.defaultdict(list)
    for language, text in texts:
        count += 1
        steps = {"fix_mojibake": zhclean.fix_mojibake(text), "strip_pinyin": zhclean.strip_pinyin(text)}
        if not language.startswith(("zh", "yue")):  # Japanese too: in kanji alone it is not unified either
            steps["convert"] = zhclean.convert(text, to="auto")
        for step, out in steps.items():
            if out != text:
                changed[step].append((language, text, out))
    print(f"{count} texts from {args.source} (zhclean {zhclean.__version__}, kernels: {zhclean.KERNELS})")
    for step in ("fix_mojibake", "strip_pinyin", "convert"):
        found = changed.get(step, [])
        languages = collections.Counter(language for language, _, _ in found)
        print(f"{step}: {len(found)} changed", dict(languages.most_common()))
        for language, text, out in found[: args.show]:
            print(f"  {language}: {text[:100]!r}\n    -> {out[:100]!r}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
