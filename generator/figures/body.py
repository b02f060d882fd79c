"""The body: joint ranges, segment sizes and the vocabularies figures are written in.

Everything here is data. The joint ranges are the usual normal active ranges of adults
(AAOS and physiotherapy textbook values, rounded up a little so ordinary stretches fit);
a figure that asks for more is refused at its line, with the reason.

Coordinates: metres, for a body 1.76 m tall. A body's own frame has x to the front, y up
and z to its right (a right-handed frame), so a figure standing in the side view faces
right and shows its right side.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Motion:
    """One movement of a joint: its name, the largest normal angle and why it stops there."""

    name: str
    limit: int
    why: str = ""


@dataclass(frozen=True)
class JointSpec:
    """A joint as figures name it, with its movements in opposing pairs."""

    name: str
    plural: str | None  # the key for both sides at once ("hips"); None for spine joints
    pairs: tuple[tuple[Motion, Motion], ...]
    describes: str


def _pair(a: str, a_limit: int, b: str, b_limit: int, why_b: str = "") -> tuple[Motion, Motion]:
    return (Motion(a, a_limit), Motion(b, b_limit, why_b))


_SPINE_BEND = ("side-bend-left", "side-bend-right")
_TURN = ("rotation-left", "rotation-right")

JOINTS: tuple[JointSpec, ...] = (
    JointSpec(
        "pelvis",
        None,
        (_pair("anterior-tilt", 20, "posterior-tilt", 20),),
        "Tilts the pelvis while the legs and chest stay where they are (the low back arches "
        "with an anterior tilt and flattens with a posterior tilt).",
    ),
    JointSpec(
        "lumbar",
        None,
        (
            _pair("flexion", 50, "extension", 30),
            _pair(*_SPINE_BEND[:1], 25, _SPINE_BEND[1], 25),
            _pair(_TURN[0], 10, _TURN[1], 10, "the low back turns only a few degrees"),
        ),
        "The low back (lumbar spine).",
    ),
    JointSpec(
        "thoracic",
        None,
        (
            _pair("flexion", 45, "extension", 30),
            _pair(*_SPINE_BEND[:1], 30, _SPINE_BEND[1], 30),
            _pair(_TURN[0], 45, _TURN[1], 45),
        ),
        "The mid and upper back (thoracic spine).",
    ),
    JointSpec(
        "neck",
        None,
        (
            _pair("flexion", 50, "extension", 60),
            _pair(*_SPINE_BEND[:1], 45, _SPINE_BEND[1], 45),
            _pair(_TURN[0], 80, _TURN[1], 80),
        ),
        "The neck below the skull.",
    ),
    JointSpec(
        "head",
        None,
        (_pair("flexion", 20, "extension", 25),),
        "The nod of the head on the top of the neck; a chin tuck is head flexion with a "
        "little neck extension.",
    ),
    JointSpec(
        "shoulder-blade",
        "shoulder-blades",
        (_pair("protraction", 25, "retraction", 20), _pair("elevation", 30, "depression", 10)),
        "The shoulder blade and collarbone: protraction reaches forwards, retraction squeezes "
        "back.",
    ),
    JointSpec(
        "shoulder",
        "shoulders",
        (
            _pair("flexion", 180, "extension", 60),
            _pair("abduction", 180, "adduction", 50),
            _pair("internal-rotation", 70, "external-rotation", 90),
            _pair("horizontal-adduction", 130, "horizontal-abduction", 45),
        ),
        "The shoulder joint; with the arm raised in front (flexion), abduction and adduction "
        "swing it out to the side and across the body. Rotation is measured as clinicians do "
        "it at 90° of abduction: with the elbow bent, internal rotation turns the forearm "
        "down, external rotation up. Horizontal adduction swings an arm raised to the side "
        "(abduction 90) forwards, keeping that rotation: abduction 90 with horizontal "
        "adduction 90 is the arm in front at shoulder height, forearm across the body at 0° "
        "of rotation, as in the sleeper stretch.",
    ),
    JointSpec(
        "elbow",
        "elbows",
        (_pair("flexion", 150, "extension", 10, "an elbow straightens only a little past flat"),),
        "The elbow hinge.",
    ),
    JointSpec(
        "forearm",
        "forearms",
        (_pair("pronation", 90, "supination", 90),),
        "Turns the palm: from palms facing the body, pronation turns them back and down, "
        "supination forwards and up.",
    ),
    JointSpec(
        "wrist",
        "wrists",
        (
            _pair("flexion", 80, "extension", 80),
            _pair("radial-deviation", 20, "ulnar-deviation", 35),
        ),
        "The wrist: flexion bends the hand towards the palm, extension towards the back of "
        "the hand.",
    ),
    JointSpec(
        "hip",
        "hips",
        (
            _pair("flexion", 130, "extension", 30),
            _pair("abduction", 50, "adduction", 30),
            _pair("internal-rotation", 45, "external-rotation", 60),
        ),
        "The hip; with the hip bent (flexion), abduction and adduction swing the knee out and in.",
    ),
    JointSpec(
        "knee",
        "knees",
        (_pair("flexion", 150, "extension", 10, "a knee cannot bend backwards"),),
        "The knee hinge.",
    ),
    JointSpec(
        "ankle",
        "ankles",
        (_pair("dorsiflexion", 35, "plantarflexion", 55), _pair("inversion", 35, "eversion", 25)),
        "The ankle: dorsiflexion draws the toes up, plantarflexion points them.",
    ),
    JointSpec(
        "toes",
        "toes",
        (_pair("extension", 90, "flexion", 45),),
        "The big toe joints: extension bends the toes up, as when you rise onto them.",
    ),
)

JOINT_BY_NAME = {j.name: j for j in JOINTS}

EDGE_OF_RANGE = 0.95  # an angle at or beyond this share of its limit earns a lint note


@dataclass(frozen=True)
class Segments:
    """Lengths (m) of the body's segments; one set for every figure."""

    hip_width: float = 0.085  # mid-hip to each hip joint
    sacrum: tuple[float, float] = (-0.03, 0.09)  # mid-hip to the base of the low back (x, y)
    lumbar: float = 0.17
    thoracic: float = 0.28
    neck: float = 0.10
    head: float = 0.10  # top of the neck to the centre of the head
    collarbone: tuple[float, float, float] = (0.0, -0.04, 0.18)  # top of the chest to shoulder
    upper_arm: float = 0.30
    forearm: float = 0.25
    palm: float = 0.09
    fingers: float = 0.09
    thigh: float = 0.43
    shank: float = 0.43
    ankle_height: float = 0.075
    heel: float = 0.055
    ball: float = 0.145
    toes: float = 0.06


