"""Round 10, second pass: adverse-event categories and the shared patient finder.

Each table pairs the construction that was missed or over-read with the hard case next to it
(written for this file, not copied from any evaluation set).
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.detect.context import find_patient
from moderator.detect.text import Prepared
from moderator.models import AnalysisInput
from tests.detect.kinds import is_ae

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def suite() -> DetectorSuite:
    s = DetectorSuite(privacy=None)
    s.warm()
    return s


AE_CASES = [
    # an offer to tell more is not a condition on the event
    ("If you want to know, Ozempic gave me pancreatitis", None, True),
    ("DM me if you'd like details, Jardiance landed me in the ER", None, True),
    ("If you need to stop it because of the nausea, call your doctor", "Ozempic", False),
    # "can't stop <doing>" is the event going on
    ("can't stop itching since starting Dupixent", None, True),
    ("I can't stop laughing at this video lol", "Dupixent helps eczema", False),
    # an A1c that barely moved is a lack of effect; a real drop is not
    ("A1c went from 9.0 to 8.9 after 6 months on Jardiance", None, True),
    ("A1c went from 8.0 to 6.5 on Ozempic!", None, False),
    # sleep told by its length
    ("Took 2 Ambien and slept 16 hours straight", None, True),
    # an illness that lingers on an immune-suppressing drug
    ("I've had a cold for 5 weeks on Humira, can't shake it", None, True),
    # the tagged person's event, asked about
    ("@Jo Smith is this the pill that gave you the headaches?", "Zoloft", True),
    ("My pharmacist said it might give you headaches", "Zoloft", False),
    # a hospital stay told with question marks
    ("i was in the ER with chest pain 3 days after starting it?? is that normal", "Adderall", True),
    # a use still being weighed is no overdose or error
    ("Is it ok to double up if I miss a dose of Eliquis?", None, False),
    ("I doubled up on my Eliquis by accident yesterday", None, True),
    ("Thinking of taking turmeric instead of my Xarelto", None, False),
    # comparisons and nerves are not worsenings
    ("the psych thinks it's more anxiety than ADHD, we got Adderall anyway", None, False),
    ("My anxiety before my first Humira injection was worse than the shot", None, False),
    ("My anxiety got worse after my first Humira injection", None, True),
    ("much more anxious than before I took Effexor", None, True),
    ("I was suicidal before I started taking Zoloft", None, False),
    # a thing fell or swelled, not a person
    ("The pen fell on the floor and cracked", "Ozempic pen tips", False),
    ("My mom fell twice since starting Eliquis", None, True),
    ("the tablets in the new bottle are swollen and sticky", "Eliquis", False),
    ("My ankles are swollen since I started amlodipine", None, True),
    # a denial of the topic, a sign that is fine
    ("no appetite issues at all on Vyvanse", None, False),
    ("no appetite at all since starting Vyvanse", None, True),
    ("my sex drive is totally fine on Lexapro", None, False),
    ("my sex drive is gone on Lexapro", None, True),
    # a belief taken back, unless what follows names the medicine
    ("I was convinced Lexapro gave me headaches but turns out I needed glasses", None, False),
    ("I thought it was just a cold but it turned out Humira had caused pneumonia", None, True),
    # a note-style "Before:" line is the time before the medicine
    ("Before: constant migraines. After: maybe one a month.", "Aimovig prevents migraine", False),
    # the disease a vaccine prevents, had by someone, is not its event
    ("My mom had shingles last year, it was awful", "Shingrix: shingles vaccine 50+", False),
    ("Got shingles two weeks after my Shingrix shot", None, True),
    ("I got shingles last month", "Humira Complete support", True),
    # pregnancy that is past, feared, or dreamt is no exposure
    ("I've been on Zoloft since my pregnancy ended, doing better", None, False),
    ("since my pregnancy I was on Zoloft and breastfeeding my baby", None, True),
    ("I had a pregnancy scare last month, I'm on Accutane", None, False),
    ("I took Zoloft through my whole pregnancy", None, True),
    # everyday homonyms and frights
    ("bought Advil at the gas station, the seal was broken", None, False),
    ("I take Eliquis on long flights since a clot scare years ago", None, False),
    # a sign that shrank since starting is the medicine working; one that grew is an event
    ("my hives seem way smaller since I started Xolair", None, False),
    ("my hives got way bigger since I started Xolair", None, True),
    # a symptom tied to the medicine even when something else treated it
    ("Zofran finally stopped my nausea on Ozempic", None, True),
    ("Zofran stopped my nausea from the stomach bug", None, False),
    # rumours, routine advice, stories and feelings are no one's event
    ("It's a myth that Ozempic causes hair loss", None, False),
    ("I always tell my patients the nausea from Ozempic passes", None, False),
    ("Her story made me cry, so happy for her", "Meet Dana: Humira", False),
    ("He's so little but he handles his shots like a champ", "Humira", False),
    ("He's so little and he throws up after every dose", "Humira", True),
    ("Easy peasy, no issues with my Eliquis", None, False),
    # the other languages: bleeding verbs, sleep lost, Romanian
    ("a mi papá le sangran las encías desde que toma Xarelto", None, True),
    ("Depuis que je prends du Zoloft je n'arrive plus à dormir", None, True),
    ("Am luat Xarelto si am sangerari la gingii", None, True),
    ("Am luat Cymbalta și am amețeli", None, True),
    # a dose change told as a habit; reports with the subject dropped; "except for"
    ("If I went up to 40 mg on Lexapro I had awful restlessness", None, True),
    ("If I went to the pharmacy late they were closed, Lexapro refill", None, False),
    ("Have experienced weight gain on Zoloft.", None, True),
    ("was sleepy all the first week of Zoloft", None, True),
    ("Zoloft was great for a month, except for some queasiness", None, True),
    # a clot named clinically
    ("DVT in my leg after a year on the pill, Yaz", None, True),
]


@pytest.mark.parametrize(("text", "post", "expected"), AE_CASES)
def test_round10b_adverse_event_categories(
    suite: DetectorSuite, text: str, post: str | None, expected: bool
) -> None:
    assert is_ae(suite, text, post) is expected


def test_romanian_statement_is_not_a_question(suite: DetectorSuite) -> None:
    analysis = suite.analyze(AnalysisInput("t", "Am luat Cymbalta și am transpirații nocturne"))
    kinds = {f.kind for f in analysis.flags}
    assert "adverse_event" in kinds
    assert "medical_inquiry" not in kinds


PATIENTS = [
    # durations and sizes are not ages
    ("I'm 3 days late with my Ozempic", "self", None, False),
    ("I'm 5'4 and 200 lbs on Wegovy", "self", None, False),
    ("j'ai 3 jours de retard pour ma dose", "self", None, False),
    ("I'm 45 and on Ozempic", "self", 45.0, False),
    # an age right after the relation
    ("my son is 5 and takes Adderall", "son", 5.0, True),
    ("my son Leo (8) takes Vyvanse", "son", 8.0, True),
    ("my daughter, 10, has eczema", "daughter", 10.0, True),
    ("my daughter (who is 4) got a rash", "daughter", 4.0, True),
    ("my mom is 84 and takes Eliquis", "mother", 84.0, False),
    ("my son was 2 weeks into it", "son", None, True),
    ("my husband is 6'2 and on Jardiance", "husband", None, False),
    ("my wife is 30 weeks pregnant", "wife", None, False),
    # the writer's own age is not the relative's
    ("my kid and I'm 40, we both take it", "kid", None, True),
    # relatives in the other languages
    ("mein Sohn (9) nimmt Ritalin", "son", 9.0, True),
    ("mein Sohn ist 9 und nimmt Ritalin", "son", 9.0, True),
    ("meine Tochter hat Ausschlag", "daughter", None, True),
    ("mio figlio ha 5 anni", "son", 5.0, True),
    ("mi hijo de 3 años toma Zyrtec", "son", 3.0, True),
    ("mon fils a 9 ans et prend du Ritaline", "son", 9.0, True),
    ("meu filho tem 4 anos", "son", 4.0, True),
    ("a mi mamá le sangran las encías", "mother", None, False),
    ("mi mamá tiene 80 años", "mother", 80.0, False),
    ("mijn vader slikt Xarelto", "father", None, False),
    ("ma fille prend du Ventoline", "daughter", None, True),
]


@pytest.mark.parametrize(("text", "who", "age", "child"), PATIENTS)
def test_round10b_patient_finder(text: str, who: str, age: float | None, child: bool) -> None:
    patient = find_patient(Prepared(text))
    assert (patient.who, patient.age, patient.is_child) == (who, age, child)


def test_foreign_grandparent_is_elderly() -> None:
    patient = find_patient(Prepared("mi abuela toma Eliquis"))
    assert patient.who == "grandmother"
    assert patient.is_elderly
