"""The built site, checked on its HTML: pages, links to sentences, highlighting, hostile text,
determinism, hand-written pages, headings and links that make sense without sight or script."""

from __future__ import annotations

import hashlib
import itertools
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEEDS, BuiltSite

from timeline.publish import MANIFEST, publish_pages


class Page(HTMLParser):
    """The facts the tests read from one HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.links: list[tuple[str, str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._open: list[str] = []
        self._link: tuple[str, list[str]] | None = None
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        for name, value in attrs:
            self.attributes.append((tag, name, value))
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "a" and a.get("href") is not None:
            self._link = (str(a["href"]), [])
        if tag == "script":
            self._script, self._script_text = a, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link:
            self.links.append((self._link[0], "".join(self._link[1]).strip()))
            self._link = None
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
            return
        self.text.append(data)
        if self._link:
            self._link[1].append(data)

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def page(site: BuiltSite, relative: str) -> Page:
    return Page((site.site_dir / relative).read_text(encoding="utf-8"))


def test_home_shows_span_counts_chart_and_latest_events(seeds_site: BuiltSite) -> None:
    html = (seeds_site.site_dir / "index.html").read_text(encoding="utf-8")
    home = Page(html)
    events = seeds_site.timeline.events
    assert f"{len(events)} events from 4 articles by 2 sources" in home.all_text
    assert "<svg" in html and 'class="tl-chart"' in html
    assert "Latest events" in home.all_text
    assert events[-1].text.split()[0] in home.all_text


def test_every_page_is_built(seeds_site: BuiltSite) -> None:
    for relative in ("timeline", "sources", "how-dates-are-resolved"):
        assert (seeds_site.site_dir / relative / "index.html").is_file()
    assert (seeds_site.site_dir / "assets" / "timeline.css").is_file()
    for article in seeds_site.timeline.articles:
        assert (seeds_site.site_dir / "articles" / article.id / "index.html").is_file()


def test_sources_link_to_the_sentence_anchor_on_the_article_page(seeds_site: BuiltSite) -> None:
    timeline = page(seeds_site, "timeline/index.html")
    checked = 0
    for event in seeds_site.timeline.events:
        assert event.id in timeline.ids
        for m in event.mentions:
            target = f"../articles/{m.article}/#s-{m.sentence_start}"
            assert target in [h for h, _ in timeline.links], target
            article_page = page(seeds_site, f"articles/{m.article}/index.html")
            assert f"s-{m.sentence_start}" in article_page.ids
            checked += 1
    assert checked >= 5


def test_article_page_highlights_every_expression_with_its_explanation(seeds_site: BuiltSite) -> None:
    for analysis in seeds_site.timeline.analyses:
        html = (seeds_site.site_dir / "articles" / analysis.article.id / "index.html").read_text("utf-8")
        parsed = Page(html)
        spans = [a for t, a in parsed.tags if t == "span" and "tl-timex" in (a.get("class") or "")]
        inside = [t for t in analysis.timexes if analysis.article.body_start <= t.start]
        assert len(spans) == len({t.start for t in inside})
        for span in spans:
            assert span.get("tabindex") == "0" and span.get("title")
            assert f"{span['aria-describedby']}" in parsed.ids
        for t in inside:
            if t.explanation:
                assert t.explanation in parsed.all_text


def test_article_page_says_how_its_dateline_was_obtained(seeds_site: BuiltSite) -> None:
    wsj = next(a for a in seeds_site.timeline.articles if a.id.startswith("wsj"))
    text = page(seeds_site, f"articles/{wsj.id}/index.html").all_text
    assert "Wednesday 6 September 2017" in text
    assert wsj.dateline.origin in text
    for reason in wsj.dateline.evidence:
        assert " ".join(reason.split()) in text


def test_dated_sentences_link_to_their_event(seeds_site: BuiltSite) -> None:
    for event in seeds_site.timeline.events:
        for m in event.mentions:
            links = page(seeds_site, f"articles/{m.article}/index.html").links
            assert any(h.endswith(f"timeline/#{event.id}") and t.startswith("event:") for h, t in links)


def test_headings_are_in_order_and_links_have_text(seeds_site: BuiltSite) -> None:
    for html_file in sorted((seeds_site.site_dir).rglob("*.html")):
        if html_file.name == "404.html":
            continue
        html = html_file.read_text(encoding="utf-8")
        main = html[html.index("<h1") :]
        main = main[: min(i for i in (main.find("<footer"), main.find('class="modal'), len(main)) if i >= 0)]
        parsed = Page(main)
        content = parsed.headings
        assert content.count(1) == 1, html_file
        for before, after in itertools.pairwise(content):
            assert after <= before + 1, f"{html_file}: h{before} then h{after}"
        generated = [(h, t) for h, t in parsed.links if "#s-" in h or "#e-" in h or "articles/" in h]
        assert all(t for _, t in generated), html_file


def test_search_index_holds_event_words(seeds_site: BuiltSite) -> None:
    index = (seeds_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "villages" in index
    assert "siege" in index


def test_material_theme_builds_the_same_pages(seeds_material_site: BuiltSite, seeds_site: BuiltSite) -> None:
    assert seeds_material_site.pages == seeds_site.pages
    html = (seeds_material_site.site_dir / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "assets/timeline.css" in html and 'class="tl-event' in html


def test_links_resolve_without_directory_urls(tmp_path: Path, site_builder: Callable[..., BuiltSite]) -> None:
    """With ``use_directory_urls: false`` (a site opened from disk) every generated link still
    reaches a file and, where it has one, an anchor on it."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    built = site_builder(tmp_path / "flat", SEEDS, use_directory_urls=False, max_events_per_page=5)
    checked = 0
    for html_file in sorted(built.site_dir.rglob("*.html")):
        here = html_file.relative_to(built.site_dir).as_posix()
        for href, _ in Page(html_file.read_text(encoding="utf-8")).links:
            url = urlsplit(href)
            if url.scheme or url.netloc or not url.path or "tl-" in href:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(here), unquote(url.path)))
            if target.startswith(("articles/", "timeline", "sources", "index", "how-dates")):
                assert (built.site_dir / target).is_file(), f"{here}: {href}"
                if url.fragment:
                    assert url.fragment in Page((built.site_dir / target).read_text("utf-8")).ids, href
                checked += 1
    assert checked > 50


