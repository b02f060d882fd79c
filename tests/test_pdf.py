"""Routine PDFs: their text, their page bound, the cache, no network, and the QR code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, Build, run_build
from pypdf import PdfReader

from generator.pdf import LocalFetcher, PdfError, fit_pdf, with_print_size
from generator.qr import qr_svg
from generator.validate import load_handbook

PDF_SUMMARY = re.compile(r"(\d+) PDF\(s\) rendered, (\d+) from cache")


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace collapsed, so line breaks do not split names."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def summary(build: Build) -> tuple[int, int]:
    """(rendered, from cache) as the plugin logged them."""
    match = PDF_SUMMARY.search(build.output)
    assert match, build.output
    return int(match[1]), int(match[2])


def set_plugin_options(project: Path, options: str) -> None:
    """Give the fixture's `- handbook` plugin entry these indented option lines."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "  - handbook\n" in text
    config.write_text(text.replace("  - handbook\n", "  - handbook:\n" + options, 1))


def test_low_back_pdf_lists_every_exercise_in_block_order_and_the_disclaimer(
    starter_build: Build,
) -> None:
    """The PDF text holds each exercise name, in the routine's order, and the red flags."""
    handbook = load_handbook(ROOT / "exercises.yml", ROOT / "content", "exercises.yml")
    routine = next(r for r in handbook.routines if r.id == "low-back")
    text = pdf_text(starter_build.site / "routines" / "low-back" / "low-back.pdf")
    position = 0
    for entry in routine.entries():
        name = handbook.exercise(entry.id).name
        found = text.find(name, position)
        assert found >= 0, f"{name!r} missing or out of order"
        position = found + len(name)
    assert "Stop and see a professional" in text


def test_every_starter_routine_has_a_pdf_linked_from_its_page(starter_build: Build) -> None:
    """Each routine page offers "Download PDF" and the file exists beside it."""
    for routine in ("low-back", "desk-break", "foot-and-ankle"):
        page = starter_build.page(f"routines/{routine}")
        assert f'href="{routine}.pdf" download' in page
        assert (starter_build.site / "routines" / routine / f"{routine}.pdf").is_file()


PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}


def test_low_back_pdf_fits_on_two_pages(paper_build: Build) -> None:
    """The seven-step routine, all 14 exercises, prints on at most two A4 or Letter pages."""
    pdf = PdfReader(paper_build.site / "routines" / "low-back" / "low-back.pdf")
    assert len(pdf.pages) <= 2
    paper = (
        "letter" if "paper: letter" in (paper_build.project / "mkdocs.yml").read_text() else "a4"
    )
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == PAGE_SIZES[paper]


def print_size(build: Build, routine: str) -> float:
    """The print size the build chose for a routine's handout, in points."""
    match = re.search(r'data-hb-print-size="([\d.]+)"', build.page(f"routines/{routine}"))
    assert match, routine
    return float(match[1])


def test_short_routines_keep_12_pt_and_long_ones_step_down_no_lower_than_10(
    paper_build: Build,
) -> None:
    """Text stays at 12 pt when the routine fits; only the long one is set smaller."""
    assert print_size(paper_build, "desk-break") == 12
    assert print_size(paper_build, "foot-and-ankle") == 12
    assert 10 <= print_size(paper_build, "low-back") < 12
    assert f"low-back.pdf: printed at {print_size(paper_build, 'low-back'):g} pt" in (
        paper_build.output
    )


def test_desk_break_fits_on_one_page(starter_build: Build) -> None:
    """Six short exercises, the log and the red flags make one sheet."""
    pdf = starter_build.site / "routines" / "desk-break" / "desk-break.pdf"
    assert len(PdfReader(pdf).pages) == 1


def test_print_size_is_kept_when_the_pdf_comes_from_the_cache(minimal: Path) -> None:
    """A cached PDF still sets its page's print size, so browser and PDF agree."""
    set_plugin_options(minimal, "      max_pages: 0\n")
    first = run_build(minimal)
    assert summary(first) == (1, 0)
    assert 'data-hb-print-size="10"' in first.page("routines/basics")
    second = run_build(minimal)
    assert summary(second) == (0, 1)
    assert 'data-hb-print-size="10"' in second.page("routines/basics")


def test_with_print_size_changes_only_the_handout_attribute() -> None:
    """The size is one attribute value; nothing else in the page changes."""
    page = b'<div class="hb-handout" data-hb-print-size="12"><p>12 pt</p></div>'
    assert with_print_size(page, "11") == page.replace(b'size="12"', b'size="11"')
    assert with_print_size(page, "12") == page


