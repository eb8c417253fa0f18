"""The escalation form on the tiny demo workspace: checklist, edits, clocks, referrals, export."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from moderator import escalation
from moderator.models import AdverseEventDetails, Analysis, Evidence, Flag
from moderator.store.flags import save_analyses
from moderator.timeutil import to_text, utc_now
from tests.ui.conftest import HTML_TEXT
from ui.escalation_form import ROLE_COLOURS, EscalationForm

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support propagateSizeHints", "This plugin does not support raise"
    ),
    pytest.mark.timeout(60),
]

TEXT_1 = "This gave me hives after two doses"


def local_id(window, platform_id: str) -> int:
    row = window.db.execute("SELECT id FROM comments WHERE platform_id = ?", [platform_id])
    return row.fetchone()[0]


def span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def hives_id(window) -> int:
    """c-0001 with a detector verdict that names patient, product and event spans."""
    comment_id = local_id(window, "c-0001")
    p0, p1 = span(TEXT_1, "This")
    m0, m1 = span(TEXT_1, "me")
    e0, e1 = span(TEXT_1, "hives")
    details = AdverseEventDetails(
        serious=False,
        seriousness=(),
        patient={"who": "self", "evidence": {"start": m0, "end": m1, "text": "me"}},
        reporter={"type": "consumer", "qualification": "consumer", "evidence": None},
        products=(
            {
                "as_reported": "This",
                "name": "Xarelto",
                "generic": "rivaroxaban",
                "in_catalog": True,
                "start": p0,
                "end": p1,
                "from_post": False,
            },
        ),
        events=({"text": "hives", "start": e0, "end": e1, "source": "lexicon"},),
    )
    flags = (
        Flag("adverse_event", 0.9, (Evidence(e0, e1, "hives", "event"),), "hives"),
        Flag("medical_inquiry", 0.5, (Evidence(0, 4, "This", "question"),), "asks"),
    )
    save_analyses(window.db, [(comment_id, Analysis("c-0001", flags, details, "test-1"))])
    return comment_id


def open_form(window, comment_id: int) -> EscalationForm:
    form = window.extensions["ui.escalation_form"].open(comment_id)
    assert form is not None
    return form


def highlighted(form: EscalationForm) -> dict[str, str]:
    """Highlighted words -> the colour name of their role."""
    text = form.text_view.toPlainText()
    return {
        text[s.cursor.selectionStart() : s.cursor.selectionEnd()]: s.format.background()
        .color()
        .name()
        for s in form.text_view.extraSelections()
    }


def test_e_key_opens_the_form_for_the_current_comment(window, qtbot):
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_E)
    controller = window.extensions["ui.escalation_form"]
    qtbot.waitUntil(
        lambda: controller.form is not None and controller.form.isVisible(), timeout=10_000
    )
    assert controller.form.comment_id == window.current_comment_id()
    assert controller.form.case is None  # a draft until the moderator escalates
    assert controller.form.escalate_button.isVisible()


def test_evidence_is_highlighted_per_criterion(window, hives_id):
    form = open_form(window, hives_id)
    assert form.text_view.toPlainText() == TEXT_1
    assert form.text_view.isReadOnly()
    assert highlighted(form) == {
        "This": ROLE_COLOURS["product"].name(),
        "me": ROLE_COLOURS["patient"].name(),
        "hives": ROLE_COLOURS["event"].name(),
    }
    marks = {key: form.criterion_widgets[key][0].text() for key in form.criterion_widgets}
    assert marks == {
        "identifiable_patient": "✓",
        "identifiable_reporter": "✓",
        "suspect_product": "✓",
        "adverse_event": "✓",
    }
    _mark, value, evidence, confidence = form.criterion_widgets["suspect_product"]
    assert value.text() == "Xarelto"
    assert evidence.text() == "“This”"
    assert confidence.text() == "0.90"
    assert form.product_edit.text() == "This"
    assert form.events_edit.toPlainText() == "hives"
    assert form.medinfo_button.isVisibleTo(form)  # medical question flag
    assert not form.quality_button.isVisibleTo(form)


def test_missing_criteria_are_obvious(window):
    form = open_form(window, local_id(window, "c-0006"))  # keyword analyzer: no patient named
    mark, value, _evidence, confidence = form.criterion_widgets["identifiable_patient"]
    assert mark.text() == "✗"
    assert "b71c1c" in mark.styleSheet()
    assert value.text().startswith("missing: ask the reporter for who had the reaction")
    assert confidence.text() == "0.00"
    assert "identifiable patient missing" in form.missing_label.text()
    assert form.serious_checks["hospitalisation"].isChecked()
    assert not form.serious_checks["death"].isChecked()


def test_comment_html_is_shown_literally(window):
    form = open_form(window, local_id(window, "c-0004"))
    assert form.text_view.toPlainText() == HTML_TEXT
    assert form.text_view.document().toRawText() == HTML_TEXT
    labels = form.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)


def test_escalating_saves_the_edits_and_audits_them(window, hives_id):
    form = open_form(window, hives_id)
    form.age_edit.setText("45")
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("F"))
    form.lot_edit.setText("AB1234")
    form.serious_checks["hospitalisation"].setChecked(True)
    form.note_edit.setText("please follow up")
    case_id = form.escalate()
    assert case_id is not None, form.last_error
    case = escalation.get_case(window.db, case_id)
    record = case["record"]
    assert case["note"] == "please follow up"
    assert record["patient"]["age"] == 45.0
    assert record["patient"]["sex"] == "F"
    assert record["products"][0]["lot"] == "AB1234"
    assert record["serious"] is True  # the checkbox made it serious
    assert case["regulatory_due_at"] < to_text(utc_now() + timedelta(days=16))
    status = window.db.execute("SELECT status FROM comments WHERE id = ?", [hives_id])
    assert status.fetchone()[0] == "escalated"
    edits = list(
        window.db.query(
            "SELECT actor, before, after FROM audit_log WHERE action = 'escalation.edit' "
            "AND comment_id = ?",
            [hives_id],
        )
    )
    assert len(edits) == 1
    after = json.loads(edits[0]["after"])
    assert edits[0]["actor"] == "alice"
    assert after["patient.age"] == 45.0
    assert after["products.0.lot"] == "AB1234"
    assert after["seriousness.criteria.hospitalisation.present"] is True
    assert json.loads(edits[0]["before"])["patient.age"] is None
    # the form now shows the stored case
    assert form.case["id"] == case_id
    assert form.save_button.isVisible() and form.ack_button.isEnabled()
    assert not form.escalate_button.isVisible()


def test_save_edits_on_an_existing_case(window, hives_id):
    case_id = escalation.open_case(window.db, hives_id, "alice")
    form = open_form(window, hives_id)
    assert form.case["id"] == case_id
    form.country_edit.setText("gb")
    assert form.save_edits()
    record = escalation.get_case(window.db, case_id)["record"]
    assert record["reporter"]["country"] == "GB"
    assert record["case"]["revision"] == 1
    assert not form.save_edits()  # nothing changed since


def test_acknowledging_stops_the_internal_clock(window, hives_id):
    form = open_form(window, hives_id)
    case_id = form.escalate()
    assert form.ack_button.isEnabled()
    assert form.acknowledge()
    case = escalation.get_case(window.db, case_id)
    assert case["status"] == "acknowledged"
    state = escalation.clock_state(case)
    assert state["internal"]["stopped"]
    assert form.internal_label.text().startswith("acknowledged")
    assert not form.ack_button.isEnabled()


def test_countdown_turns_red_when_overdue_and_ticks_every_minute(window, hives_id):
    past = to_text(utc_now() - timedelta(hours=30))
    window.db.execute("UPDATE comments SET first_seen_at = ? WHERE id = ?", [past, hives_id])
    form = open_form(window, hives_id)
    assert form.internal_label.text().startswith("overdue by 6 h")
    assert "b71c1c" in form.internal_label.styleSheet()
    assert "left" in form.regulatory_label.text()
    assert "b71c1c" not in form.regulatory_label.styleSheet()
    assert form.timer.isActive() and form.timer.interval() == 60_000
    form.now = lambda: utc_now() - timedelta(hours=10)  # the clock as it was 10 hours ago
    form.update_countdown()
    assert form.internal_label.text().startswith("3 h")
    assert form.internal_label.styleSheet() == ""


@pytest.mark.parametrize(("fmt", "suffix"), [("json", ".json"), ("e2b", ".xml"), ("pdf", ".pdf")])
def test_export_writes_the_case(window, hives_id, tmp_path, fmt, suffix):
    form = open_form(window, hives_id)
    case_id = form.escalate()
    written = form.export_to(tmp_path / "case", fmt)
    assert written is not None, form.last_error
    assert written.suffix == suffix and written.stat().st_size > 0
    if fmt == "json":
        assert case_id in written.read_text(encoding="utf-8")
    audit = window.db.execute(
        "SELECT count(*) FROM audit_log WHERE action LIKE 'escalation.export%'"
    ).fetchone()[0]
    assert audit == 1


def test_quality_referral_for_a_complaint(window):
    comment_id = local_id(window, "c-0003")  # "My pen was leaking, lot AB1234"
    form = open_form(window, comment_id)
    assert form.quality_button.isVisibleTo(form)
    case_id = form.refer("quality")
    assert case_id is not None, form.last_error
    assert escalation.get_case(window.db, case_id)["kind"] == "quality"
    assert not form.quality_button.isEnabled()  # one active quality case per comment


def test_duplicate_escalation_shows_one_sentence(window, hives_id):
    form = open_form(window, hives_id)
    escalation.open_case(window.db, hives_id, "bob")  # someone else was faster
    assert form.escalate() is None
    assert "already has an active pv case" in (form.last_error or "")


def test_shift_e_keeps_the_quick_note_escalation(window, qtbot):
    comment_id = window.current_comment_id()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    dialog = window.open_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.accept()
    assert window.db["comments"].get(comment_id)["status"] == "escalated"
    assert window.extensions["ui.escalation_form"].form is None
