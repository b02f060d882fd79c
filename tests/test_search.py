"""Search in clients' words: a table of queries and the page each must show first.

Runs Material's own search (lunr in its worker) in the browser, with the handbook's
`search-words.js` on top, on the starter handbook. Also: what the index keeps and leaves
out, and that the editors' guide stays out of clients' search and nav.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Build, serve

# query typed by a client -> (address of the first result, why)
QUERIES = {
    # an exercise's own name, other names and muscles
    "glute bridge": ("exercises/glute-bridge/", "its name, before the single-leg one"),
    "hip bridge": ("exercises/glute-bridge/", "another name for it"),
    "hip hinge": ("exercises/hip-hinge/", "name before its brackets"),
    "chin tuck": ("exercises/chin-tuck/", "its name"),
    "couch stretch": ("exercises/rectus-femoris-stretch/", "another name for it"),
    "quadratus lumborum": ("exercises/", "technical name in brackets: either QL exercise"),
    "psoas": ("exercises/", "a muscle: a hip flexor stretch"),
    "rectus femoris": ("exercises/rectus-femoris-stretch/", "technical name in brackets"),
    # equipment
    "no equipment": ("exercises/", "an exercise that needs nothing"),
    "band": ("exercises/", "an exercise with a band"),
    "chair": ("exercises/", "an exercise with a chair"),
    "wall": ("exercises/", "an exercise with a wall"),
    # joints and routines in plain words
    "knee": ("joints/knee/", "the joint, before kneeling exercises"),
    "hip": ("joints/hip/", "the joint"),
    "shoulder": ("joints/shoulder/", "the joint"),
    "low back": ("joints/lumbar-spine/", "the joint called low back"),
    "sore back": ("routines/low-back/", "the routine for back ache"),
    "back pain": ("routines/low-back/", "the routine for back ache"),
    "desk": ("routines/desk-break/", "the desk break routine"),
}

# For "exercises/" rows the first result must be an exercise that fits: these say which.
FITS: dict[str, set[str] | str] = {
    "quadratus lumborum": {
        "exercises/quadratus-lumborum-stretch/",
        "exercises/foam-roll-quadratus-lumborum/",
    },
    "psoas": {"exercises/iliopsoas-stretch/", "exercises/standing-hip-flexor-stretch/"},
    "no equipment": "no-equipment",
    "band": {"exercises/banded-squat/", "exercises/lateral-band-walk/", "exercises/clamshell/"}
    | {"exercises/band-pull-apart/"},
    "chair": "chair",
    "wall": "wall",
}


@pytest.fixture(scope="module")
def search_page(starter_build: Build, browser: Any) -> Iterator[Any]:
    """The home page with search ready."""
    with serve(starter_build.site) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.base = base
        yield page
        page.close()


def first_results(page: Any, query: str, count: int = 3) -> list[str]:
    """The addresses of the first results for a query, relative to the site."""
    page.fill(".md-search__input", "")
    page.click(".md-search__input")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.includes('match')"
        " && document.querySelector('.md-search__input').value === q",
        arg=query,
    )
    page.wait_for_timeout(300)  # results render in batches after the count
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__item > a", "links => links.map(a => a.href)"
    )
    return [h.removeprefix(page.base).split("?")[0] for h in hrefs[:count]]


def exercise_equipment(build: Build, location: str) -> str:
    """The equipment cell of an exercise page's facts table."""
    html = build.page(location)
    cell = html.split('<th scope="row">Equipment</th>', 1)[1].split("</td>", 1)[0]
    return cell.split(">", 1)[1].strip()


@pytest.mark.parametrize("query", list(QUERIES))
def test_client_query_shows_the_expected_page_first(
    search_page: Any, starter_build: Build, query: str
) -> None:
    """Each client query in the table opens with the page it names."""
    expected, why = QUERIES[query]
    first = first_results(search_page, query)[0]
    if expected != "exercises/":
        assert first == expected, f"{query!r}: {why}"
        return
    assert first.startswith("exercises/") and first != "exercises/", f"{query!r}: {why}"
    fits = FITS[query]
    if isinstance(fits, set):
        assert first in fits, f"{query!r}: {why}"
    elif fits == "no-equipment":
        assert exercise_equipment(starter_build, first) == "None", f"{query!r}: {why}"
    else:
        assert fits in exercise_equipment(starter_build, first), f"{query!r}: {why}"


def test_typing_half_a_word_still_finds_it(search_page: Any) -> None:
    """The prefix match Material adds stays: "glute brid" finds the glute bridge."""
    assert "exercises/glute-bridge/" in first_results(search_page, "glute brid")


def test_editors_guide_is_out_of_search_and_nav_but_linked_from_the_footer(
    starter_build: Build,
) -> None:
    """Clients do not meet the editors' guide in search or the menu; editors find it below."""
    locations = {doc["location"] for doc in starter_build.search_index()}
    assert not any(loc.startswith("editing") for loc in locations)
    home = starter_build.page("")
    nav = home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "editing/" not in nav
    footer = home.split('<footer class="md-footer">', 1)[1]
    assert 'href="editing/"' in footer and "editing the handbook" in footer
    assert "<h1" in starter_build.page("editing")


def test_exercise_pages_index_names_and_facts_but_not_long_text(starter_build: Build) -> None:
    """An exercise is found by its name, summary and facts; its steps and routines are not
    indexed, which keeps the index small."""
    docs = [d for d in starter_build.search_index() if d["location"].startswith("exercises/")]
    bridge = [d for d in docs if d["location"].startswith("exercises/glute-bridge/")]
    assert [d["location"] for d in bridge] == ["exercises/glute-bridge/"]
    text = bridge[0]["text"]
    assert "gluteus maximus" in text and "Equipment mat" in text
    assert "How to do it" not in text and "Tuck your tail" not in text and "reps" not in text
    assert bridge[0]["tags"] == ["hip bridge", "bridge", "bridging", "mat"]
    nothing = next(d for d in docs if d["location"] == "exercises/ankle-circles/")
    assert nothing["tags"][-1] == "No equipment"
    assert not any(d["location"] == "exercises/" and "Glute bridge" in d["text"] for d in docs)


def test_page_language_is_british_english(starter_build: Build) -> None:
    """`lang` matches the starter handbook's spelling."""
    assert '<html lang="en-GB"' in starter_build.page("")


def test_search_index_would_stay_under_2_mb_at_3000_exercises(starter_build: Build) -> None:
    """Exercises cost about 420 bytes each in the index: 3,000 of them stay under 2 MB.

    (`make bench` measures a real 3,000-exercise build; this keeps the per-exercise cost
    from creeping up between benches.)"""
    path = starter_build.site / "search" / "search_index.json"
    docs = starter_build.search_index()
    exercises = [
        d for d in docs if d["location"].startswith("exercises/") and d["location"] != "exercises/"
    ]
    # Only exercise pages grow with the number of exercises: the lists on joint pages and
    # the exercise list are left out of search.
    summary = "Lifting your hips off the floor"
    assert [d["location"] for d in docs if summary in d["text"]] == ["exercises/glute-bridge/"]
    per_exercise = sum(len(json.dumps(d)) + 2 for d in exercises) / len(exercises)
    others = path.stat().st_size - per_exercise * len(exercises)
    assert per_exercise < 500
    assert others + 3000 * per_exercise < 2_000_000
