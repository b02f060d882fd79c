"""The routine handout page: its parts, its options, and how Chromium prints it."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Build, run_build, serve
from pypdf import PdfReader
from test_pdf import set_plugin_options

from generator.config import HandbookConfig
from generator.figures.cache import svg_size


def test_routine_page_is_a_handout_with_clinic_client_lines_grid_and_qr(minimal: Path) -> None:
    """Clinic header (escaped), client lines, one grid row per week, notes, QR and buttons."""
    set_plugin_options(
        minimal,
        "      weeks: 6\n      pdf: false\n      clinic:\n"
        "        name: 'Tom & <b>Jerry</b>'\n        phone: 0123 456\n",
    )
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    html = build.page("routines/basics")
    assert 'class="hb-handout hb-handout--a4"' in html
    assert "Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;" in html and "<b>Jerry" not in html
    assert "0123 456" in html
    for label in ("<dt>Name</dt>", "<dt>Date</dt>", "<dt>Trainer</dt>", "<dt>Your goal</dt>"):
        assert label in html
    assert "Week 6</th>" in html and "Week 7</th>" not in html
    assert "Trainer's notes" in html
    assert '<svg viewBox="0 0' in html and "Scan to open this routine online" in html
    assert "data-hb-print" in html


def test_handout_without_site_url_warns_once_and_has_no_qr_code(minimal: Path) -> None:
    """No `site_url`: one warning that says what to set, which `--strict` turns into a failure."""
    config = minimal / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://fixture.example.org/\n", ""))
    set_plugin_options(minimal, "      pdf: false\n")
    build = run_build(minimal)
    assert build.returncode != 0
    warnings = [w for w in build.warnings() if "site_url" in w]
    assert len(warnings) == 1, build.output
    assert "handouts have no QR code" in warnings[0]
    loose = run_build(minimal, "--no-strict")
    assert loose.returncode == 0, loose.output
    assert "Scan to open this routine online" not in loose.page("routines/basics")


@pytest.mark.parametrize("weeks", ["0", "13", "two"])
def test_weeks_outside_one_to_twelve_are_refused(minimal: Path, weeks: str) -> None:
    """The tick grid has 1 to 12 rows; anything else fails with what was received."""
    set_plugin_options(minimal, f"      weeks: {weeks}\n")
    build = run_build(minimal)
    assert build.returncode != 0
    assert "weeks" in build.output and "Traceback" not in build.output


@pytest.mark.parametrize(
    ("option", "value"),
    [("max_pages", 0), ("max_pages", -2), ("max_pages", 21), ("max_pages", True), ("weeks", 0)],
)
def test_counts_outside_their_range_are_refused_with_the_range(option: str, value: object) -> None:
    """`max_pages` is 1 to 20 and `weeks` 1 to 12; the message gives the range and the value."""
    config = HandbookConfig()
    config.load_dict({option: value})
    failed, _ = config.validate()
    assert [name for name, _ in failed] == [option]
    noun = "pages" if option == "max_pages" else "weeks"
    high = 20 if option == "max_pages" else 12
    assert (
        str(failed[0][1]) == f"Expected a number of {noun} from 1 to {high} but received {value!r}"
    )
    good = HandbookConfig()
    good.load_dict({option: high})
    assert good.validate() == ([], [])


def test_print_styles_are_linked_on_every_page(starter_build: Build) -> None:
    """Instant navigation keeps the first page's <head>, so every page links handout.css."""
    for page in starter_build.site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # redirect stubs for former ids
        assert "assets/stylesheets/handout.css" in text, page


