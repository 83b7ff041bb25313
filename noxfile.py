"""Sessions: ``tests`` (the whole suite, with a fuzz run bounded to FUZZ_SECONDS), ``lint``
(ruff), ``site`` (build the demo site), ``bench`` (speed and memory figures, printed, never
asserted), ``fuzz`` (only the fuzz target, for as long as you give it)."""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True

TIMEBANK = os.environ.get("TIMEBANK", "../shared/data/timebank")
# How long every test run (CI included) fuzzes ingest + tag; TIMELINE_FUZZ_SECONDS overrides.
FUZZ_SECONDS = os.environ.get("TIMELINE_FUZZ_SECONDS", "60")


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite, browser tests included (they need Debian's chromium)."""
    session.install("-e", ".[test,dask]")
    session.run("pytest", *session.posargs, env={"TIMELINE_FUZZ_SECONDS": FUZZ_SECONDS})


@nox.session
def fuzz(session: nox.Session) -> None:
    """Fuzz ingest + tag for TIMELINE_FUZZ_SECONDS (default 600); findings go to tests/fuzz/corpus/."""
    session.install("-e", ".[test]")
    seconds = os.environ.get("TIMELINE_FUZZ_SECONDS", "600")
    session.run(
        "pytest", "tests/fuzz", "-k", "budget", "-s", *session.posargs, env={"TIMELINE_FUZZ_SECONDS": seconds}
    )


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def site(session: nox.Session) -> None:
    """Build the demo site from seeds/ into site/."""
    session.install("-e", ".")
    session.run("timeline", "build", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Speed and memory figures, each beside a baseline measured in the same run."""
    session.install("-e", ".[dask]", "psutil", "dateparser")
    for script in sorted(os.listdir("bench")):
        if script.startswith("bench_") and script.endswith(".py"):
            args = ["--timebank", TIMEBANK] if os.path.isdir(TIMEBANK) else []
            session.run("python", f"bench/{script}", *args, *session.posargs)
