"""Run the per-article extraction stage (placeholder: in this process, one article at a time)."""

from __future__ import annotations

from collections.abc import Sequence

from timeline import temporal
from timeline.config import Config
from timeline.model import Article


def extract_all(articles: Sequence[Article], config: Config) -> list[temporal.Extraction]:
    """The extraction of every article, in the order given."""
    return [temporal.extract(a.raw, a.body_start, a.body_end) for a in articles]
