"""Accessibility in a real browser: axe-core on the built pages, keyboard focus, tap sizes.

axe-core comes from the npm registry (package.json, `make test` runs `npm ci`). Every page
is checked at 360 and 1280 px wide, light and dark, under CI (`CI=true`) or with
`HANDBOOK_A11Y=all`; a quick local run checks one page of each kind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Build, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA (target-size is 2.2 AA) and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
VIEWS = [(360, "light"), (360, "dark"), (1280, "light"), (1280, "dark")]
ONE_OF_EACH = [
    "",
    "joint-by-joint/",
    "joints/",
    "joints/hip/",
    "exercises/",
    "exercises/glute-bridge/",
    "routines/",
    "routines/low-back/",
    "editing/",
]


# A page is checked as a client sees it once its scripts are done: the finder, which loads
# its index after the page, has shown its form.
READY = "() => !document.querySelector('form[data-hb-finder][hidden]')"


def every_page(site: Path) -> list[str]:
    """The address of every page of a built site, redirects left out."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in html.read_text("utf-8")[:2000]:
            continue
        pages.append(html.parent.relative_to(site).as_posix().removeprefix(".") + "/")
    return [p.lstrip("/") for p in pages]


def pages_to_check(site: Path) -> list[str]:
    """All pages in CI or on request; otherwise one page of each kind."""
    if os.environ.get("CI") == "true" or os.environ.get("HANDBOOK_A11Y") == "all":
        return every_page(site)
    return ONE_OF_EACH


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script, installed from the npm registry."""
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: run `npm ci` (make test does)")
        pytest.skip("axe-core is not installed: run `npm ci`")
    return AXE.read_text("utf-8")


@pytest.fixture(scope="module")
def site(starter_build: Build) -> Iterator[str]:
    """The starter site served on localhost."""
    with serve(starter_build.site) as base:
        yield base


def start_axe(page: Any, axe_source: str) -> None:
    """Start axe-core on the loaded page without waiting for it (`axe_results` collects)."""
    page.add_script_tag(content=axe_source)
    page.evaluate(
        "tags => { window.hbAxe = axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}); }",  # passes are counted, not listed: faster
        AXE_TAGS,
    )


def axe_results(page: Any) -> list[str]:
    """Serious and critical violations found by the run `start_axe` began, one line each."""
    result = page.evaluate("() => window.hbAxe")
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary'].splitlines()[-1]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


def axe_problems(page: Any, axe_source: str) -> list[str]:
    """Serious and critical axe-core violations on the loaded page, one line each."""
    start_axe(page, axe_source)
    return axe_results(page)


@pytest.mark.parametrize(("width", "scheme"), VIEWS, ids=[f"{w}px-{s}" for w, s in VIEWS])
def test_axe_finds_no_serious_violation(
    browser: Any, site: str, starter_build: Build, axe_source: str, width: int, scheme: str
) -> None:
    """No serious or critical axe-core violation on the pages, in this width and scheme.

    Two pages at a time, each in its own browser context and so its own renderer process:
    axe runs in one while the other loads or runs, on the machine's two cores."""
    contexts = [
        browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
        for _ in range(2)
    ]
    pages = [context.new_page() for context in contexts]
    paths = pages_to_check(starter_build.site)
    problems = []
    for start in range(0, len(paths), len(pages)):
        batch = list(zip(pages, paths[start : start + len(pages)], strict=False))
        for page, path in batch:
            page.goto(site + path)  # until the load event: scripts have run
            page.wait_for_function(READY)
            start_axe(page, axe_source)
        for page, path in batch:
            problems += [f"/{path}: {p}" for p in axe_results(page)]
    for context in contexts:
        context.close()
    assert problems == []


def test_axe_checks_the_finder_with_choices_made(browser: Any, site: str, axe_source: str) -> None:
    """The finder with ticked choices and an empty result passes too, in dark mode."""
    page = browser.new_page(viewport={"width": 360, "height": 800}, color_scheme="dark")
    page.goto(site + "exercises/?joint=hip&equipment=none&level=advanced")
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    assert axe_problems(page, axe_source) == []
    page.close()


def test_axe_would_catch_a_violation(browser: Any, site: str, axe_source: str) -> None:
    """The check can fail: grey-on-white text added to a page is reported."""
    page = browser.new_page()
    page.goto(site)
    page.evaluate(
        "document.querySelector('article').insertAdjacentHTML('beforeend',"
        " '<p style=\"color:#bbb;background:#fff\">faint</p>')"
    )
    assert any(p.startswith("color-contrast") for p in axe_problems(page, axe_source))
    page.close()


def test_wide_tables_and_code_scroll_from_the_keyboard_each_with_its_own_name(
    browser: Any, site: str
) -> None:
    """At 360 px the editing guide's wide tables join the tab order, each a region named by
    its kind and the heading above it (code blocks alike), never twice the same name."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(site + "editing/")
    regions = page.evaluate(
        "[...document.querySelectorAll('[role=region]')]"
        ".map(e => [e.getAttribute('aria-label'), e.tabIndex])"
    )
    page.close()
    names = [name for name, _ in regions]
    assert {"Table: Exercise", "Table: Dosage"} <= set(names), names
    assert len(set(names)) == len(names), names
    assert {tab for _, tab in regions} == {0}


def focus_path(page: Any, presses: int) -> list[dict[str, Any]]:
    """Where focus goes on each Tab press: in the closed menu or not, and its outline."""
    steps = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        steps.append(
            page.evaluate(
                """() => {
                  const el = document.activeElement;
                  const style = getComputedStyle(el);
                  return {
                    tag: el.tagName,
                    text: (el.innerText || el.value || '').trim().slice(0, 40),
                    inMenu: !!el.closest('.md-sidebar--primary'),
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                  };
                }"""
            )
        )
    return steps


def test_closed_phone_menu_is_out_of_the_tab_order(browser: Any, site: str) -> None:
    """At 360 px, Tab never lands in the closed menu; once opened, its links are reachable."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site + "joints/hip/")
    steps = focus_path(page, 25)
    assert not any(step["inMenu"] for step in steps), steps
    page.click('.md-header label[for="__drawer"]')
    page.wait_for_timeout(400)
    page.focus(".md-sidebar--primary .md-nav__link")
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_is_visible(browser: Any, site: str, scheme: str) -> None:
    """Everything Tab reaches on the finder page shows a focus ring of at least 2 px."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    page.goto(site + "exercises/")
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    steps = focus_path(page, 30)
    assert {"INPUT", "A", "SUMMARY"} <= {s["tag"] for s in steps}
    assert [s for s in steps if not s["outline"]] == []
    page.close()


def test_finder_choices_are_at_least_24_px_high(browser: Any, site: str) -> None:
    """On a phone, each choice, group heading and the text box are easy to tap."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site + "exercises/?joint=hip")
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    heights = page.eval_on_selector_all(
        ".hb-finder__option, .hb-finder summary, #hb-finder-q, .hb-finder__clear",
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= 24
    page.close()
