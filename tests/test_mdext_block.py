"""The ```timeline block: a slice of the timeline inside any page; a code block without the extension."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from timeline.mdext import _MEMO, BlockError, BlockOptions, TimelineExtension, parse_block, select

ROOT = Path(__file__).resolve().parents[1]

BLOCK = """Before.

```timeline
articles: seeds
from: 2017-09-01
to: 2017-09-30
limit: 3
```

After.
"""


def convert(text: str, **config: object) -> str:
    return markdown.markdown(
        text, extensions=["fenced_code", TimelineExtension(base_dir=str(ROOT), **config)]
    )


def test_block_renders_the_slice_of_events() -> None:
    html = convert(BLOCK)
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html
    assert html.count('<li class="tl-event"') == 3
    timeline = _MEMO.get(ROOT / "seeds")
    shown = re.findall(r'data-event="([^"]+)"', html)
    by_id = {e.id: e for e in timeline.events}
    september = (dt.date(2017, 9, 1), dt.date(2017, 9, 30))
    assert all(by_id[i].period.end >= september[0] and by_id[i].period.start <= september[1] for i in shown)
    assert shown == [e.id for e in select(timeline, BlockOptions(ROOT / "seeds", *september))][:3]
    assert "<code" not in html


def test_extension_loads_by_its_entry_point_name() -> None:
    html = markdown.markdown(
        BLOCK.replace("articles: seeds", f"articles: {ROOT / 'seeds'}"), extensions=["timeline"]
    )
    assert 'class="tl-block"' in html


def test_without_the_extension_the_block_is_a_code_block() -> None:
    html = markdown.markdown(BLOCK, extensions=["fenced_code"])
    assert '<code class="language-timeline">' in html and "articles: seeds" in html


def test_source_filter_and_empty_result() -> None:
    html = convert(BLOCK.replace("limit: 3", "source: No Such Wire"))
    assert "tl-empty" in html and "tl-event" not in html


def test_bad_block_is_a_notice_and_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        html = convert(BLOCK.replace("limit: 3", "limit: many"))
    assert "tl-error" in html and "limit" in html
    assert any("limit" in r.getMessage() for r in caplog.records)


def test_parse_block_checks_every_option(tmp_path: Path) -> None:
    options = parse_block(
        "articles: seeds\nfrom: 2017-09-01\nto: '2017-09-30'\nsource: Reuters\nlimit: 2", tmp_path
    )
    assert options == BlockOptions(
        (tmp_path / "seeds").resolve(), dt.date(2017, 9, 1), dt.date(2017, 9, 30), "Reuters", 2
    )
    for bad in (
        "from: 2017-09-01",
        "articles: x\nto: next week",
        "articles: x\nlimit: 0",
        "articles: x\ncolour: red",
    ):
        with pytest.raises(BlockError):
            parse_block(bad, tmp_path)


def test_article_text_is_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.txt").write_text(
        "Hostile wire\n\n6 September 2017\n\n"
        "The siege began in 2014 <script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}.\n",
        encoding="utf-8",
    )
    html = convert(f"```timeline\narticles: {folder}\n```\n")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_select_keeps_order_and_limit() -> None:
    timeline = _MEMO.get(ROOT / "seeds")
    every = select(timeline, BlockOptions(ROOT / "seeds"))
    assert every == list(timeline.events)
    assert select(timeline, BlockOptions(ROOT / "seeds", limit=2)) == every[:2]


def test_embed_project_builds_with_plugin_and_block(tmp_path: Path) -> None:
    project = tmp_path / "tests" / "embed_project"
    shutil.copytree(ROOT / "tests" / "embed_project", project)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    config = load_config(
        config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False
    )
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    page = (tmp_path / "site" / "background" / "index.html").read_text()
    assert page.count('<li class="tl-event"') >= 1 and "tl-empty" in page and "tl-error" not in page
    assert (tmp_path / "site" / "history" / "timeline" / "index.html").is_file()


def test_source_filter_keeps_that_sources_events() -> None:
    timeline = _MEMO.get(ROOT / "seeds")
    sources = {a.id: a.source for a in timeline.articles}
    wanted = next(s for s in sources.values() if s)
    html = convert(f"```timeline\narticles: seeds\nsource: {wanted.lower()}\n```\n")
    by_id = {e.id: e for e in timeline.events}
    shown = re.findall(r'data-event="([^"]+)"', html)
    assert shown
    assert all(any(sources[a] == wanted for a in by_id[i].articles) for i in shown)
    assert len(shown) < len(timeline.events) or len(set(sources.values())) == 1
