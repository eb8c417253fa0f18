"""The escalation form: one comment as a PV case record, checked, edited and sent on the clock.

Why a form and not a note: PV needs the four minimum criteria with the words that support
them, and the moderator is the one who can see at a glance what is missing ("ask the reporter
for the product name") before the internal deadline runs out. The form shows the comment as
plain text with each criterion's evidence in its own colour, a checklist, the seriousness
criteria, editable detector values and both countdowns; escalating opens the case
(``open_case``) and then applies the moderator's changes (``edit_case``), so every change to
what the detectors found is its own audited edit.

All comment-derived text is plain: a ``QPlainTextEdit`` for the comment and ``Qt.PlainText``
labels, so HTML in a comment shows exactly as typed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDoubleValidator, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from moderator import escalation, queue
from moderator.escalation import clock
from moderator.escalation.cases import ACTIVE_STATUSES, internal_hours
from moderator.escalation.record import QUALIFICATION_NAMES, SERIOUSNESS_CRITERIA
from moderator.timeutil import parse, utc_now
from ui.detail_pane import KIND_HIGHLIGHTS, evidence_spans, utf16_offset
from ui.errors import describe_error
from ui.queue_model import local_time

Now = Callable[[], datetime]
COUNTDOWN_INTERVAL_MS = 60_000
OVERDUE_STYLE = "color: #b71c1c; font-weight: bold;"
OK_STYLE = "color: #1b5e20;"
MISSING_STYLE = "color: #b71c1c;"

# Evidence roles, their colours and the legend text (order = legend order).
ROLE_COLOURS: dict[str, QColor] = {
    "patient": QColor("#bbdefb"),
    "reporter": QColor("#c8e6c9"),
    "product": QColor("#fff59d"),
    "event": QColor("#ffcdd2"),
    "seriousness": QColor("#e1bee7"),
}
ROLE_LABELS: dict[str, str] = {
    "patient": "Patient",
    "reporter": "Reporter",
    "product": "Product",
    "event": "Event",
    "seriousness": "Seriousness",
}
# The four minimum criteria in the order the brief of a valid ICSR lists them.
CRITERIA: tuple[tuple[str, str, str], ...] = (
    ("identifiable_patient", "Identifiable patient", "who had the reaction (age, sex or initials)"),
    ("identifiable_reporter", "Identifiable reporter", "a way to contact them"),
    ("suspect_product", "Suspect product", "the product name (and the lot number)"),
    ("adverse_event", "Adverse event", "what happened, and when"),
)
SERIOUSNESS_TEXT: dict[str, str] = {
    "death": "Death",
    "life_threatening": "Life-threatening",
    "hospitalisation": "Hospitalisation",
    "disability": "Disability",
    "congenital_anomaly": "Congenital anomaly",
    "other_medically_important": "Other medically important",
}
SEX_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("unknown", None),
    ("female", "F"),
    ("male", "M"),
)
EXPORT_FILTERS: dict[str, str] = {
    "json": "Case record (*.json)",
    "e2b": "E2B(R3) XML (*.xml)",
    "pdf": "CIOMS-style PDF (*.pdf)",
}


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def describe_value(value: Any) -> str:
    """A criterion value in a few words ("who: wife, age: 45, sex: F")."""
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {describe_value(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(describe_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def record_spans(record: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, role) of every evidence span a PV record names, in text order."""
    spans: list[tuple[int, int, str]] = []

    def add(item: Any, role: str) -> None:
        if isinstance(item, Mapping) and item.get("start") is not None and item.get("end"):
            spans.append((int(item["start"]), int(item["end"]), role))

    add((record.get("patient") or {}).get("evidence"), "patient")
    add((record.get("reporter") or {}).get("evidence"), "reporter")
    for product in record.get("products") or []:
        add(product.get("evidence"), "product")
    for event in record.get("events") or []:
        add(event, "event")
    criteria = (record.get("seriousness") or {}).get("criteria") or {}
    for item in criteria.values():
        if item.get("present"):
            add(item.get("evidence"), "seriousness")
    return sorted(spans)


