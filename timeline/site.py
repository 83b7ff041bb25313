"""Build the whole site: timeline -> Markdown in docs_dir -> MkDocs -> HTML in site_dir."""

from __future__ import annotations

from pathlib import Path

from timeline.config import Config
from timeline.model import Timeline
from timeline.pipeline import build_timeline
from timeline.publish import publish_pages
from timeline.render import render_pages


def generate(config: Config) -> Timeline:
    """Build the timeline and write its Markdown pages into the docs folder."""
    timeline = build_timeline(config)
    templates = config.resolve(config.templates) if config.templates else None
    pages = render_pages(timeline, config.title, templates)
    publish_pages(config.resolve(config.docs_dir), pages)
    return timeline


def mkdocs_build(config: Config, mkdocs_yml: Path | None = None) -> None:
    """Run MkDocs on the docs folder into the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = mkdocs_yml or config.project / "mkdocs.yml"
    kwargs = {
        "docs_dir": str(config.resolve(config.docs_dir)),
        "site_dir": str(config.resolve(config.site_dir)),
    }
    if config_file.exists():
        mk = load_config(config_file=str(config_file), **kwargs)
    else:
        mk = load_config(config_file=None, site_name=config.title, **kwargs)
    build(mk)
