"""The detail pane: one comment, its evidence highlighted, its post, thread, flags and history.

Everything a commenter wrote is shown as plain text only. Comments are untrusted
input, and Qt widgets guess "rich text" from anything that looks like HTML, so text
goes into read-only ``QPlainTextEdit``s and every ``QLabel`` is set to
``Qt.PlainText``: ``<b>x</b><script>`` shows exactly as typed.

Evidence offsets index the Python string (code points); Qt documents count UTF-16
units, so spans are converted before highlighting or an emoji before a span would
shift every highlight after it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from moderator.queue import CommentDetail
from ui.queue_model import local_time, plain_tooltip, status_label

KIND_LABELS: dict[str, str] = {
    "adverse_event": "Adverse event",
    "privacy": "Privacy",
    "product_complaint": "Product complaint",
    "off_label": "Off-label",
    "medical_inquiry": "Medical question",
}
KIND_HIGHLIGHTS: dict[str, QColor] = {
    "adverse_event": QColor("#ffcdd2"),
    "privacy": QColor("#e1bee7"),
    "product_complaint": QColor("#ffe0b2"),
    "off_label": QColor("#fff59d"),
    "medical_inquiry": QColor("#bbdefb"),
}
DEFAULT_HIGHLIGHT = QColor("#e0e0e0")


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def utf16_offset(text: str, index: int) -> int:
    """Python string index -> position in a Qt (UTF-16) document."""
    index = max(0, min(index, len(text)))
    return len(text[:index].encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Span:
    """One highlighted evidence span, in Python string offsets."""

    start: int
    end: int
    kind: str
    label: str


def evidence_spans(text: str, flags: Iterable[Mapping[str, Any]]) -> list[Span]:
    """Every valid evidence span of every flag, in text order."""
    spans = []
    for flag in flags:
        for item in flag.get("evidence") or []:
            try:
                start, end = int(item["start"]), int(item["end"])
            except (KeyError, TypeError, ValueError):
                continue
            if 0 <= start < end <= len(text):
                spans.append(Span(start, end, flag["kind"], str(item.get("label") or "")))
    return sorted(spans, key=lambda s: (s.start, s.end))


def evidence_summary(text: str, spans: list[Span]) -> str:
    """One line per highlighted passage: “words”: Kind (label), Kind (label)."""
    grouped: dict[tuple[int, int], list[str]] = {}
    for span in spans:
        names = grouped.setdefault((span.start, span.end), [])
        name = kind_label(span.kind) + (f" ({span.label})" if span.label else "")
        if name not in names:
            names.append(name)
    return "\n".join(
        f"“{text[start:end]}”: {', '.join(names)}" for (start, end), names in grouped.items()
    )


class EvidenceTextView(QPlainTextEdit):
    """Read-only plain text with evidence spans highlighted; hovering a span names it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.spans: list[Span] = []
        self._text = ""

    def set_comment(self, text: str, spans: list[Span]) -> None:
        self._text = text
        self.spans = spans
        self.setPlainText(text)
        selections = []
        for span in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(text, span.start))
            cursor.setPosition(utf16_offset(text, span.end), QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setBackground(KIND_HIGHLIGHTS.get(span.kind, DEFAULT_HIGHLIGHT))
            char_format.setFontUnderline(True)
            char_format.setToolTip(self._span_tip(span))
            selection.cursor = cursor
            selection.format = char_format
            selections.append(selection)
        self.setExtraSelections(selections)

    @staticmethod
    def _span_tip(span: Span) -> str:
        return f"{kind_label(span.kind)}: {span.label}" if span.label else kind_label(span.kind)

    def span_at(self, position: int) -> Span | None:
        """The span covering a document (UTF-16) position, if any."""
        for span in self.spans:
            start = utf16_offset(self._text, span.start)
            end = utf16_offset(self._text, span.end)
            if start <= position < end:
                return span
        return None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            span = self.span_at(self.cursorForPosition(event.pos()).position())
            if span is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(self._span_tip(span)), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)


