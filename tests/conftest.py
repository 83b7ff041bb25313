"""Shared fixtures: build a site from an articles folder, serve a folder on 127.0.0.1, drive Chromium.

* ``build_site(project, articles, theme=...)`` runs the real stages (read ... merge, render,
  publish, MkDocs) into ``project/site_src`` and ``project/site`` and returns a :class:`BuiltSite`;
* ``seeds_site`` / ``seeds_material_site``: the demo articles built once per session with MkDocs'
  built-in theme and with Material; ``corpus_site``: 300 generated articles, built once;
* ``serve``: a function serving a folder over HTTP on 127.0.0.1 (a free port, a thread), stopped
  at the end of the test;
* ``browser``: Debian's Chromium through Playwright, once per session. Skipped with a hint when
  /usr/bin/chromium is missing, a failure when ``CI=true``. Never downloads a browser.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@dataclass(frozen=True)
class BuiltSite:
    """A built project: the folders and the timeline it was built from."""

    project: Path
    docs_dir: Path
    site_dir: Path
    timeline: Any
    pages: dict[str, str]


def build_site(
    project: Path,
    articles: Path,
    *,
    theme: str = "mkdocs",
    title: str = "Test timeline",
    max_events_per_page: int = 200,
    templates: Path | None = None,
    markdown_extensions: list[Any] | None = None,
    use_directory_urls: bool = True,
) -> BuiltSite:
    """Build ``articles`` into ``project`` through the renderer and MkDocs itself.

    The MkDocs configuration is written here (theme, search, the timeline CSS in ``extra_css``)
    so the site tests do not depend on how ``timeline build`` wires MkDocs. MkDocs' build date
    comes from ``SOURCE_DATE_EPOCH``, set from the newest dateline, so builds are reproducible.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from timeline.config import Config
    from timeline.pipeline import build_timeline
    from timeline.publish import publish_pages
    from timeline.render import CSS_PAGE, nav, render_pages, source_date_epoch

    project.mkdir(parents=True, exist_ok=True)
    config = Config(project=project, articles=articles, title=title, cache=False, quiet=True)
    timeline = build_timeline(config)
    pages = dict(
        render_pages(
            timeline,
            title,
            templates,
            max_events_per_page=max_events_per_page,
            use_directory_urls=use_directory_urls,
        )
    )
    docs_dir, site_dir = project / "site_src", project / "site"
    publish_pages(docs_dir, pages)
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(
        yaml.safe_dump(
            {
                "site_name": title,
                "docs_dir": "site_src",
                "site_dir": "site",
                # Material fetches Google Fonts and the built-in theme highlight.js from a CDN
                # unless told not to; a test site stays on 127.0.0.1.
                "theme": {"name": theme, "font": False}
                if theme == "material"
                else {"name": theme, "highlightjs": False},
                "plugins": ["search"],
                "extra_css": [CSS_PAGE],
                "nav": nav(),
                "use_directory_urls": use_directory_urls,
                **({"markdown_extensions": markdown_extensions} if markdown_extensions else {}),
            },
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(timeline))
    try:
        build(load_config(config_file=str(mkdocs_yml)))
    finally:
        if epoch is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    return BuiltSite(project, docs_dir, site_dir, timeline, pages)


@pytest.fixture(scope="session")
def site_builder() -> Callable[..., BuiltSite]:
    """:func:`build_site`, for tests that build their own corpus."""
    return build_site


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The demo articles built once with MkDocs' built-in theme."""
    project = tmp_path_factory.mktemp("seeds-site")
    shutil.copytree(SEEDS, project / "seeds")
    return build_site(project, project / "seeds", title="Deir al-Zor, September 2017")


@pytest.fixture(scope="session")
def seeds_material_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The demo articles built once with Material for MkDocs (skipped when it is not installed)."""
    pytest.importorskip("material", reason="mkdocs-material is not installed: pip install mkdocs-material")
    project = tmp_path_factory.mktemp("seeds-material")
    shutil.copytree(SEEDS, project / "seeds")
    return build_site(project, project / "seeds", theme="material", title="Deir al-Zor, September 2017")


CORPUS_SIZE = 300


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A generated corpus of :data:`CORPUS_SIZE` articles (the seeds' text under shifted
    datelines, from :mod:`timeline.synth`), built once with the built-in theme."""
    from timeline import synth

    project = tmp_path_factory.mktemp("corpus-site")
    synth.write_text_corpus(project / "articles", synth.load_sources(SEEDS), CORPUS_SIZE)
    return build_site(project, project / "articles", title="Generated corpus")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 on a free port for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """A function that serves a folder and returns its base URL; every server stops after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda folder: stack.enter_context(serving(folder))


def chromium_or_skip() -> None:
    """Skip (outside CI) or fail (CI=true) when Debian's Chromium is not installed."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} not found: install it with `apt-get install chromium`"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " (required in CI)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium driven by Playwright, launched once; pages come from ``browser.new_page()``."""
    chromium_or_skip()
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests save screenshots (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
