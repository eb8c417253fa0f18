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

Round 10: words that also describe bodies, places and feelings ("hot", "different", "empty",
"leaking") count only a few tokens from a part and not when they qualify another noun ("a hot
itchy welt", "two different pharmacies") or follow a body word ("my leg went hot"); a sentence
that goes on with "it"/"they" borrows the parts of the one before. New mechanisms name their part
in the pattern: a window that never filled, a pen that fired early, a pack without its dropper or
cap (``missing_part``), expiry already past on pickup, a box that says one strength over a
blister of another, strengths mixed in one bottle (``mix_up``), tablets that do not release
(``formulation``), and leaks, bends and off-colour liquids in the other comment languages.

Round 12: devices that under-deliver (doses "3 units short", a plunger that stops before the end,
a window still half full, a pen "not working right", a counter that says 60 over a canister dry at
41), weak puffs and sprays (``weak_output``, exempt from the negation gate because "barely" and
"apenas" read as negation cues), packs impossible to open and foil or labels printed wrong. Part
words that name something else ("off label", "over the counter", "the kitchen counter") are not
parts, a defect word right after "made me" / "I'm" describes the writer, and wishes for another
design ("wish the pen came in a smaller size") are not defects.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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
# Round 10: tips and nozzles of sprays and pens, the oral syringe or dropper a liquid comes with,
# and the words people use for "this fill of my medicine" ("my refill looks different").
_DEVICE_PARTS = _DEVICE_PARTS | frozenset(
    [
        "tip",
        "nozzle",
        "actuator",
        "valve",
        "stopper",
        "threads",
        "droppers",
        "indicator",
        "igle",
        "igła",
        "l'ago",
        "dall'ago",
        "caneta",
    ]
)
_PACK_PARTS = _PACK_PARTS | frozenset(
    [
        "pockets",
        "slot",
        "slots",
        "cavity",
        "cavities",
        "kühlakku",
        "kühlakkus",
        "kühlpack",
        "kühlelement",
        "kühlelemente",
        "lacre",
        "selo",
        "precinto",
        "sello",
        "opercule",
        "siegel",
        "sigillo",
        "flacone",
        "fläschchen",
        "butelka",
        "butelki",
        "blistr",
    ]
)
_FORMS = _FORMS | frozenset(
    [
        "refill",
        "refills",
        "batch",
        "syrup",
        "drops",
        "mixture",
        "insulin",
        "tabletki",
        "tabletek",
        "xarope",
        "jarabe",
        "sirop",
        "sirup",
        "sciroppo",
        "syrop",
        "suspensión",
        "liquide",
        "liquido",
        "líquida",
        "comprimidos",
        "compresse",
        "pillole",
    ]
)
# Device parts you see the medicine through: a look defect there is the medicine's appearance
# ("the EpiPen window is brown and cloudy").
_SEE_THROUGH_PARTS = frozenset(
    [
        "window",
        "windows",
        "cartridge",
        "cartridges",
        "vial",
        "vials",
        # round 10: a prefilled syringe or pen shows its liquid too ("syringe was cloudy")
        "syringe",
        "syringes",
        "prefilled",
        "pre-filled",
        "pen",
        "pens",
        "ampoule",
        "ampule",
    ]
)
# Round 11: Turkish parts, in the few case forms comments use ("kutusunun", "kalemde"), so that a
# Turkish defect or smell has a part to attach to.
_FORMS = _FORMS | frozenset(
    ["hap", "haplar", "hapları", "hapların", "kapsül", "kapsüller", "kapsülleri", "şurup"]
    + ["şurubu", "sıvı", "sıvısı", "tabletler", "tabletleri", "komprimeler"]
)
_PACK_PARTS = _PACK_PARTS | frozenset(
    [
        "packing",
        "kutu",
        "kutusu",
        "kutusunun",
        "kutuda",
        "kutunun",
        "şişe",
        "şişesi",
        "şişede",
        "ambalaj",
    ]
    + ["ambalajı", "prospektüs", "prospektüsü", "etiket", "etiketi", "mühür", "mührü"]
)
_DEVICE_PARTS = _DEVICE_PARTS | frozenset(
    [
        "selector",
        "knob",
        "kalem",
        "kalemi",
        "kalemde",
        "kalemin",
        "iğnesi",
        "iğneler",
        "kapak",
        "kapağı",
        "şırınga",
    ]
    + ["şırıngası", "enjektör", "enjektörü"]
)
_SEE_THROUGH_PARTS = _SEE_THROUGH_PARTS | frozenset(["kalem", "kalemi", "kalemde", "şırınga"])
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
# Round 10: leaks, tears and misses in the other languages ("pen przecieka", "perdeva", "lekte",
# "aufgerissen", "es fehlten", "chegou amassada"); stripped threads; crumbling in any tense;
# tinted liquids ("brownish", "yellowish") and comparatives of a tablet's texture.
_DEFECTS_DEVICE = _DEFECTS_DEVICE | frozenset(
    [
        "przecieka",
        "cieknie",
        "wycieka",
        "wyciekło",
        "pęknięty",
        "pęknięta",
        "złamana",
        "złamany",
        "lekte",
        "lekken",
        "perdeva",
        "perdevano",
        "gocciolava",
        "fuyait",
        "leckt",
        "leckte",
        "tropft",
        "tropfte",
        "vazou",
        "vazava",
        "goteaba",
        "stripped",
        "misfiring",
        "doblada",
        "doblado",
        "dobladas",
        "torcida",
        "torcido",
        "verbogen",
        "tordue",
        "tordu",
        "entortada",
        "entortado",
        "piegato",
        "piegata",
        "wygięta",
        "zgięta",
        "krom",
        "sputters",
        "sputtering",
        "sputtered",
        "cassés",
        "cassées",
        "rotos",
        "rotas",
        "quebrados",
        "quebradas",
        "partidos",
        "partidas",
        "rotti",
        "spezzati",
        "spezzate",
        "rompido",
        "rompida",
        "rompidos",
        "violado",
        "violada",
        "rotta",
        "rotto",
        "rotte",
    ]
)
_DEFECTS_PACK = _DEFECTS_PACK | frozenset(
    [
        "aufgerissen",
        "ungekühlt",
        "eingerissen",
        "zerrissen",
        "fehlten",
        "gefehlt",
        "amassada",
        "amassado",
        "amassadas",
        "aplastada",
        "aplastado",
        "écrasée",
        "écrasé",
        "quente",
        "rasgado",
        "rasgada",
        "rozdarte",
        "uszkodzone",
        "uszkodzona",
        "scaduto",
        "scaduta",
    ]
)
# Tinted, milky or cloudy in the comments' languages: a defect of a tablet's look and of the
# liquid in a pen or vial alike.
_TINTED = frozenset(
    ["yellowish", "brownish", "pinkish", "greenish", "greyish", "grayish", "milky", "hazy"]
    + ["tinted", "turbio", "turbia", "lechoso", "lechosa", "trüb", "trübe", "milchig"]
    + ["torbido", "torbida", "turvo", "turva", "leitoso", "leitosa", "mętny", "mętna", "troebel"]
)
_DEFECTS_LOOK = (
    _DEFECTS_LOOK
    | frozenset(
        [
            "crumble",
            "crumbled",
            "chalkier",
            "softer",
        ]
    )
    | _TINTED
)
# Looks that only the medicine inside can have, so they count next to a pen or syringe as well.
_LIQUID_LOOKS = (
    frozenset(["discolored", "discoloured", "moldy", "mouldy", "crumbling", "cloudy", "murky"])
    | _TINTED
)
# Round 11: Turkish defects (broken, leaking, bent, torn, crushed, damaged, cloudy). Not "bozuldu",
# which is as often an upset stomach ("midem bozuldu").
_DEFECTS_DEVICE = _DEFECTS_DEVICE | frozenset(
    ["kırık", "kırılmış", "kırıldı", "bozuk", "sızdırıyor", "sızdırdı", "sızıyor", "eğrilmiş"]
    + ["bükülmüş", "tıkalı", "çatlak", "çatlamış"]
)
_DEFECTS_PACK = _DEFECTS_PACK | frozenset(
    ["yırtık", "yırtılmış", "ezik", "ezilmiş", "hasarlı", "açılmış", "delik", "delinmiş"]
)
_DEFECTS_LOOK = _DEFECTS_LOOK | frozenset(["bulanık", "lekeli", "küflü", "ufalanmış"])
_LIQUID_LOOKS = _LIQUID_LOOKS | frozenset(["bulanık", "küflü"])
# Round 14: a coating that comes away ("peeling off in flakes"); weak, so it needs a dose form
# within a few tokens and no body word before it ("my skin is peeling").
_PEELING = frozenset(["peeling", "peeled", "flaking", "flaky"])
_DEFECTS_LOOK = _DEFECTS_LOOK | _PEELING
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
        r"|\b(?:won'?t|wouldn'?t|didn'?t|doesn'?t|does not|did not|would not|will not|couldn'?t"
        r"|can'?t|never) (?:even )?(?:click|clicked|dial|turn|inject|fire|fired|prime|spray"
        r"|dispense|retract|activate|lock|unlock|come off|pull off|come out|pop off|release"
        r"|turn (?:yellow|purple|blue|red|green|orange))\b"
        r"|\bstopped (?:spraying|clicking|dispensing|working halfway)\b"
        r"|\b(?:came|come|popped|pops|fell|falls) (?:off|apart|loose|open|out)\b"
        r"|\b(?:went|turned) (?:purple|yellow|blue|red|orange|green) before\b"
        r"|\bstayed (?:clear|white|empty)\b|\bnever turned\b|\bair bubbles?\b"
        r"|\bclicked but\b|\bno (?:needle|click|drop)\b|\bpushed in\b"
        r"|\b(?:already|was) (?:off|removed|uncapped)\b|\balready (?:gone|missing|popped)\b"
        r"|\b(?:needle|tip) (?:was |is )?(?:sticking|poking) out\b"
        r"|\b(?:sprays?|sprayed|gives?|gave|delivers?|delivered|puffs?) (?:\w+ )?(?:only |just"
        r" |like )?half a (?:puff|dose|spray|shot)\b"
        r"|\bhard to (?:turn|press|push|twist|pull)\b|\bcan barely (?:turn|press|push)\b"
        r"|\bz[äa]hler zeigt (?:0|null)\b|\bcontador (?:marca|indica|muestra|mostra) (?:0|cero"
        r"|zero)\b|\bcompteur (?:indique|affiche|marque) (?:0|z[ée]ro)\b"
        r"|\bcontatore (?:segna|indica) (?:0|zero)\b|\blicznik pokazuje (?:0|zero)\b"
        r"|\bcounter (?:says|said|shows|showed|reads|read|still said|still says) (?:0|zero|\d+)"
        r"(?: left)?\b"
        # round 6: plungers that will not move, sprays out of the side, and other languages
        r"|\b(?:won'?t|wouldn'?t|didn'?t|doesn'?t|would not|will not|couldn'?t|can'?t) (?:even )?"
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
    # round 12: an inhaler or spray that barely puffs, in the comment languages ("barely" and
    # "apenas" read as negation cues, so this family skips the negation gate)
    "weak_output": re.compile(
        r"\bbarely (?:\w+ )?(?:puffs?|puffed|sprays?|sprayed|squirts?|squirted|mists?"
        r"|dispenses?|dispensed|comes? out|came out)\b"
        r"|\b(?:weak|weaker|feeble|tiny|pathetic|half-?hearted|wimpy) (?:little )?(?:spray|sprays"
        r"|puff|puffs|mist|squirt|stream)\b"
        r"|\b(?:spray|sprays|puff|puffs|mist|squirt|stream) (?:\w+ ){0,2}?(?:is|are|was|were"
        r"|feels?|felt|seems?|seemed|getting|got) (?:\w+ )?(?:weak|weaker|feeble|tiny|pathetic)\b"
        r"|\b(?:apenas|casi no|quase n[ãa]o|[àa] peine|appena|prawie nie) (?:\w+ )?(?:sale|sai"
        r"|sort|esce|wylatuje|leci)\b|\b(?:sale|sai|esce) (?:muy |muito |molto )?(?:poco"
        r"|pouco|pochissimo)\b|\b(?:sort|kommt) (?:\w+ )?(?:[àa] peine|kaum)\b"
    ),
    "packaging": re.compile(
        r"\b(?:arrived|came|delivered|shipped|showed up) (?:\w+\s+){0,4}?(?:warm|hot|frozen|melted"
        r"|damaged|broken|opened|open|crushed|smashed|wet|damp|leaking|unsealed|thawed|lukewarm"
        r"|at room temp\w*|not cold|sitting in the sun)\b"
        r"|\b(?:cold|ice|gel|freezer) packs? (?:was |were |had )?(?:\w+\s+)?(?:melted|warm|thawed"
        r"|defrosted|room temp\w*)\b"
        r"|\btamper\w*\b|\b(?:broken|missing|damaged|no) (?:safety )?seal\b"
        r"|\b(?:pens?|insulin|vials?|cartridges?) (?:\w+ )?froze\b|\bfroze (?:solid|in the)\b"
        r"|\bbez wk[łl]adu ch[łl]odz[ąa]cego\b|\bby[łl]a ciep[łl]a\b|\bkam warm an\b"
        # round 10: arrived crushed / open / warm, and shipped without ice, in other languages
        r"|\bchegou (?:\w+ )?(?:quente|morna|amassad[ao]s?|abert[ao]s?|danificad[ao]s?|vazando"
        r"|quebrad[ao]s?)\b|\blleg[óo] (?:\w+ )?(?:rot[oa]s?|abiert[oa]s?|caliente|tibi[oa]"
        r"|dañad[oa]s?|aplastad[oa]s?|derretid[oa]s?)\b|\barriv[ée]e?s? (?:\w+ )?(?:cass[ée]e?s?"
        r"|ouverte?s?|ab[îi]m[ée]e?s?|chaude?s?|écras[ée]e?s?|ti[èe]des?)\b|\bkam (?:\w+ )?"
        r"(?:kaputt|besch[äa]digt|offen|ungek[üu]hlt|zerdr[üu]ckt)\b|\barrivat[oaie] (?:\w+ )?"
        r"(?:rott[oaie]|apert[oaie]|cald[oaie]|danneggiat[oaie]|schiacciat[oaie])\b"
        r"|\bprzysz[łl][ao]? (?:\w+ )?(?:uszkodzon\w+|otwart\w+|ciep[łl]\w+|rozbit\w+)\b"
        r"|\bkwam (?:\w+ )?(?:kapot|open|warm|beschadigd)\b"
        r"|\b(?:sem|sin|sans|ohne|senza|zonder) (?:\w+ )?(?:gelo|hielo|glace|eis|k[üu]hlakkus?"
        r"|k[üu]hlung|ghiaccio|ijs|koeling)\b"
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
        r"|\b"
        + _NUM
        + r"\s+(?:\w+\s+){0,2}?(?:instead of|en vez de|en lugar de|em vez de|au lieu de"
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
        # round 10: "26 tabs not 30"
        r"|\b(?:had|has|got|contained|came with|counted|received|there (?:were|are)|only)"
        r" (?:only |just )?" + _NUM + r" (?:tabs|tablets|pills|capsules|caps|pens|needles|patches"
        r"|vials) not " + _NUM + r"\b"
        r"|\bfewer (?:pills|tablets|capsules|pens)\b|\bhalf (?:empty|full|filled)\b"
        # round 12: "says 4 doses but it ran dry after 3", "counter said 60, empty at 41"
        r"|\b(?:says|said|shows|showed|should (?:have|give|last)|supposed to (?:have|give|last)"
        r"|labell?ed|rated for|holds?|counter (?:says|said|at|on)) (\d{1,3}) (?:doses|puffs|shots"
        r"|injections|sprays|clicks|uses|units|left)?\b[^.!?\n]{0,40}?\b(?:ran dry|went dry"
        r"|ran empty|was empty|is empty|empty|emptied|dry|nothing left|quit|died|gave out"
        r"|stopped) (?:\w+ )?(?:after|at) (?:only |just )?(\d{1,3})\b"
        r"|\b(?:ran|went|runs|goes) (?:dry|empty) after (?:only|just) (\d{1,3}) (?:doses|puffs"
        r"|shots|injections|sprays|uses)\b"
        r"|\b(?:dice|dec[íi]a|indica|marca|diz|dizia|indique|affiche|zeigt|sagt|dovrebbe avere"
        r"|indicava) (\d{1,3}) (?:\w+ )?[^.!?\n]{0,40}?\b(?:se (?:vaci[óo]|acab[óo]|termin[óo])"
        r"|esvaziou|acabou|(?:[ée]tait |est )?vide|(?:war |ist )?leer|vuot[oa]|finit[oa]) (?:\w+ )?"
        r"(?:despu[ée]s de|tras|con|depois de|com|apr[èe]s|au bout de|nach|dopo) (?:solo |s[óo] "
        r"|seulement |nur |apenas )?(\d{1,3})\b"
        r"|\bmissing (?:the (?:whole |entire )?|a |one |two |three |\d{1,3} |some |a few )"
        r"(?:\w+ ){0,2}?(?:row|rows|strip|strips|pills?|tablets?|capsules?|pens?|needles?"
        r"|blisters?|weeks?)\b"
    ),
    "appearance": re.compile(
        r"\b(?:colou?r|shape|size|imprint|markings?|coating|score line|taste|texture|logo)"
        r"\s+(?:\w+\s+)?(?:changed|is different|was different|looks different|is off)\b"
        r"|\bchanged (?:colou?r|shape|size)\b"
        r"|\b(?:different|wrong|new|weird|odd|strange) (?:colou?r|shape|size|markings?|imprint"
        r"|smell|taste|score line|coating|logo|texture|shade|tint|hue)\b"
        r"|\bdoesn'?t look like (?:the |my )?(?:real|usual|normal|old|others?)\b"
        r"|\b(?:look|looks|looked) (?:\w+ )?(?:different|weird|off|odd|wrong|fake)\b"
        r"|\bmixed in\b|\bcomes off in\b"
        # round 7: a refill that looks unlike the usual one
        r"|\bdifferent[\s-]looking\b"
        r"|\bnot (?:\w+ )?(?:white|yellow|pink|blue|orange|green|peach|red|purple|brown|round"
        r"|oval) (?:like|as) (?:usual|normal|always|before|it used to be|the last (?:\w+ )?)\b"
        # round 10: "brown instead of pink", "half green half white now instead of the blue ones"
        r"|\b(?:white|yellow|pink|blue|orange|green|peach|red|purple|brown|grey|gray|clear|black"
        r"|beige)(?:ish)? (?:\w+ ){0,3}?(?:instead of|rather than|not) (?:the |being |its |their )?"
        r"(?:usual |normal |old |regular )?(?:white|yellow|pink|blue|orange|green|peach|red|purple"
        r"|brown|grey|gray|clear|colou?rless|beige)\b"
        r"|\b(?:solution|liquid|fluid|medicine|medication|suspension|syrup)\s+(?:is|was|looks"
        r"|looked|turned|has turned|went|seems)\s+(?:\w+\s+)?(?:brown|yellow|yellowish|brownish"
        r"|pink|pinkish|cloudy|murky|discolou?red|dark|milky|hazy|amber)\b"
        # round 10: a pen's window turning yellow or purple is the end-of-dose signal, so the
        # window counts only with colours no indicator uses
        r"|\bwindows?\s+(?:is|was|looks|looked|turned|has turned|went|seems)\s+(?:\w+\s+)?"
        r"(?:brown|brownish|cloudy|murky|discolou?red|milky|hazy|amber)\b"
        r"|\b(?:was|were|used to be) (?:always |totally |perfectly )?(?:clear|colou?rless|white)"
        r" (?:last (?:week|month|time|refill|box|pen)|before|until)\b"
        r"|\b(?:look|looks|looked) nothing like\b"
        r"|\b(?:half|twice|double) the (?:size|thickness|length)\b"
        r"|\b(?:turned|went|is|was|are|were|has|had) (?:a |this |kind of |sort of |like a )?"
        r"(?:\w+ish|weird|odd|strange|funny|funky) (?:colou?r|tint|tinge|hue|shade)\b"
        r"|\b\w+ish (?:tint|tinge|hue)\b|\b(?:weird|odd|strange|funny) (?:\w+ )?(?:tint|tinge)\b"
        r"|\bdifferent (?:than|from) (?:usual|normal|before|last time|the last \w+|always)\b"
        r"|\b(?:diferente|diverso|diversa|diversi|diverse|diff[ée]rente?s?|anders) (?:del|dal|de l'"
        r"|de lo|als|do|da|que lo|que o) ?(?:solito|habitual|usual|normal|habitude|d'habitude"
        r"|sonst|normalmente|costume|de costume)\b"
        r"|\b(?:cheiro|olor|odeur|geruch|odore|zapach|colore|cor|color|couleur|farbe|kolor)"
        r" (?:\w+ ){0,2}?(?:estranh[oa]|rar[oa]|extrañ[oa]|bizarre|[ée]trange|komisch|seltsam"
        r"|strano|strana|dziwn[yaei]|diferente|diverso|diversa|anders|ungew[öo]hnlich)\b"
    ),
    "contamination": re.compile(
        r"\b(?:contaminat\w*|particles?|floaters?|floating (?:bits|stuff|things|particles|"
        r"something)|specks?|mou?ld|mou?ldy|foreign (?:object|body|matter|particles?)|debris"
        r"|(?:black|white|brown|dark|yellow) (?:spots|dots|bits|specks|flecks|points)"
        r"|(?:glass|insect|bug|plastic|metal|rubber|splinter|shard|sliver|eyelash)"
        r" (?:floating |sealed |stuck )?(?:in|inside)"
        # round 10: "a hair floating inside my vial", not "losing hair in clumps"
        r"|(?:a|an|one|long|short|black|white|dark|human|cat|dog|some) (?:\w+ )?hairs?"
        r" (?:floating |sealed |stuck )?(?:in|inside)"
        r"|laced with"
        r"|partículas|particules|partikel|petits points"
        # round 9: "little white floaty flakes in it", "chunks floating in the vial"
        # round 10: "a big chunk of something white floating in it"
        r"|(?:something|stuff|bits?|pieces?|chunks?|flakes?|specks?|things?|strings?|hairs?"
        r"|particles?|blobs?|globs?|lumps?|crystals?|fib(?:er|re)s?|sediment|gunk) (?:\w+ ){0,3}?"
        r"floating (?:around )?(?:in|inside) (?:it|them|(?:the|my|this|that|each|every|one|a)"
        r" (?:\w+ )?(?:pen|vial|syringe|cartridge|bottle|liquid|solution|medicine|window|insulin"
        r"|suspension|syrup|ampoule|bag|pens|vials|syringes))"
        r"|sediment|(?:flakes|flecks|chunks|strands|threads|crystals|clumps|floaties|floaty bits"
        r"|gunk|strings|fibers|fibres|lumps|globs|blobs|bits|pieces|residue)"
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
        r"|\bonly in (?:spanish|english|french|german|chinese|another language|turkish|arabic"
        r"|russian|polish|portuguese|italian|hindi|korean|japanese|dutch|greek|hebrew)\b"
        r"|\b(?:expir\w+|exp) (?:date )?(?:\w+ )?(?:already )?(?:passed|gone)\b"
        r"|\b(?:arrived|came|already|was) (?:\w+ )?expired\b|\bexpired on arrival\b"
        r"|\bout of date\b"
        r"|\bin a (?:foreign )?language i (?:don'?t|do not|can'?t|cannot) (?:recogni[sz]e|read"
        r"|understand)\b"
    ),
}
_PHRASE_NEEDS_PART = frozenset(["device_fault", "appearance", "weak_output"])
# round 8: defects told by what the product did or lacks rather than by a defect word; "no
# imprint" is the defect itself, so these skip the negation gate (hypotheticals still count).
_BEHAVIOUR: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "device_fault",
        re.compile(
            r"\b(?:pen|injector|auto-?injector|device|syringe|it|needle)\s+(?:\w+\s+){0,3}?"
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
            r"|\b(?:someone|somebody) else'?s (?:\w+ ){0,2}?(?:name|label|sticker)\b"
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
            r"|\b(?:mine|they|these|pills|tablets|capsules|bottle|pens?|it|liquid|suspension"
            r"|syrup|solution) (?:\w+ ){0,5}?(?:smell|smells|smelled|stink|stinks|reek|reeks)"
            r" (?:like|of) (?:vinegar|fish|ammonia|chemicals?|gasoline|petrol|nail polish|mou?ld"
            r"|cat pee|rotten \w+|bleach|plastic|sulfur|sulphur|paint|solvent|garlic|skunk)\b"
            r"|\bbad (?:batch|lot)\b"
            # other languages: "eine andere Prägung", "kleiner als sonst", "otro color"
            r"|\b(?:andere|anderen|neue) (?:pr[äa]gung|farbe|form|gr[öo][ßs]e)\b"
            r"|\b(?:kleiner|gr[öo][ßs]er|dunkler|heller|dicker|d[üu]nner) als sonst\b"
            r"|\b(?:otro|distinto) (?:color|tama[ñn]o|tono)\b|\bautre (?:couleur|forme|taille"
            r"|teinte)\b|\b(?:tono|tom|teinte|tonalit[àa]) (?:diferente|distinto|differente"
            r"|diff[ée]rente?)\b"
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
# Round 10: what a device did not do, what a pack came without, expiry already past, a label that
# says one thing over contents that are another, strengths mixed in one bottle, tablets that do
# not dissolve, and counterfeits told by where they came from. Each names its part in the pattern.
_PART_RX = (
    r"(?:pens?|epi-?pens?|auvi-?q|injectors?|auto-?injectors?|device|syringes?|inhalers?"
    r"|needles?|cartridges?|caps?|tips?|nozzles?|mouthpieces?|spacers?|plungers?|windows?"
    r"|indicators?|counters?|buttons?|it|one|mine)"
)
_CONTAINER_RX = (
    r"(?:came|arrived|comes|come|shipped|delivered|box|boxes|pack|package|packet|kit|bottle"
    r"|carton|bag|order|refill|prescription|it)"
)
_COMPONENT_RX = (
    r"(?:(?:oral |measuring |dosing |pen |plastic )?(?:droppers?|syringes?|cups?|spoons?)"
    r"|spacers?|pen needles|needles|applicators?|mouthpieces?|adapters?|adaptors?"
    r"|alcohol (?:swabs|wipes)|caps?|inhaler)"
)
_BEHAVIOUR = _BEHAVIOUR + (
    (
        "device_fault",
        re.compile(
            r"\b(?:windows?|indicators?|plungers?|counters?|display|stoppers?)"
            # round 12: not across a person's clause ("the counter so i didn't go down")
            r" (?:(?!(?:i|we|he|she|you|so|and|but)\b)\w+ ){0,3}?(?:never|didn'?t|did not"
            r"|doesn'?t|does not|won'?t|wouldn'?t|would not) (?:\w+ )?(?:filled|fill|change"
            r"|changed|turn|turned|go|went|move|moved|went down|pop|popped|appear|appeared|show"
            r"|showed|advance|advanced)\b"
            r"|\b" + _PART_RX + r" (?:\w+ ){0,4}?(?:fired|went off|discharged|deployed"
            r"|activated|misfired|clicked) (?:\w+ ){0,2}?(?:while|when|as) (?:i|we|he|she|they"
            r"|my \w+) (?:was |were )?(?:still )?(?:taking|pulling|removing|getting|opening"
            r"|holding|carrying|unpacking|unboxing|putting)\b"
            r"|\b(?:ausgel[öo]st|losgegangen|se dispar[óo]|s'est d[ée]clench[ée]e?|disparou"
            r"|[èe] scattat[ao]|wystrzeli[łl]a?) (?:\w+ ){0,2}?(?:bevor|ohne|antes|avant|sans"
            r"|prima|sem|zanim|bez)\b"
            r"|\b(?:fired|went off|discharged) (?:in|inside) (?:my|the|his|her|a|its)"
            r" (?:pocket|bag|case|hand|purse|box|carrier|backpack|carton)\b"
            r"|\b" + _PART_RX + r" (?:\w+ ){0,2}?(?:won'?t|wouldn'?t|will not|would not"
            r"|doesn'?t|didn'?t|does not|did not|can'?t|couldn'?t) (?:even )?(?:screw on"
            r"|screw in|attach|click in|click into place|fit on|go on|stay on|twist on|seat"
            r"|lock in)\b"
        ),
    ),
    (
        "missing_part",
        re.compile(
            r"\b" + _CONTAINER_RX + r" (?:\w+ ){0,3}?(?:without|with no|missing|minus|lacking)"
            r" (?:the |a |an |any |its |their |his |her |my )?" + _COMPONENT_RX + r"\b"
            r"|\b(?:veio|vino|ven[íi]a|est venue?|kam|arrivat[oa]|przysz[łl][ao]?) (?:\w+ )?"
            r"(?:sem|sin|sans|ohne|senza|bez) (?:a |o |la |el |le |den |die |il |l')?(?:tampa"
            r"|tapa|capuchon|bouchon|kappe|schutzkappe|cappuccio|agulha|aguja|aiguille|nadel|ago"
            r"|dosificador|seringa|jeringa|seringue|spritze|siringa|bocal|boquilla|pipeta"
            r"|dosierl[öo]ffel|kroplomierz|nasadk\w+)\b"
            r"|\b(?:no|there (?:was|were) no|didn'?t include|did not include|forgot to include"
            r"|left out) (?:a |an |the |any )?" + _COMPONENT_RX + r" (?:in|inside) (?:the|my)"
            r" (?:box|pack|package|kit|bottle|carton|bag)\b"
        ),
    ),
    (
        "labelling",
        re.compile(
            r"\b(?:box|pack|packaging|package|carton|outside|foil|blister|pen'?s label|pen label"
            r"|vial label|box label|carton label)"
            r" (?:\w+ ){0,2}?(?:says|said|reads|read|shows|showed|is labell?ed|was labell?ed"
            r"|is marked|was marked)\b(?:[^.!?]|\.(?=\d)){0,50}?\b"
            r"(?:(?:but|whereas|while|yet)\s+(?:the\s+|my\s+|all\s+)?(?:\w+\s+){0,2}?(?:blisters?|pills|tablets|tabs|capsules|strips?|foil"
            r"|pens?|vials?|contents|syringes?|inside|ones)|and\s+the\s+(?:\w+\s+)?(?:pen|vial"
            r"|syringe|box|bottle|tablets?|pills?|capsules?)\s+itself)\b"
        ),
    ),
    (
        "mix_up",
        re.compile(
            r"\b(?:pills|tablets|tabs|capsules|strengths|ones|doses)\s+(?:\w+\s+)?mixed"
            r" (?:together|in|up)\b"
            r"|\b\d+ ?(?:mg|mcg) (?:and|&|\+) \d+ ?(?:mg|mcg) (?:\w+ )?(?:mixed|together"
            r"|in the same)\b"
        ),
    ),
    (
        "formulation",
        re.compile(
            r"\b(?:tablets?|pills?|capsules?|caps|tabs|ones|they|these|those)"
            r" (?:\w+ ){0,4}?(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|won'?t|never"
            r"|aren'?t|isn'?t) (?:\w+ )?(?:release|dissolve|break down)\b"
        ),
    ),
    (
        "counterfeit",
        re.compile(
            r"\b(?:what|which) (?:were|was) supposed to be (?:\w+ ){0,2}?(?:bars|pills|tablets"
            r"|capsules|pens|tabs|meds|vials)\b"
            r"|\b(?:swore|promised|claimed|insisted) (?:they|it|these) (?:were|was) (?:\w+ )?"
            r"(?:real|legit|genuine|authentic)\b"
        ),
    ),
    (
        "labelling",
        re.compile(
            r"\b(?:expir\w*|exp|expiry date|expiration date|use by date|best before)"
            r" (?:date )?(?:is |was |of |says |said |on it (?:is|was) )?(?:\w+ )?(?:last (?:week"
            r"|month|year)|yesterday|(?:\d+|two|three|a few|several) (?:days|weeks|months)"
            r" ago|in the past|before i (?:even )?got it)\b"
        ),
    ),
)
# An expiry of something that is not the medicine: "my savings card expired last month".
_NOT_PRODUCT_EXPIRY = re.compile(
    r"\b(?:card|coupon|prescription|script|rx|insurance|membership|trial|licen[cs]e|passport"
    r"|authori[sz]ation|referral|plan|subscription|warranty|refills?"
    # round 11: the same in the other comment languages, and deadlines ("ya vencido el plazo")
    r"|receta|receita|ordonnance|rezept|ricetta|recepta|re[çc]ete|tarjeta|cart[ãa]o|carte"
    r"|karte|karta|kart|seguro|assurance|versicherung|plazo|prazo|d[ée]lai|frist|termine?|zeit"
    r"|tiempo|tempo|temps|garant\w+|abo)\b"
)

# Round 11: short slangy and non-English complaints told without a defect word. These name their
# part in the pattern, so like the rules above they need no part elsewhere in the sentence.
_LEAFLET_RX = (
    r"(?:prospekt[üu]s\w*|kullanma talimat\w*|prospecto|bula|notice|beipackzettel"
    r"|packungsbeilage|foglietto(?: illustrativo)?|bugiardino|bijsluiter|ulotk[aiy]"
    r"|leaflet|package insert|patient information(?: leaflet)?|paper insert|insert)"
)
_SPELLING_RX = (
    r"(?:spelling (?:mistakes?|errors?)|grammar (?:mistakes?|errors?)|typos?|misspell\w*"
    r"|faltas? de ortograf[íi]a|errores? (?:de )?ortogr\w+|erros? de (?:ortografia|portugu[êe]s)"
    r"|fautes? d'orthographe|rechtschreibfehler\w*|tippfehler\w*|errori (?:di )?ortogra\w+"
    r"|b[łl][ęe]d\w* ortogra\w+|liter[óo]wk\w+|yaz[ıi]m hatas?\w*|imla hatas?\w*)"
)
_PACKAGING_RX = (
    r"(?:box|boxes|label|labels|leaflet|packaging|package|pack|carton|insert|bottle|foil|blister"
    r"|caja|caixa|bo[iî]te|packung|verpackung|scatola|confezione|opakowani\w+|pude[łl]k\w+"
    r"|kutu\w*|etiqueta|etiquette|[ée]tiquette|etikett|prospecto|bula|notice|beipackzettel"
    r"|ulotk\w+|embalagem|embalaje|emballage|ambalaj\w*)"
)
_CAP_RX = (
    r"(?:tapa|tapita|tampa|tampinha|bouchon|capuchon|kappe|schutzkappe|deckel|tappo|cappuccio"
    r"|nakr[ęe]tk\w+|zakr[ęe]tk\w+|kapak\w*)"
)
_EXPIRED_RX = (
    r"(?:vencid[oa]s?|caducad[oa]s?|p[ée]rim[ée]e?s?|abgelaufen\w*|scadut[oaie]"
    r"|przeterminowan\w+|expirad[oa]s?|verlopen)"
)
# A pack with spelling mistakes is the classic sign of a counterfeit.
_SPELLING_ON_PACK = re.compile(
    r"\b" + _PACKAGING_RX + r"\b[^.!?]{0,40}?\b" + _SPELLING_RX + r"(?!\w)"
    r"|\b" + _SPELLING_RX + r" (?:words? )?(?:all )?(?:on|in|over) (?:the|my|its|their|this|that)"
    r" (?:\w+ )?" + _PACKAGING_RX + r"\b"
)
# Received already expired, told the Indian-English way ("expiry date already over") and in the
# other languages ("me llegó ya vencido", "déjà périmés", "son kullanma tarihi geçmiş").
_EXPIRED_ON_ARRIVAL = re.compile(
    r"\b(?:expir\w*|exp|expiry date|expiration date|use[- ]by date|best[- ]before date)"
    r" (?:is |was |had )?(?:already |long )?(?:over|lapsed|crossed|finished|done)\b"
    r"(?! (?:a|an|one|two|three|six|\d+|the next|next|several)\b)"
    r"|\b(?:already|was|were|is|are|it'?s|came|arrived|received|delivered|got it)"
    r" (?:\w+ )?(?:past|beyond|after) (?:its|the|their) (?:expiry|expiration|exp|use[- ]by"
    r"|best[- ]before)\b"
    r"|\b(?:got|received|sent me|gave me|sold me|dispensed|delivered|shipped|given)"
    r" (?:me )?(?:an? |the |some |two |three |\d+ )?(?:already )?expired (?:\w+ )?(?:pens?"
    r"|insulin|vials?|box|boxes|bottles?|meds?|medicines?|medication|product|stock|pills"
    r"|tablets|inhalers?|syringes?|batch|pack|packs|cartridges?|strips?)\b"
    r"|\b(?:ya|j[áa]|d[ée]j[àa]|schon|bereits|gi[àa]|ju[żz]|zaten) (?:\w+ )?"
    r"(?:estaba |est[áa] |estava |[ée]tait |[ée]taient |war |waren |era |erano |by[łl][aoy]? )?"
    + _EXPIRED_RX
    + r"\b"
    r"|\b(?:lleg[óo]|llegaron|vino|vinieron|me (?:dieron|dio|vendieron|mandaron)"
    r"|recib[íi]|veio|vieram|chegou|chegaram|recebi|me (?:deram|venderam|mandaram)"
    r"|re[çc]u\w*|arriv[ée]e?s?|livr[ée]e?s?|geliefert|bekommen|erhalten|kam|kamen"
    r"|arrivat[oaie]|ricevut[oaie]|przysz[łl]\w*|dosta[łl]\w*) (?:\w+ ){0,3}?" + _EXPIRED_RX + r"\b"
    r"|\b(?:son kullanma tarihi|skt\w*|kullanma tarihi) (?:\w+ )?(?:ge[çc]mi[şs]\w*"
    r"|dolmu[şs]\w*|ge[çc]ti\w*)"
)
_BEHAVIOUR = _BEHAVIOUR + (
    ("counterfeit", _SPELLING_ON_PACK),
    (
        "labelling",
        # a pack that came without its leaflet, told with the other languages' own verbs
        re.compile(
            r"\b(?:prospekt[üu]s\w*|kullanma talimat\w*) (?:\w+ )?(?:yok\w*|[çc][ıi]kmad[ıi]\w*"
            r"|eksik\w*|gelmedi\w*|konmam[ıi][şs]\w*|koymam[ıi][şs]\w*)"
            r"|\bno (?:ven[íi]a|vino|vienen?|tra[íi]a|trajo|trae|ten[íi]a|tiene|hab[íi]a|incluye"
            r"|inclu[íi]a) (?:el |ning[úu]n |ni un )?prospecto\b"
            r"|\b(?:faltaba|falta|faltó) (?:el )?prospecto\b"
            r"|\bn[ãa]o (?:veio|vem|vinha|tinha|tem|havia|trouxe|veio com) (?:a |nenhuma )?bula\b"
            r"|\b(?:faltou|faltava|falta) (?:a )?bula\b"
            r"|\bpas de notice\b|\b(?:il )?manquait (?:la )?notice\b|\bnotice (?:manquante"
            r"|absente)\b"
            r"|\bkein(?:en|e)? (?:beipackzettel|packungsbeilage)\b"
            r"|\b(?:manca|mancava) (?:il )?(?:foglietto|bugiardino)\b|\bnon c'era (?:il )?"
            r"(?:foglietto|bugiardino)\b"
            r"|\b(?:brak|nie by[łl]o) ulotki\b|\bgeen bijsluiter\b"
            r"|\b(?:leaflet|package insert|insert|instructions) (?:was|were|is|are)(?:n'?t| not)"
            r" (?:\w+ )?(?:in|inside|included)\b"
            r"|\b(?:didn'?t|did not|doesn'?t|does not) come with (?:a |an |the |any )?"
            r"(?:leaflet|package insert|paper insert|patient leaflet|insert)\b"
        ),
    ),
    (
        "device_fault",
        # a cap that will not come off, in the comment languages
        re.compile(
            r"\b(?:can'?t|couldn'?t|cannot|could not|unable to|impossible to|no way to|never)"
            r" (?:even )?(?:get|pull|twist|pry|take|pop|wiggle|yank) (?:the |my |its |that )?"
            r"(?:\w+ )?(?:cap|lid|top|cover|shield) off\b"
            r"|\b(?:cap|lid|top)s? (?:\w+ ){0,2}?(?:won'?t|wouldn'?t|will not|would not)"
            r" (?:even )?budge\b"
            r"|\b" + _CAP_RX + r" (?:\w+ ){0,3}?(?:no (?:se )?(?:sale|sal[íi]a|quita|quitaba|abre"
            r"|abr[íi]a|sueltan?)|n[ãa]o (?:sai|sa[íi]a|abre|abria|solta|soltava)|ne (?:s'enl[èe]ve"
            r"|sort|s'ouvre|part|se retire|s'enlevait|s'ouvrait) pas|geht nicht (?:ab|auf|runter)"
            r"|l[äa]sst sich nicht (?:abnehmen|[öo]ffnen|abziehen|abdrehen)|non si (?:toglie"
            r"|apre|svita|toglieva|apriva)|nie (?:da si[ęe]|chce si[ęe]|chcia[łl]a si[ęe])"
            r"|a[çc][ıi]lm[ıi]yor\w*|[çc][ıi]km[ıi]yor\w*)"
        ),
    ),
    ("labelling", _EXPIRED_ON_ARRIVAL),
    (
        "counterfeit",
        # the security features a genuine pack carries, missing or off
        re.compile(
            r"\b(?:no|missing|without|fake|different|wrong) (?:the |a |any )?(?:hologram"
            r"|holographic (?:sticker|seal|label)|security (?:seal|sticker|label))s?\b"
            r"(?! (?:needed|necessary|required))"
            r"|\b(?:no|missing|without|wrong) (?:the |a |any )?(?:serial|batch|lot) (?:number|no)"
            r" (?:\w+ )?(?:on|anywhere on) (?:the |my |this |it\b|its |them\b)"
        ),
    ),
    (
        "packaging",
        # Indian English "packing" and "not proper", and blisters that cannot be opened
        re.compile(
            r"\b(?:packing|packaging|seal|sealing|strip|foil|cap|box)s? (?:was |were |is |are )?"
            r"(?:not (?:proper|properly (?:sealed|closed|packed|intact))|improper\w*"
            r"|in (?:a )?(?:bad|broken|damaged|torn) condition)\b"
            r"|\b(?:can'?t|couldn'?t|cannot|could not|unable to|impossible to|no way to)"
            r" (?:even )?(?:open|peel|push (?:a |the )?(?:pill|tablet)s? (?:out|through))"
            r" (?:the |my |this |these |that |those )?(?:\w+ )?(?:blisters?|bottles?|foil|packs?"
            r"|cap|lid|seal|vial|childproof \w+|child-?proof \w+)\b"
        ),
    ),
)
# Round 12: a device that under-delivers (doses that come up short, a plunger that stops before
# the end, a pen or inhaler that "isn't working right"), packs impossible to open, and foil or
# labels printed wrong. Each pattern names the part it is about, so none needs one elsewhere.
_DEVICE_RX = (
    r"(?:pens?|injectors?|auto-?injectors?|inhalers?|devices?|pumps?|dials?|buttons?|plungers?"
    r"|clickers?|cartridges?|syringes?|nebuli[sz]ers?|spacers?|pluma|lapicera|dispositivo"
    r"|inhalador|stylo|dispositif|inhalateur|caneta|inalador|penna|inalatore|wstrzykiwacz"
    r"|inhalator|pen'?s|kalem\w*)"
)
_BEHAVIOUR = _BEHAVIOUR + (
    (
        "device_fault",
        re.compile(
            # "keeps coming up about 4 units short", "short-dosing", "underdelivers"
            r"\b" + _DEVICE_RX + r"\b[^.!?]{0,50}?\b(?:\d{1,3}|a few|some|two|three|four|five"
            r"|half a) (?:units?|clicks?|ml|doses?|puffs?|sprays?|shots?) short\b"
            r"|\b" + _DEVICE_RX + r" (?:\w+ ){0,4}?(?:under-?dos\w+|under-?deliver\w+|short[- ]?"
            r"dos(?:es|ed|ing)|(?:gives?|gave|delivers?|delivered|giving|delivering) short doses)\b"
            # "the pen itself isn't working right", "my pen stopped working"
            r"|\b" + _DEVICE_RX + r"(?: itself| themselves)? (?:\w+ )?(?:isn'?t|is not|isnt"
            r"|wasn'?t|was not|wasnt|aren'?t|are not|weren'?t|not|never) (?:\w+ )?(?:working"
            r"|functioning) (?:right|properly|correctly|the way it should|as it should)\b"
            r"|\b" + _DEVICE_RX + r" (?:itself|themselves) (?:\w+ )?(?:isn'?t|is not|isnt|wasn'?t"
            r"|was not|wasnt|aren'?t|are not|not) (?:\w+ )?(?:working|functioning)\b"
            r"|\b(?:pens?|injectors?|auto-?injectors?|devices?|dials?|buttons?|plungers?|clickers?"
            r"|counters?) (?:\w+ )?(?:just )?(?:stopped|quit) (?:working|functioning)\b"
            r"|\b"
            + _DEVICE_RX
            + r" (?:\w+ ){0,2}?(?:no funciona\w*|ne (?:fonctionne|marche)\w* (?:pas"
            r"|plus)|n[ãa]o funciona\w*|non funziona\w*|nie dzia[łl]a\w*|[çc]al[ıi][şs]m[ıi]yor\w*)"
            # "the plunger rod didn't come all the way down", "window still half orange"
            r"|\b(?:plungers?|rods?|stoppers?|pistons?)(?: rod)? (?:\w+ ){0,2}?(?:didn'?t"
            r"|did not|doesn'?t|does not|never|won'?t|wouldn'?t|stopped before it could)"
            r" (?:\w+ )?(?:come|go|get|move|push|travel|slide) (?:all the way|fully|completely"
            r"|to the (?:end|bottom))"
            r"|\b(?:windows?|indicators?) (?:was |is |were |are |stayed |stays )?(?:still )?"
            r"(?:half|partly|partially|only half) (?:full|orange|yellow|clear|white|empty|blue"
            r"|purple|filled|colou?red)\b"
            r"|\b(?:medicine|medication|liquid|fluid|insulin|drug|solution) (?:was |is )?"
            r"(?:still )?left (?:in|inside) (?:the |my )?(?:pen|syringe|cartridge|window|device"
            r"|auto-?injector|injector)\b(?! (?:as|for|if|in case))"
            r"|\b(?:pens?|it|device|injector|auto-?injector|syringe) (?:\w+ ){0,2}?(?:didn'?t"
            r"|did not|never|doesn'?t|does not|won'?t) (?:inject|deliver|give|push|dispense"
            r"|release) (?:me )?(?:the |my |a )?(?:full|whole|entire|complete) dose\b"
        ),
    ),
    (
        "packaging",
        re.compile(
            # a pack that cannot be opened, told as "impossible to open" in each language
            r"\b(?:blisters?|packs?|packets?|foil|bottles?|caps?|lids?|seals?|sachets?|boxe?s?"
            r"|tubes?|cartons?|strips?|wrappers?|packaging|package)\b[^.!?]{0,30}?\b(?:is|are|was"
            r"|were) (?:\w+ )?(?:impossible|so hard|too hard|really hard|very hard|super hard"
            r"|a nightmare|a pain) to (?:open|peel|tear|get (?:into|open)|push (?:\w+ )?through)\b"
            r"|\b(?:impossible|no way) to (?:get|push|pop) (?:the |a |my |any )?(?:pills?|tablets?"
            r"|capsules?|caps|tabs) (?:out|through)\b"
            r"|\b(?:imposible de abrir|impossible (?:à|a) ouvrir|imposs[íi]vel de abrir"
            r"|impossibile da aprire|nie da si[ęe] otworzy[ćc]|l[äa]sst sich nicht [öo]ffnen"
            r"|a[çc][ıi]lm[ıi]yor)\b"
        ),
    ),
    (
        "labelling",
        re.compile(
            r"\b(?:foil|blisters?|strips?|box|carton|pack|packaging|label|labels|leaflet|insert"
            r"|bottle|pen|vial|card|calendar|backing|days?|dates?|numbers?|dose numbers)"
            r" (?:\w+ ){0,4}?(?:is |are |was |were |came |got )?(?:printed|labell?ed|stamped"
            r"|numbered) (?:all |completely |totally )?(?:wrong|wrongly|incorrectly|upside[- ]down"
            r"|backwards|twice|out of order|in the wrong order)\b"
            r"|\bmisprint\w*\b|\bfehldruck\w*\b"
            r"|\b(?:days?|dates?|weekdays?) (?:of the week )?(?:on (?:the |my )?\w+ )?(?:don'?t"
            r"|do not|didn'?t|did not|dont) (?:\w+ )?match\b"
            r"|\b(?:mal impres[oa]s?|impres[oa]s? mal|mal imprim[ée]e?s?|falsch (?:bedruckt"
            r"|gedruckt|beschriftet)|stampat[oaie] male|[źz]le wydrukowan\w+)\b"
        ),
    ),
)
# Expiry patterns whose text around the match must not name a card, prescription or deadline.
_EXPIRY_CHECKED = frozenset([_EXPIRED_ON_ARRIVAL])
# Round 15: counts told as "27 tablets in it, not 30" / "15 tabs in a box of 30", empty blister
# bubbles, strengths mixed in one pack, the wrong dose form ("tablets?? supposed to be capsules"),
# another brand inside the box, a pen that exploded / whose dial did not click / gave "not a
# single drop", a label in a language the buyer cannot read, and cracks and leaks told in Dutch
# and Japanese.
_FORM_WORDS = r"(?:tabs|tablets|pills|capsules|caps|pens|needles|patches|vials|sachets)"
_BEHAVIOUR = _BEHAVIOUR + (
    (
        "wrong_count",
        re.compile(
            r"\b(\d{1,3}) "
            + _FORM_WORDS
            + r" (?:in (?:it|them|the (?:box|bottle|pack|packet|carton|blister|tub))"
            r"|inside)\b,? not (?:the )?(\d{1,3})\b"
            r"|\b(\d{1,3}) (?:\w+ )?" + _FORM_WORDS + r" in (?:a|the|my) (?:\w+ )?(?:box|bottle"
            r"|pack|packet|carton|tub) of (\d{1,3})\b"
            r"|\bempty (?:bubbles|blisters|pockets|slots|compartments|cavities)\b"
            r"|\b(?:bubbles|blisters|pockets|slots) (?:\w+ )?(?:were|was) (?:completely )?empty\b"
            r"|\bmixed (?:in )?with (?:some |a few |two |three )?(?:\d{1,4}) ?(?:mg|mcg)\b"
        ),
    ),
    (
        "appearance",
        re.compile(
            r"\b(?:is|it'?s|they'?re|they are|are|was|were) (?:supposed|meant) to be (?:a |an )?"
            r"(?:capsules?|tablets?|caplets?|softgels?|pills?|liquid|a pen)\b"
            r"|\b(?:box|pack|packet|carton|bottle|doosje|doos|verpakking|packung|caja|bo[îi]te)"
            r"\w* (?:contained|had|held|bevatte|enthielt|conten[íi]a|contenait) (?:\w+ ){0,3}?"
            r"(?:another|a different|the wrong|een ander|andere[nm]?|otra|une autre) (?:brand"
            r"|drug|medicine|medication|product|merk|marke|marca|marque)\b"
        ),
    ),
    (
        "device_fault",
        re.compile(
            r"\b(?:pen|injector|autoinjector|syringe|cartridge|inhaler) (?:\w+ )?(?:exploded"
            r"|burst|shattered)\b"
            r"|\b(?:dial|button|plunger|pen) (?:didn'?t|did not|wouldn'?t|would not|won'?t"
            r"|doesn'?t|does not) (?:even )?click\b"
            r"|\bnot (?:a|one) (?:single )?drop (?:came out|out)?(?!\w)(?! of)"
            r"|\b(?:barst|scheur|lek|breuk) (?:\w+ ){0,3}?(?:patroon|pen|flacon|ampul|spuit"
            r"|naald|injectiepen)\b|\b(?:patroon|pen|flacon|ampul|spuit|injectiepen)\w* "
            r"(?:\w+ ){0,2}?(?:gebarsten|gescheurd|lekt|lekte|kapot|gebroken)\b"
            r"|(?:ペン|カートリッジ|注射器|注射針|針|ボトル|箱|容器)[^。！？!?]{0,20}?"
            r"(?:液漏れ|漏れ|割れ|ひび|壊れ|潰れ|曲が)"
        ),
    ),
    (
        "labelling",
        re.compile(
            r"\b(?:label|leaflet|box|packaging|instructions)\w* (?:was |were |is |are |all )?"
            r"(?:written |printed )?in (?:a |some )?(?:foreign )?language (?:i|we) (?:couldn'?t"
            r"|could not|can'?t|cannot|don'?t|didn'?t) (?:even )?(?:read|understand|recogni[sz]e)"
        ),
    ),
)
# Round 11: phrases that need a part in the sentence (or the product named there, or a part in
# the sentence before it that this one goes on about): a smell told with the other languages'
# verbs ("huelen raro", "riecht komisch", "garip kokuyor"), a dial or cap that just spins, a
# cloudy liquid in French, and "fake??" asked of the product in hand.
_NEEDS_PART_OR_PRODUCT: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "appearance",
        re.compile(
            r"\b(?:huele|huelen|ol[íi]a|ol[íi]an|cheira|cheiram|cheirava|cheiravam|(?<!\bse )"
            r"(?<!\bme )(?<!\bte )(?:sent|sentent|sentait|sentaient)|riecht|riechen|roch|rochen"
            r"|stinkt|stinken|odora|odorano|puzza|puzzano|puzzava|pachnie|pachn[ąa]|pachnia[łl]\w*"
            r"|[śs]mierdzi|[śs]mierdz[ąa]|ruikt|ruiken|stinkt) (?:\w+ )?(?:raro|rara|raros|raras"
            r"|extra[ñn][oa]s?|mal|feo|fatal|horrible|estranho|estranha|esquisito|bizarre|mauvais"
            r"|bizarrement|[ée]trange|fort|komisch|seltsam|merkw[üu]rdig|schlecht|streng|strano"
            r"|strana|male|dziwnie|[źz]le|brzydko|raar|vies|naar"
            r"|(?:a|à|nach|di|como a|como|igual a|le|la|les) (?:\w+ )?(?:pescado|peixe|poisson"
            r"|fisch|pesce"
            r"|vinagre|vinaigre|essig|aceto|qu[íi]mic\w+|chimique|chemie|amon[íi]aco|ammoniaque"
            r"|podrid[oa]|podre|pourri|plástico|pl[áa]stico|plastique|plastik|gasolina|essence"
            r"|benzin|lej[íi]a|cloro|javel))\b"
            r"|\b(?:dziwnie|brzydko|[źz]le) (?:\w+ )?(?:pachn\w+|[śs]mierdz\w+)"
            r"|\b(?:garip|tuhaf|k[öo]t[üu]|farkl[ıi]|ek[şs]i|de[ğg]i[şs]ik|sirke gibi"
            r"|bal[ıi]k gibi) (?:bir )?(?:kok\w+)|\bkokusu (?:\w+ )?(?:garip|tuhaf|farkl[ıi]"
            r"|k[öo]t[üu]|de[ğg]i[şs]ik|de[ğg]i[şs]mi[şs])\b"
            r"|\b(?:renk\w*|rengi|[şs]ekli|boyutu) (?:\w+ )?(?:farkl[ıi]|de[ğg]i[şs]ik"
            r"|de[ğg]i[şs]mi[şs]|garip|tuhaf)\b|\bfarkl[ıi] renk\w*"
            r"|\b(?:liquide|solution|m[ée]dicament) (?:\w+ ){0,3}?(?:est |[ée]tait |semble"
            r" |devenue? |devenu )(?:\w+ )?trouble\b"
        ),
    ),
    (
        "device_fault",
        re.compile(
            r"\b(?:dial|knob|selector|button|pen|it|cap|lid|top|wheel)\s+(?:(?:on|of|in) (?:my|the"
            r"|this|his|her|a) (?:new )?\w+\s+)?(?:\w+\s+)?(?:just\s+)?"
            r"(?:spins|spun|spin|turns freely|goes round and round|keeps turning|(?:keeps|keep|is"
            r"|was|are|were|just|still|starts|started) (?:spinning|turning freely))\b"
            r"|\bgira (?:en falso|en vac[íi]o|sin parar|loco|em falso|sem parar|a vuoto)"
            r"|\b(?:roda|rodando|girando) em falso|\bfica girando\b"
            r"|\btourne (?:dans le vide|[àa] vide|sans fin|sans s'arr[êe]ter|fou)\b"
            r"|\bdreht (?:sich )?(?:durch|leer|ins leere|endlos)\b"
            r"|\bkr[ęe]ci si[ęe] (?:w k[óo][łl]ko|bez ko[ńn]ca|w niesko[ńn]czono[śs][ćc])"
            r"|\bbo[şs]a d[öo]n\w+"
        ),
    ),
)
_COLOURS = (
    r"(?:red|pink|white|yellow|blue|green|orange|brown|purple|grey|gray|peach|beige|tan)"
    r"(?!\w| (?:pills?|tablets?|capsules?|caps|tabs?|ones?)\b)"
)
# Round 14: constructions older writers use for a faulty product, each needing a part or the
# product in the sentence (or the sentence before): a needle or shield that did not slide back,
# a pen that clicked once and stopped, a window that went only half way, a colour shade unlike
# the usual one, a label that says one strength over tablets stamped with another, a pack that
# came without its instructions or already open (in the comment languages), and print too small
# to tell two strengths apart.
_NEEDS_PART_OR_PRODUCT = _NEEDS_PART_OR_PRODUCT + (
    (
        "device_fault",
        re.compile(
            r"\b(?:didn'?t|didnt|did not|wouldn'?t|would not|won'?t|wont|doesn'?t|does not"
            r"|never) (?:\w+ )?(?:pull|pulled|slide|slid|spring|sprung|snap|snapped|pop|popped"
            r"|retract|retracted|lock|locked) (?:back(?: in"
            r"| up| out| down)?|down|into place|over)\b"
            r"|\bclicked (?:only )?(?:once|one time),? (?:and|then|but)(?: then)? (?:nothing"
            r"|stopped|no more)\b"
            r"|\b(?:only|just) (?:went|moved|filled|turned|got|goes|moves|fills|came) (?:\w+ )?"
            r"half[\s-]?way\b"
        ),
    ),
    (
        "appearance",
        re.compile(
            r"\b(?:lighter|darker|paler|brighter|duller|different|weird|funny|strange|odd)"
            r" (?:shade of |colou?r of )?" + _COLOURS + r"|\b(?:usually|normally|always been"
            r"|used to be) (?:a )?(?:\w+ )?" + _COLOURS + r"[^.!?]{0,40}?\b(?:this|these|now"
            r"|the new|today)\b[^.!?]{0,30}?\b" + _COLOURS
        ),
    ),
    (
        "labelling",
        re.compile(
            r"\b(?:label|box|bottle|carton|pack|package|packet|foil|blister|sticker)s? (?:\w+ )"
            r"{0,2}?(?:said|says|reads?|shows?|showed) [^.!?]{0,40}?\bbut\b[^.!?]{0,50}?"
            r"\b(?:stamped|printed|marked|imprinted|engraved|embossed|written)\b"
            r"|\b(?:box|pack|package|carton|kit|bottle|pens?|it|they) (?:\w+ )?(?:didn'?t|did not"
            r"|doesn'?t|does not|didnt|doesnt) (?:have|include|contain|come with) (?:a |an |the "
            r"|any )?(?:paper |printed |patient )?(?:leaflet|package insert|insert|instructions"
            r"|instruction sheet|info sheet|information sheet)\b"
            r"|\b(?:manca|mancava|mancano|mancavano) (?:\w+ ){0,4}?(?:il |l')?(?:foglietto"
            r"|bugiardino)\b|\bbrakowa[łl]o (?:\w+ )?ulotki\b"
            r"|\b(?:can'?t|cannot|can not|couldn'?t|hard to|impossible to) tell (?:the )?\d+"
            r"(?: ?mg)? (?:from|and|apart from) (?:the )?\d+"
            r"|\b(?:strengths|boxes|labels|cartons|packs) (?:\w+ ){0,2}?look (?:almost |nearly "
            r"|exactly |just )?(?:the same|identical|alike)\b"
            r"|\bprint (?:on|of) (?:the |my |this |these )?(?:\w+ )?(?:pens?|box(?:es)?|labels?"
            r"|bottles?|cartons?|packs?|leaflet|insert|foil|blisters?|vials?|tubes?)(?: and (?:the "
            r")?\w+)? (?:is |are |was |were )?(?:so |too |really |very |super )(?:tiny|small|faint"
            r"|pale)\b"
        ),
    ),
    (
        "packaging",
        re.compile(
            r"\b(?:era|erano|estaba|estaban|estava|estavam|[ée]tait|[ée]taient|war|waren"
            r"|by[łl]o|by[łl]a|by[łl]y|was|were) (?:gi[àa]|ya|j[áa]|d[ée]j[àa]|schon|bereits"
            r"|ju[żz]|already) (?:apert[oaie]|abiert[oa]s?|abert[oa]s?|ouverte?s?|offen"
            r"|ge[öo]ffnet|otwart[eaoy]|open|opened)\b"
            r"|\b(?:confezione|scatola|opakowanie|caja|caixa|bo[iî]te|packung|embalagem|envase)"
            r" (?:\w+ ){0,8}?(?:era|estaba|estava|[ée]tait|war|by[łl]o|by[łl]a) (?:\w+ )?"
            r"(?:apert[oa]|abiert[oa]|abert[oa]|ouverte|offen|ge[öo]ffnet|otwart[eay])\b"
        ),
    ),
)
# "...the box looks off 🤔 fake???", "are they fake?": a suspicion asked of the product in hand
# (only in a question, and not "is compounded semaglutide fake?", a question about a kind).
_FAKE_QUESTION = re.compile(
    r"(?:^|[^\w\s]\s*)(?:so |all |prob |probably |maybe |both )?(?:fakes?|counterfeits?"
    r"|knock-?offs?|falsificad[oa]s?|contrefa\w+|sahte\w*|taklit|fa[łl]szyw\w+|contraffatt\w+"
    r"|gef[äa]lscht)\W*$"
    r"|\b(?:is|are|r) (?:it|this|these|they|those|mine|ours|em|them) (?:even |actually |really )?"
    r"(?:a |all )?(?:fake|fakes|counterfeit|knock-?offs?)\W*$"
)
# "sorry for the typos", "I keep misspelling it": the writer's own spelling, not the pack's.
_OWN_TYPOS = re.compile(
    r"\b(?:i|i'?m|im|keep|always|sorry|excuse|ignore|pardon|forgive|apologi[sz]e|autocorrect\w*)"
    r" (?:\w+ ){0,2}?(?:typos?|spelling|misspell\w*|grammar)|\bmy (?:typos?|spelling|grammar)\b"
)

