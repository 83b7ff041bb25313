"""Article ids: stable, URL-safe, unique in the folder.

An id is what the site's URLs and the JSON export use to name an article, so it must not
change from one build to the next and must be safe in a URL without escaping.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

from timeline.model import Article

_PLAIN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def safe_id(text: str, max_length: int = 80) -> str:
    """``text`` as a URL-safe id: lower-case letters, digits and single hyphens ("" if none)."""
    if len(text) <= max_length and _PLAIN_ID.fullmatch(text):
        return text  # the common case, without slugify's cost (100,000 articles are read)
    return str(slugify(text, max_length=max_length, word_boundary=True))


def article_id(relative_path: str) -> str:
    """The id of a file's article: the slug of its path inside the folder, without the suffix.

    A name with nothing slugify can keep (only punctuation, say) gets a short hash of the path.
    """
    stem = relative_path.rsplit(".", 1)[0] if "." in relative_path.rsplit("/", 1)[-1] else relative_path
    slug = safe_id(stem.replace("/", "-").replace("_", "-").lower())
    return slug or "article-" + hashlib.sha1(relative_path.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def unique_id(article: Article, taken: set[str]) -> str:
    """The article's id, or a variant of it no earlier article has (files are read in path order,
    so the variant is the same in every build)."""
    if article.id not in taken:
        return article.id
    with_suffix = safe_id(article.path.replace("#", "-").replace("/", "-").replace(".", "-").lower(), 90)
    if with_suffix and with_suffix not in taken:
        return with_suffix
    n = 2
    while f"{article.id}-{n}" in taken:
        n += 1
    return f"{article.id}-{n}"
