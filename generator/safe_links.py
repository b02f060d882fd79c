"""Sanitising what autoescaping cannot: script links in Markdown, and page titles.

Autoescaping keeps raw HTML typed in the YAML from becoming markup, but Markdown links are
kept on purpose, and `[x](javascript:...)` is a valid Markdown link: a Markdown extension
removes them on every page. Page titles need their own rule: Material prints a title as
HTML in the navigation, and unescaped (after `striptags`) inside `<title>`.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Browsers ignore whitespace and control characters inside a scheme: "java\tscript:" works.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def is_unsafe_url(url: str) -> bool:
    """True for URLs that run script or read local files when followed."""
    return _IGNORED.sub("", url).lower().startswith(UNSAFE_SCHEMES)


class _SafeLinks(Treeprocessor):
    """Turns an unsafe link into plain text and an unsafe image into its alt text."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and is_unsafe_url(value):
                    alt = element.get("alt", "") if element.tag == "img" else None
                    element.attrib.clear()
                    element.tag = "span"
                    if alt is not None:
                        element.text = alt


class SafeLinksExtension(Extension):
    """Register the tree processor after inline links have been parsed."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Priority 1: after inline links are parsed, before MkDocs rewrites relative links.
        md.treeprocessors.register(_SafeLinks(md), "handbook_safe_links", 1)


def safe_title(title: str) -> str:
    """A page title that is inert both as HTML and once unescaped.

    Angle brackets become look-alike quotes (‹ ›), so no tag can appear even after Material
    unescapes the title for `<title>`; `&` is escaped for the navigation. Idempotent.
    """
    text = html.unescape(title).replace("<", "‹").replace(">", "›")
    return html.escape(text, quote=False)


def makeExtension(**kwargs: object) -> SafeLinksExtension:
    """Let engines load the extension by its dotted path, `generator.safe_links`."""
    return SafeLinksExtension(**kwargs)
