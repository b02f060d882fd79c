"""The handbook's safety wording, written once: red flags and the standard precautions.

This is data, not code: the red-flags page lists every red flag in full, and the box on
every routine page and handout prints the short form of the same list, so the two cannot
drift. Each precaution an exercise can carry (`precautions:` in `exercises.yml`) has one
standard sentence here, shown the same way on the exercise page, the handout card, the
exercise list and the red-flags page. Plain text only: the templates decide how it looks.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.models import Precaution


@dataclass(frozen=True)
class RedFlag:
    """One warning sign: in full for the red-flags page, and in a few words for the box."""

    text: str
    short: str


@dataclass(frozen=True)
class RedFlagGroup:
    """Warning signs that call for the same action, such as "get help today"."""

    id: str
    title: str
    action: str
    box_title: str
    flags: tuple[RedFlag, ...]


@dataclass(frozen=True)
class PrecautionText:
    """The standard wording of one precaution.

    `label` names the group of people (a heading on the red-flags page); `ask` completes
    "Ask first if you ...", the one line every exercise page, handout card and the exercise
    list print; `why` explains it on the red-flags page.
    """

    label: str
    ask: str
    why: str


RED_FLAGS: tuple[RedFlagGroup, ...] = (
    RedFlagGroup(
        id="today",
        title="Get help today",
        action=(
            "Go to an emergency department, or call your emergency number, if you have back "
            "pain with any of these. Do not wait to see if it settles: some of these need "
            "treatment within hours."
        ),
        box_title="Get help today (emergency) for",
        flags=(
            RedFlag(
                "You cannot control your bladder or bowels, or you cannot pass urine.",
                "loss of bladder or bowel control",
            ),
            RedFlag(
                "Numbness or tingling around your groin, genitals or bottom (the part that "
                "would touch a saddle).",
                "numb groin or bottom",
            ),
            RedFlag(
                "New problems with sex: less feeling down there, or trouble getting an erection.",
                "new sex problems",
            ),
            RedFlag(
                "Pain, numbness, tingling or weakness in both legs.",
                "symptoms in both legs",
            ),
            RedFlag(
                "A leg that is quickly getting weaker, or a foot that drags or slaps down.",
                "a leg getting weaker",
            ),
            RedFlag(
                "Sudden, very bad pain in your back or belly, unlike any pain you have had before.",
                "sudden severe back or belly pain",
            ),
            RedFlag(
                "A fever or chills with your back pain, or you feel very unwell.",
                "fever or feeling very unwell",
            ),
            RedFlag(
                "Pain that started with a bad fall, a car accident or a hard blow to your back.",
                "a bad fall or accident",
            ),
        ),
    ),
    RedFlagGroup(
        id="soon",
        title="See a professional soon",
        action=(
            "Do you have back pain and any of these? See a doctor or physiotherapist within a "
            "few days. Do not start these exercises until they have checked you."
        ),
        box_title="See a doctor or physio soon for",
        flags=(
            RedFlag(
                "Your back pain is new and you are under 20 or over 50.",
                "new pain under 20 or over 50",
            ),
            RedFlag("You have had cancer, even years ago.", "cancer, now or before"),
            RedFlag("You have lost weight without trying.", "weight loss"),
            RedFlag(
                "The pain is there at night and does not ease when you rest or change position.",
                "night pain",
            ),
            RedFlag(
                "The pain is the same all the time: it does not change when you move, sit, "
                "stand or lie down.",
                "pain that does not change as you move",
            ),
            RedFlag(
                "You have steady pain in your mid or upper back, between or below your "
                "shoulder blades.",
                "steady upper back pain",
            ),
            RedFlag(
                "You have taken steroid tablets for months, or you have a weak immune system "
                "(your body fights germs less well).",
                "long-term steroids or weak immunity",
            ),
            RedFlag(
                "You inject drugs, have had an infection in the last few weeks, or have had "
                "surgery on your spine.",
                "injected drugs, recent infection or spine surgery",
            ),
            RedFlag(
                "You have osteoporosis (thin bones) and the pain came on after a small fall, "
                "a lift or even a cough.",
                "osteoporosis with new pain",
            ),
            RedFlag(
                "You have numbness, tingling or weakness in one leg or foot, or pain that "
                "spreads down a leg below the knee.",
                "numbness, weakness or pain down a leg",
            ),
            RedFlag(
                "Your back is stiff for more than 30 minutes when you get up in the morning, "
                "and it eases as you move.",
                "morning stiffness over 30 minutes",
            ),
            RedFlag(
                "The pain is getting worse, or has not got better after a few weeks.",
                "pain that worsens or lasts weeks",
            ),
        ),
    ),
)


PRECAUTIONS: dict[Precaution, PrecautionText] = {
    Precaution.PREGNANCY: PrecautionText(
        label="Pregnancy and after birth",
        ask="are pregnant or have a new baby",
        why=(
            "As your bump grows, lying flat on your back or front may not suit you. Planks "
            "and curls may need to change too, while your belly muscles heal in the year "
            "after the birth."
        ),
    ),
    Precaution.HIP_REPLACEMENT: PrecautionText(
        label="Hip replacement",
        ask="have had a hip replacement",
        why=(
            "After the operation, a new hip must not bend too far, cross the other leg or "
            "turn in. This lasts for some months, and for some people for good."
        ),
    ),
    Precaution.OSTEOPOROSIS: PrecautionText(
        label="Osteoporosis (thin bones)",
        ask="have osteoporosis",
        why=(
            "Thin bones in the spine and ribs break more easily than you would think. "
            "Rounding or twisting your back, above all while you lift or push, is the main risk."
        ),
    ),
    Precaution.FLEXION_SENSITIVE_BACK: PrecautionText(
        label="Back pain worse when bending forwards",
        ask="get more back pain when you bend or sit",
        why=(
            "Some back pain, often from a disc, flares up when the low back rounds. "
            "Exercises that curl or round the low back can make it worse."
        ),
    ),
    Precaution.SHOULDER_INSTABILITY: PrecautionText(
        label="A loose shoulder",
        ask="have had a shoulder come out of joint",
        why=(
            "A shoulder that has come out of joint can slip again when the arm is taken "
            "out to the side and back, or stretched to the end of its range. Stay well "
            "short of the end of the movement."
        ),
    ),
    Precaution.BLOOD_THINNERS: PrecautionText(
        label="Blood thinners or past blood clots",
        ask="take blood thinners or have had a clot",
        why=(
            "Pressing hard with a foam roller or ball can cause deep bruises. A leg that is "
            "swollen, red or sore could have a clot: never roll it, and see a doctor."
        ),
    ),
    Precaution.BALANCE_AND_FALLS: PrecautionText(
        label="Poor balance or falls",
        ask="are unsteady or have had a fall",
        why=(
            "These exercises ask you to balance, stand on one leg or swing a leg. Always "
            "keep a worktop or sturdy chair within reach."
        ),
    ),
    Precaution.WRIST_OR_HAND_PAIN: PrecautionText(
        label="Sore wrists or hands",
        ask="have sore wrists or hands",
        why=(
            "These exercises put your weight through your hands with the wrists bent back. "
            "Your physio may suggest a version that takes less weight on your hands."
        ),
    ),
}
