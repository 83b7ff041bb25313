"""Sentence splitting for edited and for lower-cased, tokenized news text.

Tense is read per sentence and the events engineer cites sentences, so the split must work on
"... on Tuesday. The army ..." and on "... on tuesday . the army ..." alike, without breaking
after "Sept." or "U.S.". The abbreviations come from the language module.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from timeline.model import Sentence

# (the lookahead in front only says where a boundary can start, so the regex engine skips the rest)
_BOUNDARY = re.compile(r"(?=[.!?\n])(?:[.!?]+[\"'”’)\]]*(?=\s)|\n[ \t\r\f\v]*\n|\n(?=[ \t]*[^\s]))")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


def _is_boundary(text: str, m: re.Match[str], end: int, abbreviations: Collection[str]) -> bool:
    punct = m.group()
    if "\n" in punct:
        return True
    following = m.end()
    while following < end and text[following].isspace():
        following += 1
    nxt = text[following] if following < end else ""
    i = m.start()
    if i > 0 and text[i - 1] == " ":
        # tokenized text: "tuesday ." ends a sentence, "sept . 30" does not
        if not nxt.isdigit():
            return True
        before = _WORD_BEFORE.search(text, max(0, i - 21), i - 1)
        return not (before and before.group(1).lower() in abbreviations)
    if punct[0] != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, i - 20), i)
    if word:
        w = word.group(1)
        if w.lower() in abbreviations or len(w) == 1 or "." in w:
            return False
    return nxt == "" or nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘("


def split_sentences(
    text: str, start: int = 0, end: int | None = None, abbreviations: Collection[str] = ()
) -> tuple[Sentence, ...]:
    """Sentence spans of ``text[start:end]`` with surrounding whitespace trimmed; offsets index ``text``."""
    end = len(text) if end is None else end
    spans: list[Sentence] = []
    cursor = start
    for m in _BOUNDARY.finditer(text, start, end):
        if not _is_boundary(text, m, end, abbreviations):
            continue
        stop = m.end() if "\n" not in m.group() else m.start()
        _add(text, cursor, stop, spans)
        cursor = m.end()
    _add(text, cursor, end, spans)
    return tuple(spans)


def _add(text: str, a: int, b: int, spans: list[Sentence]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append(Sentence(a, b))
