"""Case records built from the real detector suite's verdicts (skipped if it cannot load)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from moderator.escalation import cases
from moderator.escalation.e2b import build_e2b
from moderator.escalation.record import build_case_record
from moderator.models import AnalysisInput

try:
    from moderator.detect import DetectorSuite
except Exception as error:  # noqa: BLE001 - any import failure means "not available here"
    DetectorSuite = None
    IMPORT_ERROR = f"moderator.detect.DetectorSuite cannot be imported: {error!r}"
else:
    IMPORT_ERROR = ""

pytestmark = pytest.mark.skipif(DetectorSuite is None, reason=IMPORT_ERROR or "n/a")

SERIOUS = "My mum was hospitalised with pancreatitis after her Ozempic shots, she is still in pain."
FROM_POST = "This gave me awful headaches and I threw up all night."
POST = "Ozempic: once-weekly semaglutide for adults with type 2 diabetes."


@pytest.fixture(scope="module")
def suite():
    try:
        return DetectorSuite()
    except Exception as error:  # noqa: BLE001
        pytest.skip(f"DetectorSuite() failed to build: {error!r}")


def _analysed(store, suite, cid, text, post_text=POST):
    analysis = suite.analyze(AnalysisInput(cid, text, post_text))
    local = store.add(cid, text, analysis=analysis, post_text=post_text)
    return local, analysis


def test_serious_ae_record_from_the_detectors(store, suite):
    local, analysis = _analysed(store, suite, "d-1", SERIOUS)
    assert analysis.adverse_event is not None, "the suite should see an AE here"
    record = build_case_record(store.db, local)
    criteria = record["criteria"]
    assert criteria["suspect_product"]["present"]
    assert criteria["suspect_product"]["value"] == "Ozempic"
    ev = criteria["suspect_product"]["evidence"]
    assert SERIOUS[ev["start"] : ev["end"]] == ev["text"]
    assert criteria["adverse_event"]["present"]
    for span in (
        criteria["adverse_event"]["evidence"],
        criteria["identifiable_patient"]["evidence"],
    ):
        if span:
            assert SERIOUS[span["start"] : span["end"]] == span["text"]
    assert record["patient"]["who"] == "mother" and record["patient"]["sex"] == "F"
    assert record["serious"] is True
    assert record["seriousness"]["criteria"]["hospitalisation"]["present"] is True
    assert record["reporter"]["qualification_code"] == 5
    assert record["detection"]["detector_version"] == analysis.detector_version
    assert "experienced" in record["narrative"] and SERIOUS in record["narrative"]
    case = cases.get_case(store.db, cases.open_case(store.db, local, "alice"))
    root = ET.fromstring(build_e2b(case))
    names = [e.text for e in root.iter("{urn:hl7-org:v3}name") if e.text]
    assert "Ozempic" in names


def test_product_from_the_post(store, suite):
    local, analysis = _analysed(store, suite, "d-2", FROM_POST)
    if analysis.adverse_event is None:
        pytest.skip("this detector version does not take the product from the post")
    record = build_case_record(store.db, local)
    product = record["criteria"]["suspect_product"]
    assert product["present"] and product["source"] == "the post" and product["evidence"] is None
    assert record["products"][0]["from_post"] is True


def test_hcp_reporter_from_the_detectors(store, suite):
    text = "As a pharmacist I had a patient on Ozempic who developed severe vomiting."
    local, analysis = _analysed(store, suite, "d-3", text)
    if analysis.adverse_event is None:
        pytest.skip("no AE detected for the HCP sentence in this detector version")
    record = build_case_record(store.db, local)
    assert record["reporter"]["qualification_code"] == 2
    assert record["reporter"]["evidence"]["text"].lower().startswith("as a pharmacist")


def test_denial_is_no_ae_and_every_criterion_reads_missing_or_not(store, suite):
    local, analysis = _analysed(store, suite, "d-4", "No side effects at all on Ozempic so far!")
    assert analysis.adverse_event is None
    record = build_case_record(store.db, local)
    assert record["criteria"]["adverse_event"]["present"] is False
    assert "adverse_event" in record["criteria"]["missing"]
