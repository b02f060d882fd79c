"""Routine PDFs: their text, print size, face and page bound, tags and links, the cache,
no network, and the QR code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Build, run_build
from pypdf import PdfReader

from generator.pdf import LocalFetcher, PdfError, fit_pdf, site_root, with_print_size
from generator.qr import qr_svg
from generator.validate import load_handbook

PDF_SUMMARY = re.compile(r"(\d+) PDF\(s\) rendered, (\d+) from cache")


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace collapsed, so line breaks do not split names."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def write_page(path: Path, body: str, head: str = "") -> Path:
    """Write a small HTML page with what a tagged PDF needs: a language and a title."""
    path.write_text(
        f'<!doctype html><html lang="en"><head><title>Page</title>{head}</head>'
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    return path


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


def lengthen_basics(project: Path, steps: int = 80) -> None:
    """Give the fixture's bridge, and so its routine's handout, this many more steps."""
    data = project / "exercises.yml"
    text = data.read_text()
    last = "      - Tuck your tail and lift your hips.\n"
    assert last in text
    more = "".join(f"      - Breathe out slowly as you hold, round {n}.\n" for n in range(steps))
    data.write_text(text.replace(last, last + more, 1))


def test_low_back_pdf_lists_every_exercise_in_block_order_and_the_disclaimer(
    starter_build: Build,
) -> None:
    """The PDF text holds each exercise name, in the routine's order, and the red flags."""
    handbook = load_handbook(ROOT / "exercises.yml", ROOT / "content", "exercises.yml")
    routine = next(r for r in handbook.routines if r.id == "low-back")
    text = pdf_text(starter_build.site / "routines" / "low-back" / "low-back.pdf")
    # Without spaces: text extraction sometimes splits a bold heading inside a word.
    letters = text.replace(" ", "")
    position = 0
    for entry in routine.entries():
        name = handbook.exercise(entry.id).name.replace(" ", "")
        found = letters.find(name, position)
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
LOW_BACK_CARDS = 14


def low_back_pdf(build: Build) -> Path:
    return build.site / "routines" / "low-back" / "low-back.pdf"


def paper_of(build: Build) -> str:
    return "letter" if "paper: letter" in (build.project / "mkdocs.yml").read_text() else "a4"


def test_low_back_with_a_figure_on_every_card_fits_on_two_sheets(figured_build: Build) -> None:
    """All 14 exercises, each with its figure, print on at most 4 A4 or Letter pages."""
    page = figured_build.page("routines/low-back")
    assert page.count('class="hb-card"') == LOW_BACK_CARDS
    assert page.count('class="hb-card__figure hb-card__figure--drawn"') == LOW_BACK_CARDS
    pdf = PdfReader(low_back_pdf(figured_build))
    assert len(pdf.pages) <= 4
    box = pdf.pages[0].mediabox
    size = (round(float(box.width)), round(float(box.height)))
    assert size == PAGE_SIZES[paper_of(figured_build)]


def text_sizes(path: Path) -> Counter[float]:
    """Characters (not spaces) of a PDF's text by the size they are set in, in points.

    The size is the font size the PDF sets times the scale of the text and page matrices,
    as a reader sees it on paper.
    """
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        # The vertical scale of the text matrix times the page's transformation matrix.
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        sizes[round(size * (c * c + d * d) ** 0.5, 1)] += len("".join(text.split()))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def share_below(sizes: Counter[float], points: float) -> float:
    """The share of characters set smaller than `points`."""
    return sum(n for size, n in sizes.items() if size < points - 0.05) / sum(sizes.values())


def test_handout_text_is_12_pt_or_more(figured_build: Build) -> None:
    """Read from the PDF itself: no character of the low back handout is below 12 pt."""
    sizes = text_sizes(low_back_pdf(figured_build))
    assert sum(sizes.values()) > 4000  # the whole routine was read
    assert share_below(sizes, 12) == 0, sorted(sizes.items())


def test_text_sizes_reads_small_print_as_small(tmp_path: Path) -> None:
    """The measure itself: 8 pt and 12 pt text are told apart, by character count."""
    html = write_page(
        tmp_path / "page.html",
        '<p style="font-size: 8pt">Small</p><p style="font-size: 12pt">Large enough</p>',
    )
    fit_pdf(html, html.read_bytes(), tmp_path / "page.pdf", LocalFetcher(tmp_path), 1)
    sizes = text_sizes(tmp_path / "page.pdf")
    assert sizes == Counter({8.0: 5, 12.0: 11})
    assert share_below(sizes, 12) == 5 / 16


