"""The seeds site in a real browser (Debian's Chromium through Playwright), served on 127.0.0.1.

Each theme (MkDocs' built-in one and Material) is checked the way a reader uses it: the timeline
in date order, a source link landing on its sentence, an expression explained on hover and on
keyboard focus, search, no console errors, nothing fetched from outside 127.0.0.1, and the
pages readable without JavaScript. Screenshots of the home, timeline and an article page at
desktop and phone widths go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite, serving

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class Visit:
    """A browser context on one served site that records console errors and outside requests."""

    base: str
    context: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def page(self) -> Any:
        page = self.context.new_page()
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        return page


def _visit(browser: Any, base: str, **options: Any) -> Visit:
    context = browser.new_context(**options)
    visit = Visit(base, context)

    def guard(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            visit.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return visit


@pytest.fixture(scope="module", params=["mkdocs", "material"])
def themed(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[str, BuiltSite, Visit]]:
    """(theme, built site, a desktop visit) for each theme; asserts no errors at the end."""
    site: BuiltSite = request.getfixturevalue(
        "seeds_site" if request.param == "mkdocs" else "seeds_material_site"
    )
    with serving(site.site_dir) as base:
        visit = _visit(browser, base, viewport=DESKTOP)
        try:
            yield request.param, site, visit
        finally:
            visit.context.close()
        assert not visit.errors, f"console errors: {visit.errors}"
        assert not visit.outside, f"requests left 127.0.0.1: {visit.outside}"


def _in_view(page: Any, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }",
        )
    )


def test_timeline_shows_the_seed_events_in_date_order(themed: tuple[str, BuiltSite, Visit]) -> None:
    _, site, visit = themed
    page = visit.page()
    page.goto(visit.base + "timeline/")
    shown = page.eval_on_selector_all(".tl-event[id]", "els => els.map(e => e.id)")
    assert shown == [e.id for e in site.timeline.events]
    starts = [e.period.start for e in site.timeline.events]
    assert starts == sorted(starts)
    page.close()


def test_a_source_link_lands_on_the_sentence(themed: tuple[str, BuiltSite, Visit]) -> None:
    _, site, visit = themed
    event, mention = max(
        ((e, m) for e in site.timeline.events for m in e.mentions), key=lambda em: em[1].sentence_start
    )
    page = visit.page()
    page.goto(visit.base + "timeline/")
    page.click(f"#{event.id} .tl-sources a[href$='articles/{mention.article}/#s-{mention.sentence_start}']")
    page.wait_for_url(f"**/articles/{mention.article}/#s-{mention.sentence_start}")
    anchor = f"#s-{mention.sentence_start}"
    page.wait_for_function(
        "sel => { const r = document.querySelector(sel).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        arg=anchor,
    )
    assert _in_view(page, anchor)
    assert " ".join(mention.sentence.split())[:40] in " ".join(page.inner_text(anchor).split())
    page.close()


def _explained(site: BuiltSite) -> tuple[str, Any]:
    """An article and an expression in it that has an explanation."""
    for analysis in site.timeline.analyses:
        for t in analysis.timexes:
            if t.explanation and t.start >= analysis.article.body_start:
                return analysis.article.id, t
    raise AssertionError("no explained expression in the seeds")


def test_an_expression_explains_itself_on_hover_and_on_focus(themed: tuple[str, BuiltSite, Visit]) -> None:
    _, site, visit = themed
    article_id, timex = _explained(site)
    page = visit.page()
    page.goto(visit.base + f"articles/{article_id}/")
    tip = page.locator(f"#t-{timex.start}")
    assert not tip.is_visible()
    page.hover(f"[aria-describedby='t-{timex.start}']")
    tip.wait_for(state="visible")
    assert timex.explanation in tip.inner_text()
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden")
    page.focus(f"[aria-describedby='t-{timex.start}']")
    tip.wait_for(state="visible")
    page.close()


def test_keyboard_reaches_the_expressions(themed: tuple[str, BuiltSite, Visit]) -> None:
    _, site, visit = themed
    article_id, _ = _explained(site)
    page = visit.page()
    page.goto(visit.base + f"articles/{article_id}/")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('tl-timex')"):
            break
    else:
        pytest.fail("Tab never reached a highlighted expression")
    assert page.locator(".tl-timex:focus .tl-tip").is_visible()
    page.close()


def test_search_finds_villages(themed: tuple[str, BuiltSite, Visit]) -> None:
    theme, _, visit = themed
    page = visit.page()
    page.goto(visit.base)
    if theme == "material":
        page.click("input.md-search__input")
        page.locator("input.md-search__input").press_sequentially("villages")
        results = page.locator(".md-search-result__item")
    else:
        page.click("a[data-bs-target='#mkdocs_search_modal']")
        query = page.locator("#mkdocs-search-query")
        query.press_sequentially("villages")
        results = page.locator("#mkdocs-search-results article, #mkdocs-search-results a")
        # The built-in theme listens for keys only once its worker has built the index; keys
        # typed before that do nothing, as for a reader typing fast. Press a key again until
        # the index answers, as that reader would.
        for _ in range(60):
            if results.count():
                break
            query.press("End")
            page.wait_for_timeout(250)
    results.first.wait_for(state="visible", timeout=15_000)
    hrefs = results.evaluate_all(
        "els => els.map(e => (e.matches('a') ? e : e.querySelector('a')).href).filter(Boolean)"
    )
    assert hrefs
    page.goto(hrefs[0])
    assert "villages" in page.inner_text("body")
    page.close()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_of_home_timeline_and_article(
    themed: tuple[str, BuiltSite, Visit], browser: Any, width: str, screenshots: Path
) -> None:
    theme, site, desktop = themed
    visit = desktop if width == "desktop" else _visit(browser, desktop.base, viewport=PHONE, is_mobile=True)
    article_id, timex = _explained(site)
    try:
        for name, path in (
            ("home", ""),
            ("timeline", "timeline/"),
            ("article", f"articles/{article_id}/"),
        ):
            page = visit.page()
            page.goto(visit.base + path)
            if name == "article":
                page.focus(f"[aria-describedby='t-{timex.start}']")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= page.viewport_size["width"] + 1, f"{name} scrolls sideways at {width}"
            page.screenshot(
                path=str(screenshots / f"{theme}-{name}-{width}.png"), full_page=name != "article"
            )
            page.close()
        if visit is not desktop:
            assert not visit.errors and not visit.outside, (visit.errors, visit.outside)
    finally:
        if visit is not desktop:
            visit.context.close()


def test_pages_work_without_javascript(
    themed: tuple[str, BuiltSite, Visit], browser: Any, screenshots: Path
) -> None:
    theme, site, desktop = themed
    visit = _visit(browser, desktop.base, viewport=DESKTOP, java_script_enabled=False)
    try:
        page = visit.page()
        page.goto(visit.base + "timeline/")
        assert page.locator(".tl-event").count() == len(site.timeline.events)
        assert page.locator(".tl-event").first.is_visible()
        article_id, timex = _explained(site)
        page.goto(visit.base + f"articles/{article_id}/")
        page.focus(f"[aria-describedby='t-{timex.start}']")
        assert page.locator(f"#t-{timex.start}").is_visible()
        page.screenshot(path=str(screenshots / f"{theme}-article-nojs.png"))
        page.close()
    finally:
        visit.context.close()


CONTRAST = """
sel => Array.from(document.querySelectorAll(sel)).slice(0, 5).map(e => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let bg = null;
  for (let n = e; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) { bg = c; break; }
  }
  bg = bg || [255, 255, 255];
  const fg = rgb(getComputedStyle(e).color);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return [e.className, (a + 0.05) / (b + 0.05)];
})
"""


def test_timeline_colours_have_enough_contrast(themed: tuple[str, BuiltSite, Visit]) -> None:
    _, site, visit = themed
    article_id, timex = _explained(site)
    page = visit.page()
    measured = []
    for path, selectors in (
        ("timeline/", (".tl-badge", ".tl-sources", ".tl-date", ".tl-text")),
        (f"articles/{article_id}/", (".tl-timex", ".tl-hint", ".tl-badge", ".tl-to-event", ".tl-meta a")),
        ("", (".tl-links a", ".tl-sources a", ".tl-figure figcaption")),
        ("sources/", (".tl-article-list a", ".tl-count")),
    ):
        page.goto(visit.base + path)
        for selector in selectors:
            measured += page.evaluate(CONTRAST, selector)
    page.goto(visit.base + f"articles/{article_id}/")
    page.focus(f"[aria-describedby='t-{timex.start}']")
    measured += page.evaluate(CONTRAST, f"#t-{timex.start}")
    assert measured
    low = [(name, round(ratio, 2)) for name, ratio in measured if ratio < 4.5]
    assert not low, f"contrast below 4.5:1: {low}"
    page.close()


def test_a_missing_chromium_skips_with_the_install_hint_but_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import conftest

    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        conftest.chromium_or_skip()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        conftest.chromium_or_skip()
