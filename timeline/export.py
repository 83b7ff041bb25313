"""Exports of a timeline for other tools.

``json`` is the project's own schema (version 1); ``timelinejs`` is the JSON that TimelineJS 3
loads; ``csv`` has one row per event and mention, for spreadsheets; ``ics`` is an iCalendar
file of all-day events, so a newsroom calendar shows when things happened. Every format is
made from the same :class:`~timeline.model.Timeline` and is deterministic: nothing here reads
the clock, so the same articles always give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Callable, Mapping
from typing import Any

from timeline import dates
from timeline.dates import Granularity, Period
from timeline.model import Article, Event, Mention, Timeline

SCHEMA_VERSION = 1

FORMATS = ("json", "timelinejs", "csv", "ics")

UNKNOWN_SOURCE = "Unknown source"


# --- json: the project's own schema -------------------------------------------------------------


def to_data(timeline: Timeline) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "articles": [_article(a) for a in timeline.articles],
        "events": [_event(e) for e in timeline.events],
    }


def to_json(timeline: Timeline) -> str:
    return json.dumps(to_data(timeline), ensure_ascii=False, indent=2) + "\n"


def _article(article: Article) -> dict[str, Any]:
    d = article.dateline
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "dateline": {
            "date": d.date.isoformat() if d.date else None,
            "origin": d.origin,
            "evidence": list(d.evidence),
            "where": d.where,
        },
    }


def _event(event: Event) -> dict[str, Any]:
    p = event.period
    return {
        "id": event.id,
        "value": p.value,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "granularity": p.granularity.label,
        "text": event.text,
        "status": event.status,
        "mentions": [_mention(m) for m in event.mentions],
        "conflicts": [
            {
                "value": c.period.value,
                "start": c.period.start.isoformat(),
                "end": c.period.end.isoformat(),
                "granularity": c.period.granularity.label,
                "articles": list(c.articles),
            }
            for c in event.conflicts
        ],
    }


def _mention(mention: Mention) -> dict[str, Any]:
    return {
        "article": mention.article,
        "sentence": mention.sentence,
        "expression": mention.expression,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
    }


# --- shared helpers -----------------------------------------------------------------------------


def source_of(article: Article) -> str:
    """The name a reader knows the article's publisher by, for grouping and attribution."""
    return article.source or UNKNOWN_SOURCE


def _event_source(articles: Mapping[str, Article], event: Event) -> str:
    """The source of the first report of ``event``: TimelineJS puts one event in one group."""
    for article_id in event.articles:
        if article_id in articles:
            return source_of(articles[article_id])
    return UNKNOWN_SOURCE


def _reporters(articles: Mapping[str, Article], event: Event) -> list[str]:
    names = []
    for article_id in event.articles:
        a = articles.get(article_id)
        names.append(a.title or a.path if a else article_id)
    return names


# --- TimelineJS 3 -------------------------------------------------------------------------------

# The date fields TimelineJS reads for a period of each granularity: a month is {year, month},
# a year is {year}. Coarser values than a year (decades, centuries) become spans of years.
_TIMELINEJS_FIELDS: dict[Granularity, tuple[str, ...]] = {
    Granularity.TIME: ("year", "month", "day"),
    Granularity.DAY: ("year", "month", "day"),
    Granularity.WEEK: ("year", "month", "day"),
    Granularity.MONTH: ("year", "month"),
    Granularity.QUARTER: ("year", "month"),
    Granularity.SEASON: ("year", "month"),
    Granularity.HALF: ("year", "month"),
    Granularity.YEAR: ("year",),
    Granularity.DECADE: ("year",),
    Granularity.CENTURY: ("year",),
}


def _timelinejs_date(day: dt.date, fields: tuple[str, ...], display: str | None = None) -> dict[str, Any]:
    full = {"year": day.year, "month": day.month, "day": day.day}
    value: dict[str, Any] = {name: full[name] for name in fields}
    if display is not None:
        value["display_date"] = display
    return value


def _timelinejs_dates(period: Period) -> dict[str, Any]:
    """``start_date`` (and ``end_date`` for a span) at the period's own granularity.

    A day, a month or a year is one TimelineJS date with the fields that granularity has; a
    week, quarter, season, half, decade or century covers several such units, so it gets an
    end date too.
    """
    fields = _TIMELINEJS_FIELDS[period.granularity]
    label = dates.label(period)
    result = {"start_date": _timelinejs_date(period.start, fields, label)}
    single_unit = period.granularity in (
        Granularity.TIME,
        Granularity.DAY,
        Granularity.MONTH,
        Granularity.YEAR,
    )
    if not single_unit:
        result["end_date"] = _timelinejs_date(period.end, fields)
    return result


