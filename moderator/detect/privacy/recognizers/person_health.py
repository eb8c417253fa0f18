"""A named person tied to a health detail: the disclosure Presidio cannot find on its own.

"My sister Jane Doe has stage 4 breast cancer" discloses Jane's health; "Thanks Dr Smith!",
"my cancer is back" and "Shout out to Tom Reilly, he fixed my Ozempic claim" do not. A
person comes from one of four places, from surest to least sure:

* a relation word and a capitalised name ("my granddad Walter Price", "mi tía Rosa",
  "Kathleen O'Brien (my mom)"): a real third person even when it is one first name;
* an @-mention of a full name ("@Denise Okoro"): someone the writer addresses;
* a family title used as a name ("Aunt Rita", "Tía Lupe") or "my"/"our" straight before a
  first name that acts as a person ("my Sophie had ...", "our Noah (5)");
* a one-word tag ("@maddie_r92") only when the health detail is put to the person ("your
  migraines", "you were shaking");
* a self-introduction ("I'm Carla Mendes", "my name is ...") or a signature ("Keith Moss, 71,
  Dayton OH. ...", "- Ana Ruiz" at the end): the writer named;
* an honorific and surname ("Mrs. Okafor in bed 4"), NER (or, without a model, a
  first-and-last-name pattern) for any other name.

Names that are diseases or herbs ("Fournier's gangrene", "St John's wort"), clinicians named
in apposition ("Mrs. Lin, the pharmacist"), brand-shaped words ("my SoloStar") and quoted
advice answered for oneself ("@Ann Lee "the nausea passes" not for me") are not people with
a health detail.

Health information is a health term, a symptom or any medicine (``lexicon``). It must be
about the named person, so a term the writer owns ("my Ozempic claim", "I have RA") does
not count unless the name is the writer's own. Relation names reach into the next sentence
when a pronoun carries them on ("my husband Greg Tanaka? He was diagnosed ..."); NER names
need the term in the same clause. Clinicians ("Dr Smith said my tumour...") are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from presidio_analyzer.nlp_engine import NlpArtifacts

from ..lexicon import (
    CARER_TITLES,
    FOREIGN_POSSESSIVES,
    FOREIGN_RELATIONS,
    POSSESSIVES,
    RELATIONS,
    Term,
    health_terms_in,
    is_health_word,
)
from ._base import OwnRecognizer, alternation

_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOW = "a-zß-öø-ÿā-ž"
NAME = rf"[{_UP}](?:[{_LOW}]+(?:[{_UP}][{_LOW}]+)?|(?=['’][{_UP}]))(?:[-'’][{_UP}]?[{_LOW}]+)?"
_NAMES = rf"{NAME}(?:[ \t]+{NAME})?(?:[ \t]+(?:and|&|y|et|und|e)[ \t]+{NAME})?"
_ADJ = r"(?:(?:little|big|older|younger|elder|best|late|dear|own|step|ex|amazing|sweet)[ -])"
_REL_EN = rf"(?:(?i:{alternation(POSSESSIVES)}))\s+{_ADJ}?(?i:{alternation(RELATIONS)})s?"
_REL_XX = (
    rf"(?:(?i:{alternation(FOREIGN_POSSESSIVES)}))\s+"
    rf"(?:(?i:querid[oa]|chère|cher|lieber?|liebe)\s+)?(?i:{alternation(FOREIGN_RELATIONS)})s?"
)
#: "my brother Tom", "my husband, Ahmed Khalil,", "my daughter Emma (14)", "mi tía Rosa López".
_HONORIFIC_WORD = r"(?:Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Herr|Frau|Mme|Madame|Monsieur)\.?[ \t]+"
RELATION_NAME = re.compile(
    rf"(?<![\w@])(?:{_REL_EN}|{_REL_XX})(?:[ \t]*\([^()\n]{{0,20}}\))?,?[ \t]+"
    rf"(?:{_HONORIFIC_WORD})?(?P<name>{_NAMES})"
)
#: "Mein Vater (Klaus Richter, 82)", "my wife (Dana Cho) ...": the name in brackets.
_RELATION_PAREN = re.compile(
    rf"(?<![\w@])(?:{_REL_EN}|{_REL_XX})[ \t]*\([ \t]*(?P<name>{NAME}(?:[ \t]+{NAME}){{0,2}})"
)
#: "Kathleen O'Brien (my mom)", "Jennifer Walsh (my sister, 43, Dallas)".
_NAME_THEN_RELATION = re.compile(
    rf"(?<![\w@])(?P<name>{NAME}[ \t]+{NAME})[ \t]*[(,][ \t]*(?:{_REL_EN}|{_REL_XX})\b"
)
#: Round 14: Tagalog puts the possessive after the relation and the name after "si": "apo kong
#: si Miguel", "ang anak ko na si Ana", "asawa ko si Ben".
_RELATION_POSTPOSED = re.compile(
    r"(?<![\w@])(?i:anak|asawa|apo|nanay|tatay|inay|itay|lola|lolo|tita|tito|kapatid"
    r"|pinsan|kaibigan|pamangkin|biyenan|mister|misis|bunso|panganay)[ \t]+(?i:ko|kong|namin"
    r"|naming|natin|nating)[ \t]+(?:(?i:na)[ \t]+)?(?i:si)[ \t]+"
    rf"(?P<name>{NAME})(?![\w])"
)
MENTION = re.compile(rf"@(?P<name>{NAME}[ \t]+{NAME})(?![\w])")
#: A one-word tag ("@Brianna", "@jake_the_snake_88"): a person only when the health detail
#: is put to them ("your rash", "you were shaking"); a bare tag is not privacy.
_HANDLE = re.compile(
    r"(?<![\w@.])@(?P<name>[A-Za-z][\w.]{1,30}[A-Za-z0-9])(?![\w@]|[ \t]+[A-Z][a-z])"
)
#: The health detail put to the tagged person, ending where the term starts. Second person:
#: "your migraines", "ur sister's lupus" (a relative of the addressee, a few words on: "your
#: mom had the same bleeding on"), "you were / youre / u said / you told me the <drug>",
#: "made you / gave you / put you on"; well-wishes and asking after it ("hope the chemo ...",
#: "congrats on finishing chemo", "how's the lupus"). An inverted
#: question ("did you get ...", "have you tried ...") asks, it does not tell, so it is out.
_YOU_VERB = (
    r"(?:'re|’re|re|'ve|’ve|ve|[ \t]+(?:are|r|were|was|had|have|got|get|seem|seemed|looked|"
    r"look|said|say|told[ \t]+(?:me|us)|mentioned|started|take|took|been|went|ended[ \t]+up))"
)
_NOT_ASKED = "".join(
    rf"(?<!\b{aux}[ \t])"
    for aux in ("do", "did", "have", "are", "were", "can", "could", "should", "would", "will")
)
#: "Your" outside English ("tu mamá", "tua irmã", "deine Mutter", "twoja mama"); the ones
#: that also mean "his/her", "this" or an English word ("sua", "ta", "ton") only before a
#: relation word.
_YOUR_XX = (
    "tu|tus|tú|tua|tuas|teu|teus|tuo|tuoi|dein|deine|deinem|deiner|votre|vos|twoja|twój|twoje|"
    "twojej|twojego"
)
_YOUR_XX_REL = "sua|seu|ta|ton|tes"
_YOURS = re.compile(
    r"(?:\b(?i:your|ur|yur)[ \t]+(?:[\w'’-]+[ \t]+){0,2}"
    rf"|\b(?i:{_YOUR_XX})[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}"
    rf"|\b(?i:your|ur|yur|{_YOUR_XX}|{_YOUR_XX_REL})[ \t]+"
    rf"(?i:{alternation(RELATIONS + FOREIGN_RELATIONS)})(?:s|'s|’s)?[ \t]+"
    r"(?:[\w'’-]+[ \t]+){0,4}"
    rf"|(?i:{_NOT_ASKED}\b(?:you|u){_YOU_VERB}(?![ \t]+(?:right|wrong|correct|spot)\b))"
    r"[ \t]+(?:[\w'’-]+[ \t]+){0,4}"
    r"|\b(?i:made|gave|got|put|left)[ \t]+(?i:you|u)[ \t]+(?:[\w'’-]+[ \t]+){0,3}"
    r"|\b(?i:hope|hoping|praying[ \t]+for|sorry[ \t]+about|good[ \t]+luck[ \t]+with|"
    r"congrats[ \t]+on|congratulations[ \t]+on|how's|how’s|hows|how[ \t]+is)[ \t]+"
    r"(?:[\w'’-]+[ \t]+){0,2})$"
)
#: A tag talked about rather than addressed: not at the start of its line ("shoutout to my
#: girl @ana.m who finally got her diagnosis", "tagging @kev_o because he ..."), then a word
#: that makes the tagged person the subject of what follows.
_HANDLE_SUBJECT = re.compile(
    r"[ \t]*,?[ \t]+(?i:who|she|he|they|just|finally|said|says|got|started|takes|took|has|"
    r"had|was|is|went|ended[ \t]+up|because[ \t]+(?:he|she|they))\b"
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:(?i:hey|hi|yo|omg|lol|replying[ \t]+to)[ \t,:]*)?$")
#: Handles of brands and pages, not people.
_PAGE_HANDLE = re.compile(
    r"(?i:pharma|health|care|official|team|support|news|rx|inc|us|uk|help|med|clinic|fda|"
    r"pfizer|lilly|novo|merck|sanofi|abbvie|janssen|bayer|roche|novartis|gsk|amgen)"
)
_SELF = re.compile(
    rf"(?:\b(?i:i'm|i’m|i am|my name is|my name's|this is|me llamo|mi nombre es|je m'appelle|"
    rf"je suis|ich heiße|ich bin|meu nome é|eu sou|mi chiamo|greetings from|hello from|"
    rf"love from|saludos de)|^(?i:it's|it’s))[ \t]+"
    rf"(?P<name>{NAME}[ \t]+{NAME})(?![\w])"
)
#: A family title used as a form of address, no possessive: "Aunt Rita", "Grandpa Joe",
#: "Tía Carmen", "Tante Marie". The title is case-sensitive so "aunt" in prose stays out.
_TITLED_RELATIVE = re.compile(
    r"(?<![\w@])(?:Aunt|Auntie|Aunty|Uncle|Grandma|Grandpa|Granny|Gran|Grandad|Granddad|Nana|"
    r"Nanna|Nan|Nonna|Nonno|Cousin|Tía|Tia|Tío|Tio|Tante|Tata|Tatie|Tonton|Oncle|Onkel|Oma|"
    r"Opa|Mamie|Papi|Papy|Abuela|Abuelo|Abuelita|Abuelito|Vovó|Vovô|Vó|Vô|Zia|Zio)"
    rf"[ \t]+(?P<name>{NAME}(?:[ \t]+{NAME})?)(?![\w])"
)
#: "Mr. D. Alvarado", "Mrs Patel", "Sra. Gómez", "Frau Weber": a surname with an honorific.
_HONORIFIC = re.compile(
    r"(?<![\w@])(?P<title>Mr|Mrs|Ms|Miss|Mx|Sr|Sra|Srta|Señor|Señora|Herr|Frau|Mme|Mlle|Madame|"
    r"Monsieur|Sig|Sig\.ra|Signora|Signor|Dona|Dom)\.?[ \t]+(?:[A-Z]\.[ \t]*){0,2}"
    rf"(?P<name>{NAME}(?:[ \t]+{NAME})?)(?![\w])"
)
#: "my Sophie had ...", "our Liam (6) ...": a possessive straight before a first name. Only
#: kept when the name acts as a person (a verb, an age) or NER calls it one.
_POSSESSED_NAME = re.compile(rf"(?<![\w@])(?i:my|our)[ \t]+(?P<name>{NAME})(?![\w])")
#: Brand-shaped words after "my": an inner capital ("SoloStar", "FlexPen") or a device ending.
_DEVICE_LIKE = re.compile(r"^.[^A-Z]*[A-Z]|(?i:pen|star|pod|haler|ject|click|touch|chek|link)$")
_AGE_AFTER = re.compile(
    r"[ \t]*(?:\([ \t]*\d{1,2}[ \t]*(?:y(?:rs?|o)?|years?)?[ \t]*\)|,[ \t]*\d{1,2},)"
)
#: A commenter signing with their own name: "Keith Moss, 71, Dayton OH. ...", "Ana Ruiz here",
#: at the start of the comment or a line; or a sign-off at its end ("- Ana Ruiz",
#: "Regards, Ana Ruiz"). A full name is an identifier, so this counts like "I'm Ana Ruiz".
_SIGNED_START = re.compile(
    rf"(?:^|\n)[ \t]*(?P<name>{NAME}(?:[ \t]+{NAME}){{1,2}})"
    r"(?=[ \t]*,[ \t]*(?:\d{1,3}(?:[ \t]*,|[ \t]*(?:y/?o|yrs?|years?|[MF])\b|[ \t]+[A-Z])"
    r"|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?,?[ \t]+[A-Z]{2}\b"
    r"|[A-Z][a-z]+[ \t]*[.!\n])|[ \t]+here\b|[ \t]*:[ \t]*\n)"
)
_SIGNED_END = re.compile(
    r"(?:(?:^|[\s.!?])[-–—~][ \t]*|\b(?i:regards|cheers|thanks|thank you|love|best|sincerely|"
    r"greetings from|saludos|cordialement|grüße|gruß|abraços|obrigad[oa]|gracias|merci),?"
    r"[ \t]*\n?[ \t]*)"
    rf"(?P<name>{NAME}(?:[ \t]+{NAME}){{1,2}})[ \t]*[.!]?[ \t]*$"
)
#: After a name: "'s" and an eponym noun make it a disease or herb ("Fournier's gangrene",
#: "Bell's palsy", "St John's wort"), not a person.
_EPONYM_AFTER = re.compile(
    r"(?:'s|’s|')?[ \t]+(?i:disease|syndrome|palsy|wort|gangrene|ulcer|phenomenon|sign|law|"
    r"lymphoma|sarcoma|chorea|contracture|cyst|neuroma|thyroiditis|encephalopathy|dystrophy|"
    r"ataxia|anomaly|reflex|test|criteria|scale)\b"
)
_SAINT_BEFORE = re.compile(r"\b(?:St|Saint|San|Santa|Sankt|São|Ste)\.?[ \t]+$")
#: Any of the regex-found persons other than a bare relation name (for the prefilter).
PERSON_PATTERNS = re.compile(rf"(?<![\w@])(?:{NAME}[ \t]+{NAME})(?![\w])")
#: Person patterns the prefilter checks besides ``PERSON_PATTERNS`` ("Mrs. Patel", "Aunt Rita").
PERSON_HINTS: tuple[re.Pattern[str], ...] = (
    PERSON_PATTERNS,
    _HONORIFIC,
    _TITLED_RELATIVE,
    _RELATION_POSTPOSED,
)
_FULL_NAME = re.compile(rf"(?<![\w.@])(?P<name>{NAME}[ \t]+{NAME})(?![\w])")
_TITLE_BEFORE = re.compile(
    rf"\b(?:{alternation(CARER_TITLES)})\s*$|\b(?i:dr|doctor|nurse|prof)\.?\s+{NAME}\s*$",
    re.IGNORECASE,
)
#: "Mrs. Lin, the pharmacist, explained ...": a clinician named in apposition.
_TITLE_AFTER = re.compile(
    rf"[ \t]*[,(][ \t]*(?:(?:the|our|my|his|her|their|a|an)[ \t]+)?"
    rf"(?:(?:\w+)[ \t]+)?(?:{alternation(CARER_TITLES)})(?![\w])",
    re.IGNORECASE,
)
_TITLE_START = re.compile(rf"(?:{alternation(CARER_TITLES)})(?:\s|$)", re.IGNORECASE)
#: After an NER name or a bare full name: signs it is the subject of what follows.
_PERSON_VERB_AFTER = re.compile(
    r"(?:'s|’s)?[ \t]*(?:\([^()\n]{0,30}\)[ \t]*)?(?:,[ \t]*\d{1,3},?)?[ \t]*(?:\w+[ \t]+)?"
    r"(?:has|had|have|is|was|got|gets|been|battling|fighting|diagnosed|passed|died|suffers|"
    r"suffered|needs|started|starts|underwent|lost|beat|survived|went|takes|took|swears|"
    r"came|from\s+(?:my|our|the)|in\s+room|tiene|tuvo|está|a\s+eu|hat|ist|nimmt|tem|teve)\b"
    r"|(?:'s|’s)[ \t]",
    re.IGNORECASE,
)
#: Sentence ends (not "Dr." or "geb. 14.03.1950": the next word must start in upper case).
_SENTENCE_BREAK = re.compile(
    rf"(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)[.!?]+[\s\"')]+(?=[{_UP}¿¡\"'@])|\n+"
)
_CLAUSE_BREAK = re.compile(r"[.!?;\n]+(?:\s|$)|\s+(?:but|however|whereas|although)\s+")
_PRONOUN = re.compile(
    r"\b(?i:he|she|him|his|her|hers|they|them|their|he's|she's|él|ella|il|elle|lui|er|sie|"
    r"ihm|ihr|ele|ela|dele|dela|lei)\b"
)
#: First-person "I have / I take / I had" outside English: "mam zawroty głowy", "tengo
#: náuseas", "tenho enjoo", "j'ai des vertiges", "ho la nausea", "ich habe Kopfschmerzen".
_FIRST_PERSON_XX = (
    r"\b(?i:mam|miałam|miałem|biorę|brałam|brałem|czuję|tengo|tenía|tuve|tomo|tomé|tenho|tinha|"
    r"tive|tomei|j'ai|j’ai|ho|avevo|ich[ \t]+habe|ich[ \t]+hatte|ich[ \t]+nehme)"
    r"\s+(?:[\w'’-]+\s+)?"
)
#: A term the writer owns: "my Ozempic", "mi diabetes", "I have RA", "I was on Zoloft".
_WRITER_OWNED = re.compile(
    r"(?:\b(?i:my|mi|mis|mon|ma|mes|mein|meine|meinem|meiner|meu|minha|mio|mia)\s+"
    r"(?:[\w'’-]+\s+)?"
    r"|\bI(?:'m|’m|'ve|’ve| am| have| had| was| got| get| take| took| started)\b"
    r"(?:\s+(?:been|being|on|taking|had|a|an|the|my|this|some|with|severe|bad|awful|"
    r"diagnosed|just|also|still|really|so|terrible|horrible|got|gotten))*\s+"
    rf"|{_FIRST_PERSON_XX})$"
)
#: In Polish "ma" is "has" ("ma zawroty głowy"), not the French "my": same test without it.
_WRITER_OWNED_PL = re.compile(
    r"(?:\b(?i:my|mi|mis|mon|mes|mein|meine|meinem|meiner|meu|minha|mio|mia)\s+"
    r"(?:[\w'’-]+\s+)?"
    r"|\bI(?:'m|’m|'ve|’ve| am| have| had| was| got| get| take| took| started)\b"
    r"(?:\s+(?:been|being|on|taking|had|a|an|the|my|this|some|with|severe|bad|awful|"
    r"diagnosed|just|also|still|really|so|terrible|horrible|got|gotten))*\s+"
    rf"|{_FIRST_PERSON_XX})$"
)
_POLISH = re.compile("[ąęłńśźżĄĘŁŃŚŹŻ]")
_NOT_NAMES = frozenset(
    [
        "i",
        "im",
        "god",
        "jesus",
        "lord",
        "mom",
        "mum",
        "dad",
        "thanks",
        "thank",
        "hi",
        "hello",
        "hey",
        "dear",
        "doctor",
        "nurse",
        "happy",
        "merry",
        "good",
        "great",
        "love",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "easter",
        "so",
        "same",
        "omg",
        "lol",
        "please",
        "ps",
        "pls",
        "yes",
        "no",
        "not",
        "the",
        "this",
        "that",
        "my",
        "our",
        "his",
        "her",
        "their",
        "your",
        "and",
        "update",
        "edit",
        "anyone",
        "everyone",
        "someone",
        "nobody",
    ]
)
_NOT_NAMES |= frozenset(
    w.lower() for w in (*POSSESSIVES, *FOREIGN_POSSESSIVES, *RELATIONS, *FOREIGN_RELATIONS)
) - {"mia"}  # "Mia" is as often a girl's name as an Italian possessive
#: Capitalised words NER and the name patterns take for people: German nouns' determiners at
#: a sentence start ("Jede Nacht"), clinician slang ("my Endo"), drug makers ("Eli Lilly,"),
#: insurers, pharmacies and devices ("my Dexcom").
_NOT_NAMES |= frozenset(
    [
        "jede",
        "jeder",
        "jeden",
        "jedes",
        "diese",
        "dieser",
        "dieses",
        "eine",
        "einer",
        "einen",
        "keine",
        "alle",
        "nach",
        "seit",
        "cada",
        "chaque",
        "toute",
        "toutes",
        "todos",
        "todas",
        "ogni",
        "endo",
        "rheum",
        "onc",
        "neuro",
        "derm",
        "cardio",
        "gyno",
        "obgyn",
        "doc",
        "psych",
        "pharmacy",
        "lilly",
        "eli",
        "novo",
        "nordisk",
        "pfizer",
        "merck",
        "sanofi",
        "abbvie",
        "janssen",
        "bayer",
        "roche",
        "novartis",
        "astrazeneca",
        "amgen",
        "gilead",
        "biogen",
        "takeda",
        "teva",
        "boehringer",
        "ingelheim",
        "bristol",
        "squibb",
        "otsuka",
        "lundbeck",
        "viatris",
        "mylan",
        "sandoz",
        "aetna",
        "cigna",
        "humana",
        "anthem",
        "kaiser",
        "medicare",
        "medicaid",
        "tricare",
        "optum",
        "walgreens",
        "walmart",
        "costco",
        "boots",
        "target",
        "amazon",
        "dexcom",
        "libre",
        "omnipod",
        "tandem",
        "medtronic",
        "fitbit",
        "apple",
        "garmin",
        "google",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "reddit",
        "twitter",
        "insurance",
        "team",
        "customer",
        "support",
        "admin",
        "mod",
        "mods",
        "sir",
        "madam",
        "week",
        "weeks",
        "day",
        "days",
        "month",
        "months",
        "year",
        "part",
        "holy",
        "mr",
        "mrs",
        "ms",
        "miss",
        "lady",
        "lord",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "president",
        "senator",
        "governor",
    ]
)
_YOU = re.compile(r"\b(?i:you|your|you're|you've|u|ur)\b")
#: How far (characters) from a name its health term may be.
_WINDOW = 400
_PARTICLES = frozenset(
    [
        "de",
        "del",
        "la",
        "le",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "al",
        "el",
        "y",
    ]
)


def _bad_name(name: str) -> bool:
    """Names are capitalised words that are neither stop words nor health words/medicines."""
    words = [w.strip(".,'’").removesuffix("'s").removesuffix("’s") for w in name.split()]
    words = [w for w in words if w.lower() not in ("and", "&", "y", "et", "und", "e")]
    if not words or words[0] in _PARTICLES:
        return True
    for w in words:
        if w.lower() in _PARTICLES:
            continue
        if not w[:1].isupper() or w.lower() in _NOT_NAMES or w.isupper() and len(w) > 1:
            return True
        if is_health_word(w):
            return True
    return False


#: A quotation: "the nausea goes away" after "@Marcy Dean" is what Marcy said, and whose
#: health it is stays open; terms inside quotes are treated like the writer's own.
_QUOTED = re.compile(r"[\"“”„«][^\"“”„«»\n]{1,200}[\"“”»]")


_FIRST_PERSON = re.compile(r"\b(?:I|me|my|I'm|I’m|I've|I’ve|mine)\b")
_SHARED = re.compile(r"\b(?i:same|too|also|both|like you|as well)\b")


def _first_person_clause(text: str, pos: int, clauses: list[int]) -> bool:
    """The clause around ``pos`` speaks of the writer and shares nothing with the addressee."""
    i = bisect_right(clauses, pos)
    start = clauses[i - 1] if i else 0
    end = clauses[i] if i < len(clauses) else len(text)
    whole = text[start:end]
    return bool(_FIRST_PERSON.search(whole)) and not _SHARED.search(whole)


#: Round 15: the tagged person's own words quoted right after the tag, then agreed with.
#: A quoted question ("anyone else lose their appetite?") is no health detail of theirs.
_QUOTE_AFTER_TAG = re.compile(r"[ \t]*[:,-]?[ \t]*[\"“]([^\"“”?\n]{1,200})[\"”]")


#: Capitalised words that open a sentence after a first-name tag rather than end a full name.
_SENTENCE_STARTERS = frozenset(
    [
        "does",
        "do",
        "did",
        "is",
        "are",
        "was",
        "were",
        "can",
        "could",
        "should",
        "would",
        "will",
        "how",
        "what",
        "why",
        "when",
        "where",
        "who",
        "thanks",
        "thank",
        "same",
        "yes",
        "yeah",
        "no",
        "nope",
        "my",
        "mine",
        "the",
        "this",
        "that",
        "these",
        "it",
        "so",
        "sorry",
        "congrats",
        "hope",
        "please",
        "just",
        "we",
        "our",
        "your",
        "you",
        "he",
        "she",
        "they",
        "if",
        "and",
        "but",
        "or",
        "also",
        "honestly",
        "ugh",
        "wow",
        "haha",
        "hi",
        "hey",
        "rn",
        "lol",
        "omg",
        "ok",
        "okay",
        "agree",
        "exactly",
        "me",
        "im",
        "i'm",
        "gestern",
        "heute",
        "ja",
        "nein",
        "nee",
        "oui",
        "non",
        "si",
        "sí",
        "hola",
        "ik",
        "je",
        "ich",
        "du",
    ]
)


def _shared_clause(text: str, pos: int, clauses: list[int]) -> bool:
    """The clause around ``pos`` likens it to the addressee ("the same nosebleed you had")."""
    i = bisect_right(clauses, pos)
    start = clauses[i - 1] if i else 0
    end = clauses[i] if i < len(clauses) else len(text)
    return bool(_SHARED.search(text, start, end))


def _handle_tied(text: str, p_start: int, p_end: int, t_start: int) -> bool:
    """The health detail at ``t_start`` is put to the tagged person or told about them."""
    if _YOURS.search(text, max(0, t_start - 60), t_start):
        return True
    return (
        t_start > p_end
        and _HANDLE_SUBJECT.match(text, p_end) is not None
        and _LINE_START.search(text, max(0, p_start - 1 - 40), p_start - 1) is None
    )


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


class PersonHealthRecognizer(OwnRecognizer):
    """A person's name and health information about that person."""

    ENTITY = "PERSON_HEALTH"

    def __init__(self, name_pattern_fallback: bool = False) -> None:
        """``name_pattern_fallback``: treat any "Firstname Lastname" as a person (no NER)."""
        super().__init__()
        self.name_pattern_fallback = name_pattern_fallback

    def _persons(self, text: str, nlp_artifacts: NlpArtifacts | None) -> list[tuple]:
        """``(start, end, kind)`` per person; kind is relation, mention, self or name."""
        spans: list[tuple[int, int, str]] = []
        for regex, kind in (
            (RELATION_NAME, "relation"),
            (_NAME_THEN_RELATION, "relation"),
            (_RELATION_POSTPOSED, "relation"),
            (_RELATION_PAREN, "relation"),
            (_TITLED_RELATIVE, "relation"),
            (MENTION, "mention"),
            (_SELF, "self"),
            (_SIGNED_START, "self"),
            (_SIGNED_END, "self"),
        ):
            spans += [(m.start("name"), m.end("name"), kind) for m in regex.finditer(text)]
        for i, (start, end, kind) in enumerate(spans):
            # round 15: "@Sunita Does jardiance ...", "@Sabine Gestern geimpft": a first-name
            # tag and the first word of the sentence, not a full name
            if kind == "mention":
                first, _, second = text[start:end].partition(" ")
                if second.strip().lower() in _SENTENCE_STARTERS:
                    spans[i] = (start, start + len(first), "handle")
        for m in _HANDLE.finditer(text):
            handle = m.group("name")
            if not _PAGE_HANDLE.search(handle) and not is_health_word(handle):
                spans.append((m.start("name"), m.end("name"), "handle"))
        ner_people: set[int] = set()
        if nlp_artifacts is not None:
            ner_people = {
                e.start_char for e in nlp_artifacts.entities if e.label_ in ("PERSON", "PER")
            }
        for m in _POSSESSED_NAME.finditer(text):
            end = m.end("name")
            if _DEVICE_LIKE.search(m.group("name")):
                continue
            if (
                m.start("name") in ner_people
                or _PERSON_VERB_AFTER.match(text, end)
                or _AGE_AFTER.match(text, end)
            ):
                spans.append((m.start("name"), end, "relation"))
        for m in _HONORIFIC.finditer(text):
            if not _TITLE_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                spans.append((m.start("name"), m.end("name"), "name"))
        if nlp_artifacts is not None:
            for e in nlp_artifacts.entities:
                if e.label_ not in ("PERSON", "PER"):
                    continue
                if len(e.text.split()) > 1 or _PERSON_VERB_AFTER.match(text, e.end_char):
                    spans.append((e.start_char, e.end_char, "name"))
        for m in _FULL_NAME.finditer(text):
            if self.name_pattern_fallback or _PERSON_VERB_AFTER.match(text, m.end()):
                spans.append((m.start("name"), m.end("name"), "name"))
        kept = []
        for start, end, kind in spans:
            name = text[start:end]
            if name.lower() in _NOT_NAMES if kind == "handle" else _bad_name(name):
                continue
            if _TITLE_BEFORE.search(text[max(0, start - 30) : start]) or _TITLE_START.match(
                text, start
            ):
                continue
            if kind == "name" and _TITLE_AFTER.match(text, end):
                continue
            if _EPONYM_AFTER.match(text, end) or _SAINT_BEFORE.search(
                text[max(0, start - 8) : start]
            ):
                continue
            kept.append((start, end, kind))
        return kept

    def find(self, text: str, nlp_artifacts: NlpArtifacts | None = None) -> Iterable[tuple]:
        """Yield person-to-health-term spans (one per person)."""
        terms = health_terms_in(text)
        if not terms:
            return
        # A title-cased symptom list ("Vivid Dreams, Dry Mouth, Weight Gain") reads as names
        # to NER; a "name" that is (part of) a health phrase of two or more words is none.
        phrases = [(t.start, t.end) for t in terms if " " in t.text]
        persons = [
            p
            for p in self._persons(text, nlp_artifacts)
            if not any(s < p[1] and p[0] < e for s, e in phrases)
        ]
        if not persons:
            return
        term_starts = [t.start for t in terms]
        owner = _WRITER_OWNED_PL if _POLISH.search(text) else _WRITER_OWNED
        owned = [bool(owner.search(text[max(0, t.start - 60) : t.start])) for t in terms]
        quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        if quoted:
            owned = [o or _inside(t.start, quoted) for o, t in zip(owned, terms, strict=True)]
        sentences = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(text)]
        clauses = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)]
        best: dict[tuple[int, int], tuple[int, int, float, str]] = {}
        for p_start, p_end, kind in persons:
            hit = self._tie(
                text, p_start, p_end, kind, terms, owned, term_starts, sentences, clauses
            )
            if hit is None:
                continue
            term, score = hit
            span = (min(p_start, term.start), max(p_end, term.end))
            why = f"{text[p_start:p_end]} is named with a health detail ({term.text})"
            key = (p_start, p_end)
            if key not in best or best[key][2] < score:
                best[key] = (span[0], span[1], score, why)
        yield from best.values()

    @staticmethod
    def _tie(
        text: str,
        p_start: int,
        p_end: int,
        kind: str,
        terms: list[Term],
        owned: list[bool],
        term_starts: list[int],
        sentences: list[int],
        clauses: list[int],
    ) -> tuple[Term, float] | None:
        """The health term this person is tied to, with the score, or None."""
        p_sentence = bisect_right(sentences, p_start)
        p_clause = bisect_right(clauses, p_start)
        candidates: list[tuple[Term, float]] = []
        # only terms within a window of the name: bounded work per person on huge texts
        lo = bisect_right(term_starts, p_start - _WINDOW)
        hi = bisect_right(term_starts, p_end + _WINDOW)
        near_you = _YOU.search(text, max(0, p_start - _WINDOW), p_end + _WINDOW) is not None
        quote = _QUOTE_AFTER_TAG.match(text, p_end) if kind in ("mention", "handle") else None
        for term, is_owned in zip(terms[lo:hi], owned[lo:hi], strict=True):
            if term.start < p_end and term.end > p_start:
                continue  # the "name" is the health word itself
            if (
                quote is not None
                and quote.start(1) <= term.start < quote.end(1)
                and _SHARED.search(text, quote.end(), quote.end() + 40)
            ):
                # round 15: @Donna "nausea is worst the day after" - same here!
                candidates.append((term, 0.7))
                continue
            if is_owned and kind != "self":
                continue  # the writer's own health, not the named person's
            same_sentence = bisect_right(sentences, term.start) == p_sentence
            if kind == "relation":
                after = term.start >= p_end and term.start - p_end <= 300
                carried = after and _PRONOUN.search(text, p_end, term.start) is not None
                if same_sentence or carried:
                    candidates.append((term, 0.85))
            elif kind == "mention":
                # round 15: a tagged full name is privacy only when the detail is put to them
                # ("@Bev Thompson so sorry about your liver numbers"); the writer's own story
                # or a question to them ("can I crush it for my dad?") names nobody's health.
                if not near_you and _first_person_clause(text, term.start, clauses):
                    continue  # "@Ann Lee well it didn't work for me, 4 months of puking"
                candidates.append((term, 0.8 if near_you else 0.65))
            elif kind == "handle":
                if same_sentence and _handle_tied(text, p_start, p_end, term.start):
                    candidates.append((term, 0.7))
            elif kind == "self":
                candidates.append((term, 0.75))
            elif bisect_right(clauses, term.start) == p_clause:
                candidates.append((term, 0.7))
        if not candidates:
            return None
        return min(candidates, key=lambda c: (abs(c[0].start - p_end), -c[1]))
