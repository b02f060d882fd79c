"""Validation against the files on disk: media must be real files inside content/."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import HandbookError
from generator.load import load_text
from generator.validate import validate

HANDBOOK = """\
joints:
  - {id: hip, name: Hip, need: both, order: 1, summary: A joint.}
exercises:
  - id: bridge
    name: Bridge
    joints: [hip]
    goal: strengthen
    method: strength
    position: lying
    level: beginner
    summary: Lift the hips.
    steps: [Lift.]
    media:
      - {image: images/bridge.svg, alt: A bridge., credit: The clinic, license: CC BY 4.0}
"""


def test_an_image_that_links_outside_content_is_refused(tmp_path: Path) -> None:
    """A symbolic link under content/ to a file elsewhere would copy that file to the site."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web")
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / "bridge.svg").symlink_to(secret)
    with pytest.raises(HandbookError) as info:
        validate(load_text(HANDBOOK), tmp_path / "content")
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (14, 17)
    assert "is a link to a file outside content/" in problem.message


def test_an_image_inside_content_is_accepted(tmp_path: Path) -> None:
    """The same record with a real file in content/images/ validates."""
    images = tmp_path / "content" / "images"
    images.mkdir(parents=True)
    (images / "bridge.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    handbook = validate(load_text(HANDBOOK), tmp_path / "content")
    assert handbook.exercises[0].media[0].image == "images/bridge.svg"
