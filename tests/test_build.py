"""Real `mkdocs build --strict` runs of fixture sites, asserting on the HTML and search index."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import Build, run_build


class Tags(HTMLParser):
    """Every start tag and its attributes, from an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def tree_digest(folder: Path) -> str:
    """A hash of every file's path and bytes under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_minimal_site_builds_every_page_without_warnings(minimal: Path) -> None:
    """Joint, exercise and routine pages exist; no warning is printed."""
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    assert build.warnings() == []
    for page in (
        "joints/",
        "joints/ankle/",
        "joints/hip/",
        "exercises/",
        "exercises/glute-bridge/",
        "routines/",
        "routines/basics/",
    ):
        assert (build.site / page / "index.html").is_file(), page


def test_exercise_page_shows_the_whole_record(minimal: Path) -> None:
    """Steps, cues, dosage, cautions, joints and easier/harder links all reach the page."""
    html = run_build(minimal).page("exercises/glute-bridge")
    for text in (
        "Wakes up the glutes.",
        "Tuck your tail and lift your hips.",
        "Ribs down",
        "2 × 10 reps, hold 2 s",
        "Stop if your back hurts.",
        "gluteus maximus",
        "hip thrust on the floor",
    ):
        assert text in html, text
    assert 'href="../../joints/hip/"' in html
    assert 'href="../single-leg-bridge/"' in html
    assert 'href="../../routines/basics/"' in html


def test_routine_page_uses_the_routine_dosage_and_disclaimer(minimal: Path) -> None:
    """An entry's own dosage replaces the exercise default; the red flags are on the page."""
    html = run_build(minimal).page("routines/basics")
    assert "3 × 12 reps" in html
    assert "2 × 10 reps" not in html
    assert "Slowly." in html
    assert "Stop and see a professional" in html
    assert html.index("Calf stretch") < html.index("Glute bridge")


def test_joint_page_groups_exercises_by_goal(minimal: Path) -> None:
    """The hip page lists its exercises under their goal and shows its neighbours."""
    html = run_build(minimal).page("joints/hip")
    assert "Strengthen" in html
    assert 'href="../../exercises/glute-bridge/"' in html
    assert 'href="../knee/"' in html


def test_nav_lists_joints_and_routines_but_not_exercises(minimal: Path) -> None:
    """Every page carries the joints and routines, never a link per exercise."""
    html = run_build(minimal).page("")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>\n</div>")] if "</nav>\n</div>" in nav else nav
    assert "Foot and ankle" in nav
    assert "Basics" in nav
    assert "Single-leg bridge" not in html


def test_search_index_finds_name_alias_and_muscle(minimal: Path) -> None:
    """Material's index holds the exercise's name, aliases (as its tags) and muscles."""
    docs = run_build(minimal).search_index()
    page = [d for d in docs if d["location"] == "exercises/glute-bridge/"]
    text = " ".join(" ".join([d["title"], d["text"], *d.get("tags", [])]) for d in page)
    for words in ("Glute bridge", "hip thrust on the floor", "gluteus maximus"):
        assert words in text, words


def test_former_id_redirects_to_the_new_page(minimal: Path) -> None:
    """The old address of a renamed exercise is a page pointing at the new one."""
    html = (run_build(minimal).site / "exercises" / "hip-bridge" / "index.html").read_text()
    assert 'content="0; url=../glute-bridge/"' in html


def test_failed_build_leaves_the_last_site_untouched(minimal: Path) -> None:
    """A bad edit fails with the message at its line, and site/ stays byte for byte."""
    assert run_build(minimal).returncode == 0
    before = tree_digest(minimal / "site")
    data = minimal / "exercises.yml"
    data.write_text(data.read_text().replace("goal: strengthen", "goal: strenghten", 1))
    edited = data.read_bytes()
    build = run_build(minimal)
    assert build.returncode == 1
    assert "exercises.yml:" in build.output
    assert "Did you mean 'strengthen'?" in build.output
    assert "Traceback" not in build.output
    assert tree_digest(minimal / "site") == before
    assert data.read_bytes() == edited


