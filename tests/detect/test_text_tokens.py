"""The shared tokeniser keeps words whole in scripts whose vowels are combining marks."""

from __future__ import annotations

import pytest

from moderator.detect.text import Prepared


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("मेरे पैरों में दर्द है", ["मेरे", "पैरों", "में", "दर्द", "है"]),  # Hindi vowel signs
        ("আমার মাথা ব্যথা", ["আমার", "মাথা", "ব্যথা"]),  # Bengali
        ("ปวดหัว มาก", ["ปวดหัว", "มาก"]),  # Thai
        ("الصُّداع شديد", ["الصُّداع", "شديد"]),  # Arabic with vowel points
        ("nai\u0308ve cafe\u0301", ["nai\u0308ve", "cafe\u0301"]),  # decomposed accents
        ("don't x-ray 5mg", ["don't", "x", "ray", "5mg"]),  # unchanged for plain text
        ("\u0301abc", ["abc"]),  # a stray mark never starts a token
    ],
)
def test_tokens_keep_combining_marks_inside_words(text: str, tokens: list[str]) -> None:
    prep = Prepared(text)
    assert [t.text for t in prep.tokens] == tokens
    for token in prep.tokens:  # offsets still index the cleaned text exactly
        assert prep.clean[token.start : token.end] == token.text