def active_case_id(db: Database, comment_id: int, kind: str) -> str | None:
    """The comment's open or acknowledged case of ``kind``, newest first."""
    row = db.execute(
        "SELECT id FROM escalations WHERE comment_id = ? AND kind = ? AND status IN (?, ?) "
        "ORDER BY created_at DESC LIMIT 1",
        [comment_id, kind, *ACTIVE_STATUSES],
    ).fetchone()
    return row[0] if row else None


class HighlightedText(QPlainTextEdit):
    """The comment, read-only plain text, with (start, end, colour) spans highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.spans: list[tuple[int, int, str]] = []

    def show_text(self, text: str, spans: list[tuple[int, int, str]], colours: dict) -> None:
        self.setPlainText(text)
        self.spans = [(a, b, r) for a, b, r in spans if 0 <= a < b <= len(text)]
        selections = []
        for start, end, role in self.spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(text, start))
            cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setBackground(colours.get(role, QColor("#e0e0e0")))
            selection.cursor = cursor
            selection.format = char_format
            selections.append(selection)
        self.setExtraSelections(selections)


class EscalationForm(QDialog):
    """The case record of one comment: a draft before escalation, the stored case after.

    ``case_changed(case_id)`` fires after every stored change (open, edit, acknowledge).
    """

    case_changed = Signal(str)

    def __init__(
        self,
        db: Database,
        comment_id: int,
        actor: str,
        *,
        case_id: str | None = None,
        now: Now = utc_now,
        logs_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.comment_id = comment_id
        self.actor = actor
        self.now = now
        self.logs_dir = logs_dir
        self.case: dict[str, Any] | None = None
        self.record: dict[str, Any] = {}
        self.last_error: str | None = None
        self.export_dialog: QFileDialog | None = None
        self.setObjectName("escalationForm")
        self.setWindowTitle("Escalate to pharmacovigilance")
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(COUNTDOWN_INTERVAL_MS)
        self.timer.timeout.connect(self.update_countdown)
        self.timer.start()
        self.load(case_id or active_case_id(db, comment_id, "pv"))
        self.resize(1180, 800)

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = plain_label()
        self.header.setObjectName("formHeader")
        self.text_view = HighlightedText()
        self.text_view.setObjectName("formText")
        legend = QHBoxLayout()
        legend.addWidget(plain_label("Evidence:", wrap=False))
        for role, colour in ROLE_COLOURS.items():
            chip = plain_label(ROLE_LABELS[role], wrap=False)
            chip.setStyleSheet(f"background: {colour.name()}; padding: 1px 6px;")
            legend.addWidget(chip)
        legend.addStretch(1)
        self.status_label = plain_label()
        self.status_label.setObjectName("caseStatus")
        self.internal_label = plain_label()
        self.regulatory_label = plain_label()
        clocks = QGroupBox("Deadlines")
        clock_form = QFormLayout(clocks)
        clock_form.addRow(plain_label("Case:", wrap=False), self.status_label)
        clock_form.addRow(
            plain_label("Internal (hand-over to PV):", wrap=False), self.internal_label
        )
        clock_form.addRow(
            plain_label("Regulatory (submission):", wrap=False), self.regulatory_label
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.header)
        left_layout.addWidget(self.text_view, 1)
        left_layout.addLayout(legend)
        left_layout.addWidget(clocks)

        self.checklist = QGroupBox("Minimum criteria")
        grid = QGridLayout(self.checklist)
        for column, title in enumerate(("", "Criterion", "Value", "Evidence", "Confidence")):
            heading = plain_label(title, wrap=False)
            heading.setStyleSheet("font-weight: bold;")
            grid.addWidget(heading, 0, column)
        self.criterion_widgets: dict[str, tuple[QLabel, QLabel, QLabel, QLabel]] = {}
        for row, (key, title, _ask) in enumerate(CRITERIA, start=1):
            mark, value, evidence, confidence = (
                plain_label(wrap=False),
                plain_label(),
                plain_label(),
                plain_label(wrap=False),
            )
            mark.setObjectName(f"mark_{key}")
            grid.addWidget(mark, row, 0)
            grid.addWidget(plain_label(title, wrap=False), row, 1)
            grid.addWidget(value, row, 2)
            grid.addWidget(evidence, row, 3)
            grid.addWidget(confidence, row, 4)
            self.criterion_widgets[key] = (mark, value, evidence, confidence)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        self.missing_label = plain_label()
        self.missing_label.setObjectName("missingSummary")
        grid.addWidget(self.missing_label, len(CRITERIA) + 1, 0, 1, 5)

        serious_box = QGroupBox("Seriousness")
        serious_grid = QGridLayout(serious_box)
        self.serious_checks: dict[str, QCheckBox] = {}
        for n, name in enumerate(SERIOUSNESS_CRITERIA):
            check = QCheckBox(SERIOUSNESS_TEXT[name])
            check.setObjectName(f"serious_{name}")
            self.serious_checks[name] = check
            serious_grid.addWidget(check, n // 3, n % 3)

        fields = QGroupBox("Case details (prefilled by the detectors; edits are audited)")
        form = QFormLayout(fields)
        self.age_edit = QLineEdit()
        self.age_edit.setValidator(QDoubleValidator(0.0, 130.0, 1, self.age_edit))
        self.age_edit.setPlaceholderText("years")
        self.sex_combo = QComboBox()
        for label, value in SEX_CHOICES:
            self.sex_combo.addItem(label, value)
        self.qualification_combo = QComboBox()
        for code in (5, 1, 2, 3, 4):
            self.qualification_combo.addItem(QUALIFICATION_NAMES[code], code)
        self.country_edit = QLineEdit()
        self.country_edit.setMaxLength(3)
        self.country_edit.setPlaceholderText("ISO code, e.g. GB")
        self.product_edit = QLineEdit()
        self.lot_edit = QLineEdit()
        self.dose_edit = QLineEdit()
        self.events_edit = QPlainTextEdit()
        self.events_edit.setPlaceholderText("one event per line, as reported")
        self.events_edit.setFixedHeight(64)
        self.narrative_edit = QPlainTextEdit()
        self.narrative_edit.setMinimumHeight(110)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText("optional note for PV")
        form.addRow(plain_label("Patient age:", wrap=False), self.age_edit)
        form.addRow(plain_label("Patient sex:", wrap=False), self.sex_combo)
        form.addRow(plain_label("Reporter qualification:", wrap=False), self.qualification_combo)
        form.addRow(plain_label("Reporter country:", wrap=False), self.country_edit)
        form.addRow(plain_label("Product as reported:", wrap=False), self.product_edit)
        form.addRow(plain_label("Lot:", wrap=False), self.lot_edit)
        form.addRow(plain_label("Dose:", wrap=False), self.dose_edit)
        form.addRow(plain_label("Events:", wrap=False), self.events_edit)
        form.addRow(plain_label("Narrative:", wrap=False), self.narrative_edit)
        form.addRow(plain_label("Note:", wrap=False), self.note_edit)
        self.other_view = QPlainTextEdit()
        self.other_view.setReadOnly(True)
        self.other_view.hide()

        right_body = QWidget()
        right_layout = QVBoxLayout(right_body)
        right_layout.addWidget(self.checklist)
        right_layout.addWidget(serious_box)
        right_layout.addWidget(fields)
        right_layout.addWidget(self.other_view)
        right_layout.addStretch(1)
        self.pv_sections = (self.checklist, serious_box, fields)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right_body)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 700])

        self.escalate_button = QPushButton("Escalate to PV")
        self.escalate_button.setDefault(True)
        self.escalate_button.clicked.connect(self.escalate)
        self.save_button = QPushButton("Save edits")
        self.save_button.clicked.connect(self.save_edits)
        self.ack_button = QPushButton("Acknowledge (PV)")
        self.ack_button.setToolTip("PV has the case: stops the internal clock")
        self.ack_button.clicked.connect(self.acknowledge)
        self.export_button = QPushButton("Export…")
        self.export_button.clicked.connect(self.choose_export)
        self.quality_button = QPushButton("Send to Quality")
        self.quality_button.clicked.connect(lambda: self.refer("quality"))
        self.medinfo_button = QPushButton("Medical Information referral")
        self.medinfo_button.clicked.connect(lambda: self.refer("medinfo"))
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.quality_button, self.medinfo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (
            self.export_button,
            self.ack_button,
            self.save_button,
            self.escalate_button,
            close_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # -- loading -------------------------------------------------------------------------------
    def load(self, case_id: str | None) -> None:
        """Show the stored case ``case_id``, or a draft record when there is none."""
        self.detail = queue.comment_detail(self.db, self.comment_id)
        if case_id:
            self.case = escalation.get_case(self.db, case_id)
            self.record = self.case["record"]
        else:
            self.case = None
            self.record = escalation.build_case_record(self.db, self.comment_id)
        kind = self.case["kind"] if self.case else "pv"
        comment = self.detail.comment
        self.header.setText(
            " · ".join(
                [
                    comment.get("author_name") or "(unknown author)",
                    f"{comment.get('page_name')} ({comment.get('platform')})",
                    f"posted {local_time(comment.get('created_at'))}",
                    f"day zero {local_time(comment.get('first_seen_at'))}",
                ]
            )
        )
        text = comment["text"]
        if kind == "pv":
            self.text_view.show_text(text, record_spans(self.record), ROLE_COLOURS)
        else:
            spans = [(s.start, s.end, s.kind) for s in evidence_spans(text, self.detail.flags)]
            self.text_view.show_text(text, spans, KIND_HIGHLIGHTS)
        for section in self.pv_sections:
            section.setVisible(kind == "pv")
        self.other_view.setVisible(kind != "pv")
        if kind == "pv":
            self._fill_checklist()
            self._fill_fields()
        else:
            body = {k: v for k, v in self.record.items() if k in ("complaint", "referral")}
            self.other_view.setPlainText(json.dumps(body, ensure_ascii=False, indent=2))
        self._update_buttons()
        self.update_countdown()

    def _fill_checklist(self) -> None:
        criteria = self.record.get("criteria") or {}
        text = self.detail.comment["text"]
        missing: list[str] = []
        for key, _title, ask in CRITERIA:
            mark, value, evidence, confidence = self.criterion_widgets[key]
            item = criteria.get(key) or {}
            if item.get("present"):
                mark.setText("✓")
                mark.setStyleSheet(OK_STYLE + " font-weight: bold;")
                value.setText(describe_value(item.get("value")))
                value.setStyleSheet("")
                span = item.get("evidence")
                quoted = ""
                if isinstance(span, Mapping) and span.get("start") is not None:
                    quoted = f"“{text[int(span['start']) : int(span['end'])]}”"
                evidence.setText(quoted or f"({item.get('source') or 'implied'})")
                confidence.setText(f"{float(item.get('confidence') or 0):.2f}")
            else:
                mark.setText("✗")
                mark.setStyleSheet(MISSING_STYLE + " font-weight: bold;")
                value.setText(f"missing: ask the reporter for {ask}")
                value.setStyleSheet(MISSING_STYLE)
                evidence.setText("")
                confidence.setText("0.00")
                missing.append(key)
        if missing:
            names = ", ".join(t for k, t, _a in CRITERIA if k in missing).lower()
            self.missing_label.setText(
                f"Not yet a valid case: {names} missing. Escalate anyway (PV follows up) "
                "and ask the reporter in a private message."
            )
            self.missing_label.setStyleSheet(MISSING_STYLE)
        else:
            self.missing_label.setText("All four minimum criteria are present.")
            self.missing_label.setStyleSheet(OK_STYLE)

    def _fill_fields(self) -> None:
        record = self.record
        criteria = (record.get("seriousness") or {}).get("criteria") or {}
        for name, check in self.serious_checks.items():
            item = criteria.get(name) or {}
            check.setChecked(bool(item.get("present")))
            span = item.get("evidence")
            check.setToolTip(f"Evidence: “{span['text']}”" if span else "")
        patient, reporter = record.get("patient") or {}, record.get("reporter") or {}
        age = patient.get("age")
        self.age_edit.setText("" if age is None else describe_value(float(age)))
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(patient.get("sex"))))
        self.qualification_combo.setCurrentIndex(
            max(0, self.qualification_combo.findData(int(reporter.get("qualification_code") or 5)))
        )
        self.country_edit.setText(str(reporter.get("country") or ""))
        product = (record.get("products") or [{}])[0]
        self.product_edit.setText(
            str(product.get("name_as_reported") or product.get("matched_product") or "")
        )
        self.lot_edit.setText(str(product.get("lot") or ""))
        self.dose_edit.setText(str(product.get("dose_text") or ""))
        self.events_edit.setPlainText(
            "\n".join(str(e.get("text_verbatim") or "") for e in record.get("events") or [])
        )
        self.narrative_edit.setPlainText(str(record.get("narrative") or ""))
        note = self.case.get("note") if self.case else None
        self.note_edit.setText(str(note or ""))

    def _update_buttons(self) -> None:
        status = self.case["status"] if self.case else None
        kind = self.case["kind"] if self.case else "pv"
        editable = status in ACTIVE_STATUSES
        self.escalate_button.setVisible(self.case is None)
        self.save_button.setVisible(self.case is not None)
        self.save_button.setEnabled(editable)
        self.ack_button.setVisible(self.case is not None)
        self.ack_button.setEnabled(status == "open")
        self.export_button.setVisible(self.case is not None)
        kinds = {f["kind"] for f in self.detail.flags}
        self.quality_button.setVisible("product_complaint" in kinds and kind == "pv")
        self.quality_button.setEnabled(not active_case_id(self.db, self.comment_id, "quality"))
        self.medinfo_button.setVisible(
            bool(kinds & {"off_label", "medical_inquiry"}) and kind == "pv"
        )
        self.medinfo_button.setEnabled(not active_case_id(self.db, self.comment_id, "medinfo"))
        for widget in (self.age_edit, self.country_edit, self.product_edit, self.lot_edit):
            widget.setReadOnly(not (editable or self.case is None))
        titles = {"pv": "PV case", "quality": "Quality complaint", "medinfo": "MedInfo referral"}
        if self.case:
            self.setWindowTitle(f"{titles.get(kind, kind)} {self.case['id'][:8]} — {status}")
        else:
            self.setWindowTitle("Escalate to pharmacovigilance")

    # -- the clocks ----------------------------------------------------------------------------
    def clocks(self) -> dict[str, Any]:
        """The case's clock state, or for a draft what it would be if escalated now."""
        now = self.now()
        if self.case:
            return escalation.clock_state(self.case, now)
        serious = any(check.isChecked() for check in self.serious_checks.values())
        due = clock.deadlines(
            parse(self.detail.comment["first_seen_at"]), serious, internal_hours(self.db)
        )
        draft = {
            "internal_due_at": due.internal_due_at.isoformat(),
            "regulatory_due_at": due.regulatory_due_at.isoformat(),
            "status": "open",
        }
        return escalation.clock_state(draft, now)

    def update_countdown(self) -> None:
        """Refresh both countdowns (every minute, and after every change)."""
        state = self.clocks()
        status = self.case["status"] if self.case else "not escalated yet"
        self.status_label.setText(
            status if not self.case else f"{status} (opened by {self.case['created_by']})"
        )
        for label, item in (
            (self.internal_label, state["internal"]),
            (self.regulatory_label, state["regulatory"]),
        ):
            if item is None:
                label.setText("none for this kind of case")
                label.setStyleSheet("")
                continue
            due = clock.format_local(parse(item["due_at"]))
            label.setText(f"{item['text']} (due {due})")
            running_late = item["overdue"] and not item["stopped"]
            late = running_late or (item["stopped"] and item["overdue"])
            label.setStyleSheet(OVERDUE_STYLE if late else "")

    # -- the moderator's changes ---------------------------------------------------------------
    def changes(self) -> dict[str, Any]:
        """Dotted paths whose form value differs from the record (what ``edit_case`` takes)."""
        record = self.record
        changed: dict[str, Any] = {}
        criteria = (record.get("seriousness") or {}).get("criteria") or {}
        for name, check in self.serious_checks.items():
            if check.isChecked() != bool((criteria.get(name) or {}).get("present")):
                changed[f"seriousness.criteria.{name}.present"] = check.isChecked()
        patient, reporter = record.get("patient") or {}, record.get("reporter") or {}
        age_text = self.age_edit.text().strip().replace(",", ".")
        age = float(age_text) if age_text else None
        if age != patient.get("age"):
            changed["patient.age"] = age
            changed["patient.age_unit"] = "a" if age is not None else None
        sex = self.sex_combo.currentData()
        if sex != patient.get("sex"):
            changed["patient.sex"] = sex
            changed["patient.sex_code"] = {"M": 1, "F": 2}.get(sex or "")
        code = int(self.qualification_combo.currentData())
        if code != int(reporter.get("qualification_code") or 5):
            changed["reporter.qualification_code"] = code
            changed["reporter.qualification_name"] = QUALIFICATION_NAMES[code]
            changed["reporter.type"] = "consumer" if code == 5 else "hcp"
        country = self.country_edit.text().strip().upper() or "UNK"
        if country != str(reporter.get("country") or "UNK"):
            changed["reporter.country"] = country
            changed["reporter.country_source"] = "moderator"
        changed.update(self._product_changes())
        events = [line.strip() for line in self.events_edit.toPlainText().splitlines()]
        events = [line for line in events if line]
        current = [str(e.get("text_verbatim") or "") for e in record.get("events") or []]
        if events != current:
            by_text = {str(e.get("text_verbatim")): e for e in record.get("events") or []}
            changed["events"] = [
                by_text.get(text)
                or {"text_verbatim": text, "start": None, "end": None, "source": "moderator"}
                for text in events
            ]
        narrative = self.narrative_edit.toPlainText().strip()
        if narrative != str(record.get("narrative") or "").strip():
            changed["narrative"] = narrative
        note = self.note_edit.text().strip() or None
        if self.case is not None and note != (self.case.get("note") or None):
            changed["note"] = note
        return changed

    def _product_changes(self) -> dict[str, Any]:
        products = self.record.get("products") or []
        name = self.product_edit.text().strip() or None
        lot = self.lot_edit.text().strip() or None
        dose = self.dose_edit.text().strip() or None
        if not products:
            if not (name or lot or dose):
                return {}
            return {
                "products": [
                    {
                        "name_as_reported": name,
                        "matched_product": None,
                        "generic": None,
                        "in_catalog": False,
                        "from_post": False,
                        "evidence": None,
                        "role": "suspect",
                        "role_code": 1,
                        "dose_text": dose,
                        "lot": lot,
                        "source": "moderator",
                    }
                ]
            }
        first = products[0]
        shown = first.get("name_as_reported") or first.get("matched_product") or None
        changed: dict[str, Any] = {}
        if name != shown:
            changed["products.0.name_as_reported"] = name
        if lot != (first.get("lot") or None):
            changed["products.0.lot"] = lot
        if dose != (first.get("dose_text") or None):
            changed["products.0.dose_text"] = dose
        return changed

    # -- commands ------------------------------------------------------------------------------
    def _fail(self, error: BaseException, doing: str) -> None:
        self.last_error = describe_error(error, doing, self.logs_dir)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Escalation",
            self.last_error,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self._error_box = box

    def escalate(self) -> str | None:
        """Open the PV case, then apply the moderator's edits as one audited change."""
        try:
            edits = self.changes()
        except ValueError as error:
            self._fail(error, "Reading the form")
            return None
        note = self.note_edit.text().strip() or None
        try:
            case_id = escalation.open_case(self.db, self.comment_id, self.actor, note, "pv")
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._fail(error, "Escalating")
            return None
        if edits:
            try:
                escalation.edit_case(self.db, case_id, edits, self.actor)
            except Exception as error:  # noqa: BLE001 - the case exists; say the edits failed
                self._fail(error, "Saving the edits to the new case")
        self.load(case_id)
        self.case_changed.emit(case_id)
        return case_id

    def save_edits(self) -> bool:
        if self.case is None:
            return False
        try:
            edits = self.changes()
            if not edits:
                return False
            escalation.edit_case(self.db, self.case["id"], edits, self.actor)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._fail(error, "Saving the edits")
            return False
        self.load(self.case["id"])
        self.case_changed.emit(self.case["id"])
        return True

    def acknowledge(self) -> bool:
        if self.case is None:
            return False
        try:
            escalation.acknowledge(self.db, self.case["id"], self.actor, at=self.now())
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._fail(error, "Acknowledging the case")
            return False
        self.load(self.case["id"])
        self.case_changed.emit(self.case["id"])
        return True

    def refer(self, kind: str) -> str | None:
        """Open a Quality complaint or a Medical Information referral for the same comment."""
        note = self.note_edit.text().strip() or None
        try:
            case_id = escalation.open_case(self.db, self.comment_id, self.actor, note, kind)
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._fail(error, "Sending the referral")
            return None
        self._update_buttons()
        self.case_changed.emit(case_id)
        return case_id

    def choose_export(self) -> None:
        if self.case is None:
            return
        formats = ["json", "pdf"] + (["e2b"] if self.case["kind"] == "pv" else [])
        dialog = QFileDialog(self, "Export the case")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([EXPORT_FILTERS[f] for f in formats])
        dialog.selectFile(f"{self.case['kind']}-{self.case['id'][:8]}.json")

        def chosen(path: str) -> None:
            selected = dialog.selectedNameFilter()
            fmt = next((f for f in formats if EXPORT_FILTERS[f] == selected), "json")
            self.export_to(path, fmt)

        dialog.fileSelected.connect(chosen)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, path: str | Path, fmt: str) -> Path | None:
        """Write the case (json | e2b | pdf); the export is audited by the core."""
        if self.case is None:
            return None
        target = Path(path)
        suffix = {"json": ".json", "e2b": ".xml", "pdf": ".pdf"}.get(fmt, "")
        if suffix and target.suffix.lower() != suffix:
            target = target.with_suffix(suffix)
        try:
            written = escalation.export_case(
                self.db, self.case["id"], fmt, target, actor=self.actor
            )
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self._fail(error, "Exporting the case")
            return None
        self.status_label.setText(f"{self.status_label.text()} · exported to {written.name}")
        return written

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.timer.stop()
        super().closeEvent(event)


