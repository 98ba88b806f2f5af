"""The Cleaner: every step in one immutable, picklable, explainable pipeline.

Steps run in a fixed order, each optional:

1. ``mojibake``: repair text decoded with the wrong codec (``fix_mojibake``);
2. ``pinyin``: strip inline pinyin annotations (``strip_pinyin``);
3. ``script``: unify mixed Traditional and Simplified script (``convert``);
4. ``width``, ``punctuation``, ``invisible``, ``whitespace``: the
   normalizations of ``normalize``.

Repair comes first because annotations and script can only be read in
repaired text; the normalizations come last so that they see the text
the user will get.  A Cleaner holds only its options: it pickles as them,
hashes and compares by them (the same options give the same ``datasets``
fingerprint in every process), is safe to share between threads, and the
tables and OpenCC converters its steps use are loaded once per process, on
first use, never pickled.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple, Optional, Union, overload

from . import mojibake, normalize, script
from ._args import PUNCTUATION_DIRECTIONS, SCRIPT_TARGETS, VERIFY_MODES, require_str
from ._batch import Joined, join
from ._edits import Edit, Trace, TracedEdit, apply
from .mojibake import count_losses, fix_mojibake, repair_edits
from .normalize import invisible_edits, punctuation_edits, whitespace_edits, width_edits
from .pinyin import annotation_edits, strip_pinyin
from .pinyin.tables import HAN_RANGES
from .script import (
    ScriptInfo,
    conversion_edits,
    convert,
    converted_count,
    detect_script,
    converted_again,
    converted_again_edits,
)

__all__ = ["CleanStats", "Cleaned", "Cleaner", "TracedEdit", "clean"]

# The options, their defaults and what each accepts.  The defaults are the
# safe set: repairs and stripping that are exact, unification that touches
# only mixed documents, normalizations that change nothing a reader sees;
# punctuation changes what a reader sees, so it is off until asked for.
DEFAULTS: dict[str, Any] = {
    "mojibake": True,
    "pinyin": "reading",
    "script": "auto",
    "width": True,
    "punctuation": None,
    "invisible": True,
    "whitespace": True,
}
_CHOICES: dict[str, tuple[Any, ...]] = {
    "mojibake": (True, False),
    "pinyin": (*VERIFY_MODES, True, False, None),
    "script": (*SCRIPT_TARGETS, False, None),
    "width": (True, False),
    "punctuation": (*PUNCTUATION_DIRECTIONS, None, False),
    "invisible": (True, False),
    "whitespace": (True, False),
}
# Spellings of the same option value, made one so that equal Cleaners compare
# and hash equal: pinyin=True is "reading", off is None everywhere.
_CANONICAL = {("pinyin", True): "reading", ("pinyin", False): None, ("script", False): None,
              ("punctuation", False): None}
STEPS = tuple(DEFAULTS)


class CleanStats(NamedTuple):
    """What a Cleaner did to one document: quality signals for pipelines."""

    chars_in: int
    chars_out: int
    script: ScriptInfo  # of the text the script step was given
    annotations_removed: int  # runs of pinyin annotations
    annotation_density: float  # annotation runs per Han character of the input
    mojibake_repaired: int  # spans repaired
    mojibake_lost: int  # stretches where characters were lost, as the mojibake step left them
    chars_converted: int  # by the script step
    normalized: int  # edits made by the normalizations


class Cleaned(NamedTuple):
    """A document cleaned, with every edit placed in the input and the statistics."""

    text: str
    edits: list[TracedEdit]
    stats: CleanStats


# A batch of fewer texts than this, or of texts longer than BATCH_MEAN_MOST
# characters on average, is cleaned text by text: joining them and asking
# each step which it may change costs more than the calls it saves (2 MB of
# seed 004, lines of 859 characters on average: 0.92x text by text; seed
# 001, lines of 147: 1.6x; Gutenberg's, of 37: 3.9x).
BATCH_FROM = 4
BATCH_MEAN_MOST = 512
# A step can uncover work for the steps before it: a zero-width space, a
# soft hyphen or full-width letters inside an annotation (書\u200b(shu)記,
# 書(ｓｈｕ)記), a mark that becomes full-width beside a bracket that did,
# trailing spaces after a mark (記?  ), an annotation between two pieces of
# mojibake (弟dì·¢²¼).  So after a step changed a text, the steps that have
# not seen it as it now stands run on it again, in order, until every step
# has, and at most ROUNDS times each, so that one call does all a second
# would.  The step that changed it runs again too (removing a soft hyphen
# can leave a no-break space that the invisible step takes next time), but
# for those of IDEMPOTENT, whose property tests hold that once is all: the
# annotations of a line gone, only the repair runs again (a second strip of
# each line had made the Cleaner a fifth slower on the seed pages' lines).
ROUNDS = 3
IDEMPOTENT = frozenset({"mojibake", "pinyin"})  # and script with "auto" (below)
# The script step with an explicit target converts the text as ``convert``
# does in the first round only: OpenCC's conversions are not idempotent
# (t2s makes 打坏了 of 打壞了 and then 打坯了; s2t 後面 of 后面, then 後麪).  In
# the rounds after it, where a repair has written characters of the other
# script (once an invisible character inside the mojibake is gone), it
# converts the stretch that changed since it last ran, and nothing else
# (``script.converted_again``).  Neither it nor ``script="auto"`` runs on
# its own output: unification changes only a minority script's characters,
# and a consistent text not at all (a test holds it idempotent on splices
# of the corpus; running it again cost 8% of a call on the mixed zhwiki
# text).


class _Step(NamedTuple):
    name: str
    run: Callable[[str], str]  # the fast path: text in, text out
    edits: Callable[[str], list[list[Edit]]]  # the same work as edits, pass by pass
    # Of a batch (_batch.join), the texts run may change; None: every text
    # (the pinyin loops rule out a clean line in C as fast as a search of
    # the joined batch would, and most lines of annotated pages hold a
    # bracket: 5,995 of 11,120 in the seed pages).
    changing: Optional[Callable[[Joined], list[int]]]
    # What the step does in the rounds after the first, if not the same
    # (run, edits), given the text as the step left it last: the script
    # step with an explicit target.
    later: Optional[tuple[Callable[[str, str], str], Callable[[str, str], list[list[Edit]]]]] = None


def _normalization(
    edits: Callable[[str], list[Edit]], rule: str
) -> tuple[Callable[[str], str], Callable[[str], list[list[Edit]]], Callable[[Joined], list[int]]]:
    def run(text: str) -> str:
        return apply(text, edits(text))

    def passes(text: str) -> list[list[Edit]]:
        return [edits(text)]

    return run, passes, functools.partial(normalize.changing, rule)


def _steps(options: dict[str, Any]) -> tuple[_Step, ...]:
    steps = []
    if options["mojibake"]:
        steps.append(_Step("mojibake", fix_mojibake, repair_edits, mojibake.changing))
    verify = options["pinyin"]
    if verify:
        steps.append(_Step(
            "pinyin",
            functools.partial(strip_pinyin, verify=verify),
            lambda text: [annotation_edits(text, verify)],
            None,
        ))
    target = options["script"]
    if target:
        steps.append(_Step(
            "script",
            functools.partial(convert, to=target),
            lambda text: [conversion_edits(text, target)],
            functools.partial(script.changing, to=target),
            None if target == "auto" else (
                lambda text, since: converted_again(text, target, since),
                lambda text, since: [converted_again_edits(text, target, since)],
            ),
        ))
    if options["width"]:
        steps.append(_Step("width", *_normalization(width_edits, "width")))
    direction = options["punctuation"]
    if direction:
        steps.append(_Step(
            "punctuation", *_normalization(functools.partial(punctuation_edits, direction=direction), direction)
        ))
    if options["invisible"]:
        steps.append(_Step("invisible", *_normalization(invisible_edits, "invisible")))
    if options["whitespace"]:
        steps.append(_Step("whitespace", *_normalization(whitespace_edits, "whitespace")))
    return tuple(steps)


def _validated(given: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    unknown = sorted(set(given) - set(DEFAULTS))
    if unknown:
        raise ValueError(
            f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
            f"the options are {', '.join(STEPS)}"
        )
    options = []
    for name in STEPS:
        value = given.get(name, DEFAULTS[name])
        if not any(value is choice or (type(value) is type(choice) and value == choice) for choice in _CHOICES[name]):
            valid = ", ".join(repr(choice) for choice in _CHOICES[name])
            raise ValueError(f"{name} must be one of {valid}, not {value!r}")
        options.append((name, _CANONICAL.get((name, value), value)))
    return tuple(options)


class Cleaner:
    """Clean Chinese text: repair, strip, unify and normalize, in one pass per step.

    ``Cleaner(**options)`` takes ``mojibake`` (bool), ``pinyin``
    (``"reading"``, ``"syllable"``, or ``None`` for off), ``script``
    (``"auto"``, an explicit target such as ``"simplified"``, or ``None``),
    ``width``, ``invisible``, ``whitespace`` (bools) and ``punctuation``
    (``None``, ``"fullwidth"`` or ``"ascii"``); an unknown option or a bad
    value raises ``ValueError`` naming it.

    >>> cleaner = Cleaner()
    >>> cleaner("省(sheng)委(wei)書(shu)記，鍙戝竷浜嗘柊闂伙紝ＡＢＣ１２３")
    '省委書記，发布了新闻，ABC123'
    >>> [(e.step, e.before, e.after) for e in cleaner.explain("書(shu)記 ")]
    [('pinyin', '(shu)', ''), ('whitespace', ' ', '')]
    >>> Cleaner(punctuation="fullwidth")("他說,今天(週一)開會")
    '他說，今天（週一）開會'
    """

    __slots__ = ("_options", "_steps", "_runs", "_idempotent")

    _options: tuple[tuple[str, Any], ...]
    _steps: tuple[_Step, ...]
    _runs: tuple[Callable[[str], str], ...]
    _idempotent: frozenset[int]  # and of the IDEMPOTENT ones

    def __init__(self, **options: Any) -> None:
        validated = _validated(options)
        object.__setattr__(self, "_options", validated)
        steps = _steps(dict(validated))
        object.__setattr__(self, "_steps", steps)
        object.__setattr__(self, "_runs", tuple(step.run for step in steps))
        object.__setattr__(self, "_idempotent", frozenset(
            k for k, step in enumerate(steps)
            if step.name in IDEMPOTENT or step.name == "script"
        ))

    # --- configuration: immutable, compared, hashed and pickled by value --------
    @property
    def options(self) -> dict[str, Any]:
        """The options, every one of them, defaults included."""
        return dict(self._options)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Cleaner is immutable: make another with the options you want")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("a Cleaner is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Cleaner) and other._options == self._options

    def __hash__(self) -> int:
        return hash(self._options)

    def __repr__(self) -> str:
        return f"Cleaner({', '.join(f'{name}={value!r}' for name, value in self._options)})"

    def __reduce__(self) -> tuple[Callable[..., Cleaner], tuple[tuple[tuple[str, Any], ...]]]:
        return _rebuild, (self._options,)

    # --- cleaning -----------------------------------------------------------------
    @overload
    def clean(self, text: str) -> str: ...
    @overload
    def clean(self, text: str, *, offsets: bool) -> Union[str, tuple[str, list[int]]]: ...

    def clean(self, text: str, *, offsets: bool = False) -> Union[str, tuple[str, list[int]]]:
        """``text`` cleaned; ``text`` itself when no step changes it.

        With ``offsets=True``, also the input position of each output
        character: ``(cleaned, positions)``, ``len(positions) ==
        len(cleaned)``, so that spans found on the cleaned text can be
        carried back to the original.
        """
        require_str(text, "Cleaner.clean")
        if offsets:
            trace = self._trace(text)
            return trace.text, trace.offsets()
        return self._rounds(text)

    def _rounds(self, text: str) -> str:
        """``text`` through the steps, and again through those that have not
        seen it as it stands (see ROUNDS)."""
        last = None
        left: dict[int, str] = {}  # step -> the text as it left it
        for index, run in enumerate(self._runs):  # the first round: the plain loop (most calls end here)
            cleaned = run(text)
            if cleaned is not text:
                text, last = cleaned, index
            left[index] = text
        if last is None:
            return text
        steps, runs = self._steps, self._runs

        def again(k: int, current: str, since: Optional[str]) -> str:
            later = steps[k].later
            return runs[k](current) if later is None or since is None else later[0](current, since)

        return _settle(text, len(runs), again, self._idempotent, len(runs), last, left)

    __call__ = clean

    def clean_batch(self, texts: Iterable[str]) -> list[str]:
        """Every text cleaned, in order (a list in, a list out): the same as
        cleaning each, faster.  The texts are joined once per step, and each
        step runs only on those that hold what starts its work (``_batch``)."""
        out = list(texts)
        for text in out:
            if type(text) is not str:
                require_str(text, "Cleaner.clean_batch")
        if len(out) < BATCH_FROM or sum(map(len, out)) > BATCH_MEAN_MOST * len(out):
            return [self._rounds(text) for text in out]
        # _settle for every text at once: each visit runs one step on the
        # texts that have not seen it as they stand, joined, and only on
        # those its ``changing`` picks.  In the first round that is every
        # text; after it, those a step changed, as long as one step has not
        # seen them as they stand.
        count = len(self._steps)
        changed_at: dict[int, int] = {}  # text -> the visit that changed it last
        left: dict[int, list[str]] = {}  # a step with a ``later`` -> each text as it left it
        everyone = range(len(out))
        active: Sequence[int] = everyone
        joined: Optional[Joined] = None  # of the active texts as they stand
        for visit in range(ROUNDS * count):
            index = visit % count
            if visit >= count:
                kept = [
                    k for k in (sorted(changed_at) if active is everyone else active)
                    # the steps since the last change, and the one that made it if idempotent
                    if visit - changed_at[k] - 1 + (changed_at[k] % count in self._idempotent) < count
                ]
                if len(kept) != len(active):
                    active, joined = kept, None
                if not active:
                    break
            step = self._steps[index]
            if step.changing is None:
                picked: Iterable[int] = active
            else:
                if joined is None:
                    joined = join(out if active is everyone else [out[k] for k in active])
                picked = step.changing(joined)
                if active is not everyone:
                    picked = [active[i] for i in picked]
            since = left[index] if visit >= count and step.later is not None else None
            for k in picked:
                text = step.run(out[k]) if since is None else step.later[0](out[k], since[k])  # type: ignore[index]
                if text is not out[k]:
                    out[k] = text
                    changed_at[k] = visit
                    joined = None
            if step.later is not None:
                if visit < count:
                    left[index] = list(out)
                else:
                    for k in active:
                        left[index][k] = out[k]
        return out

    def explain(self, text: str) -> list[TracedEdit]:
        """Every edit the steps make, in order: step, the stretch of the input
        it changed (``start``, ``end``), what the step was given there
        (``before``) and what it made of it (``after``)."""
        require_str(text, "Cleaner.explain")
        return self._trace(text).edits

    def process(self, text: str) -> Cleaned:
        """``text`` cleaned, with its edits (as ``explain``) and statistics."""
        require_str(text, "Cleaner.process")
        counts = {name: 0 for name in STEPS}
        script: Optional[ScriptInfo] = None
        converted = 0
        lost: Optional[int] = None

        def observe(step: _Step, edits: Optional[list[Edit]], current: str) -> None:
            nonlocal script, converted, lost
            if edits is None:  # the step is done
                if step.name == "mojibake" and lost is None:
                    lost = count_losses(current)  # before any later step rewrites a marker
                return
            if step.name == "script":
                if script is None:
                    script = detect_script(current)
                converted += converted_count(current, edits)
            counts[step.name] += len(edits)

        trace = self._trace(text, observe)
        if script is None:
            script = detect_script(trace.text)
        han = _han_count(text)
        stats = CleanStats(
            chars_in=len(text),
            chars_out=len(trace.text),
            script=script,
            annotations_removed=counts["pinyin"],
            annotation_density=counts["pinyin"] / han if han else 0.0,
            mojibake_repaired=counts["mojibake"],
            mojibake_lost=count_losses(trace.text) if lost is None else lost,
            chars_converted=converted,
            normalized=sum(counts[name] for name in ("width", "punctuation", "invisible", "whitespace")),
        )
        return Cleaned(trace.text, trace.edits, stats)

    def _trace(
        self, text: str, observe: Optional[Callable[[_Step, Optional[list[Edit]], str], None]] = None
    ) -> Trace:
        """``text`` through the steps, round after round as ``_rounds``, every
        edit recorded; ``observe`` is shown each pass's edits with the text
        they are made in, and ``None`` with the text once a step is done."""
        trace = Trace(text)

        def run(k: int, current: str, since: Optional[str]) -> str:
            step = self._steps[k]
            passes = step.edits(current) if since is None or step.later is None else step.later[1](current, since)
            for edits in passes:
                if observe is not None:
                    observe(step, edits, trace.text)
                trace.step(step.name, edits)
            if observe is not None:
                observe(step, None, trace.text)
            return trace.text

        _settle(text, len(self._steps), run, self._idempotent)
        return trace


def _settle(
    text: str,
    count: int,
    run: Callable[[int, str, Optional[str]], str],
    idempotent: frozenset[int] = frozenset(),
    start: int = 0,
    last: Optional[int] = None,
    left: Optional[dict[int, str]] = None,
) -> str:
    """``run(k, text, since)`` for the steps from the ``start``-th of
    ``count`` on, then from the first again, until each has run on the text
    as it stands (see ROUNDS), but one of ``idempotent`` on what it made
    itself; ``since``: None in the first round, then the text as the step
    left it last (``left``: so far).  ``last``: the step that changed the
    text last before ``start``, if one did.  ``text`` itself if none did."""
    left = {} if left is None else left
    k = start
    first = start < count  # the first round
    # The steps that have seen the text as it stands, counted from the last change.
    unchanged = 0 if last is None else (start - last - 1) % count + (last in idempotent)
    for _ in range(ROUNDS * count - start):
        if k == count:
            if last is None:
                break
            k, first = 0, False
        if unchanged >= count:
            break
        cleaned = run(k, text, None if first else left.get(k, text))
        left[k] = cleaned
        if cleaned is not text:
            text, last, unchanged = cleaned, k, int(k in idempotent)
        else:
            unchanged += 1
        k += 1
    return text


def _rebuild(options: tuple[tuple[str, Any], ...]) -> Cleaner:
    return Cleaner(**dict(options))


_HAN = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES) + "]")


def _han_count(text: str) -> int:
    return len(_HAN.findall(text))


@functools.lru_cache(maxsize=64)
def _shared(options: tuple[tuple[str, Any], ...]) -> Cleaner:
    return Cleaner(**dict(options))


def clean(text: str, **options: Any) -> str:
    """``text`` cleaned by a Cleaner with these options (one shared per set of options).

    >>> clean("鍙戝竷浜嗘柊闂伙紝書(shu)記")
    '发布了新闻，書記'
    """
    require_str(text, "clean")
    return _shared(_validated(options)).clean(text)
