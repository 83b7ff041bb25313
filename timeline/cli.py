"""The ``timeline`` command: a thin adapter from the command line to the core."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from timeline.config import Config, ConfigError, load_project_config
from timeline.model import Problem


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


def _warn(config: Config, problems: Sequence[Problem]) -> None:
    """One line per unusable input, naming the file as the user would type it."""
    for problem in problems:
        click.echo(f"warning: {(config.articles / problem.path).as_posix()}: {problem.message}", err=True)


@click.group()
@click.version_option(package_name="newsroom-timeline")
def main() -> None:
    """Turn a folder of news articles into a browsable, static timeline site."""


def _config(project: Path, **options: object) -> Config:
    try:
        return load_project_config(project).with_(**options)
    except ConfigError as e:
        raise click.UsageError(str(e)) from None


def _engine_options(command: Callable[..., None]) -> Callable[..., None]:
    """--jobs/--engine/--scheduler/--no-cache/--quiet/--verbose, shared by build and export;
    each maps onto the Config field of the same name."""
    options = [
        click.option(
            "--jobs", "-j", type=click.IntRange(min=1), help="Extraction processes (default: all cores)."
        ),
        click.option(
            "--engine",
            type=click.Choice(["local", "dask"]),
            help="Where extraction runs: local processes, or a Dask cluster (needs the [dask] extra).",
        ),
        click.option(
            "--scheduler",
            envvar="DASK_SCHEDULER_ADDRESS",
            help="Dask scheduler address for --engine dask (default: $DASK_SCHEDULER_ADDRESS).",
        ),
        click.option(
            "--no-cache", "no_cache", is_flag=True, help="Ignore .timeline-cache/ and extract every article."
        ),
        click.option("--quiet", "-q", is_flag=True, default=None, help="No progress bar, no notes."),
        click.option("--verbose", "-v", is_flag=True, default=None, help="Say what each stage did."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _engine_config(
    jobs: int | None,
    engine: str | None,
    scheduler: str | None,
    no_cache: bool,
    quiet: bool | None,
    verbose: bool | None,
) -> dict[str, object]:
    return {
        "jobs": jobs,
        "engine": engine,
        "scheduler": scheduler,
        "cache": False if no_cache else None,
        "quiet": quiet,
        "verbose": verbose,
    }


@main.command()
@click.option(
    "--articles",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder of articles (default: the one named in mkdocs.yml, else seeds/).",
)
@click.option(
    "--docs-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the generated Markdown goes (MkDocs' docs_dir; default site_src/).",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where MkDocs writes the HTML site (default site/).",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of Jinja templates searched before the built-in ones.",
)
@click.option("--strict", is_flag=True, default=None, help="Fail when an article has no explicit dateline.")
@click.option("--no-site", is_flag=True, help="Write the Markdown only; do not run MkDocs.")
@_engine_options
def build(
    articles: Path | None,
    docs_dir: Path | None,
    site_dir: Path | None,
    templates: Path | None,
    strict: bool | None,
    no_site: bool,
    **engine: Any,
) -> None:
    """Read the articles, resolve their dates and build the timeline site."""
    from timeline.engine import EngineError
    from timeline.fsio import OutputError
    from timeline.lock import LockError
    from timeline.pipeline import BuildError
    from timeline.site import build_site

    config = _config(
        Path.cwd(),
        articles=articles,
        docs_dir=docs_dir,
        site_dir=site_dir,
        templates=templates,
        strict=strict,
        **_engine_config(**engine),
    )
    try:
        summary = build_site(config, with_site=not no_site)
    except (BuildError, EngineError, LockError, OutputError) as e:
        raise click.ClickException(str(e)) from None
    _warn(config, summary.problems)
    click.echo(
        f"{summary.events} events from {summary.articles} articles written to {config.docs_dir}", err=True
    )
    if not no_site:
        click.echo(f"site built in {config.site_dir}", err=True)


@main.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The MkDocs configuration; it must enable the timeline plugin.",
)
def serve(dev_addr: str, config_file: Path) -> None:
    """Run `mkdocs serve` on the project: edit articles and watch the site change.

    The timeline plugin of mkdocs.yml does the work (pages in memory, the articles folder
    watched, only changed articles extracted again), so this is exactly `mkdocs serve`.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise click.UsageError(
            f"no {config_file} here: serve needs an MkDocs project using the timeline plugin"
        )
    try:
        plugins = load_config(config_file=str(config_file)).plugins
    except MkDocsException as e:
        raise click.UsageError(f"{config_file}: {e}") from None
    if "timeline" not in plugins:
        raise click.UsageError(
            f"{config_file} does not enable the timeline plugin; add it under plugins:\n"
            "  plugins:\n    - timeline:\n        articles: seeds"
        )
    try:
        mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr)
    except MkDocsException as e:
        raise click.ClickException(str(e)) from None


@main.command()
@click.argument("articles", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "timelinejs", "csv", "ics"]),
    default="json",
    show_default=True,
    help="json: our schema 1; timelinejs: TimelineJS 3; csv: a row per event and mention; ics: iCalendar.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout."
)
@click.option("--strict", is_flag=True, default=None, help="Fail when an article has no explicit dateline.")
@_engine_options
def export(articles: Path, fmt: str, output: Path | None, strict: bool | None, **engine: Any) -> None:
    """Print the timeline of the ARTICLES folder in an exchange format."""
    from timeline.engine import EngineError
    from timeline.export import render
    from timeline.pipeline import BuildError, build_timeline

    config = _config(Path.cwd(), articles=articles, strict=strict, **_engine_config(**engine))
    try:
        timeline = build_timeline(config)
    except (BuildError, EngineError) as e:
        raise click.ClickException(str(e)) from None
    _warn(config, timeline.problems)
    text = render(timeline, fmt, config.title)
    if output:
        with output.open("w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@main.command()
@click.option("--dct", callback=_parse_date, help="The dateline (document creation time), YYYY-MM-DD.")
@click.option(
    "--batch",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='A JSON Lines file of {"path": ..., "dct": ...}, one file to tag per line.',
)
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def tag(dct: dt.date | None, batch: Path | None, fmt: str, files: tuple[Path, ...]) -> None:
    """Print every temporal expression in FILES as JSON Lines, resolved against --dct."""
    from timeline.evaluate import tag_command

    sys.exit(tag_command(files, dct, batch, sys.stdout))


@main.command(name="eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--errors",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every miss, spurious tag and wrong value with its context to this file.",
)
def eval_(paths: tuple[Path, ...], errors: Path | None) -> None:
    """Score the tagger on TimeML files (TempEval-3 strict, relaxed, value and type P/R/F1)."""
    from timeline.evaluate import eval_command

    sys.exit(eval_command(paths, errors, sys.stdout))
