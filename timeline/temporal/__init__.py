"""The temporal tagger: find temporal expressions (extract) and anchor them (resolve).

``extract`` needs no dateline and its result can be cached; ``resolve`` is cheap and pure so
dateline inference can try many candidate datelines against one extraction.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from timeline.model import Timex
from timeline.temporal import en
from timeline.temporal.extract import Extraction, Found, Packed, extract_with, pack, unpack
from timeline.temporal.grammar import Grammar, load
from timeline.temporal.resolve import resolve_extraction

__all__ = ["Extraction", "Found", "Packed", "english", "extract", "pack", "resolve", "tag", "unpack"]


@lru_cache(maxsize=1)
def english() -> Grammar:
    """The English grammar, checked and compiled once."""
    return load(
        en.RULES, en.TABLES, en.FUTURE_CUES, en.PAST_CUES, en.STOP_WORDS, en.SAYING_CUES, en.HABITUAL_CUES
    )


def extract(text: str, start: int = 0, end: int | None = None) -> Extraction:
    """Find expressions in ``text[start:end]``; values stay underspecified until :func:`resolve`."""
    return extract_with(english(), text, start, end, en.ABBREVIATIONS)


def resolve(extraction: Extraction, dct: dt.date | None) -> tuple[Timex, ...]:
    """Anchor every value against ``dct``; with None, relative values stay unresolved. Never today."""
    return resolve_extraction(extraction, dct)


def tag(text: str, dct: dt.date | None) -> list[Timex]:
    """``resolve(extract(text), dct)`` as a list: the one-call API."""
    return list(resolve(extract(text), dct))
