"""The worst of the hostile corpus, opened in Chromium: nothing runs, nothing leaves (issue 9).

Every page of the hostile site is loaded from a server on 127.0.0.1, hovered, focused and
clicked through, and the site's search is asked for the payloads (its results are built in
the browser from the search index, a classic place for text to turn back into markup).
A dialog (``alert``), a request to any host but 127.0.0.1, or an element with an ``on*``
attribute or a ``javascript:`` link in the live DOM fails the test. Uses the shared
``browser`` and ``serve`` fixtures of ``conftest.py`` (skipped without /usr/bin/chromium,
a failure when CI=true).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "hostile" / "corpus"

pytestmark = pytest.mark.browser

DOM_CHECK = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]+/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)
          && /^(javascript|vbscript|data):/.test(value)) found.push(el.tagName + ' ' + name + '=' + value);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile-browser")
    shutil.copytree(CORPUS, project / "articles")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("articles: seeds", "articles: articles")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "build"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


def _open(browser: Any, events: list[str]) -> Any:
    page = browser.new_page()

    def on_dialog(dialog: Any) -> None:
        events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def route(r: Any) -> None:
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            r.continue_()
        else:
            events.append(f"request to {r.request.url}")
            r.abort()

    page.on("dialog", on_dialog)
    page.route("**/*", route)
    page.on("websocket", lambda ws: events.append(f"websocket {ws.url}"))
    return page


WORST = (
    "index.html",
    "timeline/index.html",
    "sources/index.html",
    "articles/script-tags/index.html",
    "articles/markdown-injection/index.html",
    "articles/raw-html-blocks/index.html",
    "articles/front-matter-paths/index.html",
    "articles/title-breakout/index.html",
    "articles/jinja-syntax/index.html",
    "articles/escape-jsonl/index.html",
    "articles/index.html",
)


def _visit_worst_pages(browser: Any, base: str, site: Path, relatives: tuple[str, ...] = WORST) -> list[str]:
    events: list[str] = []
    page = _open(browser, events)
    try:
        for relative in relatives:
            if not (site / relative).is_file():
                events.append(f"{relative}: no such page")
                continue
            page.goto(base + relative, wait_until="load")
            page.mouse.move(5, 5)
            page.mouse.move(300, 300, steps=4)
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.wait_for_timeout(30)
            events.extend(f"{relative}: {item}" for item in page.evaluate(DOM_CHECK))
    finally:
        page.close()
    return events


@pytest.fixture
def worst_pages_events(browser: Any, serve: Any, hostile_site: Path) -> list[str]:
    """What happened in the browser on the worst pages: dialogs, requests, live markup."""
    return _visit_worst_pages(browser, serve(hostile_site), hostile_site)


def test_no_dialog_and_nothing_the_articles_name_is_fetched(worst_pages_events: list[str]) -> None:
    events = worst_pages_events
    from_articles = [e for e in events if not e.startswith("request to ") or "evil.example" in e]
    assert from_articles == []


def test_no_request_at_all_leaves_127_0_0_1(worst_pages_events: list[str]) -> None:
    assert [e for e in worst_pages_events if e.startswith("request to ")] == []


@pytest.mark.parametrize("query", ["script", "alert*", "javascript*"])
def test_search_results_do_not_run_article_text(
    browser: Any, serve: Any, hostile_site: Path, query: str
) -> None:
    base = serve(hostile_site)
    events: list[str] = []
    page = _open(browser, events)
    try:
        page.goto(f"{base}index.html?q={query}", wait_until="load")
        page.wait_for_function(
            "() => { const r = document.querySelector('#mkdocs-search-results');"
            " return r && r.querySelector('article'); }",
            timeout=10000,
        )
        page.wait_for_timeout(100)
        results = page.evaluate("() => document.querySelector('#mkdocs-search-results').textContent")
        events.extend(page.evaluate(DOM_CHECK))
    finally:
        page.close()
    assert [e for e in events if not e.startswith("request to ") or "evil.example" in e] == []
    assert query.rstrip("*") in results.lower()


def test_the_browser_check_catches_a_live_attack(browser: Any, serve: Any, tmp_path: Path) -> None:
    """The watchers work: a page that does attack is caught on every count."""
    (tmp_path / "evil.html").write_text(
        '<p onmouseover="x()">hi</p><img src=x onerror="alert(\'caught\')">'
        '<a href=" javascript:void(0)">a</a><img src="http://evil.example/p.png">',
        encoding="utf-8",
    )
    events = _visit_worst_pages(browser, serve(tmp_path), tmp_path, ("evil.html",))
    assert any(e.startswith("dialog alert: caught") for e in events), events
    assert any("request to http://evil.example/p.png" in e for e in events), events
    assert any("onmouseover" in e for e in events) and any("javascript:" in e for e in events), events