def to_timelinejs_data(timeline: Timeline, title: str = "Timeline") -> dict[str, Any]:
    """The TimelineJS 3 JSON: one slide per event, grouped by the source that reported it.

    TimelineJS renders ``text`` as HTML, so article text is HTML-escaped here.
    """
    articles = {a.id: a for a in timeline.articles}
    events = []
    for event in timeline.events:
        reporters = ", ".join(html.escape(name) for name in _reporters(articles, event))
        events.append(
            {
                **_timelinejs_dates(event.period),
                "text": {
                    "headline": html.escape(_summary(event.text, 90)),
                    "text": f"<p>{html.escape(event.text)}</p><p>Reported by: {reporters}</p>",
                },
                "group": _event_source(articles, event),
                "unique_id": event.id,
            }
        )
    summary = f"{len(timeline.events)} events from {len(timeline.articles)} articles"
    return {"title": {"text": {"headline": html.escape(title), "text": summary}}, "events": events}


def to_timelinejs(timeline: Timeline, title: str = "Timeline") -> str:
    return json.dumps(to_timelinejs_data(timeline, title), ensure_ascii=False, indent=2) + "\n"


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "event_id",
    "value",
    "start",
    "end",
    "granularity",
    "status",
    "event_text",
    "article",
    "source",
    "sentence",
    "expression",
    "expression_start",
    "expression_end",
    "expression_value",
    "rule",
    "anchor",
)


def to_csv(timeline: Timeline) -> str:
    """One row per event and mention: an event reported by three articles is three rows that share
    the event columns, so a spreadsheet can filter by article or count reports per event."""
    articles = {a.id: a for a in timeline.articles}
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in timeline.events:
        p = event.period
        shared = {
            "event_id": event.id,
            "value": p.value,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "granularity": p.granularity.label,
            "status": event.status,
            "event_text": event.text,
        }
        for mention in event.mentions or (None,):
            row = dict.fromkeys(CSV_COLUMNS, "") | shared
            if mention is not None:
                article = articles.get(mention.article)
                row |= {
                    "article": mention.article,
                    "source": source_of(article) if article else "",
                    "sentence": mention.sentence,
                    "expression": mention.expression,
                    "expression_start": str(mention.start),
                    "expression_end": str(mention.end),
                    "expression_value": mention.value,
                    "rule": mention.timex.rule,
                    "anchor": mention.timex.anchor or "",
                }
            writer.writerow(row)
    return out.getvalue()


# --- iCalendar ----------------------------------------------------------------------------------

ICS_PRODID = "-//newsroom-timeline//timeline export//EN"


def _stamp(articles: Mapping[str, Article], event: Event) -> dt.datetime:
    """DTSTAMP must be present; the clock would make the file differ on every run, so it is the
    latest dateline among the event's articles (or the event's own first day), at 00:00 UTC."""
    known = [articles[i].dateline.date for i in event.articles if i in articles and articles[i].dateline.date]
    day = max(d for d in known if d is not None) if known else event.period.start
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _summary(text: str, limit: int = 120) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def to_ics(timeline: Timeline, title: str = "Timeline") -> str:
    """All-day VEVENTs: a day is one day, a week/month/year spans its days (DTEND is exclusive)."""
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    articles = {a.id: a for a in timeline.articles}
    calendar = Calendar()
    calendar.add("prodid", ICS_PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", title)
    for event in timeline.events:
        p = event.period
        entry = CalendarEvent()
        entry.add("uid", f"{event.id}@newsroom-timeline")
        entry.add("dtstamp", _stamp(articles, event))
        entry.add("dtstart", p.start)
        entry.add("dtend", p.end + dt.timedelta(days=1))
        entry.add("summary", _summary(event.text))
        reporters = "; ".join(_reporters(articles, event))
        entry.add("description", f"{event.text}\n\n{dates.label(p)} ({p.value}). Reported by: {reporters}")
        entry.add("categories", [_event_source(articles, event)])
        calendar.add_component(entry)
    return str(calendar.to_ical().decode("utf-8"))


def render(timeline: Timeline, fmt: str, title: str = "Timeline") -> str:
    """The timeline in export format ``fmt`` (one of :data:`FORMATS`)."""
    writers: dict[str, Callable[[], str]] = {
        "json": lambda: to_json(timeline),
        "timelinejs": lambda: to_timelinejs(timeline, title),
        "csv": lambda: to_csv(timeline),
        "ics": lambda: to_ics(timeline, title),
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt]()
