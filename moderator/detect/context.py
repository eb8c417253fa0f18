"""Context around a finding: denied, hypothetical, asked, hearsay? And who is it about.

Why: "no side effects", "worried it might cause nausea", "can Ozempic cause pancreatitis?" and
"I heard it causes hair loss" all name an event but none reports one; "my 6yo took two" reports
one about someone other than the writer. These cues are small, precompiled regexes applied to one
sentence (bounded by ``text.MAX_CHARS``), all linear-time: no nested quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from moderator.detect.text import Prepared, Sentence

# A negation cue governs what follows it in its sentence until a scope breaker.
_NEG_CUE = re.compile(
    # round 14b: "no sabía" (didn't know) denies knowledge, not the event that follows
    r"\b(?:no(?!\s+(?:sab[ií]\w*|s[ée]|conoc[ií]\w*)\b)|not|never|without|none|zero|nor"
    r"|nothing|neither|free of|lack of|absence of"
    r"|denies|cannot|sin|ningún|ninguna|ningun|nunca|jamás|nada|não|nao|sem|nenhum|nenhuma"
    r"|nunca|pas|sans|aucun|aucune|jamais|kein|keine|keinen|keiner|keinerlei|nicht|ohne|nie|geen|nessun"
    r"|nessuna|nessuno|niente|[żz]adnych|[żz]adnego|[żz]adnej)\b"
    r"|n't\b|\b(?:dont|didnt|havent|hasnt|doesnt|wasnt|isnt|arent|werent|wont|cant|couldnt"
    r"|wouldnt|shouldnt|aint)\b"
)
_SCOPE_BREAK = re.compile(
    r"\b(?:but|except|until|though|although|however|apart from|besides|other than|aside from"
    r"|yet|whereas|then|and now|now"
    # round 13: a new subject opens a new clause ("didn't notice and it bled like mad")
    r"|and (?:it|he|she|they)(?! (?:didn'?t|did not|doesn'?t|does not|never|wasn'?t|isn'?t)))\b"
    r"|[,:()]"
)
_POST_NEG = re.compile(r"^[\s:=\-]{0,4}(?:none|nil|zero|nope|nada)\b")
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|what if|worried|worry|worries|afraid|scared|concerned|fear|fears|might"
    r"|may|possible|possibly|risk of|risks|chance of|warned|warning|warnings|supposed to"
    r"|unless|whether|hope|hoping|avoid|prevent|prevents|in order to|potential|refus\w*"
    r"|would(?:'ve| have)? been|could(?:'ve| have)? been|in some people|some people get)\b"
)
_NEW_REPORT = re.compile(
    r"[,;:]\s*(?:but\s+|and\s+)?(?:i'?ve|i have|i had|i got|i'?m having|i am having"
    r"|(?:she|he|they)'?(?:s|ve) had|(?:she|he) has had)\b"
)
_HABITUAL_IF = re.compile(
    r"\b(?:if|when|whenever) (?:i|i'm|im|she|he|we) (?:miss|missed|forget|forgot|skip|skipped|stop"
    r"|stopped|go off|went off|don'?t take|dont take|didn'?t take|am late|was late|try to stop"
    # round 15: a late dose with its delay ("if I'm 6 hrs late with a dose I get zaps")
    r"|(?:(?:am|was) )?(?:\d{1,2} ?(?:hrs?|hours?|h)|a (?:few|couple) (?:of )?hours|a day)"
    r" late"
    r"|tried to stop|lower|lowered|wean|weaned|take it late"
    # round 10b: a dose change told as a habit ("if I went to 200 mg I had more anxiety")
    r"|went (?:up )?to|go (?:up )?to|upped|up (?:it|the dose|my dose)|increased|increase|raised"
    r"|raise|bumped|take more than|took more than)\b"
)
_HEARSAY = re.compile(
    r"\b(?:i(?: have|'ve| had)? (?:heard|read|seen)|heard that|they say|people say|"
    r"people said|apparently|rumou?rs?|supposedly|on the news|in the news|articles?|studies"
    r"|study shows|according to|is it true|allegedly|lawsuits?|tv ad says|commercial says"
    r"|commercials say"
    r"|(?:everyone|everybody|people|ppl|folks) (?:online |on here |on tiktok |on reddit )?"
    r"(?:says?|said|claims?|swears?)|(?:people|ppl|anyone|those|folks) who (?:complain|say|think"
    r"|claim)"
    r"|in some people|some people get|(?:told|tells) (?:me|us|you) (?:that )?(?:\w+ ){1,3}(?:can "
    r"|may |might |could )?cause|side[\s-]?effects? list|list of side effects|leaflet"
    r"|package insert"
    r"|read(?:ing)? (?:the|about|up on) (?:\w+ )?side[\s-]?effects?"
    # round 7: the asker checking a rumour ("is that true?")
    r"|is (?:that|this|it) (?:actually |really )?(?:true|a real thing|real)"
    # round 10: "everyone knows someone who got the flu from the shot": nobody in particular
    r"|(?:everyone|everybody|we all) knows? (?:someone|somebody|a guy|a person|people)"
    r"|(?:someone|somebody|a guy|a girl|a lady) (?:at|from|in) (?:my|the|our|work|church|school)"
    r" (?:\w+ )?(?:who|that) (?:got|had|took)"
    # round 10b: a rumour debated ("X face is a myth", "change my mind")
    r"|(?:is|are) (?:a |just a |an urban |total |complete )?myths?|change my mind"
    # round 10b: reports and crowds with no one in particular
    r"|there (?:are|were) (?:reports?|stories) (?:about|of|that)|there are (?:many|some|lots of"
    r"|plenty of|people|others) who)\b"
)
# round 10b: a clinician's routine advice names their patients, not an event ("I always tell my
# patients starting GLP-1s: small meals, stop eating when full").
_ADVICE = re.compile(
    r"\b(?:i|we) (?:always |usually |often |constantly |routinely )?(?:tell|advise|remind|warn"
    r"|counsel|coach) (?:all )?(?:my |our )?(?:patients|clients|customers|members|students)\b"
)
# Round 7: a crowd's claim with a qualifier in between ("people in my FB group keep saying",
# "the moms on here are always saying").
_CROWD_CLAIM = re.compile(
    r"\b(?:people|ppl|folks|everyone|everybody|members|moms|users|they)(?: [\w']+){0,5}"
    r" (?:keep |kept |always |are |were |all )?(?:saying|claiming|posting|swearing)\b"
)
_TOLD_CLAIM = re.compile(
    r"\b(?:told|tells|said|says) (?:me|us|you|them)? ?(?:that )?(?:\w+ ){1,3}(?:can|may|might"
    r"|could) (?:cause|give|lead to|trigger)\b"
)
_GENERIC_CLAIM = re.compile(
    r"\b(?:known to|linked to|been linked|can cause|may cause|could cause|causes|can lead to"
    r"|leads to|associated with|risk of)\b"
)
_QUESTION_START = re.compile(
    r"^(?:(?:can|could|does|do|will|would|should|anyone|any1|why|where|which|who|shall)\b"
    # round 13: "Did exactly what the video says", "Did another one to be safe": a statement
    # with its subject dropped; "What helped: HRT, ...": a heading, not a question
    r"|did\b(?!\s+(?:another|exactly|everything|all|as|just|nothing|the same|my best)\b)"
    r"|(?:how|what)\b(?!(?:\s+[\w']+){0,3}\s*:)"
    # round 10: "When it ran out I was sweating" is a statement; "when" asks only before an
    # auxiliary ("when should I take it", "when is the best time")
    r"|when\b(?=\s+(?:do|does|did|is|are|was|were|should|can|could|will|would|shall|am|has"
    r"|have)\b)"
    # round 7: a statement with its subject dropped ("Was given Zoloft 300mg and got tremors",
    # "Was prescribed oxycodone", "Have been on it 2 years") is not an inverted question
    r"|(?:is|are|was|were|am|has|have)\b(?!\s+(?:been|given|prescribed|told|put|started"
    r"|switched|diagnosed|taken|had|gotten|hospitali[sz]ed|admitted|rushed|hooked|moved|changed"
    r"|bumped|upped|lowered|weaned|sent|referred|treated|born|advised|instructed|forced|unable"
    # round 10b: Romanian "am luat" (I took), "am avut" (I had) are statements, and so are
    # reports with the subject dropped ("was sleepy", "have experienced weight gain")
    r"|luat|avut|fost|început|inceput|făcut|facut|simțit|simtit|observat|experienced"
    r"|experiencing|experinced|noticed|noticing|felt|feeling|having|getting|gaining|losing"
    r"|suffering|dealing|tired|sleepy|exhausted|so|very|really|always|constantly|extremely"
    r"|pretty|super|completely|totally|also"
    # round 11: "was on oxy after my surgery and got hooked": a use told with its subject dropped
    r"|on|off(?![\w-]))\b))"
    r"(?!\s+(?:nothing|not|n't))"
)
_QUESTION_ANYWHERE = re.compile(
    r"\b(?:anyone else|any one else|anybody else|does anyone|has anyone|is it (?:normal|safe|ok)"
    r"|is this normal|should i|can i|could i|i wonder|wondering|any advice|any tips"
    # round 13: a request for advice with no question mark ("Kindly advise whether X can be
    # taken with ...", "pls confirm if"); "I want to know if others had this" asks the crowd
    r"|(?:kindly|please|pls|plz) (?:advise|advice|confirm|tell me|let me know|suggest|clarify)"
    r"|(?:advise|confirm) (?:me )?(?:if|whether))\b"
)

_RELATIONS: dict[str, str | None] = {
    "mum": "F",
    "mom": "F",
    "mother": "F",
    "mommy": "F",
    "mama": "F",
    "dad": "M",
    "father": "M",
    "daddy": "M",
    "papa": "M",
    "husband": "M",
    "hubby": "M",
    "wife": "F",
    "son": "M",
    "daughter": "F",
    "child": None,
    "kid": None,
    "kids": None,
    "baby": None,
    "toddler": None,
    "boy": "M",
    "girl": "F",
    "brother": "M",
    "sister": "F",
    "grandma": "F",
    "granny": "F",
    "grandmother": "F",
    "nan": "F",
    "nana": "F",
    "grandpa": "M",
    "grandad": "M",
    "granddad": "M",
    "grandfather": "M",
    "grandson": "M",
    "granddaughter": "F",
    "partner": None,
    "boyfriend": "M",
    "girlfriend": "F",
    "bf": "M",
    "gf": "F",
    "fiance": "M",
    "fiancee": "F",
    "friend": None,
    "bestie": None,
    "aunt": "F",
    "auntie": "F",
    "uncle": "M",
    "niece": "F",
    "nephew": "M",
    "cousin": None,
    "patient": None,
    "patients": None,
    "client": None,
    "teen": None,
    "teenager": None,
    "infant": None,
    "newborn": None,
    "stepson": "M",
    "stepdaughter": "F",
    "neighbour": None,
    "neighbor": None,
    "coworker": None,
    "colleague": None,
    "roommate": None,
    "dog": None,
    "cat": None,
}
_CHILD_RELATIONS = frozenset(
    [
        "son",
        "daughter",
        "child",
        "kid",
        "kids",
        "baby",
        "toddler",
        "boy",
        "girl",
        "grandson",
        "granddaughter",
        "teen",
        "teenager",
        "infant",
        "newborn",
        "stepson",
        "stepdaughter",
        "niece",
        "nephew",
    ]
)
_ELDERLY_RELATIONS = frozenset(
    [
        "grandma",
        "granny",
        "grandmother",
        "nan",
        "nana",
        "grandpa",
        "grandad",
        "granddad",
        "grandfather",
    ]
)
_REL_ALT = "|".join(sorted(_RELATIONS, key=len, reverse=True))
_THIRD_PERSON = re.compile(
    r"\b(?:my|our|his|her)\s+(?:(?:little|elderly|older|younger|old|eldest|youngest|teenage|"
    r"baby|late|best|\d{1,2}\s*(?:yo|y/o|y\.o\.|yr|yrs|year|years|month|months|mo)"
    r"(?:[\s-]old)?|\d{1,2}-(?:year|month)-old)\s+){0,2}(" + _REL_ALT + r")\b"
)
# What follows a number that is not an age: a duration, a size, a dose, a count.
_NOT_AGE_UNIT = (
    r"\s*(?:days?|weeks?|wks?|hours?|hrs?|h\b|mins?|minutes?|months? (?:in|into|on|late|pregnant"
    r"|post|pp|postpartum|out|clean|sober|off)|years? (?:in|into|on|clean|sober|off|post|out)"
    r"|%|lbs?|pounds|kgs?|kilos?|mg|mcg|ml|units?|pills?|tabs?|tablets?|doses?|shots?|times|x\b"
    r"|ft|feet|foot|cm|inch\w*|'|\"|/|:|\.\d|,\d|am\b|pm\b|of (?:them|these|my|the)"
    r"|jours?|d[íi]as|tage?n?|semaines?|semanas|wochen|woche|giorni|settimane|dagen|weken"
    r"|comprim\w+|pastillas?|tabletten?|compresse|pilules?|c[áa]psulas?|gélules?|stück)"
)
# round 10b: relatives named in the other languages comments use ("mein Sohn", "ma mère",
# "mi mamá", "il mio figlio", "minha filha", "mijn vader"), mapped to the English relation word.
_FOREIGN_RELATIONS: dict[str, str] = {
    **dict.fromkeys(["sohn", "fils", "hijo", "figlio", "filho", "zoon"], "son"),
    **dict.fromkeys(["tochter", "fille", "hija", "figlia", "filha", "dochter"], "daughter"),
    **dict.fromkeys(
        ["kind", "kinder", "enfant", "niño", "niña", "bambino", "bambina", "criança", "kindje"],
        "child",
    ),
    **dict.fromkeys(["bébé", "bebé", "bebê", "bebe"], "baby"),
    **dict.fromkeys(
        [
            "mutter",
            "mama",
            "mutti",
            "mère",
            "maman",
            "madre",
            "mamá",
            "mamma",
            "mãe",
            "mamãe",
            "moeder",
        ],
        "mother",
    ),
    **dict.fromkeys(
        ["vater", "papa", "père", "padre", "papá", "papà", "pai", "papai", "vader"], "father"
    ),
    **dict.fromkeys(["mann", "ehemann", "mari", "esposo", "marido", "marito", "man"], "husband"),
    **dict.fromkeys(
        ["frau", "ehefrau", "femme", "esposa", "mujer", "moglie", "mulher", "vrouw"], "wife"
    ),
    **dict.fromkeys(
        ["oma", "großmutter", "grand-mère", "mamie", "abuela", "nonna", "avó", "vovó"],
        "grandmother",
    ),
    **dict.fromkeys(
        ["opa", "großvater", "grand-père", "papi", "papy", "abuelo", "nonno", "avô", "vovô"],
        "grandfather",
    ),
    **dict.fromkeys(["bruder", "frère", "hermano", "fratello", "irmão", "broer"], "brother"),
    **dict.fromkeys(["schwester", "sœur", "soeur", "hermana", "sorella", "irmã", "zus"], "sister"),
    **dict.fromkeys(["enkel", "petit-fils", "nieto", "neto", "kleinzoon"], "grandson"),
    **dict.fromkeys(["enkelin", "petite-fille", "nieta", "neta", "kleindochter"], "granddaughter"),
    **dict.fromkeys(
        [
            "freund",
            "freundin",
            "ami",
            "amie",
            "amigo",
            "amiga",
            "amico",
            "amica",
            "vriend",
            "vriendin",
        ],
        "friend",
    ),
    **dict.fromkeys(
        ["pareja", "partner", "conjoint", "conjointe", "compagno", "compagna"], "partner"
    ),
}
_FOREIGN_REL_ALT = "|".join(sorted(_FOREIGN_RELATIONS, key=len, reverse=True))
_FOREIGN_THIRD = re.compile(
    r"\b(?:mein|meine|meinem|meinen|meiner|unser|unsere|unserem|unseren|mon|ma|mes|notre|nos|mi"
    r"|mis|nuestro|nuestra|meu|minha|meus|minhas|nosso|nossa|il mio|la mia|mio|mia|mijn|onze)"
    r"\s+(?:(?:kleine[rn]?|kleines|petite?|pequeñ[oa]|pequen[oa]|piccol[oa]|jongste|oudste"
    r"|älteste[rn]?|jüngste[rn]?|cadet|cadette|aîné|aînée|mayor|menor|mais novo|mais nova)\s+)?"
    r"(" + _FOREIGN_REL_ALT + r")(?![\w-])"
)
# round 10b: an age given right after the relation: "my son is 5", "my son Leo (8)", "my mom,
# 84,", "mein Sohn (9)", "mio figlio ha 5 anni", "mi hija de 3 años". Durations ("my son was 2
# weeks into it") and sizes are not ages.
_AGE_AFTER_REL = re.compile(
    r"\s*,?\s*(?:[a-zà-ÿ]+,?\s+){0,2}?(?:\(\s*(?:who is\s+|who'?s\s+|aged?\s+)?(\d{1,3})"
    r"\s*(?:yo|y/o|yrs?|years?|ans|años|anos"
    r"|anni|jahre|jaar|j)?\s*\)|(?:is|was|turned|just turned|who is|who'?s|who turned|,|aged|age"
    r"|de|di|von|van|ist|wurde|tiene|tem|fez|a|ha|heeft)\s+(?:only\s+|just\s+"
    r"|barely\s+|almost\s+|nearly\s+|nur\s+|solo\s+|sólo\s+|seulement\s+|apenas\s+|pas\s+"
    r"|quasi\s+|casi\s+|quase\s+|presque\s+|fast\s+|bijna\s+)?(\d{1,3})"
    r"(\s+and\s+a\s+half|\.5|½)?(\s*(?:months?[\s-]old|mois|meses|mesi|monate?n?"
    r"|maanden)\b)?(?!\d|" + _NOT_AGE_UNIT + r"))"
)
_AGE_CHILD = re.compile(
    r"\b(?:my|our|his|her|a|an|this|the)\s+(\d{1,2})(?:\s+and\s+a\s+half|\.5|½)?"
    r"\s*(?:yo|y/o|y\.o\.|yr old|yrs old|year old|years old"
    r"|-year-old|"
    r"month old|months old|-month-old|mo)\b"
)
# "mon fils de 9 ans", "mi hija de 5 años", "meu filho de 3 anos", "mein Sohn (7 Jahre)".
_AGE_CHILD_ROMANCE = re.compile(
    r"\b(?:fils|fille|enfant|bébé|hijo|hija|niño|niña|bebé|filho|filha|criança|sohn|tochter"
    r"|kind)\s+(?:de|d'|\(|von)?\s*(\d{1,2})\s*(?:ans|años|anos|jahre|jahren|mois|meses)\b"
)
_AGE_REL = re.compile(
    r"\b(\d{1,2})\s*(?:yo|y/o|y\.o\.|yr old|yrs old|year old|years old|-year-old|month old"
    r"|months old|-month-old|mo)\s+(son|daughter|boy|girl|kid|child|grandson|granddaughter"
    r"|niece|nephew|toddler|baby)\b"
)
_AGE = re.compile(
    r"\b(\d{1,3})\s*(?:yo|y/o|y\.o\.|yrs? old|years? old|-years?-old|year-old)\b"
    # round 10b: "I'm 3 days late", "I'm 5'4", "I'm 200 lbs" are durations and sizes, not ages
    r"|\b(?:i'?m|i am|age|aged)\s+(\d{1,3})\b(?!" + _NOT_AGE_UNIT + r")"
    r"|\b(\d{1,2})\s*(?:months? old|-month-old)\b"
    r"|\b(\d{2})\s*(?:m|f)\b"
    r"|\b(?:tengo|tenho|j'ai|ich bin)\s+(\d{1,2})\s*(?:años|anos|ans|jahre)?\b"
    r"(?!\s*(?:jours?|d[íi]as|tage?n?|semaines?|semanas|wochen|woche|mois|meses|monate?n?|giorni"
    r"|settimane|mesi|kg|kilos?|mg|%|ml|unidades|unités|einheiten|x\b))"
    r"|\b(?:ho|ik ben)\s+(\d{1,2})\s*(?:anni|jaar)\b"
)
_SEX_SELF = re.compile(
    r"\b(?:i'?m|i am|as)\s+an?\s+(?:\d{1,3}\s*(?:yo|y/o|year old|years old|-year-old)\s+)?"
    r"(woman|female|girl|mother|mum|mom|wife|lady|man|male|guy|dude|father|dad|husband)\b"
    r"|\b\d{2}\s*(f|m)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|me|my|mine|myself|i'?m|im|i'?ve|ive|i'd|i'll|yo|tengo|mi|eu|tenho|meu|minha|je|j'ai"
    r"|mon|ma|mes|ich|mein|meine|mir|mich)\b"
)
_HCP = re.compile(
    r"\b(?:as an?|i'?m an?|i am an?|i work as an?)\s+(?:\w+\s+)?(nurse|doctor|physician|"
    r"pharmacist|gp|np|nurse practitioner|pa|physician assistant|prescriber|md|rn|"
    r"psychiatrist|endocrinologist|cardiologist|dermatologist|dentist|paramedic|midwife)\b"
    r"|\bmy patients?\b|\bi prescribe\b|\bi prescribed\b|\bin my practice\b|\bin my clinic\b"
)
_ELDERLY = re.compile(
    r"\b(?:elderly|senior|pensioner|aged parent|in her (?:80|90)s|in his "
    r"(?:80|90)s|(?:80|90)s)\b"
)
_FEMALE = frozenset(["woman", "female", "girl", "mother", "mum", "mom", "wife", "lady", "f"])
_MALE = frozenset(["man", "male", "guy", "dude", "father", "dad", "husband", "m"])


@dataclass(frozen=True)
class Person:
    """Who a comment is about, with the words that said so (offsets index the cleaned text)."""

    who: str  # "self", or a relation word such as "mother", "son", "friend"
    age: float | None
    sex: str | None
    start: int
    end: int
    is_child: bool = False
    is_elderly: bool = False

    def to_dict(self, prep: Prepared) -> dict:
        evidence: dict | None = None
        if self.end > self.start:
            s, e, raw = prep.original_span(self.start, self.end)
            evidence = {"start": s, "end": e, "text": raw}
        return {"who": self.who, "age": self.age, "sex": self.sex, "evidence": evidence}


def _window_before(sentence: Sentence, rel: int) -> str:
    """Text from the last scope breaker up to ``rel`` (an offset within the sentence)."""
    before = sentence.text[max(0, rel - 80) : rel]
    last = None
    for m in _SCOPE_BREAK.finditer(before):
        last = m
    return before[last.end() :] if last else before


# Negations that do not deny the event: "it is NOT normal to vomit", "didn't you say ... made
# him manic?" (a negative question presupposes the event).
_NOT_DENIAL = re.compile(
    r"\b(?:no\W+)?(?:(?:it|that|this) (?:is |was )?)?(?:not|n'?t|isn'?t|is not) (?:normal|ok"
    r"|okay|fine|right|usual|common) (?:to|that|for)\b"
    r"|\b(?:didn'?t|don'?t|doesn'?t|wasn'?t|weren'?t|isn'?t|aren'?t|haven'?t|hasn'?t|didnt|dont"
    r"|doesnt|wasnt|isnt) (?:you|he|she|they|we|this|that|it|your \w+)\b"
    # round 10: "won't stop" in the other languages is the event going on, not a denial
    r"|\b(?:no (?:para|paraba|paró|deja|dejaba) de|n[ãa]o (?:para|parava|parou) de"
    r"|n'arr[êe]te (?:pas|plus) de|non (?:smette|smetteva) di|h[öo]rt nicht auf"
    r"|houdt niet op)\b"
    # round 10b: and in English: "can't stop yawning", "couldn't stop scratching"
    r"|\b(?:can'?t|cant|cannot|couldn'?t|couldnt|won'?t|wont) stop\b"
)
# round 10b: "email me if you want my full story, X put me in hospital": an offer to tell more,
# not a condition on the event.
_OFFER_IF = re.compile(
    r"\bif (?:you|u|anyone|anybody|someone|any of you) (?:(?:'d |would )?(?:like|love) (?:to "
    r"(?:know|hear|chat|talk)|more|details|my|the)|(?:ever )?(?:want|wanna|wants) (?:to (?:know"
    r"|hear|chat|talk)|more|details|info|my|the (?:full )?story)|(?:need|needs|have|has) (?:help"
    r"|advice|info\w*|details|support|someone|questions|any questions)|(?:is|are) (?:interested"
    r"|curious)|cares? to)\b"
    r"|\bif (?:you|u)'d (?:like|love)\b"
)
# round 10: "fair warning, the first week I was nauseous" announces a report, not a possibility.
# round 15: in a reply thread "warning from me:" / "from experience:" introduces the writer's own
# report to the person they answer, not a possibility.
_WARNING_INTRO = re.compile(
    r"\b(?:fair|friendly|word of|a) warning\b|\bheads up\b"
    r"|\bwarning from (?:me|experience|someone who)\b"
)


# round 14b: a wish that the medicine would stop doing something ("I'd enjoy it more if this
# pill didn't make me so tired") is a complaint about an effect it has, not a denial or a
# possibility.
_COUNTERFACTUAL = re.compile(
    r"\b(?:if|wish) (?:only )?(?:this|the|my|that|these|it|they|[\w-]+)(?: [\w-]+)?"
    r" (?:didn'?t|did not|didnt|wouldn'?t|wouldnt|weren'?t|wasn'?t) (?:make|give|leave|making"
    r"|giving) (?:me|him|her|them|us) (?:so|such|feel so|this|these|all this)\b"
)


def is_negated(sentence: Sentence, rel_start: int, rel_end: int) -> bool:
    """A negation cue governs the span ("no side effects", "haven't had any nausea")."""
    window = _window_before(sentence, rel_start)
    if _COUNTERFACTUAL.search(sentence.text[max(0, rel_start - 80) : rel_start]):
        return False
    if _NEG_CUE.search(_NOT_DENIAL.sub(" ", window)):
        return True
    return bool(_POST_NEG.match(sentence.text[rel_end : rel_end + 20]))


def is_hypothetical(sentence: Sentence, rel_start: int) -> bool:
    """The span is a possibility or a worry, not something that happened.

    "If I miss a dose I get brain zaps" reports a habit (withdrawal), not a possibility.
    """
    window = sentence.text[max(0, rel_start - 80) : rel_start]
    window = _WARNING_INTRO.sub(" ", _HABITUAL_IF.sub(" ", _OFFER_IF.sub(" ", window)))
    window = _COUNTERFACTUAL.sub(" ", window)
    # round 8: "I'm worried, I've had bruising since...": a new clause reporting what happened
    # ends the worry's scope
    cuts = list(_NEW_REPORT.finditer(window))
    if cuts:
        window = window[cuts[-1].end() :]
    return bool(_HYPOTHETICAL.search(window))


def is_hearsay(sentence: Sentence) -> bool:
    """Second-hand or general claim ("I heard it causes…") with no identifiable person."""
    text = sentence.text
    if _TOLD_CLAIM.search(text):
        return True  # "my mother's nurse told us this medicine can cause X": a claim, no event
    if _CROWD_CLAIM.search(text):
        return True  # "people in my mom group keep saying": a crowd, even with "my" in it
    if _ADVICE.search(text):
        return True
    if _third_person(text) is not None:
        return False
    if _HEARSAY.search(text):
        return True
    return bool(_GENERIC_CLAIM.search(text)) and not _FIRST_PERSON.search(text)


def is_question(sentence: Sentence) -> bool:
    """The sentence asks something (with or without a question mark)."""
    if sentence.is_question:
        return True
    text = sentence.text.strip()
    if text.startswith("¿"):
        return True
    return bool(_QUESTION_START.match(text) or _QUESTION_ANYWHERE.search(text))


def has_first_person(text: str) -> bool:
    """The writer talks about themselves."""
    return bool(_FIRST_PERSON.search(text))


def has_third_person(text: str) -> bool:
    """The text names a specific other person ("my mum", "my 6yo")."""
    return bool(_third_person(text) is not None or _AGE_CHILD.search(text))


def _third_person(text: str) -> tuple[str, int, int] | None:
    """The first relative named, English or not: (English relation word, start, end)."""
    eng = _THIRD_PERSON.search(text)
    foreign = _FOREIGN_THIRD.search(text)
    if foreign and (eng is None or foreign.start() < eng.start()):
        return _FOREIGN_RELATIONS[foreign.group(1)], foreign.start(), foreign.end()
    if eng:
        return eng.group(1), eng.start(), eng.end()
    return None


def _age_after(clean: str, end: int) -> float | None:
    """An age told right after the relation ("my son is 5", "my son Leo (8)", "mon fils a 9")."""
    m = _AGE_AFTER_REL.match(clean, end, min(len(clean), end + 60))
    if m is None:
        return None
    value = float(m.group(1) or m.group(2))
    if m.group(3):
        value += 0.5
    if m.group(4):
        value = round(value / 12.0, 2)
    return value if value < 120 else None


def _age_from(match: re.Match[str]) -> float | None:
    for idx, group in enumerate(match.groups()):
        if group:
            value = float(group)
            if idx == 2:  # months
                value = round(value / 12.0, 2)
            return value if value < 120 else None
    return None


def _age_near(clean: str, start: int, end: int) -> re.Match[str] | None:
    """An age near the relation that is not the writer's own ("my kid and I'm 40")."""
    for m in _AGE.finditer(clean, max(0, start - 5), end + 40):
        if not (m.group(2) or m.group(5) or m.group(6)):
            return m
    return None


