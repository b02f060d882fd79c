"""Cross-references between records, worked out once after validation.

Templates ask "which exercises serve this joint?" or "which routines use this exercise?";
the answers are computed here, sorted, so pages are deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.models import Block, Exercise, Goal, Handbook, Joint, Precaution, Routine


@dataclass(frozen=True)
class Use:
    """An exercise's place in a routine."""

    routine: Routine
    block: Block


@dataclass
class Relations:
    """Who links to whom, in both directions."""

    handbook: Handbook
    by_joint: dict[str, list[Exercise]] = field(default_factory=lambda: defaultdict(list))
    uses: dict[str, list[Use]] = field(default_factory=lambda: defaultdict(list))
    easier_for: dict[str, list[Exercise]] = field(default_factory=lambda: defaultdict(list))
    harder_for: dict[str, list[Exercise]] = field(default_factory=lambda: defaultdict(list))
    by_precaution: dict[Precaution, list[Exercise]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @classmethod
    def of(cls, handbook: Handbook) -> Relations:
        """Work out every relation of a validated handbook."""
        rel = cls(handbook)
        for exercise in sorted(handbook.exercises, key=lambda e: e.name.lower()):
            for joint_id in exercise.joints:
                rel.by_joint[joint_id].append(exercise)
            for precaution in exercise.precautions:
                rel.by_precaution[precaution].append(exercise)
            if exercise.regression:
                rel.easier_for[exercise.regression].append(exercise)
            if exercise.progression:
                rel.harder_for[exercise.progression].append(exercise)
        for routine in handbook.routines:
            for block in routine.blocks:
                for entry in block.exercises:
                    uses = rel.uses[entry.id]
                    if not any(u.routine.id == routine.id for u in uses):
                        uses.append(Use(routine, block))
        return rel

    def by_goal(self, joint: Joint) -> list[tuple[Goal, list[Exercise]]]:
        """The joint's exercises grouped by goal, in the order release → stabilise."""
        groups = [(goal, [e for e in self.by_joint[joint.id] if e.goal is goal]) for goal in Goal]
        return [(goal, exercises) for goal, exercises in groups if exercises]

    def neighbours(self, joint: Joint) -> tuple[Joint | None, Joint | None]:
        """The joints just below and just above, in the chain from the ground up."""
        chain = self.handbook.joints
        i = chain.index(joint)
        below = chain[i - 1] if i > 0 else None
        above = chain[i + 1] if i + 1 < len(chain) else None
        return below, above
