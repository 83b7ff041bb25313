"""Read TimeML files: the plain text of TEXT, its gold TIMEX3 spans and the DCT.

Evaluation needs exactly what a tagger sees (the text with the markup stripped) and where the
annotators put each expression in that text, so offsets here index the stripped text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b([^>]*)>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)\b([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    """One annotated expression: offsets into the document's plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDocument:
    """A TimeML file reduced to what a temporal tagger is scored on."""

    path: str
    text: str
    dct: dt.date | None
    gold: tuple[GoldTimex, ...]


def _attrs(raw: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(raw)}


def _dct(markup: str) -> dt.date | None:
    found = _DCT.search(markup)
    if not found:
        return None
    value = _attrs(found.group(1)).get("value", "")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_timeml(markup: str, path: str = "") -> TimeMLDocument:
    """Strip the tags of TEXT, remembering where each TIMEX3 began and ended in the plain text."""
    body_match = _TEXT.search(markup)
    body = body_match.group(1) if body_match else ""
    pieces: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, raw_attrs, selfclosing = tag.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex.append((length, _attrs(raw_attrs)))
        elif open_timex:
            start, attrs = open_timex.pop()
            gold.append(
                GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod"))
            )
    tail = html.unescape(body[pos:])
    pieces.append(tail)
    text = "".join(pieces)
    spans = tuple(
        GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value, g.mod)
        for g in sorted(gold, key=lambda g: (g.start, g.end))
    )
    return TimeMLDocument(path, text, _dct(markup), spans)


def read_timeml(path: Path) -> TimeMLDocument:
    return parse_timeml(path.read_text(encoding="utf-8"), str(path))


def timeml_files(paths: tuple[Path, ...] | list[Path]) -> list[Path]:
    """Every .tml/.xml file named or inside a named folder, in a stable order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.suffix in (".tml", ".xml") and q.is_file()))
        else:
            found.append(p)
    return found
