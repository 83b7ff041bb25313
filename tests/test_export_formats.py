"""Every export format, parsed back by that format's own reader, carries the seed events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import icalendar
import jsonschema
import pytest

from timeline import export
from timeline.config import Config
from timeline.dates import Granularity
from timeline.model import Timeline
from timeline.pipeline import build_timeline

ROOT = Path(__file__).resolve().parents[1]

# The parts of the TimelineJS 3 JSON format we produce, as its documentation describes them.
_DATE = {
    "type": "object",
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "display_date": {"type": "string"},
    },
    "required": ["year"],
    "additionalProperties": False,
}
TIMELINEJS_SCHEMA = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": {"$ref": "#/$defs/text"}}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text", "unique_id"],
                "properties": {
                    "start_date": _DATE,
                    "end_date": _DATE,
                    "text": {"$ref": "#/$defs/text"},
                    "group": {"type": "string"},
                    "unique_id": {"type": "string"},
                },
                "additionalProperties": False,
            },
        },
    },
    "$defs": {
        "text": {
            "type": "object",
            "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
            "additionalProperties": False,
        }
    },
}


@pytest.fixture(scope="module")
def seed_timeline() -> Timeline:
    timeline = build_timeline(Config(project=ROOT, articles=Path("seeds"), cache=False))
    assert timeline.events, "the seeds should give events"
    return timeline


def test_json_keeps_schema_1_keys(seed_timeline: Timeline) -> None:
    data = json.loads(export.render(seed_timeline, "json"))
    assert data["schema"] == 1
    assert [e["id"] for e in data["events"]] == [e.id for e in seed_timeline.events]
    for event in data["events"]:
        assert {"id", "value", "start", "end", "granularity", "text", "status", "mentions"} <= event.keys()
        for mention in event["mentions"]:
            assert {"article", "sentence", "expression", "start", "end", "value"} <= mention.keys()


def test_timelinejs_validates_and_round_trips(seed_timeline: Timeline) -> None:
    data = json.loads(export.render(seed_timeline, "timelinejs", "Seeds"))
    jsonschema.validate(data, TIMELINEJS_SCHEMA)
    slides = {s["unique_id"]: s for s in data["events"]}
    assert list(slides) == [e.id for e in seed_timeline.events]
    for event in seed_timeline.events:
        slide = slides[event.id]
        start, p = slide["start_date"], event.period
        assert start["year"] == p.start.year
        if p.granularity <= Granularity.WEEK:
            assert (start["month"], start["day"]) == (p.start.month, p.start.day)
        elif p.granularity == Granularity.MONTH:
            assert start["month"] == p.start.month and "day" not in start
        elif p.granularity == Granularity.YEAR:
            assert set(start) == {"year", "display_date"}
        single = p.granularity in (Granularity.TIME, Granularity.DAY, Granularity.MONTH, Granularity.YEAR)
        assert ("end_date" in slide) != single
        assert slide["group"] == "Unknown source" or slide["group"] in {
            a.source for a in seed_timeline.articles
        }


def test_timelinejs_escapes_article_text(seed_timeline: Timeline) -> None:
    from dataclasses import replace

    hostile = replace(seed_timeline.events[0], text='<script>alert(1)</script> & "x"')
    timeline = replace(seed_timeline, events=(hostile,))
    slide = json.loads(export.render(timeline, "timelinejs"))["events"][0]
    assert "<script>" not in slide["text"]["text"] and "&lt;script&gt;" in slide["text"]["text"]


def test_week_and_decade_become_spans(seed_timeline: Timeline) -> None:
    from dataclasses import replace

    from timeline import dates

    week = replace(seed_timeline.events[0], period=dates.iso_week(2017, 36))
    decade = replace(seed_timeline.events[0], id="e-decade", period=dates.decade(2010))
    data = export.to_timelinejs_data(replace(seed_timeline, events=(week, decade)))
    w, d = data["events"]
    assert w["start_date"] == {"year": 2017, "month": 9, "day": 4, "display_date": dates.label(week.period)}
    assert w["end_date"] == {"year": 2017, "month": 9, "day": 10}
    assert (d["start_date"]["year"], d["end_date"]["year"]) == (2010, 2019)
    calendar = icalendar.Calendar.from_ical(export.to_ics(replace(seed_timeline, events=(week, decade))))
    spans = [(e.decoded("dtstart"), e.decoded("dtend")) for e in calendar.walk("VEVENT")]
    assert spans == [(dt.date(2017, 9, 4), dt.date(2017, 9, 11)), (dt.date(2010, 1, 1), dt.date(2020, 1, 1))]


def test_csv_has_a_row_per_event_and_mention(seed_timeline: Timeline) -> None:
    rows = list(csv.DictReader(io.StringIO(export.render(seed_timeline, "csv"), newline="")))
    expected = [(e.id, m.article, m.start) for e in seed_timeline.events for m in e.mentions]
    assert [(r["event_id"], r["article"], int(r["expression_start"])) for r in rows] == expected
    by_id = {e.id: e for e in seed_timeline.events}
    for row in rows:
        event = by_id[row["event_id"]]
        assert row["value"] == event.period.value
        assert row["start"] == event.period.start.isoformat()
        assert row["event_text"] == event.text
        article = seed_timeline.article(row["article"])
        assert article.raw[int(row["expression_start"]) : int(row["expression_end"])] == row["expression"]


def test_ics_parses_with_all_day_events(seed_timeline: Timeline) -> None:
    calendar = icalendar.Calendar.from_ical(export.render(seed_timeline, "ics"))
    vevents = calendar.walk("VEVENT")
    assert [str(v["uid"]) for v in vevents] == [f"{e.id}@newsroom-timeline" for e in seed_timeline.events]
    for vevent, event in zip(vevents, seed_timeline.events, strict=True):
        start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date, "all-day events carry dates, not times"
        assert start == event.period.start
        assert end == event.period.end + dt.timedelta(days=1)
        assert "dtstamp" in vevent


def test_exports_are_deterministic(seed_timeline: Timeline) -> None:
    again = build_timeline(Config(project=ROOT, articles=Path("seeds"), cache=False))
    for fmt in export.FORMATS:
        assert export.render(seed_timeline, fmt) == export.render(again, fmt), fmt


def test_cli_writes_each_format(tmp_path: Path) -> None:
    for fmt in ("timelinejs", "csv", "ics"):
        out = tmp_path / f"out.{fmt}"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "timeline",
                "export",
                str(ROOT / "seeds"),
                "--format",
                fmt,
                "-o",
                str(out),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 0
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")


def test_json_carries_dateline_source_and_conflicts(seed_timeline: Timeline) -> None:
    data = json.loads(export.render(seed_timeline, "json"))
    for article, written in zip(seed_timeline.articles, data["articles"], strict=True):
        assert written["dateline"]["where"] == article.dateline.where
        assert {"url", "author"} <= written.keys()
    for event, written in zip(seed_timeline.events, data["events"], strict=True):
        assert [c["value"] for c in written["conflicts"]] == [c.period.value for c in event.conflicts]
