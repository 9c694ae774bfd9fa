"""SM3 digests (the content hash of a SecurityData)."""

from __future__ import annotations

from collections.abc import Iterable

from cryptography.hazmat.primitives import hashes


class SM3:
    """Incremental SM3 (GB/T 32905) with a length-prefixed `part` for unambiguous framing."""

    def __init__(self) -> None:
        self._h = hashes.Hash(hashes.SM3())

    def update(self, data: bytes) -> None:
        self._h.update(data)

    def part(self, data: bytes) -> None:
        """Add one framed part (8-byte length, then the bytes)."""
        self._h.update(len(data).to_bytes(8, "big"))
        self._h.update(data)

    def digest(self) -> bytes:
        return self._h.finalize()


def sm3_parts(parts: Iterable[bytes]) -> bytes:
    """SM3 over framed parts."""
    h = SM3()
    for p in parts:
        h.part(p)
    return h.digest()
