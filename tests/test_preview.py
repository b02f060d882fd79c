"""`make serve PORT=…`: the live preview at 1,000 exercises, its error page and its QR code."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_project
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data
from test_serve import fetch, free_port, wait_for

from generator import preview as preview_module
from generator.errors import Problem
from generator.preview import Preview, _page_of

sys.path.insert(0, str(ROOT / "tools"))
from bench import scaled

EXERCISE = "calf-stretch-v5"


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """`make serve PORT=…` of the starter handbook grown to 1,000 exercises."""
    project = copy_project(ROOT, tmp_path_factory.mktemp("preview"))
    (project / "exercises.yml").write_text(scaled(1000), "utf-8")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    port = free_port()
    log = project / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            # The repository's venv, never re-made from this copy (-o: take it as current).
            [
                "make",
                "--no-print-directory",
                "-o",
                str(ROOT / ".venv" / ".installed"),
                "serve",
                f"PORT={port}",
                f"VENV={ROOT / '.venv'}",
            ],
            cwd=project,
            env={**os.environ, "NO_COLOR": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for(url + f"exercises/{EXERCISE}/", "(variant 5)", seconds=300)
            time.sleep(1)  # let the watcher settle after the first build
            yield project, url
        finally:
            os.killpg(proc.pid, 15)
            proc.wait(timeout=30)
    assert "Traceback" not in log.read_text("utf-8")


def line_of(text: str, key: str) -> int:
    """The 0-based index of the line `key` (e.g. 'steps:') in the test exercise."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {EXERCISE}")
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(key))


def test_an_edit_to_one_exercise_shows_on_its_page(preview: tuple[Path, str]) -> None:
    """Under `make serve PORT=…` at 1,000 exercises, a changed summary reaches the served
    page, and search still knows every page, the changed one with its new words, after the
    partial rebuild (steps are left out of search; summaries are in)."""
    project, url = preview
    data = project / "exercises.yml"
    lines = data.read_text("utf-8").split("\n")
    at = line_of("\n".join(lines), "summary:")
    lines[at] = lines[at].replace("summary: ", "summary: Edited in the preview. ", 1)
    data.write_text("\n".join(lines), "utf-8")
    wait_for(url + f"exercises/{EXERCISE}/", "Edited in the preview.", seconds=120)
    index = json.loads(fetch(url + "search/search_index.json") or "{}")
    pages = {_page_of(doc) for doc in index["docs"]}
    assert len(pages) >= 1000
    assert any("Edited in the preview." in doc["text"] for doc in index["docs"])


def test_broken_data_gives_the_error_page_and_the_fix_brings_the_page_back(
    preview: tuple[Path, str],
) -> None:
    """Every address shows the problems with file:line and the fix; fixing the file rebuilds."""
    project, url = preview
    data = project / "exercises.yml"
    good = data.read_text("utf-8")
    lines = good.split("\n")
    level = line_of(good, "level:")
    lines[level] = re.sub(r"level: \w+", "level: expert", lines[level])
    data.write_text("\n".join(lines), "utf-8")
    page = url + f"exercises/{EXERCISE}/"
    body = wait_for(page, 'class="hb-problems"', seconds=120)
    assert f"exercises.yml:{level + 1}:" in body
    assert "write &#39;beginner&#39;, &#39;intermediate&#39; or &#39;advanced&#39;" in body
    assert "md-header" in body  # in the site's look
    elsewhere = fetch(url + "joints/hip/") or ""
    assert 'class="hb-problems"' in elsewhere
    data.write_text(good, "utf-8")
    back = wait_for(page, "(variant 5)", seconds=180)
    assert 'class="hb-problems"' not in back


