"""Build the whole site: timeline -> Markdown pages -> MkDocs -> HTML in site_dir.

There is one way to turn a timeline into pages, :func:`site_pages`, used both by ``timeline
build`` and by the MkDocs plugin, so the two give the same pages for the same input.

``timeline build`` = :func:`generate` (pipeline once, pages published into ``docs_dir`` for
people to read and embed) then :func:`mkdocs_build`, which runs MkDocs with the ``timeline``
plugin in charge — the one from mkdocs.yml, or one added for this build when mkdocs.yml does
not list it — told to take the published pages as they are (see
:mod:`timeline.mkdocs_plugin`). So a mkdocs.yml that enables the plugin works with plain
``mkdocs build``/``mkdocs serve`` and with ``timeline build``, and no page is generated twice.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.config import Config
from timeline.model import Timeline
from timeline.pipeline import build_timeline
from timeline.publish import MANIFEST, _read_manifest, publish_pages
from timeline.render import render_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def site_pages(timeline: Timeline, config: Config, *, use_directory_urls: bool = True) -> Mapping[str, str]:
    """Every generated page (path relative to docs_dir, under ``config.prefix``) -> its text.

    ``use_directory_urls`` is MkDocs' option of that name: the pages link to each other the way
    MkDocs will lay them out.
    """
    templates = config.resolve(config.templates) if config.templates else None
    pages = render_pages(
        timeline,
        config.title,
        templates,
        max_events_per_page=config.max_events_per_page,
        prefix=config.prefix,
        use_directory_urls=use_directory_urls,
    )
    return dict(sorted(pages.items()))


def read_published_manifest(docs_dir: Path) -> list[str]:
    """The pages an earlier ``timeline build`` published into ``docs_dir`` (empty when none)."""
    return _read_manifest(docs_dir / MANIFEST)


def generate(config: Config) -> Timeline:
    """Build the timeline and write its Markdown pages into the docs folder."""
    timeline = build_timeline(config)
    use_directory_urls = bool(config.extra.get("use_directory_urls", True))
    pages = site_pages(timeline, config, use_directory_urls=use_directory_urls)
    publish_pages(config.resolve(config.docs_dir), pages)
    return timeline


def load_mkdocs_config(config: Config, mkdocs_yml: Path | None = None) -> MkDocsConfig:
    """The project's MkDocs configuration for a ``timeline build`` of ``config``, with the
    ``timeline`` plugin present and told that the pages are already published."""
    from mkdocs.config import load_config

    from timeline.mkdocs_plugin import TimelinePlugin

    config_file = mkdocs_yml or config.resolve(Path("mkdocs.yml"))
    kwargs = {
        "docs_dir": str(config.resolve(config.docs_dir)),
        "site_dir": str(config.resolve(config.site_dir)),
    }
    if config_file.exists():
        mk = load_config(config_file=str(config_file), **kwargs)
    else:
        mk = load_config(config_file=io.StringIO(""), site_name=config.title, **kwargs)
    plugin = mk.plugins.get("timeline")
    if not isinstance(plugin, TimelinePlugin):
        plugin = TimelinePlugin()
        errors, _warnings = plugin.load_config({"prefix": config.prefix or "/"})
        if errors:
            raise ValueError(f"timeline plugin options: {errors}")
        mk.plugins["timeline"] = plugin
    plugin.use_published(config)
    return mk


def mkdocs_build(config: Config, mkdocs_yml: Path | None = None) -> None:
    """Run MkDocs on the docs folder (already holding the published pages) into the site folder.

    MkDocs stamps the home page and the sitemap with the build date; unless the caller set
    ``SOURCE_DATE_EPOCH``, it is pinned to 0 for the build so the same articles give the same
    bytes (the clock is never part of the output).
    """
    from mkdocs.commands.build import build

    mk = load_mkdocs_config(config, mkdocs_yml)
    pinned = "SOURCE_DATE_EPOCH" not in os.environ
    if pinned:
        os.environ["SOURCE_DATE_EPOCH"] = "0"
    mk.plugins.on_startup(command="build", dirty=False)
    try:
        build(mk)
    finally:
        mk.plugins.on_shutdown()
        if pinned:
            del os.environ["SOURCE_DATE_EPOCH"]
