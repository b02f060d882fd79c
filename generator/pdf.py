"""Stage 5, outputs: routine handouts as PDF files, rendered by WeasyPrint from the built page.

The PDF is made from the same HTML and CSS a browser prints, after MkDocs has written
`site/`, so there is one layout to maintain. WeasyPrint reads local files only: a fetcher
refuses every other address, so a build never goes on the network.

The PDF is tagged (PDF/UA-1: structure, reading order, the page's title and language) and
its links point at the published site (`site_url`), never at the build machine's files.

Rendering takes a second or two per routine, so results are cached: the key is a hash of
the page's HTML, `max_pages`, the fit-to-pages switch, every file WeasyPrint read for it
(stylesheets, images, fonts) and the WeasyPrint version. The page's HTML already holds the
routine, its exercises, the clinic, the paper size and the site's address, so any change
to those renders the PDF again, and nothing else does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import mimetypes
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse


class PdfError(Exception):
    """A PDF could not be made; the message says which page and why."""


# Print sizes of the handout's text, largest first. Handouts print at 12 pt; with the
# `fit_to_pages` option a routine that does not fit on its pages at 12 pt is set a step
# smaller, down to 10 pt. The page carries the size in `data-hb-print-size`, which
# handout.css maps to font sizes, so a browser prints the same.
PRINT_SIZES = ("12", "11.5", "11", "10.5", "10")
_SIZE_ATTRIBUTE = 'data-hb-print-size="{}"'
_FULL_SIZE = _SIZE_ATTRIBUTE.format(PRINT_SIZES[0]).encode()

# Tagged PDF for screen readers and reflow: structure tags, the title shown in the
# viewer's title bar and the document's language, all read from the page.
PDF_VARIANT = "pdf/ua-1"


@dataclass
class PdfStats:
    """How many PDFs one build rendered, how many it took from the cache, and their fit."""

    rendered: int = 0
    cached: int = 0
    used: set[str] = field(default_factory=set)
    fitted: dict[str, tuple[str, int]] = field(default_factory=dict)
    """PDF name → (print size in pt, pages), for handouts not set at the full size."""
    too_long: dict[str, str] = field(default_factory=dict)
    """PDF name → what to change, for handouts on more pages than `max_pages`."""

    def summary(self) -> str:
        """`2 PDF(s) rendered, 1 from cache`."""
        return f"{self.rendered} PDF(s) rendered, {self.cached} from cache"

    def notes(self) -> list[str]:
        """One line per handout set smaller than 12 pt, for the build log."""
        return [
            f"{name}: printed at {size} pt, {pages} page(s)"
            for name, (size, pages) in sorted(self.fitted.items())
        ]

    def warnings(self) -> list[str]:
        """One line per handout longer than `max_pages`: a build warning (`--strict` fails)."""
        return [message for _, message in sorted(self.too_long.items())]


class LocalFetcher(URLFetcher):  # type: ignore[misc]
    """Reads `file:` URLs inside one folder and refuses everything else.

    Each file read is remembered with its hash, so the cache knows what the PDF depends on.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file",))
        self.root = root.resolve()
        self.read: dict[str, str] = {}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """The file's bytes; raises for other hosts and for files outside the root."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"{url} is not a local file: handouts load nothing from the web")
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self.root):
            raise ValueError(f"{path} is outside {self.root}")
        body = path.read_bytes()
        self.read[path.relative_to(self.root).as_posix()] = _sha256(body)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": mime})


def make_pdf(
    html: Path,
    pdf: Path,
    *,
    site_dir: Path,
    cache_dir: Path,
    stats: PdfStats,
    max_pages: int,
    fit: bool = False,
) -> None:
    """Write `pdf` from the built page `html`, from the cache when nothing it uses changed.

    The handout prints at 12 pt. With `fit`, it is set at the largest print size that fits
    on `max_pages`; when that is not the full size, `html` is rewritten with the size so the
    browser prints the same pages. A handout still longer than `max_pages` is recorded in
    `stats.too_long`, with what to change.
    """
    source = html.read_bytes()
    key = _sha256(f"{weasyprint.__version__}\0{max_pages}\0{fit}\0".encode() + source)
    cached, manifest = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    stats.used.add(key)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    entry = _still_valid(manifest, site_dir) if cached.is_file() else None
    if entry is not None:
        shutil.copyfile(cached, pdf)
        size, pages = entry["size"], entry["pages"]
        stats.cached += 1
    else:
        fetcher = LocalFetcher(site_dir)
        size, pages = fit_pdf(html, source, pdf, fetcher, max_pages, fit=fit)
        cache_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, cached)
        entry = {"files": fetcher.read, "size": size, "pages": pages}
        manifest.write_text(json.dumps(entry, indent=1, sort_keys=True), encoding="utf-8")
        stats.rendered += 1
    if size != PRINT_SIZES[0]:
        html.write_bytes(with_print_size(source, size))
        stats.fitted[pdf.name] = (size, pages)
    if pages > max_pages:
        stats.too_long[pdf.name] = too_long_message(pdf.name, size, pages, max_pages, fit)


def too_long_message(name: str, size: str, pages: int, max_pages: int, fit: bool) -> str:
    """Why a handout is too long, and what the clinic can change."""
    count = f"{pages} page" + ("" if pages == 1 else "s")
    where = f"{name} has {count} at {size} pt, more than max_pages: {max_pages}"
    if fit:
        return (
            f"{where} (fit_to_pages prints no smaller than {PRINT_SIZES[-1]} pt): shorten "
            "the routine's steps or split it into two routines, or raise max_pages in "
            "mkdocs.yml"
        )
    return (
        f"{where}: shorten the routine's steps or split it into two routines, raise "
        "max_pages in mkdocs.yml, or set fit_to_pages: true to print it in smaller type"
    )


def with_print_size(source: bytes, size: str) -> bytes:
    """The page's HTML with the handout's print size attribute set to `size`."""
    return source.replace(_FULL_SIZE, _SIZE_ATTRIBUTE.format(size).encode(), 1)


def fit_pdf(
    html: Path,
    source: bytes,
    pdf: Path,
    fetcher: LocalFetcher,
    max_pages: int,
    *,
    fit: bool = False,
) -> tuple[str, int]:
    """Render the page and write a tagged PDF; returns the print size and the pages.

    The page prints at 12 pt. With `fit`, a page longer than `max_pages` is set a step
    smaller until it fits, down to 10 pt; a page without the size attribute (a clinic's own
    handout.html may leave it out) is rendered once, as it is.
    """
    size, document = PRINT_SIZES[0], render(html, source, fetcher, pdf.name)
    if fit and _FULL_SIZE in source:
        for smaller in PRINT_SIZES[1:]:
            if len(document.pages) <= max_pages:
                break
            size = smaller
            document = render(html, with_print_size(source, size), fetcher, pdf.name)
    publish_links(document, fetcher.root, site_root(source, html, fetcher.root))
    try:
        with _weasyprint(pdf.name, html):
            document.write_pdf(pdf, pdf_variant=PDF_VARIANT)
    except PdfError:
        pdf.unlink(missing_ok=True)
        raise
    return size, len(document.pages)


def site_root(source: bytes, html: Path, site_dir: Path) -> str | None:
    """The published address of `site_dir`, from the page's canonical link, if it has one.

    MkDocs writes `<link rel="canonical">` when `site_url` is set: the site's address
    followed by the page's own path, which is cut off to leave the site's address.
    """
    canonical = _canonical_link(source.decode("utf-8"))
    if canonical is None or not html.resolve().is_relative_to(site_dir):
        return None
    path = html.resolve().relative_to(site_dir).as_posix()
    for own in (path, path.removesuffix("index.html")):
        if canonical.endswith(own):
            return canonical[: len(canonical) - len(own)]
    return None


def publish_links(document: Any, site_dir: Path, root: str | None) -> None:
    """Point the document's links into `site_dir` at the site's address `root` instead.

    WeasyPrint resolves the page's links against the file it reads, which would give the
    reader's PDF viewer `file:` addresses of the build machine. Without a `root` (no
    `site_url`) such links are dropped and their text stays.
    """
    for page in document.pages:
        links = []
        for kind, target, *rest in page.links:
            if kind == "external" and target.startswith("file:"):
                parts = urlsplit(target)
                path = Path(unquote(parts.path)).resolve()
                if root is None or not path.is_relative_to(site_dir):
                    continue
                relative = path.relative_to(site_dir).as_posix()
                if parts.path.endswith("/") and relative != ".":
                    relative += "/"
                target = root + ("" if relative == "." else relative)
                if parts.fragment:
                    target += f"#{parts.fragment}"
            links.append((kind, target, *rest))
        page.links[:] = links


def _canonical_link(html: str) -> str | None:
    """The `href` of the page's `<link rel="canonical">`."""

    class Find(HTMLParser):
        found: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "link" and values.get("rel") == "canonical" and self.found is None:
                self.found = values.get("href")

    finder = Find()
    finder.feed(html)
    return finder.found


