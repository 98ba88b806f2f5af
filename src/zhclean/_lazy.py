"""The one lazy loader every table in the package uses.

Tables cost tens of milliseconds to build, so none is built at import; each
is built on first use, once per process, and is safe from the first call in
any thread: the builder runs under a lock, checked again inside it, and the
value is published only when it is complete, so a thread that finds it set
never sees half a table.  A builder that raises publishes nothing, and the
next call tries again.
"""
from __future__ import annotations

import threading
from typing import Callable, Generic, TypeVar

__all__ = ["Lazy"]

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
