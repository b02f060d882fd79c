"""`python -m generator export` built by plain MkDocs, and `python -m generator pdf` on it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import Build, run_build
from pypdf import PdfReader

from generator.export import HEADER
from generator.render.pages import Page
from generator.site import with_front_matter

PDF_SUMMARY = re.compile(r"(\d+) PDF\(s\) rendered, (\d+) from cache")


def generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` in `cwd`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def export_and_build(project: Path, out: Path) -> Build:
    """Export `project` into `out` and build the export with plain `mkdocs build --strict`."""
    result = generator("export", str(out), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    build = run_build(out)
    assert build.returncode == 0, build.output
    return build


def pages(site: Path) -> dict[str, bytes]:
    """Every HTML page and the search index of a built site, by path."""
    found = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    found["search/search_index.json"] = (site / "search" / "search_index.json").read_bytes()
    return found


@pytest.fixture(scope="session")
def starter_export(starter_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The starter handbook exported from the plugin build's project and built by MkDocs."""
    return export_and_build(starter_build.project, tmp_path_factory.mktemp("export") / "out")


def test_export_built_by_plain_mkdocs_equals_the_plugin_build(
    starter_build: Build, starter_export: Build
) -> None:
    """Every page and the search index are byte for byte those of the plugin's build.

    `generator pdf` then takes all three PDFs from the plugin build's cache: the cache key
    holds each page's HTML and every file WeasyPrint read, so the handouts are identical too.
    """
    result = generator(
        "pdf",
        str(starter_export.site),
        "--cache",
        str(starter_build.project / ".cache" / "handbook" / "pdf"),
        cwd=starter_export.project,
    )
    assert result.returncode == 0, result.stderr
    assert "0 PDF(s) rendered, 3 from cache" in result.stdout
    plugin, export = pages(starter_build.site), pages(starter_export.site)
    assert sorted(export) == sorted(plugin)
    different = [path for path in plugin if plugin[path] != export[path]]
    assert different == []
    for routine in ("low-back", "desk-break", "foot-and-ankle"):
        pdf = f"routines/{routine}/{routine}.pdf"
        assert (starter_export.site / pdf).read_bytes() == (starter_build.site / pdf).read_bytes()


def test_export_config_drops_the_plugin_and_expands_the_nav(starter_export: Build) -> None:
    """The config names no handbook plugin, lists joints and routines, and the sanitiser."""
    text = (starter_export.project / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    config = yaml.safe_load(text)
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "handbook" not in names and "search" in names
    assert "generator.safe_links" in config["markdown_extensions"]
    joints = next(item["Joints"] for item in config["nav"] if "Joints" in item)
    assert joints[0] == "joints/index.md"
    assert {"Foot and ankle": "joints/ankle.md"} in joints
    assert not any("exercises/cat-cow.md" in str(item) for item in config["nav"])
    assert (starter_export.project / "overrides" / "handout.html").is_file()
    assert (starter_export.project / "overrides" / "main.html").is_file()


def test_generator_pdf_makes_the_handout_of_an_export_build(minimal: Path, tmp_path: Path) -> None:
    """A fresh cache renders the routine's PDF from the MkDocs build of the export."""
    build = export_and_build(minimal, tmp_path / "out")
    cache = tmp_path / "cache"
    first = generator("pdf", str(build.site), "--cache", str(cache), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "1 PDF(s) rendered, 0 from cache" in first.stdout
    pdf = build.site / "routines" / "basics" / "basics.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for words in ("Basics", "Calf stretch", "Glute bridge", "Stop and see a professional"):
        assert words in " ".join(text.split()), words
    again = generator("pdf", str(build.site), "--cache", str(cache), cwd=tmp_path)
    assert "0 PDF(s) rendered, 1 from cache" in again.stdout


def test_export_of_bad_data_writes_nothing_and_names_the_line(minimal: Path) -> None:
    """A broken file gives `file:line:col` messages, exit code 1, and no export folder."""
    data = minimal / "exercises.yml"
    data.write_text(data.read_text().replace("need: mobility", "need: wobbly", 1))
    result = generator("export", "out", cwd=minimal)
    assert result.returncode == 1
    assert re.search(r"exercises\.yml:\d+:\d+: .*need", result.stdout), result.stdout
    assert "Traceback" not in result.stderr
    assert not (minimal / "out").exists()


def test_export_refuses_to_replace_a_folder_it_did_not_write(minimal: Path) -> None:
    """Someone's own files are never deleted: only an earlier export is replaced."""
    (minimal / "notes").mkdir()
    (minimal / "notes" / "todo.txt").write_text("keep me")
    refused = generator("export", "notes", cwd=minimal)
    assert refused.returncode == 1
    assert "not an earlier export" in refused.stderr
    assert (minimal / "notes" / "todo.txt").read_text() == "keep me"
    assert generator("export", ".", cwd=minimal).returncode == 1
    assert generator("export", "out", cwd=minimal).returncode == 0
    assert generator("export", "out", cwd=minimal).returncode == 0  # an export is replaced


def test_generator_pdf_says_when_a_site_has_no_handouts(tmp_path: Path) -> None:
    """A folder without handout pages is an error, not a silent success."""
    (tmp_path / "index.html").write_text("<html><head></head><body></body></html>")
    result = generator("pdf", str(tmp_path), "--cache", str(tmp_path / "cache"), cwd=tmp_path)
    assert result.returncode == 1
    assert "no handout pages" in result.stderr


def test_front_matter_gives_every_generated_page_an_inert_title() -> None:
    """A name typed in the YAML cannot close `<title>` in any engine: the title is inert."""
    page = with_front_matter(
        Page("exercises/x.md", "# &lt;/title&gt;&lt;script&gt;Bad\n\nText\n"), {}
    )
    front, body = page.content.split("---\n")[1:3]
    assert yaml.safe_load(front) == {"title": "‹/title›‹script›Bad"}
    assert body == "\n# &lt;/title&gt;&lt;script&gt;Bad\n\nText\n"
    routine = Page(
        "routines/r.md", '---\ntitle: "A &amp; B"\ntemplate: handout.html\n---\n\nText\n'
    )
    meta = yaml.safe_load(
        with_front_matter(routine, {"template": "handout-page.html"}).content.split("---\n")[1]
    )
    assert meta == {"title": "A &amp; B", "template": "handout-page.html"}
    plain = Page("notes.md", "No heading here.\n")
    assert with_front_matter(plain, {}) == plain
