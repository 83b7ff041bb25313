"""Datelines for articles that carry none, inferred from the corpus (placeholder: explicit only)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.model import Article, Dateline


def infer_datelines(articles: Sequence[Article], extractions: Sequence[object]) -> dict[str, Dateline]:
    """Each article's dateline: the explicit one where there is one, inferred where possible."""
    return {a.id: a.dateline for a in articles}
