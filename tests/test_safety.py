"""Safety wording: red flags and precautions, written once and shown the same everywhere."""

from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import ROOT, Build

from generator.models import Precaution
from generator.safety import PRECAUTIONS, RED_FLAGS
from generator.validate import load_handbook

# The clinician's review: every warning sign the page and the box must name, as words that
# one flag of the definition must contain (in full on the page, in short in the box).
REVIEWED_SIGNS = {
    "today": [
        ("bladder or bowels", "bladder or bowel"),
        ("groin", "groin"),
        ("sex", "sex"),
        ("both legs", "both legs"),
        ("weaker", "weaker"),
        ("pain in your back or belly", "belly"),
        ("fever", "fever"),
        ("fall", "fall"),
    ],
    "soon": [
        ("under 20 or over 50", "under 20 or over 50"),
        ("cancer", "cancer"),
        ("lost weight", "weight loss"),
        ("at night", "night pain"),
        ("does not change when you move", "does not change as you move"),
        ("mid or upper back", "upper back"),
        ("steroid", "steroids"),
        ("immune", "immunity"),
        ("inject drugs", "injected drugs"),
        ("infection", "infection"),
        ("surgery on your spine", "spine surgery"),
        ("osteoporosis", "osteoporosis"),
        ("one leg", "down a leg"),
        ("more than 30 minutes", "morning stiffness over 30 minutes"),
        ("getting worse", "worsens"),
    ],
}

# The minimum the review asked for: these starter exercises carry these precautions.
REVIEWED_PRECAUTIONS = {
    "hip-90-90-switches": {"hip-replacement"},
    "figure-four-stretch": {"hip-replacement"},
    "adductor-rock-back": {"hip-replacement"},
    "big-toe-extension-mobilisation": {"hip-replacement"},
    "reverse-crunch": {"osteoporosis", "flexion-sensitive-back", "pregnancy"},
    "lat-and-lower-back-stretch": {"osteoporosis", "flexion-sensitive-back"},
    "quadratus-lumborum-stretch": {"osteoporosis"},
    "lumbar-locked-rotation": {"osteoporosis", "flexion-sensitive-back"},
    "doorway-chest-stretch": {"shoulder-instability"},
    "wall-slides": {"shoulder-instability"},
    "open-book-rotation": {"shoulder-instability"},
    "foam-roll-rectus-femoris": {"blood-thinners", "pregnancy"},
    "foam-roll-quadratus-lumborum": {"blood-thinners", "osteoporosis"},
    "foam-roll-upper-back": {"blood-thinners", "osteoporosis"},
    "massage-ball-glute-release": {"blood-thinners"},
    "foot-ball-massage": {"blood-thinners"},
    "glute-bridge": {"pregnancy"},
    "plank-with-tail-tuck": {"pregnancy"},
    "prone-thoracic-extension": {"pregnancy"},
    "thoracic-extension-foam-roller": {"pregnancy", "osteoporosis"},
    "single-leg-balance": {"balance-and-falls"},
    "push-up": {"wrist-or-hand-pain"},
}


def text_of(page: str) -> str:
    """A built page as plain text: tags removed, entities decoded, spaces collapsed."""
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    return re.sub(r" ([;.,:])", r"\1", text)


def box_of(page: str) -> str:
    """The text of the red-flags box (the danger admonition) of a routine page."""
    match = re.search(r'<div class="admonition danger">(.*?)</div>', page, re.S)
    assert match, "the routine page has no red-flags box"
    return text_of(match[1])


def test_every_precaution_has_its_standard_wording() -> None:
    """Each allowed value has a label, an 'ask first' phrase and a reason, nothing extra."""
    assert set(PRECAUTIONS) == set(Precaution)
    for text in PRECAUTIONS.values():
        assert text.label and text.ask and text.why
        # The phrase completes "Ask first if you ..." on one line of a card.
        assert text.ask[0].islower() and not text.ask.endswith(".")
        assert not set("|[]*_\n") & set(text.ask)


def test_the_definition_covers_every_sign_of_the_review() -> None:
    """Removing a warning sign from the one definition fails here, in full and in short."""
    for group in RED_FLAGS:
        texts = " ".join(f.text for f in group.flags)
        shorts = " ".join(f.short for f in group.flags)
        for full, short in REVIEWED_SIGNS[group.id]:
            assert full in texts, (group.id, full)
            assert short in shorts, (group.id, short)
    assert [g.id for g in RED_FLAGS] == ["today", "soon"]


