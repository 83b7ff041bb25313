"""Content keys: spelling variants and tokenized text compare equal; weights favour rare words."""

from __future__ import annotations

import random

import pytest

from timeline import content


@pytest.mark.parametrize(
    "variants",
    [
        ("Deir al-Zor", "Deir Ezzour", "deir al-zor", "Dayr az-Zawr", "Deir ez-Zor"),
        ("Hezbollah", "Hizballah", "hezbollah"),
        ("broke the siege", "breaking a siege", "BREAK THE SIEGE"),
    ],
)
def test_spelling_variants_have_the_same_keys(variants: tuple[str, ...]) -> None:
    assert len({content.keys(v) for v in variants}) == 1


def test_function_words_and_reporting_verbs_carry_no_content() -> None:
    assert content.keys("it was said that they had been there") == frozenset()


def test_rare_keys_weigh_more_than_common_ones() -> None:
    weights = content.Weights.of(
        [content.keys("syria army"), content.keys("syria siege"), content.keys("syria")]
    )
    assert weights.weight(content.key("siege") or "") > weights.weight(content.key("syria") or "")


def test_overlap_is_one_when_one_signature_says_all_the_other_does() -> None:
    a, b = (
        content.keys("army broke siege Deir al-Zor"),
        content.keys("the army broke the siege of Deir Ezzour city"),
    )
    weights = content.Weights.of([a, b])
    assert content.overlap(a, b, weights) == pytest.approx(1.0)
    assert content.overlap(a, content.keys("football cup final"), weights) == 0.0


def test_wire_dateline_and_attribution_are_trimmed() -> None:
    assert content.trim_wire_dateline("beirut ( reuters ) - the army advanced .") == "the army advanced ."
    assert content.trim_attribution("Troops reached the besieged city on Tuesday, the army said.") == (
        "Troops reached the besieged city on Tuesday."
    )


def test_weights_kept_between_counts_equal_weights_counted_from_scratch() -> None:
    """Key sets replaced, added, removed, repeated (one object several times) and emptied: the
    memo's weights are those of a fresh count every time."""
    rng = random.Random(5)
    words = [f"w{i}" for i in range(40)]

    def keys() -> frozenset[str]:
        return frozenset(rng.sample(words, rng.randrange(0, 8)))

    documents = [keys() for _ in range(60)]
    memo = content.WeightsMemo()
    for step in range(40):
        got = memo.of(documents)
        want = content.Weights.of(documents)
        assert got == want and dict(got.table) == dict(want.table), f"step {step}"
        kind = step % 4
        if kind == 0:
            documents[rng.randrange(len(documents))] = keys()
        elif kind == 1:
            documents.append(documents[rng.randrange(len(documents))])  # the same object twice
        elif kind == 2:
            del documents[rng.randrange(len(documents))]
        else:
            documents[rng.randrange(len(documents))] = frozenset()