def fonts(path: Path) -> dict[str, bool]:
    """Every font of a PDF: its name (subset prefix cut off) → whether it is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            # WeasyPrint writes Type 0 fonts: the descriptor is on the descendant font.
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            found[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_handout_prints_in_liberation_sans_embedded(figured_build: Build) -> None:
    """A plain, regular-width face, embedded: no narrow or condensed face is used."""
    used = fonts(low_back_pdf(figured_build))
    assert all(used.values()), used
    assert "Liberation-Sans" in used and "Liberation-Sans-Bold" in used
    for name in used:
        assert name.startswith(("Liberation-Sans", "DejaVu-Sans")), name
        assert "Narrow" not in name and "Condensed" not in name, name


def test_pdf_is_tagged_with_title_and_language(starter_build: Build) -> None:
    """PDF/UA: a structure tree, marked content, the page's title shown, the site's language."""
    pdf = PdfReader(low_back_pdf(starter_build))
    catalog: Any = pdf.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"  # the site's language (mkdocs.yml theme.language)
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Low back routine - Move Well Handbook"
    assert b"pdfuaid:part" in pdf.xmp_metadata.stream.get_data()  # type: ignore[union-attr]


def link_targets(path: Path) -> list[str]:
    """The address of every link annotation in a PDF, in page order."""
    targets = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                targets.append(str(action["/URI"]))
    return targets


def test_pdf_links_open_the_published_site_never_a_local_file(paper_build: Build) -> None:
    """Every exercise link points at site_url, as the QR code does."""
    targets = link_targets(low_back_pdf(paper_build))
    assert "https://handbook.example.org/exercises/glute-bridge/" in targets
    assert len(targets) >= LOW_BACK_CARDS
    for target in targets:
        assert target.startswith("https://handbook.example.org/"), target


def test_links_follow_a_site_url_with_a_path(tmp_path: Path) -> None:
    """A site published under a folder keeps the folder; a fragment is kept too."""
    site = tmp_path / "site"
    page = site / "routines" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    write_page(
        page,
        '<a href="../../exercises/b/#steps">B</a> <a href="https://other.example/">C</a>',
        head='<link rel="canonical" href="https://example.org/clinic/routines/a/">',
    )
    fetcher = LocalFetcher(site)
    fit_pdf(page, page.read_bytes(), tmp_path / "a.pdf", fetcher, 1)
    assert link_targets(tmp_path / "a.pdf") == [
        "https://example.org/clinic/exercises/b/#steps",
        "https://other.example/",
    ]
    assert site_root(page.read_bytes(), page, site) == "https://example.org/clinic/"


def test_without_site_url_links_to_local_files_are_dropped(tmp_path: Path) -> None:
    """No address to point at: the text stays, the `file:` link goes."""
    page = write_page(
        tmp_path / "index.html",
        '<a href="exercises/b/">B</a> <a href="https://other.example/">C</a>',
    )
    fit_pdf(page, page.read_bytes(), tmp_path / "a.pdf", LocalFetcher(tmp_path), 1)
    assert link_targets(tmp_path / "a.pdf") == ["https://other.example/"]
    assert "B C" in pdf_text(tmp_path / "a.pdf")


def test_site_chrome_does_not_print(starter_build: Build) -> None:
    """The PDF holds the handout only: no skip link, site name, search or footer."""
    text = pdf_text(low_back_pdf(starter_build))
    for chrome in ("Skip to content", "Move Well Handbook", "Search", "Made with"):
        assert chrome not in text, chrome
    assert text.startswith("Move Well Clinic")


def print_size(build: Build, routine: str) -> float:
    """The print size the build chose for a routine's handout, in points."""
    match = re.search(r'data-hb-print-size="([\d.]+)"', build.page(f"routines/{routine}"))
    assert match, routine
    return float(match[1])


def test_every_starter_handout_prints_at_12_pt_within_max_pages(paper_build: Build) -> None:
    """Fit-to-pages is off by default: every routine at 12 pt, none over 4 pages, no warning."""
    for routine in ("low-back", "desk-break", "foot-and-ankle"):
        assert print_size(paper_build, routine) == 12
        pdf = paper_build.site / "routines" / routine / f"{routine}.pdf"
        assert len(PdfReader(pdf).pages) <= 4
    assert "printed at" not in paper_build.output
    assert paper_build.warnings() == []


