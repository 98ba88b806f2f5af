from array import array

from .records import HybridCosts, HybridOption

def hybrid_path(
    text: str, readings: dict[str, list[HybridOption]], decoded: array, classes: bytes, costs: HybridCosts
) -> list[bytes | None]: ...