def render(html: Path, source: bytes, fetcher: LocalFetcher, name: str) -> Any:
    """Lay out one page for print; a failure or a missing resource raises `PdfError`."""
    with _weasyprint(name, html):
        return weasyprint.HTML(
            string=source.decode("utf-8"),
            base_url=html.as_uri(),
            url_fetcher=fetcher,
            media_type="print",
        ).render()


def prune(cache_dir: Path, stats: PdfStats) -> None:
    """Remove cached PDFs this build did not use, so the cache does not grow for ever."""
    if not cache_dir.is_dir():
        return
    for entry in sorted(cache_dir.iterdir()):
        if entry.suffix in (".pdf", ".json") and entry.stem not in stats.used:
            entry.unlink()


def _still_valid(manifest: Path, site_dir: Path) -> dict[str, Any] | None:
    """The cache entry when every file the PDF read is unchanged, else None."""
    try:
        entry: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
        files: dict[str, str] = entry["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if entry.get("size") not in PRINT_SIZES or not isinstance(entry.get("pages"), int):
        return None  # written by an older version of the cache
    for name, digest in files.items():
        path = site_dir / name
        if not path.is_file() or _sha256(path.read_bytes()) != digest:
            return None
    return entry


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _weasyprint(name: str, html: Path) -> Iterator[None]:
    """Run a WeasyPrint step: any exception or logged error becomes one `PdfError`.

    WeasyPrint logs the errors that matter (e.g. an image it could not load) and warns about
    every CSS property it does not know; Material's stylesheet has many made for screens,
    and those warnings say nothing about the handout, so they are hidden.
    """
    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collect(level=logging.ERROR)
    saved = (logger.level, logger.propagate)
    logger.addHandler(handler)
    logger.setLevel(logging.ERROR)
    logger.propagate = False
    try:
        yield
    except Exception as exc:  # WeasyPrint raises many kinds; all mean "no PDF"
        raise PdfError(f"cannot make {name} from {html}: {exc}") from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    if errors:
        raise PdfError(f"cannot make {name} from {html}: " + "; ".join(errors))
