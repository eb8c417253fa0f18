"""Round 7 mechanisms (rules alone, comment model off): positives and hard negatives.

Each block is one general mechanism behind a miss or false alarm on the fifth blind set, tested
with phrasings written for the mechanism (other products, people and wordings), not copied from
the evaluation set.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite, context
from moderator.detect.text import Prepared
from moderator.models import AnalysisInput


def _kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    return {f.kind for f in suite.analyze(AnalysisInput("t", text, post)).flags}


def _special(suite: DetectorSuite, text: str, post: str | None = None) -> tuple[str, ...]:
    a = suite.analyze(AnalysisInput("t", text, post))
    return a.adverse_event.special_situations if a.adverse_event else ()


# ---- 1. a statement with its subject dropped is not an inverted question ----
@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Was given Lexapro 40mg by my GP and got the shakes", False),
        ("Was prescribed tramadol after my c-section and got hooked", False),
        ("Have been on Xarelto 2 years now", False),
        ("Was put on Cymbalta in March", False),
        ("Were told it was safe", False),
        ("Was it the Zoloft doing this", True),
        ("Have you been on it long", True),
        ("Is it normal to feel this tired", True),
        ("Do your research", True),
    ],
)
def test_dropped_subject_statement(text: str, question: bool) -> None:
    assert context.is_question(Prepared(text).sentences[0]) is question


# ---- 2. AE mechanisms: positives ----
AE_POSITIVE = [
    # dropped-subject statements now read as experience
    ("Was given Lexapro 40mg by my GP and got tremors and night sweats", None),
    ("Was prescribed tramadol after my c-section and got hooked. Took a year to get off", None),
    # dependence told plainly
    ("became totally dependent on the oxycodone they gave me after surgery", None),
    ("I'm addicted to them now, can't get through a day", "Xanax: what to know"),
    # passive harm with the product as agent
    ("My dad's kidneys got wrecked by Jardiance, he's on dialysis prep now", None),
    ("her liver was damaged by the methotrexate", None),
    ("my stomach was destroyed by it", "Ozempic update"),
    # disease progression on treatment is lack of efficacy
    ("4 cycles of keytruda and the tumour grew anyway", None),
    ("6 months on Tagrisso and the scans show new spots", None),
    ("his cancer progressed on Keytruda so they stopped it", None),
    # a carer leaving doses out is a medication error
    ("the nursing home keeps forgetting to give my mum her Eliquis doses", None),
    ("the night nurse missed his Lantus injections twice this week", None),
    # sleep that will not come
    ("my daughter is on Vyvanse and she's not falling asleep until midnight", None),
    ("since the Concerta he can't fall asleep before 2am", None),
    # new tic / first-person experience despite a leaflet mention
    ("my son has a new tic since starting Adderall", None),
    ("the Flovent gives me thrush every time even though I rinse like the leaflet says", None),
    # onset clauses in other languages
    ("Seit ich Eliquis nehme, habe ich ständig blaue Flecken", None),
    ("Desde que tomo Ozempic tengo náuseas todo el día", None),
    ("Depuis que je prends Cymbalta j'ai des vertiges", None),
]


@pytest.mark.parametrize(("text", "post"), AE_POSITIVE)
def test_ae_positive(rules: DetectorSuite, text: str, post: str | None) -> None:
    assert "adverse_event" in _kinds(rules, text, post)


def test_carer_omission_is_medication_error(rules: DetectorSuite) -> None:
    text = "the staff at her care home keep forgetting to give her Zoloft doses"
    assert "medication_error" in _special(rules, text)


# ---- 3. AE mechanisms: hard negatives ----
AE_NEGATIVE = [
    # "side effects" as a topic: ads, lists, fear, talk
    ("the Ozempic commercials list like 30 side effects in 5 seconds 😂", None),
    ("so scared of the side effects everyone talks about", "Starting Zoloft? What to expect"),
    ("worried about possible side effects, anyone have tips?", "Lexapro info"),
    # rumour checks
    ("People in my mom group keep saying Zoloft causes weight gain, is that true?", None),
    ("everyone on tiktok is always saying Ozempic ruins your face, is it real?", None),
    # figures of speech about dying
    ("Tylenol > Advil, I will die on this hill", None),
    ("the new Dupixent commercial song is to die for", None),
    # not started yet: the condition is the indication
    ("My psoriasis flared all winter, starting Skyrizi next month 🤞", None),
    ("Day 1 tomorrow. My anxiety is through the roof but hopeful", "Starting Lexapro"),
    # praise of the choice
    ("had mine 2 years, no periods, no problems, best decision I ever made", "Mirena IUD"),
    # the indication in other languages
    ("Mon médecin m'a prescrit du Cymbalta pour mes migraines, ça marche bien", None),
    ("Mi doctor me dio Lyrica para mi dolor de espalda y funciona", None),
    # foreign onset with a good outcome
    ("Seit ich Xarelto nehme, geht es mir viel besser", None),
    # passive harm by a non-medicine
    ("my wallet got wrecked by the Ozempic prices", None),
    # tic tac, shows
    ("I keep tic tacs in my bag next to my Adderall", None),
    ("got hooked on this show while on leave, anyway Humira is fine", None),
    # scans that show no growth
    ("3 rounds of Keytruda and the scan showed no growth!", None),
]


@pytest.mark.parametrize(("text", "post"), AE_NEGATIVE)
def test_ae_negative(rules: DetectorSuite, text: str, post: str | None) -> None:
    assert "adverse_event" not in _kinds(rules, text, post)


# ---- 4. product complaints ----
COMPLAINT = [
    ("Ozempic pens arrived at room temperature, the ice pack had melted", True),
    ("my insulin came thawed out and the gel packs were warm", True),
    ("La penna di Humira si è bloccata, lotto 44B21", True),
    ("La pluma de Humira se trabó y no inyectó", True),
    ("Mon stylo s'est bloqué et n'a pas injecté", True),
    ("Got a different-looking Xarelto this refill", True),
    ("my Eliquis is not pink like usual, it's white now", True),
    ("the Ozempic solution looks cloudy and yellowish", True),
    ("EpiPen window turned brown", True),
    ("the Advil softgels were all fused together", True),
    # hard negatives
    ("Effexor was hard to come off but a slow taper worked", False),
    ("coming off Cymbalta slowly with my doctor's help", False),
    ("please make the Adderall capsules smaller, hard to swallow", False),
    ("can I leave my Ozempic pen at room temperature?", False),
    ("the Dupixent solution was clear and the pen worked fine", False),
]


@pytest.mark.parametrize(("text", "expected"), COMPLAINT)
def test_complaint(rules: DetectorSuite, text: str, expected: bool) -> None:
    assert ("product_complaint" in _kinds(rules, text)) is expected


# ---- 5. off-label vs misuse (GVP Annex I) ----
OFF_LABEL = [
    # route/dose change for a medical purpose: off-label
    ("I take my Eliquis every other day instead of twice a day, it's too expensive", True, False),
    ("I double up on my Ozempic pens when I plateau", True, False),
    ("I crush my Adderall and snort it because the pills take too long for my ADHD", True, True),
    # for study, parties or a high: misuse, not off-label
    ("I snort my Adderall before exams", False, True),
    ("took 3 of my Vyvanse at a festival to stay up", False, True),
    ("I take my Adderall to study for finals even though I'm not prescribed much", False, True),
    ("doubling my Adderall dose to get high on weekends", False, True),
    ("I take Ritalin every other day for partying", False, True),
    # a question stays an inquiry, not an AE
    ("can I use my kid's ritalin to study for my exam?", False, False),
]


@pytest.mark.parametrize(("text", "off_label", "misuse"), OFF_LABEL)
def test_off_label_vs_misuse(
    rules: DetectorSuite, text: str, off_label: bool, misuse: bool
) -> None:
    assert ("off_label" in _kinds(rules, text)) is off_label
    assert ("misuse" in _special(rules, text)) is misuse


def test_misuse_question_is_inquiry_not_ae(rules: DetectorSuite) -> None:
    kinds = _kinds(rules, "can I use my kid's ritalin to study for my exam?")
    assert "medical_inquiry" in kinds
    assert "adverse_event" not in kinds


# ---- 6. the comment-level model is opt-in since round 7 (CV: it cost more precision than it
# added recall) ----
def test_comment_model_off_by_default() -> None:
    suite = DetectorSuite()
    assert suite.comment_model is None
    assert suite.version.startswith("rules-") and suite.version.endswith("+comment-none")
