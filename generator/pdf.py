"""Stage 5, outputs: routine handouts as PDF files, rendered by WeasyPrint from the built page.

The PDF is made from the same HTML and CSS a browser prints, after MkDocs has written
`site/`, so there is one layout to maintain. WeasyPrint reads local files only: a fetcher
refuses every other address, so a build never goes on the network.

Rendering takes a second or two per routine, so results are cached: the key is a hash of
the page's HTML, `max_pages`, every file WeasyPrint read for it (stylesheets, images,
fonts) and the WeasyPrint version. The page's HTML already holds the routine, its
exercises, the clinic and the paper size, so any change to those renders the PDF again,
and nothing else does.
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
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse


class PdfError(Exception):
    """A PDF could not be made; the message says which page and why."""


# Print sizes of the handout's text, largest first: a routine that does not fit on its
# pages at 12 pt is set a step smaller, down to 10 pt. The page carries the size in
# `data-hb-print-size`, which handout.css maps to font sizes, so a browser prints the same.
PRINT_SIZES = ("12", "11.5", "11", "10.5", "10")
_SIZE_ATTRIBUTE = 'data-hb-print-size="{}"'
_FULL_SIZE = _SIZE_ATTRIBUTE.format(PRINT_SIZES[0]).encode()


@dataclass
class PdfStats:
    """How many PDFs one build rendered, how many it took from the cache, and their fit."""

    rendered: int = 0
    cached: int = 0
    used: set[str] = field(default_factory=set)
    fitted: dict[str, tuple[str, int]] = field(default_factory=dict)
    """PDF name → (print size in pt, pages), for handouts not set at the full size."""

    def summary(self) -> str:
        """`2 PDF(s) rendered, 1 from cache`."""
        return f"{self.rendered} PDF(s) rendered, {self.cached} from cache"


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
) -> None:
    """Write `pdf` from the built page `html`, from the cache when nothing it uses changed.

    The handout is set at the largest print size that fits on `max_pages`; when that is not
    the full size, `html` is rewritten with the size so the browser prints the same pages.
    """
    source = html.read_bytes()
    key = _sha256(f"{weasyprint.__version__}\0{max_pages}\0".encode() + source)
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
        size, pages = fit_pdf(html, source, pdf, fetcher, max_pages)
        cache_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, cached)
        entry = {"files": fetcher.read, "size": size, "pages": pages}
        manifest.write_text(json.dumps(entry, indent=1, sort_keys=True), encoding="utf-8")
        stats.rendered += 1
    if size != PRINT_SIZES[0]:
        html.write_bytes(with_print_size(source, size))
        stats.fitted[pdf.name] = (size, pages)


def with_print_size(source: bytes, size: str) -> bytes:
    """The page's HTML with the handout's print size attribute set to `size`."""
    return source.replace(_FULL_SIZE, _SIZE_ATTRIBUTE.format(size).encode(), 1)


def fit_pdf(
    html: Path, source: bytes, pdf: Path, fetcher: LocalFetcher, max_pages: int
) -> tuple[str, int]:
    """Render at the largest print size that fits `max_pages`; returns the size and pages.

    A page without the size attribute (a clinic's own handout.html may leave it out) is
    rendered once, as it is.
    """
    size, document = PRINT_SIZES[0], render(html, source, fetcher, pdf.name)
    if _FULL_SIZE in source:
        for smaller in PRINT_SIZES[1:]:
            if len(document.pages) <= max_pages:
                break
            size = smaller
            document = render(html, with_print_size(source, size), fetcher, pdf.name)
    try:
        with _weasyprint(pdf.name, html):
            document.write_pdf(pdf)
    except PdfError:
        pdf.unlink(missing_ok=True)
        raise
    return size, len(document.pages)


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
