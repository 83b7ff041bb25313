"""The progress bar speaks only to a terminal; --verbose notes and --quiet are honoured."""

from __future__ import annotations

import io

from timeline.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_the_output_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(1000, "extracting", stream=stream) as progress:
        progress.update(1000)
    assert stream.getvalue() == ""


def test_a_bar_with_count_and_rate_on_a_terminal() -> None:
    stream = Terminal()
    with Progress(10, "extracting", stream=stream) as progress:
        progress.update(10)
    assert "/10 [" in stream.getvalue()  # articles done of the total, time spent and left
    assert "article/s" in stream.getvalue()


def test_quiet_silences_the_bar_and_the_notes_even_on_a_terminal() -> None:
    stream = Terminal()
    with Progress(10, "extracting", quiet=True, verbose=True, stream=stream) as progress:
        progress.note("cache: 10 of 10 articles unchanged")
        progress.update(10)
    assert stream.getvalue() == ""


def test_verbose_notes_reach_a_log_file_too() -> None:
    stream = io.StringIO()
    with Progress(10, "extracting", verbose=True, stream=stream) as progress:
        progress.note("cache: 10 of 10 articles unchanged")
    assert stream.getvalue() == "cache: 10 of 10 articles unchanged\n"