def test_build_never_writes_the_data_or_content(minimal: Path) -> None:
    """The build reads exercises.yml and content/, and writes neither."""
    before = tree_digest(minimal / "content"), (minimal / "exercises.yml").read_bytes()
    assert run_build(minimal).returncode == 0
    assert (tree_digest(minimal / "content"), (minimal / "exercises.yml").read_bytes()) == before


def test_same_input_gives_identical_pages(minimal: Path, tmp_path: Path) -> None:
    """Two builds of the same data produce byte-identical HTML (sitemaps carry dates)."""
    first = run_build(minimal)
    digest = tree_digest(first.site / "exercises"), tree_digest(first.site / "joints")
    second = run_build(minimal)
    assert (tree_digest(second.site / "exercises"), tree_digest(second.site / "joints")) == digest


HOSTILE = """
  - id: hostile
    name: "<script>alert('name')</script>Hostile"
    aliases: ["<img src=x onerror=alert(1)>"]
    joints: [hip]
    goal: strengthen
    method: strength
    position: lying
    level: beginner
    summary: "[click me](javascript:alert(1)) and <b onmouseover=alert(1)>bold</b>"
    description: |
      <iframe src="https://evil.example"></iframe>

      [also](  JaVa script:alert(2)) ![pic](javascript:alert(3))
    steps: ["<style>body{display:none}</style>Step", "[x](vbscript:msgbox)"]
    cues: ["</table><script>alert(4)</script>"]
"""


def test_nothing_typed_in_the_yaml_becomes_live_markup(minimal: Path) -> None:
    """Raw HTML is shown as text and script links lose their target, on every page."""
    data = minimal / "exercises.yml"
    data.write_text(data.read_text().replace("\nroutines:", HOSTILE + "\nroutines:", 1))
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    for page in ("exercises/hostile", "exercises", "joints/hip"):
        html = build.page(page)
        article = html[html.index("<article") : html.index("</article>")]
        for tag, attrs in tags_of(article):
            assert tag not in ("script", "iframe", "style", "img") or page != "exercises/hostile"
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").replace(" ", "").lower()
                assert not value.startswith(("javascript:", "vbscript:")), (tag, attrs)
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;Hostile" in build.page(
        "exercises/hostile"
    )


def test_starter_handbook_builds_every_page(starter_build: Build) -> None:
    """The shipped handbook: 9 joints, at least 30 exercises, 3 routines, no warnings."""
    assert starter_build.warnings() == []
    site = starter_build.site
    joints = [p for p in (site / "joints").iterdir() if (p / "index.html").is_file()]
    exercises = [p for p in (site / "exercises").iterdir() if (p / "index.html").is_file()]
    routines = [p for p in (site / "routines").iterdir() if (p / "index.html").is_file()]
    assert len(joints) == 9
    assert len(exercises) >= 30
    assert {p.name for p in routines} >= {"low-back", "desk-break", "foot-and-ankle"}
    for name in ("joint-by-joint", "red-flags", "posture"):
        assert (site / name / "index.html").is_file(), name


def test_starter_routines_carry_the_disclaimer(starter_build: Build) -> None:
    """Every routine page says when to stop and see a professional."""
    for routine in (starter_build.site / "routines").iterdir():
        if (routine / "index.html").is_file():
            assert "Stop and see a professional" in (routine / "index.html").read_text()


def test_starter_low_back_routine_follows_the_seven_steps(starter_build: Build) -> None:
    """The low back routine lists its seven steps in the recipe's order."""
    html = starter_build.page("routines/low-back")
    headings = re.findall(r'<h2 id="\d[^"]*">([^<]*)', html)
    steps = ["hips", "glutes", "lower back", "abdominals", "chest", "thoracic", "erectors"]
    assert len(headings) == len(steps)
    for heading, words in zip(headings, steps, strict=True):
        assert words in heading.lower(), (heading, words)


