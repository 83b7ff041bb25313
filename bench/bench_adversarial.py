"""Tagging time on adversarial text beside ordinary news text of the same size (issue 9).

Printed, never asserted. For each input (1 MB by default) it prints the seconds to extract and
resolve, microseconds per character and the ratio to 1 MB of the demo articles repeated; a
linear tagger keeps every ratio near a small constant. Inputs: digits, "May may May",
nested parentheses around a date, 100,000 spaces, and one long sentence dense with dates
(a table pasted as text), which is also timed at growing sizes to show how it scales
("x2 size -> xN time": N near 2 is linear, near 4 quadratic).

Each measurement runs in its own process with a time budget, so a pathological case reports
"over budget" instead of hanging the benchmark.

    python bench/bench_adversarial.py [--size 1000000] [--budget 60] [--timebank PATH (unused)]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _news(size: int) -> str:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (text * (size // len(text) + 1))[:size]


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


INPUTS: dict[str, Callable[[int], str]] = {
    "ordinary news": _news,
    "digits": _repeat("1234567890"),
    "May may May": _repeat("May may May "),
    "nested parentheses": lambda size: "(" * (size // 2) + "May 2017" + ")" * (size // 2),
    "100,000 spaces": lambda size: " " * 100_000 + "on 5 May 2017",
    "spaces": lambda size: " " * size,
    "dense dates, one sentence": _repeat("May 5, 2017, "),
}


def measure(name: str, size: int) -> dict[str, float]:
    """Time one input in this process (called in a child process by :func:`main`)."""
    from timeline import temporal

    temporal.extract("warm up on 5 May 2017")
    text = INPUTS[name](size)
    started = time.perf_counter()
    extraction = temporal.extract(text)
    timexes = temporal.resolve(extraction, None)
    seconds = time.perf_counter() - started
    return {"chars": len(text), "seconds": seconds, "found": len(timexes)}


def _child(name: str, size: int, budget: float) -> dict[str, float] | None:
    try:
        done = subprocess.run(
            [sys.executable, __file__, "--one", name, "--size", str(size)],
            capture_output=True,
            text=True,
            timeout=budget,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per measurement")
    parser.add_argument("--timebank", help="accepted for the nox session; unused")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.size)))
        return
    print(f"# adversarial tagging, {args.size:,} characters each; load average {os.getloadavg()[0]:.2f}")
    base = _child("ordinary news", args.size, args.budget)
    for name in INPUTS:
        result = base if name == "ordinary news" else _child(name, args.size, args.budget)
        if result is None:
            print(f"{name:28} over the {args.budget:.0f} s budget")
            continue
        per_char = 1e6 * result["seconds"] / max(result["chars"], 1)
        ratio = f"{result['seconds'] / base['seconds']:6.2f}x news" if base else ""
        print(
            f"{name:28} {result['chars']:>9,} chars {result['seconds']:8.2f} s "
            f"{per_char:7.2f} us/char {ratio}  ({result['found']:,} expressions)"
        )
    print("# growth of one sentence dense with dates")
    previous = None
    for size in (8_000, 16_000, 32_000, 64_000):
        result = _child("dense dates, one sentence", size, args.budget)
        if result is None:
            print(f"{size:>9,} chars over the {args.budget:.0f} s budget")
            break
        growth = f"x2 size -> x{result['seconds'] / previous:.1f} time" if previous else ""
        print(f"{size:>9,} chars {result['seconds']:8.2f} s  {growth}")
        previous = result["seconds"]


if __name__ == "__main__":
    main()