def test_a_handout_over_max_pages_is_a_warning_that_strict_turns_into_a_failure(
    minimal: Path,
) -> None:
    """Over `max_pages: 1`: the build fails under --strict, naming the PDF and what to change."""
    lengthen_basics(minimal)
    set_plugin_options(minimal, "      max_pages: 1\n")
    strict = run_build(minimal)
    assert strict.returncode != 0
    assert strict.warnings()[0].endswith(
        "basics.pdf has 2 pages at 12 pt, more than max_pages: 1: shorten the routine's "
        "steps or split it into two routines, raise max_pages in mkdocs.yml, or set "
        "fit_to_pages: true to print it in smaller type"
    ), strict.output
    loose = run_build(minimal, "--no-strict")
    assert loose.returncode == 0, loose.output
    assert (loose.site / "routines" / "basics" / "basics.pdf").is_file()


def test_fit_to_pages_prints_smaller_and_still_warns_when_it_cannot_fit(minimal: Path) -> None:
    """Opt-in fitting steps down to 10 pt; a page it still cannot meet warns all the same."""
    lengthen_basics(minimal)
    set_plugin_options(minimal, "      max_pages: 1\n      fit_to_pages: true\n")
    build = run_build(minimal, "--no-strict")
    assert build.returncode == 0, build.output
    assert print_size(build, "basics") == 10
    assert "basics.pdf: printed at 10 pt, 2 page(s)" in build.output
    assert [w for w in build.warnings() if "fit_to_pages prints no smaller than 10 pt" in w]


def test_fit_to_pages_sets_a_long_handout_smaller_until_it_fits(tmp_path: Path) -> None:
    """60 lines, 55 to an A4 page at 12 pt, need the first size down with 60 to a page."""
    body = "<p>Line</p>" * 60
    html = write_page(
        tmp_path / "page.html",
        f'<div data-hb-print-size="12">{body}</div>',
        head="<style>@page { size: A4; margin: 10mm } p { margin: 0; line-height: 1.2 }"
        "[data-hb-print-size='12'] { font-size: 12pt }"
        "[data-hb-print-size='11.5'] { font-size: 11.5pt }"
        "[data-hb-print-size='11'] { font-size: 11pt }"
        "[data-hb-print-size='10.5'] { font-size: 10.5pt }"
        "[data-hb-print-size='10'] { font-size: 10pt }</style>",
    )
    source = html.read_bytes()
    out = tmp_path / "page.pdf"
    assert fit_pdf(html, source, out, LocalFetcher(tmp_path), 1) == ("12", 2)
    assert fit_pdf(html, source, out, LocalFetcher(tmp_path), 1, fit=True) == ("10.5", 1)


def test_print_size_is_kept_when_the_pdf_comes_from_the_cache(minimal: Path) -> None:
    """A cached PDF still sets its page's print size, so browser and PDF agree."""
    lengthen_basics(minimal)
    set_plugin_options(minimal, "      max_pages: 1\n      fit_to_pages: true\n")
    first = run_build(minimal, "--no-strict")
    assert summary(first) == (1, 0)
    assert 'data-hb-print-size="10"' in first.page("routines/basics")
    second = run_build(minimal, "--no-strict")
    assert summary(second) == (0, 1)
    assert 'data-hb-print-size="10"' in second.page("routines/basics")
    assert [w for w in second.warnings() if "more than max_pages" in w]


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
    image = '<img src="https://example.org/x.png" alt="A picture">'
    html = write_page(tmp_path / "page.html", f"<p>Hi</p>{image}")
    with pytest.raises(PdfError, match=r"cannot make page\.pdf.*https://example\.org/x\.png"):
        fit_pdf(html, html.read_bytes(), tmp_path / "page.pdf", LocalFetcher(tmp_path), 2)
    assert not (tmp_path / "page.pdf").exists()


def test_a_page_without_the_size_attribute_is_rendered_once_as_it_is(tmp_path: Path) -> None:
    """A clinic's own handout.html without `data-hb-print-size` gets no fitting, no rewrite."""
    html = write_page(tmp_path / "page.html", "<p>" + "Line of text. " * 4000 + "</p>")
    size, pages = fit_pdf(
        html, html.read_bytes(), tmp_path / "page.pdf", LocalFetcher(tmp_path), 1, fit=True
    )
    assert size == "12"
    assert pages > 1
    assert (tmp_path / "page.pdf").is_file()
