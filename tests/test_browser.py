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


def test_routine_pictures_load_as_they_come_near_and_all_print(
    starter_build: Build, browser: Any
) -> None:
    """On a phone the routine page fetches the cards' drawings as the reader scrolls to
    them, not all at once on load (that held the page up); printing still shows them all."""
    with serve(starter_build.site) as base:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(base + "routines/low-back/")
        page.wait_for_load_state("networkidle")
        pictures = page.locator("img.hb-card__image")
        loaded = "imgs => imgs.filter(i => i.complete && i.naturalWidth > 0).length"
        assert pictures.count() >= 10
        assert page.eval_on_selector_all("img.hb-card__image", loaded) < pictures.count()
        last = pictures.last
        last.scroll_into_view_if_needed()
        page.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 0", arg=last.element_handle()
        )
        page.evaluate("window.scrollTo(0, 0)")
        page.emulate_media(media="print")
        page.pdf()  # printing fetches every picture
        assert page.eval_on_selector_all("img.hb-card__image", loaded) == pictures.count()
        page.close()
