"""The 300-article corpus site in Chromium: walk the split timeline by its own links, follow a
source to its sentence, and keep the console clean."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite, serving
from test_browser_site import DESKTOP, PHONE, Visit, _in_view, _visit

pytestmark = pytest.mark.browser

IN_VIEW = (
    "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
    " return r.top >= 0 && r.top < window.innerHeight; }"
)


@pytest.fixture(scope="module")
def corpus_visit(corpus_site: BuiltSite, browser: Any) -> Iterator[Visit]:
    with serving(corpus_site.site_dir) as base:
        visit = _visit(browser, base, viewport=DESKTOP)
        try:
            yield visit
        finally:
            visit.context.close()
        assert not visit.errors, f"console errors: {visit.errors}"
        assert not visit.outside, f"requests left 127.0.0.1: {visit.outside}"


def test_walking_the_pages_shows_every_event_in_date_order(
    corpus_site: BuiltSite, corpus_visit: Visit, browser: Any
) -> None:
    """Walked without JavaScript: the split timeline is plain links (and loads faster so)."""
    visit = _visit(browser, corpus_visit.base, viewport=DESKTOP, java_script_enabled=False)
    try:
        page = visit.page()
        page.goto(visit.base + "timeline/")
        page.click(".tl-periods a >> nth=0")
        shown: list[str] = []
        for _ in range(200):
            shown += page.eval_on_selector_all(".tl-event[id]", "els => els.map(e => e.id)")
            following = page.locator("a[rel='next']")
            if following.count() == 0:
                break
            following.first.click()
            page.wait_for_load_state()
        assert shown == [e.id for e in corpus_site.timeline.events]
        assert not visit.errors and not visit.outside, (visit.errors, visit.outside)
    finally:
        visit.context.close()


def test_a_source_link_on_a_later_page_lands_on_its_sentence(
    corpus_site: BuiltSite, corpus_visit: Visit, screenshots: Path
) -> None:
    events = corpus_site.timeline.events
    event = max(events[len(events) // 2 :], key=lambda e: len(e.mentions))
    mention = event.mentions[-1]
    part = next(
        p
        for p in sorted((corpus_site.site_dir / "timeline").glob("*/index.html"))
        if f'id="{event.id}"' in p.read_text(encoding="utf-8")
    )
    page = corpus_visit.page()
    page.goto(corpus_visit.base + f"timeline/{part.parent.name}/#{event.id}")
    page.wait_for_function(IN_VIEW, arg=f"#{event.id}")
    assert _in_view(page, f"#{event.id}")
    if len(event.mentions) > 5:  # the later sources sit in a closed <details>: open it (no JS)
        page.click(f"#{event.id} .tl-more summary")
    page.click(f"#{event.id} .tl-sources a[href$='articles/{mention.article}/#s-{mention.sentence_start}']")
    page.wait_for_url(f"**/articles/{mention.article}/#s-{mention.sentence_start}")
    page.wait_for_function(IN_VIEW, arg=f"#s-{mention.sentence_start}")
    page.close()
    phone = corpus_visit.context.browser.new_context(viewport=PHONE, is_mobile=True)
    try:
        small = phone.new_page()
        small.goto(corpus_visit.base + f"timeline/{part.parent.name}/")
        small.screenshot(path=str(screenshots / "corpus-timeline-part-phone.png"))
    finally:
        phone.close()
