"""Build the whole site: timeline -> Markdown pages -> MkDocs -> HTML in site_dir.

There is one way to turn a timeline into pages, :func:`site_pages`, used both by ``timeline
build`` and by the MkDocs plugin, so the two give the same pages for the same input.

``timeline build`` = :func:`build_site`: under the project's build lock, :func:`generate`
(pipeline once, pages published into ``docs_dir`` for people to read and embed) then
:func:`mkdocs_build`, both into temporary copies of the output folders that replace the real
ones only when the whole build succeeded (:mod:`timeline.fsio`). MkDocs runs with the ``timeline``
plugin in charge — the one from mkdocs.yml, or one added for this build when mkdocs.yml does
not list it — told to take the published pages as they are (see
:mod:`timeline.mkdocs_plugin`). So a mkdocs.yml that enables the plugin works with plain
``mkdocs build``/``mkdocs serve`` and with ``timeline build``, and no page is generated twice.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.config import Config
from timeline.engine import default_jobs
from timeline.model import Problem, Timeline
from timeline.pipeline import BuildError, Memo, build_timeline
from timeline.progress import stage
from timeline.publish import MANIFEST, Publisher, PublishMemo, _read_manifest, publish_pages
from timeline.render import PageMemo, iter_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


class SiteMemo:
    """What a long-lived process keeps between builds of one site (``mkdocs serve``, a
    rebuild bench): the pipeline's memo, the rendered pages, what was published. With it a
    rebuild after one edit redoes what the edit touched; the output is the same either way."""

    def __init__(self) -> None:
        self.pipeline = Memo()
        self.pages = PageMemo()
        self.published = PublishMemo()


def site_iter_pages(
    timeline: Timeline, config: Config, *, use_directory_urls: bool = True, memo: PageMemo | None = None
) -> Iterator[tuple[str, str]]:
    """:func:`site_pages` one page at a time, in no particular order, for writing out as they come."""
    templates = config.resolve(config.templates) if config.templates else None
    return iter_pages(
        timeline,
        config.title,
        templates,
        max_events_per_page=config.max_events_per_page,
        prefix=config.prefix,
        use_directory_urls=use_directory_urls,
        memo=memo,
        jobs=config.jobs or default_jobs(),
    )


def site_pages(
    timeline: Timeline, config: Config, *, use_directory_urls: bool = True, memo: PageMemo | None = None
) -> Mapping[str, str]:
    """Every generated page (path relative to docs_dir, under ``config.prefix``) -> its text.

    ``use_directory_urls`` is MkDocs' option of that name: the pages link to each other the way
    MkDocs will lay them out. ``memo`` keeps pages between the renders of a long-lived process.
    """
    return dict(sorted(site_iter_pages(timeline, config, use_directory_urls=use_directory_urls, memo=memo)))


def read_published_manifest(docs_dir: Path) -> list[str]:
    """The pages an earlier ``timeline build`` published into ``docs_dir`` (empty when none)."""
    return _read_manifest(docs_dir / MANIFEST)


def project_config(config: Config, mkdocs_yml: Path | None = None) -> tuple[Config, MkDocsConfig]:
    """The project's MkDocs configuration, with the ``timeline`` plugin present, and ``config``
    with the prefix that plugin puts the pages under.

    When mkdocs.yml lists the plugin, its ``prefix`` decides where ``timeline build`` publishes
    too, so both ways of building lay the site out the same; otherwise a plugin is added for the
    build with ``config.prefix``.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from timeline.mkdocs_plugin import TimelinePlugin, normalize_prefix

    config_file = mkdocs_yml or config.resolve(Path("mkdocs.yml"))
    docs_dir = config.resolve(config.docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    kwargs = {"docs_dir": str(docs_dir), "site_dir": str(config.resolve(config.site_dir))}
    try:
        if config_file.exists():
            mk = load_config(config_file=str(config_file), **kwargs)
        else:
            # Our own defaults: the built-in theme without highlight.js, which it would fetch
            # from a CDN (a timeline has no code to colour; the site then calls no third party).
            own = io.StringIO("theme:\n  name: mkdocs\n  highlightjs: false\n")
            mk = load_config(config_file=own, site_name=config.title, **kwargs)
    except ConfigurationError as e:
        raise BuildError(f"{config_file}: {e}") from None
    plugin = mk.plugins.get("timeline")
    if isinstance(plugin, TimelinePlugin):
        config = config.with_(prefix=normalize_prefix(plugin.config.prefix))
    else:
        plugin = TimelinePlugin()
        errors, _warnings = plugin.load_config({"prefix": config.prefix})
        if errors:
            raise BuildError(f"timeline plugin options: {errors}")
        mk.plugins["timeline"] = plugin
    return config, mk


def generate(config: Config, mkdocs_yml: Path | None = None, memo: SiteMemo | None = None) -> Timeline:
    """Build the timeline and write its Markdown pages into the docs folder.

    ``memo`` (kept by the caller between calls) makes a rebuild redo only what changed.
    """
    config, mk = project_config(config, mkdocs_yml)
    timeline = build_timeline(config, memo=memo.pipeline if memo is not None else None)
    pages = site_pages(
        timeline, config, use_directory_urls=mk.use_directory_urls, memo=memo.pages if memo else None
    )
    publish_pages(config.resolve(config.docs_dir), pages, memo=memo.published if memo else None)
    return timeline


def load_mkdocs_config(config: Config, mkdocs_yml: Path | None = None) -> MkDocsConfig:
    """The MkDocs configuration for a ``timeline build`` of ``config``: the plugin is told that
    the pages are already published in docs_dir."""
    from timeline.mkdocs_plugin import TimelinePlugin

    config, mk = project_config(config, mkdocs_yml)
    plugin = mk.plugins["timeline"]
    assert isinstance(plugin, TimelinePlugin)
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


@dataclass(frozen=True)
class BuildSummary:
    """What ``timeline build`` reports when it is done: counts and problems. The timeline itself
    is let go once its pages are written, so MkDocs runs with the memory it held."""

    events: int
    articles: int
    problems: tuple[Problem, ...]


def build_site(config: Config, mkdocs_yml: Path | None = None, *, with_site: bool = True) -> BuildSummary:
    """``timeline build``: the timeline's pages into docs_dir and, ``with_site``, MkDocs' HTML
    into site_dir, under the project's build lock and replaced whole or not at all.

    A second build of the same project fails at once (:class:`timeline.lock.BuildLocked`); a
    build stopped at any moment leaves the previous ``site_src/`` and ``site/`` as they were; a
    read-only or full output folder is an :class:`timeline.fsio.OutputError`. The user's own
    pages in docs_dir are carried over into the new folder untouched.
    """
    from timeline.fsio import build_outputs

    config, mk = project_config(config, mkdocs_yml)

    verbose = config.verbose and not config.quiet

    def write_docs(docs: Path) -> BuildSummary:
        timeline = build_timeline(config)
        # Written as they are rendered (never all in memory), and not fsynced page by page:
        # build_outputs syncs the folder once before swapping it in.
        with stage("render and write the pages", verbose=verbose):
            publisher = Publisher(docs, durable=False)
            for path, text in site_iter_pages(timeline, config, use_directory_urls=mk.use_directory_urls):
                publisher.write(path, text)
            publisher.finish()
        return BuildSummary(len(timeline.events), len(timeline.articles), timeline.problems)

    def write_site(docs: Path, site: Path) -> None:
        with stage("MkDocs", verbose=verbose):
            mkdocs_build(config.with_(docs_dir=docs, site_dir=site), mkdocs_yml)

    return build_outputs(
        config.project,
        config.resolve(config.docs_dir),
        config.resolve(config.site_dir) if with_site else None,
        write_docs,
        write_site if with_site else None,
    )
