"""Drawing: placed bodies and props to one small, deterministic SVG.

Each body part is the hull of two circles whose radii come from the part's cross-section as
seen from the view, so a trunk is broad from the front and slim from the side. Each limb and
the trunk is drawn as one layer, far layers first: all outlines of a layer under all its
fills, so a layer reads as one smooth shape with one outline, and the layer in front draws
its outline over the one behind. Limbs behind the trunk take a lighter colour.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.figures.body import SURFACES, expand_landmark
from generator.figures.kinematics import Body, Part, Placed, Pose, Vec, place_all, trajectory
from generator.figures.pose import Direction, Figure, Layout, View


def _renderer_version() -> str:
    """A hash of the renderer's own source: any change to how figures are drawn makes every
    cached drawing stale, without anyone having to remember to bump a number."""
    folder = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("body.py", "pose.py", "kinematics.py", "draw.py"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


RENDERER_VERSION = _renderer_version()

INK = "#163a46"  # outlines of the near body
NEAR = "#4f97ab"
FAR = "#a9cbd6"
FAR_INK = "#4d7381"
GHOST = "#dbe7eb"
GHOST_INK = "#a7bfc7"
PROP = "#e7e2d8"
PROP_INK = "#8a8272"
MAT = "#dcebe4"
MAT_INK = "#7f9c90"
ARROW = "#c8410b"
BAND = "#2f8f46"
TOWEL = "#d9b98c"
_MARGIN = 0.08  # metres around a full-body panel
# Frame numbers drawn as strokes (in units of the badge's radius), not as text: a figure
# carries no words, so nothing in it depends on a font or counts as small print.
DIGITS: dict[int, tuple[tuple[tuple[float, float], ...], ...]] = {
    1: (((-0.2, -0.35), (0.05, -0.55), (0.05, 0.55)),),
    2: (
        (
            (-0.35, -0.3),
            (-0.2, -0.5),
            (0.05, -0.55),
            (0.3, -0.45),
            (0.35, -0.2),
            (0.2, 0.05),
            (-0.35, 0.55),
            (0.4, 0.55),
        ),
    ),
    3: (
        (
            (-0.35, -0.45),
            (0.05, -0.55),
            (0.32, -0.4),
            (0.3, -0.1),
            (0.0, 0.0),
            (0.32, 0.12),
            (0.35, 0.38),
            (0.05, 0.55),
            (-0.35, 0.45),
        ),
    ),
}
HEIGHT_PX = 240  # intrinsic height of every figure; close-ups are therefore enlarged


@dataclass(frozen=True)
class Camera:
    """A view: the world directions of the picture's right, up and towards the viewer."""

    right: Vec
    up: Vec
    toward: Vec

    def project(self, p: Vec) -> tuple[float, float]:
        """Picture coordinates in metres, y pointing down as in SVG."""
        return (_dot(p, self.right), -_dot(p, self.up))

    def depth(self, p: Vec) -> float:
        return _dot(p, self.toward)

    def order(self, p: Vec) -> float:
        """Depth for drawing order: level with the floor, except when seen from above."""
        t = self.toward
        if t[1] > 0.5:
            return _dot(p, t)
        n = math.hypot(t[0], t[2])
        return (p[0] * t[0] + p[2] * t[2]) / n


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _camera(view: View) -> Camera:
    if view is View.FRONT:
        return Camera((0, 0, -1), (0, 1, 0), (1, 0, 0))
    if view is View.BACK:
        return Camera((0, 0, 1), (0, 1, 0), (-1, 0, 0))
    if view is View.TOP:  # from above, tilted towards the viewer so bodies keep their depth
        el = math.radians(62)
        return Camera((1, 0, 0), (0, math.cos(el), -math.sin(el)), (0, math.sin(el), math.cos(el)))
    if view is View.THREE_QUARTER:
        az, el = math.radians(35), math.radians(18)
        toward = (math.sin(az) * math.cos(el), math.sin(el), math.cos(az) * math.cos(el))
        right = _unit((toward[2], 0.0, -toward[0]))  # up × toward
        up = _cross(toward, right)
        return Camera(right, up, toward)
    return Camera((1, 0, 0), (0, 1, 0), (0, 0, 1))


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _unit(v: Vec) -> Vec:
    n = math.sqrt(_dot(v, v))
    return (v[0] / n, v[1] / n, v[2] / n)


