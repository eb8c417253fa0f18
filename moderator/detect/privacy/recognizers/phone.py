"""International phone numbers: one candidate regex, then ``phonenumbers`` decides.

Why not Presidio's ``PhoneRecognizer``: it runs ``PhoneNumberMatcher`` once per region over
the whole text, which is the slowest recognizer in the set and misses the many national
formats people actually type ("0490 75 40 81", "(37) 788-063"). We find digit runs once and
score each: an international prefix or a number valid in one of our regions scores high, a
North-American 3-3-4 shape scores high on its own (so "call me at 555-201-3344" is a phone
and not an NHS number), and any other phone-shaped run needs a phone word in front of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers
from phonenumbers import NumberParseException

from ._base import OwnRecognizer, words_before

REGIONS: tuple[str, ...] = (
    "US",
    "GB",
    "DE",
    "FR",
    "IN",
    "CA",
    "AU",
    "IE",
    "ES",
    "IT",
    "NL",
    "BE",
    "CH",
    "AT",
    "SE",
    "DK",
    "NO",
    "FI",
    "PL",
    "BR",
    "IL",
    "ZA",
)

_CANDIDATE = re.compile(
    r"(?<![\w+.\-/])"
    r"(?:\+|00)?\(?\d[\d \t().\-]{5,22}\d"
    r"(?:[ \t]*(?:x|ext\.?|extension)[ \t]*\d{1,5})?"
    r"(?![\w/]|[.\-]\d)",
    re.IGNORECASE,
)
_US_SHAPE = re.compile(r"(?:\+?1[\s.\-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.\-])\d{3}[\s.\-]\d{4}")
_IP = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d{2}$")
_PHONE_WORDS = re.compile(
    r"(?:phone|tel|telephone|mobile|cell|cellphone|call|ring|text|txt|sms|whatsapp|fax|"
    r"desk|office|contact|reach|number|no\.|nr|messages to|answering at|registered|dial|"
    r"appelez|appeler|appelle|llámenme|llamen|llámame|ligue|ligar|anrufen|"
    r"teléfono|telefono|téléphone|telefon|numéro|número|numero|nummer|handy|portable|"
    r"móvil|movil|celular)"
    r"\W{0,6}(?:me\W{0,3})?(?:on|at|is|au|al|en|unter|no|em|:)?\W{0,4}$",
)
#: North-American toll-free prefixes (800, 888, 877 ...): company and agency hotlines, which
#: are public, not a commenter's contact data ("call the number on the back, 1-855-...").
_TOLL_FREE = re.compile(r"^(?:\+?1[\s.\-]?)?\(?8(?:00|33|44|55|66|77|88)\)?[\s.\-]")
#: "my cell is 1-800-..." would still be personal; "call 1-800-..." is a hotline.
_OWN_NUMBER = re.compile(r"\bmy\b[^.?!\n]{0,25}$")
#: "2019-2021", "1998 - 2004": a span of years, not a number.
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}[ \t]*[-–][ \t]*(?:19|20)\d{2}")
_UNIT_AFTER = re.compile(r"\s*(?:mg|mcg|µg|ml|g|kg|iu|units?|pills?|tablets?|%)\b", re.I)
_PHONE_AFTER = re.compile(r"^\W{0,3}(?:office|mobile|fax|cell|home|work|desk)\b", re.IGNORECASE)
#: Words that make a number some *other* identifier; that recognizer should own the span.
_OTHER_ID_WORDS = re.compile(
    r"(?:nhs|mrn|medical record|policy|member|insurance|ssn|social security|account|acct|card|"
    r"licen[cs]e|passport|iban|routing|zip|postcode|postal code|order|invoice|tracking|"
    r"lot|batch|serial|case|patient id|patient number|chart|medicare|medicaid|subscriber|"
    r"cigna|aetna|uhc|bcbs|humana|cpf|dni|record number|ref|reference|confirmation|claim|"
    r"ticket|application|report|ndc|upc|sku|model|imei)\b"
    # the label must be in the same sentence: "about the co-pay card? 555-0112" is a phone
    r"(?:[^\d.?!\n]|\.(?!\s)|(?<=no|nr)\.|(?<=num)\.){0,20}$"
)


def _digits(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _possible_international(raw: str) -> bool:
    """Tell whether a ``+``/``00`` number has a possible length for its country code.

    Fictional ranges (Ofcom's 07700 900xxx drama numbers) fail ``is_valid_number`` but are
    still written, and read, as phone numbers.
    """
    try:
        num = phonenumbers.parse("+" + raw.lstrip("+0") if raw.startswith("00") else raw)
    except NumberParseException:
        return False
    return phonenumbers.is_possible_number(num)


def _valid_somewhere(raw: str) -> bool:
    """Tell whether ``raw`` is valid with its ``+`` prefix or in one of our regions."""
    try:
        if raw.startswith(("+", "00")):
            num = phonenumbers.parse("+" + raw.lstrip("+0") if raw.startswith("00") else raw)
            return phonenumbers.is_valid_number(num)
        for region in REGIONS:
            num = phonenumbers.parse(raw, region)
            if phonenumbers.is_valid_number(num):
                return True
    except NumberParseException:
        return False
    return False


class PhoneNumberRecognizer(OwnRecognizer):
    """Phone numbers in international and common national formats."""

    ENTITY = "PHONE_NUMBER"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Score each digit run that could be a phone number."""
        if _digits(text) < 7:
            return
        for m in _CANDIDATE.finditer(text):
            raw = m.group(0).rstrip(" ")
            start, end = m.start(), m.start() + len(raw)
            # a run that starts with "(" but never closes it belongs to the text around it
            if raw.startswith("(") and ")" not in raw:
                start += 1
                raw = raw[1:]
            n = _digits(raw)
            if not 7 <= n <= 15 or _IP.fullmatch(raw) or _DATE_LIKE.search(raw):
                continue
            if _YEAR_RANGE.fullmatch(raw):
                continue
            if "\n" in raw:  # a phone number never spans lines
                continue
            before = words_before(text, start, 40)
            if _OTHER_ID_WORDS.search(before):
                continue
            if _UNIT_AFTER.match(text, end):  # "2000-3000 mg" is a dose range
                continue
            if _TOLL_FREE.match(raw) and not _OWN_NUMBER.search(before):
                continue
            context = bool(_PHONE_WORDS.search(before)) or bool(_PHONE_AFTER.match(text[end:]))
            plain_run = raw.isdigit()
            if _US_SHAPE.fullmatch(raw.split("x")[0].split("X")[0].strip()):
                score, why = 0.75, "North-American phone number format"
            elif raw.startswith(("+", "00")) and _valid_somewhere(raw):
                score, why = 0.85, "international phone number"
            elif raw.startswith(("+", "00")) and _possible_international(raw):
                score, why = 0.65, "possible international phone number"
            elif not plain_run and _valid_somewhere(raw):
                score, why = 0.6, "valid national phone number"
            elif context:
                score, why = 0.55, "phone-shaped number after a phone word"
            else:
                continue
            if context:
                score = min(1.0, score + 0.15)
            yield start, end, score, why
