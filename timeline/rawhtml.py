"""A Markdown extension that sets a page's raw HTML blocks aside without an HTML parser.

The timeline's pages are a small Markdown skeleton (headings, a few sentences) around large raw
HTML blocks: the article text is a span per sentence and per temporal expression. Python-Markdown
sets every raw HTML block aside with ``html.parser`` (its ``html_block`` preprocessor), and MkDocs
parses the whole page once more for the ids it may link to; on big sites that is most of the
build. :func:`find_raw_blocks` finds the same blocks with a few regular expressions, for the
pages whose HTML keeps to a simple, well-formed subset, and :class:`RawHtmlStash` stashes them
just before ``html_block`` would, the way it would: the HTML that comes out is the same. The
MkDocs plugin arms it for the timeline's own pages (:mod:`timeline.mkdocs_plugin`).

It must be exact, so it accepts only what it can prove ``html_block`` treats as one raw block
and stops at the first thing it cannot prove (everything from there on is left to Markdown):

* nothing on the page may make ``html.parser`` stop early (a ``&#`` that starts no character
  reference, a ``<?`` or ``<!`` other than a comment): it would read the rest with line offsets
  into the text as it was, and the result would depend on the length of what came before;
* a block starts with a block-level start tag in column 0, while the parser is between blocks:
  the text before it holds no ``<`` but in the blocks found before, so nothing can leave the
  parser inside a tag, a comment or a block;
* inside the block, every ``<`` starts a plain start tag (ASCII name, attributes separated by
  one space or more, every value in quotes with no ``<``, ``>`` or newline in it) or a plain end
  tag ``</name>``, and every ``&`` starts a complete entity or character reference: the parser
  then keeps the text as written. No comments, declarations, ``<script>``-like elements (whose
  content is not HTML), no ``markdown`` attribute (md_in_html), no NUL;
* the block ends where ``html_block`` ends it, at the end tag that closes its first tag (by the
  parser's rule: an end tag closes the innermost open tag of its name and every tag opened after
  it), and a blank line follows that end tag.

Each block also yields the ids MkDocs collects from it (``id`` on any tag, ``name`` on ``<a>``),
unescaped the way the parser unescapes attribute values.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor

# What makes html.parser stop reading before the end of the page (a "&#" that starts no
# character reference, a "<?" or "<!" it may find no end for, a "<" or "&" at the very end).
# It then reads on from where it stopped while its line offsets still point into the text as it
# was, so what it makes of the rest depends on the length of everything before: on a page that
# holds any of these, nothing may change length.
_STOPS_THE_PARSER = re.compile(r"&#(?![0-9]+[^0-9a-fA-F]|[xX][0-9a-fA-F]+[^0-9a-fA-F])|<\?|<!(?!--)|[<&]\Z")
_ATTR = r"""[ ]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>\n]*"|='[^'<>\n]*')?"""
_NAME = r"[a-zA-Z][a-zA-Z0-9]*"
_START_TAG = re.compile(rf"<({_NAME})((?:{_ATTR})*)[ ]*(/?)>")
# Inside a block, the tags in order as (slash, name, attributes, self-closing slash, ""), and
# as ("", "", "", "", what) whatever would not be kept as written: a "<" that starts no plain
# start or end tag, an "&" that starts no complete reference, a NUL.
_TAGS = re.compile(
    rf"<(/?)({_NAME})((?:{_ATTR})*)[ ]*(/?)>"
    r"|(<|&(?!(?:[a-zA-Z][-.a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)|\x00)"
)
# A quick test for the attributes that matter here (it may say yes for a value that only holds
# the word; the attributes are then read one by one).
_MAYBE_ANCHOR = re.compile(r"[ ](?:id|name|markdown)(?![-a-zA-Z0-9_:.])", re.IGNORECASE)
_ANCHOR_ATTR = re.compile(r"""[ ]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)"|='([^']*)')?""")
# Elements whose content html.parser reads as text (in some Python version or other), and the
# one it always treats as empty: a block that holds them is left to Markdown.
_NOT_PLAIN = frozenset(
    {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"}
)
_EMPTY = "hr"


@dataclass(frozen=True)
class RawBlock:
    """``text[start:end]`` is one raw HTML block (a blank line follows it); ``anchor_ids`` are
    the ids it holds, as MkDocs collects them (``None`` for an ``id`` without a value)."""

    start: int
    end: int
    anchor_ids: frozenset[str | None]


def find_raw_blocks(text: str, is_block_level: Callable[[str], bool]) -> list[RawBlock]:
    """The raw HTML blocks of ``text`` (as ``html_block`` receives it), in order, up to the first
    thing that cannot be proven to parse as a block or as plain text; see the module docstring.
    ``is_block_level`` is the Markdown instance's own (``md.is_block_level``)."""
    blocks: list[RawBlock] = []
    if _STOPS_THE_PARSER.search(text):
        return blocks
    pos = 0
    while True:
        at = text.find("<", pos)
        if at < 0:
            return blocks
        if at and text[at - 1] != "\n":
            return blocks
        block = _block_at(text, at, is_block_level)
        if block is None:
            return blocks
        blocks.append(block)
        pos = block.end


def _block_at(text: str, start: int, is_block_level: Callable[[str], bool]) -> RawBlock | None:
    first = _START_TAG.match(text, start)
    if first is None:
        return None
    name = first.group(1).lower()
    if first.group(3) or name == _EMPTY or name in _NOT_PLAIN or not is_block_level(name):
        return None
    ids: set[str | None] = set()
    if not _collect_anchors(name, first.group(2), ids):
        return None
    stack = [name]
    pos = end = first.end()
    # One stretch up to a blank line at a time: the block is over when its first tag is closed,
    # which must be at the end of a stretch; until then it goes on past the blank line.
    while True:
        end = text.find("\n\n", end)
        if end < 0:
            return None
        tags = _TAGS.findall(text, pos, end)
        for i, (slash, written, attrs, closed, other) in enumerate(tags):
            tag = written.lower()
            if other:
                return None
            if slash:
                if tag in stack:
                    while stack.pop() != tag:
                        pass
                    if not stack:
                        # the end tag that closes the block must be the last thing before the
                        # blank line (text after it would make the rest of the line a "tail")
                        if i == len(tags) - 1 and text.endswith(f"</{written}>", pos, end):
                            return RawBlock(start, end, frozenset(ids))
                        return None
            elif tag in _NOT_PLAIN or (
                attrs and _MAYBE_ANCHOR.search(attrs) and not _collect_anchors(tag, attrs, ids)
            ):
                return None
            elif not closed and tag != _EMPTY:
                stack.append(tag)
        pos, end = end, end + 1


def _collect_anchors(tag: str, attrs: str, ids: set[str | None]) -> bool:
    """Add the tag's anchor ids to ``ids``; False when it has a ``markdown`` attribute."""
    for attr in _ANCHOR_ATTR.finditer(attrs):
        key = attr.group(1).lower()
        if key == "markdown":
            return False
        if key == "id" or (key == "name" and tag == "a"):
            value = attr.group(2) if attr.group(2) is not None else attr.group(3)
            ids.add(html.unescape(value) if value else value)
    return True


class RawHtmlState:
    """What the plugin and its preprocessor share while one page is converted: whether the page
    is one of the timeline's (``armed``: its next conversion may stash blocks), and the anchor
    ids of the blocks stashed; and, for the whole build, how many pages and blocks were."""

    def __init__(self) -> None:
        self.armed = False
        self.anchor_ids: set[str | None] = set()
        self.pages = 0
        self.blocks = 0

    def arm(self, armed: bool) -> None:
        self.armed = armed
        self.anchor_ids = set()


class RawHtmlStashPreprocessor(Preprocessor):
    """Stashes the raw HTML blocks of an armed page the way ``html_block`` would: the block and
    the blank line after it in ``md.htmlStash``, a newline, the placeholder and a blank line in
    its place (what ``HTMLExtractor`` writes), so the rest of the conversion cannot tell."""

    NAME = "timeline_raw_html"
    #: After fenced code (25), before MkDocs' anchor collector (21) and ``html_block`` (20).
    PRIORITY = 23

    def __init__(self, md: Markdown, state: RawHtmlState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        if not self.state.armed:
            return lines
        self.state.armed = False  # this conversion only, whatever it is
        if not self._only_html_block_after():
            return lines
        text = "\n".join(lines)
        blocks = find_raw_blocks(text, self.md.is_block_level)
        if not blocks:
            return lines
        out, last = [], 0
        for block in blocks:
            stashed = self.md.htmlStash.store(text[block.start : block.end] + "\n")
            out += [text[last : block.start], "\n", stashed, "\n\n"]
            last = block.end
            self.state.anchor_ids |= block.anchor_ids
        out.append(text[last:])
        self.state.pages += 1
        self.state.blocks += len(blocks)
        return "".join(out).split("\n")

    def _only_html_block_after(self) -> bool:
        """True when the preprocessors that run after this one are Python-Markdown's own
        ``html_block`` and MkDocs' anchor collector only: anything else might look at the text
        the blocks were taken from."""
        registry = self.md.preprocessors
        if "html_block" not in registry or type(registry["html_block"]) is not HtmlBlockPreprocessor:
            return False
        known = {id(registry[name]) for name in ("html_block", "mkdocs_raw_html") if name in registry}
        after = list(registry)[registry.get_index_for_name(self.NAME) + 1 :]
        return id(registry["html_block"]) in {id(p) for p in after} and all(id(p) in known for p in after)


class RawHtmlStash(Extension):
    """The Markdown extension the plugin adds to MkDocs' list: one :class:`RawHtmlStashPreprocessor`
    per Markdown instance, idle unless the plugin armed it for the page."""

    def __init__(self, state: RawHtmlState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(
            RawHtmlStashPreprocessor(md, self.state),
            RawHtmlStashPreprocessor.NAME,
            RawHtmlStashPreprocessor.PRIORITY,
        )


__all__ = ["RawBlock", "RawHtmlStash", "RawHtmlStashPreprocessor", "RawHtmlState", "find_raw_blocks"]
