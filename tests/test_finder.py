"""The exercise finder on `/exercises/`: its index, and its filters in a real browser.

Expected rows and counts are worked out here from the handbook itself (OR within a group,
AND across groups), so the browser's answer is checked against an independent count.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Build, copy_project, run_build, serve

from generator.models import Exercise, Handbook
from generator.render.finder import GLOBAL, INDEX_PATH, facets, finder_index, groups
from generator.validate import load_handbook

STARTER_COUNT = len(load_handbook(ROOT / "exercises.yml").exercises)

Picks = dict[str, list[str]]


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    """The starter handbook, validated."""
    return load_handbook(ROOT / "exercises.yml")


def index_data(text: str) -> dict[str, Any]:
    """The JSON inside `finder-index.js`."""
    prefix = f"window.{GLOBAL} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data: dict[str, Any] = json.loads(text[len(prefix) : -2])
    return data


def expected(handbook: Handbook, picks: Picks, words: str = "") -> set[str]:
    """Ids of the exercises the finder should show for these choices."""

    def fits(exercise: Exercise) -> bool:
        values = facets(exercise)
        text = " ".join([exercise.name, *exercise.aliases, *exercise.muscles]).lower()
        return all(any(v in values[k] for v in vs) for k, vs in picks.items() if vs) and all(
            word in text for word in words.lower().split()
        )

    return {e.id for e in handbook.exercises if fits(e)}


def count(handbook: Handbook, picks: Picks, key: str, value: str, words: str = "") -> int:
    """The count printed beside one choice: its group's picks replaced by that choice."""
    return len(expected(handbook, {**picks, key: [value]}, words))


# --- The index, without a browser -----------------------------------------------------


def test_index_holds_every_exercise_with_its_filter_values(handbook: Handbook) -> None:
    """Each exercise is in the index once, with the words the text box needs."""
    data = index_data(finder_index(handbook))
    assert data["groups"] == ["joint", "goal", "equipment", "level", "position"]
    records = {r["id"]: r for r in data["exercises"]}
    assert set(records) == {e.id for e in handbook.exercises}
    bridge = records["glute-bridge"]
    assert bridge["name"] == "Glute bridge"
    assert "hip bridge" in bridge["aliases"]
    assert bridge["goal"] == ["strengthen"]
    assert records["ankle-circles"]["equipment"] == ["none"]


def test_index_leaves_out_long_text(handbook: Handbook) -> None:
    """Steps, descriptions and summaries stay on the exercise pages, not in the index."""
    record = index_data(finder_index(handbook))["exercises"][0]
    assert not {"steps", "description", "summary", "cautions", "cues"} & set(record)


def test_index_is_byte_identical_between_runs(handbook: Handbook) -> None:
    """The same handbook gives the same index (deterministic output)."""
    assert finder_index(handbook) == finder_index(handbook)


def test_groups_offer_no_equipment_first_and_only_values_in_use(handbook: Handbook) -> None:
    """ "No equipment" leads the equipment group; unused goals or positions are not offered."""
    by_key = {g.key: g for g in groups(handbook)}
    equipment = [o.value for o in by_key["equipment"].options]
    assert equipment[0] == "none" and "resistance band" in equipment
    used = {e.position.value for e in handbook.exercises}
    assert {o.value for o in by_key["position"].options} == used


def test_index_is_written_beside_the_exercise_list(starter_build: Build) -> None:
    """The build writes the index next to `exercises/index.html`, where the form points."""
    text = (starter_build.site / INDEX_PATH).read_text("utf-8")
    assert len(index_data(text)["exercises"]) == STARTER_COUNT
    assert 'data-hb-finder="finder-index.js"' in starter_build.page("exercises")


# --- In the browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(starter_build: Build) -> Iterator[str]:
    """The starter site served on localhost."""
    with serve(starter_build.site) as base:
        yield base


def shown(page: Any) -> set[str]:
    """Ids of the table rows the finder leaves visible."""
    ids: list[str] = page.eval_on_selector_all(
        "tr[data-hb-id]", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.hbId)"
    )
    return set(ids)


