"""Score the tagger on TimeML files the TempEval-3 way, and the ``tag``/``eval`` command bodies.

Strict: a system span equals a gold span. Relaxed: spans overlap (paired one to one). Value and
type: a relaxed pair whose value (type) is equal. Precision is over all system expressions,
recall over all gold. The error list is what drives grammar work, so it names every miss,
spurious tag and wrong value with its context.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from timeline.model import Timex
from timeline.temporal import tag
from timeline.timeml import GoldTimex, TimeMLDocument, read_timeml, timeml_files


@dataclass(frozen=True)
class Score:
    """Matches, system count and gold count of one measure, with P/R/F1 derived."""

    matches: int
    system: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matches / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matches / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class DocumentResult:
    document: TimeMLDocument
    system: tuple[Timex, ...]
    pairs: tuple[tuple[GoldTimex, Timex], ...]
    strict: int


def _pair(gold: tuple[GoldTimex, ...], system: tuple[Timex, ...]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one pairs of overlapping spans, exact matches first."""
    used: set[int] = set()
    pairs: dict[int, tuple[GoldTimex, Timex]] = {}
    for exact in (True, False):
        for gi, g in enumerate(gold):
            if gi in pairs:
                continue
            for si, s in enumerate(system):
                if si in used:
                    continue
                ok = (s.start, s.end) == (g.start, g.end) if exact else s.start < g.end and g.start < s.end
                if ok:
                    pairs[gi] = (g, s)
                    used.add(si)
                    break
    return [pairs[i] for i in sorted(pairs)]


def score_document(document: TimeMLDocument) -> DocumentResult:
    system = tuple(tag(document.text, document.dct))
    pairs = _pair(document.gold, system)
    strict = sum(1 for g, s in pairs if (g.start, g.end) == (s.start, s.end))
    return DocumentResult(document, system, tuple(pairs), strict)


def scores(results: Iterable[DocumentResult]) -> dict[str, Score]:
    results = list(results)
    n_sys = sum(len(r.system) for r in results)
    n_gold = sum(len(r.document.gold) for r in results)
    return {
        "strict": Score(sum(r.strict for r in results), n_sys, n_gold),
        "relaxed": Score(sum(len(r.pairs) for r in results), n_sys, n_gold),
        "value": Score(sum(1 for r in results for g, s in r.pairs if g.value == s.value), n_sys, n_gold),
        "type": Score(sum(1 for r in results for g, s in r.pairs if g.type == s.type), n_sys, n_gold),
    }


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def error_lines(results: Iterable[DocumentResult]) -> list[str]:
    """Every miss, spurious tag, wrong value, wrong type and span difference, one per line."""
    lines: list[str] = []
    for r in results:
        doc = r.document
        paired_gold = {(g.start, g.end) for g, _ in r.pairs}
        paired_sys = {(s.start, s.end) for _, s in r.pairs}
        name = Path(doc.path).name
        for g in doc.gold:
            if (g.start, g.end) not in paired_gold:
                lines.append(
                    f"MISS\t{name}\tdct={doc.dct}\t{g.type}\t{g.value}\t{_context(doc.text, g.start, g.end)}"
                )
        for s in r.system:
            if (s.start, s.end) not in paired_sys:
                lines.append(
                    f"SPURIOUS\t{name}\tdct={doc.dct}\t{s.type}\t{s.value}\t{s.rule}\t"
                    f"{_context(doc.text, s.start, s.end)}"
                )
        for g, s in r.pairs:
            if g.value != s.value:
                lines.append(
                    f"VALUE\t{name}\tdct={doc.dct}\tgold={g.type}:{g.value}\tsys={s.type}:{s.value}\t"
                    f"{s.rule}\tgold_text={g.text!r}\t{_context(doc.text, s.start, s.end)}"
                )
            if (g.start, g.end) != (s.start, s.end):
                lines.append(
                    f"SPAN\t{name}\tgold={g.text!r}\tsys={s.text!r}\t{s.rule}\t"
                    f"{_context(doc.text, min(g.start, s.start), max(g.end, s.end))}"
                )
    return lines


def error_classes(results: Iterable[DocumentResult]) -> Counter[tuple[str, str]]:
    """Errors counted by kind and by the rule at fault (a miss by its gold type): what to fix first."""
    classes: Counter[tuple[str, str]] = Counter()
    for r in results:
        paired_gold = {(g.start, g.end) for g, _ in r.pairs}
        paired_sys = {(s.start, s.end) for _, s in r.pairs}
        classes.update(("MISS", g.type) for g in r.document.gold if (g.start, g.end) not in paired_gold)
        classes.update(("SPURIOUS", s.rule) for s in r.system if (s.start, s.end) not in paired_sys)
        classes.update(("VALUE", s.rule) for g, s in r.pairs if g.value != s.value)
        classes.update(("SPAN", s.rule) for g, s in r.pairs if (g.start, g.end) != (s.start, s.end))
    return classes


def format_classes(classes: Counter[tuple[str, str]], top: int = 6) -> str:
    """One line per error kind: its total, then its largest classes."""
    rows = []
    for kind in sorted({k for k, _ in classes}):
        mine = sorted(((n, c) for (k, c), n in classes.items() if k == kind), key=lambda x: (-x[0], x[1]))
        total = sum(n for n, _ in mine)
        rows.append(f"  {kind} {total}: " + ", ".join(f"{c} {n}" for n, c in mine[:top]))
    return "\n".join(rows)


def format_scores(table: dict[str, Score]) -> str:
    rows = [f"{'measure':<8} {'P':>6} {'R':>6} {'F1':>6}   matches/system/gold"]
    for name, s in table.items():
        rows.append(
            f"{name:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}   {s.matches}/{s.system}/{s.gold}"
        )
    return "\n".join(rows)


def eval_command(paths: tuple[Path, ...], errors: Path | None, out: TextIO) -> int:
    """``timeline eval``: score every TimeML file under ``paths``; write the error list if asked."""
    files = timeml_files(paths)
    if not files:
        out.write("no TimeML files (.tml, .xml) found\n")
        return 1
    results = [score_document(read_timeml(p)) for p in files]
    out.write(f"{len(files)} documents, {sum(len(r.document.gold) for r in results)} gold expressions\n")
    out.write(format_scores(scores(results)) + "\n")
    if errors is not None:
        lines = error_lines(results)
        errors.write_text("\n".join(lines) + "\n", encoding="utf-8")
        kinds = Counter(line.split("\t", 1)[0] for line in lines)
        out.write("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + f" -> {errors}\n")
        out.write(format_classes(error_classes(results)) + "\n")
    return 0


def _tag_lines(path: Path, dct: dt.date | None, out: TextIO) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    for t in tag(text, dct):
        record = {
            "file": str(path),
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def tag_command(files: tuple[Path, ...], dct: dt.date | None, batch: Path | None, out: TextIO) -> int:
    """``timeline tag``: JSON Lines of every expression, offsets into each file as stored."""
    for path in files:
        _tag_lines(path, dct, out)
    if batch is not None:
        base = batch.parent
        with open(batch, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    path = Path(item["path"])
                    item_dct = dt.date.fromisoformat(item["dct"]) if item.get("dct") else None
                except (ValueError, KeyError, TypeError) as e:
                    raise SystemExit(
                        f'{batch}:{number}: expected {{"path": ..., "dct": "YYYY-MM-DD"}} ({e})'
                    ) from None
                if not path.is_absolute() and not path.exists():
                    path = base / path
                _tag_lines(path, item_dct, out)
    return 0
