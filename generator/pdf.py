"""Stage 5, outputs: routine handouts as PDF files, rendered by WeasyPrint from the built page.

The PDF is made from the same HTML and CSS a browser prints, after MkDocs has written
`site/`, so there is one layout to maintain. WeasyPrint reads local files only: a fetcher
refuses every other address, so a build never goes on the network.

Rendering takes a second or two per routine, so results are cached: the key is a hash of
the page's HTML, every file WeasyPrint read for it (stylesheets, images, fonts) and the
WeasyPrint version. The page's HTML already holds the routine, its exercises, the clinic
and the paper size, so any change to those renders the PDF again, and nothing else does.
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


@dataclass
class PdfStats:
    """How many PDFs one build rendered, and how many it took from the cache."""

    rendered: int = 0
    cached: int = 0
    used: set[str] = field(default_factory=set)

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


def make_pdf(html: Path, pdf: Path, *, site_dir: Path, cache_dir: Path, stats: PdfStats) -> None:
    """Write `pdf` from the built page `html`, from the cache when nothing it uses changed."""
    source = html.read_bytes()
    key = _sha256(weasyprint.__version__.encode() + b"\0" + source)
    cached, manifest = cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"
    stats.used.add(key)
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if cached.is_file() and _still_valid(manifest, site_dir):
        shutil.copyfile(cached, pdf)
        stats.cached += 1
        return
    fetcher = LocalFetcher(site_dir)
    render_pdf(html, pdf, fetcher)
    cache_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, cached)
    manifest.write_text(json.dumps(fetcher.read, indent=1, sort_keys=True), encoding="utf-8")
    stats.rendered += 1


def render_pdf(html: Path, pdf: Path, fetcher: LocalFetcher) -> None:
    """Render one page to PDF; a failure or a missing resource raises `PdfError`."""
    with _weasyprint_errors() as errors:
        try:
            document = weasyprint.HTML(filename=html, url_fetcher=fetcher, media_type="print")
            document.write_pdf(pdf)
        except Exception as exc:  # WeasyPrint raises many kinds; all mean "no PDF"
            raise PdfError(f"cannot make {pdf.name} from {html}: {exc}") from None
    if errors:
        pdf.unlink(missing_ok=True)
        raise PdfError(f"cannot make {pdf.name} from {html}: " + "; ".join(errors))


def prune(cache_dir: Path, stats: PdfStats) -> None:
    """Remove cached PDFs this build did not use, so the cache does not grow for ever."""
    if not cache_dir.is_dir():
        return
    for entry in sorted(cache_dir.iterdir()):
        if entry.suffix in (".pdf", ".json") and entry.stem not in stats.used:
            entry.unlink()


def _still_valid(manifest: Path, site_dir: Path) -> bool:
    try:
        files: dict[str, str] = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for name, digest in files.items():
        path = site_dir / name
        if not path.is_file() or _sha256(path.read_bytes()) != digest:
            return False
    return True


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _weasyprint_errors() -> Iterator[list[str]]:
    """Collect WeasyPrint's errors (e.g. an image it could not load) and hide its chatter.

    WeasyPrint warns about every CSS property it does not know, and Material's stylesheet
    has many made for screens; those warnings say nothing about the handout.
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
        yield errors
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