def find_patient(prep: Prepared) -> Person:
    """The patient: a named third person if there is one, else the writer."""
    clean = prep.clean
    third = _third_person(clean)
    child_age = (
        _AGE_CHILD.search(clean) or _AGE_REL.search(clean) or _AGE_CHILD_ROMANCE.search(clean)
    )
    if third or child_age:
        if third and (not child_age or third[1] <= child_age.start()):
            rel, start, end = third
        else:
            assert child_age is not None
            rel, start, end = "child", child_age.start(), child_age.end()
        # round 10b: the words right after the relation first ("my son is 5", "my son Leo (8)"),
        # then an age anywhere near it ("my 7 year old son")
        age = _age_after(clean, end)
        age_m = None if age is not None else _age_near(clean, start, end)
        if age_m:
            age = _age_from(age_m)
        elif age is None and child_age:
            age = float(child_age.group(1))
            if "mo" in clean[start:end] and "mos" not in clean[start:end]:
                age = round(age / 12.0, 2)
        is_child = rel in _CHILD_RELATIONS or (age is not None and age < 18)
        if age is not None and age >= 18:
            is_child = False
        is_elderly = rel in _ELDERLY_RELATIONS or (age is not None and age >= 65)
        who = {"mum": "mother", "mom": "mother", "dad": "father", "hubby": "husband"}.get(rel, rel)
        return Person(who, age, _RELATIONS.get(rel), start, end, is_child, is_elderly)
    age = None
    start = end = 0
    age_m = _AGE.search(clean)
    if age_m and has_first_person(clean[max(0, age_m.start() - 30) : age_m.end()]):
        age, start, end = _age_from(age_m), age_m.start(), age_m.end()
    sex = None
    sex_m = _SEX_SELF.search(clean)
    if sex_m:
        word = (sex_m.group(1) or sex_m.group(2) or "").lower()
        sex = "F" if word in _FEMALE else "M" if word in _MALE else None
        if end == start:
            start, end = sex_m.start(), sex_m.end()
    fp = _FIRST_PERSON.search(clean)
    if end == start and fp:
        start, end = fp.start(), fp.end()
    return Person(
        "self",
        age,
        sex,
        start,
        end,
        is_child=age is not None and age < 18,
        is_elderly=bool(age is not None and age >= 65) or bool(_ELDERLY.search(clean)),
    )


def find_reporter(prep: Prepared) -> dict:
    """Reporter qualification: "hcp" when the writer says so, else consumer (E2B default)."""
    m = _HCP.search(prep.clean)
    if m:
        s, e, raw = prep.original_span(m.start(), m.end())
        role = m.group(1) or "hcp"
        return {
            "type": "hcp",
            "qualification": role,
            "evidence": {"start": s, "end": e, "text": raw},
        }
    return {"type": "consumer", "qualification": "consumer", "evidence": None}
