"""Kinematics: joint angles to a body in 3D, placed on its surfaces.

`resolve` turns a `Figure` into one `Pose` (signed angles, orientation, contacts) per frame;
`build` turns a pose into the body's shapes and landmarks in the body's own frame; `place`
turns it to its orientation, tips it forwards or back until its first and last contacts both
touch their surfaces, and lifts it onto them. Everything is arithmetic on tuples, so the
same pose gives the same numbers on every machine.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from generator.figures.body import JOINTS, SEGMENTS, SURFACES, expand_landmark
from generator.figures.pose import BodyPosition, Figure, preset

Vec = tuple[float, float, float]
Mat = tuple[float, float, float, float, float, float, float, float, float]
Angles = dict[tuple[str, str], tuple[float, ...]]  # (joint, side) -> signed value per pair

IDENTITY: Mat = (1, 0, 0, 0, 1, 0, 0, 0, 1)
SIDES = (("left", -1), ("right", 1))


def rot(axis: str, degrees: float) -> Mat:
    """A rotation about the x, y or z axis (right-handed)."""
    if not degrees:
        return IDENTITY
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    if axis == "x":
        return (1, 0, 0, 0, c, -s, 0, s, c)
    if axis == "y":
        return (c, 0, s, 0, 1, 0, -s, 0, c)
    return (c, -s, 0, s, c, 0, 0, 0, 1)


def mul(a: Mat, b: Mat) -> Mat:
    """The matrix product a·b."""
    return (
        a[0] * b[0] + a[1] * b[3] + a[2] * b[6],
        a[0] * b[1] + a[1] * b[4] + a[2] * b[7],
        a[0] * b[2] + a[1] * b[5] + a[2] * b[8],
        a[3] * b[0] + a[4] * b[3] + a[5] * b[6],
        a[3] * b[1] + a[4] * b[4] + a[5] * b[7],
        a[3] * b[2] + a[4] * b[5] + a[5] * b[8],
        a[6] * b[0] + a[7] * b[3] + a[8] * b[6],
        a[6] * b[1] + a[7] * b[4] + a[8] * b[7],
        a[6] * b[2] + a[7] * b[5] + a[8] * b[8],
    )


def apply(m: Mat, v: Vec) -> Vec:
    """The matrix m applied to the vector v."""
    return (
        m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
        m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
        m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def at(origin: Vec, frame: Mat, offset: Vec) -> Vec:
    """The point `offset` (in `frame`'s axes) from `origin`."""
    return add(origin, apply(frame, offset))


# Body orientations: columns are where the body's front, up and right point in the world.
ORIENTATIONS: dict[str, Mat] = {
    "upright": IDENTITY,
    "supine": rot("z", 90),  # on the back, head to the left, front up
    "prone": rot("z", -90),  # face down, head to the right
    "side": (0, 1, 0, 0, 0, 1, 1, 0, 0),  # on the left side, head right, front to the viewer
}


@dataclass(frozen=True)
class Pose:
    """A frame resolved: its position, every joint's signed angles, and its contacts."""

    position: BodyPosition
    angles: Angles
    contacts: tuple[tuple[str, str], ...]
    fixed: frozenset[tuple[str, str]] = frozenset()  # joints the frame itself set
    lean: float = 0.0  # degrees the whole body is tipped forwards (negative: back)
    roll: float = 0.0  # degrees the whole body is tipped to the picture's near side
    turn: float = 0.0  # degrees the whole body turns about the vertical, to face the viewer

    def blend(self, other: Pose, t: float) -> Pose:
        """The pose a share `t` of the way to `other` (angles interpolated)."""
        keys = sorted(set(self.angles) | set(other.angles))
        angles = {}
        for key in keys:
            a, b = self.angles.get(key, _zero(key)), other.angles.get(key, _zero(key))
            angles[key] = tuple(x + (y - x) * t for x, y in zip(a, b, strict=True))
        lean = self.lean + (other.lean - self.lean) * t
        roll = self.roll + (other.roll - self.roll) * t
        turn = self.turn + (other.turn - self.turn) * t
        if t < 1:
            return Pose(self.position, angles, self.contacts, self.fixed, lean, roll, turn)
        return Pose(other.position, angles, other.contacts, other.fixed, lean, roll, turn)


_PAIRS = {joint.name: joint.pairs for joint in JOINTS}
_PLURALS = {joint.plural: joint.name for joint in JOINTS if joint.plural}


def _zero(key: tuple[str, str]) -> tuple[float, ...]:
    return (0.0,) * len(_PAIRS[key[0]])


def _targets(key: str) -> list[tuple[str, str]]:
    """Which (joint, side) an angles key sets: `hips` both, `left-hip` one, `neck` the neck."""
    if key in _PLURALS:
        return [(_PLURALS[key], "left"), (_PLURALS[key], "right")]
    for side in ("left", "right"):
        if key.startswith(side + "-"):
            return [(key.removeprefix(side + "-"), side)]
    return [(key, "")]


def set_angles(angles: Angles, written: dict[str, dict[str, int]]) -> Angles:
    """`angles` with the motions written in a frame (or a preset) replacing their pair."""
    result = dict(angles)
    for key, motions in written.items():
        for target in _targets(key):
            values = list(result.get(target, _zero(target)))
            for name, degrees in motions.items():
                for i, (positive, negative) in enumerate(_PAIRS[target[0]]):
                    if name == positive.name:
                        values[i] = float(degrees)
                    elif name == negative.name:
                        values[i] = -float(degrees)
            result[target] = tuple(values)
    return result


def resolve(figure: Figure, position: str) -> list[Pose]:
    """The figure's frames as poses: each starts from the frame before, or its position."""
    poses: list[Pose] = []
    for frame in figure.frames:
        here = BodyPosition(frame.position or (poses[-1].position if poses else position))
        if poses and here == poses[-1].position:
            angles, contacts = poses[-1].angles, poses[-1].contacts
        else:
            start = preset(here)
            angles = set_angles({}, start.angles)
            contacts = tuple(start.contacts.items())
        written = frame.written_angles()
        angles = set_angles(angles, written)
        fixed = frozenset(t for key in written for t in _targets(key))
        if poses and here == poses[-1].position:
            fixed |= poses[-1].fixed
        if (own := frame.written_contacts()) is not None:
            contacts = tuple(own.items())
        same = bool(poses) and here == poses[-1].position
        lean = float(frame.lean) if frame.lean is not None else (poses[-1].lean if same else 0.0)
        roll = float(frame.roll) if frame.roll is not None else (poses[-1].roll if same else 0.0)
        turn = float(frame.turn) if frame.turn is not None else (poses[-1].turn if same else 0.0)
        poses.append(Pose(here, angles, contacts, fixed, lean, roll, turn))
    return poses


class Part(NamedTuple):
    """A rounded, tapered piece of the body between two stations.

    Each station is a centre with half-sizes along two axes across the piece (`a` along
    `axis_a`, `b` along `axis_b`), so a trunk is wide from the front and slim from the side.
    """

    group: str
    p0: Vec
    p1: Vec
    a0: float
    b0: float
    a1: float
    b1: float
    axis_a: Vec
    axis_b: Vec


def piece(
    group: str,
    p0: Vec,
    p1: Vec,
    size0: tuple[float, float],
    size1: tuple[float, float],
    frame: Mat,
    across: str = "xz",
) -> Part:
    """A part whose cross-section lies along two of `frame`'s axes (`xz` for limbs)."""
    cols = {
        "x": (frame[0], frame[3], frame[6]),
        "y": (frame[1], frame[4], frame[7]),
        "z": (frame[2], frame[5], frame[8]),
    }
    return Part(group, p0, p1, *size0, *size1, cols[across[0]], cols[across[1]])


@dataclass
class Body:
    """A posed body: its parts and named landmarks (centre, radius), in one coordinate frame."""

    parts: list[Part] = field(default_factory=list)
    marks: dict[str, list[tuple[Vec, float]]] = field(default_factory=dict)
    details: dict[str, tuple[Vec, Mat]] = field(default_factory=dict)  # ears: point, frame
    outlines: dict[str, list[Vec]] = field(default_factory=dict)  # shoulder blades

    def transformed(self, m: Mat, shift: Vec = (0.0, 0.0, 0.0)) -> Body:
        """The body turned by `m` and then moved by `shift`."""

        def tp(v: Vec) -> Vec:
            return add(apply(m, v), shift)

        return Body(
            [
                Part(
                    p.group,
                    tp(p.p0),
                    tp(p.p1),
                    p.a0,
                    p.b0,
                    p.a1,
                    p.b1,
                    apply(m, p.axis_a),
                    apply(m, p.axis_b),
                )
                for p in self.parts
            ],
            {k: [(tp(c), r) for c, r in v] for k, v in self.marks.items()},
            {k: (tp(c), mul(m, f)) for k, (c, f) in self.details.items()},
            {k: [tp(c) for c in v] for k, v in self.outlines.items()},
        )

    def points(self, landmark: str) -> list[tuple[Vec, float]]:
        """The points (with radii) a landmark stands for; plurals give both sides."""
        return [p for name in expand_landmark(landmark) for p in self.marks[name]]

    def centre(self, landmark: str) -> Vec:
        """The mean position of a landmark's points."""
        pts = [c for c, _ in self.points(landmark)]
        return (
            sum(p[0] for p in pts) / len(pts),
            sum(p[1] for p in pts) / len(pts),
            sum(p[2] for p in pts) / len(pts),
        )

    def lowest(self, landmark: str) -> float:
        """The height of a landmark's lowest surface."""
        return min(c[1] - r for c, r in self.points(landmark))


def _spine(values: tuple[float, ...], extra_flexion: float = 0.0) -> Mat:
    flexion, side_bend_left, rotation_left = values
    return mul(
        mul(rot("z", -(flexion + extra_flexion)), rot("x", -side_bend_left)),
        rot("y", rotation_left),
    )


def build(pose: Pose) -> Body:
    """The body in its own frame (root at the middle of the hips, x front, y up, z right)."""
    s, g = SEGMENTS, pose.angles.get
    body = Body()
    parts, marks = body.parts, body.marks

    def angle(joint: str, side: str = "") -> tuple[float, ...]:
        return g((joint, side)) or _zero((joint, side))

    (tilt,) = angle("pelvis")  # anterior tilt positive
    pelvis = rot("z", -tilt)
    sacrum = apply(pelvis, (s.sacrum[0], s.sacrum[1], 0.0))
    # The low back bends in two halves, so an arch or a tuck curves it at the waist.
    half = _spine(tuple(v / 2 for v in angle("lumbar")), -tilt / 2)
    lower_back = mul(pelvis, half)
    l3 = at(sacrum, lower_back, (0, s.lumbar / 2, 0))
    lumbar = mul(lower_back, half)
    t12 = at(l3, lumbar, (0, s.lumbar / 2, 0))
    thorax = mul(lumbar, _spine(angle("thoracic")))
    c7 = at(t12, thorax, (0, s.thoracic, 0))
    neck = mul(thorax, _spine(angle("neck")))
    skull_base = at(c7, neck, (0.0, s.neck, 0))
    head = mul(neck, rot("z", -angle("head")[0]))
    head_c = at(skull_base, head, (0.045, s.head, 0))

    pelvis_c = apply(pelvis, (0.01, 0.03, 0))
    waist_c = at(l3, lower_back, (0.06, 0.005, 0))
    chest_lo = at(t12, thorax, (0.065, 0.04, 0))
    chest_hi = at(t12, thorax, (0.055, 0.17, 0))
    top = at(c7, thorax, (0.04, -0.035, 0))
    trunk = [
        (pelvis_c, 0.10, 0.16, pelvis),
        (waist_c, 0.085, 0.13, lower_back),
        (chest_lo, 0.10, 0.14, thorax),
        (chest_hi, 0.105, 0.155, thorax),
        (top, 0.065, 0.15, thorax),
    ]
    for (c0, a0, b0, f0), (c1, a1, b1, _) in itertools.pairwise(trunk):
        parts.append(piece("trunk", c0, c1, (a0, b0), (a1, b1), f0))
    parts.append(
        piece("trunk", at(c7, thorax, (0.03, 0, 0)), skull_base, (0.05, 0.05), (0.045, 0.045), neck)
    )
    cranium = at(head_c, head, (-0.015, 0.028, 0))
    face = at(head_c, head, (0.035, -0.025, 0))
    chin = at(head_c, head, (0.06, -0.085, 0))
    nose = at(head_c, head, (0.103, -0.012, 0))
    parts.append(piece("trunk", cranium, face, (0.102, 0.085), (0.075, 0.065), head))
    parts.append(piece("trunk", face, chin, (0.075, 0.065), (0.032, 0.04), head))
    parts.append(piece("trunk", face, nose, (0.075, 0.02), (0.014, 0.012), head))
    body.details["ear-left"] = (at(head_c, head, (-0.01, 0.0, -0.075)), head)
    body.details["ear-right"] = (at(head_c, head, (-0.01, 0.0, 0.075)), head)
    body.details["eye-left"] = (at(head_c, head, (0.07, 0.02, -0.035)), head)
    body.details["eye-right"] = (at(head_c, head, (0.07, 0.02, 0.035)), head)

    marks["head"] = [(head_c, 0.1)]
    marks["back-of-head"] = [(at(head_c, head, (-0.1, 0.02, 0)), 0.0)]
    marks["chin"] = [(at(head_c, head, (0.07, -0.09, 0)), 0.0)]
    marks["neck"] = [(at(c7, neck, (0.02, s.neck / 2, 0)), 0.05)]
    marks["chest"] = [(at(t12, thorax, (0.16, 0.12, 0)), 0.0)]
    marks["upper-back"] = [(at(t12, thorax, (-0.05, 0.16, 0)), 0.0)]
    marks["low-back"] = [(at(l3, lower_back, (-0.025, 0.005, 0)), 0.0)]
    for side, sign in SIDES:  # the sides of the waist, between the lowest rib and the pelvis
        marks[f"{side}-waist"] = [(at(l3, lower_back, (0.04, 0.0, sign * 0.13)), 0.0)]
    marks["pelvis"] = [
        (apply(pelvis, (-0.085, 0.0, 0)), 0.0),  # buttocks
        (apply(pelvis, (-0.05, -0.09, 0)), 0.0),  # sit bones
    ]
    marks["belly"] = [(apply(pelvis, (0.09, 0.07, 0)), 0.0)]
    # Joint centres for the body map (not landmarks editors name).
    marks["low-back-joint"] = [(l3, 0.0)]
    marks["mid-back-joint"] = [(at(t12, thorax, (0.0, s.thoracic * 0.45, 0)), 0.0)]

    for side, sign in SIDES:
        _arm(body, side, sign, angle, c7, thorax)
        _leg(body, side, sign, angle, pelvis)
    return body


def _arm(body: Body, side: str, sign: int, angle: Any, c7: Vec, thorax: Mat) -> None:
    s = SEGMENTS
    protraction, elevation = angle("shoulder-blade", side)
    clavicle = mul(thorax, mul(rot("y", sign * protraction), rot("x", -sign * elevation)))
    bx, by, bz = s.collarbone
    shoulder = at(c7, clavicle, (bx, by, sign * bz))
    flexion, abduction, internal, horizontal = angle("shoulder", side)
    # Horizontal adduction turns the whole arm about the trunk's long axis first, so an arm
    # abducted to 90° swings forwards with its rotation kept, as clinicians measure it.
    raised = mul(mul(rot("y", sign * horizontal), rot("z", flexion)), rot("x", -sign * abduction))
    arm = mul(thorax, mul(raised, rot("y", sign * internal)))
    elbow = at(shoulder, arm, (0, -s.upper_arm, 0))
    (elbow_flexion,) = angle("elbow", side)
    (pronation,) = angle("forearm", side)
    forearm = mul(arm, mul(rot("z", elbow_flexion), rot("y", sign * pronation)))
    wrist = at(elbow, forearm, (0, -s.forearm, 0))
    wrist_flexion, radial = angle("wrist", side)
    hand = mul(forearm, mul(rot("x", sign * wrist_flexion), rot("z", radial)))
    knuckles = at(wrist, hand, (0, -s.palm, 0))
    tips = at(wrist, hand, (0, -(s.palm + s.fingers), 0))
    thumb_base = at(wrist, hand, (0.018, -0.025, -sign * 0.008))
    thumb_tip = at(wrist, hand, (0.05, -0.085, -sign * 0.012))
    g = f"{side}-arm"
    body.parts += [
        piece(g, shoulder, elbow, (0.052, 0.05), (0.037, 0.037), arm),
        piece(g, elbow, wrist, (0.037, 0.037), (0.022, 0.03), forearm),
        piece(g, wrist, knuckles, (0.02, 0.032), (0.015, 0.042), hand, "zx"),
        piece(g, knuckles, tips, (0.014, 0.04), (0.009, 0.03), hand, "zx"),
        piece(g, thumb_base, thumb_tip, (0.016, 0.016), (0.009, 0.009), hand),
    ]
    body.marks[f"{side}-shoulder"] = [(shoulder, 0.05)]
    body.marks[f"{side}-blade-joint"] = [(at(c7, clavicle, (0.0, 0.0, sign * bz * 0.5)), 0.0)]
    # The shoulder blade on the back of the ribs, from T2 to T7: from its top inner corner
    # along the top edge to the shoulder, down the outer edge to the bottom corner and up the
    # inner edge. It turns with the collarbone, so retraction brings the inner edge towards
    # the spine and depression lowers it.
    body.outlines[f"{side}-blade"] = [
        at(c7, clavicle, (x, y, sign * z))
        for x, y, z in (
            (-0.045, -0.035, 0.06),
            (-0.035, -0.045, 0.09),
            (-0.022, -0.055, 0.125),
            (-0.016, -0.08, 0.132),
            (-0.036, -0.13, 0.11),
            (-0.058, -0.185, 0.085),
            (-0.058, -0.15, 0.068),
            (-0.055, -0.09, 0.058),
        )
    ]
    body.marks[f"{side}-wrist-joint"] = [(wrist, 0.0)]
    body.marks[f"{side}-elbow"] = [(elbow, 0.038)]
    body.marks[f"{side}-forearm"] = [
        (at(elbow, forearm, (0, -s.forearm * f, 0)), 0.033) for f in (0.1, 0.5, 0.9)
    ]
    body.marks[f"{side}-hand"] = [(at(wrist, hand, (0, -0.05, 0)), 0.018), (tips, 0.009)]


def _leg(body: Body, side: str, sign: int, angle: Any, pelvis: Mat) -> None:
    s = SEGMENTS
    hip = apply(pelvis, (0, 0, sign * s.hip_width))
    (tilt,) = angle("pelvis")
    flexion, abduction, internal = angle("hip", side)
    thigh = mul(
        pelvis,
        mul(mul(rot("z", flexion + tilt), rot("x", -sign * abduction)), rot("y", sign * internal)),
    )
    knee = at(hip, thigh, (0, -s.thigh, 0))
    (knee_flexion,) = angle("knee", side)
    shank = mul(thigh, rot("z", -knee_flexion))
    ankle = at(knee, shank, (0, -s.shank, 0))
    calf = at(knee, shank, (-0.012, -0.13, 0))
    dorsiflexion, inversion = angle("ankle", side)
    foot = mul(shank, mul(rot("z", dorsiflexion), rot("x", sign * inversion)))
    heel_sole = at(ankle, foot, (-s.heel, -s.ankle_height, 0))
    ball_sole = at(ankle, foot, (s.ball, -s.ankle_height, 0))
    (toe_extension,) = angle("toes", side)
    toes = mul(foot, rot("z", toe_extension))
    tip_sole = at(ball_sole, toes, (s.toes, 0.0, 0))
    heel_c = at(ankle, foot, (-s.heel + 0.025, -s.ankle_height + 0.03, 0))
    ball_c = at(ball_sole, foot, (0, 0.021, 0))
    tip_c = at(tip_sole, toes, (-0.008, 0.011, 0))
    g = f"{side}-leg"
    body.parts += [
        piece(g, hip, knee, (0.085, 0.085), (0.052, 0.052), thigh),
        piece(g, knee, calf, (0.05, 0.05), (0.056, 0.054), shank),
        piece(g, calf, ankle, (0.056, 0.054), (0.032, 0.032), shank),
        piece(g, ankle, heel_c, (0.034, 0.03), (0.03, 0.03), foot, "yz"),
        piece(g, ankle, ball_c, (0.034, 0.03), (0.021, 0.046), foot, "yz"),
        piece(g, heel_c, ball_c, (0.03, 0.03), (0.021, 0.046), foot, "yz"),
        piece(g, ball_c, tip_c, (0.021, 0.046), (0.011, 0.036), toes, "yz"),
    ]
    body.marks[f"{side}-hip"] = [(hip, 0.09)]
    body.marks[f"{side}-ankle-joint"] = [(ankle, 0.0)]
    body.marks[f"{side}-thigh"] = [(at(hip, thigh, (0, -s.thigh * f, 0)), 0.07) for f in (0.3, 0.7)]
    body.marks[f"{side}-knee"] = [(knee, 0.05)]
    body.marks[f"{side}-shin"] = [
        (at(knee, shank, (0, -s.shank * f, 0)), 0.045) for f in (0.2, 0.8)
    ]
    body.marks[f"{side}-heel"] = [(heel_sole, 0.0)]
    body.marks[f"{side}-foot"] = [(heel_sole, 0.0), (ball_sole, 0.0)]
    body.marks[f"{side}-toes"] = [(ball_sole, 0.0), (tip_sole, 0.0)]


@dataclass(frozen=True)
class Placed:
    """A body in the world: turned, tipped and lifted onto its contacts."""

    body: Body
    pitch: float
    contacts: tuple[tuple[str, str], ...]
    shift: Vec = (0.0, 0.0, 0.0)


def place(pose: Pose, anchor: Vec | None = None) -> Placed:
    """Put a posed body into the world so its contacts touch their surfaces.

    With two or more contacts on surfaces of fixed height, a lying or all-fours body is
    tipped about the side-to-side axis (the smallest tip within 45° that works) until the
    first and the last of them touch; then it is lifted so the first does. The first
    contact is moved to `anchor`'s x (frames of one figure line up on it), or to x = 0.
    A whole foot on a surface stands flat on it: its ankle is turned until the sole is level
    (within the ankle's range), unless the frame set that ankle itself.
    """
    local = build(pose)
    m, shift, pitch = _fit(local, pose, anchor)
    feet = [
        f
        for mark, _ in pose.contacts
        if mark in ("feet", "left-foot", "right-foot")
        for f in expand_landmark(mark)
        if ("ankle", f.removesuffix("-foot")) not in pose.fixed
    ]
    if feet:
        angles = dict(pose.angles)
        for foot in feet:
            side = foot.removesuffix("-foot")
            (heel, _), (ball, _) = ((apply(m, c), r) for c, r in local.marks[foot])
            level = math.hypot(ball[0] - heel[0], ball[2] - heel[2])
            rise = math.degrees(math.atan2(ball[1] - heel[1], level))
            dorsi, inversion = angles.get(("ankle", side), (0.0, 0.0))
            angles[("ankle", side)] = (max(-55.0, min(35.0, dorsi - rise)), inversion)
        pose = dataclasses.replace(pose, angles=angles)
        local = build(pose)
        m, shift, pitch = _fit(local, pose, anchor)
    return Placed(local.transformed(m, shift), pitch, pose.contacts, shift)


def _fit(local: Body, pose: Pose, anchor: Vec | None) -> tuple[Mat, Vec, float]:
    """The turn, the shift and the tip (degrees) that put `local` onto its contacts."""
    orientation = ORIENTATIONS[preset(pose.position).orientation]

    def points(body_mat: Mat, landmark: str) -> list[tuple[Vec, float]]:
        return [(apply(body_mat, c), r) for c, r in local.points(landmark)]

    fixed = [(m, h) for m, surf in pose.contacts if (h := SURFACES[surf]) is not None]
    pitch = 0.0
    if len(fixed) >= 2 and preset(pose.position).tip:
        (first, h0), (last, h1) = fixed[0], fixed[-1]
        pitch = _solve_pitch(points(orientation, first), h0, points(orientation, last), h1)
    m = world_turn(pose, pitch)
    if fixed:
        lift = fixed[0][1] - min(c[1] - r for c, r in points(m, fixed[0][0]))
    else:
        lift = -min(apply(m, c)[1] - r for c, r in all_points(local))
    key = pose.contacts[0][0] if pose.contacts else "pelvis"
    anchored = points(m, key)
    x = sum(c[0] for c, _ in anchored) / len(anchored)
    if anchor is None:
        return m, (-x, lift, 0.0), pitch
    z = sum(c[2] for c, _ in anchored) / len(anchored)
    return m, (anchor[0] - x, lift, anchor[2] - z), pitch


def world_turn(pose: Pose, pitch: float) -> Mat:
    """How a posed body is turned into the world: its position's orientation, then the
    tip and lean (about the side-to-side axis), the roll, and last the turn about the
    vertical, so a turned figure keeps its roll and lean as seen from its own front."""
    orientation = ORIENTATIONS[preset(pose.position).orientation]
    tipped = mul(mul(rot("x", pose.roll), rot("z", pitch - pose.lean)), orientation)
    return mul(rot("y", -pose.turn), tipped)


def place_all(poses: list[Pose]) -> tuple[Placed, ...]:
    """Every frame placed, lined up on the first frame's first contact."""
    placed: list[Placed] = []
    anchor: Vec | None = None
    for pose in poses:
        done = place(pose, anchor)
        if anchor is None and pose.contacts:
            anchor = done.body.centre(pose.contacts[0][0])
        placed.append(done)
    return tuple(placed)


Points = list[tuple[Vec, float]]


def _solve_pitch(p0: Points, h0: float, p1: Points, h1: float) -> float:
    """The smallest tip (degrees) that lets both groups of points touch their surfaces."""

    def gap(deg: float) -> float:
        c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
        low0 = min(p[0] * s + p[1] * c - r for p, r in p0)
        low1 = min(p[0] * s + p[1] * c - r for p, r in p1)
        return (low0 - h0) - (low1 - h1)

    values = {d: gap(d) for d in range(-45, 46, 3)}
    brackets = [
        (a, a + 3) for a in range(-45, 45, 3) if values[a] == 0 or values[a] * values[a + 3] < 0
    ]
    if not brackets:
        return float(min(values, key=lambda d: (abs(values[d]), abs(d))))
    lo, hi = min(brackets, key=lambda b: min(abs(b[0]), abs(b[1])))
    g_lo = values[lo]
    a, b = float(lo), float(hi)
    for _ in range(16):
        mid = (a + b) / 2
        g_mid = gap(mid)
        if g_lo * g_mid <= 0:
            b = mid
        else:
            a, g_lo = mid, g_mid
    return round((a + b) / 2, 3)


def trajectory(
    a: Pose, b: Pose, start: Placed, end: Placed, landmark: str, steps: int = 6
) -> list[Vec]:
    """Where a landmark goes as the body moves from pose `a` to pose `b`.

    The joint angles, the tip and the shift are interpolated between the two placed frames,
    so the path is smooth and starts and ends where the frames are drawn.
    """
    path: list[Vec] = []
    for i in range(steps + 1):
        t = i / steps
        pose = a.blend(b, t)
        local = build(pose)
        pitch = start.pitch + (end.pitch - start.pitch) * t
        m = world_turn(pose, pitch)
        shift = tuple(s0 + (s1 - s0) * t for s0, s1 in zip(start.shift, end.shift, strict=True))
        pts = [add(apply(m, c), shift) for c, _ in local.points(landmark)]  # type: ignore[arg-type]
        path.append(tuple(sum(p[k] for p in pts) / len(pts) for k in range(3)))  # type: ignore[arg-type]
    return path


def all_points(body: Body) -> Iterable[tuple[Vec, float]]:
    """Every landmark point with its radius."""
    for marks in body.marks.values():
        yield from marks
