"""The renderer on its own: escaping, links between pages, page splitting, the chart, templates."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from pathlib import Path

import markdown
import pytest

from timeline import chart, dates
from timeline.model import Article, ArticleAnalysis, Dateline, Event, Mention, Sentence, Timeline, Timex
from timeline.render import href, html_text, md_text, page_url, render_pages, safe_url

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{% include 'index.md.j2' %}",
    "#",
    '<img src=x onerror="alert(1)">',
    "\x02wzxhzdk:0\x03",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_escaping_keeps_text_literal(text: str) -> None:
    source = f"# {md_text(text)}\n\n- {md_text(text)}\n"
    assert "{{" not in source and "{%" not in source, "a Jinja-based MkDocs plugin sees no tag"
    html = markdown.markdown(source)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    shown = htmllib.unescape(re.sub(r"<[^>]+>", "", html))
    assert shown.count(text.replace("\x02", "\ufffd").replace("\x03", "\ufffd")) == 2


def test_html_text_escapes_quotes_braces_and_controls() -> None:
    assert html_text('"a" <b> {c} \x00') == "&quot;a&quot; &lt;b&gt; &#123;c&#125; \ufffd"


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://example.com/a?b=1", True), ("javascript:alert(1)", False), ("data:text/html,x", False)],
)
def test_only_http_urls_are_linked(url: str, ok: bool) -> None:
    assert (safe_url(url) == url) is ok


@pytest.mark.parametrize(
    ("source", "target", "anchor", "expected"),
    [
        ("index.md", "timeline.md", "", "timeline/"),
        ("timeline.md", "articles/a.md", "s-3", "../articles/a/#s-3"),
        ("articles/a.md", "timeline.md", "e-1", "../../timeline/#e-1"),
        ("timeline/2017.md", "timeline.md", "", "../"),
        ("timeline.md", "timeline.md", "e-1", "./#e-1"),
        ("articles/a.md", "index.md", "", "../../"),
        ("x/index.md", "assets/timeline.css", "", "../assets/timeline.css"),
    ],
)
def test_links_match_mkdocs_directory_urls(source: str, target: str, anchor: str, expected: str) -> None:
    assert href(source, target, anchor) == expected


def test_links_without_directory_urls() -> None:
    assert page_url("articles/a.md", directory_urls=False) == "articles/a.html"
    assert href("articles/a.md", "timeline.md", "e-1", directory_urls=False) == "../timeline.html#e-1"


def _article(i: int, text: str, day: dt.date) -> tuple[Article, ArticleAnalysis]:
    a = Article(
        f"a{i}",
        f"a{i}.txt",
        text,
        0,
        len(text),
        title=f"Article {i}",
        source="Wire",
        dateline=Dateline(day, "explicit", "header"),
    )
    return a, ArticleAnalysis(a, (Sentence(0, len(text)),), ())


def _timeline(n_events: int, per_day: int = 1) -> Timeline:
    """``n_events`` one-sentence articles, each its own event, spread over days from 2016."""
    articles, analyses, events = [], [], []
    for i in range(n_events):
        day = dt.date(2016, 1, 1) + dt.timedelta(days=i // per_day)
        text = f"Event number {i} happened on that day."
        a, an = _article(i, text, day)
        timex = Timex(0, 5, "Event", "DATE", day.isoformat(), "test", dates.day(day))
        articles.append(a)
        analyses.append(an)
        events.append(Event(f"e-{i:05d}", dates.day(day), text, (Mention(a.id, 0, len(text), text, timex),)))
    return Timeline(tuple(articles), tuple(events), tuple(analyses))


def test_a_small_timeline_is_one_page_grouped_by_year_then_month() -> None:
    pages = render_pages(_timeline(40, per_day=1), "T")
    page = pages["timeline.md"]
    assert not any(p.startswith("timeline/") for p in pages)
    assert page.index("## Year 2016") < page.index("### January 2016") < page.index("### February 2016")
    assert [page.index(f'id="e-{i:05d}"') for i in range(40)] == sorted(
        page.index(f'id="e-{i:05d}"') for i in range(40)
    )


def test_a_large_timeline_is_split_by_year_then_month_with_small_navigation() -> None:
    timeline = _timeline(900, per_day=1)  # 2016 (366 days) and 2017 (365), 2018 (169)
    pages = render_pages(timeline, "T", max_events_per_page=200)
    parts = sorted(p for p in pages if p.startswith("timeline/"))
    assert "timeline/2018.md" in parts, "a year that fits stays one page"
    assert "timeline/2016-01.md" in parts and "timeline/2016.md" not in parts
    for part in parts:
        assert pages[part].count('class="tl-event') <= 200
        pager = pages[part].split('<p class="tl-pager">')[1].split("</p>")[0]
        assert pager.count("<a ") <= 3, "previous, all periods and next: not every page"
    every = "".join(pages[p] for p in parts)
    assert all(f'id="e-{i:05d}"' in every for i in range(900))
    overview = pages["timeline.md"]
    for part in parts:
        assert f'href="{href("timeline.md", part)}"' in overview
    # An article page links its sentence to the event on the right part.
    article = pages["articles/a800.md"]
    event_page = next(p for p in parts if 'id="e-00800"' in pages[p])
    assert href("articles/a800.md", event_page, "e-00800") in article


def test_a_month_bigger_than_a_page_is_split_into_parts() -> None:
    pages = render_pages(_timeline(450, per_day=30), "T", max_events_per_page=200)
    assert {"timeline/2016-01-1.md", "timeline/2016-01-3.md"} <= set(pages)
    assert "part 1 of 3" in pages["timeline/2016-01-1.md"]


def test_prefix_puts_every_page_under_it() -> None:
    pages = render_pages(_timeline(3), "T", prefix="history")
    assert all(p.startswith("history/") for p in pages)
    assert "history/assets/timeline.css" in pages


def test_chart_counts_months_and_falls_back_to_years() -> None:
    monthly = chart.bars(_timeline(70).events)
    assert [(b.year, b.month, b.count) for b in monthly] == [(2016, 1, 31), (2016, 2, 29), (2016, 3, 10)]
    yearly = chart.bars(_timeline(3000, per_day=1).events)
    assert [b.month for b in yearly] == [0] * len(yearly)
    svg = chart.events_chart(_timeline(70).events)
    assert svg.startswith("<svg") and "<script" not in svg and "January 2016: 31 events" in svg


def test_render_is_deterministic() -> None:
    assert render_pages(_timeline(250), "T", max_events_per_page=100) == render_pages(
        _timeline(250), "T", max_events_per_page=100
    )


def test_user_templates_come_first(tmp_path: Path) -> None:
    (tmp_path / "index.md.j2").write_text("# Mine: {{ title }}\n", encoding="utf-8")
    pages = render_pages(_timeline(2), "<T>", tmp_path)
    assert pages["index.md"] == "# Mine: &lt;T&gt;\n", "printed values are escaped even when unfiltered"
    assert "tl-event" in pages["timeline.md"], "templates the user does not override stay built-in"


def test_an_empty_timeline_still_renders_every_entry_page() -> None:
    pages = render_pages(Timeline((), ()), "T")
    assert set(pages) == {
        "index.md",
        "timeline.md",
        "sources.md",
        "how-dates-are-resolved.md",
        "assets/timeline.css",
    }
    assert "no dated events yet" in pages["index.md"]


def test_a_sources_template_of_the_users_own_reads_each_publishers_links_and_counts(tmp_path: Path) -> None:
    (tmp_path / "sources.md.j2").write_text(
        "{% for name, rows in publishers %}{{ name }}:"
        "{% for link, article, count in rows %} {{ link.href }} {{ article.id }} {{ count }}{% endfor %}\n"
        "{% endfor %}",
        encoding="utf-8",
    )
    timeline = _timeline(3)
    lines = render_pages(timeline, "T", tmp_path)["sources.md"].splitlines()
    told = {a.id: sum(1 for e in timeline.events if a.id in e.articles) for a in timeline.articles}
    rows = [fields for line in lines for fields in _triples(line.split(":", 1)[1].split())]
    assert {article: int(count) for _, article, count in rows} == told
    assert all(href.rstrip("/").endswith(f"/{article}") for href, article, _ in rows)


def _triples(words: list[str]) -> list[list[str]]:
    return [words[i : i + 3] for i in range(0, len(words), 3)]