# Idioms that contain a defect word without alleging a defect of the product.
_NOT_A_DEFECT = re.compile(
    r"\b(?:stuck (?:in|on) (?:my|the|his|her|your) (?:throat|mind|head|chest)|stuck with"
    # round 15: "how long can an opened pen stay out": a pen in use, not a broken seal
    r"|(?:an|each|every|once) opened"
    r"|stuck on (?:it|this|that)|empty stomach|missing (?:a |my |the |any |one )?(?:single |couple"
    r" of |few )?(?:dose|doses|shot"
    r"|injection|days?)|broke (?:out|down|up)|break out|(?:i|we|you) (?:crush|crushed|crushing)"
    r"|open (?:the|a|my|it)|opened (?:the|a|my|it|up)|(?:switch\w*|chang\w*|moved|try|tried"
    r"|trying|prescribed) (?:me )?(?:to )?(?:a )?(?:different|new)|different (?:dose|doses"
    r"|strength|brand|doctor|pharmacy|drug|med|meds|medication|medicine|insurance)"
    r"|warm (?:water|bath|shower)|hot (?:flash|flashes|flush|water|shower|bath)"
    r"|ran out|run out|running out|(?:card|coupon|prescription|script|trial|insurance"
    r"|membership|savings|rx) (?:\w+ ){0,3}?(?:expired|expires|is expired)|open (?:up|to)"
    r"|(?:feel(?:s|ing)?|felt) (?:\w+ ){0,2}?(?:different|weird|strange|odd)"
    r"|(?:changed|switched|upped|lowered|adjusted|increased|decreased) (?:my|the|her|his)"
    r" (?:meds|medication|medicine|dose|pills)"
    r"|(?:cracked|broke|broken|chipped|fractured) (?:a |my |his |her |their |two |\d )?(?:tooth"
    r"|teeth|molars?|filling|crown|ribs?|bones?|nails?|hip|wrist|ankle|leg|arm|elbow|knee|back"
    r"|skull|vertebra\w*|pelvis|femur|collarbone|toe|finger|foot|nose|jaw|shoulder|head|heads"
    r"|forehead|chin|face|lip|eyebrow|brow|cheekbone)"
    # round 14: a medicine that came on the market ("taken it since it came out")
    r"|(?:since|before) (?:it|they|the \w+) (?:first )?came out|when (?:it|they) first came out"
    # round 7: stopping the medicine ("hard to come off", "coming off it") and wishes for a
    # different design ("please make the pill bigger") are not defects
    r"|(?:hard|hardest|harder|tough|toughest|difficult|impossible|easy|easier|trying|tried|want"
    r"|wanted|able|how|plan)(?: \w+){0,2}? to come off"
    r"|(?:come|came|coming|comes) off (?:of )?(?:it|them|this|these|that|the (?:med"
    r"|meds|medication|drug|pills?|stuff)|\w+ (?:cold turkey|slowly))"
    r"|(?:please |pls |could you |can you |you should |should )?make (?:the |it |them |these |my )?"
    r"(?:\w+ ){0,2}(?:bigger|smaller|larger|easier|tastier|cheaper|different)"
    r"|wish (?:it|they|the \w+) (?:was|were) (?:bigger|smaller|larger)"
    # round 12: a wish or a suggestion for another design ("wish the pen came in a smaller size")
    r"|(?:wish|hope|would love|would be nice if|should|could) (?:\w+ ){0,5}?(?:came|come|comes"
    r"|was|were|had|offered|made|be|available) (?:\w+ ){0,2}?(?:smaller|bigger|larger|thinner"
    r"|shorter|longer|easier|cheaper|different|sizes?)"
    # round 12: a person who did not fall or could not move ("grabbed the counter so i didnt go
    # down"), not a plunger that did not go down
    r"|(?:hard|harder|easy|easier|difficult|tough|impossible|able|how|want|wanted|need|needed"
    r"|try|trying|tried|remember|forgot) to open"
    r"|(?:i|we|he|she|they) (?:\w+ )?(?:come|came|coming|comes|went|go|going) off"
    r"|(?:didn'?t|did not|won'?t|will|would|had to|have to|going to) push(?:ed)? for"
    r"|(?:i|we|he|she|you|my \w+) (?:\w+ )?(?:didn'?t|didnt|did not|won'?t|wont|couldn'?t"
    r"|couldnt|can'?t|cant|wouldn'?t) (?:even )?(?:go down|move)"
    # the body harmed, not the product: "her liver was damaged by the methotrexate"
    r"|(?:liver|kidneys?|heart|stomach|nerves?|skin|teeth|bones?|eyes?|lungs?|thyroid|gut)"
    r" (?:was|were|got|is|are|has been|have been) (?:\w+ )?damaged"
    # round 8: an open window is fresh air, not a pen's inspection window
    r"|windows? (?:\w+ )?open|open (?:the|a|my) windows?"
    # round 9: a blood thinner is a medicine, not a thinner pill
    r"|blood[\s-]thinners?"
    # round 10: organs and bodies, not parts ("gallbladder had to come out", "bladder leaking",
    # "losing hair in clumps"), several kinds ("3 different meds"), and "can it be opened"
    r"|(?:gallbladder|appendix|tooth|teeth|tonsils|stitches|staples|hair|uterus|stones?|spleen"
    r"|ovar(?:y|ies)|thyroid|catheter|iud|drain|cyst|polyps?|lump|mole|tumou?r|baby)"
    r" (?:\w+ ){0,3}?(?:come|came|coming|comes|fell|falls|falling|pop|popped) out"
    r"(?: in (?:clumps|handfuls|chunks))?|bent (?:over|down|forward|backwards?|double)"
    r"|to be (?:\w+ ){0,2}?(?:cloudy|clear|milky"
    r"|hazy|white|warm|cold|frozen)|(?:should|could|would|might|may|can) (?:\w+ )?be (?:\w+ )?"
    r"(?:cloudy|milky|hazy|warm|frozen)"
    r"|(?:bladder|urine|pee|urinary|breasts?|milk|nose|wound|incontinence|stress|gut|amniotic)"
    r" (?:\w+ )?leak\w*|leak\w* (?:urine|pee|when (?:i|you|she|he|we) (?:cough|sneeze|laugh))"
    r"|the leaks|(?:hair|skin) (?:\w+ ){0,2}?(?:in|by the) (?:clumps|handfuls|chunks)"
    r"|(?:clumps|handfuls|chunks) of hair"
    r"|(?:\d+|two|three|four|five|six|several|many|multiple|a few|so many|lots of|all these"
    r"|all kinds of|all sorts of) different"
    r"|hot (?:take|mess|topic|tip|button|girl|summer)|can (?:i|you|we) open"
    r"|be (?:opened|crushed|split|cut|chewed|broken|snapped)"
    r"|(?:auth|authori[sz]ation|approval|referral|plan|coverage|licen[cs]e|passport|id"
    r"|subscription|account|voucher|copay) (?:\w+ ){0,3}?(?:expired|expires)"
    # round 11: deadlines and offers, and the same idiom in the other languages ("die Zeit ist
    # schon abgelaufen", "la receta está vencida")
    r"|(?:deadline|rebate|offer|promo\w*|discount|code|link|password|period) (?:\w+ ){0,3}?"
    r"(?:expired|expires)|(?:zeit|frist|rezept|karte|tiempo|plazo|receta|tarjeta|prazo|receita"
    r"|cart[ãa]o|ordonnance|d[ée]lai|carte|ricetta|recepta|re[çc]ete|termin) (?:\w+ ){0,3}?"
    r"(?:abgelaufen|vencid[oa]s?|caducad[oa]s?|p[ée]rim[ée]e?s?|scadut[oaie]|przeterminowan\w+"
    r"|expirad[oa]s?)"
    r"|(?:trainer|training (?:pen|device)|demo (?:pen|device)|practice pen|dummy pen)"
    r"(?: \w+){0,4}"
    r"|(?:come|came|coming|comes) out (?:\w+ )?(?:in|into) (?:his|her|my|the|their) (?:poop|stool"
    r"|stools|poo|feces|faeces|toilet|diaper|nappy)"
    r"|(?:generic|generics|version|study|news|drug|formula|biosimilar|article|update|book|film"
    r"|movie|ad|commercial|data|results?|trial|vaccine) (?:\w+ )?(?:came|comes|come)"
    r" out"
    r"|eye floaters|floaters in (?:my|his|her|the) (?:eyes?|vision)|(?:see|seeing|saw) (?:\w+ )?"
    r"floaters|crushed (?:my|his|her|our|their) (?:\w+ )?(?:sex drive|libido|appetite|mood"
    r"|motivation|energy|spirit|confidence|hopes?))\b"
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
# Heads of compounds that start with a dose form but are not the medicine ("pill organizer").
_COMPOUND_HEADS = frozenset(
    [
        "organizer",
        "organiser",
        "organizers",
        "cutter",
        "splitter",
        "crusher",
        "case",
        "minder",
        "dispenser",
        "reminder",
        "tray",
        "count",
        # round 14: "my weekly pill box" is an organiser too
        "box",
        "boxes",
    ]
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
    # the negation window is 80 characters, so older clauses cannot matter (keeps this linear)
    cuts = list(_NEW_CLAUSE.finditer(sent.text, max(0, rel_start - 160), rel_start))
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


# Round 10: defect words that just as often describe a body, a place or a feeling ("a hot itchy
# welt", "bladder leaking", "two different pharmacies", "the pill organizer was empty"). They
# count only within _NEAR tokens of a part (or of the product's name), and those that are
# adjectives, when they sit right before a word that is not a part, describe that word instead
# ("frozen water bottle", "bigger print", "hot take").
_WEAK_DEFECTS = frozenset(
    [
        "warm",
        "hot",
        "frozen",
        "quente",
        "different",
        "diferente",
        "diferentes",
        "différent",
        "différente",
        "différents",
        "anders",
        "weird",
        "odd",
        "strange",
        "smaller",
        "bigger",
        "thinner",
        "thicker",
        "darker",
        "lighter",
        "softer",
        "empty",
        "open",
        "opened",
        "missing",
        "clump",
        "clumps",
        "clumped",
        "clumping",
        "wet",
        "damp",
        "soggy",
        "swollen",
        "sticky",
        "loose",
        "stiff",
        "stiffer",
        "stuck",
        "blank",
        "faded",
        "leak",
        "leaks",
        "leaked",
        "leaking",
        "leaky",
        "dripping",
        "oozing",
        "seeping",
        "seeped",
        "spotted",
        "spotty",
        "stained",
        "exposed",
        "crooked",
        "yellowish",
        "brownish",
        "pinkish",
        "greenish",
        "greyish",
        "grayish",
        "tinted",
        "hazy",
        "milky",
        "fused",
        "falta",
        "faltan",
        "faltaba",
        "fehlt",
    ]
)
_WEAK_DEFECTS = _WEAK_DEFECTS | _PEELING
_NEAR = 5
# The defect word describes a body right before it: "my leg went hot", "eyes went cloudy",
# "skin looked yellowish" (an adverse event, not the product).
_BODY_BEFORE = re.compile(
    r"\b(?:skin|eyes?|vision|urine|pee|poop|stool|face|lips?|tongue|teeth|hair|nails?|legs?"
    r"|arms?|hands?|feet|foot|back|head|stomach|belly|tummy|chest|throat|nose|mouth|calf|calves"
    r"|thighs?|knees?|joints?|muscles?|heart|liver|kidneys?|blood|brain|mind|mood|body|bump"
    r"|rash|welt|sweat|breath|vomit|discharge|period|bladder|bowels?|gut|site|spot|area|cheeks?"
    r"|neck|fingers?|toes?|ankles?|wrists?|shoulders?) (?:\w+ ){0,3}?$"
)
# Round 12: the defect word describes the writer ("it's made me so wobbly", "I'm all stiff").
_PERSON_BEFORE = re.compile(
    r"\b(?:(?:makes?|made|making|leaves?|left) (?:me|him|her|us|them)|i'?m|im|i am|i was|i feel"
    r"|i felt|i'?ve been|ive been|i been|feeling) (?:so |really |very |all |super |kinda |a bit "
    r"|too |quite |pretty )?$"
)
_BODY_ANYWHERE = re.compile(_BODY_BEFORE.pattern.removesuffix(r" (?:\w+ ){0,3}?$") + r"\b")
# A defect word paired with a symptom ("hot and itchy", "red, warm") describes the skin.
_SYMPTOM_NEXT_BEFORE = re.compile(
    r"\b(?:itchy|red|swollen|sore|painful|tender|burning|raw|puffy|inflamed|bruised|numb|tingly"
    r"|stinging|lumpy|blotchy|irritated)(?:,| and| &|,? and)? $"
)
_SYMPTOM_NEXT_AFTER = re.compile(
    r"^(?:,| and| &|,? and) (?:\w+ )?(?:itchy|red|swollen|sore|painful|tender|burning|raw|puffy"
    r"|inflamed|bruised|numb|tingly|stinging|lumpy|blotchy|irritated)\b"
)
_COLOUR_WORD = re.compile(r"colou?r|tint|tinge|hue|shade|instead of|rather than")
# "they changed the design", "the new packaging": a look that changed on purpose.
_REDESIGN = re.compile(
    r"\b(?:changed|updated|redesigned|new|different) (?:the |their |its )?(?:design|packaging"
    r"|look|logo|label design|box design)\b|\bredesign\w*"
)
# The smell a flavoured medicine is meant to have: "smells like bubblegum", "smelled fine".
_PLEASANT_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:like |of )?(?:bubble ?gum|candy|cherr(?:y|ies)|strawberr\w+|banana\w*"
    r"|oranges?|lemons?|apples?|grape|fruit\w*|mint\w*|vanilla|nice|good|fine|normal|ok|okay|sweet|great|pleasant"
    r"|lovely)\b"
)
# "a different colour than Farxiga": two products compared, not a change in one.
_COMPARED_BEFORE = re.compile(
    r"\b(?:than|from|like|vs\.?|versus|to) (?:the |my |a |her |his |their |our |your )?$"
)
# "...the counter says 2 left but it's empty": a pronoun right before refers to the part.
_PRONOUN_BEFORE = re.compile(
    r"\b(?:it'?s|it (?:is|was|came|looks|looked|felt|feels)|they'?re|they (?:are|were|came|look"
    r"|looked|felt)|both (?:are|were))\s+(?:\w+\s+)?$"
)
_ADJECTIVES = frozenset(
    [
        "warm",
        "hot",
        "frozen",
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
        "softer",
        "empty",
        "wet",
        "damp",
        "sticky",
        "loose",
        "stiff",
        "crooked",
        "yellowish",
        "brownish",
        "pinkish",
        "greenish",
        "milky",
        "hazy",
    ]
)
# Words after such an adjective that keep it predicative ("the pen was warm when it came",
# "they look different now", "a weird colour").
_AFTER_ADJECTIVE = frozenset(
    [
        "than",
        "from",
        "to",
        "and",
        "or",
        "but",
        "now",
        "today",
        "this",
        "these",
        "that",
        "again",
        "lately",
        "inside",
        "in",
        "on",
        "at",
        "when",
        "after",
        "before",
        "as",
        "too",
        "also",
        "so",
        "like",
        "compared",
        "with",
        "since",
        "for",
        "out",
        "all",
        "though",
        "tho",
        "i",
        "my",
        "it",
        "they",
        "we",
        "she",
        "he",
        "the",
        "a",
        "an",
        "not",
        "no",
        "yesterday",
        "even",
        "already",
        "was",
        "were",
        "is",
        "are",
        "still",
        "somehow",
        "looking",
        "colored",
        "coloured",
        "shaped",
        "sized",
        "smelling",
        "tasting",
        "color",
        "colour",
        "shape",
        "size",
        "texture",
        "taste",
        "smell",
        "tint",
        "tinge",
        "hue",
        "shade",
        "coating",
        "imprint",
        "markings",
        "liquid",
        "stuff",
        "one",
        "ones",
        "to",
        "by",
        "upon",
        "throughout",
        "inside",
        # colours and orders: "a lighter red", "in a different order than the diagram"
        "red",
        "blue",
        "green",
        "yellow",
        "white",
        "pink",
        "orange",
        "brown",
        "purple",
        "grey",
        "gray",
        "peach",
        "beige",
        "order",
        "sequence",
        "writing",
        "lettering",
        "font",
    ]
)
_COMPARATIVES = frozenset(
    ["smaller", "bigger", "thinner", "thicker", "darker", "lighter", "softer", "larger", "longer"]
)
_AMOUNTS = frozenset(["dose", "doses", "amount", "amounts", "strength", "dosage", "number"])
# "everyone reacts different to medication", "it's weird how meds work": a judgement about the
# medicine in general, so it needs a part you can hold, not "medicine" or "dose".
_JUDGEMENTS = frozenset(
    ["different", "diferente", "diferentes", "différent", "différente", "anders", "weird", "odd"]
    + ["strange"]
)
_GENERIC_FORMS = frozenset(
    ["medicine", "medication", "meds", "dose", "batch", "refill", "refills", "insulin"]
)
# A sentence that goes on about the thing the previous one named ("The Zoloft suspension was
# brown. It smelled weird too."): its own part words are the previous sentence's.
_PRONOUN_START = re.compile(
    r"^(?:(?:and|but|also|then|plus|now|oh|ugh|so)\s+)?(?:it|they|these|those|this|both|mine|all"
    r" of them|some of them|one of them|half of them|each one|theyre|they're|it's|its)\b"
)
# Attributes only a dose form has: "the shape was different" needs no part in the same sentence.
_FORM_ONLY_ATTRIBUTE = re.compile(r"^(?:shape|imprint|markings?|coating|score line|logo)\b")


def _attributive(toks: list, i: int, text: str, sent_start: int) -> bool:
    """The adjective at ``toks[i]`` qualifies the word right after it, which is not a part."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    between = text[toks[i].end - sent_start : nxt.start - sent_start]
    if between.strip():
        return False  # punctuation ends the phrase: "it came warm, again"
    w = nxt.text
    if toks[i].text in _COMPARATIVES and (
        w in _AMOUNTS or (w in _PARTS and i > 0 and toks[i - 1].text == "the")
    ):
        return True  # "the bigger pen": which variant; "a smaller dose": how much
    if (
        toks[i].text in _JUDGEMENTS
        and i > 0
        and toks[i - 1].text in ("a", "an", "another")
        and i + 2 < len(toks)
        and toks[i + 2].text in _FORMS
    ):
        return True  # "a different white tablet for her thyroid": another tablet, not a change
    return not (w in _PARTS or w in _AFTER_ADJECTIVE or w.isdigit())


@dataclass(frozen=True)
class _Context:
    """What the sentence before named, for a sentence that goes on with "it" or "they"."""

    parts: frozenset[str] = frozenset()
    product: bool = False
    text: str = ""


def _sentence_parts(prep: Prepared, sent: Sentence) -> frozenset[str]:
    toks = [t for t in prep.tokens if sent.start <= t.start < sent.end]
    return frozenset(t.text for i, t in enumerate(toks) if not _not_a_part(toks, i)) & _PARTS


# Round 12: part words used for something else: "off label" is a use, "over the counter" a way
# to buy, and "grabbed the kitchen counter" furniture.
_NOT_PART_BEFORE: dict[str, frozenset[str]] = {
    # round 14: boxes that are not the product's pack ("my weekly pill box", "the sharps box")
    "box": frozenset(
        ["pill", "weekly", "daily", "sewing", "jewelry", "jewellery", "lunch", "shoe", "tackle"]
        + ["sharps", "tool", "tissue", "cereal", "pizza", "mail", "post"]
    ),
    "label": frozenset(["off"]),
    "labels": frozenset(["off"]),
    "counter": frozenset(
        ["kitchen", "bathroom", "over", "grabbed", "grab", "grabbing", "held", "hold", "holding"]
        + ["hit", "against", "onto", "pharmacy", "the"]
    ),
}


def _not_a_part(toks: list, i: int) -> bool:
    """The part word at ``toks[i]`` names something else here (see ``_NOT_PART_BEFORE``)."""
    if any(t.text == "than" for t in toks[max(0, i - 3) : i]):
        return True  # "bigger than my jewelry box": what the thing is compared with
    before = _NOT_PART_BEFORE.get(toks[i].text)
    if before is None or i == 0:
        return False
    prev = toks[i - 1].text
    if toks[i].text == "counter" and prev == "the":
        # "the counter" alone may be a dose counter; look one further back
        return i > 1 and toks[i - 2].text in before - {"the"}
    return prev in before


def _sentence_complaints(
    prep: Prepared,
    sent: Sentence,
    products_here: list[int],
    before: _Context | None = None,
    comment_parts: frozenset[str] = frozenset(),
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
    # compounds whose head is not the medicine: "pill organizer", "pill cutter"
    part_idx = [
        i
        for i, t in enumerate(toks)
        if t.text in _PARTS
        and not (i + 1 < len(toks) and toks[i + 1].text in _COMPOUND_HEADS and t.text in _FORMS)
        and not _not_a_part(toks, i)
    ]
    part_words = {toks[i].text for i in part_idx}
    # only the parts carry over: "...savings card? it expired" is not about the medicine
    borrowed = (
        not part_words
        and not has_product_here
        and before is not None
        and bool(before.parts)
        and bool(_PRONOUN_START.match(text))
    )
    if borrowed and before is not None:
        part_words = set(before.parts)
    compared = any(
        _COMPARED_BEFORE.search(prep.clean[max(sent.start, o - 12) : o]) for o in products_here
    )
    redesign = _REDESIGN.search(text) is not None
    for i, tok in enumerate(toks):
        w = tok.text
        rel_s, rel_e = tok.start - sent.start, tok.end - sent.start
        if w in _DEFECTS:
            ok_part = bool(part_words - {w})
            near_product = has_product_here and w in _PRODUCT_DEFECTS
            if not ok_part and near_product:
                ok_part = True
            # "different"/"weird" alone is about feelings or the pen design, not a defect.
            if (
                w in _DEFECTS_LOOK
                and not (part_words & (_FORMS | _PACK_PARTS | _SEE_THROUGH_PARTS))
                and w not in _LIQUID_LOOKS
            ):
                ok_part = False
            if ok_part and w in _WEAK_DEFECTS:
                skip = _GENERIC_FORMS if w in _JUDGEMENTS else frozenset()
                near = (
                    any(
                        toks[j].text != w and toks[j].text not in skip
                        for j in part_idx[
                            bisect_left(part_idx, i - _NEAR) : bisect_right(part_idx, i + _NEAR)
                        ]
                    )
                    or (near_product and any(abs(tok.start - o) <= 30 for o in products_here))
                    or _PRONOUN_BEFORE.search(text[max(0, rel_s - 16) : rel_s]) is not None
                )
                ok_part = (
                    near
                    and not borrowed
                    and not (w in _ADJECTIVES and _attributive(toks, i, sent.text, sent.start))
                )
        elif w in _SMELL:
            # "my zoloft smells like fish" (the product), not "I can't smell" (an AE), and not
            # the flavour it is meant to have ("smelled like bubblegum").
            ok_part = (
                bool(part_words) or any(0 <= tok.start - o <= 25 for o in products_here)
            ) and not _PLEASANT_AFTER.match(text[rel_e : rel_e + 40])
        else:
            continue
        if not ok_part or in_idiom(rel_s, rel_e) or _gated(sent, rel_s, rel_e):
            continue
        if (
            _BODY_BEFORE.search(text[max(0, rel_s - 40) : rel_s])
            or (w != "missing" and _PERSON_BEFORE.search(text[max(0, rel_s - 30) : rel_s]))
            or _SYMPTOM_NEXT_BEFORE.search(text[max(0, rel_s - 20) : rel_s])
            or _SYMPTOM_NEXT_AFTER.match(text[rel_e : rel_e + 24])
        ) or (w in _JUDGEMENTS and (compared or redesign)):
            continue
        category = "appearance" if w in _SMELL else _pair_category(part_words, w)
        found.append((tok.start, tok.end, category))
    for category, rx in _PHRASES.items():
        for m in rx.finditer(text):
            if category == "appearance" and (
                ((compared or redesign) and "differ" in m.group(0))
                or _BODY_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
            ):
                continue
            if category in _PHRASE_NEEDS_PART and not part_words:
                # "the amoxicillin turned a grayish colour": a colour told of the product named
                # in the sentence, with no body part before it
                if (
                    category == "appearance"
                    and has_product_here
                    and _COLOUR_WORD.search(m.group(0))
                    and not _BODY_ANYWHERE.search(text[: m.start()])
                    and not context.is_hypothetical(sent, m.start())
                ):
                    found.append((sent.start + m.start(), sent.start + m.end(), category))
                    break
                looks = m.group(0).startswith(
                    ("look", "doesn't look", "doesnt look", "different", "not ")
                )
                form_only = category == "appearance" and bool(
                    comment_parts and _FORM_ONLY_ATTRIBUTE.match(m.group(0))
                )
                if not (
                    has_product_here and (category in ("device_fault", "weak_output") or looks)
                ) and not (form_only):
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
            if category not in ("wrong_count", "labelling", "weak_output") and context.is_negated(
                sent, m.start(), m.end()
            ):
                continue
            found.append((sent.start + m.start(), sent.start + m.end(), category))
            break
    context_parts = (
        bool(part_words)
        or has_product_here
        or (before is not None and (bool(before.parts) or before.product))
    )
    for category, rx in _NEEDS_PART_OR_PRODUCT if context_parts else ():
        # the first match that is not gated: "is supposed to click twice but ... only went half
        # way" has a hypothetical first match and a real second one
        for m in rx.finditer(text):
            if (
                in_idiom(m.start(), m.end())
                or context.is_hypothetical(sent, m.start())
                or context.is_negated(sent, m.start(), m.end())
                or _BODY_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
            ):
                continue
            found.append((sent.start + m.start(), sent.start + m.end(), category))
            break
    fake = _FAKE_QUESTION.search(text) if context_parts and sent.is_question else None
    if fake is not None:
        found.append((sent.start + fake.start(), sent.start + fake.end(), "counterfeit"))
    for category, rx in _BEHAVIOUR:
        m = rx.search(text)
        if m is None or in_idiom(m.start(), m.end()) or context.is_hypothetical(sent, m.start()):
            continue
        if rx is _SPELLING_ON_PACK and _OWN_TYPOS.search(text):
            continue
        if rx in _EXPIRY_CHECKED or m.group(0).startswith(("exp", "best before", "use by")):
            # "my savings card is great. It expired last month": the "it" of the sentence before
            earlier = text[max(0, m.start() - 40) : m.start()]
            if before is not None and _PRONOUN_START.match(text):
                earlier = before.text + " " + earlier
            later = text[m.end() : m.end() + 30] if rx in _EXPIRY_CHECKED else ""
            if _NOT_PRODUCT_EXPIRY.search(earlier) or _NOT_PRODUCT_EXPIRY.search(later):
                continue
        found.append((sent.start + m.start(), sent.start + m.end(), category))
    return found


# Round 15: damage the writer caused is not a product defect ("my cat knocked the pen off the
# counter", "my own fault", "froze at the back of the fridge", "our fridge ran at -2 overnight").
# Only clears device/packaging/appearance hits with no lot number: a count, a label or a
# counterfeit is never the user's doing.
_DAMAGE_CATEGORIES = frozenset(["device_fault", "packaging", "appearance"])
_USER_CAUSED = re.compile(
    r"\b(?:(?<!not )(?<!n't )my (?:own )?fault|my bad"
    r"|(?:i|we|my (?:cat|dog|kid|son|daughter|toddler)|the (?:cat"
    r"|dog)) (?:\w+ )?(?:dropped|knocked|sat on|stepped on|left)\b (?:\w+ ){0,3}?(?:pen|it|them"
    r"|box|bottle|vial|insulin|inhaler)|at the back of (?:the|my|our) (?:fridge|freezer)"
    r"|(?:our|my) (?:new |old )?(?:fridge|freezer) (?:\w+ )?(?:ran|was|went|got|broke|died)"
    r"|left (?:it|them|the \w+|my \w+) in (?:the|my|a) (?:hot )?car)"
)


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
    comment_parts = frozenset(t.text for t in prep.tokens) & _PARTS
    before: _Context | None = None
    for sent in prep.sentences:
        here = [o for o in offsets if sent.start <= o < sent.end]
        hits = _sentence_complaints(prep, sent, here, before, comment_parts)
        before = _Context(_sentence_parts(prep, sent), bool(here), sent.text)
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
    if (
        res.categories
        and not res.lots
        and set(res.categories) <= _DAMAGE_CATEGORIES
        and _USER_CAUSED.search(prep.clean)
    ):
        # round 15: the writer says the damage was theirs (dropped, frozen in their own fridge)
        res.categories.clear()
        res.evidence.clear()
        res.sentence_starts.clear()
    res.is_complaint = bool(res.categories)
    if res.is_complaint:
        res.score = 0.9 if (has_product or res.lots) else 0.7
        res.explanation = "quality complaint: " + ", ".join(res.categories)
        if res.lots:
            res.explanation += "; lot " + ", ".join(res.lots)
    return res
