from array import array

from .records import HybridCosts, HybridOption

def hybrid_path(
    text: str, options: list[list[HybridOption]], decoded: array, classes: bytes, costs: HybridCosts
) -> list[bytes | None]: ...
