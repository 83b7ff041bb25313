"""The raw HTML blocks found without an HTML parser are the ones Python-Markdown sets aside: MkDocs
renders a page to the same HTML, table of contents, title and anchors with the stash armed as
without it, on hand-picked pages and on random pages mixing Markdown, well-formed blocks and the
HTML the stash must leave alone (comments, scripts, bad references, tails, misnested tags)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from timeline.rawhtml import RawHtmlStash, RawHtmlState, find_raw_blocks

STATE = RawHtmlState()


@pytest.fixture(scope="module", params=[[], ["timeline", "footnotes", "attr_list", "def_list", "abbr"]])
def config(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> MkDocsConfig:
    """MkDocs' configuration with its default extensions (toc, tables, fenced_code), and more."""
    docs = tmp_path_factory.mktemp("docs")
    extensions = ["toc", "tables", "fenced_code", *request.param]
    config = load_config(
        config_file=io.StringIO("site_name: t\n"), docs_dir=str(docs), markdown_extensions=extensions
    )
    config.markdown_extensions.append(RawHtmlStash(STATE))
    return config


def render(config: MkDocsConfig, text: str, stash: bool) -> tuple[str, str, str | None, set[str | None]]:
    """What MkDocs makes of a page: its HTML, table of contents, title and anchor ids."""
    (Path(config.docs_dir) / "page.md").write_text(text, encoding="utf-8")
    file = File("page.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.read_source(config)
    STATE.arm(stash)
    page.render(config, Files([file]))
    assert page.content is not None and page.present_anchor_ids is not None
    return page.content, str(page.toc), page.title, page.present_anchor_ids | STATE.anchor_ids


def assert_same(config: MkDocsConfig, text: str) -> int:
    """The page renders the same both ways; returns how many blocks were set aside."""
    blocks = STATE.blocks
    fast = render(config, text, True)
    stashed = STATE.blocks - blocks
    assert fast == render(config, text, False), text
    return stashed


CASES = {
    "blocks between headings": '# T\n\n<div class="a" id="x">one</div>\n\n## H\n\n<p id="y">two</p>\n',
    "block right after a paragraph": "text\n<div>block</div>\n\nmore\n",
    "blank line inside a block": '<div id="o">\n\n<p>inner</p>\n\n</div>\n\nafter\n',
    "tail after the block": "<div>x</div> tail\n\n<p>y</p>\n",
    "next block on the next line": "<div>x</div>\n<p>y</p>\n\n<p>z</p>\n",
    "void and empty tags": '<div><br><img src="a.png"><hr><br/><a name="n">a</a></div>\n\n',
    "misnested tags": "<div><span><b>x</span></b></div>\n\n<p>after</p>\n",
    "unclosed block": "<div><p>never closed\n\n# Heading\n",
    "comment": "<div><!-- c --></div>\n\n<p id='q'>z</p>\n",
    "script": "<div><script>var a = '<p>';</script></div>\n\n<p>z</p>\n",
    "bad reference before a block": 'A &#xZZ; B\n\n<div id="r">x</div>\n\n&#x; C\n\n<div>y</div>\n',
    "reference without a semicolon": "<div>&#39 and &amp and &#x27;</div>\n\n",
    "greater-than in text": "<div>a > b</div>x>\n\n<div>c</div>\n",
    "inline html before a block": "a <b>bold\n\n<div>x</div>\n",
    "indented block": "   <div>three spaces</div>\n\n    <div>code</div>\n",
    "fenced code around html": "```\n<div>code</div>\n```\n\n<div>real</div>\n",
    "markdown attribute": '<div markdown="1">*em*</div>\n\n',
    "upper case": '<DIV ID="Up">x</Div>\n\n',
    "self-closing block tag": "<div/>\n\n<p>x</p>\n",
    "processing instruction": "<?php echo 1; ?>\n\n<div>x</div>\n",
    "id escaped": '<div id="a&amp;b&#39;c">x</div>\n\n<div id="">y</div>\n\n<div id>z</div>\n',
    "placeholders in text": "\x02wzxhzdk:0\x03 and wzxhzdk:1\n\n<div>\x02wzxhzdk:0\x03</div>\n",
    "last line": "# T\n\n<div>end</div>",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_hand_picked_pages_render_the_same(config: MkDocsConfig, text: str) -> None:
    assert_same(config, text)


def test_well_formed_blocks_are_set_aside(config: MkDocsConfig) -> None:
    assert assert_same(config, CASES["blocks between headings"]) == 2
    assert assert_same(config, CASES["blank line inside a block"]) == 1
    assert assert_same(config, CASES["tail after the block"]) == 0


TAGS = ["div", "p", "ul", "li", "section", "details", "summary", "figure", "table", "DIV", "span", "a", "b"]
ODD_TAGS = ["script", "style", "textarea", "title", "pre", "my-el", "svg"]
ATTRS = [
    'class="c"',
    'id="i{n}"',
    "ID='j{n}'",
    'name="n{n}"',
    'title="a &gt; b &amp; c"',
    "title='say \"q\"'",
    "hidden",
    'data-id="d{n}"',
    'href="#h{n}"',
    'id="x&#39;{n}"',
]
ODD_ATTRS = ['markdown="1"', "id=bare", 'title="a > b"', 'id = "s"', "title='<b>'"]
TEXTS = ["text", "a &amp; b", "&#39;q&#39;", "&#x27;", "5 > 3", "x & y", "*em*", "`code`"]
ODD_TEXTS = ["&#xZZ;", "&#39", "&#12a", "<![CDATA[x]]>", "<?pi ?>", "a <", "</>"]
SKELETON = [
    "# Title {n}",
    "## Section *em* {n}",
    "Plain text with &amp; and &#39; and 5 > 3.",
    "- a list\n- items",
    "> quoted\n> text",
    "```\n<div>fenced</div>\n```",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "* * *",
    "[link](#i{n})",
    "Term\n: definition",
    "Footnote[^1].\n\n[^1]: the note",
    "*[HTML]: Hyper Text",
]
ODD_SKELETON = [
    "Text with <b>inline</b> html.",
    "    indented code <div>",
    "<!-- comment -->",
    "  <div>indented</div>",
    "<hr>",
    "Text\n<div>right after text</div>",
]


def random_block(rng: random.Random, odd: float, depth: int = 0) -> str:
    """A block of nested tags; with probability ``odd`` at each choice, something the stash must
    leave alone (an odd tag or attribute, a comment, a misnested or missing end tag, ...)."""
    tag = rng.choice(ODD_TAGS if rng.random() < odd else TAGS)
    attrs = "".join(
        " " + rng.choice(ODD_ATTRS if rng.random() < odd else ATTRS).format(n=rng.randrange(50))
        for _ in range(rng.randrange(3))
    )
    parts = []
    for _ in range(rng.randrange(4)):
        roll = rng.random()
        if roll < 0.4 and depth < 3:
            parts.append(random_block(rng, odd, depth + 1))
        elif roll < 0.5:
            parts.append(rng.choice(["<br>", "<br/>", '<img src="x.png">', "<hr>"]))
        elif roll < 0.55:
            parts.append("\n\n")
        elif rng.random() < odd:
            parts.append(rng.choice([*ODD_TEXTS, "<!-- c -->", "</" + rng.choice(TAGS) + ">"]))
        else:
            parts.append(rng.choice(TEXTS))
    close = "" if rng.random() < odd / 2 else f"</{tag}>"
    return f"<{tag}{attrs}>{''.join(parts)}{close}"


def random_page(rng: random.Random) -> str:
    """Markdown and blocks; one page in three holds nothing odd, so the stash sets all aside."""
    odd = rng.choice([0.0, 0.03, 0.1])
    pieces = []
    for _ in range(rng.randrange(1, 8)):
        if rng.random() < 0.6:
            block = random_block(rng, odd)
            roll = rng.random()
            if roll < odd / 2:
                block += " tail"
            elif roll < odd:
                block = " " * rng.randrange(1, 5) + block
            pieces.append(block)
        elif rng.random() < odd:
            pieces.append(rng.choice(ODD_TEXTS + ODD_SKELETON))
        else:
            pieces.append(rng.choice(SKELETON).format(n=rng.randrange(50)))
        separators = ["\n\n"] * 6 + ["\n", "\n\n\n"]
        pieces.append(rng.choice([*separators, " \n\n"] if odd else separators))
    return "".join(pieces)


def test_random_pages_render_the_same(config: MkDocsConfig) -> None:
    rng = random.Random(8)
    stashed = sum(assert_same(config, random_page(rng)) for _ in range(400))
    assert stashed > 200, "too few blocks set aside for the comparison to mean much"


def test_the_search_stops_at_what_it_cannot_prove() -> None:
    md = markdown.Markdown()
    text = '<div id="a">x</div>\n\nA <b>bold</b> word\n\n<div id="b">y</div>\n\n'
    blocks = find_raw_blocks(text, md.is_block_level)
    assert [(text[b.start : b.end], b.anchor_ids) for b in blocks] == [
        ('<div id="a">x</div>', frozenset({"a"}))
    ]


def test_ids_are_unescaped_as_mkdocs_reads_them() -> None:
    md = markdown.Markdown()
    text = '<div id="a&amp;b"><a name="n&#39;"></a><span NAME="not-an-anchor" Id="C"></span></div>\n\n'
    (block,) = find_raw_blocks(text, md.is_block_level)
    assert block.anchor_ids == {"a&b", "n'", "C"}


def test_nothing_is_set_aside_when_another_preprocessor_follows(tmp_path: Path) -> None:
    """A preprocessor that runs after the stash and before html_block might read the blocks."""

    class Late(markdown.preprocessors.Preprocessor):
        def run(self, lines: list[str]) -> list[str]:
            return lines

    class LateExtension(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.preprocessors.register(Late(md), "late", 22)

    config = load_config(config_file=io.StringIO("site_name: t\n"), docs_dir=str(tmp_path))
    config.markdown_extensions += [LateExtension(), RawHtmlStash(STATE)]
    assert assert_same(config, CASES["blocks between headings"]) == 0
