"""Street addresses: a core match grown into the whole address block.

The core is a house number and street, a PO box, a military address or a labelled
address; the block adds flat, city, region and postcode.

Addresses have no single shape, so there are several core patterns, each specific enough
on its own: a house number followed by words ending in a street type ("221B Baker Street",
"1600 Pennsylvania Ave NW"), a European street word next to a number ("Rue de la Gare 12",
"Koskikatu 25"), PO boxes, APO/FPO/DPO military addresses, and anything with digits that
follows "my address is" / "I live at". The block is then extended over the lines or comma
separated parts that look like the rest of an address, so one evidence span covers
"12 High St, London SW1A 1AA".

Round 14: a sentence end is not part of a street name ("Shingrix #2 knocked me flat. Fever
101"): only a short capitalised abbreviation ("St.", "Mt.") may end in a full stop inside a
match, and a European prefix that is also an English word ("truck route for 30", "via text 2
days later") needs a named street after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._base import OwnRecognizer

_STREET_TYPES = (
    r"street|st|avenue|ave|av|road|rd|drive|dr|lane|ln|boulevard|blvd|way|close|court|ct|"
    r"place|pl|square|sq|terrace|terr|crescent|cres|parkway|pkwy|highway|hwy|circle|cir|"
    r"trail|trl|row|walk|mews|grove|gardens|hill|loop|turnpike|extensions?|union|cliffs?|"
    r"crossing|plaza|alley|pass|bridge|heights|gate|wharf|quay|wynd|esplanade|parade|ridge|"
    r"view|vale|brae|str|expressway|freeway|fwy|pike|point|port|shores?|springs?|stravenue|"
    r"summit|track|tunnel|underpass|villages?|ville|vista|forges?|junction|knolls?|manor|"
    r"meadows?|mills?|orchard|oval|path|pines?|plains?|prairie|ranch|rapids?|rest|route|rte"
)
#: Words that can stand between a house number and a street type. Stop words and dose or
#: time units are excluded so "5 miles down the road" and "2 pills a day Way" never match.
_NAME_WORD = (
    r"(?!(?:the|a|an|to|of|in|on|at|by|for|from|and|or|with|my|your|his|her|their|our|this|"
    r"that|down|up|times?|miles?|km|mg|ml|mcg|days?|weeks?|months?|years?|hours?|minutes?|"
    r"pills?|tablets?|doses?|units?|x|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)"
    r"(?:(?-i:[A-Z][a-z]{0,2})\.|[^\W\d_](?:[\w'’.\-]*[\w'’\-])?|\d+(?:st|nd|rd|th))"
)
_HOUSE = r"\d{1,6}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?"
_US_STREET = re.compile(
    rf"(?<![\w.,-]){_HOUSE}\s+(?:{_NAME_WORD}\s+){{1,4}}?(?:{_STREET_TYPES})\b\.?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b)?",
    re.IGNORECASE,
)
_EU_PREFIX = (
    r"rua|rue|avenida|avinguda|av\.|via|viale|vicolo|strada|calle|carrer|carretera|piazza|"
    r"piazzetta|plaza|praça|praca|largo|travessa|ul\.|ulica|aleja|al\.|chaussée|chemin|allée|"
    r"avda\.|c/|"
    r"allee|route|platz|trg|odos|leoforos|boulevard|bd\.?|avenue|corso|camino|paseo|passeig"
)
_EU_SUFFIX = (
    r"straße|strasse|str\.?|gasse|weg|platz|allee|damm|ufer|markt|vej|gade|gata|gatan|stræde|"
    r"vägen|väg|veien|vegen|veg|gaten|stien|sti|katu|tie|kuja|polku|raitti|kaari|straat|"
    r"laan|gracht|plein|kade|dijk|singel|utca|út|tér|u\.|ulica|cesta|iela|gatve|tänav|"
    r"maantee|väljak|sokak|caddesi|braut|stræti|straeti|vegur|gränd|stig|plads|torv|allé"
)
#: Prefixes that are also English words ("his truck route for 30 years", "sent via text 2
#: days ago"): the words after them must look like a name (see ``_looks_named``).
_ENGLISH_PREFIX = re.compile(r"(?i:route|avenue|boulevard|plaza|via|camino|paseo|corso)\s")
_ENGLISH_AFTER = re.compile(
    r"(?i:for|the|a|an|to|of|in|on|at|by|from|with|my|his|her|your|our|their|text|texts|email"
    r"|e-mail|phone|mail|post|app|chat|messenger|whatsapp|about|every|each|and|or|that|this)\b"
)
_FR_TYPES = r"rue|avenue|av\.|boulevard|bd\.?|allée|chemin|impasse|place|quai|cours|route|square"
_CAP = "A-ZÀ-ÖØ-Þ"
_EU_STREET = re.compile(
    rf"(?<![\w])(?:(?:{_EU_PREFIX})\s+(?:[^\W\d_][\w'’.\-]*\s+){{0,4}}\d{{1,5}}[A-Za-z]?\b"
    rf"|[^\W\d_][\w'’\-]*(?:{_EU_SUFFIX})\s+\d{{1,5}}[A-Za-z]?\b"
    rf"|[^\W\d_][\w'’\-]+\s+(?:út|útja|utca|tér|u\.|rkp\.|kapu|köz|sor)\s*\d{{1,5}}\.?"
    # French / Belgian order, number first: "5 rue des Lilas", "12 bis, avenue Foch"
    rf"|(?<![\w.,-])\d{{1,4}}(?:[ \t]?(?:bis|ter|[a-z]\b))?,?[ \t]+(?:{_FR_TYPES})[ \t]+"
    rf"(?:(?:de|du|des|la|le|les|l['’]|d['’])[ \t]*){{0,2}}(?-i:[{_CAP}])[\w'’\-]*)",
    re.IGNORECASE,
)
_PO_BOX = re.compile(
    r"\b(?:p\.?\s?o\.?\s*box|post(?:al)?\s+office\s+box|postbox|postfach|apartado)\s*\d{1,6}",
    re.IGNORECASE,
)
_MILITARY = re.compile(
    r"\b(?:(?:psc|unit|cmr)\s+\d{3,5},?\s+box\s+\d{3,5}|(?:uss|usns|usnv|usns|uscgc)\s+"
    r"[^\W\d_][\w'’\-]*)\s*\n?\s*[adf]po\s+a[aep]\s+\d{5}\b",
    re.IGNORECASE,
)
_UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b")
#: A postal code on its own is a disclosure when it is given as one's own ("my zip is ...",
#: "ZIP: 3520"); "zip code 90210 has no stock" names a place to shop.
_LABELLED_ZIP = re.compile(
    r"(?:\b(?:my|our|his|her|their)\s+(?:zip|zip\s*code|postcode|postal\s*code|post\s*code)"
    r"\s*(?:is|:|-)?|\b(?:zip|zip\s*code|postcode|postal\s*code|post\s*code)\s*(?:is|:))\s*"
    r"(?P<zip>\d{3,5}(?:[ -]\d{2,4})?(?:\s?[A-Z]{2}\b)?|[A-Z]\d[A-Z]\s?\d[A-Z]\d"
    r"|(?:[A-Z]{1,2}\d[A-Z\d]?)\s?\d[A-Z]{2})",
    re.IGNORECASE,
)
#: Words after which a digit-bearing phrase is an address even without a street type.
_ADDRESS_TRIGGER = re.compile(
    r"(?:\baddress(?:es)?\b[^\n.?!]{0,40}(?:\bis\b|:(?=\s)|\bto\b|\bwith\b)"
    r"|\baddress\s*:"
    r"|\b(?:live|lives|lived|living|reside|resides|located|meet\s+me|meet|moved"
    r"|send\s+it|sent|deliver(?:ed)?|ship(?:ped)?|mail(?:ed)?|stop|drops?\s+you\s+off"
    r"|arrived|enter|office\s+is|is)\s+(?:to|at|on|in)\b(?:\s+the\s+\w+\s+side\s+of)?)"
    r"[ \t]*\n?[ \t]*",
    re.IGNORECASE,
)
_TRIGGERED_CHUNK = re.compile(
    r"(?:the\s+corner\s+of\s+)?(?=[^\n.?!]{0,30}\d)"
    r"(?![^\n.?!]{0,40}(?:\d\s*(?:mg|mcg|ml|g|iu|units?|pills?|%)\b|\bdose))"
    r"(?:(?:[A-Z][a-z]{0,2}\.|[^\W_][\w'’\-]*)(?:[ \t]+|,[ \t]*|$)){1,8}",
)
_SEP = r"(?:[ \t]*[,\n]\s*[>?]*[ \t]*|[ \t]+)"
_TAIL = re.compile(
    rf"{_SEP}(?:"
    r"(?i:apt\.?|apartment|suite|ste\.?|unit|flat|floor|fl\.?|room|rm\.?|#)\s*\d+[A-Za-z]?"
    r"|(?:[A-Z]{1,2}\d[A-Z\d]?)\s?\d[A-Z]{2}\b"  # UK postcode
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"  # Canadian postcode
    r"|(?:\d{2,5}[ -]\d{2,4}|\d{3,5})\b(?![.,]\d)"  # ZIP / European postcode
    r"|(?:N|S|E|W|NE|NW|SE|SW)\b"
    r")",
)
#: A city / region / country part: capitalised or upper-case words that end the line or
#: are followed by a comma or a postcode ("London SW1A 1AA", "Finland 11507").
_PLACE_TAIL = re.compile(
    r"(?:[ \t]*[,\n]\s*[>?]*[ \t]*)"
    r"(?:[A-ZÀ-ÞĀ-ſΑ-Ω][\w'’.\-()]*|nan)(?:[ \t]+(?:[A-ZÀ-ÞΑ-Ω(][\w'’.\-()]*|de|del|la|le|"
    r"na|and|of|u|am|an|im|sur|en|nad|pod|du|des|van|von|di|da|do|nan))*"
    r"(?=[ \t]*(?:[,\n]|$|\d{3,5}\b|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]))",
)
_LOWER_PLACE_TAIL = re.compile(
    r",[ \t]*[^\W\d_][\w'’\-]*(?:[ \t]+[^\W\d_][\w'’\-]*)?(?=,|$|\.\s*$)"
)
#: "20789 Allika 46": house number, name, number; an address only when more of a block follows.
_GENERIC = re.compile(
    rf"(?<![\w.,-])\d{{1,6}}[ \t]+(?:{_NAME_WORD}[ \t]+){{1,4}}?\d{{1,5}}[A-Za-z]?\b\.?",
    re.IGNORECASE,
)
_UNIT = re.compile(r"\b(?:apt\.?|apartment|suite|ste\.|unit|flat)[ \t]*\d{1,5}[A-Za-z]?\b", re.I)
#: The street line in front of a flat number: "Allika 46\n Suite 501".
_STREET_LINE_BEFORE = re.compile(
    r"(?:\d{1,6}[ \t]+)?(?:[^\W\d_][\w'’.\-]*[ \t]+){1,4}\d{1,5}[A-Za-z]?\.?"
    r"(?:[ \t]*\n[ \t>?]*|[ \t]+)$"
)
_DIGIT = re.compile(r"\d")
_HEAD = re.compile(r"(?:(?:apt\.?|suite|unit)\s*\d+[ \t]+)?(?:\d{1,6}[ \t]+){1,2}$", re.IGNORECASE)


def _looks_named(text: str, match: str) -> bool:
    """Require a capitalised street name unless the whole comment is in lower case.

    Keeps "5 friends pass away" from reading as "5 Friends Pass".
    """
    return any(c.isupper() for c in match) or not any(c.isupper() for c in text)


def _place_like(text: str, chunk: str) -> bool:
    """A triggered chunk names a place: a word besides the number, capitalised if anything is.

    Keeps "lived to 98" and "moved to 3 different cities" from reading as addresses.
    """
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", chunk) if w.lower() not in ("the",)]
    if not words:
        return False
    return _looks_named(text, " ".join(words))


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a core address span over the neighbouring parts of the same address block."""
    head = _HEAD.search(text[max(0, start - 30) : start])
    if head:
        start -= len(head.group(0))
    for _ in range(10):
        m = _TAIL.match(text, end) or _PLACE_TAIL.match(text, end)
        if m is None or m.end() - end > 60:
            break
        end = m.end()
    else:
        return start, end
    for _ in range(3):
        m = _LOWER_PLACE_TAIL.match(text, end)
        if m is None:
            break
        end = m.end()
    return start, end


