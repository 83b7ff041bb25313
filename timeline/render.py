"""Render a timeline into Markdown pages through the Jinja templates.

The pages are Markdown with raw HTML blocks where the layout needs classes, ids and links that
MkDocs' default Markdown cannot express. Two rules keep article text data, never markup:

* every value a template prints is escaped unless it is already :class:`markupsafe.Markup`
  (the environment's ``finalize`` runs :func:`html_text` on it), so HTML, entities, Jinja and
  Markdown-preprocessor syntax ("<script>", "{{ 7*7 }}") come out literal;
* inside Markdown (headings, list items) templates use the ``md`` filter (:func:`md_text`),
  which also backslash-escapes Markdown syntax so "[x](javascript:...)" never becomes a link.

Pages link to each other with relative URLs computed here (:func:`href`), because MkDocs does
not rewrite links inside raw HTML; the caller says whether MkDocs uses directory URLs.
All orderings come from the timeline itself or from sorting, so two renders of one timeline are
byte-identical.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from timeline import chart, dates
from timeline.dateline import find_wire_dateline
from timeline.forking import forked_map
from timeline.heap import collector_paused
from timeline.model import Article, ArticleAnalysis, Event, Timeline, Timex

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"
CSS_PAGE = "assets/timeline.css"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
# C0 controls (but tab and newline) and DEL would be invisible on the page, and Python-Markdown
# uses STX/ETX to mark its placeholders: an article must not be able to forge one.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;"}
_ESCAPE = re.compile("[&<>\"'{}]")
_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"\r?\n")


def html_text(value: object) -> Markup:
    """Text made safe inside HTML elements and attributes.

    Beyond ``html.escape`` it writes braces as entities, so a Markdown page that a Jinja-based
    MkDocs plugin (mkdocs-macros) renders again still shows "{{ 7*7 }}" literally, and it
    replaces control characters with U+FFFD.
    """
    if isinstance(value, Markup):
        return value
    return Markup(("" if value is None else str(value)).translate(_HTML_TEXT))


# What html_text does, as one table for str.translate: control characters to U+FFFD, the
# characters HTML and Jinja care about to entities.
_HTML_TEXT = {
    **{c: "\ufffd" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]},
    **{ord(k): v for k, v in _ESCAPES.items()},
}


def flat_html(value: object) -> Markup:
    """:func:`html_text` on one line: whitespace runs become one space, so article text can
    never put a blank line (the end of a raw HTML block for Markdown) inside the page's HTML."""
    return html_text(_SPACE.sub(" ", "" if value is None else str(value)))


