"""Exports of a timeline for other tools. ``json`` is the project's own schema (version 1)."""

from __future__ import annotations

import json
from typing import Any

from timeline.model import Article, Event, Mention, Timeline

SCHEMA_VERSION = 1


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
        "dateline": {
            "date": d.date.isoformat() if d.date else None,
            "origin": d.origin,
            "evidence": list(d.evidence),
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
