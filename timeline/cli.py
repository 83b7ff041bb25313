"""The ``timeline`` command: a thin adapter from the command line to the core."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@click.group()
@click.version_option(package_name="newsroom-timeline")
def main() -> None:
    """Turn a folder of news articles into a browsable, static timeline site."""


@main.command()
@click.option("--dct", callback=_parse_date, help="The dateline (document creation time), YYYY-MM-DD.")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='A JSON Lines file of {"path": ..., "dct": ...}, one file to tag per line.')
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def tag(dct: dt.date | None, batch: Path | None, fmt: str, files: tuple[Path, ...]) -> None:
    """Print every temporal expression in FILES as JSON Lines, resolved against --dct."""
    from timeline.evaluate import tag_command

    sys.exit(tag_command(files, dct, batch, sys.stdout))


@main.command(name="eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--errors", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every miss, spurious tag and wrong value with its context to this file.")
def eval_(paths: tuple[Path, ...], errors: Path | None) -> None:
    """Score the tagger on TimeML files (TempEval-3 strict, relaxed, value and type P/R/F1)."""
    from timeline.evaluate import eval_command

    sys.exit(eval_command(paths, errors, sys.stdout))