@dataclass
class Shape:
    """Something to draw, in picture metres: a capsule, circle or polygon."""

    kind: str
    data: tuple[float, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        if self.kind == "capsule":
            x0, y0, r0, x1, y1, r1 = self.data
            return (
                min(x0 - r0, x1 - r1),
                min(y0 - r0, y1 - r1),
                max(x0 + r0, x1 + r1),
                max(y0 + r0, y1 + r1),
            )
        if self.kind == "circle":
            x, y, r = self.data
            return (x - r, y - r, x + r, y + r)
        xs, ys = self.data[0::2], self.data[1::2]
        return (min(xs), min(ys), max(xs), max(ys))


@dataclass
class Layer:
    """Shapes drawn as one outlined silhouette."""

    shapes: list[Shape]
    fill: str
    ink: str
    width: float = 1.0  # outline width, as a share of the standard
    depth: float = -1e9  # drawing order, far first; big props (mat, wall) stay at the back


@dataclass
class Line:
    """A stroke: a band, a towel held between two hands, or an arrow's shaft and head."""

    points: list[tuple[float, float]]
    colour: str
    width: float
    head: bool = False


@dataclass
class Panel:
    """One frame's drawing."""

    layers: list[Layer] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    dots: list[tuple[float, float, float, str]] = field(default_factory=list)
    floor: float | None = None
    badge: int | None = None
    crop: tuple[float, float, float, float] | None = None

    def bounds(self) -> tuple[float, float, float, float]:
        if self.crop is not None:
            return self.crop
        boxes = [s.bounds() for layer in self.layers for s in layer.shapes]
        boxes += [(x, y, x, y) for line in self.lines for x, y in line.points]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def _support(part: Part, station: int, direction: Vec) -> float:
    """Half the part's width at a station, measured across the picture along `direction`."""
    a, b = (part.a0, part.b0) if station == 0 else (part.a1, part.b1)
    return math.hypot(a * _dot(direction, part.axis_a), b * _dot(direction, part.axis_b))


def _part_shape(part: Part, cam: Camera) -> Shape:
    (x0, y0), (x1, y1) = cam.project(part.p0), cam.project(part.p1)
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 1e-4:
        r = max(_support(part, 0, cam.right), _support(part, 0, cam.up))
        return Shape("circle", (x0, y0, r))
    nx, ny = -dy / length, dx / length  # across the part, in the picture (y down)
    across = tuple(cam.right[i] * nx - cam.up[i] * ny for i in range(3))
    r0, r1 = _support(part, 0, across), _support(part, 1, across)  # type: ignore[arg-type]
    return Shape("capsule", (x0, y0, r0, x1, y1, r1))


def _body_layers(body: Body, cam: Camera, ghost: bool) -> list[Layer]:
    groups: dict[str, list[Part]] = {}
    for part in body.parts:
        groups.setdefault(part.group, []).append(part)

    def depth(parts: list[Part]) -> float:
        return sum(cam.order(p.p0) + cam.order(p.p1) for p in parts) / (2 * len(parts))

    def far(name: str) -> bool:
        """A limb whose root (shoulder or hip) is clearly behind its partner's, unless the
        limb as a whole is clearly in front of its partner (a front leg seen from above)."""
        if name == "trunk":
            return False
        side, limb = name.split("-")
        other = "right" if side == "left" else "left"
        root = "shoulder" if limb == "arm" else "hip"
        mine, theirs = body.centre(f"{side}-{root}"), body.centre(f"{other}-{root}")
        in_front = depth(groups[name]) > depth(groups[f"{other}-{limb}"]) + 0.05
        return cam.order(mine) < cam.order(theirs) - 0.05 and not in_front

    layers = []

    def height(parts: list[Part]) -> float:
        return sum(p.p0[1] + p.p1[1] for p in parts)

    for name in sorted(groups, key=lambda g: (round(depth(groups[g]), 2), height(groups[g]), g)):
        shapes = [_part_shape(p, cam) for p in groups[name]]
        at = depth(groups[name])
        if ghost:
            layers.append(Layer(shapes, GHOST, GHOST_INK, 0.8, at))
        elif far(name):
            layers.append(Layer(shapes, FAR, FAR_INK, depth=at))
        else:
            layers.append(Layer(shapes, NEAR, INK, depth=at))
    if ghost:  # one faded silhouette, behind everything else
        return [Layer([s for layer in layers for s in layer.shapes], GHOST, GHOST_INK, 0.8)]
    trunk = depth(groups["trunk"])
    return layers + [Layer([blade], NEAR, INK, 0.6, trunk + 0.001) for blade in _blades(body, cam)]


def _blades(body: Body, cam: Camera) -> list[Shape]:
    """The shoulder blades, outlined on the back when the back faces the viewer squarely
    (within about 25°): at more of a slant the flat outline pokes past the rounded back."""
    chest, back = body.centre("chest"), body.centre("upper-back")
    facing = _dot(_unit((back[0] - chest[0], back[1] - chest[1], back[2] - chest[2])), cam.toward)
    if facing < 0.9:
        return []
    shapes = []
    for side in ("left", "right"):
        points = [cam.project(p) for p in body.outlines[f"{side}-blade"]]
        shapes.append(Shape("polygon", tuple(v for p in points for v in p)))
    return shapes


def _face(body: Body, cam: Camera) -> list[tuple[float, float, float, str]]:
    """An eye on each side of the face that can be seen from this view."""
    head = body.centre("head")
    dots = []
    for side in ("left", "right"):
        eye, _ = body.details[f"eye-{side}"]
        if cam.depth(eye) >= cam.depth(head) - 0.005:
            x, y = cam.project(eye)
            dots.append((x, y, 0.011, INK))
    return dots


# Props as boxes (centre, half-sizes) in the world, so every view draws them the same way.
Box = tuple[Vec, Vec]


def _box_shape(box: Box, cam: Camera) -> Shape:
    (cx, cy, cz), (hx, hy, hz) = box
    corners = [
        cam.project((cx + sx * hx, cy + sy * hy, cz + sz * hz))
        for sx in (-1, 1)
        for sy in (-1, 1)
        for sz in (-1, 1)
    ]
    hull = _hull(corners)
    return Shape("polygon", tuple(v for p in hull for v in p))


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Convex hull (monotone chain), counter-clockwise, without repeated points."""
    pts = sorted(set((round(x, 6), round(y, 6)) for x, y in points))
    if len(pts) <= 2:
        return pts

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _body_extent(body: Body) -> tuple[float, float, float, float]:
    """x from, x to, z middle and the body's centre x, over the parts near the floor."""
    xs = [p[0] for part in body.parts for p in (part.p0, part.p1)]
    zs = [p[2] for part in body.parts for p in (part.p0, part.p1)]
    return min(xs), max(xs), (min(zs) + max(zs)) / 2, sum(xs) / len(xs)


def wall_face(body: Body, landmark: str) -> tuple[int, float, int]:
    """Where a wall touching `landmark` stands: the axis across it (0: x, the wall in front
    or behind; 2: z, the wall beside), its face on that axis, and which way it lies (+1 or
    -1). It stands beyond the body part, on the side away from the body's middle."""
    points = body.points(landmark)
    _, _, z_mid, x_mid = _body_extent(body)
    cx, _, cz = body.centre(landmark)
    axis = 2 if abs(cz - z_mid) > abs(cx - x_mid) else 0
    middle = z_mid if axis == 2 else x_mid
    toward = 1 if (cz if axis == 2 else cx) >= middle else -1
    if toward > 0:
        return axis, max(c[axis] + r for c, r in points), toward
    return axis, min(c[axis] - r for c, r in points), toward


def _prop_boxes(kind: str, body: Body, landmark: str | None, top: float) -> list[Box]:
    """The boxes a prop is drawn with, placed against the body."""
    x_lo, x_hi, z_mid, _ = _body_extent(body)
    if kind == "mat":  # 64 cm wide, or wider where the body lies across it (a turned figure)
        lying = [p[2] for part in body.parts for p in (part.p0, part.p1) if p[1] < 0.15]
        z_lo, z_hi = min(lying, default=z_mid), max(lying, default=z_mid)
        half = max(0.32, 0.5 * (z_hi - z_lo) + 0.08)
        z_mid = 0.5 * (z_lo + z_hi) if half > 0.32 else z_mid
        return [((0.5 * (x_lo + x_hi), -0.006, z_mid), (0.5 * (x_hi - x_lo) + 0.1, 0.006, half))]
    if landmark is None:
        return []
    (cx, cy, cz) = body.centre(landmark)
    low = body.lowest(landmark)
    if kind in ("wall", "door-frame"):
        axis, face, toward = wall_face(body, landmark)
        at = face + toward * 0.04
        # As tall as the picture needs: a little above the body, not a whole storey.
        h = 0.5 * max(1.0, top + 0.25)
        if axis == 2:  # beside the body: a wall along it
            mid, half = 0.5 * (x_lo + x_hi), 0.5 * (x_hi - x_lo) + 0.3
            if kind == "wall":
                return [((mid, h, at), (half, h, 0.04))]
            return [((mid + x, h, at), (0.05, h, 0.04)) for x in (-0.5, 0.5)]
        if kind == "wall":
            return [((at, h, z_mid), (0.04, h, 0.7))]
        return [((at, h, z_mid + z), (0.04, h, 0.05)) for z in (-0.5, 0.5)]
    if kind == "chair":
        if landmark.endswith(("hand", "hands")):  # holding the back of a chair in front
            top = cy
            seat = top * 0.5
            back_x, seat_x = cx, cx + 0.22
        else:
            seat = low
            back_x, seat_x = cx - 0.24, cx - 0.02
            top = seat + 0.45
        legs = [
            ((seat_x + dx, (seat - 0.025) / 2, cz + dz), (0.018, (seat - 0.025) / 2, 0.018))
            for dx in (-0.2, 0.2)
            for dz in (-0.2, 0.2)
        ]
        return [
            *legs,
            ((seat_x, seat - 0.0125, cz), (0.22, 0.0125, 0.22)),
            ((back_x, (seat + top) / 2, cz), (0.02, (top - seat) / 2, 0.2)),
        ]
    if kind == "table":  # its front edge at the body part, reaching away from the body
        toward = 1 if cx >= _body_extent(body)[3] else -1
        front = cx + toward * 0.03
        mid = front + toward * 0.3
        top = low
        return [
            ((mid, top - 0.02, cz), (0.3, 0.02, 0.45)),
            ((mid, (top - 0.04) / 2, cz), (0.28, (top - 0.04) / 2, 0.42)),
        ]
    if kind == "step":
        return [((cx + 0.12, 0.09, cz), (0.17, 0.09, 0.3))]
    if kind == "cushion":
        return [((cx, low - 0.035, cz), (0.16, 0.035, 0.2))]
    return []  # round props (ball, foam roller, rolled towel): see _round_prop


ROUND = {"ball": 0.0325, "foam-roller": 0.075, "towel": 0.02}  # radius (m)
UNDER = 0.15  # a prop under a body part is drawn before (behind) the part at its depth


def _round_prop(kind: str, body: Body, landmark: str, cam: Camera) -> tuple[Shape, float]:
    """A ball, a foam roller or a rolled towel under a body part, and its drawing depth.

    It lies on the floor under the part, or under the part resting on it."""
    cx, _, cz = body.centre(landmark)
    r = ROUND[kind]
    y = max(r, body.lowest(landmark) - r)
    if kind == "ball":
        x, y2 = cam.project((cx, y, cz))
        return Shape("circle", (x, y2, r)), cam.order((cx, y, cz)) - UNDER
    half = 0.4 if kind == "foam-roller" else 0.15
    z_mid = _body_extent(body)[2] if kind == "foam-roller" else cz
    part = Part(
        "prop", (cx, y, z_mid - half), (cx, y, z_mid + half), r, r, r, r, (1, 0, 0), (0, 1, 0)
    )
    return _part_shape(part, cam), cam.order((cx, y, z_mid)) - UNDER


def _prop_layers(
    figure: Figure, pose: Pose, body: Body, cam: Camera, equipment: Iterable[str], top: float
) -> tuple[list[Layer], list[Line]]:
    """The props of one frame; `top` is the highest point of the body in any frame."""
    wanted: list[tuple[str, str | None, list[str] | None]] = []  # prop, at, between
    for mark, surface in pose.contacts:
        if surface != "floor":
            wanted.append((surface, mark, None))
    props = figure.props
    if props is None:
        props = []
        if "mat" in equipment and pose.position.value not in ("standing", "sitting"):
            wanted.insert(0, ("mat", None, None))
    for prop in props:
        wanted.append((prop.prop, prop.at, prop.between))
    layers, lines = [], []
    for kind, landmark, between in wanted:
        if between is not None:
            a, b = (cam.project(body.centre(x)) for x in between)
            colour, width = (BAND, 0.022) if kind == "band" else (TOWEL, 0.035)
            lines.append(Line([a, b], colour, width))
            continue
        if kind in ROUND and landmark is not None:
            shape, depth = _round_prop(kind, body, landmark, cam)
            fill = TOWEL if kind == "towel" else PROP
            layers.append(Layer([shape], fill, PROP_INK, 0.7, depth))
            continue
        boxes = _prop_boxes(kind, body, landmark, top)
        if boxes:
            fill, ink = (MAT, MAT_INK) if kind == "mat" else (PROP, PROP_INK)
            layers.append(Layer([_box_shape(b, cam) for b in boxes], fill, ink, 0.7))
    return layers, lines


def _arrow(points: list[tuple[float, float]], min_length: float) -> Line | None:
    """An arrow along `points`, stretched to at least `min_length`."""
    length = sum(math.dist(a, b) for a, b in itertools.pairwise(points))
    if length < 1e-3:
        return None
    if length < min_length:
        (x0, y0), (x1, y1) = points[0], points[-1]
        dx, dy = (x1 - x0) / length, (y1 - y0) / length
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        half = min_length / 2
        points = [(mx - dx * half, my - dy * half), (mx + dx * half, my + dy * half)]
    return Line(points, ARROW, 0.016, head=True)


def _offset(
    points: list[tuple[float, float]], away: tuple[float, float], distance: float
) -> list[tuple[float, float]]:
    """The path moved sideways by `distance`, to the side away from `away`."""
    (x0, y0), (x1, y1) = points[0], points[-1]
    dx, dy = x1 - x0, y1 - y0
    n = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / n, dx / n
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    if (mx - away[0]) * nx + (my - away[1]) * ny < 0:
        nx, ny = -nx, -ny
    return [(x + nx * distance, y + ny * distance) for x, y in points]


@dataclass(frozen=True)
class Drawing:
    """A finished figure: its SVG text and the placed bodies (for checks and the lint)."""

    svg: str
    placed: tuple[Placed, ...]


def draw(
    figure: Figure,
    poses: list[Pose],
    equipment: Iterable[str] = (),
    placed_frames: tuple[Placed, ...] | None = None,
) -> Drawing:
    """Draw the figure's frames as one SVG (placing them, unless given already placed)."""
    cam = _camera(figure.view)
    equipment = list(equipment)
    placed = list(placed_frames if placed_frames is not None else place_all(poses))
    anchor = placed[0].body.centre(poses[0].contacts[0][0]) if poses[0].contacts else None
    top = max(p[1] for done in placed for part in done.body.parts for p in (part.p0, part.p1))
    panels = []
    for i, (pose, where) in enumerate(zip(poses, placed, strict=True)):
        if figure.layout is Layout.OVERLAY and i not in (len(poses) - 1,):
            continue
        panel = Panel(floor=0.0 if figure.view is not View.TOP else None)
        prop_layers, prop_lines = _prop_layers(figure, pose, where.body, cam, equipment, top)
        if figure.layout is Layout.OVERLAY and len(poses) > 1:
            prop_layers += _body_layers(placed[0].body, cam, ghost=True)
        layers = prop_layers + _body_layers(where.body, cam, ghost=False)
        panel.layers += sorted(layers, key=lambda layer: layer.depth)  # stable: props first
        panel.dots += _face(where.body, cam)
        panel.lines += prop_lines
        if figure.layout is Layout.SEQUENCE and len(poses) > 1:
            panel.badge = i + 1
        if figure.close_up is not None:
            x, y = cam.project(where.body.centre(figure.close_up))
            half = _crop_size(figure.close_up)
            # Lifted to show little below the floor, but never above the part's own lowest
            # point: seen at a slant, a foot near the viewer is drawn below the floor line.
            lowest = max(cam.project(c)[1] + r for c, r in where.body.points(figure.close_up))
            keep = max(0.04, lowest + 0.03)
            lift = 0.0 if panel.floor is None else max(0.0, y + 0.8 * half - keep)
            panel.crop = (x - half, y - 0.8 * half - lift, x + half, y + 0.8 * half - lift)
        panels.append(panel)
    _add_arrows(figure, poses, placed, panels, cam, anchor)
    return Drawing(_svg(panels, figure.close_up is not None), tuple(placed))


def _add_arrows(
    figure: Figure,
    poses: list[Pose],
    placed: list[Placed],
    panels: list[Panel],
    cam: Camera,
    anchor: Vec | None,
) -> None:
    scale = 0.8 if figure.close_up is not None else 1.8
    for arrow in figure.arrows:
        if arrow.path is not None:
            for i in range(1, len(poses)):
                path = trajectory(poses[i - 1], poses[i], placed[i - 1], placed[i], arrow.path)
                # The samples skip the feet's levelling: bend the path onto the drawn frames.
                start = placed[i - 1].body.centre(arrow.path)
                end = placed[i].body.centre(arrow.path)
                n = len(path) - 1
                path = [
                    tuple(
                        p[k]
                        + (start[k] - path[0][k]) * (1 - j / n)
                        + (end[k] - path[-1][k]) * j / n
                        for k in range(3)
                    )
                    for j, p in enumerate(path)
                ]
                pts = [cam.project(p) for p in path]
                centre = cam.project(placed[i].body.centre("pelvis"))
                line = _arrow(_offset(pts, centre, 0.05 * scale / 1.8), 0.12 * scale / 1.8)
                panel = panels[i if figure.layout is Layout.SEQUENCE else 0]
                if line is not None and (figure.layout is Layout.SEQUENCE or i == len(poses) - 1):
                    panel.lines.append(line)
        elif arrow.at is not None and arrow.direction is not None:
            index = (arrow.frame or len(poses)) - 1
            if figure.layout is Layout.OVERLAY:
                panel, where = panels[0], placed[-1]
            else:
                panel, where = panels[index], placed[index]
            x, y = cam.project(where.body.centre(arrow.at))
            gap, size = 0.07 * scale / 1.8, 0.16 * scale / 1.8
            if arrow.direction is Direction.AROUND:
                # Most of an ellipse round the part, from its top, ending in the head.
                turn = [math.radians(a) for a in range(-60, 241, 20)]
                points = [(x + gap * 1.6 * math.cos(a), y - gap * 1.2 * math.sin(a)) for a in turn]
            else:
                dx, dy = {
                    Direction.UP: (0, -1),
                    Direction.DOWN: (0, 1),
                    Direction.LEFT: (-1, 0),
                    Direction.RIGHT: (1, 0),
                }[arrow.direction]
                start = (x + dx * gap, y + dy * gap)
                points = [start, (start[0] + dx * size, start[1] + dy * size)]
            line = _arrow(points, size)
            if line is not None:
                panel.lines.append(line)


def _crop_size(landmark: str) -> float:
    """Half the width (m) of a close-up: small for a hand or a foot, larger for the trunk."""
    if landmark.endswith(("hand", "hands", "foot", "feet", "toes", "heel", "heels")):
        return 0.2
    if landmark in ("head", "chin", "neck", "back-of-head"):
        return 0.26
    return 0.34


def _n(v: float) -> str:
    """A number in centimetres with at most one decimal: short, and the same on every run."""
    text = f"{v * 100:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _capsule_path(x0: float, y0: float, r0: float, x1: float, y1: float, r1: float) -> str:
    d = math.hypot(x1 - x0, y1 - y0)
    if d <= abs(r0 - r1) + 1e-6:
        x, y, r = (x0, y0, r0) if r0 >= r1 else (x1, y1, r1)
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    phi = math.atan2(y1 - y0, x1 - x0)
    alpha = math.acos(max(-1.0, min(1.0, (r0 - r1) / d)))

    def pt(x: float, y: float, r: float, ang: float) -> str:
        return f"{_n(x + r * math.cos(ang))} {_n(y + r * math.sin(ang))}"

    large1 = 1 if r0 < r1 else 0
    large0 = 1 - large1
    return (
        f'<path d="M{pt(x0, y0, r0, phi + alpha)}L{pt(x1, y1, r1, phi + alpha)}'
        f"A{_n(r1)} {_n(r1)} 0 {large1} 0 {pt(x1, y1, r1, phi - alpha)}"
        f"L{pt(x0, y0, r0, phi - alpha)}A{_n(r0)} {_n(r0)} 0 {large0} 0 "
        f'{pt(x0, y0, r0, phi + alpha)}Z"/>'
    )


def _shape_svg(shape: Shape) -> str:
    if shape.kind == "capsule":
        return _capsule_path(*shape.data)
    if shape.kind == "circle":
        x, y, r = shape.data
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'
    pts = " ".join(
        f"{_n(x)},{_n(y)}" for x, y in zip(shape.data[0::2], shape.data[1::2], strict=True)
    )
    return f'<polygon points="{pts}"/>'


def _smooth(pts: list[tuple[float, float]]) -> str:
    """A path through the points: straight for two, a smooth curve (Catmull-Rom as cubic
    Béziers) for more, so a movement arrow reads as one sweep, not a polygon."""
    if len(pts) < 3:
        return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in pts)
    d = [f"M{_n(pts[0][0])} {_n(pts[0][1])}"]
    for i in range(len(pts) - 1):
        p0, p1, p2 = pts[max(i - 1, 0)], pts[i], pts[i + 1]
        p3 = pts[min(i + 2, len(pts) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        d.append(f"C{_n(c1[0])} {_n(c1[1])} {_n(c2[0])} {_n(c2[1])} {_n(p2[0])} {_n(p2[1])}")
    return "".join(d)


def _line_svg(line: Line, stroke: float) -> str:
    pts = list(line.points)
    out = []
    width = line.width * stroke
    if line.head:
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        ang = math.atan2(y1 - y0, x1 - x0)
        head = width * 3.2
        bx, by = x1 - head * math.cos(ang), y1 - head * math.sin(ang)
        pts[-1] = (bx, by)
        left = (bx + head * 0.55 * math.sin(ang), by - head * 0.55 * math.cos(ang))
        right = (bx - head * 0.55 * math.sin(ang), by + head * 0.55 * math.cos(ang))
        tip = (x1, y1)
        out.append(
            f'<polygon points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in (tip, left, right))}" '
            f'fill="{line.colour}"/>'
        )
    out.insert(
        0,
        f'<path d="{_smooth(pts)}" fill="none" stroke="{line.colour}" '
        f'stroke-width="{_n(width)}" stroke-linecap="round" stroke-linejoin="round"/>',
    )
    return "".join(out)


def draw_body(
    figure: Figure, placed: Placed, prefix: str
) -> tuple[str, Callable[[Vec], tuple[str, str]]]:
    """One placed body as SVG without its closing tag, so the caller can add marks on top,
    and a function giving a point's position in the drawing as printed there."""
    cam = _camera(figure.view)
    panel = Panel(floor=None)
    panel.layers += _body_layers(placed.body, cam, ghost=False)
    panel.dots += _face(placed.body, cam)
    svg = _svg([panel], close_up=False, prefix=prefix)
    svg = svg.replace("<svg ", f'<svg class="{prefix}-svg" role="group" ', 1)
    shift = _MARGIN - panel.bounds()[0]

    def where(point: Vec) -> tuple[str, str]:
        x, y = cam.project(point)
        return _n(x + shift), _n(y)

    return svg.removesuffix("</svg>\n"), where


def _svg(panels: list[Panel], close_up: bool, prefix: str = "") -> str:
    boxes = [p.bounds() for p in panels]
    margin = 0.04 if close_up else _MARGIN
    top = min(b[1] for b in boxes) - margin
    bottom = max(b[3] for b in boxes) + (0.02 if close_up else 0.05)
    height = bottom - top
    stroke = 0.3 if close_up else 1.0  # outline widths follow the picture's scale
    out, defs = [], []
    x = 0.0
    for index, (panel, box) in enumerate(zip(panels, boxes, strict=True)):
        shift = x - box[0] + margin
        width = box[2] - box[0] + 2 * margin
        body = []
        clip = ""
        if panel.crop is not None:
            cid = f"{prefix}c{index}"
            defs.append(
                f'<clipPath id="{cid}"><rect x="{_n(box[0] - margin / 2)}" y="{_n(top)}" '
                f'width="{_n(width - margin)}" height="{_n(height)}" rx="{_n(0.03)}"/></clipPath>'
            )
            clip = f' clip-path="url(#{cid})"'
        if panel.floor is not None:
            body.append(
                f'<path d="M{_n(box[0] - margin / 2)} {_n(panel.floor)}H{_n(box[2] + margin / 2)}" '
                f'stroke="{PROP_INK}" stroke-width="{_n(0.008 * stroke)}"/>'
            )
        for n, layer in enumerate(panel.layers):
            lid = f"{prefix}p{index}l{n}"
            defs.append(f'<g id="{lid}">{"".join(_shape_svg(s) for s in layer.shapes)}</g>')
            body.append(
                f'<use href="#{lid}" fill="none" stroke="{layer.ink}" '
                f'stroke-width="{_n(0.022 * stroke * layer.width)}" stroke-linejoin="round"/>'
                f'<use href="#{lid}" fill="{layer.fill}"/>'
            )
        for dx, dy, r, colour in panel.dots:
            body.append(f'<circle cx="{_n(dx)}" cy="{_n(dy)}" r="{_n(r)}" fill="{colour}"/>')
        for line in panel.lines:
            body.append(_line_svg(line, stroke))
        out.append(f'<g transform="translate({_n(shift)} 0)"><g{clip}>{"".join(body)}</g>')
        if panel.badge is not None:
            r = 0.022 if close_up else 0.065  # metres, like the body: the same on every figure
            bx, by = box[0] - margin / 2 + r * 1.2, top + r * 1.2
            digit = " ".join(
                "M" + "L".join(f"{_n(bx + x * r)} {_n(by + y * r)}" for x, y in stroke)
                for stroke in DIGITS[panel.badge]
            )
            out.append(
                f'<circle cx="{_n(bx)}" cy="{_n(by)}" r="{_n(r)}" fill="{ARROW}"/>'
                f'<path d="{digit}" fill="none" stroke="#fff" stroke-width="{_n(r * 0.22)}" '
                'stroke-linecap="round" stroke-linejoin="round"/>'
            )
        out.append("</g>")
        x += width
    w, h = x, height
    px_w = round(HEIGHT_PX * w / h)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {_n(top)} {_n(w)} {_n(h)}" '
        f'width="{px_w}" height="{HEIGHT_PX}">'
        f"<defs>{''.join(defs)}</defs>{''.join(out)}</svg>\n"
    )


def ground_points(placed: Placed) -> list[tuple[str, float]]:
    """Each landmark's lowest height, for the lint."""
    marks = placed.body.marks.items()
    return [(n, min(c[1] - r for c, r in pts)) for n, pts in marks if not n.endswith("-joint")]


def through_walls(placed: Placed) -> list[tuple[str, str, float]]:
    """Body parts that pass through a wall or door frame they are not resting on: (wall
    contact, body part, how far through in metres)."""
    found = []
    for landmark, surface in placed.contacts:
        if surface not in ("wall", "door-frame"):
            continue
        axis, face, toward = wall_face(placed.body, landmark)
        for name, points in placed.body.marks.items():
            if name.endswith("-joint"):
                continue
            depth = max(toward * (c[axis] - face) + r for c, r in points)
            if depth > 0.03:
                found.append((landmark, name, depth))
    return found


def contact_gaps(placed: Placed) -> list[tuple[str, str, float]]:
    """How far each contact with a fixed-height surface is from touching it (m); for a
    plural such as `feet`, the side furthest from touching."""
    gaps = []
    for landmark, surface in placed.contacts:
        height = SURFACES[surface]
        if height is None:
            continue
        sides = [placed.body.lowest(single) - height for single in expand_landmark(landmark)]
        gaps.append((landmark, surface, max(sides, key=abs)))
    return gaps
