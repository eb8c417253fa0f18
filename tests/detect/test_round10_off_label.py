"""Round 10 off-label mechanisms (rules alone): positives and the hard negatives next to them.

Each category is one general mechanism behind an off-label miss or false flag on heldout8 (the
"community manager" set), written in new wordings, products and people rather than copied:

* age-after-relation / foreign-child: the child's age said after the relation ("my son is 4",
  "Meine Tochter (10)") checked against the youngest age the label allows for that condition;
* adult-floor / sex / veterinary: populations other than "too young": "adults 50+", a men-only
  label, the writer's own pills given to a pet;
* bare-dose: a dose without "mg" ("I'm on 300 now") above the labelled maximum;
* other-product: real labels of non-catalogue medicines (Benadryl, doxycycline, Botox);
* lay-indication / implied-purpose: lay purposes ("to last longer in bed") and a condition of the
  label's own area that the label does not name (lupus on a TNF blocker, type 1 on an SGLT2);
* route: an injectable taken by mouth is off-label; snorting with no medical purpose is misuse;
* elision: French "l'Ozempic", "l'urticaire";
* not-a-use / symptom-not-purpose / child-not-patient: the hard negatives (a refusal, an opinion
  about others, an event story, a child who is not the patient, "I'm 3 days late").
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput
from tests.detect.kinds import flag_kinds

OFF_LABEL = [
    (
        "age-after-relation",
        "my son is 4 and was just diagnosed with Crohn's, his GI wants to start Humira",
        None,
        True,
    ),
    (
        "age-after-relation",
        "my son is 9 and has Crohn's, his GI started Humira last month",
        None,
        False,
    ),
    (
        "age-after-relation",
        "our daughter is 2 and a half and the paediatrician put her on a small dose of Adderall",
        None,
        True,
    ),
    ("foreign-child", "Meine Tochter (10) bekommt Lexapro gegen ihre Depression", None, True),
    ("foreign-child", "Meine Tochter (15) bekommt Lexapro gegen ihre Depression", None, False),
    ("adult-floor", "I'm 35 and healthy, should I get Shingrix?", None, True),
    ("adult-floor", "I'm 63, should I get Shingrix before winter?", None, False),
    ("sex", "my wife wants to try finasteride for her hair thinning", None, True),
    ("sex", "my husband takes finasteride for his receding hairline", None, False),
    (
        "bare-dose",
        "I'm on 300 now, my psychiatrist says the label stops lower",
        "Effexor XR capsules, once a day",
        True,
    ),
    ("bare-dose", "I'm on 150 now and sleeping better", "Effexor XR capsules, once a day", False),
    ("bare-dose", "my LDL went up to 190 while taking Lipitor", None, False),
    (
        "other-product",
        "gave my 3 year old Benadryl so she would sleep through the road trip",
        None,
        True,
    ),
    ("other-product", "the clinic gave me doxy after sex as STI prevention", None, True),
    ("other-product", "doxy for my chest infection, cleared it in a week", None, False),
    ("other-product", "Botox for my jaw clenching, dentist suggested it", None, True),
    ("other-product", "Botox for my chronic migraine every 12 weeks", None, False),
    (
        "lay-indication",
        "my neurologist put me on Cymbalta to try and stop the migraines",
        None,
        True,
    ),
    ("lay-indication", "do guys really take Zoloft to last longer in bed?", None, True),
    ("lay-indication", "Zoloft for my depression and it finally helps", None, False),
    (
        "lay-indication",
        "Effexor XR 150 for panic disorder, I can go to concerts again",
        None,
        False,
    ),
    ("implied-purpose", "My aunt has lupus and they just put her on Humira", None, True),
    (
        "implied-purpose",
        "I have a mechanical mitral valve, could Xarelto replace my warfarin?",
        None,
        True,
    ),
    (
        "implied-purpose",
        "My aunt has lupus and rheumatoid arthritis, Humira helps her joints",
        None,
        False,
    ),
    (
        "implied-purpose",
        "I'm type 1 and my endo added Jardiance to smooth out my blood sugar",
        None,
        True,
    ),
    ("route", "could I just drink the Ozempic instead of injecting it?", None, True),
    ("route", "I always drink water right after my Ozempic shot", None, False),
    ("route", "crushed and snorted my Adderall at a party, my nose bled for hours", None, False),
    ("elision", "Mon médecin m'a prescrit de l'Ozempic pour maigrir", None, True),
    (
        "elision",
        "On peut donner du Dupixent pour l'urticaire chez un enfant de 7 ans ?",
        None,
        True,
    ),
    ("elision", "Mon médecin m'a prescrit de l'Ozempic pour mon diabète", None, False),
    ("not-a-use", "My doctor refused to give me Ozempic for weight loss, fair enough", None, False),
    ("not-a-use", "Influencers hogging Ozempic for vanity while diabetics wait", None, False),
    (
        "not-a-use",
        "stop with the weight loss jokes, some of us need Ozempic for diabetes",
        None,
        False,
    ),
    ("not-a-use", "is it safe to get the flu shot while I'm on Humira?", None, False),
    (
        "symptom-not-purpose",
        "first week on Zoloft I started to feel more anxious than ever",
        None,
        False,
    ),
    (
        "symptom-not-purpose",
        "three months on Yaz and it turned out to be a clot in my lung",
        None,
        False,
    ),
    (
        "child-not-patient",
        "I'm 58 with afib, started Eliquis after fainting at my grandson's graduation",
        None,
        False,
    ),
    ("child-not-patient", "I was on Zoloft for depression after my son was born", None, False),
    ("child-not-patient", "I'm 3 days late with my Ozempic dose, take it now?", None, False),
    (
        "symptom-not-purpose",
        "ended up in the ER for stomach pain two weeks after starting Ozempic",
        None,
        False,
    ),
    (
        "symptom-not-purpose",
        "I've been on Zoloft for 3 months and now have stomach pains every day",
        None,
        False,
    ),
    (
        "symptom-not-purpose",
        "got admitted for fatigue and low sodium while on Lexapro",
        None,
        False,
    ),
    (
        "symptom-not-purpose",
        "Dupixent for my eczema but now I have a cough that won't quit",
        None,
        False,
    ),
    ("bare-dose", "Cymbalta 60 every morning for my fibro", None, False),
    ("bare-dose", "I take 2 in the morning, Adderall 20 each", None, False),
    ("population", "my 8 year old takes Zoloft for OCD and it helps", None, False),
    ("population", "my daughter (12) is on Lexapro for depression", None, False),
    (
        "veterinary",
        "the vet said I could give our dog half of one of my Xanax on fireworks night",
        None,
        True,
    ),
    (
        "veterinary",
        "My vet told me to give my dog a quarter of one of my zoloft for his separation anxiety",
        None,
        True,
    ),
    ("veterinary", "our cat is on gabapentin from the vet before every visit", None, False),
    ("veterinary", "my dog watches me do my Ozempic shot every Sunday", None, False),
]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(("category", "text", "post", "expected"), OFF_LABEL)
def test_off_label(
    rules: DetectorSuite, category: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("off_label" in flag_kinds(rules, text, post)) is expected, category


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "text",
    [
        "do guys really take Zoloft to last longer in bed?",
        "I'm 35 and healthy, should I get Shingrix?",
        "could I just drink the Ozempic instead of injecting it?",
    ],
)
def test_off_label_question_is_also_an_inquiry(rules: DetectorSuite, text: str) -> None:
    assert {"off_label", "medical_inquiry"} <= flag_kinds(rules, text)


@pytest.mark.timeout(30)
def test_snorting_without_a_purpose_is_misuse_not_off_label(rules: DetectorSuite) -> None:
    a = rules.analyze(
        AnalysisInput("t", "crushed and snorted my Adderall at a party, my nose bled for hours")
    )
    kinds = {f.kind for f in a.flags}
    assert "off_label" not in kinds
    assert a.adverse_event is not None and "misuse" in a.adverse_event.special_situations


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("my wife wants to try finasteride for her hair thinning", "population:sex"),
        ("My vet told me to give my dog a quarter of one of my zoloft", "population:animal"),
        ("I'm on 300 now, my psychiatrist says the label stops lower", "dose"),
    ],
)
def test_evidence_says_why(rules: DetectorSuite, text: str, label: str) -> None:
    a = rules.analyze(AnalysisInput("t", text, "Effexor XR capsules, once a day"))
    flag = next(f for f in a.flags if f.kind == "off_label")
    assert label in {e.label for e in flag.evidence}
