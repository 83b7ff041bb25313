"""The site of a 300-article generated corpus: split into pages, every event once, every link lands."""

from __future__ import annotations

from collections import Counter

from conftest import CORPUS_SIZE, BuiltSite
from test_site_build import Page

from timeline.render import render_pages


def test_every_article_has_a_page(corpus_site: BuiltSite) -> None:
    assert len(corpus_site.timeline.articles) == CORPUS_SIZE
    for article in corpus_site.timeline.articles:
        assert (corpus_site.site_dir / "articles" / article.id / "index.html").is_file()


def test_the_timeline_is_split_and_every_event_is_on_exactly_one_page(corpus_site: BuiltSite) -> None:
    events = corpus_site.timeline.events
    assert len(events) > 200, "the corpus must be big enough to split"
    parts = sorted((corpus_site.site_dir / "timeline").glob("*/index.html"))
    assert len(parts) >= 2
    seen: Counter[str] = Counter()
    order: list[str] = []
    for part in parts:
        html = part.read_text(encoding="utf-8")
        ids = [i for i in Page(html).ids if i.startswith("e-")]
        assert len(ids) <= 200, part
        ids.sort(key=html.index)
        order.extend(ids)
        seen.update(ids)
    assert set(seen) == {e.id for e in events} and max(seen.values()) == 1
    assert order == [e.id for e in events], "pages in name order are the timeline in date order"
    overview = Page((corpus_site.site_dir / "timeline" / "index.html").read_text(encoding="utf-8"))
    assert len([h for h, _ in overview.links if h.startswith("20") or h.startswith("19")]) == len(parts)


def test_every_source_link_lands_on_an_existing_sentence(corpus_site: BuiltSite) -> None:
    anchors: dict[str, set[str]] = {}
    checked = 0
    for part in sorted((corpus_site.site_dir / "timeline").glob("*/index.html")):
        for href, text in Page(part.read_text(encoding="utf-8")).links:
            if "/articles/" not in href:
                continue
            assert text
            article, anchor = href.split("/articles/")[1].split("/#")
            if article not in anchors:
                page = corpus_site.site_dir / "articles" / article / "index.html"
                anchors[article] = Page(page.read_text(encoding="utf-8")).ids
            assert anchor in anchors[article], href
            checked += 1
    assert checked >= len(corpus_site.timeline.events)


def test_rendering_the_corpus_is_deterministic(corpus_site: BuiltSite) -> None:
    again = render_pages(corpus_site.timeline, "Generated corpus")
    assert again == corpus_site.pages
