"""Plain words for numbers a client reads at a glance: `2 × 10 reps`, `hold 30 s, each side`.

These return plain text, never markup; the templates decide how it looks.
"""

from __future__ import annotations

from generator.models import Dosage, Side

SIDE_WORDS = {
    Side.EACH: "each side",
    Side.BOTH: "both sides together",
    Side.ALTERNATE: "alternating sides",
}


def duration(seconds: int) -> str:
    """`45 s`, `2 min`, `1 min 30 s`."""
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} min"
    return f"{rest} s"


def about_minutes(seconds: float) -> str:
    """A routine's time as a client reads it: `about 5 minutes`, `about 40 minutes`.

    Whole minutes under ten; above that, the nearest five, since an estimate is no more
    precise than that.
    """
    minutes = seconds / 60
    shown = max(1, round(minutes)) if minutes < 9.5 else max(10, 5 * round(minutes / 5))
    return f"about {shown} minute{'s' if shown != 1 else ''}"


def dosage(dose: Dosage) -> str:
    """The dose in one short line, e.g. `2 × 10 reps, hold 30 s, each side, rest 30 s`."""
    parts: list[str] = []
    if dose.reps is not None:
        reps = f"{dose.reps} reps"
        parts.append(f"{dose.sets} × {reps}" if dose.sets else reps)
    elif dose.sets is not None:
        parts.append(f"{dose.sets} {'set' if dose.sets == 1 else 'sets'}")
    if dose.hold is not None:
        parts.append(f"hold {duration(dose.hold)}")
    if dose.duration is not None:
        parts.append(duration(dose.duration))
    if dose.side is not None:
        parts.append(SIDE_WORDS[dose.side])
    if dose.rest is not None:
        parts.append(f"rest {duration(dose.rest)}")
    return ", ".join(parts)


def table_cell(text: str) -> str:
    """Text that stays inside one Markdown table cell: no pipes, no line breaks."""
    return " ".join(str(text).split()).replace("|", "\\|")