def test_qr_code_in_the_pdf_opens_the_routine_page(starter_build: Build, tmp_path: Path) -> None:
    """zbarimg reads the QR code printed at the top of the handout as the page's address."""
    if shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbar-tools or poppler-utils is missing (.ci/run installs them)")
        pytest.skip("needs zbar-tools and poppler-utils (.ci/run installs them)")
    canonical = re.search(
        r'<link rel="canonical" href="([^"]+)"', starter_build.page("routines/low-back")
    )
    assert canonical
    pdf = starter_build.site / "routines" / "low-back" / "low-back.pdf"
    image = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            pdf,
            image,
        ],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", f"{image}.png"], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == canonical[1]


def test_qr_svg_is_deterministic_and_sized_by_css() -> None:
    """The same address gives the same SVG, with no fixed width or height."""
    first = qr_svg("https://example.org/routines/a/")
    assert first == qr_svg("https://example.org/routines/a/")
    assert first.startswith("<svg") and "width=" not in first.split(">", 1)[0]
    assert first != qr_svg("https://example.org/routines/b/")


def test_unchanged_rebuild_renders_no_pdf_and_a_change_renders_it_again(minimal: Path) -> None:
    """The cache holds across builds; editing the routine invalidates it."""
    first = run_build(minimal)
    assert first.returncode == 0, first.output
    assert summary(first) == (1, 0)
    second = run_build(minimal)
    assert summary(second) == (0, 1)
    assert (second.site / "routines" / "basics" / "basics.pdf").read_bytes()[:5] == b"%PDF-"
    data = minimal / "exercises.yml"
    data.write_text(data.read_text().replace("summary: A short routine.", "summary: Shorter."))
    assert summary(run_build(minimal)) == (1, 0)


def test_pdf_false_makes_no_pdf_and_no_download_link(minimal: Path) -> None:
    """`pdf: false` skips WeasyPrint entirely and the page offers no PDF."""
    set_plugin_options(minimal, "      pdf: false\n")
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    assert not (build.site / "routines" / "basics" / "basics.pdf").exists()
    assert "Download PDF" not in build.page("routines/basics")
    assert PDF_SUMMARY.search(build.output) is None


def test_letter_paper_gives_letter_pages(minimal: Path) -> None:
    """`paper: letter` makes US Letter PDFs (612 × 792 pt)."""
    set_plugin_options(minimal, "      paper: letter\n")
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    box = PdfReader(build.site / "routines" / "basics" / "basics.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_a_pdf_that_cannot_be_made_fails_the_build_without_a_traceback(minimal: Path) -> None:
    """A handout template that loads a missing image stops the build with a clear message."""
    overrides = minimal / "overrides"
    overrides.mkdir()
    template = (ROOT / "generator" / "theme" / "handout.html").read_text()
    broken = template.replace(
        "{{ page.content | safe }}", '<img src="missing.png" alt="">{{ page.content | safe }}'
    )
    assert broken != template
    (overrides / "handout.html").write_text(broken)
    config = minimal / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    )
    build = run_build(minimal)
    assert build.returncode != 0
    assert "cannot make basics.pdf" in build.output
    assert "Traceback" not in build.output


def test_fetcher_refuses_the_network_and_files_outside_the_site(tmp_path: Path) -> None:
    """WeasyPrint never goes on the network, nor reads outside site/."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.css").write_text("p {}")
    fetcher = LocalFetcher(site)
    for url in ("https://example.org/a.css", "http://127.0.0.1/a.css", (tmp_path / "x").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch((site / "a.css").as_uri()).read() == b"p {}"
    assert list(fetcher.read) == ["a.css"]


def test_render_pdf_reports_a_remote_image_instead_of_fetching_it(tmp_path: Path) -> None:
    """A page that asks for a web image gets no PDF and an error naming the file."""
    html = tmp_path / "page.html"
    html.write_text('<p>Hi</p><img src="https://example.org/x.png" alt="">')
    with pytest.raises(PdfError, match=r"cannot make page\.pdf"):
        fit_pdf(html, html.read_bytes(), tmp_path / "page.pdf", LocalFetcher(tmp_path), 2)
    assert not (tmp_path / "page.pdf").exists()


def test_a_page_without_the_size_attribute_is_rendered_once_as_it_is(tmp_path: Path) -> None:
    """A clinic's own handout.html without `data-hb-print-size` gets no fitting, no rewrite."""
    html = tmp_path / "page.html"
    html.write_text("<p>" + "Line of text. " * 4000 + "</p>")
    size, pages = fit_pdf(html, html.read_bytes(), tmp_path / "page.pdf", LocalFetcher(tmp_path), 1)
    assert size == "12"
    assert pages > 1
    assert (tmp_path / "page.pdf").is_file()
