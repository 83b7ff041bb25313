"""Render a timeline into Markdown pages through the Jinja templates.

Article text is data, never markup: every string from an article goes through
:func:`html_text` (inside HTML) or :func:`md_text` (inside Markdown), so "<script>",
"[x](javascript:...)" or "{{ 7*7 }}" in an article appear literally on the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

import jinja2

from timeline import dates
from timeline.model import Timeline

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")


def html_text(value: object) -> str:
    """Text made safe inside HTML elements and attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def md_text(value: object) -> str:
    """Text made safe inline in Markdown: HTML-escaped, then Markdown syntax backslash-escaped."""
    text = html.escape("" if value is None else str(value), quote=True)
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """Jinja environment searching the user's template folder before the built-in one."""
    search = [str(user_templates)] if user_templates else []
    search.append(str(BUILTIN_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["h"] = html_text
    env.filters["md"] = md_text
    env.filters["period_label"] = dates.label
    env.filters["long_date"] = dates.long_date
    return env


def render_pages(timeline: Timeline, title: str, user_templates: Path | None = None) -> Mapping[str, str]:
    """Every generated page, as a mapping from path (relative to docs_dir) to Markdown."""
    env = environment(user_templates)
    articles = {a.id: a for a in timeline.articles}
    context = {"title": title, "timeline": timeline, "articles": articles}
    pages = {
        "index.md": env.get_template("index.md.j2").render(context),
        "timeline.md": env.get_template("timeline.md.j2").render(context),
    }
    for analysis in timeline.analyses:
        pages[f"articles/{analysis.article.id}.md"] = env.get_template("article.md.j2").render(
            context, article=analysis.article, analysis=analysis
        )
    return pages