def option_count(page: Any, key: str, value: str) -> int:
    """The number printed beside a choice, e.g. `(12)` -> 12."""
    label = page.locator(f'input[name="{key}"][value="{value}"]').locator("xpath=..")
    text: str = label.locator("[data-hb-count]").inner_text()
    return int(text.strip("()"))


def open_finder(browser: Any, url: str, width: int = 1280) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    return page


def test_without_javascript_the_full_table_shows(browser: Any, site: str) -> None:
    """No script: every exercise is listed and the (useless) form stays hidden."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "exercises/")
    assert page.locator("tr[data-hb-id]").count() == STARTER_COUNT
    assert page.locator("form[data-hb-finder]").is_hidden()
    context.close()


GROUP_CHOICES = [
    ("joint", "knee"),
    ("goal", "lengthen"),
    ("equipment", "none"),
    ("equipment", "chair"),
    ("level", "intermediate"),
    ("position", "side-lying"),
]


@pytest.mark.parametrize(("key", "value"), GROUP_CHOICES)
def test_each_filter_shows_its_exercises_and_counts(
    browser: Any, site: str, handbook: Handbook, key: str, value: str
) -> None:
    """Ticking one choice shows exactly its exercises; the other groups' counts follow."""
    page = open_finder(browser, site + "exercises/")
    assert option_count(page, key, value) == count(handbook, {}, key, value)
    page.check(f'input[name="{key}"][value="{value}"]')
    picks = {key: [value]}
    assert shown(page) == expected(handbook, picks)
    for group in groups(handbook):
        for option in group.options:
            assert option_count(page, group.key, option.value) == count(
                handbook, picks, group.key, option.value
            ), (group.key, option.value)
    assert f"{key}={value.replace(' ', '+')}" in page.url
    page.close()


def test_combination_is_or_within_and_across_groups_and_reloads_from_its_url(
    browser: Any, site: str, handbook: Handbook
) -> None:
    """Hip or knee, with no equipment, for beginners: the shared address shows the same."""
    picks = {"joint": ["hip", "knee"], "equipment": ["none"], "level": ["beginner"]}
    page = open_finder(browser, site + "exercises/")
    for key, values in picks.items():
        for value in values:
            page.check(f'input[name="{key}"][value="{value}"]')
    want = expected(handbook, picks)
    assert 0 < len(want) < len(expected(handbook, {"joint": ["hip", "knee"]}))
    assert shown(page) == want
    assert (
        page.locator("[data-hb-status]").inner_text()
        == f"Showing {len(want)} of {STARTER_COUNT} exercises"
    )
    assert option_count(page, "joint", "ankle") == count(handbook, picks, "joint", "ankle")
    shared = page.url
    assert "joint=knee" in shared and "joint=hip" in shared and "equipment=none" in shared
    page.close()

    again = open_finder(browser, shared, width=360)
    assert shown(again) == want
    assert again.locator('input[name="joint"][value="hip"]').is_checked()
    assert not again.locator('input[name="joint"][value="ankle"]').is_checked()
    again.close()


def test_no_match_says_so_and_clear_all_brings_everything_back(browser: Any, site: str) -> None:
    """A combination nobody fits shows a message; "Clear all" resets rows, boxes and URL."""
    page = open_finder(browser, site + "exercises/?level=advanced&position=sitting")
    assert shown(page) == set()
    assert page.locator("[data-hb-empty]").is_visible()
    page.click("text=Clear all")
    page.wait_for_function("location.search === ''")
    assert len(shown(page)) == STARTER_COUNT
    assert page.locator("[data-hb-empty]").is_hidden()
    page.close()


