"""Throughput of the tagger against dateparser's search_dates on the same TimeBank texts.

Prints characters per second for both (each warmed up on the first text, then timed on all
of them, the median of ``--passes`` passes in CPU seconds) and the ratio, then times hostile inputs of 1 MB
("May may May ...", digits, spaces, nested parentheses, one long paragraph) beside 1 MB of
ordinary articles, since tagging time must stay linear in text length: each input's CPU time
and its ratio to the ordinary articles tagged in the same round, as medians over several rounds.

    python bench/bench_tagger.py --timebank /work/shared/data/timebank
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
import warnings
from pathlib import Path

from timeline.temporal import tag
from timeline.timeml import read_timeml, timeml_files


def _rate(texts: list[tuple[str, object]], run: object, passes: int) -> tuple[float, int, float]:
    """Characters per second over all ``texts``: the median of ``passes`` passes, each timed in
    CPU seconds of this process (a neighbour on a shared machine is not measured)."""
    chars = sum(len(t) for t, _ in texts)
    times = []
    for _ in range(passes):
        gc.collect()
        start = time.process_time()
        for text, dct in texts:
            run(text, dct)  # type: ignore[operator]
        times.append(time.process_time() - start)
    seconds = statistics.median(times)
    return chars / seconds, chars, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timebank", type=Path, required=True)
    parser.add_argument("--hostile-mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=7, help="times each hostile input is tagged")
    parser.add_argument("--passes", type=int, default=3, help="times the TimeBank texts are tagged by each")
    args = parser.parse_args(argv)

    docs = [read_timeml(p) for p in timeml_files([args.timebank])]
    texts = [(d.text, d.dct) for d in docs]
    tag(texts[0][0], texts[0][1])  # compile the grammar outside the timing
    ours, chars, seconds = _rate(texts, tag, args.passes)
    of = f"{len(texts)} docs, median of {args.passes}"
    print(f"timeline.tag      {ours / 1e6:8.3f} MB/s  ({chars} chars in {seconds:.2f} s, {of})")

    import datetime as dt

    from dateparser.search import search_dates

    def with_dateparser(text: str, dct: dt.date | None) -> object:
        settings = {"RELATIVE_BASE": dt.datetime.combine(dct, dt.time())} if dct else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return search_dates(text, languages=["en"], settings=settings)

    with_dateparser(texts[0][0], texts[0][1])  # its language data loads outside the timing
    theirs, dchars, dseconds = _rate(texts, with_dateparser, args.passes)
    print(f"dateparser search {theirs / 1e6:8.3f} MB/s  ({dchars} chars in {dseconds:.2f} s, {of})")
    print(f"ratio             {ours / theirs:8.1f}x")

    size = int(args.hostile_mb * 1_000_000)
    ordinary = ("\n\n".join(t for t, _ in texts) * (size // chars + 1))[:size]
    hostile = {
        "ordinary articles": ordinary,
        "one paragraph": ordinary.replace("\n", " "),
        "May may May": ("May may May " * (size // 12 + 1))[:size],
        "digits": ("1998" * (size // 4 + 1))[:size],
        "spaces": " " * size,
        "nested parens": ("(" * (size // 2) + ")" * (size // 2)),
        "numbers and units": ("3 years 4 days 5 " * (size // 17 + 1))[:size],
    }
    # Each input is tagged ``--rounds`` times, the inputs taking turns, each from a collected
    # heap and timed in CPU seconds of this process (a neighbour on a shared machine is not
    # measured). A round's ratios compare inputs tagged moments apart, so a machine that is
    # slower for a while slows them alike; the median ratio over the rounds is printed, beside
    # the median time.
    # Every other round runs them in the reverse order, so no input is always the one tagged
    # just after another's garbage.
    times: dict[str, list[float]] = {name: [] for name in hostile}
    for round_number in range(args.rounds):
        turn = list(hostile.items())
        for name, text in turn if round_number % 2 == 0 else reversed(turn):
            gc.collect()
            start = time.process_time()
            tag(text, dt.date(2017, 9, 6))
            times[name].append(time.process_time() - start)
    base = times["ordinary articles"]
    print(f"median of {args.rounds} rounds, CPU seconds:")
    for name, text in hostile.items():
        ratios = [t / max(b, 1e-9) for t, b in zip(times[name], base, strict=True)]
        took, ratio = statistics.median(times[name]), statistics.median(ratios)
        print(f"{name:<18} {len(text) / 1e6:5.2f} MB  {took:6.2f} s  ({ratio:4.2f}x ordinary)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
