"""The offline copy (`make offline`): opened from disk, with finder, search and PDFs.

Built with the offline plugin switched on (`HANDBOOK_OFFLINE=true`), as `make offline` does,
then opened through `file://` in Chromium, where pages may not fetch anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Build, copy_project, run_build


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The starter handbook built as an offline copy."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("offline"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_OFFLINE", "true")
        build = run_build(project)
    assert build.returncode == 0, build.output
    yield build


def open_page(browser: Any, site: Path, path: str, foreign: list[str]) -> Any:
    """A page of the copy from disk; any request that is not a local file is recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on(
        "request",
        lambda r: (
            None if r.url.startswith(("file://", "data:", "blob:")) else foreign.append(r.url)
        ),
    )
    page.goto((site / path).as_uri())
    return page


def test_offline_copy_links_pages_as_files(offline: Build) -> None:
    """Links end in .html (no server to add index.html) and the vendored helper is there."""
    home = (offline.site / "index.html").read_text("utf-8")
    assert 'href="exercises/index.html"' in home
    assert 'href="editing.html"' in home  # the footer link
    assert "unpkg.com" not in home and "cdn" not in home.lower()
    assert (offline.site / "assets/javascripts/vendor/iframe-worker-shim.js").is_file()
    assert (offline.site / "search/search_index.js").is_file()
    routine = (offline.site / "routines/low-back.html").read_text("utf-8")
    assert 'href="low-back.pdf"' in routine
    assert (offline.site / "routines/low-back.pdf").read_bytes().startswith(b"%PDF")


def test_vendored_helper_matches_the_npm_package() -> None:
    """The committed iframe-worker shim is the pinned npm package's file, unchanged."""
    package = ROOT / "node_modules/iframe-worker/shim/index.js"
    if not package.exists():
        pytest.skip("node_modules is not installed: run `npm ci`")
    vendored = ROOT / "overrides/assets/javascripts/vendor/iframe-worker-shim.js"
    assert vendored.read_bytes() == package.read_bytes()


def test_finder_works_from_disk(offline: Build, browser: Any) -> None:
    """From file://, the finder loads its index, filters and keeps its state in the URL."""
    foreign: list[str] = []
    page = open_page(browser, offline.site, "exercises/index.html", foreign)
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    page.check('input[name="equipment"][value="none"]')
    visible = page.eval_on_selector_all(
        "tr[data-hb-id]", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.hbId)"
    )
    assert "ankle-circles" in visible and "glute-bridge" not in visible
    assert page.url.endswith("exercises/index.html?equipment=none")
    page.click('tr[data-hb-id="ankle-circles"] a')
    page.wait_for_url("**/exercises/ankle-circles.html")
    page.close()
    assert foreign == []


def test_search_works_from_disk(offline: Build, browser: Any) -> None:
    """From file://, the search box finds an exercise by its other name and opens it."""
    foreign: list[str] = []
    page = open_page(browser, offline.site, "index.html", foreign)
    page.click(".md-search__input")
    page.keyboard.type("hip bridge")
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__item > a").first
    assert first.get_attribute("href").split("?")[0].endswith("exercises/glute-bridge.html")
    first.click()
    page.wait_for_url("**/exercises/glute-bridge.html*")
    assert page.title().startswith("Glute bridge")
    page.close()
    assert foreign == []