@pytest.mark.parametrize(
    ("words", "must_show"),
    [
        ("psoas", {"standing-hip-flexor-stretch", "iliopsoas-stretch"}),
        ("hip bridge", {"glute-bridge"}),
        ("Quadratus", {"quadratus-lumborum-stretch", "foam-roll-quadratus-lumborum"}),
    ],
)
def test_text_box_matches_names_aliases_and_muscles(
    browser: Any, site: str, handbook: Handbook, words: str, must_show: set[str]
) -> None:
    """Typing narrows the list to name, other-name and muscle matches, with counts."""
    page = open_finder(browser, site + "exercises/")
    page.fill("#hb-finder-q", words)
    want = expected(handbook, {}, words)
    assert must_show <= want
    assert shown(page) == want
    assert option_count(page, "goal", "lengthen") == count(handbook, {}, "goal", "lengthen", words)
    assert "words=" in page.url and "q=" not in page.url.replace("words=", "")
    assert not page.evaluate("document.getElementById('__search').checked")  # search stays shut
    page.close()


def test_finder_works_after_instant_navigation(
    browser: Any, site: str, handbook: Handbook, starter_build: Build
) -> None:
    """Reached through Material's instant navigation (no page load), the finder still works."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    # Material only navigates instantly to addresses in the sitemap, which names the
    # published site (site_url); serve it as if this were that site.
    sitemap = (starter_build.site / "sitemap.xml").read_text("utf-8")
    published = re.search(r"<loc>(.*?)</loc>", sitemap)
    assert published is not None
    page.route(
        "**/sitemap.xml",
        lambda route: route.fulfill(
            body=sitemap.replace(published[1], site), content_type="application/xml"
        ),
    )
    page.goto(site)
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it takes over
    page.evaluate("window.hbLoadedOnce = true")
    page.click('.md-nav--primary a[href$="exercises/"]')
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    assert page.evaluate("window.hbLoadedOnce") is True  # the same document: no reload
    page.check('input[name="goal"][value="release"]')
    release = expected(handbook, {"goal": ["release"]})
    assert shown(page) == release
    page.click("tr[data-hb-id]:not([hidden]) a")  # to an exercise, and back
    page.wait_for_selector("form[data-hb-finder]", state="detached")
    page.go_back()
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    assert shown(page) == release
    assert page.evaluate("window.hbLoadedOnce") is True
    page.close()


PAGE_KINDS = [
    "",  # home (hand-written)
    "joints/",
    "joints/hip/",
    "exercises/?joint=hip&words=stretch",  # the finder, with its index
    "exercises/glute-bridge/",
    "routines/",
    "routines/low-back/",
    "editing/",
    "red-flags/",
    "no-such-page/",  # the 404 page
]


def test_no_page_kind_asks_another_host(browser: Any, site: str) -> None:
    """Every kind of page, the finder and a search load nothing from any other host."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    foreign: list[str] = []
    local = (site, "data:", "blob:")
    page.on("request", lambda r: None if r.url.startswith(local) else foreign.append(r.url))
    for path in PAGE_KINDS:
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    page.goto(site + "exercises/")
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    page.fill(".md-search__input", "band")
    page.wait_for_load_state("networkidle")
    page.close()
    assert foreign == []


def test_rows_show_the_exercise_figures_and_keep_them_when_filtered(
    browser: Any, site: str
) -> None:
    """Each row carries its exercise's drawing (decorative: the name beside it says what it
    is); a filtered view shows the drawings of the rows it keeps."""
    page = browser.new_page()
    page.goto(site + "exercises/?joint=hip&equipment=none")
    page.wait_for_selector("form[data-hb-finder]:not([hidden])")
    shown = page.locator("tr[data-hb-id]:visible")
    assert shown.count() > 0
    for index in range(shown.count()):
        row = shown.nth(index)
        image = row.locator("img.hb-thumb")
        exercise_id = row.get_attribute("data-hb-id")
        assert (image.get_attribute("src") or "").endswith(f"assets/figures/{exercise_id}.svg")
        assert image.get_attribute("alt") == ""
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
        )
    page.close()


@pytest.mark.parametrize(("width", "columns"), [(360, 3), (768, 5), (1280, 7)])
def test_the_table_fits_the_screen_without_scrolling_sideways(
    browser: Any, site: str, width: int, columns: int
) -> None:
    """Every column the screen shows fits it: name, joints and goal on a phone (the picture
    above the name), equipment and cautions too on a tablet, all seven on a desktop."""
    page = open_finder(browser, site + "exercises/", width)
    scroller = page.locator(".hb-exercise-table .md-typeset__scrollwrap")  # Material's wrapper
    sizes = scroller.evaluate("box => [box.scrollWidth, box.clientWidth]")
    shown = page.locator(".hb-exercise-table thead th:visible").count()
    page.close()
    assert sizes[0] <= sizes[1], sizes
    assert shown == columns


