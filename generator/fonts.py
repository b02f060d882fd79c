"""Which characters the PDF step can print: the union of every installed font's characters.

WeasyPrint lays out text with Pango, which falls back through every font fontconfig knows;
a character none of them has prints as an empty box. `fc-list` reports each font's
characters as hexadecimal ranges ("20-7e a0-17f ..."), read once per run.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from bisect import bisect_right

# Marks, joiners and controls are drawn with the character before them, never on their own.
_NOT_DRAWN = {"Cc", "Cf", "Mn", "Me", "Zl", "Zp"}


@functools.cache
def _ranges() -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """Sorted, merged (starts, ends) of every installed font's characters, or None when
    fontconfig is missing (then nothing can be said)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{charset}\n"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    spans = sorted(
        (int(lo, 16), int(hi or lo, 16))
        for part in out.split()
        for lo, _, hi in [part.partition("-")]
    )
    merged: list[list[int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return tuple(s for s, _ in merged), tuple(e for _, e in merged)


def unprintable(text: str) -> list[str]:
    """The characters of `text`, in order and once each, that no installed font can print."""
    ranges = _ranges()
    if ranges is None:
        return []
    starts, ends = ranges
    missing: list[str] = []
    for char in dict.fromkeys(text):
        if unicodedata.category(char) in _NOT_DRAWN:
            continue
        i = bisect_right(starts, ord(char)) - 1
        if i < 0 or ord(char) > ends[i]:
            missing.append(char)
    return missing
