"""The first end-to-end path: the demo articles in, a real MkDocs site out (issue 2)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_timeline(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's demo project (mkdocs.yml + seeds/), built once."""
    project = tmp_path_factory.mktemp("demo")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    result = run_timeline("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def exported(demo_project: Path) -> dict:
    result = run_timeline("export", "seeds", "--format", "json", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_build_writes_a_site_with_home_page(demo_project: Path) -> None:
    assert (demo_project / "site" / "index.html").is_file()
    assert (demo_project / "site_src" / "index.md").is_file()


def test_export_follows_schema_1(exported: dict) -> None:
    assert exported["schema"] == 1
    assert len(exported["articles"]) == 4
    for article in exported["articles"]:
        assert {"id", "path", "title", "source", "dateline"} <= article.keys()
        assert article["dateline"]["origin"] in ("explicit", "inferred", "none")
        assert isinstance(article["dateline"]["evidence"], list)
    assert exported["events"], "the seeds hold dated events"
    ids = {a["id"] for a in exported["articles"]}
    for event in exported["events"]:
        assert {"id", "value", "start", "end", "granularity", "text", "mentions"} <= event.keys()
        assert event["start"] <= event["end"]
        for mention in event["mentions"]:
            assert mention["article"] in ids
            assert mention["start"] < mention["end"]


def test_mention_offsets_index_the_stored_file(exported: dict, demo_project: Path) -> None:
    paths = {a["id"]: a["path"] for a in exported["articles"]}
    for event in exported["events"]:
        for m in event["mentions"]:
            text = (demo_project / "seeds" / paths[m["article"]]).read_text(encoding="utf-8")
            assert text[m["start"] : m["end"]] == m["expression"]
            assert m["expression"] in m["sentence"]


def test_events_are_sorted_by_start_then_finer_first(exported: dict) -> None:
    order = ["time", "day", "week", "month", "quarter", "season", "half", "year", "decade", "century"]
    keys = [(e["start"], order.index(e["granularity"])) for e in exported["events"]]
    assert keys == sorted(keys)


def test_the_wsj_header_date_is_its_dateline(exported: dict) -> None:
    wsj = next(a for a in exported["articles"] if "wsj" in a["path"])
    assert (wsj["dateline"]["date"], wsj["dateline"]["origin"]) == ("2017-09-06", "explicit")
    assert wsj["dateline"]["evidence"]


def test_undated_seeds_get_inferred_datelines_with_evidence(exported: dict) -> None:
    for article in exported["articles"]:
        if "wsj" not in article["path"]:
            assert article["dateline"]["origin"] == "inferred", article["path"]
            assert article["dateline"]["date"] is not None
            assert article["dateline"]["evidence"]


def test_siege_break_through_is_dated_5_september_2017(exported: dict) -> None:
    dated = [e for e in exported["events"] if e["value"] == "2017-09-05" and "siege" in e["text"].lower()]
    assert len(dated) == 1, "the break-through is one event"
    assert {m["article"] for m in dated[0]["mentions"]} == {a["id"] for a in exported["articles"]}


def _site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_timeline_page_lists_events_in_date_order_linked_to_articles(
    demo_project: Path, exported: dict
) -> None:
    site = demo_project / "site"
    event_ids = [e["id"] for e in exported["events"]]
    pages = [p for p in _site_pages(site) if event_ids[0] in p.read_text(encoding="utf-8")]
    timeline_page = next(
        p for p in pages if all(f'id="{i}"' in p.read_text(encoding="utf-8") for i in event_ids)
    )
    html = timeline_page.read_text(encoding="utf-8")
    positions = [html.index(f'id="{i}"') for i in event_ids]
    assert positions == sorted(positions)
    for event in exported["events"]:
        block = html[html.index(f'id="{event["id"]}"') :]
        for article in {m["article"] for m in event["mentions"]}:
            assert re.search(rf'href="[^"]*articles/{re.escape(article)}/[^"]*"', block), article


def test_every_article_has_its_page(demo_project: Path, exported: dict) -> None:
    for article in exported["articles"]:
        assert (demo_project / "site" / "articles" / article["id"] / "index.html").is_file()


def test_python_dash_m_and_the_command_agree(demo_project: Path) -> None:
    assert run_timeline("--help", cwd=demo_project).returncode == 0
    assert shutil.which("timeline") is not None
