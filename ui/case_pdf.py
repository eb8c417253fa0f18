"""A one-page CIOMS-I-style PDF of a PV case, drawn with QTextDocument on a QPdfWriter.

Why Qt and not a PDF library: the desktop app already ships Qt, whose PDF writer embeds fonts
and produces searchable text, so the form is readable, fileable and its text (verbatim and
SHA-256) can be copied or checked by a script. The core calls :func:`render_case_pdf` through a
lazy import; this is the only module of the escalation feature that loads Qt.

Layout follows the CIOMS I form: I reaction information, II suspect drug information,
III concomitant drugs and history, IV manufacturer information, then the source and the
verbatim text with its SHA-256. The page is scaled to fit one A4 sheet; only text too long to
stay readable at ``MIN_SCALE`` flows onto further pages.
"""

from __future__ import annotations

import html
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

MIN_SCALE = 0.6
RESOLUTION_DPI = 300
_APP: QGuiApplication | None = None

_SERIOUSNESS_BOXES: tuple[tuple[str, str], ...] = (
    ("death", "patient died"),
    ("hospitalisation", "involved or prolonged inpatient hospitalisation"),
    ("disability", "involved persistence or significant disability or incapacity"),
    ("life_threatening", "life threatening"),
    ("congenital_anomaly", "congenital anomaly"),
    ("other_medically_important", "other medically important condition"),
)

_CSS = """
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 8pt; }
h1 { font-size: 12pt; margin: 0; }
h2 { font-size: 9pt; background: #dddddd; margin: 6px 0 2px 0; padding: 2px; }
table { border-collapse: collapse; }
td { border: 1px solid #555555; padding: 3px; vertical-align: top; }
.label { font-size: 6.5pt; color: #333333; }
.mono { font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace; font-size: 7pt; }
.note { font-size: 7pt; color: #444444; }
.id { white-space: nowrap; margin: 0; }
"""


def _ensure_gui() -> None:
    """A QGuiApplication for fonts; offscreen when there is no display (CLI, CI)."""
    global _APP
    if QGuiApplication.instance() is not None:
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _APP = QGuiApplication([])


def _e(value: Any, empty: str = "UNK") -> str:
    if value is None or value == "" or value == []:
        return empty
    return html.escape(str(value))


def _when(value: Any) -> str:
    """'2026-03-07 14:00 UTC' from a stored ISO timestamp; other text unchanged."""
    if not value:
        return "-"
    try:
        moment = datetime.fromisoformat(str(value)).astimezone(UTC)
    except ValueError:
        return _e(value)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _id(value: Any, css: str = "") -> str:
    """A case id in a block of its own that never wraps.

    Qt breaks lines at hyphens and honours ``white-space`` only on blocks, so an id inside a
    paragraph could be split in two, and a split id cannot be copied out of the PDF.
    """
    return f"<p class='id {css}'>{_e(value)}</p>"


def _box(checked: bool, label: str) -> str:
    return f"{'[X]' if checked else '[ ]'} {html.escape(label)}"


def _cell(number: str, label: str, value: str, colspan: int = 1) -> str:
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return (
        f'<td{span}><span class="label">{html.escape(number)} {html.escape(label)}</span>'
        f"<br/>{value}</td>"
    )


def _section_reaction(record: dict[str, Any]) -> str:
    patient = record.get("patient") or {}
    reporter = record.get("reporter") or {}
    criteria = (record.get("seriousness") or {}).get("criteria") or {}
    age = patient.get("age")
    age_text = f"{age:g} years" if isinstance(age, int | float) else _e(patient.get("age_group"))
    events = record.get("events") or []
    described = "<br/>".join(f"&bull; &quot;{_e(e.get('text_verbatim'))}&quot;" for e in events)
    described = described or "No event text identified (see verbatim)."
    outcome = events[0].get("outcome", "unknown") if events else "unknown"
    boxes = "<br/>".join(
        _box(bool((criteria.get(k) or {}).get("present")), label) for k, label in _SERIOUSNESS_BOXES
    )
    return (
        "<h2>I. REACTION INFORMATION</h2><table width='100%'><tr>"
        + _cell("1.", "PATIENT INITIALS", _e(patient.get("identifier"), "MSK"))
        + _cell("1a.", "COUNTRY", _e(reporter.get("country")))
        + _cell("2.", "DATE OF BIRTH", "UNK")
        + _cell("2a.", "AGE", age_text)
        + _cell("3.", "SEX", _e(patient.get("sex")))
        + _cell("4-6.", "REACTION ONSET", "UNK")
        + "</tr><tr>"
        + _cell(
            "7 + 13.",
            "DESCRIBE REACTION(S) (verbatim, as reported)",
            f"{described}<br/>Outcome: {_e(outcome.replace('_', ' '))}"
            f"<br/><br/>{_e(record.get('narrative'), '')}",
            colspan=4,
        )
        + _cell("8-12.", "CHECK ALL APPROPRIATE TO ADVERSE REACTION", boxes, colspan=2)
        + "</tr></table>"
    )


