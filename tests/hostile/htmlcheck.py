"""Find live markup in built HTML that article text could have put there.

Parsed with :mod:`html.parser` (the way a browser tokenises, entities decoded in attribute
values), each page yields its elements; :func:`live_markup` reports the ones an attacker
would want: scripts, event-handler attributes, ``javascript:``/``data:``/``vbscript:`` URLs,
embedded or remote content (img, iframe, object, embed, svg, style, base, meta refresh, form).
The theme's own elements are told apart by a baseline built from benign articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

DANGEROUS_TAGS = frozenset(
    "script img iframe frame frameset object embed svg math style base meta link form input button "
    "video audio source track applet image picture portal".split()
)
URL_ATTRIBUTES = frozenset("href src action formaction data srcset poster xlink:href background cite".split())
#: Attributes whose URL the browser fetches by itself (a plain link waits for a click).
LOADING = frozenset("src srcset data poster background xlink:href style content".split())
BAD_SCHEME = re.compile(r"^\s*(?:javascript|vbscript|data|livescript)\s*:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")


@dataclass(frozen=True)
class Element:
    page: str
    tag: str
    attrs: tuple[tuple[str, str], ...]
    text: str = ""

    def signature(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The element without its page: relative prefixes ("../../") and digests dropped."""
        attrs = tuple((k, re.sub(r"^(?:\.\./)+|^\./|\?.*$", "", v)) for k, v in self.attrs)
        return self.tag, attrs


class _Collector(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.elements: list[Element] = []
        self.text: list[str] = []
        self._script: list[str] | None = None
        self._script_attrs: tuple[tuple[str, str], ...] = ()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pairs = tuple((k.lower(), v or "") for k, v in attrs)
        if tag in ("script", "style"):
            self._script, self._script_attrs = [], pairs
            self._tag = tag
            return
        self.elements.append(Element(self.page, tag, pairs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(self.page, tag, tuple((k.lower(), v or "") for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self._script is not None and tag == self._tag:
            self.elements.append(Element(self.page, tag, self._script_attrs, "".join(self._script)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        else:
            self.text.append(data)


def parse(page: Path, root: Path) -> tuple[list[Element], str]:
    """The elements of one page and its visible text."""
    collector = _Collector(page.relative_to(root).as_posix())
    collector.feed(page.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.elements, "".join(collector.text)


def pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def live_markup(element: Element, baseline: set[tuple[str, tuple[tuple[str, str], ...]]]) -> list[str]:
    """What is wrong with one element, empty when it is harmless or the theme's own."""
    wrong = []
    own = element.signature() in baseline
    if element.tag in DANGEROUS_TAGS and not own:
        wrong.append(f"<{element.tag}> not from the theme")
    for name, value in element.attrs:
        if name.startswith("on") and not own:
            wrong.append(f"event handler {name}={value!r}")
        if name in URL_ATTRIBUTES and BAD_SCHEME.match(_CONTROL.sub("", value)):
            wrong.append(f"{name} URL with a script scheme: {value!r}")
        loads = name in LOADING or (name == "href" and element.tag in ("link", "base"))
        if loads and "evil.example" in value:
            wrong.append(f"{name} makes the browser fetch from off site: {value!r}")
    if element.tag == "script" and not own and element.text:
        wrong.append(f"inline script: {element.text[:80]!r}")
    return [f"{element.page}: <{element.tag}>: {w}" for w in wrong]


def baseline_of(site: Path) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    """Signatures of every element of a site built from benign articles: the theme's markup."""
    found = set()
    for page in pages(site):
        elements, _ = parse(page, site)
        found.update(e.signature() for e in elements)
    return found