def test_starter_pages_request_nothing_from_other_hosts(starter_build: Build) -> None:
    """No script, stylesheet, font or image is loaded from another host."""
    for page in starter_build.site.rglob("*.html"):
        for tag, attrs in tags_of(page.read_text(encoding="utf-8")):
            loads = attrs.get("src") or (attrs.get("href") if tag == "link" else None)
            if loads and tag in ("script", "img", "link", "iframe", "source", "video"):
                rel = attrs.get("rel") or ""
                if tag == "link" and rel in ("canonical", "alternate"):
                    continue
                assert not loads.startswith(("http:", "https:", "//")), (page, tag, loads)


def test_clinic_template_in_overrides_replaces_the_built_in_one(minimal: Path) -> None:
    """A file of the same name under overrides/handbook/ wins over the shipped template."""
    partial = minimal / "overrides" / "handbook" / "partials" / "disclaimer.md"
    partial.parent.mkdir(parents=True)
    partial.write_text('!!! danger "Call us first"\n\n    Ring the clinic before you start.\n')
    html = run_build(minimal).page("routines/basics")
    assert "Ring the clinic before you start." in html
    assert "Stop and see a professional" not in html


def test_broken_override_template_fails_with_its_line(minimal: Path) -> None:
    """A syntax error in a clinic's template names the template and line, not a traceback."""
    template = minimal / "overrides" / "handbook" / "joint.md"
    template.parent.mkdir(parents=True)
    template.write_text("# {{ joint.name }}\n\n{% if joint.summary %}\nno endif\n")
    build = run_build(minimal)
    assert build.returncode == 1
    assert "handbook/joint.md:" in build.output
    assert "template error" in build.output
    assert "Traceback" not in build.output


def test_media_reach_the_exercise_page_with_credit_and_licence(minimal: Path) -> None:
    """An image shows with its alt text, credit and licence; a video is a link, not embedded."""
    build = run_build(minimal)
    html = build.page("exercises/glute-bridge")
    images = [attrs for tag, attrs in tags_of(html) if tag == "img"]
    assert any(
        a.get("src") == "../../images/glute-bridge.svg"
        and (a.get("alt") or "").startswith("Lying on the back")
        for a in images
    ), images
    assert "Drawn for the tests, CC0 1.0" in html
    assert 'href="https://videos.example.org/glute-bridge"' in html
    assert not any(tag in ("iframe", "video") for tag, _ in tags_of(html))
    assert (build.site / "images" / "glute-bridge.svg").is_file()


def test_handout_card_shows_the_first_image(minimal: Path) -> None:
    """The routine's card for an exercise with pictures carries the first one."""
    html = run_build(minimal).page("routines/basics")
    card = html[html.index("Glute bridge") :]
    assert '<img alt="Lying on the back' in card or 'alt="Lying on the back' in card
    assert "glute-bridge.svg" in card
    assert "Drawn for the tests, CC0 1.0" in card, "a picture's licence travels with it"


def test_hostile_names_stay_text_in_titles_and_navigation(minimal: Path) -> None:
    """Names reach <title> and the nav, which Material prints as HTML: they must stay text."""
    data = minimal / "exercises.yml"
    text = data.read_text()
    for old, new in (
        ("name: Knee\n", 'name: "</title><script>alert(1)</script>Knee"\n'),
        ("name: Basics\n", 'name: "<img src=x onerror=alert(2)>Basics & more"\n'),
        ("name: Calf stretch\n", 'name: "</title><script>alert(3)</script>Calf"\n'),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    data.write_text(text)
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    for page in build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        for tag, attrs in tags_of(html):
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
    assert "Basics &amp; more" in build.page("routines/basics")


def test_exercise_page_links_back_to_exercises_that_offer_it(minimal: Path) -> None:
    """An exercise named as another's harder option links back, unless already linked."""
    data = minimal / "exercises.yml"
    text = data.read_text()
    old = "    dosage: {hold: 30s, side: each}\n"
    assert old in text
    data.write_text(text.replace(old, old + "    progression: glute-bridge\n", 1))
    build = run_build(minimal)
    assert build.returncode == 0, build.output
    html = build.page("exercises/glute-bridge")
    assert 'The harder option of <a href="../calf-stretch/">Calf stretch</a>' in html
    single = build.page("exercises/single-leg-bridge")
    assert "The harder option of" not in single  # its one link is already "Easier: ..."
