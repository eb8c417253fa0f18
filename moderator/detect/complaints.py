"""Product (technical / quality) complaints: the product itself is alleged to be deficient.

Why separate from AEs: a complaint goes to Quality (and to PV too when someone was harmed), and
Quality needs the lot/batch number to trace the batch, so it is captured verbatim. Categories
follow the usual PQC list: device fault, damaged packaging, wrong count, changed appearance,
contamination, suspected counterfeit, labelling.

How: complaints are open-ended ("the window went purple before I pressed", "foil backing puffed
up"), so instead of sentence templates the core rule is *a part of the product and a defect word
in the same sentence*. Parts (pen, needle, cap, blister, bottle, label, tablet ...) and defects
(cracked, bent, leaking, empty, damp, discoloured ...) are token sets in English, Spanish, French,
German and Portuguese; a handful of bounded phrase patterns add what a token pair cannot say
(counts that do not add up, label mismatches, "nothing came out", counterfeits, contamination).
Negated and hypothetical defects are dropped, and a few idioms ("stuck in my throat", "empty
stomach", "missing a dose") are not defects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from moderator.detect import context
from moderator.detect.text import Prepared, Sentence

# ---- parts of a product (token sets; tokens are lower-cased, apostrophes kept) ----------------
_DEVICE_PARTS = frozenset(
    [
        "pen",
        "pens",
        "injector",
        "injectors",
        "autoinjector",
        "autoinjectors",
        "auto-injector",
        "needle",
        "needles",
        "syringe",
        "syringes",
        "cartridge",
        "cartridges",
        "dial",
        "plunger",
        "button",
        "trigger",
        "window",
        "counter",
        "cap",
        "caps",
        "lid",
        "device",
        "inhaler",
        "inhalers",
        "canister",
        "mouthpiece",
        "spacer",
        "pump",
        "patch",
        "patches",
        "dropper",
        "applicator",
        "vial",
        "vials",
        "ampoule",
        "ampule",
        "sharps",
        "container",
        "click",
        "clicker",
        "spring",
        "shield",
        "cover",
        "prefilled",
        "pre-filled",
        "bolígrafo",
        "boligrafo",
        "pluma",
        "jeringa",
        "jeringuilla",
        "aguja",
        "agujas",
        "inyector",
        "caneta",
        "seringa",
        "agulha",
        "stylo",
        "seringue",
        "aiguille",
        "spritze",
        "fertigspritze",
        "nadel",
        "kanüle",
        "injektor",
    ]
)
_PACK_PARTS = frozenset(
    [
        "box",
        "boxes",
        "carton",
        "package",
        "packaging",
        "pack",
        "packet",
        "seal",
        "seals",
        "blister",
        "blisters",
        "strip",
        "strips",
        "foil",
        "backing",
        "bottle",
        "bottles",
        "jar",
        "tube",
        "sachet",
        "wrapper",
        "label",
        "labels",
        "leaflet",
        "insert",
        "instructions",
        "guide",
        "pouch",
        "bag",
        "envelope",
        "shipment",
        "delivery",
        "parcel",
        "row",
        "pocket",
        "packs",
        "caja",
        "frasco",
        "botella",
        "envase",
        "etiqueta",
        "prospecto",
        "blíster",
        "embalaje",
        "caixa",
        "embalagem",
        "rótulo",
        "rotulo",
        "bula",
        "cartela",
        "boîte",
        "boite",
        "flacon",
        "emballage",
        "étiquette",
        "notice",
        "plaquette",
        "packung",
        "schachtel",
        "flasche",
        "verpackung",
        "etikett",
        "beipackzettel",
        "blisterpackung",
    ]
)
_FORMS = frozenset(
    [
        "pill",
        "pills",
        "tablet",
        "tablets",
        "tab",
        "tabs",
        "capsule",
        "capsules",
        "caplet",
        "caplets",
        "gelcap",
        "pellets",
        "pellet",
        "beads",
        "bead",
        "coating",
        "liquid",
        "solution",
        "suspension",
        "medicine",
        "medication",
        "meds",
        "dose",
        "powder",
        "imprint",
        "score",
        "markings",
        "marking",
        "stamp",
        "pastilla",
        "pastillas",
        "comprimido",
        "comprimidos",
        "cápsula",
        "cápsulas",
        "capsulas",
        "líquido",
        "comprimé",
        "comprimés",
        "gélule",
        "gélules",
        "tablette",
        "tabletten",
        "kapsel",
        "kapseln",
        "flüssigkeit",
    ]
)
# Round 6: device and pack words in Dutch, Italian, Polish and more Spanish/French/German.
_DEVICE_PARTS = _DEVICE_PARTS | frozenset(
    [
        "puffer",
        "inhalator",
        "inhalador",
        "inhalateur",
        "inalatore",
        "penna",
        "penne",
        "wstrzykiwacz",
        "pióro",
        "spuit",
        "naald",
        "aguja",
        "aiguille",
        "nadel",
        "teller",
        "contador",
        "compteur",
        "zähler",
    ]
)
_PACK_PARTS = _PACK_PARTS | frozenset(
    [
        "paczka",
        "paczce",
        "paczki",
        "opakowanie",
        "verpakking",
        "doos",
        "confezione",
        "scatola",
        "embalaje",
        "caja",
        "boîte",
        "packung",
        "schachtel",
    ]
)
# Round 7: soft-gel forms ("the liqui-gels were stuck together in one melted blob").
_FORMS = _FORMS | frozenset(
    [
        "gel",
        "gels",
        "softgel",
        "softgels",
        "gelcaps",
        "liquigel",
        "liquigels",
        "lozenge",
        "lozenges",
    ]
)
# Device parts you see the medicine through: a look defect there is the medicine's appearance
# ("the EpiPen window is brown and cloudy").
_SEE_THROUGH_PARTS = frozenset(["window", "windows", "cartridge", "cartridges", "vial", "vials"])
_PARTS = _DEVICE_PARTS | _PACK_PARTS | _FORMS

# ---- defect words (token sets) -------------------------------------------------------------
_DEFECTS_DEVICE = frozenset(
    [
        "broke",
        "broken",
        "breaks",
        "cracked",
        "crack",
        "cracks",
        "chipped",
        "bent",
        "snapped",
        "leak",
        "leaks",
        "leaked",
        "leaking",
        "leaky",
        "seeping",
        "seeped",
        "dripping",
        "oozing",
        "jammed",
        "jams",
        "jam",
        "stuck",
        "faulty",
        "defective",
        "malfunction",
        "malfunctioned",
        "malfunctioning",
        "misfire",
        "misfired",
        "misfires",
        "dud",
        "blocked",
        "clogged",
        "loose",
        "wobbly",
        "flimsy",
        "stiff",
        "stiffer",
        "empty",
        "half-empty",
        "dented",
        "punctured",
        "exposed",
        "roto",
        "rota",
        "rompió",
        "rompio",
        "rajado",
        "rajada",
        "agrietado",
        "agrietada",
        "vacío",
        "vacía",
        "vacio",
        "vacia",
        "gotea",
        "goteando",
        "quebrado",
        "quebrada",
        "quebrou",
        "rachado",
        "rachada",
        "vazio",
        "vazia",
        "vazando",
        "cassé",
        "cassée",
        "cassé",
        "fissuré",
        "fissurée",
        "vide",
        "fuit",
        "kaputt",
        "gebrochen",
        "zerbrochen",
        "leer",
        "undicht",
        "ausgelaufen",
        "gerissen",
        "defekt",
    ]
)
_DEFECTS_PACK = frozenset(
    [
        "damaged",
        "torn",
        "ripped",
        "crushed",
        "tampered",
        "unsealed",
        "opened",
        "open",
        "puffed",
        "swollen",
        "damp",
        "wet",
        "soggy",
        "melted",
        "warm",
        "hot",
        "frozen",
        "missing",
        "crooked",
        "smudged",
        "faded",
        "illegible",
        "misprinted",
        "mislabeled",
        "mislabelled",
        "unreadable",
        "blank",
        "expired",
        "dañado",
        "dañada",
        "abierto",
        "abierta",
        "caducado",
        "caducada",
        "vencido",
        "vencida",
        "falta",
        "faltan",
        "faltaba",
        "danificado",
        "danificada",
        "aberto",
        "aberta",
        "faltando",
        "abîmé",
        "abîmée",
        "endommagé",
        "endommagée",
        "ouvert",
        "ouverte",
        "manquant",
        "manquante",
        "périmé",
        "périmée",
        "beschädigt",
        "geöffnet",
        "fehlt",
        "fehlen",
        "fehlte",
        "abgelaufen",
    ]
)
_DEFECTS_LOOK = frozenset(
    [
        "discolored",
        "discoloured",
        "discolouration",
        "discoloration",
        "stained",
        "spotted",
        "speckled",
        "spotty",
        "cloudy",
        "murky",
        "crumbling",
        "crumbled",
        "crumbly",
        "crumbles",
        "powdery",
        "chalky",
        "sticky",
        "clumped",
        "clump",
        "clumps",
        "melted",
        "moldy",
        "mouldy",
        "fuzzy",
        "faded",
        "different",
        "weird",
        "odd",
        "strange",
        "smaller",
        "bigger",
        "thinner",
        "thicker",
        "darker",
        "lighter",
        "manchado",
        "manchada",
        "manchados",
        "manchadas",
        "diferente",
        "diferentes",
        "tachés",
        "tachées",
        "taché",
        "tachée",
        "différent",
        "différente",
        "différents",
        "verfärbt",
        "fleckig",
        "anders",
    ]
)
# Round 7: soft-gels that stuck into one lump ("all fused together").
_DEFECTS_LOOK = _DEFECTS_LOOK | frozenset(["fused", "clumped", "clumping"])
_DEFECTS = _DEFECTS_DEVICE | _DEFECTS_PACK | _DEFECTS_LOOK
# A defect word that also makes sense about the medicine named by brand ("my Ozempic arrived
# warm") rather than only about a part of it.
_PRODUCT_DEFECTS = frozenset(
    [
        "damaged",
        "expired",
        "warm",
        "hot",
        "frozen",
        "melted",
        "discolored",
        "discoloured",
        "cloudy",
        "crumbling",
        "crumbled",
        "leaking",
        "leaked",
        "cracked",
        "tampered",
        "moldy",
        "mouldy",
        "counterfeit",
    ]
)
_SMELL = frozenset(
    ["smell", "smells", "smelled", "smelt", "stinks", "stank", "odor", "odour", "reeks"]
)

# ---- phrases a token pair cannot express ---------------------------------------------------
_NUM = r"(\d{1,3})"
_PHRASES: dict[str, re.Pattern[str]] = {
    "device_fault": re.compile(
        r"\b(?:nothing|no (?:drop|drops|liquid|medicine|medication|dose))\s+(?:\w+\s+){0,2}?"
        r"(?:came|comes|come|went|goes) out\b"
        r"|\b(?:won't|wouldn't|didn't|doesn't|does not|did not|would not|will not|couldn't|can't"
        r"|never) (?:even )?(?:click|clicked|dial|turn|inject|fire|fired|prime|spray|dispense"
        r"|retract|activate|lock|unlock|come off|pull off|come out|pop off|release|turn (?:yellow"
        r"|purple|blue|red|green|orange))\b"
        r"|\bstopped (?:spraying|clicking|dispensing|working halfway)\b"
        r"|\b(?:came|come|popped|pops|fell|falls) (?:off|apart|loose|open|out)\b"
        r"|\b(?:went|turned) (?:purple|yellow|blue|red|orange|green) before\b"
        r"|\bstayed (?:clear|white|empty)\b|\bnever turned\b|\bair bubbles?\b"
        r"|\bclicked but\b|\bno (?:needle|click|drop)\b|\bpushed in\b"
        r"|\b(?:already|was) (?:off|removed|uncapped)\b"
        r"|\bhard to (?:turn|press|push|twist|pull)\b|\bcan barely (?:turn|press|push)\b"
        r"|\bcounter (?:says|said|shows|showed|reads|read|still said|still says) (?:0|zero|\d+)"
        r"(?: left)?\b"
        # round 6: plungers that will not move, sprays out of the side, and other languages
        r"|\b(?:won't|wouldn't|didn't|doesn't|would not|will not|couldn't|can't) (?:even )?"
        r"(?:push|press|depress|go down|move)\b"
        r"|\bspray\w* (?:out )?(?:of |from )?the side\b|\bleak\w* (?:out )?(?:of |from )?the side\b"
        r"|\b(?:a|avait|est) fui\b|\bfuit\b|\bn'ai re[çc]u que la moiti[ée]\b"
        r"|\b(?:only|just) (?:got|received|injected) (?:half|part) (?:of )?(?:the|my) dose\b"
        r"|\bdoet het niet(?: meer)?\b|\ber komt (?:niks|niets) uit\b|\blekt\b|\bgelekt\b"
        r"|\bnie dzia[łl]a\b|\bnic nie (?:wylatuje|lecia[łl]o|wysz[łl]o)\b"
        r"|\bfunktioniert nicht(?: mehr)?\b|\bkommt nichts (?:mehr )?raus\b"
        r"|\bnon (?:esce|usciva) niente\b|\bno sale nada\b|\bn[ãa]o sai nada\b"
        # round 7: a pen that jammed and did not inject, in the other languages
        r"|\b(?:si [èe] |s'est )?(?:bloccat[ao]|inceppat[ao]|bloqu[ée]e?|blockiert|klemmt"
        r"|atascad[ao]|trabad[ao]|travou|travad[ao])\b"
        r"|\bnon ha (?:iniettato|funzionato)\b|\bno (?:se )?(?:inyect[óo]|dispar[óo])\b"
        r"|\bn'a pas (?:inject[ée]|fonctionn[ée])\b|\bhat nicht (?:injiziert|ausgel[öo]st)\b"
        r"|\bn[ãa]o (?:injetou|disparou)\b"
    ),
    "packaging": re.compile(
        r"\b(?:arrived|came|delivered|shipped|showed up) (?:\w+\s+){0,2}?(?:warm|hot|frozen|melted"
        r"|damaged|broken|opened|open|crushed|smashed|wet|damp|leaking|unsealed|thawed|lukewarm"
        r"|at room temp\w*|not cold|sitting in the sun)\b"
        r"|\b(?:cold|ice|gel|freezer) packs? (?:was |were |had )?(?:\w+\s+)?(?:melted|warm|thawed"
        r"|defrosted|room temp\w*)\b"
        r"|\btamper\w*\b|\b(?:broken|missing|damaged|no) (?:safety )?seal\b"
        r"|\b(?:pens?|insulin|vials?|cartridges?) (?:\w+ )?froze\b|\bfroze (?:solid|in the)\b"
        r"|\bbez wk[łl]adu ch[łl]odz[ąa]cego\b|\bby[łl]a ciep[łl]a\b|\bkam warm an\b"
        r"|\best arriv[ée]e? (?:chaud|ti[èe]de)|\blleg[óo] caliente\b|\barrivat[oa] cald[oa]\b"
        # round 9: a seal or foil already lifted, swabs and patches dried out
        r"|\b(?:foil|seal|backing|lid|wrapper|film)s? [^.!?]{0,50}?\b(?:peeled|peeling|lifted"
        r"|pulled back|ripped back|torn back|already off)\b"
        r"|\b(?:swabs?|wipes?|pads?|patch(?:es)?|sponges?) [^.!?]{0,40}?\b(?:dried (?:out|up)"
        r"|(?:completely|totally|bone|all|already) dry)\b"
    ),
    "wrong_count": re.compile(
        r"\b(?:says|said|labell?ed|should (?:have|be|contain)|supposed to (?:have|be|contain)"
        r"|counted|paid for)\s+" + _NUM + r"\b[^.!?\n]{0,50}?\b(?:had|got|has|have|only|counted"
        r"|contained|there (?:were|are|was)|received|came with|found)\s+(?:only\s+|just\s+)?"
        + _NUM
        + r"\b"
        r"|\b" + _NUM + r"\s+(?:\w+\s+)?(?:instead of|en vez de|en lugar de|em vez de|au lieu de"
        r"|statt|anstatt)\s+" + _NUM + r"\b"
        r"|\b(?:\d{1,3}|a few|some|two|three|four|five|six|ten)\s+(?:pills?\s+|tablets?\s+"
        r"|capsules?\s+|doses?\s+)?short\b|\bshort (?:by )?(?:\d{1,3}|a few|some|two|three)\b"
        r"|\b(\d{2,3}) (?:pills|tablets|capsules|comprimidos|comprimés|tabletten)\b[^.!?\n]{0,40}?"
        r"\b(?:got|had|received|only|counted|contained|came with|found) (?:only |just )?(\d{1,3})\b"
        r"(?! (?:left|days?|hours?|minutes?|weeks?|months?|times?|mg|lbs?|pounds|kg))"
        r"|\b(?:got|had|received|counted|came with|contained|there (?:were|are|was))"
        r" (?:only |just )?"
        r"(\d{1,3}) (?:pills|tablets|capsules|pens|doses|comprimidos|comprimés|tabletten)\b"
        r"[^.!?\n]{0,40}?\b(?:should (?:have|be|contain)|supposed to (?:have|be|contain)|says"
        r"|said|labell?ed(?: as)?|instead of) (\d{1,3})\b"
        r"|\bshorted\b|\bwrong (?:count|number of (?:pills|tablets|capsules|pens))\b"
        r"|\bfewer (?:pills|tablets|capsules|pens)\b|\bhalf (?:empty|full|filled)\b"
        r"|\bmissing (?:the (?:whole |entire )?|a |one |two |three |\d{1,3} |some |a few )"
        r"(?:\w+ ){0,2}?(?:row|rows|strip|strips|pills?|tablets?|capsules?|pens?|needles?"
        r"|blisters?|weeks?)\b"
    ),
    "appearance": re.compile(
        r"\b(?:colou?r|shape|size|imprint|markings?|coating|score line|taste|texture|logo)"
        r"\s+(?:\w+\s+)?(?:changed|is different|was different|looks different|is off)\b"
        r"|\bchanged (?:colou?r|shape|size)\b"
        r"|\b(?:different|wrong|new|weird|odd|strange) (?:colou?r|shape|size|markings?|imprint"
        r"|smell|taste|score line|coating|logo|texture)\b"
        r"|\bdoesn't look like (?:the |my )?(?:real|usual|normal|old|others?)\b"
        r"|\b(?:look|looks|looked) (?:\w+ )?(?:different|weird|off|odd|wrong|fake)\b"
        r"|\bmixed in\b|\bcomes off in\b"
        # round 7: a refill that looks unlike the usual one
        r"|\bdifferent[\s-]looking\b"
        r"|\bnot (?:\w+ )?(?:white|yellow|pink|blue|orange|green|peach|red|purple|brown|round"
        r"|oval) (?:like|as) (?:usual|normal|always|before|it used to be|the last (?:\w+ )?)\b"
        r"|\b(?:window|solution|liquid|fluid|medicine|medication)\s+(?:is|was|looks|looked|turned"
        r"|has turned|went|seems)\s+(?:\w+\s+)?(?:brown|yellow|yellowish|brownish|pink|pinkish"
        r"|cloudy|murky|discolou?red|dark|milky|hazy|amber)\b"
    ),
    "contamination": re.compile(
        r"\b(?:contaminat\w*|particles?|floaters?|floating (?:bits|stuff|things|particles|"
        r"something)|specks?|mou?ld|mou?ldy|foreign (?:object|body|matter|particles?)|debris"
        r"|(?:black|white|brown|dark|yellow) (?:spots|dots|bits|specks|flecks|points)"
        r"|(?:hair|glass|insect|bug|plastic|metal) (?:sealed )?(?:in|inside)"
        r"|partículas|particules|partikel|petits points"
        # round 9: "little white floaty flakes in it", "chunks floating in the vial"
        r"|(?:flakes|flecks|chunks|strands|threads|crystals|clumps|floaties|floaty bits|gunk)"
        r" (?:\w+ )?(?:floating )?(?:in|inside) (?:it|(?:the|my) (?:\w+ )?(?:liquid|solution|pen"
        r"|vial|syringe|cartridge|bottle|window|medicine|fluid)))\b"
    ),
    "counterfeit": re.compile(
        r"\b(?:counterfeit\w*|knock-?offs?|not (?:genuine|real|authentic|the real)|bootleg"
        r"|fake (?:pens?|pills?|ozempic|\w+ pens?|version|product|meds?|medicine|box)"
        r"|(?:is|are|was|were|looks?) fake|falsificad\w+|contrefa\w+|gefälscht\w*"
        r"|(?:it'?s|its|they'?re|theyre|these are|this is) (?:a |all )?(?:fake|fakes)"
        r"|pretty sure (?:it'?s|they'?re|these are) (?:fake|not real)|nep|podr[óo]bk\w*)\b"
    ),
    "labelling": re.compile(
        r"\b(?:wrong|missing|no|incorrect|misprinted|smudged|crooked|mislabell?ed|blank"
        r"|unreadable) (?:patient )?(?:label|labels|leaflet|insert|instructions|expiry"
        r"|expiration date|lot number|dosing guide|guide)\b|\bmislabel\w*\b"
        r"|\bsays one thing\b|\b(?:says?|labell?ed|printed|stamped|marked)\b[^.!?]{0,40}\bbut\b"
        r"[^.!?]{0,40}\b(?:says?|labell?ed|printed|stamped|marked)\b"
        r"|\blabell?ed (?:as )?[\w ]{1,30}? but\b"
        r"|\b(?:on the|the) (?:box|label|bottle|pack|carton) but (?:the )?\w+ (?:says|say|is|are"
        r"|were|was|stamped|printed|marked)\b"
        r"|\bprinted [\"'“]\w+|\bstamped (?:[\"'“]\w+|\d+)"
        r"|\bonly in (?:spanish|english|french|german|chinese|another language)\b"
        r"|\b(?:expir\w+|exp) (?:date )?(?:\w+ )?(?:already )?(?:passed|gone)\b"
        r"|\b(?:arrived|came|already|was) (?:\w+ )?expired\b|\bexpired on arrival\b"
        r"|\bout of date\b"
        r"|\bin a (?:foreign )?language i (?:don'?t|do not|can'?t|cannot) (?:recogni[sz]e|read"
        r"|understand)\b"
    ),
}
_PHRASE_NEEDS_PART = frozenset(["device_fault", "appearance"])
# round 8: defects told by what the product did or lacks rather than by a defect word; "no
# imprint" is the defect itself, so these skip the negation gate (hypotheticals still count).
_BEHAVIOUR: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "device_fault",
        re.compile(
            r"\b(?:pen|injector|auto-?injector|device|syringe|it|needle)\s+(?:\w+\s+)?"
            r"(?:fired|went off|discharged|injected|clicked|deployed|triggered|released)"
            r" (?:\w+ ){0,2}?(?:before|without) (?:i |me )?(?:even |ever )?(?:pressed|pressing"
            r"|pushed|pushing|touched|touching|placed|placing|put|putting|held|holding|had it"
            r"|pressing it|got it)\b"
            r"|\b(?:dial|button|plunger|counter|knob)s? (?:\w+ )?(?:just )?(?:spins|spun|spinning"
            r"|jammed|snapped|broke off|fell off)\b"
        ),
    ),
    (
        "labelling",
        re.compile(
            r"\b(?:label|name|sticker|prescription label) (?:\w+ ){0,2}?(?:for|of) (?:someone"
            r"|somebody|another (?:person|patient)|a different (?:person|patient)) ?(?:else)?\b"
            r"|\b(?:someone|somebody) else'?s name\b"
            r"|\b(?:label|box|name|leaflet|packaging|carton|instructions) (?:\w+ )?(?:misspelled"
            r"|misspelt|spelled wrong|spelt wrong|has (?:a )?typos?|full of typos)\b"
        ),
    ),
    (
        "counterfeit",
        re.compile(
            r"\b(?:it'?s|its|they'?re|theyre|these are|this is|are|is|was|were) (?:clearly"
            r"|obviously|definitely|probably|totally|100%|so) (?:a )?(?:fake|counterfeit|not real"
            r"|not genuine)\b"
        ),
    ),
    (
        "appearance",
        re.compile(
            r"\b(?:have|has|had|with|there'?s|there is|without) (?:no|any) (?:imprint|markings?"
            r"|writing|stamp|logo|numbers|letters|embossing)\b"
            r"|\b(?:mine|they|these|pills|tablets|capsules|bottle|pens?) (?:\w+ )?(?:smell|smells"
            r"|smelled|stink|stinks|reek|reeks) (?:like|of) (?:vinegar|fish|ammonia|chemicals?"
            r"|gasoline|petrol|nail polish|mou?ld|cat pee|rotten \w+|bleach|plastic)\b"
            r"|\bbad (?:batch|lot)\b"
            # other languages: "eine andere Prägung", "kleiner als sonst", "otro color"
            r"|\b(?:andere|anderen|neue) (?:pr[äa]gung|farbe|form|gr[öo][ßs]e)\b"
            r"|\b(?:kleiner|gr[öo][ßs]er|dunkler|heller|dicker|d[üu]nner) als sonst\b"
            r"|\b(?:otro|distinto) (?:color|tama[ñn]o)\b|\bautre (?:couleur|forme|taille)\b"
            r"|\b(?:diversa|diverso) (?:colore|forma)\b|\boutra cor\b|\binn(?:y|a) kolor\b"
        ),
    ),
    (
        "packaging",
        re.compile(
            r"\b(?:ups|fedex|usps|dhl|courier|driver|delivery (?:guy|man|person)|mailman|postman"
            r"|pharmacy) (?:\w+ ){0,3}?(?:left|dropped|delivered|put) (?:\w+ ){0,4}?(?:on the"
            r" (?:porch|doorstep|step|stoop)|outside|in the (?:sun|heat|mailbox|rain))\b"
            # round 9: a cold-chain product shipped without its cooling
            r"|\b(?:no |without (?:an? |any )?|missing (?:the |an? )?)(?:ice|cold|gel|cooling"
            r"|freezer) ?packs?\b(?! (?:needed|necessary|required))"
            r"|\b(?:no |without (?:a |any )?)(?:cooler|insulation|cold chain)\b"
            r"(?! (?:needed|necessary|required))"
        ),
    ),
    (
        "labelling",
        # round 9: a pack that came without its leaflet, in the languages comments use
        re.compile(
            r"\b(?:without|no|missing) (?:the |a |an |any )?(?:patient )?(?:leaflet|package insert"
            r"|paper insert|patient information(?: leaflet)?|info leaflet|instructions leaflet)\b"
            r"|\b(?:sin|sem|sans|ohne|senza|zonder|bez|fără|fara|nu (?:avea|are|con[țt]inea))"
            r" (?:el |o |la |le |den |il |de |niciun )?(?:prospecto|bula|notice|beipackzettel"
            r"|packungsbeilage|foglietto|bugiardino|bijsluiter|ulotk\w+|prospect\w*)\b"
        ),
    ),
)
# Idioms that contain a defect word without alleging a defect of the product.
_NOT_A_DEFECT = re.compile(
    r"\b(?:stuck (?:in|on) (?:my|the|his|her|your) (?:throat|mind|head|chest)|stuck with"
    r"|stuck on (?:it|this|that)|empty stomach|missing (?:a |my |the |any )?(?:dose|doses|shot"
    r"|injection|days?)|broke (?:out|down|up)|break out|(?:i|we|you) (?:crush|crushed|crushing)"
    r"|open (?:the|a|my|it)|opened (?:the|a|my|it|up)|(?:switch\w*|chang\w*|moved|try|tried"
    r"|trying|prescribed) (?:me )?(?:to )?(?:a )?(?:different|new)|different (?:dose|doses"
    r"|strength|brand|doctor|pharmacy|drug|med|meds|medication|medicine|insurance)"
    r"|warm (?:water|bath|shower)|hot (?:flash|flashes|flush|water|shower|bath)"
    r"|ran out|run out|running out|(?:card|coupon|prescription|script|trial|insurance"
    r"|membership|savings|rx) (?:\w+ )?(?:expired|expires|is expired)|open (?:up|to)"
    r"|feel(?:s|ing)? (?:different|weird|strange|odd)|felt (?:different|weird|strange|odd)"
    r"|(?:changed|switched|upped|lowered|adjusted|increased|decreased) (?:my|the|her|his)"
    r" (?:meds|medication|medicine|dose|pills)"
    r"|(?:cracked|broke|chipped) (?:a|my|his|her|two|\d) (?:tooth|teeth|molars?|filling|crown"
    r"|ribs?|bones?|nails?)"
    # round 7: stopping the medicine ("hard to come off", "coming off it") and wishes for a
    # different design ("please make the pill bigger") are not defects
    r"|(?:hard|tough|difficult|impossible|easy|easier|trying|tried|want|wanted|able|how|plan)"
    r" to come off|(?:come|came|coming|comes) off (?:of )?(?:it|them|this|these|that|the (?:med"
    r"|meds|medication|drug|pills?|stuff)|\w+ (?:cold turkey|slowly))"
    r"|(?:please |pls |could you |can you |you should |should )?make (?:the |it |them |these |my )?"
    r"(?:\w+ ){0,2}(?:bigger|smaller|larger|easier|tastier|cheaper|different)"
    r"|wish (?:it|they|the \w+) (?:was|were) (?:bigger|smaller|larger)"
    # the body harmed, not the product: "her liver was damaged by the methotrexate"
    r"|(?:liver|kidneys?|heart|stomach|nerves?|skin|teeth|bones?|eyes?|lungs?|thyroid|gut)"
    r" (?:was|were|got|is|are|has been|have been) (?:\w+ )?damaged"
    # round 8: an open window is fresh air, not a pen's inspection window
    r"|windows? (?:\w+ )?open|open (?:the|a|my) windows?"
    # round 9: a blood thinner is a medicine, not a thinner pill
    r"|blood[\s-]thinners?)\b"
)
# "filled my levothyroxine at 150 instead of 50": a dispensing error of strength, not a count.
_STRENGTH_BEFORE = re.compile(r"\bat\s*$")
_STRENGTH_AFTER = re.compile(r"^\s*(?:mg|mcg|µg|ug|units?|iu|ml)\b")
# round 9: "dialed my pen to 2 instead of 0.25": a decimal is a dose setting, not a count.
_DECIMAL_AFTER = re.compile(r"^[.,]\d")
_LOT = re.compile(
    r"\b(?:lot|batch|lote|lotto|charge|charge-?nr|lot\s*no|batch\s*no|lot\s*number|batch\s*number"
    r"|lot\s*#|batch\s*#)[\s.:#-]{0,4}(?:number|no|num|nr)?[\s.:#-]{0,3}"
    r"([a-z0-9][a-z0-9-]{2,15})\b"
)
_CATEGORY_OF_PART = (
    (_DEVICE_PARTS, "device_fault"),
    (_PACK_PARTS, "packaging"),
    (_FORMS, "appearance"),
)


@dataclass
class ComplaintResult:
    """Complaint categories and lot numbers found (evidence offsets index the original text)."""

    is_complaint: bool = False
    score: float = 0.0
    categories: list[str] = field(default_factory=list)
    lots: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)  # cleaned offsets
    explanation: str = ""


# round 9: "no desiccant and the pills were crumbly", "came without the leaflet and the seal was
# broken": a new clause with its own subject ends the scope of the negation before it.
_NEW_CLAUSE = re.compile(
    r"\b(?:and|but|plus|also)\s+(?:the|my|all the|some of the|two of the|a few of the)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:was|were|is|are|had|has|looked|looks)\b"
)


def _gated(sent: Sentence, rel_start: int, rel_end: int) -> bool:
    if context.is_hypothetical(sent, rel_start):
        return True
    cuts = list(_NEW_CLAUSE.finditer(sent.text, 0, rel_start))
    if cuts:
        cut = cuts[-1].start()
        sent = replace(sent, start=sent.start + cut, text=sent.text[cut:])
        rel_start, rel_end = rel_start - cut, rel_end - cut
    return context.is_negated(sent, rel_start, rel_end)


def _pair_category(part_words: set[str], defect: str) -> str:
    if defect in _DEFECTS_LOOK and part_words & (_FORMS | _SEE_THROUGH_PARTS):
        return "appearance"
    for parts, category in _CATEGORY_OF_PART:
        if part_words & parts:
            return category
    return "packaging"


def _sentence_complaints(
    prep: Prepared, sent: Sentence, products_here: list[int]
) -> list[tuple[int, int, str]]:
    """(cleaned start, cleaned end, category) of the defects alleged in one sentence."""
    has_product_here = bool(products_here)
    found: list[tuple[int, int, str]] = []
    text = sent.text
    idioms = [(m.start(), m.end()) for m in _NOT_A_DEFECT.finditer(text)]

    def in_idiom(rs: int, re_: int) -> bool:
        return any(s <= rs and re_ <= e for s, e in idioms)

    toks = [t for t in prep.tokens if sent.start <= t.start < sent.end]
    words = {t.text for t in toks}
    part_words = words & _PARTS
    for tok in toks:
        w = tok.text
        rel_s, rel_e = tok.start - sent.start, tok.end - sent.start
        if w in _DEFECTS:
            ok_part = bool(part_words - {w})
            if not ok_part and has_product_here and w in _PRODUCT_DEFECTS:
                ok_part = True
            # "different"/"weird" alone is about feelings or the pen design, not a defect.
            if (
                w in _DEFECTS_LOOK
                and not (part_words & (_FORMS | _PACK_PARTS | _SEE_THROUGH_PARTS))
                and w not in ("discolored", "discoloured", "moldy", "mouldy", "crumbling")
            ):
                ok_part = False
        elif w in _SMELL:
            # "my zoloft smells like fish" (the product), not "I can't smell" (an AE).
            ok_part = bool(part_words) or any(0 <= tok.start - o <= 25 for o in products_here)
        else:
            continue
        if not ok_part or in_idiom(rel_s, rel_e) or _gated(sent, rel_s, rel_e):
            continue
        category = "appearance" if w in _SMELL else _pair_category(part_words, w)
        found.append((tok.start, tok.end, category))
    for category, rx in _PHRASES.items():
        for m in rx.finditer(text):
            if category in _PHRASE_NEEDS_PART and not part_words:
                looks = m.group(0).startswith(("look", "doesn't look", "different", "not "))
                if not (has_product_here and (category == "device_fault" or looks)):
                    continue
            if category == "wrong_count" and (
                not _count_is_short(m)
                or _STRENGTH_BEFORE.search(text[max(0, m.start() - 4) : m.start()])
                or _STRENGTH_AFTER.match(text[m.end() : m.end() + 6])
                or _DECIMAL_AFTER.match(text[m.end() : m.end() + 2])
            ):
                continue
            if in_idiom(m.start(), m.end()) or context.is_hypothetical(sent, m.start()):
                continue
            if category not in ("wrong_count", "labelling") and context.is_negated(
                sent, m.start(), m.end()
            ):
                continue
            found.append((sent.start + m.start(), sent.start + m.end(), category))
            break
    for category, rx in _BEHAVIOUR:
        m = rx.search(text)
        if m is None or in_idiom(m.start(), m.end()) or context.is_hypothetical(sent, m.start()):
            continue
        found.append((sent.start + m.start(), sent.start + m.end(), category))
    return found


def _count_is_short(m: re.Match[str]) -> bool:
    """For "says 90 ... had 84" / "26 instead of 28": the second count must be the larger."""
    nums = [g for g in m.groups() if g is not None]
    if len(nums) == 2:
        return int(nums[0]) != int(nums[1])
    return True


def detect_complaint(
    prep: Prepared, has_product: bool, product_offsets: list[int] | None = None
) -> ComplaintResult:
    """Find quality complaints; a lot number alone is evidence only alongside a complaint.

    ``product_offsets`` are cleaned offsets of product names in the comment: a defect word such
    as "expired" or "arrived warm" counts next to a brand name as it does next to "pen".
    """
    res = ComplaintResult()
    offsets = product_offsets or []
    for sent in prep.sentences:
        here = [o for o in offsets if sent.start <= o < sent.end]
        hits = _sentence_complaints(prep, sent, here)
        for start, end, category in hits:
            s, e, raw = prep.original_span(start, end)
            res.evidence.append((s, e, raw, f"complaint:{category}"))
            if category not in res.categories:
                res.categories.append(category)
        if hits:
            res.sentence_starts.append(sent.start)
    for m in _LOT.finditer(prep.clean):
        code = m.group(1)
        if not any(c.isdigit() for c in code):
            continue
        s, e, raw = prep.original_span(m.start(1), m.end(1))
        res.lots.append(raw)
        res.evidence.append((s, e, raw, "lot_number"))
    res.is_complaint = bool(res.categories)
    if res.is_complaint:
        res.score = 0.9 if (has_product or res.lots) else 0.7
        res.explanation = "quality complaint: " + ", ".join(res.categories)
        if res.lots:
            res.explanation += "; lot " + ", ".join(res.lots)
    return res