def _plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _plain_view() -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setUndoRedoEnabled(False)
    return view


def _describe(item: Any) -> str:
    """A short human description of a detector detail (product, event...)."""
    if isinstance(item, Mapping):
        for key in ("name", "brand", "term", "text", "name_as_reported", "label"):
            if item.get(key):
                return str(item[key])
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    return str(item)


PERSON_KEYS = ("who", "type", "qualification", "sex", "age", "age_group")


def _describe_person(person: Any) -> str:
    """Patient or reporter in a few words ("wife, F"), with the words that identified them."""
    if not isinstance(person, Mapping):
        return str(person)
    parts: list[str] = []
    for key in PERSON_KEYS:
        value = person.get(key)
        if value not in (None, "", []) and str(value) not in parts:
            parts.append(str(value))
    evidence = person.get("evidence")
    if isinstance(evidence, Mapping) and evidence.get("text"):
        parts.append(f"from “{evidence['text']}”")
    return ", ".join(parts) or "identified"


def _who(row: Mapping[str, Any]) -> str:
    return f"{row.get('author_name') or '(unknown)'}, {local_time(row.get('created_at'))}"


def flags_text(detail: CommentDetail) -> str:
    """The flags with scores, explanations and evidence, then the AE criteria."""
    text = detail.comment["text"]
    lines: list[str] = []
    if not detail.flags:
        lines.append("No flags." if detail.comment.get("analysed_at") else "Not analysed yet.")
    for flag in detail.flags:
        lines.append(f"{kind_label(flag['kind'])}: score {float(flag['score']):.2f}")
        if flag.get("explanation"):
            lines.append(f"  {flag['explanation']}")
        for span in evidence_spans(text, [flag]):
            quoted = text[span.start : span.end]
            label = f" ({span.label})" if span.label else ""
            lines.append(f"  Evidence: “{quoted}”{label} at {span.start}–{span.end}")
        lines.append("")
    ae = (detail.analysis or {}).get("adverse_event")
    if ae:
        lines.append("Adverse event criteria")
        serious = ae.get("serious")
        seriousness = ", ".join(ae.get("seriousness") or [])
        lines.append(
            f"  Serious: {'yes' if serious else 'no'}"
            + (f" ({seriousness})" if seriousness else "")
        )
        for role in ("patient", "reporter"):
            value = ae.get(role)
            described = _describe_person(value) if value else "not identified"
            lines.append(f"  {role.capitalize()}: {described}")
        products = ", ".join(_describe(p) for p in ae.get("products") or []) or "none found"
        events = ", ".join(_describe(e) for e in ae.get("events") or []) or "none found"
        lines.append(f"  Products: {products}")
        lines.append(f"  Events: {events}")
        if ae.get("special_situations"):
            lines.append(f"  Special situations: {', '.join(ae['special_situations'])}")
    if detail.analysis:
        lines.append("")
        lines.append(f"Detector version {detail.analysis.get('detector_version') or '?'}")
    return "\n".join(lines).strip()


def thread_text(detail: CommentDetail) -> str:
    """The post the comment sits under, the comment it answers and its replies."""
    lines: list[str] = []
    if detail.post:
        lines += [
            f"Post ({local_time(detail.post.get('created_at'))})",
            detail.post["text"] or "",
            "",
        ]
    else:
        lines += ["The post is not stored yet (it arrives with the next sync).", ""]
    if detail.parent:
        lines += [f"In reply to {_who(detail.parent)}:", detail.parent["text"], ""]
    if detail.replies:
        lines.append(f"Replies ({len(detail.replies)}):")
        for reply in detail.replies:
            lines += [f"— {_who(reply)}:", reply["text"], ""]
    else:
        lines.append("No replies.")
    return "\n".join(lines).strip()


def author_text(detail: CommentDetail) -> str:
    if not detail.author_comments:
        return "No other comments by this author."
    lines = [f"Other comments by {detail.comment.get('author_name') or 'this author'}:", ""]
    for row in detail.author_comments:
        lines += [f"{local_time(row.get('created_at'))} · {status_label(row)}", row["text"], ""]
    return "\n".join(lines).strip()