def _section_drugs(record: dict[str, Any]) -> str:
    products = record.get("products") or []
    rows = []
    for p in products or [{}]:
        name = _e(p.get("name_as_reported") or p.get("matched_product"), "none identified")
        if p.get("generic"):
            name += f" (generic: {_e(p.get('generic'))})"
        if p.get("from_post"):
            name += " [named in the post]"
        rows.append(
            "<tr>"
            + _cell("14.", "SUSPECT DRUG(S) (include generic name)", name, colspan=2)
            + _cell("", "BATCH / LOT NO.", _e(p.get("lot")))
            + _cell("15.", "DAILY DOSE(S)", _e(p.get("dose_text")))
            + _cell("16.", "ROUTE(S)", _e(p.get("route")))
            + _cell("17.", "INDICATION(S) FOR USE", _e(p.get("indication_as_reported")))
            + "</tr>"
        )
    rows.append(
        "<tr>"
        + _cell("18.", "THERAPY DATES", "UNK")
        + _cell("19.", "THERAPY DURATION", "UNK")
        + _cell("20.", "REACTION ABATED AFTER STOPPING?", "UNK", colspan=2)
        + _cell("21.", "REAPPEARED AFTER REINTRODUCTION?", "UNK", colspan=2)
        + "</tr>"
    )
    return (
        "<h2>II. SUSPECT DRUG(S) INFORMATION</h2><table width='100%'>" + "".join(rows) + "</table>"
    )


def _section_history(record: dict[str, Any]) -> str:
    special = [s.get("kind", "").replace("_", " ") for s in record.get("special_situations") or []]
    patient = record.get("patient") or {}
    history = []
    if patient.get("pregnancy"):
        history.append("pregnancy exposure reported")
    if special:
        history.append("special situations: " + ", ".join(special))
    return (
        "<h2>III. CONCOMITANT DRUG(S) AND HISTORY</h2><table width='100%'><tr>"
        + _cell("22.", "CONCOMITANT DRUG(S) AND DATES OF ADMINISTRATION", "none reported")
        + _cell("23.", "OTHER RELEVANT HISTORY", _e("; ".join(history), "none reported"))
        + "</tr></table>"
    )


def _section_manufacturer(case: dict[str, Any], company: str) -> str:
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    source = (
        _box(False, "study")
        + "<br/>"
        + _box(False, "literature")
        + "<br/>"
        + _box(False, "health professional")
        + "<br/>"
        + _box(True, "spontaneous: social media (company page)")
    )
    report_type = _box(True, "initial") + "<br/>" + _box(False, "follow-up")
    return (
        "<h2>IV. MANUFACTURER INFORMATION</h2><table width='100%'><tr>"
        + _cell("24a.", "NAME OF MANUFACTURER", _e(company, "not set"))
        + _cell("24b.", "MFR CONTROL NO.", _id(case.get("id"), "mono"))
        + _cell("24c.", "DATE RECEIVED BY MANUFACTURER (day zero)", _when(case.get("day_zero")))
        + _cell("24d.", "REPORT SOURCE", source)
        + "</tr><tr>"
        + _cell("25a.", "DATE OF THIS REPORT", today)
        + _cell("25b.", "REPORT TYPE", report_type)
        + _cell(
            "",
            "INTERNAL / REGULATORY DUE",
            f"internal: {_when(case.get('internal_due_at'))}<br/>"
            f"regulatory: {_when(case.get('regulatory_due_at'))}",
            colspan=2,
        )
        + "</tr></table>"
    )


