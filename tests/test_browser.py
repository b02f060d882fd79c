"""The built site in a real browser: redirects land, and nothing is fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Build, run_build, serve


def test_old_exercise_address_lands_on_the_renamed_page(minimal: Path, browser: Any) -> None:
    """A former id's URL (printed on an old handout) opens the exercise under its new id."""
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    with serve(build.site) as base:
        page = browser.new_page()
        page.goto(f"{base}exercises/hip-bridge/")
        page.wait_for_url(f"{base}exercises/glute-bridge/")
        assert page.locator("h1").first.inner_text() == "Glute bridge"
        page.close()


def test_pages_make_no_request_to_another_host(starter_build: Build, browser: Any) -> None:
    """Loading the main pages asks nothing of any host but the site's own."""
    with serve(starter_build.site) as base:
        page = browser.new_page()
        foreign: list[str] = []
        page.on(
            "request",
            lambda request: (
                None if request.url.startswith((base, "data:")) else foreign.append(request.url)
            ),
        )
        for path in ("", "joints/", "joints/hip/", "exercises/", "routines/low-back/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.close()
    assert foreign == []
