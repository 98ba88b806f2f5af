"""The one lazy loader every table in the package uses.

Tables cost tens of milliseconds to build, so none is built at import; each
is built on first use, once per process, and is safe from the first call in
any thread: the builder runs under a lock, checked again inside it, and the
value is published only when it is complete, so a thread that finds it set
never sees half a table.  A builder that raises publishes nothing, and the
next call tries again.

``LazyPattern`` is the same for a regular expression that only some texts
need: the patterns of the mojibake repair path, which clean text never
reaches, and of the punctuation normalization, off by default, had cost 40
of the 48 ms that compiling patterns took in every ``import zhclean``.
"""
from __future__ import annotations

import re
import threading
from typing import Any, Callable, Generic, Iterator, Optional, TypeVar

__all__ = ["Lazy", "LazyPattern"]

T = TypeVar("T")


class Lazy(Generic[T]):
    """A value built by ``build()`` on the first ``get()``, once per process."""

    __slots__ = ("_build", "_lock", "_value", "__name__")

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: T | None = None
        self.__name__ = getattr(build, "__name__", "lazy")

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                value = self._value
                if value is None:
                    value = self._build()
                    if value is None:
                        raise RuntimeError(f"{self.__name__} built nothing")
                    self._value = value
        return value

    @property
    def loaded(self) -> bool:
        """Whether the value has been built (for tests of import cost)."""
        return self._value is not None

    def __reduce__(self) -> str:
        raise TypeError(f"a lazy table ({self.__name__}) is rebuilt in each process, never pickled")


# The methods of re.Pattern that LazyPattern stands in for.
_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(source, flags)``, compiled on the first call of one of
    its methods, once per process (safe from any thread).  Once compiled,
    each method is the compiled pattern's own bound method, looked up as an
    attribute: a call costs what a call of a pattern compiled at import costs."""

    __slots__ = ("pattern", "flags", "_lock", "_compiled", *_PATTERN_METHODS)

    search: Callable[..., Optional[re.Match[str]]]
    match: Callable[..., Optional[re.Match[str]]]
    fullmatch: Callable[..., Optional[re.Match[str]]]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._lock = threading.Lock()
        self._compiled: Optional[re.Pattern[str]] = None
        for name in _PATTERN_METHODS:
            setattr(self, name, self._first_call(name))

    def _first_call(self, name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            return getattr(self.compiled(), name)(*args, **kwargs)

        return call

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, if it was not)."""
        compiled = self._compiled
        if compiled is None:
            with self._lock:
                compiled = self._compiled
                if compiled is None:
                    compiled = re.compile(self.pattern, self.flags)
                    for name in _PATTERN_METHODS:
                        setattr(self, name, getattr(compiled, name))
                    self._compiled = compiled
        return compiled

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self.flags))
