"""Progress for long runs: a bar on a terminal, silence in logs and pipes.

A build of 100,000 articles takes minutes; whoever watches it wants articles done, the rate
and the time left (tqdm shows all three). A CI log or a pipe wants none of that redrawing,
so the bar only appears when the stream is a terminal and ``--quiet`` was not given.
``--verbose`` adds one line per stage fact (cache hits, workers used), terminal or not.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import IO

from tqdm import tqdm  # type: ignore[import-untyped]


class _Bar(tqdm):  # type: ignore[misc]
    """tqdm without its monitor thread: a build forks worker processes, and forking a process
    that has other threads running risks a child stuck on a lock one of them held."""

    monitor_interval = 0


class Progress:
    """Counts articles through a stage; ``note`` prints a line only under --verbose."""

    def __init__(
        self,
        total: int,
        description: str,
        *,
        quiet: bool = False,
        verbose: bool = False,
        stream: IO[str] | None = None,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.started = time.perf_counter()
        interactive = _is_terminal(self.stream)
        self._bar = _Bar(
            total=total,
            desc=description,
            unit="article",
            file=self.stream,
            disable=quiet or not interactive,
            mininterval=0.5,
            smoothing=0.1,
            dynamic_ncols=True,
            leave=False,
        )

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, done: int) -> None:
        """``done`` more articles are finished."""
        self._bar.update(done)

    def note(self, message: str) -> None:
        """A line for --verbose readers, written so it does not break the bar."""
        if self.verbose:
            self._bar.write(message, file=self.stream)

    def close(self) -> None:
        self._bar.close()

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started


@contextlib.contextmanager
def stage(name: str, *, verbose: bool, stream: IO[str] | None = None) -> Iterator[None]:
    """Under --verbose, one line when a build stage ends: its name and how long it took."""
    started = time.perf_counter()
    yield
    if verbose:
        print(f"{name}: {time.perf_counter() - started:.2f} s", file=stream or sys.stderr, flush=True)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
