"""Figures: exercise drawings made from the pose data in `exercises.yml`.

A small pipeline of its own, pure functions from data to SVG text:

| stage | module | does |
| --- | --- | --- |
| body | `body.py` | joint ranges, segment sizes, the names of joints, landmarks, props |
| pose | `pose.py` | the `figure:` key (validated like every other key), position presets |
| kinematics | `kinematics.py` | angles to a 3D body, tipped and lifted onto its contacts |
| drawing | `draw.py` | the body seen from a view, as one small deterministic SVG |
| cache | `cache.py` | drawings kept by a hash of their input and the renderer version |
"""
