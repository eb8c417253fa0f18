"""Escalations: complete case records for PV, Quality and Medical Information, on a clock.

* :mod:`.record` builds the PV case record (sections A-K), :mod:`.referrals` the quality
  complaint and Medical Information referral records, :mod:`.provenance` what they share.
* :mod:`.cases` opens, edits, acknowledges, closes and lists cases (each change audited).
* :mod:`.clock` is the deadline arithmetic; :mod:`.e2b` the ICH E2B(R3) XML;
  :mod:`.export` writes json / csv / e2b / pdf (the PDF through ``ui.case_pdf``).
"""

from moderator.escalation.cases import (
    CaseNotFoundError,
    DuplicateCaseError,
    EscalationError,
    acknowledge,
    clock_state,
    close_case,
    edit_case,
    get_case,
    list_cases,
    open_case,
    open_medinfo_referral,
    open_quality_complaint,
    resolve_case_id,
)
from moderator.escalation.export import export_case, export_open_cases
from moderator.escalation.provenance import CaseSourceError
from moderator.escalation.record import build_case_record

__all__ = [
    "CaseNotFoundError",
    "CaseSourceError",
    "DuplicateCaseError",
    "EscalationError",
    "acknowledge",
    "build_case_record",
    "clock_state",
    "close_case",
    "edit_case",
    "export_case",
    "export_open_cases",
    "get_case",
    "list_cases",
    "open_case",
    "open_medinfo_referral",
    "open_quality_complaint",
    "resolve_case_id",
]