def _section_source(record: dict[str, Any]) -> str:
    pv = record.get("provenance") or {}
    comment = pv.get("comment") or {}
    verbatim = record.get("verbatim") or {}
    criteria = record.get("criteria") or {}
    checks = " &nbsp; ".join(
        _box(bool((criteria.get(k) or {}).get("present")), k.replace("_", " "))
        for k in (
            "identifiable_reporter",
            "identifiable_patient",
            "suspect_product",
            "adverse_event",
        )
    )
    return (
        "<h2>SOURCE AND VERBATIM TEXT</h2><table width='100%'><tr>"
        + _cell(
            "",
            "PLATFORM / PAGE",
            f"{_e(pv.get('platform'))} / {_e((pv.get('page') or {}).get('name'))}",
        )
        + _cell(
            "",
            "COMMENT ID / AUTHOR",
            f"{_e(comment.get('id'))} / {_e(comment.get('author_handle'))}",
        )
        + _cell("", "POSTED AT", _when((pv.get("timestamps") or {}).get("posted_at")))
        + "</tr><tr>"
        + _cell("", "PERMALINK", _e(comment.get("permalink"), "none"), colspan=3)
        + "</tr><tr>"
        + _cell("", "MINIMUM CRITERIA FOUND", checks, colspan=3)
        + "</tr><tr>"
        + _cell("", "VERBATIM COMMENT", _e(verbatim.get("text"), ""), colspan=3)
        + "</tr><tr>"
        + _cell(
            "",
            "SHA-256 OF THE VERBATIM TEXT (UTF-8)",
            f"<span class='mono'>{_e(verbatim.get('sha256'))}</span>",
            colspan=3,
        )
        + "</tr></table>"
    )


_REFERRAL_TITLES = {
    "quality": ("PRODUCT QUALITY COMPLAINT", "complaint"),
    "medinfo": ("MEDICAL INFORMATION REFERRAL", "referral"),
}


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        name = value.get("matched_product") or value.get("name_as_reported")
        if name is not None or "name_as_reported" in value:
            return _e(name, "none identified")
        return _e(", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "")), "-")
    if isinstance(value, list):
        return _e(
            ", ".join(str(v.get("text", v)) if isinstance(v, dict) else str(v) for v in value), "-"
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _e(value, "-")


def _referral_html(case: dict[str, Any], company: str) -> str:
    """Quality complaints and MI referrals: their own fields, then source and verbatim."""
    title, key = _REFERRAL_TITLES[case["kind"]]
    fields = case["record"].get(key) or {}
    rows = "".join(
        "<tr>" + _cell("", name.replace("_", " ").upper(), _plain(value), colspan=3) + "</tr>"
        for name, value in fields.items()
        if not name.endswith("_evidence")
    )
    return (
        f"<html><head><style>{_CSS}</style></head><body><h1>{title}</h1>"
        f"<p class='note'>From a social-media comment, escalated by the moderation console. "
        f"{_e(company, 'The company')} received it "
        f"{_when(case.get('day_zero'))} (day zero); internal due "
        f"{_when(case.get('internal_due_at'))}.</p>"
        + _id(f"Escalation {case.get('id')}", "note")
        + f"<h2>DETAILS</h2><table width='100%'>{rows}</table>"
        + _section_source(case["record"])
        + "</body></html>"
    )


def case_html(case: dict[str, Any], company: str = "") -> str:
    """The form as HTML (also handy for a print preview in the UI)."""
    if case.get("kind") in _REFERRAL_TITLES:
        return _referral_html(case, company)
    record = case["record"]
    return (
        f"<html><head><style>{_CSS}</style></head><body>"
        "<h1>SUSPECT ADVERSE REACTION REPORT (CIOMS I format)</h1>"
        "<p class='note'>Potential adverse event from a social-media comment, escalated by the "
        "moderation console. Causality not assessed; no MedDRA coding.</p>"
        + _id(f"Escalation {case.get('id')}", "note")
        + _section_reaction(record)
        + _section_drugs(record)
        + _section_history(record)
        + _section_manufacturer(case, company)
        + _section_source(record)
        + "</body></html>"
    )


def render_case_pdf(case: dict[str, Any], out_path: str | Path, company: str = "") -> Path:
    """Write the CIOMS-I-style form for ``case`` (row + decoded record) to ``out_path``."""
    _ensure_gui()
    path = Path(out_path)
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(f"CIOMS I - escalation {case.get('id', '')}")
    writer.setCreator("Moderation Console")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(QFont("DejaVu Sans", 8))
    document.setHtml(case_html(case, company))
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(page.width()), float(page.height())
    scale = 1.0
    document.setTextWidth(width)
    for _ in range(4):  # widening the text lowers its height; a few rounds settle the scale
        needed = document.size().height() * scale
        if needed <= height:
            break
        scale = max(MIN_SCALE, scale * height / needed)
        document.setTextWidth(width / scale)
        if scale == MIN_SCALE:
            break
    if document.size().height() * scale <= height * 1.001:
        painter = QPainter(writer)
        try:
            painter.scale(scale, scale)
            document.drawContents(painter)
        finally:
            painter.end()
    else:
        document.setTextWidth(width)
        document.setPageSize(QSizeF(width, height))
        document.print_(writer)
    return path