def _compact(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={_compact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_compact(v) for v in value)
    return str(value)


def history_text(detail: CommentDetail) -> str:
    """Escalations, platform actions and the audit trail for this comment."""
    lines: list[str] = []
    for escalation in detail.escalations:
        lines.append(
            f"Escalation {escalation['status']}, due {local_time(escalation['internal_due_at'])}"
            f" (opened by {escalation['created_by']} {local_time(escalation['created_at'])})"
        )
    if detail.escalations:
        lines.append("")
    for action in detail.actions:
        line = (
            f"{local_time(action['created_at'])}  {action['kind']} by {action['created_by']}: "
            f"{action['status']}"
        )
        if action.get("last_error"):
            line += f" ({action['last_error']})"
        lines.append(line)
    if detail.actions:
        lines.append("")
    for entry in detail.history:
        line = f"{local_time(entry['at'])}  {entry['actor']}  {entry['action']}"
        if entry.get("note"):
            line += f"  “{entry['note']}”"
        if entry.get("after") is not None:
            line += f"  → {_compact(entry['after'])}"
        lines.append(line)
    for revision in detail.revisions:
        lines += [
            "",
            f"Earlier text (replaced {local_time(revision['replaced_at'])}):",
            revision["text"],
        ]
    return "\n".join(lines).strip() or "No history yet."


class DetailPane(QWidget):
    """Shows one :class:`~moderator.queue.CommentDetail`; all text is plain."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = _plain_label()
        self.header.setObjectName("detailHeader")
        self.flag_summary = _plain_label()
        self.flag_summary.setObjectName("flagSummary")
        self.text_view = EvidenceTextView()
        self.text_view.setObjectName("commentText")
        self.evidence_list = _plain_label()
        self.flags_view = _plain_view()
        self.thread_view = _plain_view()
        self.author_view = _plain_view()
        self.history_view = _plain_view()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.flags_view, "Flags")
        self.tabs.addTab(self.thread_view, "Post && thread")
        self.tabs.addTab(self.author_view, "Author")
        self.tabs.addTab(self.history_view, "History")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.flag_summary)
        layout.addWidget(self.text_view, 1)
        layout.addWidget(self.evidence_list)
        layout.addWidget(self.tabs, 2)
        self.detail: CommentDetail | None = None
        self.show_detail(None)

    def show_detail(self, detail: CommentDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.header.setText("Select a comment to see it here.")
            self.flag_summary.setText("")
            self.text_view.set_comment("", [])
            self.evidence_list.setText("")
            for view in (self.flags_view, self.thread_view, self.author_view, self.history_view):
                view.setPlainText("")
            return
        comment = detail.comment
        parts = [
            comment.get("author_name") or "(unknown author)",
            f"{comment.get('page_name')} ({comment.get('platform')})",
            local_time(comment.get("created_at")),
            status_label(comment),
        ]
        if comment.get("deleted_on_platform"):
            parts.append("deleted on the platform")
        self.header.setText(" · ".join(parts))
        serious = bool((detail.analysis or {}).get("serious"))
        kinds = [
            (
                "Serious adverse event"
                if serious and f["kind"] == "adverse_event"
                else kind_label(f["kind"])
            )
            for f in detail.flags
        ]
        self.flag_summary.setText("Flags: " + ", ".join(kinds) if kinds else "No flags")
        text = comment["text"]
        spans = evidence_spans(text, detail.flags)
        self.text_view.set_comment(text, spans)
        self.evidence_list.setText(evidence_summary(text, spans))
        self.evidence_list.setVisible(bool(spans))
        self.flags_view.setPlainText(flags_text(detail))
        self.thread_view.setPlainText(thread_text(detail))
        self.author_view.setPlainText(author_text(detail))
        self.history_view.setPlainText(history_text(detail))
