"""Rebuilding a site with a memo renders and writes only what changed, and gives the same pages."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from timeline import synth
from timeline.config import Config
from timeline.pipeline import Memo, build_timeline
from timeline.publish import PublishMemo, publish_pages
from timeline.render import PageMemo, render_pages
from timeline.site import SiteMemo, generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    past = time.time() - 60
    for path in (tmp_path / "seeds").iterdir():
        os.utime(path, (past, past))
    return tmp_path


def _config(project: Path) -> Config:
    return Config(project=project, articles=Path("seeds"), cache=False, jobs=1, quiet=True)


def test_an_edit_re_renders_the_pages_it_touches_and_the_pages_equal_a_fresh_render(project: Path) -> None:
    config, memo, pages_memo = _config(project), Memo(), PageMemo()
    render_pages(build_timeline(config, memo=memo), "T", memo=pages_memo)
    unchanged = render_pages(build_timeline(config, memo=memo), "T", memo=pages_memo)
    assert pages_memo.rendered == 0
    wsj = project / "seeds" / "wsj-military-advances.txt"
    wsj.write_text(wsj.read_text(encoding="utf-8") + "\nThe city museum reopened on Thursday.\n")
    edited = render_pages(build_timeline(config, memo=memo), "T", memo=pages_memo)
    assert edited == render_pages(build_timeline(config), "T")
    # the article's page, the timeline page its new event is on, the sources page (its count)
    assert pages_memo.rendered == 3
    assert edited["articles/wsj-military-advances.md"] != unchanged["articles/wsj-military-advances.md"]
    assert edited["articles/reuters-siege-broken.md"] is unchanged["articles/reuters-siege-broken.md"]


def test_the_sources_page_is_kept_while_no_article_or_count_changes(project: Path) -> None:
    config, memo, pages_memo = _config(project), Memo(), PageMemo()
    before = render_pages(build_timeline(config, memo=memo), "T", memo=pages_memo)
    wsj = project / "seeds" / "wsj-military-advances.txt"
    wsj.write_text(wsj.read_text(encoding="utf-8") + "\nThe city museum is large.\n")
    after = render_pages(build_timeline(config, memo=memo), "T", memo=pages_memo)
    assert after == render_pages(build_timeline(config), "T")
    assert after["sources.md"] is before["sources.md"]
    assert after["articles/wsj-military-advances.md"] != before["articles/wsj-military-advances.md"]
    assert pages_memo.rendered == 2  # the article page and the timeline page of its events


def test_a_user_template_is_rendered_every_time(project: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "article.md.j2").write_text("# {{ label }}\n\n{{ timeline.events | length }} events\n")
    config, memo, pages_memo = _config(project), Memo(), PageMemo()
    render_pages(build_timeline(config, memo=memo), "T", templates, memo=pages_memo)
    again = render_pages(build_timeline(config, memo=memo), "T", templates, memo=pages_memo)
    assert pages_memo.rendered >= 4  # the four article pages come from the user's template
    assert again == render_pages(build_timeline(config), "T", templates)


def test_a_changed_template_empties_the_memo(project: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "_note.j2").write_text("x")
    config, memo, pages_memo = _config(project), Memo(), PageMemo()
    render_pages(build_timeline(config, memo=memo), "T", templates, memo=pages_memo)
    (templates / "_note.j2").write_text("changed")
    render_pages(build_timeline(config, memo=memo), "T", templates, memo=pages_memo)
    assert pages_memo.rendered > 4


def test_publish_writes_only_changed_pages_and_restores_a_page_changed_on_disk(tmp_path: Path) -> None:
    docs, memo = tmp_path / "docs", PublishMemo()
    pages = {"a.md": "# A\n", "b.md": "# B\n"}
    publish_pages(docs, pages, memo=memo)
    assert memo.written == 2
    publish_pages(docs, pages, memo=memo)
    assert memo.written == 0
    (docs / "b.md").write_text("# tampered\n")
    publish_pages(docs, {**pages, "a.md": "# A, edited\n"}, memo=memo)
    assert memo.written == 2
    assert (docs / "b.md").read_text() == "# B\n" and (docs / "a.md").read_text() == "# A, edited\n"


def test_generate_with_a_memo_publishes_what_a_fresh_generate_publishes(project: Path) -> None:
    config = _config(project)
    memo = SiteMemo()
    generate(config, memo=memo)
    corridor = project / "seeds" / "reuters-deir-al-zor-corridor.txt"
    corridor.write_text(corridor.read_text(encoding="utf-8") + "\non friday the road reopened .\n")
    generate(config, memo=memo)
    warm = _published(project / "site_src")
    shutil.rmtree(project / "site_src")
    generate(config)
    assert warm == _published(project / "site_src")


def _published(docs: Path) -> dict[Path, bytes]:
    return {p.relative_to(docs): p.read_bytes() for p in docs.rglob("*.md")}


def test_article_pages_taken_as_they_were_equal_a_fresh_render_when_events_move_between_pages(
    tmp_path: Path,
) -> None:
    """Small timeline pages, so an added or removed event moves others to the next page: the
    article pages kept without their inputs gathered again are still the ones a fresh render makes."""
    folder = tmp_path / "articles"
    synth.write_text_corpus(folder, synth.load_sources(ROOT / "seeds"), 120)
    past = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (past, past))
    config = Config(project=tmp_path, articles=Path("articles"), cache=False, jobs=1, quiet=True)
    memo, pages_memo = Memo(), PageMemo()

    def check() -> None:
        warm = render_pages(build_timeline(config, memo=memo), "T", max_events_per_page=4, memo=pages_memo)
        assert warm == render_pages(build_timeline(config), "T", max_events_per_page=4)

    check()
    files = sorted(folder.rglob("*.txt"))
    for path, sentence in [
        (files[0], "The ministry corrected the figures on Friday."),
        (files[3], "The army said on Monday that the road to the airport was open again."),
        (files[0], "The ministry corrected the figures again on Saturday."),
    ]:
        path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        check()
        assert pages_memo.rendered > 0
    files[7].unlink()
    check()
    (folder / "new.txt").write_text(files[1].read_text(encoding="utf-8"), encoding="utf-8")
    check()