def test_the_preview_qr_code_is_the_published_address(
    preview: tuple[Path, str], browser: Any, tmp_path: Path
) -> None:
    """The handout's QR code decodes to site_url's page, never the local preview address;
    the PDF link says that `make build` makes it."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbar-tools is missing (.ci/run installs it)")
        pytest.skip("needs zbar-tools")
    _, url = preview
    html = wait_for(url + "routines/low-back/", "hb-preview-note")
    assert "the PDF is made by <code>make build</code>" in html
    assert ".pdf" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    page.emulate_media(media="print")  # the QR code is printed, not shown on screen
    page.goto(url + "routines/low-back/")
    image = tmp_path / "qr.png"
    page.locator(".hb-qr svg").first.screenshot(path=str(image))
    page.close()
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    )
    assert decoded.stdout.strip() == "https://handbook.example.org/routines/low-back/"


# Unit tests of the preview's parts, without a server.


def test_published_url_comes_from_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text('site_url: !ENV [SITE_URL, "https://a.example/x"]\n', "utf-8")
    config: Any = type("Config", (), {"config_file_path": str(config_file)})()
    monkeypatch.delenv("SITE_URL", raising=False)
    assert Preview().published_url(config) == "https://a.example/x/"
    monkeypatch.setenv("SITE_URL", "https://b.example/")
    assert Preview().published_url(config) == "https://b.example/"
    config_file.write_text("site_name: x\n", "utf-8")
    assert Preview().published_url(config) is None


def test_search_keeps_the_pages_not_rebuilt(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    preview = Preview(active=True)
    old = [{"location": "a/", "text": "old a"}, {"location": "b/#x", "text": "old b"}]
    index.write_text(json.dumps({"config": {}, "docs": old}), "utf-8")
    preview.full = True
    preview._merge_search(index)
    fresh = [{"location": "b/", "text": "new b"}]
    index.write_text(json.dumps({"config": {}, "docs": fresh}), "utf-8")
    preview.full, preview.rebuilt = False, {"b/"}
    preview._merge_search(index)
    docs = json.loads(index.read_text("utf-8"))["docs"]
    assert [d["text"] for d in docs] == ["old a", "new b"]


def test_fail_only_when_previewing() -> None:
    config: Any = type("Config", (), {"nav": ["x"]})()
    problem = Problem("exercises.yml", 3, 5, "wrong: write this")
    assert Preview().fail([problem], config) is False
    assert config.nav == ["x"]
    preview = Preview(active=True)
    assert preview.fail([problem], config) is True
    assert preview.broken
    assert config.nav == [{"Problems": "index.md"}]


def test_front_matter_is_read_again_only_for_a_changed_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counted: a page whose text did not change between builds is not parsed again; a
    changed one is, and what no build asked for is dropped."""
    read: list[str] = []

    def counted(content: str) -> tuple[str, dict[str, Any]]:
        read.append(content)
        return get_data(content)

    monkeypatch.setattr(preview_module, "get_data", counted)
    preview = Preview(active=True)
    page, changed = "---\ntags: [a]\n---\n# A\n", "---\ntags: [b]\n---\n# A\n"
    preview.configure()
    assert preview.front_matter(page) == ("# A\n", {"tags": ["a"]})
    preview.configure()
    assert preview.front_matter(page) == ("# A\n", {"tags": ["a"]})
    assert preview.front_matter(changed) == ("# A\n", {"tags": ["b"]})
    assert read == [page, changed]
    preview.configure()
    preview.configure()
    assert page not in preview.fronts and page not in preview.next_fronts


def test_a_generated_file_is_written_again_only_when_its_bytes_changed(tmp_path: Path) -> None:
    """Figures and pages: after the first preview build only changed ones count as
    modified, so MkDocs neither rebuilds nor rewrites the others."""
    config = MkDocsConfig()
    (tmp_path / "docs").mkdir()
    config.load_dict(
        {"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    )
    assert config.validate() == ([], [])
    preview = Preview(active=True)

    def build(svg: str, page: str) -> dict[str, bool]:
        files = Files(
            [
                File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)
                for uri in ("assets/figures/a.svg", "exercises/a.md")
            ]
        )
        for file, content in zip(files, (svg, page), strict=True):
            file.content_string, file.generated_by = content, "handbook"
        preview.mark_changed(files, config)
        preview.full = False  # as after a build that passed (`post_build`)
        return {file.src_uri: file.is_modified() for file in files}

    both = {"assets/figures/a.svg": True, "exercises/a.md": True}
    assert build("<svg/>", "# A\n") == both
    assert build("<svg/>", "# A\n") == {"assets/figures/a.svg": False, "exercises/a.md": False}
    assert build("<svg></svg>", "# A\n") == {
        "assets/figures/a.svg": True,
        "exercises/a.md": False,
    }
    assert preview.rebuilt == set()  # a figure is not a page for search
    assert build("<svg></svg>", "# B\n") == {
        "assets/figures/a.svg": False,
        "exercises/a.md": True,
    }
    assert preview.rebuilt == {"exercises/a/"}
