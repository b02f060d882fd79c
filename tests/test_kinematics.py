"""The body model's conventions: where a written angle puts a limb, and how a frame turns."""

from __future__ import annotations

from typing import Any

from generator.figures.draw import draw
from generator.figures.kinematics import Body, place_all, resolve
from generator.figures.pose import PRESETS, BodyPosition, Figure
from generator.models import Position


def _body(frame: dict[str, Any], position: str = "standing") -> Body:
    figure = Figure.model_validate({"frames": [frame]})
    (placed,) = place_all(resolve(figure, position))
    return placed.body


def _arm(angles: dict[str, Any]) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    """Shoulder, elbow and wrist of the right arm (x front, y up, z the body's right)."""
    body = _body({"angles": {"right-elbow": {"flexion": 90}, "right-shoulder": angles}})
    return (
        body.centre("right-shoulder"),
        body.centre("right-elbow"),
        body.marks["right-wrist-joint"][0][0],
    )


def test_shoulder_rotation_is_counted_from_the_arm_out_to_the_side() -> None:
    """At 90° of abduction with the elbow bent, 0° of rotation points the forearm forwards,
    external rotation up and internal rotation down, as clinicians measure it."""
    shoulder, elbow, wrist = _arm({"abduction": 90})
    assert elbow[2] > shoulder[2] + 0.25  # out to the right side
    assert wrist[0] > elbow[0] + 0.2 and abs(wrist[1] - elbow[1]) < 0.03
    _, elbow, wrist = _arm({"abduction": 90, "external-rotation": 90})
    assert wrist[1] > elbow[1] + 0.2
    _, elbow, wrist = _arm({"abduction": 90, "internal-rotation": 60})
    assert wrist[1] < elbow[1] - 0.15


def test_horizontal_adduction_brings_the_arm_forwards_keeping_its_rotation() -> None:
    """Abduction 90 with horizontal adduction 90 is the arm in front at shoulder height with
    the forearm across the body at 0° (the sleeper stretch); internal rotation turns it
    down from there, within the normal 70°."""
    shoulder, elbow, wrist = _arm({"abduction": 90, "horizontal-adduction": 90})
    assert elbow[0] > shoulder[0] + 0.25 and abs(elbow[1] - shoulder[1]) < 0.03
    assert wrist[2] < elbow[2] - 0.2 and abs(wrist[1] - elbow[1]) < 0.03  # across the body
    _, elbow, wrist = _arm({"abduction": 90, "horizontal-adduction": 90, "internal-rotation": 60})
    assert wrist[1] < elbow[1] - 0.15


def test_turn_faces_the_viewer_and_changes_no_height() -> None:
    """`turn: 90` turns the whole body about the vertical towards the side view's viewer
    (+z), after its roll, so heights and contacts stay as they were."""
    frame = {"angles": {"right-hip": {"flexion": 60}}, "roll": 10}
    still, turned = _body(frame), _body({**frame, "turn": 90})
    upright = _body({**frame, "roll": 0, "turn": 90})
    chest, pelvis = upright.centre("chest"), upright.centre("pelvis")
    assert chest[2] > pelvis[2] + 0.1 and abs(chest[0] - pelvis[0]) < 0.01
    # Rolled onto its right side, then turned: the right side is now on the picture's left.
    assert turned.centre("head")[0] < upright.centre("head")[0] - 0.1
    for landmark in ("head", "right-knee", "left-foot", "right-hand"):
        assert abs(still.centre(landmark)[1] - turned.centre(landmark)[1]) < 1e-9
    knee, hip = turned.centre("right-knee"), turned.centre("right-hip")
    assert knee[2] > hip[2] + 0.3  # the raised thigh points at the viewer


def test_every_exercise_position_is_a_figure_position_with_a_preset() -> None:
    """A figure starts from its exercise's position: each of those is a body position a
    frame can take, with the same value, and has a preset to start from."""
    exercise_positions = [p.value for p in Position]
    assert [p.value for p in BodyPosition][: len(exercise_positions)] == exercise_positions
    assert set(PRESETS) == set(BodyPosition)


def test_shoulder_blades_follow_their_angles_and_show_only_from_behind() -> None:
    """Retraction brings each blade's inner edge towards the spine and depression lowers it;
    the blades are outlined when the back faces the viewer squarely, never at a slant."""
    still = _body({"angles": {}})
    squeezed = _body({"angles": {"shoulder-blades": {"retraction": 18, "depression": 9}}})
    spine = still.centre("chest")[2]
    for side in ("left", "right"):
        before, after = still.outlines[f"{side}-blade"], squeezed.outlines[f"{side}-blade"]
        assert min(abs(p[2] - spine) for p in after) < min(abs(p[2] - spine) for p in before) - 0.01
        assert max(p[1] for p in after) < max(p[1] for p in before) - 0.005

    def polygons(view: str, turn: int = 0) -> int:
        figure = Figure.model_validate({"view": view, "frames": [{"angles": {}, "turn": turn}]})
        return draw(figure, resolve(figure, "standing")).svg.count("<polygon")

    assert polygons("back") == polygons("back", turn=15) == 2
    assert polygons("back", turn=35) == 0  # at a slant the flat outline would poke out
    assert polygons("side") == polygons("front") == polygons("three-quarter") == 0
