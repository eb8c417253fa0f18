"""Plain data records that flow between connectors, the store, the detectors and the UI.

They are frozen dataclasses so that a record handed from a worker thread to the GUI
thread cannot be changed underneath either of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Platform = Literal["facebook", "instagram", "youtube", "demo"]
PLATFORMS: tuple[str, ...] = ("facebook", "instagram", "youtube", "demo")

FlagKind = Literal["adverse_event", "off_label", "privacy", "product_complaint", "medical_inquiry"]
FLAG_KINDS: tuple[str, ...] = (
    "adverse_event",
    "privacy",
    "product_complaint",
    "off_label",
    "medical_inquiry",
)


@dataclass(frozen=True)
class RemotePost:
    """A post (or video, or media item) as a connector reports it."""

    platform_id: str
    text: str
    created_at: datetime
    permalink: str | None = None
    comment_count: int | None = None  # the platform's own count, for coverage


@dataclass(frozen=True)
class RemoteComment:
    """A comment as a connector reports it, normalised across platforms.

    ``parent_id`` is the platform id of the comment this one replies to (None for a
    top-level comment); ``post_id`` is the platform id of the post it sits under.
    """

    platform_id: str
    post_id: str
    text: str
    author_id: str | None
    author_name: str | None
    created_at: datetime
    updated_at: datetime | None = None
    parent_id: str | None = None
    hidden: bool = False
    permalink: str | None = None


@dataclass(frozen=True)
class Evidence:
    """A span of the comment text that supports a flag; offsets index ``text``."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Flag:
    """One reason a comment needs a moderator's attention."""

    kind: str
    score: float
    evidence: tuple[Evidence, ...] = ()
    explanation: str = ""


@dataclass(frozen=True)
class AdverseEventDetails:
    """The four minimum criteria of a valid ICSR plus seriousness, as the detector saw them."""

    serious: bool
    seriousness: tuple[str, ...]
    patient: dict | None
    reporter: dict | None
    products: tuple[dict, ...]
    events: tuple[dict, ...]
    special_situations: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnalysisInput:
    """What the detectors look at: a comment and the post it sits under."""

    id: str
    text: str
    post_text: str | None = None


@dataclass(frozen=True)
class Analysis:
    """The detectors' verdict on one comment."""

    id: str
    flags: tuple[Flag, ...] = ()
    adverse_event: AdverseEventDetails | None = None
    detector_version: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