def test_red_flags_page_and_every_handout_box_come_from_the_one_definition(
    starter_build: Build,
) -> None:
    """The page lists every flag in full, grouped; every routine's box lists every short form."""
    page = text_of(starter_build.page("red-flags"))
    for group in RED_FLAGS:
        assert group.title in page
        for flag in group.flags:
            assert flag.text in page
    routines = [
        p for p in (starter_build.site / "routines").iterdir() if (p / "index.html").is_file()
    ]
    assert len(routines) >= 3
    for routine in routines:
        box = box_of((routine / "index.html").read_text(encoding="utf-8"))
        for group in RED_FLAGS:
            assert group.box_title in box
            for flag in group.flags:
                assert flag.short in box, (routine.name, flag.short)


def test_the_handout_pdf_prints_the_box_and_each_ask_first_line(starter_build: Build) -> None:
    """The printed low back handout carries the short form and every card's precautions."""
    from pypdf import PdfReader

    pdf = starter_build.site / "routines" / "low-back" / "low-back.pdf"
    # Compared without spaces: text extraction sometimes splits a word ("ar e").
    text = "".join("".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    for group in RED_FLAGS:
        for flag in group.flags:
            assert "".join(flag.short.split()) in text
    handbook = load_handbook(ROOT / "exercises.yml")
    routine = next(r for r in handbook.routines if r.id == "low-back")
    lines = {
        "Ask first if you " + "; ".join(PRECAUTIONS[p].ask for p in exercise.precautions) + "."
        for exercise in (handbook.exercise(e.id) for e in routine.entries())
        if exercise.precautions
    }
    assert len(lines) >= 5
    for line in lines:
        assert "".join(line.split()) in text, line


def test_starter_exercises_carry_the_reviewed_precautions() -> None:
    """Every exercise the review named is tagged with at least what the review asked for."""
    handbook = load_handbook(ROOT / "exercises.yml")
    for exercise_id, needed in REVIEWED_PRECAUTIONS.items():
        tagged = {p.value for p in handbook.exercise(exercise_id).precautions}
        assert needed <= tagged, (exercise_id, needed - tagged)


def test_exercise_page_card_and_list_show_the_same_ask_first_line(starter_build: Build) -> None:
    """The same standard words on the page and the card, the labels in the list; all link."""
    handbook = load_handbook(ROOT / "exercises.yml")
    exercise = handbook.exercise("reverse-crunch")
    phrases = [PRECAUTIONS[p].ask for p in exercise.precautions]
    line = "Ask first if you " + "; ".join(phrases) + "."
    assert line in text_of(starter_build.page("exercises/reverse-crunch"))
    card = starter_build.page("routines/low-back")
    card = card[card.index('href="../../exercises/reverse-crunch/"') :]
    card = card[: card.index('<div class="hb-card"')]
    assert line in text_of(card)
    listing = starter_build.page("exercises")
    row = listing[listing.index('href="reverse-crunch/"') :]
    row = row[: row.index("</tr>")]
    assert "; ".join(PRECAUTIONS[p].label for p in exercise.precautions) in text_of(row)
    for precaution in exercise.precautions:
        assert f'href="../../red-flags/#{precaution.value}"' in card


def test_who_should_ask_first_links_the_exercises_under_each_precaution(
    starter_build: Build,
) -> None:
    """Each precaution has its section (with its anchor) listing exactly its exercises."""
    handbook = load_handbook(ROOT / "exercises.yml")
    page = starter_build.page("red-flags")
    assert 'id="who-should-ask-first"' in page
    sections = re.split(r'<h3 id="', page)[1:]
    by_anchor = {s[: s.index('"')]: s for s in sections}
    for precaution, text in PRECAUTIONS.items():
        section = by_anchor[precaution.value]
        assert html.escape(text.label, quote=False) in section
        section = section.split("<h2")[0]
        linked = set(re.findall(r'href="\.\./exercises/([a-z0-9-]+)/"', section))
        tagged = {e.id for e in handbook.exercises if precaution in e.precautions}
        assert linked == tagged, precaution


def test_flare_up_page_is_reachable_from_home_and_the_low_back_routine(
    starter_build: Build,
) -> None:
    """The flare-up advice is linked from the home page and the low back routine."""
    assert (starter_build.site / "flare-up" / "index.html").is_file()
    assert 'href="flare-up/"' in starter_build.page("")
    assert 'href="../../flare-up/"' in starter_build.page("routines/low-back")
    advice = text_of(starter_build.page("flare-up"))
    for words in ("walk", "Bed rest", "Pelvic tilt"):
        assert words in advice


def test_red_flags_page_is_generated_not_hand_written() -> None:
    """A hand-written content/red-flags.md would hide the generated page and fail the build."""
    assert not (ROOT / "content" / "red-flags.md").exists()
    assert Path(ROOT / "generator" / "templates" / "handbook" / "red-flags.md").is_file()