def test_a_long_list_shows_in_steps(browser: Any, tmp_path: Path) -> None:
    """With 250 exercises the list shows 100 at a time; "Show more" adds the next ones, and
    filters still count them all."""
    sys.path.insert(0, str(ROOT / "tools"))
    from bench import scaled

    project = copy_project(ROOT, tmp_path / "big")
    (project / "exercises.yml").write_text(scaled(250), "utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HANDBOOK_PDF", "false")
        build = run_build(project)
    assert build.returncode == 0, build.output
    with serve(build.site) as base:
        page = open_finder(browser, base + "exercises/")
        assert len(shown(page)) == 100
        assert page.locator("[data-hb-status]").inner_text() == "Showing all 250 exercises"
        page.click("[data-hb-more]")
        assert len(shown(page)) == 200
        page.click("[data-hb-more]")
        assert len(shown(page)) == 250
        assert page.locator("[data-hb-more]").is_hidden()
        page.check('input[name="equipment"][value="none"]')  # a new choice starts again
        assert len(shown(page)) == min(100, option_count(page, "equipment", "none"))
        page.close()


def test_rows_name_every_joint_the_joint_filter_matches(
    browser: Any, site: str, handbook: Handbook
) -> None:
    """The joint filter matches any joint an exercise serves, so each row lists them all,
    main first: a row found under "Knee" shows the knee, also where the knee is not its
    main joint."""
    secondary = [e for e in handbook.exercises if "knee" in e.joints[1:]]
    assert secondary, "the starter has an exercise that serves the knee second"
    page = open_finder(browser, site + "exercises/?joint=knee")
    rows = page.locator("tr[data-hb-id]:visible")
    assert rows.count() == len(expected(handbook, {"joint": ["knee"]}))
    for index in range(rows.count()):
        row = rows.nth(index)
        exercise = handbook.exercise(row.get_attribute("data-hb-id") or "")
        links = row.locator("td").nth(1).locator("a")
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == list(exercise.joints)
        assert "knee" in exercise.joints
    assert page.locator("thead th").nth(1).inner_text() == "Joints (main first)"
    page.close()


# Counts the finder's writes to the page: rows shown or hidden, and count texts replaced.
_WATCH = """() => {
  const writes = (window.hbWrites = { rows: 0, counts: 0 });
  new MutationObserver((changes) => changes.forEach((change) => {
    const node = change.target;
    if (change.type === "attributes" && node.matches("tr[data-hb-id]")) writes.rows += 1;
    if (change.type === "childList" && node.matches("[data-hb-count]")) writes.counts += 1;
  })).observe(document.body, {
    subtree: true, attributes: true, attributeFilter: ["hidden"], childList: true,
  });
}"""


def test_a_click_touches_only_what_changes(browser: Any, site: str, handbook: Handbook) -> None:
    """A click is worked out once and writes only the rows that appear or disappear and the
    counts that change, so it stays quick with thousands of rows (`make bench` times it)."""
    page = open_finder(browser, site + "exercises/?goal=lengthen")
    page.evaluate(_WATCH)
    before = shown(page)
    old_counts = {
        (g.key, o.value): count(handbook, {"goal": ["lengthen"]}, g.key, o.value)
        for g in groups(handbook)
        for o in g.options
    }
    page.check('input[name="joint"][value="hip"]')
    picks = {"goal": ["lengthen"], "joint": ["hip"]}
    after = shown(page)
    assert after == expected(handbook, picks) and after != before
    new_counts = {key: count(handbook, picks, *key) for key in old_counts}
    changed = sum(old_counts[key] != new_counts[key] for key in old_counts)
    page.wait_for_function("window.hbWrites.rows > 0")
    writes = page.evaluate("window.hbWrites")
    assert writes == {"rows": len(before ^ after), "counts": changed}
    page.close()