class StreetAddressRecognizer(OwnRecognizer):
    """Postal addresses in US, UK and common European formats."""

    ENTITY = "STREET_ADDRESS"

    def find(self, text: str, nlp_artifacts: object = None) -> Iterable[tuple]:
        """Yield whole address blocks found around each core match."""
        if _DIGIT.search(text) is None:
            return
        cores: list[tuple[int, int, float, str]] = []
        for regex, score, why in (
            (_MILITARY, 0.9, "military postal address"),
            (_US_STREET, 0.75, "house number and street"),
            (_EU_STREET, 0.7, "street name and house number"),
            (_PO_BOX, 0.7, "post office box"),
        ):
            cores.extend(
                (m.start(), m.end(), score, why)
                for m in regex.finditer(text)
                if (regex is not _US_STREET or _looks_named(text, m.group(0)))
                and not (
                    regex is _EU_STREET
                    and _ENGLISH_PREFIX.match(m.group(0))
                    and (
                        not _looks_named(text, m.group(0).split(None, 1)[1])
                        or _ENGLISH_AFTER.match(m.group(0).split(None, 1)[1]) is not None
                    )
                )
            )
        for m in _GENERIC.finditer(text):
            start, end = _extend(text, m.start(), m.end())
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            alone = not text[m.end() : len(text) if line_end < 0 else line_end].strip()
            alone = alone and not text[line_start : m.start()].strip(" \t>?")
            if end > m.end() or alone:
                cores.append((m.start(), m.end(), 0.6, "house number, street and place"))
        for m in _UNIT.finditer(text):
            before = _STREET_LINE_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
            start = m.start() - len(before.group(0)) if before else m.start()
            _, end = _extend(text, m.start(), m.end())
            if before or end > m.end():
                cores.append((start, m.end(), 0.6, "flat or suite in an address block"))
        for m in _UK_POSTCODE.finditer(text):
            cores.append((m.start(), m.end(), 0.6, "UK postcode"))
        for m in _LABELLED_ZIP.finditer(text):
            cores.append((m.start("zip"), m.end("zip"), 0.55, "postal code"))
        for m in _ADDRESS_TRIGGER.finditer(text):
            chunk = _TRIGGERED_CHUNK.match(text, m.end())
            if chunk and _place_like(text, chunk.group(0)):
                s, e = chunk.start(), chunk.start() + len(chunk.group(0).rstrip(" ,\t"))
                cores.append((s, e, 0.6, "place given after an address phrase"))
        spans: list[tuple[int, int, float, str]] = []
        for start, end, score, why in sorted(cores, key=lambda c: (c[0], -c[1])):
            start, end = _extend(text, start, end)
            if spans and start < spans[-1][1]:  # merge overlapping blocks
                ps, pe, psc, pwhy = spans[-1]
                spans[-1] = (ps, max(pe, end), max(psc, score), pwhy if psc >= score else why)
            else:
                spans.append((start, end, score, why))
        yield from spans