class EscalationFormController:
    """Opens the form for the current comment (the E key) and tells the window what changed."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.form: EscalationForm | None = None

    def open_for_current(self) -> EscalationForm | None:
        """E: the form for the current comment; several selected fall back to the note dialog."""
        ids = self.window.selected_ids()
        if len(ids) > 1:
            self.window.escalate_selected()
            return None
        comment_id = self.window.current_comment_id()
        if comment_id is None:
            return None
        return self.open(comment_id)

    def open(self, comment_id: int, case_id: str | None = None) -> EscalationForm | None:
        if self.form is not None:
            self.form.close()
        try:
            form = EscalationForm(
                self.window.db,
                comment_id,
                self.window.actor,
                case_id=case_id,
                logs_dir=self.window.workspace.logs_dir,
                parent=self.window,
            )
        except Exception as error:  # noqa: BLE001 - shown as one sentence
            self.window.show_error(
                describe_error(error, "Opening the escalation form", self.window.workspace.logs_dir)
            )
            return None
        form.setWindowFlag(Qt.WindowType.Window, True)
        form.case_changed.connect(self._changed)
        self.form = form
        form.show()
        return form

    def _changed(self, _case_id: str) -> None:
        self.window.events.queue_changed.emit()
        self.window.statusBar().showMessage("Escalation saved.", 6000)


def install(window: Any) -> EscalationFormController:
    """E and Tools → Escalate… open the form; Shift+E keeps the quick note-only escalation.

    The window's own E action is reconnected here (no edit to ``main_window.py``): its
    ``triggered`` signal now opens the form for one comment, and still asks a note for a
    multi-comment selection.
    """
    controller = EscalationFormController(window)
    action = window.escalate_action
    action.triggered.disconnect()
    action.triggered.connect(lambda _checked=False: controller.open_for_current())
    action.setText("Escalate…")
    action.setToolTip("Open the escalation form for the current comment (E)")
    window.add_command(
        "Tools",
        "Quick escalate (note only)",
        "Shift+E",
        window.escalate_selected,
        "Escalate the selected comments to PV with just a note",
    )
    return controller
