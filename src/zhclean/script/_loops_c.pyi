RELEASE_CHARS: int

def units(
    text: str, table: bytes, lo: int, hi: int, kana: bool, max_gap: int, extend: int, changes: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int, int, int]]]: ...