@pytest.mark.browser
def test_printing_hides_the_site_chrome_and_the_buttons(starter_build: Build, browser: Any) -> None:
    """In print media the skip link, header, navigation, footer and buttons are gone."""
    page = browser.new_page()
    with serve(starter_build.site) as base:
        page.goto(base + "routines/low-back/")
        assert page.locator(".hb-actions").is_visible()
        assert page.locator(".md-skip").count() == 1
        page.emulate_media(media="print")
        for selector in (
            ".md-skip",
            ".md-header",
            ".md-sidebar--primary",
            ".md-footer",
            ".hb-actions",
        ):
            assert not page.locator(selector).first.is_visible(), selector
        assert page.locator(".hb-card").first.is_visible()
        assert page.locator(".hb-ticks").is_visible()
    page.close()


def chromium_pages(build: Build, browser: Any, routine: str) -> int:
    """Pages of Chromium's print-to-PDF of a routine's handout, at the CSS page size.

    Card figures after the first load lazily on screen; printing must load them all."""
    page = browser.new_page()
    with serve(build.site) as base:
        page.goto(f"{base}routines/{routine}/")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        loaded = page.evaluate(
            "[...document.querySelectorAll('.hb-card__image')]"
            ".map(image => image.complete && image.naturalWidth > 0)"
        )
    page.close()
    assert all(loaded), loaded
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.browser
def test_chromium_prints_each_routine_on_the_pages_of_its_pdf(
    paper_build: Build, browser: Any
) -> None:
    """Printing from Chromium gives the same page count as the PDF, on A4 and Letter."""
    for routine in ("low-back", "desk-break", "foot-and-ankle"):
        pdf = paper_build.site / "routines" / routine / f"{routine}.pdf"
        assert chromium_pages(paper_build, browser, routine) == len(PdfReader(pdf).pages)


@pytest.mark.browser
def test_chromium_prints_handouts_with_figures_on_the_pages_of_their_pdf(
    figured_build: Build, browser: Any
) -> None:
    """With a figure on every card, too: a card's head and figure stay together in both."""
    for routine in ("low-back", "desk-break", "foot-and-ankle"):
        pdf = figured_build.site / "routines" / routine / f"{routine}.pdf"
        assert chromium_pages(figured_build, browser, routine) == len(PdfReader(pdf).pages)
    assert chromium_pages(figured_build, browser, "low-back") <= 4


@pytest.mark.browser
def test_card_figure_spans_the_card_on_screen(figured_build: Build, browser: Any) -> None:
    """Material sizes figures to their content; the card's picture still fills the card."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    with serve(figured_build.site) as base:
        page.goto(base + "routines/low-back/")
        card = page.locator(".hb-card").first.bounding_box()
        image = page.locator(".hb-card__image").first.bounding_box()
    page.close()
    assert card is not None and image is not None
    assert image["width"] > 0.8 * card["width"]
    assert 0 < image["height"] <= 14 * 20  # 14rem, Material's root size is 20 px


def test_figures_keep_their_space_before_they_load(starter_build: Build) -> None:
    """Each drawn figure's `<img>` has the drawing's own width and height, so the page does not
    jump as pictures arrive; handout cards below the first load only when scrolled to."""
    card_images = 0
    for routine in ("low-back", "desk-break", "foot-and-ankle"):
        images = re.findall(
            r"<img [^>]*hb-card__image[^>]*>", starter_build.page(f"routines/{routine}")
        )
        assert images, routine
        for number, image in enumerate(images):
            assert ('loading="lazy"' in image) == (number > 0), image
            src = re.search(r'src="\.\./\.\./(assets/figures/[^"]+)"', image)
            assert src is not None, image
            width, height = svg_size((starter_build.site / src[1]).read_text("utf-8"))
            assert f'width="{width}"' in image and f'height="{height}"' in image, image
            card_images += 1
    assert card_images >= 20
    drawing = re.search(
        r"<img [^>]*hb-drawing__img[^>]*>", starter_build.page("exercises/calf-stretch")
    )
    assert drawing is not None
    width, height = svg_size(
        (starter_build.site / "assets/figures/calf-stretch.svg").read_text("utf-8")
    )
    assert f'width="{width}"' in drawing[0] and f'height="{height}"' in drawing[0]