SEGMENTS = Segments()

# Surfaces a body part can rest on, and the height of their top above the floor (m);
# `None` means the prop is placed where the body is (a chair, a wall, a door frame).
SURFACES: dict[str, float | None] = {
    "floor": 0.0,
    "mat": 0.012,
    "step": 0.18,
    "foam-roller": 0.15,
    "ball": 0.065,
    "cushion": 0.07,
    "towel": 0.04,  # rolled up
    "chair": None,
    "wall": None,
    "door-frame": None,
    "table": None,  # a table or kitchen worktop, its top where the body part rests
}

# Props that are drawn without a contact: under the body, held, or around the limbs.
PROPS = (
    "mat",
    "wall",
    "chair",
    "step",
    "foam-roller",
    "ball",
    "band",
    "towel",
    "cushion",
    "door-frame",
)


# Named places on the body, for contacts, arrows, props and close-ups. A plural names
# both sides; `left-`/`right-` one side.
SIDED_LANDMARKS = (
    "shoulder",
    "elbow",
    "forearm",
    "hand",
    "waist",
    "hip",
    "thigh",
    "knee",
    "shin",
    "heel",
    "foot",
    "toes",
)
PLURALS = {
    "shoulder": "shoulders",
    "elbow": "elbows",
    "forearm": "forearms",
    "hand": "hands",
    "waist": "waists",
    "hip": "hips",
    "thigh": "thighs",
    "knee": "knees",
    "shin": "shins",
    "heel": "heels",
    "foot": "feet",
    "toes": "toes",
}
CENTRAL_LANDMARKS = (
    "head",
    "back-of-head",
    "chin",
    "neck",
    "chest",
    "upper-back",
    "low-back",
    "pelvis",
    "belly",
)


def landmark_names() -> list[str]:
    """Every landmark a figure may name, in a stable order."""
    names = list(CENTRAL_LANDMARKS)
    for part in SIDED_LANDMARKS:
        names += [PLURALS[part], f"left-{part}", f"right-{part}"]
    return sorted(set(names), key=names.index)


def expand_landmark(name: str) -> list[str]:
    """A landmark as the single points it stands for: `hands` → left and right hand."""
    for part, plural in PLURALS.items():
        if name == plural:
            return [f"left-{part}", f"right-{part}"]
    return [name]
