"""Table tests for the non-privacy detectors, including the classic traps."""

from __future__ import annotations

import time
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
        ("I take Adderall to study for exams", None, {"off_label"}, set()),
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
def test_hostile_input_is_bounded(suite: DetectorSuite, text: str) -> None:
    start = time.perf_counter()
    suite.analyze(AnalysisInput("h", text, text))
    assert time.perf_counter() - start < 5.0


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