def md_text(value: object) -> Markup:
    """Text made safe inline in Markdown: one line, Markdown syntax (braces included) backslash-
    escaped, then HTML-escaped, "%" as an entity. Braces are escaped the Markdown way here, not as
    entities, so MkDocs' table of contents and page title show them as braces; "\\{" and "&#37;"
    leave no "{{" or "{%" for a Jinja-based MkDocs plugin to run."""
    text = " ".join(_CONTROL.sub("\ufffd", "" if value is None else str(value)).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return Markup(
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("%", "&#37;")
    )


def safe_url(value: object) -> str:
    """``value`` when it is an http(s) URL, else "": an article's metadata must not be able to
    put a ``javascript:`` or ``data:`` link on the page."""
    text = "" if value is None else str(value).strip()
    return text if re.match(r"https?://[^\s\x00-\x1f]+$", text, re.IGNORECASE) else ""


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page at ``path`` (relative to docs_dir), relative to the site root."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if not path.endswith(".md"):
        return path
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _relpath(target: str, base: str) -> str:
    """``posixpath.relpath`` for two paths relative to the site root, without asking the
    file system for the working folder (it is called for every link of every page)."""
    if ".." in target or ".." in base:
        return posixpath.relpath(target or ".", base or ".")
    t = [p for p in target.split("/") if p and p != "."]
    b = [p for p in base.split("/") if p and p != "."]
    i = 0
    while i < len(t) and i < len(b) and t[i] == b[i]:
        i += 1
    return "/".join([".."] * (len(b) - i) + t[i:]) or "."


@functools.lru_cache(maxsize=1 << 16)
def _page_href(from_page: str, to_page: str, directory_urls: bool) -> str:
    source = page_url(from_page, directory_urls)
    target = page_url(to_page, directory_urls)
    base = posixpath.dirname(source) if not source.endswith("/") else source.rstrip("/")
    rel = quote(_relpath(target, base), safe="/._-~")
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def href(from_page: str, to_page: str, anchor: str = "", directory_urls: bool = True) -> str:
    """A relative link from one generated page to another (or to an asset), as MkDocs would write it."""
    rel = _page_href(from_page, to_page, directory_urls)
    return rel + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Badge:
    """A label shown beside an event ("expected", "dateline inferred") and what it means."""

    kind: str
    text: str
    meaning: str


@dataclass(frozen=True)
class SourceLink:
    """One report of an event: the article, its publisher and the expression that dates it."""

    article: str
    label: str
    source: str | None
    expression: str
    href: str


@dataclass(frozen=True)
class EventView:
    """An event as a page shows it; hrefs are relative to the page it is rendered on."""

    event: Event
    date: str
    badges: tuple[Badge, ...]
    sources: tuple[SourceLink, ...]
    conflicts: tuple[str, ...]
    page: str


@dataclass(frozen=True)
class Group:
    """A run of consecutive events under one heading: a month, or a longer period such as a year."""

    heading: str
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class Year:
    heading: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class NavLink:
    text: str
    href: str
    current: bool = False


@dataclass(frozen=True)
class TimelinePage:
    """One page of the timeline: its path, heading, events by year and month, and navigation."""

    path: str
    title: str
    key: str
    events: tuple[Event, ...]


def article_label(article: Article | None, fallback: str = "") -> str:
    """What a link to an article says: its title; else the start of its lead (wire copy often has
    no headline, and a file name tells a reader little); else its file name."""
    if article is None:
        return fallback
    title = " ".join((article.title or "").split())
    if title:
        return title
    head = article.body[:400]
    wire = find_wire_dateline(head)
    # "BEIRUT (Reuters) -" is in every Reuters lead: the words after it tell articles apart.
    lead = " ".join(head[wire.end if wire else 0 :].split())
    if lead:
        if len(lead) <= LEAD_LABEL:
            return lead
        cut = lead[:LEAD_LABEL].rsplit(" ", 1)[0]
        return cut.rstrip(",;:-– ") + "…"
    return article.path


#: How many characters of an untitled article's lead its links show.
LEAD_LABEL = 80


def _badges(event: Event, articles: Mapping[str, Article]) -> tuple[Badge, ...]:
    out = []
    if event.status == "ongoing":
        out.append(Badge("ongoing", f"ongoing since {dates.label(event.period)}", "still true when reported"))
    if event.status == "expected":
        out.append(Badge("expected", "expected", "reported as planned or forecast, not as done"))
    if event.conflicts:
        out.append(Badge("conflict", "conflicting dates", "sources date this event differently"))
    inferred = [m.article for m in event.mentions if _origin(articles.get(m.article)) == "inferred"]
    if inferred:
        out.append(
            Badge(
                "inferred", "dateline inferred", "a source had no dateline; it was inferred from the corpus"
            )
        )
    return tuple(out)


def _origin(article: Article | None) -> str:
    return article.dateline.origin if article else "none"


class _Site:
    """Everything one render needs to place pages and link between them."""

    def __init__(
        self,
        timeline: Timeline,
        prefix: str,
        max_events: int,
        directory_urls: bool,
        labels: dict[int, tuple[Event, str]] | None = None,
    ) -> None:
        self.timeline = timeline
        self.prefix = prefix
        self.directory_urls = directory_urls
        self.articles = {a.id: a for a in timeline.articles}
        self.pages = _split(timeline.events, max_events, prefix)
        self.page_of = {e.id: p.path for p in self.pages for e in p.events}
        # in one pass over the mentions: the event each article's sentence tells (the first, in
        # timeline order), and how many events each article tells
        told: dict[str, dict[int, Event]] = {}
        counts: dict[str, int] = {}
        last: dict[str, Event] = {}
        for e in timeline.events:
            for m in e.mentions:
                article_id, start = m.article, m.sentence_start
                starts = told.get(article_id)
                if starts is None:
                    told[article_id] = {start: e}
                elif start not in starts:
                    starts[start] = e
                if last.get(article_id) is not e:
                    last[article_id] = e
                    counts[article_id] = counts.get(article_id, 0) + 1
        self._told = told
        self.event_counts = counts
        """How many events each article tells, by article id."""
        # each event's date label by the event's identity; those of a last render are kept for
        # the events that are still here
        events = {id(e) for e in timeline.events}
        self.labels = {k: v for k, v in (labels or {}).items() if k in events}

    def event_of_sentence(self, article_id: str, start: int) -> Event | None:
        """The event the article's sentence at ``start`` tells (the first in timeline order), if any."""
        return self._told.get(article_id, {}).get(start)

    def event_label(self, event: Event) -> str:
        known = self.labels.get(id(event))
        if known is None or known[0] is not event:
            known = self.labels[id(event)] = (event, dates.label(event.period))
        return known[1]

    def sentence_links(self, analysis: ArticleAnalysis) -> tuple[tuple[int, str, str, str], ...]:
        """What an article page shows of the events its sentences tell: (sentence start, event id,
        the event's page, its date), the inputs of its links besides the article itself."""
        told = self._told.get(analysis.article.id)
        if not told:
            return ()
        starts = {s.start for s in analysis.sentences}
        page_of, label = self.page_of, self.event_label
        return tuple(
            (start, event.id, page_of[event.id], label(event))
            for start, event in sorted(told.items())  # starts differ: events are never compared
            if start in starts
        )

    def path(self, relative: str) -> str:
        return self.prefix + relative

    def article_path(self, article_id: str) -> str:
        return self.path(f"articles/{article_id}.md")

    def link(self, from_page: str, to_page: str, anchor: str = "") -> str:
        return href(from_page, to_page, anchor, self.directory_urls)

    def event_view(self, event: Event, on_page: str) -> EventView:
        sources = []
        for m in event.mentions:
            a = self.articles.get(m.article)
            sources.append(
                SourceLink(
                    m.article,
                    article_label(a, m.article),
                    a.source if a else None,
                    m.expression,
                    self.link(on_page, self.article_path(m.article), f"s-{m.sentence_start}"),
                )
            )
        conflicts = tuple(
            f"Also dated {dates.label(c.period)} by "
            + ", ".join(article_label(self.articles.get(i), i) for i in c.articles)
            for c in event.conflicts
        )
        return EventView(
            event,
            dates.label(event.period),
            _badges(event, self.articles),
            tuple(sources),
            conflicts,
            self.link(on_page, self.page_of[event.id], event.id),
        )

    def years(self, events: Sequence[Event], on_page: str) -> tuple[Year, ...]:
        years: list[tuple[str, list[Group]]] = []
        for event in events:
            year = str(event.period.start.year)
            if not years or years[-1][0] != year:
                years.append((year, []))
            heading = _group_heading(event)
            groups = years[-1][1]
            view = self.event_view(event, on_page)
            if groups and groups[-1].heading == heading:
                groups[-1] = Group(heading, (*groups[-1].events, view))
            else:
                groups.append(Group(heading, (view,)))
        return tuple(Year(f"Year {y}", tuple(g)) for y, g in years)


def _group_heading(event: Event) -> str:
    """Events dated to a month or finer go under their month; longer periods under their own name.

    No heading starts with a digit: MkDocs' built-in theme looks the heading ids up with
    ``querySelector``, which rejects an id such as "#2017"."""
    p = event.period
    if p.granularity <= dates.Granularity.MONTH:
        return dates.label(dates.month(p.start.year, p.start.month))
    if p.granularity is dates.Granularity.YEAR:
        return f"All of {p.start.year}"
    return dates.label(p)


def _split(events: Sequence[Event], max_events: int, prefix: str) -> tuple[TimelinePage, ...]:
    """One page for a small timeline; else a page per year, a year too big for one page split by
    month, and a month too big split into numbered parts."""
    if len(events) <= max_events:
        return (TimelinePage(prefix + "timeline.md", "Timeline", "", tuple(events)),)
    by_year: dict[int, list[Event]] = {}
    for e in events:
        by_year.setdefault(e.period.start.year, []).append(e)
    pages = []
    for year, in_year in by_year.items():
        if len(in_year) <= max_events:
            chunks = [(f"{year:04d}", str(year), in_year)]
        else:
            by_month: dict[int, list[Event]] = {}
            for e in in_year:
                by_month.setdefault(e.period.start.month, []).append(e)
            chunks = [
                (f"{year:04d}-{m:02d}", dates.label(dates.month(year, m)), in_month)
                for m, in_month in by_month.items()
            ]
        for key, title, chunk in chunks:
            parts = [chunk[i : i + max_events] for i in range(0, len(chunk), max_events)]
            for n, part in enumerate(parts, start=1):
                suffix = f"-{n}" if len(parts) > 1 else ""
                name = f"{key}{suffix}"
                heading = f"{title}, part {n} of {len(parts)}" if len(parts) > 1 else title
                pages.append(TimelinePage(f"{prefix}timeline/{name}.md", heading, name, tuple(part)))
    return tuple(pages)


def highlight(raw: str, start: int, end: int, timexes: Sequence[Timex], id_prefix: str = "t") -> Markup:
    """``raw[start:end]`` as HTML with every temporal expression inside it marked.

    Each expression is focusable (``tabindex="0"``), has a ``title`` for a plain tooltip and a
    hidden ``role="tooltip"`` element the CSS shows on hover and focus: its value and how it was
    resolved. Overlapping expressions keep the first, longest one.
    """
    out: list[str] = []
    cursor = start
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if t.start < cursor or t.end > end or t.start < start or t.end <= t.start:
            continue
        out.append(flat_html(raw[cursor : t.start]))
        tip = _tip(t)
        tip_id = f"{id_prefix}-{t.start}"
        out.append(
            f'<span class="tl-timex tl-timex-{html_text(t.type.lower())}" tabindex="0" '
            f'title="{flat_html(tip)}" aria-describedby="{tip_id}">{flat_html(raw[t.start : t.end])}'
            f'<span class="tl-tip" role="tooltip" id="{tip_id}" hidden>{flat_html(tip)}</span></span>'
        )
        cursor = t.end
    out.append(flat_html(raw[cursor:end]))
    return Markup("".join(out))


def _tip(t: Timex) -> str:
    """'2017-09-05: Tuesday 5 September 2017: the Tuesday before the dateline, ...'."""
    if t.explanation:
        return f"{t.text} → {t.value}. {t.explanation}"
    if t.period is not None:
        return f"{t.text} → {t.value} ({dates.label(t.period)})"
    return f"{t.text} → {t.value}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article's text: pieces of HTML, each a sentence or the text between."""

    pieces: tuple[Markup, ...]


def article_paragraphs(analysis: ArticleAnalysis, site: _Site, on_page: str) -> tuple[Paragraph, ...]:
    """The article's body split at line breaks into paragraphs of sentences; each sentence is an
    anchor (``s-<offset>``) that sources link to, and a dated one links to its event."""
    article = analysis.article
    raw = article.raw
    begin, finish = article.body_start, article.body_end
    sentences = sorted(
        (s for s in analysis.sentences if begin <= s.start < s.end <= finish), key=lambda s: s.start
    )
    paragraphs: list[list[Markup]] = [[]]
    cursor = begin

    def gap(text_end: int) -> None:
        nonlocal cursor
        pos = cursor
        for brk in _LINE_BREAK.finditer(raw, cursor, text_end):
            if raw[pos : brk.start()].strip():
                paragraphs[-1].append(highlight(raw, pos, brk.start(), analysis.timexes))
            if paragraphs[-1]:
                paragraphs.append([])
            pos = brk.end()
        if raw[pos:text_end].strip():
            paragraphs[-1].append(highlight(raw, pos, text_end, analysis.timexes))
        cursor = text_end

    for s in sentences:
        if s.start < cursor:
            continue
        gap(s.start)
        inner = highlight(raw, s.start, s.end, analysis.timexes)
        event = site.event_of_sentence(article.id, s.start)
        link = ""
        if event is not None:
            target = site.link(on_page, site.page_of[event.id], event.id)
            link = (
                f' <a class="tl-to-event" href="{html_text(target)}">'
                f"event: {html_text(site.event_label(event))}</a>"
            )
        dated = " tl-dated" if event is not None else ""
        paragraphs[-1].append(
            Markup(f'<span class="tl-sentence{dated}" id="s-{s.start}">{inner}</span>{link}')
        )
        cursor = s.end
    gap(finish)
    return tuple(Paragraph(tuple(p)) for p in paragraphs if p)


def dateline_how(article: Article) -> str:
    """How the article's dateline was obtained, in words."""
    d = article.dateline
    if d.origin == "explicit":
        return f"given in the {d.where}" if d.where else "given in the article"
    if d.origin == "inferred":
        return "inferred from the other articles and the text"
    return "none found: relative dates in this article stay unresolved"


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """Jinja environment searching the user's template folder before the built-in one.

    ``finalize`` escapes every printed value that is not Markup, so a user template that forgets
    a filter still cannot turn article text into markup.
    """
    search = [str(user_templates)] if user_templates else []
    search.append(str(BUILTIN_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        finalize=html_text,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["h"] = html_text
    env.filters["flat"] = flat_html
    env.filters["md"] = md_text
    env.filters["period_label"] = dates.label
    env.filters["long_date"] = dates.long_date
    env.filters["weekday_date"] = dates.weekday_date
    env.filters["safe_url"] = safe_url
    return env


def nav(prefix: str = "") -> list[dict[str, str]]:
    """A small navigation for mkdocs.yml or the plugin: the four entry pages, not every article."""
    return [
        {"Home": prefix + "index.md"},
        {"Timeline": prefix + "timeline.md"},
        {"Sources": prefix + "sources.md"},
        {"How dates are resolved": prefix + "how-dates-are-resolved.md"},
    ]


class PageMemo:
    """Rendered pages kept by a long-lived process, each with the inputs it was rendered from.

    A page is rendered again only when its inputs differ: for an article page, its analysis (the
    same object while the article, its dateline and its extraction are unchanged), its event
    count and the events its sentences link to; for a timeline page, its events (compared by
    identity: a merge that replays hands unchanged events over as the same objects), its title
    and its neighbours. The pages that summarise the whole corpus (home, sources, overview, how
    dates are resolved) are always rendered again. Everything is dropped when a render setting or
    a user template changes, and a page rendered from a user's own template is never kept, since
    what such a template reads cannot be known.

    The inputs of an article page change only through the events its sentences tell, so the
    article pages whose analysis is the same object are taken as they are, without their inputs
    being gathered again, unless one of its events is new, gone or on another page
    (:func:`_touched_articles`).
    """

    def __init__(self) -> None:
        self.setting: tuple[object, ...] | None = None
        self.pages: dict[str, tuple[tuple[object, ...], str]] = {}
        self.environments: dict[str, jinja2.Environment] = {}
        self.source_rows: dict[tuple[object, ...], Markup] = {}
        """The sources page's rows (one per article) by what they show."""
        self.labels: dict[int, tuple[Article, str]] = {}
        """Each article's link text, by the identity of the article object."""
        self.event_labels: dict[int, tuple[Event, str]] = {}
        """Each event's date as the pages show it, by the identity of the event."""
        self.events: dict[int, Event] | None = None
        """The last render's events by identity, and the page each was on (by event id)."""
        self.page_of: Mapping[str, str] = {}
        self.rendered = 0
        """How many pages the latest render made (not taken from the memo)."""

    def start(self, setting: tuple[object, ...]) -> None:
        if setting != self.setting:
            self.setting, self.pages, self.source_rows = setting, {}, {}
        self.rendered = 0


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Equal inputs, objects compared by identity (``is``) where they are records of the build."""
    return len(a) == len(b) and all(
        x is y or (type(x) in _VALUES and x == y) for x, y in zip(a, b, strict=True)
    )


_VALUES = (str, int, bool, type(None), tuple)


def _templates_stamp(user_templates: Path | None) -> tuple[tuple[str, int, int], ...]:
    """The user's template files by name, size and modification time: a change empties the memo."""
    if user_templates is None or not user_templates.is_dir():
        return ()
    return tuple(
        sorted(
            (str(p.relative_to(user_templates)), p.stat().st_size, p.stat().st_mtime_ns)
            for p in user_templates.rglob("*")
            if p.is_file()
        )
    )


def render_pages(
    timeline: Timeline,
    title: str,
    user_templates: Path | None = None,
    *,
    max_events_per_page: int = 200,
    prefix: str = "",
    use_directory_urls: bool = True,
    latest: int = 5,
    memo: PageMemo | None = None,
    jobs: int = 1,
) -> Mapping[str, str]:
    """Every generated page, as a mapping from path (relative to docs_dir) to its text.

    Includes the stylesheet as ``<prefix>assets/timeline.css`` so whichever way the site is built
    (``timeline build`` or the MkDocs plugin) the CSS is a file of the site; add it to
    ``extra_css``. With ``memo`` (see :class:`PageMemo`), a page whose inputs did not change is
    not rendered again; the pages are the same either way. ``jobs`` > 1 renders a large batch
    of pages on that many processes (forked, so they share the timeline without copying it).
    """
    pages = iter_pages(
        timeline,
        title,
        user_templates,
        max_events_per_page=max_events_per_page,
        prefix=prefix,
        use_directory_urls=use_directory_urls,
        latest=latest,
        memo=memo,
        jobs=jobs,
    )
    return dict(sorted(pages))


def iter_pages(
    timeline: Timeline,
    title: str,
    user_templates: Path | None = None,
    *,
    max_events_per_page: int = 200,
    prefix: str = "",
    use_directory_urls: bool = True,
    latest: int = 5,
    memo: PageMemo | None = None,
    jobs: int = 1,
) -> Iterator[tuple[str, str]]:
    """The pages of :func:`render_pages` one at a time, as they are rendered, so a caller that
    writes them out (``timeline build``) never holds all of them: at 100,000 articles they are
    gigabytes. Consume it to the end (the memo is updated last)."""
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    with collector_paused():
        yield from _render_pages(
            timeline,
            title,
            user_templates,
            max_events_per_page,
            prefix,
            use_directory_urls,
            latest,
            memo,
            jobs,
        )


def _render_pages(
    timeline: Timeline,
    title: str,
    user_templates: Path | None,
    max_events_per_page: int,
    prefix: str,
    use_directory_urls: bool,
    latest: int,
    memo: PageMemo | None,
    jobs: int,
) -> Iterator[tuple[str, str]]:
    if memo is not None:
        # one environment per template folder: Jinja keeps compiled templates and reloads a
        # template whose file changed
        env = memo.environments.get(str(user_templates)) or environment(user_templates)
        memo.environments = {str(user_templates): env}
    else:
        env = environment(user_templates)
    # the events a replayed merge hands over are the same objects: their date labels too
    site = _Site(
        timeline,
        prefix,
        max_events_per_page,
        use_directory_urls,
        memo.event_labels if memo is not None else None,
    )
    if memo is not None:
        memo.event_labels = site.labels
        stamp = _templates_stamp(user_templates)
        memo.start(
            (title, str(user_templates), stamp, max_events_per_page, prefix, use_directory_urls, latest)
        )
    kept: dict[str, tuple[tuple[object, ...], str]] = {}

    def builtin(name: str) -> bool:
        filename = env.get_template(name).filename or ""
        return Path(filename).parent == BUILTIN_TEMPLATES

    remember = {
        name: memo is not None and builtin(name)
        for name in ("timeline.md.j2", "article.md.j2", "sources.md.j2")
    }

    todo: list[_Job] = []
    hits: list[tuple[str, str]] = []

    def render(
        path: str, name: str, inputs: tuple[object, ...], context: Callable[[], dict[str, object]]
    ) -> None:
        """The page at ``path`` from template ``name``: from the memo when ``inputs`` are the same,
        else queued to be rendered with the others (on several cores when there are many)."""
        if memo is not None and remember[name]:
            known = memo.pages.get(path)
            if known is not None and _same(known[0], inputs):
                kept[path] = known
                hits.append((path, known[1]))
                return
        todo.append(_Job(path, name, inputs, context))

    labels = {} if memo is None else memo.labels
    fresh_labels: dict[int, tuple[Article, str]] = {}

    def label(a: Article) -> str:
        """:func:`article_label`, once per article object (for an unchanged article, once per memo)."""
        known = fresh_labels.get(id(a)) or labels.get(id(a))
        if known is None or known[0] is not a:
            known = (a, article_label(a))
        fresh_labels[id(a)] = known
        return known[1]

    articles = site.articles
    sources = _sources(timeline, label)
    base = {
        "title": title,
        "timeline": timeline,
        "articles": articles,
        "sources": sources,
        "publisher_count": sum(1 for name, _ in sources if name != UNKNOWN_SOURCE),
    }

    def links(on: str) -> dict[str, str]:
        return {
            "home": site.link(on, site.path("index.md")),
            "timeline": site.link(on, site.path("timeline.md")),
            "sources": site.link(on, site.path("sources.md")),
            "how": site.link(on, site.path("how-dates-are-resolved.md")),
        }

    home = site.path("index.md")
    events = timeline.events
    bars = chart.bars(events)
    yield (
        home,
        env.get_template("index.md.j2").render(
            base,
            page=home,
            links=links(home),
            span=(dates.label(events[0].period), dates.label(events[-1].period)) if events else None,
            chart=Markup(chart.bars_chart(bars)),
            chart_caption=chart.bars_caption(bars),
            latest=tuple(site.event_view(e, home) for e in reversed(events[-latest:])) if latest else (),
        ),
    )

    overview = site.path("timeline.md")
    split = len(site.pages) > 1
    neighbours = tuple((p.path, p.title) for p in site.pages)
    for i, page in enumerate(site.pages):

        def timeline_context(i: int = i, page: TimelinePage = page) -> dict[str, object]:
            nav_links = tuple(
                NavLink(p.title, site.link(page.path, p.path), current=(j == i))
                for j, p in enumerate(site.pages)
            )
            return {
                "page": page.path,
                "links": links(page.path),
                "heading": "Timeline" if not split else f"Timeline: {page.title}",
                "years": site.years(page.events, page.path),
                "split": split,
                "pages_nav": nav_links,
                "previous": nav_links[i - 1] if split and i > 0 else None,
                "next": nav_links[i + 1] if split and i + 1 < len(nav_links) else None,
                "overview": site.link(page.path, overview),
            }

        inputs = (page.title, i, neighbours, *page.events)
        render(page.path, "timeline.md.j2", inputs, timeline_context)
    if split:
        yield (
            overview,
            env.get_template("timeline-overview.md.j2").render(
                base,
                page=overview,
                links=links(overview),
                parts=tuple(
                    (NavLink(p.title, site.link(overview, p.path)), len(p.events), p.key[:4])
                    for p in site.pages
                ),
            ),
        )

    counts = site.event_counts
    events_now = dict(zip(map(id, events), events, strict=True))
    touched = (
        _touched_articles(events_now, site, memo) if memo is not None and remember["article.md.j2"] else None
    )
    for analysis in sorted(timeline.analyses, key=lambda a: a.article.id):
        path = site.article_path(analysis.article.id)
        if touched is not None and analysis.article.id not in touched:
            known = memo.pages.get(path)  # type: ignore[union-attr]
            if known is not None and known[0][0] is analysis:
                kept[path] = known
                hits.append((path, known[1]))
                continue

        def article_context(analysis: ArticleAnalysis = analysis, path: str = path) -> dict[str, object]:
            article = analysis.article
            return {
                "page": path,
                "links": links(path),
                "article": article,
                "analysis": analysis,
                "label": article_label(article),
                "dateline_how": dateline_how(article),
                "paragraphs": article_paragraphs(analysis, site, path),
                "event_count": counts.get(article.id, 0),
            }

        inputs = (analysis, counts.get(analysis.article.id, 0), site.sentence_links(analysis))
        render(path, "article.md.j2", inputs, article_context)
    yield from hits
    for job, text in zip(todo, _render_all(todo, env, base, jobs), strict=True):
        yield job.path, text
        if memo is not None:
            memo.rendered += 1
            if remember[job.template]:
                kept[job.path] = (job.inputs, text)

    path = site.path("sources.md")
    # Every article by its publisher, with its event count: the page is kept while none of what
    # it shows changes, and its rows (one per article: at 100,000 articles, most of the render
    # of a one-article edit) are kept while their own inputs do not.
    rows = {} if memo is None or not builtin("_source_row.html.j2") else memo.source_rows
    row_template = env.get_template("_source_row.html.j2")
    used_rows: dict[tuple[object, ...], Markup] = {}
    publisher_rows = []
    # a template of the user's own may read the articles behind the rows too (so does a render
    # without a memo: the same context either way)
    publishers = []
    full_context = not remember["sources.md.j2"]
    for name, group in sources:
        out, entries = [], []
        for a in group:
            href, text, count = site.link(path, site.article_path(a.id)), label(a), counts.get(a.id, 0)
            key = (href, text, a.dateline.date, a.dateline.origin, count)
            row = rows.get(key)
            if row is None:
                row = Markup(row_template.render(link=NavLink(text, href), article=a, count=count))
            used_rows[key] = row
            out.append(row)
            if full_context:
                entries.append((NavLink(text, href), a, count))
        publisher_rows.append((name, tuple(out)))
        publishers.append((name, tuple(entries)))
    if memo is not None and rows is memo.source_rows:
        memo.source_rows = used_rows
    inputs = tuple(x for name, out in publisher_rows for x in (name, *out))
    known = memo.pages.get(path) if memo is not None and remember["sources.md.j2"] else None
    if known is not None and _same(known[0], inputs):
        text = known[1]
    else:
        context: dict[str, object] = {
            "page": path,
            "links": links(path),
            "publisher_rows": tuple(publisher_rows),
        }
        if full_context:
            context["publishers"] = tuple(publishers)
        text = env.get_template("sources.md.j2").render(base, **context)
        if memo is not None:
            memo.rendered += 1
    if memo is not None and remember["sources.md.j2"]:
        kept[path] = (inputs, text)
    yield path, text
    path = site.path("how-dates-are-resolved.md")
    yield (
        path,
        env.get_template("how-dates-are-resolved.md.j2").render(
            base, page=path, links=links(path), stats=_stats(timeline)
        ),
    )
    yield site.path(CSS_PAGE), (ASSETS / "timeline.css").read_text(encoding="utf-8")
    if memo is not None:
        memo.pages, memo.labels = kept, fresh_labels
        memo.events, memo.page_of = events_now, site.page_of


def _touched_articles(events: Mapping[int, Event], site: _Site, memo: PageMemo) -> set[str] | None:
    """The articles whose page inputs may differ from the last render's (``events`` by identity):
    those told by an event that is new, gone or on another page; None without a last render."""
    before = memo.events
    if before is None:
        return None
    changed = [events[k] for k in events.keys() - before.keys()]
    changed += [before[k] for k in before.keys() - events.keys()]
    page_of = site.page_of
    moved = {k for k, page in memo.page_of.items() if page_of.get(k, page) != page}
    if moved:  # gone events are in ``changed`` already
        changed += [e for e in events.values() if e.id in moved]
    return {m.article for e in changed for m in e.mentions}


@dataclass(frozen=True)
class _Job:
    """A page to render: where, with which template, from what (``context`` builds the rest)."""

    path: str
    template: str
    inputs: tuple[object, ...]
    context: Callable[[], dict[str, object]]


def _render_all(
    todo: Sequence[_Job], env: jinja2.Environment, base: Mapping[str, object], jobs: int
) -> Iterator[str]:
    """The text of every queued page, in order, as each is done; a large batch on ``jobs``
    forked processes (:func:`timeline.forking.forked_map`)."""

    def render(i: int) -> str:
        job = todo[i]
        return env.get_template(job.template).render(base, **job.context())

    return forked_map(render, len(todo), jobs, tasks=_tasks(todo))


#: Pages per task for the forked workers: a timeline page shows up to 200 events, an article
#: page one article. A worker is replaced after a number of tasks (what it read is copied into
#: it as it reads, see :data:`timeline.forking.TASKS_PER_WORKER`): fewer timeline pages per task
#: keep what each worker holds alike.
PAGES_PER_TASK = {"timeline.md.j2": 4}


def _tasks(todo: Sequence[_Job]) -> list[tuple[int, int]]:
    """Consecutive ranges of pages of one template, each at most its number of pages per task."""
    tasks: list[tuple[int, int]] = []
    start = 0
    while start < len(todo):
        template = todo[start].template
        size = PAGES_PER_TASK.get(template, 100)
        end = start + 1
        while end < len(todo) and end - start < size and todo[end].template == template:
            end += 1
        tasks.append((start, end))
        start = end
    return tasks


def _article_link(site: _Site, on_page: str, article: Article) -> NavLink:
    return NavLink(article_label(article), site.link(on_page, site.article_path(article.id)))


UNKNOWN_SOURCE = "Unknown publisher"


def _sources(
    timeline: Timeline, label: Callable[[Article], str] = article_label
) -> tuple[tuple[str, tuple[Article, ...]], ...]:
    """Publishers in alphabetical order (unknown last), each with its articles by dateline then title."""
    groups: dict[str, list[Article]] = {}
    for a in timeline.articles:
        groups.setdefault((a.source or "").strip() or UNKNOWN_SOURCE, []).append(a)

    def article_key(a: Article) -> tuple[str, str, str]:
        return (a.dateline.date.isoformat() if a.dateline.date else "9999", label(a).lower(), a.id)

    names = sorted(groups, key=lambda n: (n == UNKNOWN_SOURCE, n.lower(), n))
    return tuple((n, tuple(sorted(groups[n], key=article_key))) for n in names)


@dataclass(frozen=True)
class Stats:
    """Counts for the "how dates are resolved" page: datelines by origin, expressions by anchor."""

    datelines: tuple[tuple[str, int], ...]
    anchors: tuple[tuple[str, int], ...]
    expressions: int


def _stats(timeline: Timeline) -> Stats:
    origins: dict[str, int] = {}
    for a in timeline.articles:
        origins[a.dateline.origin] = origins.get(a.dateline.origin, 0) + 1
    anchors: dict[str, int] = {}
    total = 0
    for analysis in timeline.analyses:
        for t in analysis.timexes:
            total += 1
            if t.anchor:
                key = t.anchor
            elif t.period is not None:
                key = "nothing: a full date"
            elif t.type in ("DURATION", "SET"):
                key = "nothing: a duration or frequency, not a date"
            else:
                key = "nothing found: vague or without a dateline"
            anchors[key] = anchors.get(key, 0) + 1
    return Stats(tuple(sorted(origins.items())), tuple(sorted(anchors.items())), total)


def source_date_epoch(timeline: Timeline) -> int:
    """The build time to give MkDocs (``SOURCE_DATE_EPOCH``): midnight UTC of the newest dateline,
    else the epoch. MkDocs stamps pages and the sitemap with the build date; taking it from the
    input keeps two builds byte-identical and never writes "today" into the site."""
    days = [a.dateline.date for a in timeline.articles if a.dateline.date is not None]
    if not days:
        return 0
    return (max(days) - dt.date(1970, 1, 1)).days * 86400
