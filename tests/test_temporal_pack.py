"""A packed extraction (what workers send back and the cache stores) unpacks to the same one."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline import temporal

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "hostile" / "corpus").glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name[:40])
def test_pack_then_unpack_gives_the_same_extraction(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    extraction = temporal.extract(text)
    packed = temporal.pack(extraction)
    assert temporal.unpack(packed) == extraction
    assert all(isinstance(part, tuple) for part in packed)


@pytest.mark.parametrize(
    "garbage", [(), ("a", "b"), ((("x",),), ()), (((1, 2, "t", "DATE", 99, (), "r", None, None),), ())]
)
def test_unpacking_something_else_is_a_value_error(garbage: object) -> None:
    with pytest.raises(ValueError):
        temporal.unpack(garbage)  # type: ignore[arg-type]
