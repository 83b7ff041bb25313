"""The MkDocs plugin: the timeline's pages generated in memory during any MkDocs build.

A thin adapter. It maps its options onto :class:`timeline.config.Config`, runs the same
pipeline and the same renderer as ``timeline build`` (:func:`timeline.site.site_pages`), and
hands MkDocs the pages as ``File.generated`` files under ``prefix``: nothing is written into
``docs_dir``. Under ``mkdocs serve`` it watches the articles folder (and the templates) and keeps
a :class:`timeline.pipeline.Memo` between rebuilds, so saving one article re-reads and
re-extracts that article only, and the merge and the pages redo only what it touched.

How it coexists with ``timeline build``
    ``timeline build`` runs the pipeline once, publishes the Markdown into ``docs_dir`` (for
    people to read or embed, listed in the manifest ``.timeline-generated.json``) and then runs
    MkDocs with this plugin in charge, told through :meth:`TimelinePlugin.use_published` that the
    pages on disk *are* this build's pages: the plugin then generates nothing and only adds the
    stylesheet and the nav entry. Under plain ``mkdocs build``/``mkdocs serve`` the plugin
    generates the pages itself; Markdown that an earlier ``timeline build`` left in ``docs_dir``
    (files named in the manifest) is replaced by the fresh in-memory page of the same path, so
    no page is ever built twice and a stale copy never wins. A hand-written file at the path of
    a generated page is the user's and is kept (the generated page is skipped, with a warning),
    the same rule :func:`timeline.publish.publish_pages` follows.

Inside someone else's project, ``prefix: history/`` puts every page under ``history/`` and
adds one nav entry (the timeline's home page); the other pages and nav entries stay as they are.

The raw HTML of the timeline's own pages
    Most of a timeline page is raw HTML (a span per sentence and per temporal expression), which
    Python-Markdown and MkDocs would each run through ``html.parser``. The plugin adds a Markdown
    extension (:class:`timeline.rawhtml.RawHtmlStash`) that, armed for the timeline's pages only,
    stashes the blocks it can prove are raw HTML blocks just before Python-Markdown's own
    ``html_block`` preprocessor would, in the same stash and in the same form: every later stage
    works as before and the HTML is the same, byte for byte. The ids in those blocks are added
    to the page's anchors, so links into them still validate. ``stash_raw_html: false`` turns it
    off.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from timeline import engine, pipeline
from timeline.config import Config, ConfigError
from timeline.engine import ExtractionMemo
from timeline.rawhtml import RawHtmlStash, RawHtmlState
from timeline.render import PageMemo
from timeline.site import read_published_manifest, site_pages

log = logging.getLogger("mkdocs.plugins.timeline")

CSS_PAGE = "assets/timeline.css"


class TimelinePluginConfig(base.Config):
    """The plugin's options in mkdocs.yml, validated by MkDocs when the file is loaded.

    ``articles`` and ``templates`` are folders relative to mkdocs.yml; they are checked when
    the plugin builds the pages, not on load, so ``timeline build --articles OTHER`` (which
    publishes the pages itself) works even where the configured folder is absent.
    """

    articles = c.Optional(c.Type(str))
    prefix = c.Type(str, default="timeline/")
    templates = c.Optional(c.Type(str))
    title = c.Optional(c.Type(str))
    strict = c.Type(bool, default=False)
    max_events_per_page = c.Type(int, default=200)
    cache = c.Type(bool, default=True)
    stash_raw_html = c.Type(bool, default=True)
    """Set the raw HTML blocks of the timeline's pages aside without running an HTML parser
    over them (same HTML, a faster build); false lets Python-Markdown parse them."""


def normalize_prefix(prefix: str) -> str:
    """``history`` -> ``history/``; ``/`` or empty -> the site root. No ``..``, no absolute path."""
    text = prefix.strip().strip("/")
    if not text:
        return ""
    parts = PurePosixPath(text).parts
    if any(part in ("..", ".") for part in parts) or "\\" in text:
        raise PluginError(f"timeline: prefix {prefix!r} must be a plain folder path like 'history/'")
    return "/".join(parts) + "/"


class TimelinePlugin(BasePlugin[TimelinePluginConfig]):
    """Adds the timeline's pages to an MkDocs build; see the module docstring."""

    def __init__(self) -> None:
        self.memo = pipeline.Memo()
        self.page_memo = PageMemo()
        self.pages: dict[str, str] = {}
        self._serving = False
        self._published: Config | None = None
        self._timeline_config: Config | None = None
        self._prefix = ""
        self._own: set[str] = set()  # src_uri of every page the timeline made, this build
        self.raw_html = RawHtmlState()  # shared with the Markdown extension; see RawHtmlStash

    # Defining on_startup keeps this instance (and its memo) across the rebuilds of `mkdocs serve`.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Only ``mkdocs serve`` keeps the extractions between builds; a single build lets them go
        once the pages are made (at 100,000 articles they are 0.7 GB of the build's memory)."""
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        """MkDocs keeps this instance for the whole process (it is cached by name once it has
        on_startup), so the hand-over from ``timeline build`` must not outlive its build."""
        self._published = None

    def use_published(self, config: Config) -> None:
        """Called by ``timeline build``: the pages are already in ``config.docs_dir`` (with the
        manifest), made from ``config``; take them from there instead of generating them again."""
        self._published = config

    def timeline_config(self, config: MkDocsConfig) -> Config:
        """The plugin's options as the one typed :class:`Config` the core understands."""
        if not self.config.articles:
            raise PluginError("timeline: set the 'articles' option to the folder of articles")
        project = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        for option in ("articles", "templates"):
            folder = self.config[option]
            if folder and not (project / folder).is_dir():
                raise PluginError(f"timeline: {option}: no folder {project / folder}")
        try:
            return Config(
                project=project,
                articles=Path(self.config.articles),
                docs_dir=Path(config.docs_dir),
                site_dir=Path(config.site_dir),
                templates=Path(self.config.templates) if self.config.templates else None,
                title=self.config.title or config.site_name,
                prefix=normalize_prefix(self.config.prefix),
                strict=self.config.strict,
                max_events_per_page=self.config.max_events_per_page,
                cache=self.config.cache,
            )
        except ConfigError as e:
            raise PluginError(f"timeline: {e}") from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._published is not None:
            self._timeline_config = self._published
            self._prefix = self._published.prefix
        else:
            self._timeline_config = self.timeline_config(config)
            self._prefix = self._timeline_config.prefix
        if "timeline" in config.markdown_extensions:
            # A ```timeline block's relative `articles:` means "next to mkdocs.yml".
            config.mdx_configs.setdefault("timeline", {}).setdefault(
                "base_dir", str(self._timeline_config.project)
            )
        self.raw_html.pages = self.raw_html.blocks = 0
        if self.config.stash_raw_html and not any(
            isinstance(e, RawHtmlStash) for e in config.markdown_extensions
        ):
            config.markdown_extensions.append(RawHtmlStash(self.raw_html))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._published is None:
            self._generate(files, config)
        else:
            self._own = set(read_published_manifest(Path(config.docs_dir)))
        if self._prefix:
            # Only the home page goes into the nav (see on_nav): no "not in nav" notices, no
            # auto-nav section listing every article.
            for file in files:
                if file.src_uri.startswith(self._prefix) and file.inclusion.is_in_nav():
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        css = self._prefix + CSS_PAGE
        if files.get_file_from_path(css) is not None and css not in config.extra_css:
            config.extra_css.append(css)
        return files

    def _generate(self, files: Files, config: MkDocsConfig) -> None:
        assert self._timeline_config is not None
        self.memo.extractions.last_extracted = None
        try:
            # Not kept past this method: MkDocs holds every page to the end of the build, and at
            # 100,000 articles the timeline is another 0.7 GB beside them.
            timeline = pipeline.build_timeline(self._timeline_config, memo=self.memo)
        except (pipeline.BuildError, engine.EngineError) as e:
            raise PluginError(f"timeline: {e}") from None
        for problem in timeline.problems:
            log.warning("timeline: %s", problem)
        self.pages = dict(
            site_pages(
                timeline,
                self._timeline_config,
                use_directory_urls=config.use_directory_urls,
                memo=self.page_memo,
            )
        )
        done = self.memo.extractions.last_extracted
        if not self._serving:
            # Only `mkdocs serve` builds again; a single build lets the memos go before MkDocs
            # renders, where they would sit beside every page it keeps to the end.
            self.memo = pipeline.Memo()
            self.page_memo = PageMemo()
        ours = set(read_published_manifest(Path(config.docs_dir)))
        for uri in sorted(ours - set(self.pages)):
            stale = files.get_file_from_path(uri)
            if stale is not None and not stale.generated_by:
                files.remove(stale)
        self._own = set()
        for uri, text in self.pages.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                if uri not in ours:
                    log.warning("timeline: %s is a hand-written page; the generated one is skipped", uri)
                    continue
                files.remove(existing)
            files.append(File.generated(config, uri, content=text))
            self._own.add(uri)
        extracted = "" if done is None else f", {done} extracted"
        log.info(
            "timeline: %d events from %d articles%s, under '%s'",
            len(timeline.events),
            len(timeline.articles),
            extracted,
            self._prefix or "/",
        )

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Arm the raw HTML stash for the conversion of one of the timeline's pages."""
        self.raw_html.arm(self.config.stash_raw_html and page.file.src_uri in self._own)
        return markdown

    @event_priority(-100)  # last, so other plugins' on_page_content still see page.markdown
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The ids of the stashed blocks are anchors of the page, as if MkDocs had parsed them.

        A timeline page's Markdown is let go once it is rendered (``page.markdown`` becomes ""):
        MkDocs keeps every page until the end of the build, and at 100,000 articles their
        Markdown alone is 1.5 GB. MkDocs reads it no more (the title comes from the rendered
        page); it stays in ``docs_dir`` (or in :attr:`pages`) for whoever wants it.
        """
        if self.raw_html.anchor_ids and page.present_anchor_ids is not None:
            page.present_anchor_ids |= self.raw_html.anchor_ids
        self.raw_html.arm(False)
        if page.file.src_uri in self._own:
            page.markdown = ""
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.raw_html.pages:
            log.debug(
                "timeline: raw HTML of %d pages set aside (%d blocks)",
                self.raw_html.pages,
                self.raw_html.blocks,
            )

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """With a prefix, the timeline takes one nav entry: its home page, last."""
        if not self._prefix:
            return nav
        home = files.get_file_from_path(self._prefix + "index.md")
        if home is None or home.page is None:
            return nav
        if any(_under(item, self._prefix) for item in _walk(nav.items)):
            return nav  # the user placed the timeline in their own nav already
        home.page.parent = None
        nav.items.append(home.page)
        nav.pages.append(home.page)
        if len(nav.pages) > 1:
            nav.pages[-2].next_page, home.page.previous_page = home.page, nav.pages[-2]
        return nav

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """Rebuild when an article (or a template) changes, not only when docs_dir does."""
        if self._timeline_config is not None:
            tl = self._timeline_config
            server.watch(str(tl.resolve(tl.articles)))
            if tl.templates:
                server.watch(str(tl.resolve(tl.templates)))
        return server


def _walk(items: Sequence[Any]) -> list[Any]:
    found = []
    for item in items:
        found.append(item)
        if isinstance(item, Section):
            found.extend(_walk(item.children))
    return found


def _under(item: Any, prefix: str) -> bool:
    file = getattr(item, "file", None)
    return file is not None and file.src_uri.startswith(prefix)


__all__ = [
    "ExtractionMemo",
    "TimelinePlugin",
    "TimelinePluginConfig",
    "normalize_prefix",
]