# -- hostile text ---------------------------------------------------------------------------------

HOSTILE_ARTICLE = """---
title: '<script>alert("title")</script> [x](javascript:alert(1)) {{ 7*7 }}'
source: '<b onmouseover="alert(1)">Evil Wire</b>'
url: 'javascript:alert(1)'
date: 2017-09-06
---
On Tuesday, <script>alert("body")</script> troops entered the town.

Reports on Monday linked [x](javascript:alert(2)) and ![img](https://evil.example/x.png).

In June, {{ 7*7 }} and {% include "index.md.j2" %} appeared.

#

<img src=x onerror="alert(3)"> was seen on Monday.

<div onclick="alert(4)" style="position:fixed">In 2016 a raw block</div>

<a href="javascript:alert(5)">link</a> in May 2017.
"""


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory, site_builder: Callable[..., BuiltSite]
) -> BuiltSite:
    project = tmp_path_factory.mktemp("hostile")
    articles = project / "articles"
    articles.mkdir()
    (articles / "hostile.md").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    shutil.copy(SEEDS / "wsj-military-advances.txt", articles / "wsj.txt")
    return site_builder(project, articles, title="{{ 7*7 }} timeline")


def test_hostile_text_never_acts(hostile_site: BuiltSite) -> None:
    for html_file in sorted(hostile_site.site_dir.rglob("*.html")):
        parsed = Page(html_file.read_text(encoding="utf-8"))
        for _attrs, body in parsed.scripts:
            assert "alert" not in body, f"{html_file}: script from article text"
        for tag, name, value in parsed.attributes:
            assert not name.startswith("on"), f"{html_file}: <{tag} {name}>"
            if name in ("href", "src"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:")), html_file
            if tag == "img":
                assert "evil" not in (value or "") and value != "x", f"{html_file}: injected image"
        assert not any(t == "div" and "style" in a for t, a in parsed.tags), html_file
        assert "49" not in parsed.all_text.replace("2049", ""), f"{html_file}: Jinja ran"


def test_hostile_text_shows_literally(hostile_site: BuiltSite) -> None:
    article = page(hostile_site, "articles/hostile/index.html").all_text
    for literal in (
        '<script>alert("body")</script>',
        "[x](javascript:alert(2))",
        "{{ 7*7 }}",
        '{% include "index.md.j2" %}',
        '<img src=x onerror="alert(3)">',
        '<div onclick="alert(4)" style="position:fixed">',
        '<script>alert("title")</script> [x](javascript:alert(1))',
        '<b onmouseover="alert(1)">Evil Wire</b>',
    ):
        assert literal in article, literal
    home = page(hostile_site, "index.html").all_text
    assert "{{ 7*7 }} timeline" in home


def test_hostile_text_stays_inert_under_material_with_common_extensions(
    tmp_path: Path, site_builder: Callable[..., BuiltSite]
) -> None:
    """Extensions that act on raw text (snippets includes files, critic rewrites text, attr_list
    adds attributes) must find nothing to act on in article text."""
    pytest.importorskip("material")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    extra = (
        '\n--8<-- "secret.txt"\n\nOn Monday {++added++} and {: onclick="alert(6)" } and :smile: '
        "and <!-- comment --> appeared.\n"
    )
    (articles / "hostile.md").write_text(HOSTILE_ARTICLE + extra, encoding="utf-8")
    built = site_builder(
        tmp_path / "p",
        articles,
        theme="material",
        markdown_extensions=[
            "attr_list",
            "md_in_html",
            "admonition",
            "def_list",
            "pymdownx.critic",
            "pymdownx.superfences",
            "pymdownx.emoji",
            {"pymdownx.snippets": {"base_path": [str(tmp_path)], "check_paths": False}},
            {"toc": {"permalink": True}},
        ],
    )
    for html_file in sorted(built.site_dir.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")
        assert "TOP-SECRET-CONTENT" not in text, html_file
        parsed = Page(text)
        assert not any(n.startswith("on") for _, n, _ in parsed.attributes), html_file
        assert not any(t == "img" for t, _ in parsed.tags), f"{html_file}: an image from article text"
    article = page(built, "articles/hostile/index.html")
    assert '--8<-- "secret.txt"' in article.all_text
    assert "{++added++}" in article.all_text and '{: onclick="alert(6)" }' in article.all_text
    assert not any(t == "ins" for t, _ in article.tags), "critic markup ran"
    assert "<!-- comment -->" in article.all_text and ":smile:" in article.all_text


# -- determinism, atomic writes, hand-written pages -------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, site_builder: Callable[..., BuiltSite]) -> None:
    first = site_builder(tmp_path / "one", SEEDS)
    second = site_builder(tmp_path / "two", SEEDS)
    assert _digest(first.docs_dir) == _digest(second.docs_dir)
    assert _digest(first.site_dir) == _digest(second.site_dir)
    again = site_builder(tmp_path / "one", SEEDS)
    assert _digest(again.site_dir) == _digest(second.site_dir)


def test_a_hand_written_page_survives_every_build(
    tmp_path: Path, site_builder: Callable[..., BuiltSite]
) -> None:
    project = tmp_path / "p"
    (project / "site_src" / "notes").mkdir(parents=True)
    mine = project / "site_src" / "notes" / "about.md"
    mine.write_text("# About\n\nWritten by hand.\n", encoding="utf-8")
    clash = project / "site_src" / "sources.md"
    clash.write_text("# My own sources page\n", encoding="utf-8")
    built = site_builder(project, SEEDS)
    built = site_builder(project, SEEDS)
    assert mine.read_text(encoding="utf-8") == "# About\n\nWritten by hand.\n"
    assert clash.read_text(encoding="utf-8") == "# My own sources page\n", "a user's file is never replaced"
    assert (built.site_dir / "notes" / "about" / "index.html").is_file()
    managed = (built.docs_dir / MANIFEST).read_text(encoding="utf-8")
    assert "notes/about.md" not in managed and "sources.md" not in managed


def test_stale_generated_pages_go_and_only_they(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    publish_pages(docs, {"a.md": "A", "articles/old.md": "old"})
    (docs / "mine.md").write_text("mine", encoding="utf-8")
    publish_pages(docs, {"a.md": "A2"})
    assert not (docs / "articles").exists(), "an emptied generated folder is removed"
    assert (docs / "a.md").read_text(encoding="utf-8") == "A2"
    assert (docs / "mine.md").read_text(encoding="utf-8") == "mine"
    assert not list(docs.rglob(".tmp-*")), "no temporary file is left behind"


def test_an_interrupted_write_leaves_the_previous_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    docs = tmp_path / "docs"
    publish_pages(docs, {"a.md": "old"})
    real_replace = os.replace

    def crash(src: str, dst: str) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        publish_pages(docs, {"a.md": "new"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert (docs / "a.md").read_text(encoding="utf-8") == "old"
    assert not list(docs.rglob(".tmp-*"))
