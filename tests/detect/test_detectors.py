"""Table tests for the non-privacy detectors, including the classic traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator.detect import CatalogError, DetectorSuite, analysis_to_json, load_catalog
from moderator.detect.products import ProductFinder
from moderator.detect.text import Prepared
from moderator.models import AnalysisInput

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def suite() -> DetectorSuite:
    return DetectorSuite()


def kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    return {f.kind for f in suite.analyze(AnalysisInput("x", text, post)).flags}


@pytest.mark.parametrize(
    ("text", "post", "present", "absent"),
    [
        ("No side effects so far, feeling great on Ozempic", None, set(), {"adverse_event"}),
        ("Can Ozempic cause pancreatitis?", None, {"medical_inquiry"}, {"adverse_event"}),
        ("I heard it causes hair loss", "About Xarelto", set(), {"adverse_event"}),
        ("this gave me hives", "Xarelto protects you", {"adverse_event"}, set()),
        ("Ozempik made me so nauseous", None, {"adverse_event"}, set()),
        ("xeralto = bleeding gums every morning", None, {"adverse_event"}, set()),
        ("Lexapro stopped working after 6 months", None, {"adverse_event"}, set()),
        ("I use Ozempic for weight loss, I'm not diabetic", None, {"off_label"}, set()),
        # round 7 (GVP Annex I): studying is not a medical purpose: misuse, not off-label
        ("I take Adderall to study for exams", None, {"adverse_event"}, {"off_label"}),
        ("gave my 8 year old Ozempic", None, {"off_label"}, set()),
        ("I'm taking 300mg of Zoloft a day", None, {"off_label"}, set()),
        ("Can I take Ozempic for weight loss?", None, {"off_label", "medical_inquiry"}, set()),
        ("My doctor prescribed Xarelto for my afib", None, set(), {"off_label", "adverse_event"}),
        ("My Ozempic pen was leaking everywhere, lot AB1234", None, {"product_complaint"}, set()),
        ("Great video, very informative", "How Dupixent works", set(), {"adverse_event"}),
    ],
)
def test_flag_table(
    suite: DetectorSuite, text: str, post: str | None, present: set[str], absent: set[str]
) -> None:
    found = kinds(suite, text, post)
    assert present <= found
    assert not (absent & found)


def test_product_from_post(suite: DetectorSuite) -> None:
    a = suite.analyze(AnalysisInput("1", "this gave me hives", "New Xarelto information"))
    assert a.adverse_event is not None
    assert a.adverse_event.products[0]["name"] == "Xarelto"
    assert a.adverse_event.products[0]["from_post"] is True


def test_paediatric_medication_error(suite: DetectorSuite) -> None:
    a = suite.analyze(AnalysisInput("1", "my 6yo took two of my Adderall by mistake"))
    assert a.adverse_event is not None
    assert {"medication_error", "paediatric"} <= set(a.adverse_event.special_situations)
    assert a.adverse_event.patient["age"] == 6.0


def test_serious_hospitalisation(suite: DetectorSuite) -> None:
    a = suite.analyze(AnalysisInput("1", "ended up in the ER after starting Eliquis"))
    assert a.adverse_event is not None and a.adverse_event.serious
    assert "hospitalisation" in a.adverse_event.seriousness


def test_lot_number_captured(suite: DetectorSuite) -> None:
    a = suite.analyze(AnalysisInput("1", "Humira pen jammed, batch # XK-4471"))
    flag = next(f for f in a.flags if f.kind == "product_complaint")
    assert "XK-4471" in [e.text for e in flag.evidence if e.label == "lot_number"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ozempik", "Ozempic"),
        ("zarelto", "Xarelto"),
        ("xeralto", "Xarelto"),
        ("lexapr0", "Lexapro"),
        ("Effexor XR", "Effexor XR"),
        ("O\u200bzempic", "Ozempic"),
    ],
)
def test_misspelled_brands(text: str, name: str) -> None:
    found = ProductFinder(load_catalog(), use_dictionary=False).find(Prepared(f"my {text} pen"))
    assert [m.name for m in found] == [name]
    assert found[0].as_reported == text


def test_other_medicine_from_dictionary() -> None:
    found = ProductFinder(load_catalog()).find(Prepared("Wellbutrin made me sick"))
    assert found and not found[0].in_catalog


def test_offsets_index_original_text(suite: DetectorSuite) -> None:
    text = "<b>\u200f\u200bOzempik</b> made me so nauseous"
    out = analysis_to_json(suite.analyze(AnalysisInput("1", text)))
    for flag in out["flags"]:
        for ev in flag["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]


def test_json_shape(suite: DetectorSuite) -> None:
    out = analysis_to_json(suite.analyze(AnalysisInput("a", "Zoloft gave me headaches")))
    assert set(out) == {"id", "flags", "adverse_event"}
    assert set(out["flags"][0]) == {"kind", "score", "evidence"}
    assert {"serious", "seriousness", "patient", "reporter", "products", "events"} <= set(
        out["adverse_event"]
    )


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        ("Ozempic made me sick \u200b\u202e " * 40_000),
        "<div>" * 100_000,
        "(((((" * 50_000 + "lot " * 10_000,
    ],
)
@pytest.mark.timeout(60)  # a hang guard (catastrophic backtracking), not a speed claim
def test_hostile_input_is_bounded(suite: DetectorSuite, text: str) -> None:
    a = suite.analyze(AnalysisInput("h", text, text))
    for flag in a.flags:
        assert all(text[e.start : e.end] == e.text for e in flag.evidence)


def test_broken_catalogue_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "cat.toml"
    bad.write_text('[[product]]\nname = "X"\ngeneric = \n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"cat\.toml.*line 3"):
        load_catalog(bad)


def test_catalogue_missing_key_names_product(tmp_path: Path) -> None:
    bad = tmp_path / "cat.toml"
    bad.write_text('[[product]]\nname = "Foo"\ngeneric = "foo"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="Foo.*indications"):
        load_catalog(bad)


def test_bundled_catalogue() -> None:
    cat = load_catalog()
    assert len(cat) >= 12
    assert cat.get("semaglutide").name == "Ozempic"
    assert cat.get("Zoloft").min_age_years == 6


# ---- round 2: category tables (positives and hard negatives) -------------------------------


@pytest.mark.parametrize(
    ("text", "post", "expected"),
    [
        # a packaging/device part and a defect word in one sentence
        ("The needle on my new Humira pen was bent straight out of the box", None, True),
        ("Dupixent syringe had a crack in the barrel", None, True),
        ("my inhaler canister is dented and the counter is stuck", None, True),
        ("the foil on the Eliquis blister was torn and the tablets damp", None, True),
        ("Lipitor tablets chipped and crumbling in the bottle", None, True),
        ("Ozempic pen clicked but nothing came out", None, True),
        ("the dial won't turn on this pen", "Ozempic", True),
        ("my Dupixent arrived warm, the ice pack had melted", None, True),
        ("bottle says 30 tablets, I counted 26", "Zoloft", True),
        ("got only 25 capsules in a box that should have 28", "Cymbalta", True),
        ("the Xarelto box was missing one strip", None, True),
        ("there are floating particles in the Humira syringe", None, True),
        ("the tablets look different this refill, new colour and shape", "Lipitor", True),
        ("my Zoloft smells like vinegar", None, True),
        ("the Lexapro label is smudged and the expiry date is missing", None, True),
        ("box says 10mg but the blister says 25mg", "Jardiance", True),
        ("pretty sure these are counterfeit Ozempic pens from a website", None, True),
        ("La caja de Xarelto llegó dañada y el blíster estaba roto", None, True),
        ("Die Humira-Spritze war leer", None, True),
        # hard negatives
        ("I got a weird metallic taste with metformin", None, False),
        ("How do I renew my Jardiance savings card? it expired", None, False),
        ("the pill got stuck in my throat and I panicked", "Eliquis", False),
        ("take it on an empty stomach", "Lipitor", False),
        ("my doctor switched me to a different pen", "Ozempic", False),
        ("the pen is so easy, no leaks, no drama", "Ozempic", False),
        ("I keep missing doses because of work", "Humira", False),
        ("I broke out in hives after the pen", "Dupixent", False),
        ("ran out of pills, need a refill", "Zoloft", False),
    ],
)
def test_complaint_table(suite: DetectorSuite, text: str, post: str | None, expected: bool) -> None:
    assert ("product_complaint" in kinds(suite, text, post)) is expected


def test_complaint_lot_and_ae_model_veto(suite: DetectorSuite) -> None:
    a = suite.analyze(AnalysisInput("1", "the auto-injector window stayed clear, LOT: QX4471B"))
    flag = next(f for f in a.flags if f.kind == "product_complaint")
    assert "QX4471B" in [e.text.upper() for e in flag.evidence if e.label == "lot_number"]
    assert a.adverse_event is None


@pytest.mark.parametrize(
    ("text", "post", "expected"),
    [
        # population limits per condition
        ("Zoloft for my 12 yr old's depression", None, True),  # only OCD from 6
        ("Zoloft for my 12 year old's OCD", None, False),
        ("Lexapro for my 9yo son's depression", None, True),  # 12+ for depression
        ("Lexapro helped my 14 year old's depression", None, False),
        ("can my 2 year old take Adderall?", None, True),  # 3+
        ("Dupixent for my 3 month old's eczema", None, True),  # 6 months+
        ("Dupixent for my 2 year old's eczema", None, False),
        ("Xarelto for my 4 year old's blood clots", None, False),  # VTE from birth
        ("Humira for my daughter's psoriasis, she's 9", None, True),
        ("I'm 15 and my doctor put me on zoloft for depression", None, True),
        # no indication
        ("on Eliquis just in case, no afib, no clots", None, True),
        ("I don't have ADHD but Adderall helps me get stuff done", None, True),
        ("I'm not diabetic but Ozempic helps me lose weight", None, True),
        ("no clots since I started Xarelto", None, False),
        ("I'm type 1 and my endo added Jardiance", None, True),
        # lay purposes
        ("I take Cymbalta for my IBS", None, True),
        ("Adderall is my pre-workout", None, True),
        ("using Ozempic to break my plateau", None, True),
        ("Cymbalta for restless legs — does it help?", None, True),
        ("Mon médecin m'a prescrit Ozempic pour perdre du poids", None, True),
        ("Dupixent for my chronic hives", None, False),
        ("Is it safe to take tylenol with Xarelto for a headache?", None, False),
        ("My doctor prescribed Xarelto for my afib", None, False),
        # dose / posology
        ("I double up on my Ozempic pens when I plateau", None, True),
        ("taking 2mg + 2mg of Ozempic this week", None, True),
        ("I take my Eliquis every other day instead of twice a day", None, True),
        ("Taking 40 mg Lipitor, 10 mg Jardiance, 5 mg Eliquis twice a day", None, False),
        ("started 0.25 mg, then 0.5 mg, now 1 mg", "Ozempic", False),
        ("my 6yo took two of my Adderall by mistake", None, False),
        # non-catalogue medicines with a reference label
        ("my doctor gave me metformin for weight loss", None, True),
        # round 7: borrowing a child's stimulant to study is misuse, not off-label
        ("can I use my kid's ritalin to study for my exam?", None, False),
    ],
)
def test_off_label_table(suite: DetectorSuite, text: str, post: str | None, expected: bool) -> None:
    assert ("off_label" in kinds(suite, text, post)) is expected


@pytest.mark.parametrize(
    ("text", "post", "expected"),
    [
        ("Is it ok to have a glass of wine with Xarelto?", None, True),
        ("does Lipitor have to be taken at night?", None, True),
        ("my pen was left out of the fridge overnight, is it ruined?", "Ozempic", True),
        ("how many doses are in the 2mg pen?", "Ozempic", True),
        ("Can I get a flu shot while on Dupixent?", None, True),
        ("¿El Ozempic se puede usar junto con la metformina?", None, True),
        ("Kann man Cymbalta abends nehmen?", None, True),
        (
            "I'm a pharmacist and need information on dosing Jardiance in renal impairment",
            None,
            True,
        ),
        # money / access / small talk
        ("How do I renew my Jardiance savings card?", None, False),
        ("Why is this cheaper in Canada?", "Ozempic", False),
        ("is that song from the commercial on spotify?", "Humira", False),
        ("Great video, very informative", "How Dupixent works", False),
    ],
)
def test_medical_inquiry_table(
    suite: DetectorSuite, text: str, post: str | None, expected: bool
) -> None:
    assert ("medical_inquiry" in kinds(suite, text, post)) is expected


@pytest.mark.parametrize(
    ("text", "post", "expected"),
    [
        # lack of effect, misuse, medication errors, pregnancy exposure
        ("Zoloft worked for a year then just... stopped?", None, True),
        ("Cymbalta for my fibro = zero difference in pain", None, True),
        ("my LDL barely moved on lipitor", None, True),
        ("I dialed the pen wrong and gave myself 1mg instead of 0.25", "Ozempic", True),
        ("Adderall gets me through shifts, a friend hooks me up", None, True),
        ("I'm 8 weeks pregnant and still on Zoloft", None, True),
        # other languages
        ("Mit Ozempic habe ich ständig Durchfall", None, True),
        ("Depuis que je prends du Xarelto j'ai des saignements de nez", None, True),
        ("O Humira me deu uma infecção de garganta", None, True),
        ("Tomo Zoloft hace 2 meses y no siento ninguna mejoría", None, True),
        ("Mi mamá tuvo que ir a urgencias por un sangrado con Eliquis", None, True),
        # events without a lexicon word
        ("ozempic put me in the hospital", None, True),
        ("he started Cymbalta and now he's talking about not wanting to be here", None, True),
        ("the flu shot gave me a dead arm for 3 days", None, True),
        # hard negatives (DESIGN.md traps and benign comments)
        ("No side effects so far, feeling great on Ozempic", None, False),
        ("I haven't had any problems with it at all", "Lipitor", False),
        ("I heard it causes hair loss", "Xarelto", False),
        ("My pharmacist told me statins cause muscle pain in some people", None, False),
        ("Me reading the Xarelto side effects list", None, False),
        ("sertraline and chill", None, False),
        ("I'll take my chances with the afib honestly", "Eliquis", False),
        ("Humira gave me my life back. I can hold my grandson again.", None, False),
        ("can I get the shingles vaccine while on humira?", None, False),
        ("Xarelto box arrived crushed and two blister strips were empty", None, False),
        ("My A1C went 9.2 → 6.8 → 6.1 in a year. Thank you Ozempic!", None, False),
        ("email me at jo.smith@example.com about the Humira program", None, False),
        ("Ran a marathon 18 months after my heart attack. Lipitor crew!", None, False),
        ("My granddad refuses Eliquis because of the bleeding thing", None, False),
    ],
)
def test_adverse_event_table(
    suite: DetectorSuite, text: str, post: str | None, expected: bool
) -> None:
    assert ("adverse_event" in kinds(suite, text, post)) is expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("My A1C went 9.2 → 6.8. Thanks!", 2),
        ("mail jo.smith@example.com today. ok", 2),
        ("it worked... then stopped", 1),
        ("one! two? three", 3),
    ],
)
def test_sentence_split_keeps_numbers_and_addresses(text: str, sentences: int) -> None:
    assert len(Prepared(text).sentences) == sentences


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Dupixent for my 3 month old's eczema", 0.25),
        ("9yo son on Lexapro", 9.0),
        ("Tengo 16 años y tomo Effexor", 16.0),
    ],
)
def test_patient_ages(text: str, age: float) -> None:
    from moderator.detect.context import find_patient

    assert find_patient(Prepared(text)).age == age
