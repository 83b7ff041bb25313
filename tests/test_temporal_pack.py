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


def test_every_kind_of_value_the_grammar_makes_packs() -> None:
    # each rule's examples, so a new kind of value cannot be left out of the packing table
    from timeline.temporal import en

    text = "\n\n".join(example.text for rule in en.RULES for example in rule.examples)
    extraction = temporal.extract(text)
    kinds = {type(f.value).__name__ for f in extraction.found}
    assert {"RangeEnd", "Anaphor", "Holiday", "QuarterEnding"} <= kinds
    assert temporal.unpack(temporal.pack(extraction)) == extraction
