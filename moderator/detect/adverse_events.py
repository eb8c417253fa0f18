"""Adverse events: a person, a product and something that went wrong with it.

Domain rule (DESIGN.md): report *potential* AEs and let PV judge causality. Harm, unintended
effects, lack of effect, overdose, misuse, medication errors and pregnancy exposure all count.
Questions, denials and hearsay without a person do not (questions become medical inquiries). The
post a comment sits under supplies the product when the comment names none.

Evidence of an event comes from three sources, each gated per sentence by ``context``:
the symptom lexicon, hand-written patterns (onset/worsening, lack of effect, special situations),
and the PsyTAR-trained sentence model (``model.py``) for open-ended lay descriptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from moderator.detect import context, experience
from moderator.detect.context import _NEG_CUE as _NEG_CUE_RX
from moderator.detect.context import Person
from moderator.detect.lexicon import Hit, symptoms
from moderator.detect.model import AEModel
from moderator.detect.products import ProductMention
from moderator.detect.text import Prepared, Sentence

_MAX_SENTENCES_SCORED = 60
RULE_FLOOR = 0.0

# Indication-like words are only events with an onset/worsening cue.
_WORSENING = re.compile(
    r"\b(?:(?:made|makes|making|left|leaves|got|get|getting|became|become|felt|feel|feeling|am|was"
    r"|been|so|more|increased|extreme|severe|horrible|terrible|awful|worse|worst|constant|new)"
    r"\s+(?:me\s+|my\s+)?(?:(?!fighting|battling|struggling|dealing|living|diagnosed|treated"
    r"|treating)\w+\s+)?(?:anxious|anxiety|depressed|depression|suicidal|panicky|"
    r"manic|insomnia|angry|sad|hopeless|numb|worse)(?!\s+than\s+(?:adhd|add|autism|the|a|an)\b)"
    r"|(?:anxiety|depression|pain|insomnia|mood|headaches?|symptoms)\s+(?:\w+\s+)?"
    r"(?:got|get|gets|getting|is|was|became|has been|have been)\s+(?:\w+\s+)?worse"
    r"|(?:worse|increased|heightened|more)\s+(?:anxiety|depression|pain|insomnia|panic)"
    r"(?!\s+(?:than|rather than|and less))"
    r"|(?:made|makes|making)\s+(?:me|her|him|them|my\s+\w+)\s+(?:so\s+|really\s+|very\s+|feel\s+)"
    r"{0,2}(?:sick|ill|dizzy|tired|sleepy|nauseous|anxious|depressed|crazy|weird|awful|horrible|"
    r"terrible|worse|shaky|jittery|itchy|numb|suicidal|angry|aggressive|emotional|exhausted"
    # round 9: agitation told as a state ("made me so restless I was pacing at 2am")
    r"|restless|agitated|irritable|jumpy|wired|paranoid|moody|foggy|spacey|spaced out)"
    r"|side[\s-]?effects?|adverse|reaction|withdrawals?|withdrawl)\b"
)
_LACK_OF_EFFECT = re.compile(
    r"\b(?:(?:stopped|quit|stops|has stopped|isn'?t|is not|wasn'?t|not|never|didn'?t|doesn'?t"
    r"|don'?t"
    r"|did not|does not|do not|no longer)\s+(?:really\s+|even\s+|seem\s+to\s+|seems\s+to\s+)?"
    r"(?:working|work|works|worked|help|helping|helped|do anything|doing anything|did anything)"
    r"|(?:did|does|do)\s+(?:absolutely\s+)?nothing(?!\s+(?:but|wrong|bad|negative|else))"
    r"|(?:no|zero) (?:effect|difference|improvement|change)"
    r"|barely (?:moved|changed|budged|dropped|helped|worked)|hardly (?:moved|changed|helped)"
    r"|didn'?t touch|doesn'?t touch|(?:then|and) (?:just\W+)?stopped(?!\s+(?:taking|using|going"
    r"|it|them|the|his|her|my|their))|still the same|same sugars"
    r"|came back (?:even )?on|didn'?t prevent|did not prevent|never cleared|no regrowth"
    r"|like taking a tic tac"
    # round 15: the product likened to a sweet or a dummy pill ("like swallowing a tic tac")
    r"|like (?:taking|swallowing|eating|popping) (?:a )?(?:tic ?tacs?|candy|sugar pills?|placebos?"
    r"|smarties|skittles|m&ms)"
    r"|not (?:effective|helping)|useless|ineffective|wore off|wears off|still (?:depressed|"
    r"anxious|high|no (?:change|improvement))|sugars? (?:still|are still|is still) (?:high|up)"
    r"|(?:a1c|sugar|cholesterol|ldl)\s+(?:went|is|was|still)\s+up|didn'?t lose (?:any )?weight"
    r"|no weight loss|not losing (?:any )?weight|(?:got|had) (?:a )?(?:clot|dvt|stroke|pe)"
    r" (?:anyway|while on|even on|despite)|poop[\s-]?out|pooped out|built (?:up )?a tolerance"
    r"|(?:sugars?|glucose|a1c|bp|blood pressure|cholesterol|numbers)\s+(?:is\s+|are\s+|was\s+"
    r"|were\s+|went\s+|shot\s+)?(?:back\s+)?(?:up|high)\b(?!\s+(?:to\s+)?normal)"
    # round 13: "sugar still sitting at 280-300", "glucose stuck around 250"
    r"|(?:sugars?|glucose|readings?)\s+(?:is\s+|are\s+)?still\s+(?:sitting|stuck|hovering"
    r"|running|sat)\s+(?:at\s+|around\s+|in the\s+)?[2-5]\d\d"
    r"|(?:sugars?|glucose)\s+(?:was|is|were|hit|went to|shot up to)\s+(?:over\s+|above\s+)?"
    r"[2-5]\d\d|flared(?: up)?|flaring(?: up)?|flare[\s-]?ups?|came (?:right )?back"
    r"|(?:still|keep|kept) (?:getting|having) (?:\w+ )?(?:attacks|migraines|flares|clots)"
    r"|(?:sugars?|glucose|a1c|numbers|bp|blood pressure) (?:\w+ )?(?:crept|creeping|creeps"
    r"|climbed|climbing|crawled|drifted|drifting) (?:back )?up"
    r"|still (?:hurt|hurts|hurting|in pain|have pain|get (?:the )?(?:migraines|headaches|attacks))"
    r"|no (?:me )?(?:hace|hizo) (?:nada|efecto)|ninguna mejor[ií]a|sigo igual|no funciona"
    r"|n[ãa]o (?:fez|faz|funciona|funcionou)|nenhuma melhora|continuo igual"
    r"|ne (?:marche|fonctionne) (?:pas|plus)|aucun effet(?! (?:secondaire|ind[ée]sirable))"
    r"|aucune am[ée]lioration|ne (?:me )?fait (?:rien|plus rien)"
    r"|wirkt nicht|keine wirkung|keine besserung|hilft nicht|hat nicht geholfen"
    # round 6: "no longer works" in the other languages comments use, and relief that stopped
    r"|(?:wirkt|funktioniert|hilft) (?:\w+ )?nicht mehr|werkt niet(?: meer)?|helpt niet(?: meer)?"
    r"|doet (?:niets|niks)|nie dzia[łl]a|nie pomaga|przesta[łl] dzia[łl]a[ćc]"
    r"|non funziona(?: pi[uù])?|non fa (?:niente|nulla)|non mi fa (?:niente|nulla|pi[uù] niente)"
    r"|n[ãa]o funciona mais|n[ãa]o faz mais|ya no (?:me )?(?:funciona|hace|sirve)|no me sirve"
    r"|(?:don'?t|doesn'?t|didn'?t|not|no longer|never) (?:even |really )?(?:get|getting|give"
    r"|giving|gives)(?: me)? (?:any |much )?(?:pain )?relief"
    r"|(?:ldl|cholesterol|a1c|sugars?|glucose|bp|blood pressure|levels?|numbers?|tsh|weight"
    r"|triglycerides|inr)\s+(?:is|are|was|were|stays?|stayed|remains?)\s+still\s+(?:at\s+"
    r"|over\s+|above\s+|around\s+|about\s+)?\d+"
    r"|still (?:at|over|above) \d{2,}|(?:weeks?|months?) later (?:it'?s|its|it is|it was"
    r"|they'?re|my \w+ (?:is|was)) (?:still |only |just )?\d+"
    # round 7: disease progression on treatment ("the scan showed growth", "the tumour grew
    # anyway", "progressed on it"); "the scan showed no growth" does not match
    r"|scans? (?:showed|shows|show|came back with|found) (?:more |new |further |some )?(?:growth"
    r"|progression|spread|new (?:spots|lesions|tumou?rs|mets))"
    r"|(?:tumou?rs?|cancer|mets|lesions?|nodules?|disease) (?:has |have |had |is |are |just )?"
    r"(?:grew|grown|growing|spread|progressed|progressing|got bigger|gotten bigger)"
    r"|progressed (?:on|while on|despite)|disease progression"
    # round 8: "has done NOTHING for my crohns", "did zilch", "worse than before I started",
    # "paying all this for nothing", "still running to the bathroom 10x a day"
    r"|(?:did|does|has done|have done|had done|done)\s+(?:absolutely\s+|literally\s+|just\s+)?"
    r"(?:nothing|zilch|zip|squat|nada|diddly(?: squat)?|jack(?: squat)?)(?!\s+(?:but|wrong|bad"
    r"|negative|else))"
    r"|worse than (?:before|when) (?:i|he|she|we|they) (?:started|began|went on|got on)"
    r"|(?:paying|pay|paid|spent|spending) (?:[\w$]+ ){0,3}for nothing"
    r"|still (?:running|rushing|going|racing) to the (?:bathroom|toilet|loo)"
    # round 9: "his eczema is exactly the same", "my sugars are all over the place"
    r"|(?:eczema|psoriasis|skin|rash|acne|hives|pain|symptoms?|sugars?|glucose|a1c|numbers"
    r"|weight|hair|migraines?|headaches?|mood|anxiety|depression|ldl|cholesterol|bp"
    r"|blood pressure|it|things) (?:is|are|was|were|looks?|looked|stayed|stays|remains?"
    r"|has been|have been) (?:still )?(?:exactly|pretty much|basically|literally|just) the same"
    r"|(?:sugars?|glucose|bgs?|readings?) (?:(?:are|were|is|was|been|stayed|running|stuck)"
    r" )?(?:in the|over|above) [2-5]\d\d'?s?\b(?! (?:before|until|till|prior|when i started))"
    # round 10: still ending up in the ER for the very thing it treats; results others see
    r"|still (?:\w+ )?(?:been|ended up|going|gone|went|landing|landed) (?:to|in) (?:the )?(?:er"
    r"|hospital|a&e|urgent care|emergency)|not seeing (?:any )?(?:results|what (?:everyone|others"
    r"|other people)|a difference|any difference|improvement|any change)"
    r"|(?:sugars?|glucose|numbers|readings|bp|blood pressure|levels) (?:are|is|were|was"
    r"|have been|has been|went|been) (?:\w+ )?(?:all over the place|through the roof"
    r"|out of control|sky[\s-]high|crazy high|crazy(?= all| for| the whole)))\b"
)
_SPECIAL = {
    "overdose": re.compile(
        r"\b(?:overdos\w*|od'?d|took too (?:many|much)|double(?:d)? (?:dose|up|my dose)"
        r"|took (?:two|2|three|3|extra|another) (?:doses|pills|tablets|shots|injections)"
        r"|took (?:two|2|three|3|\d+) of my|doubled it|took (?:it|my \w+) twice"
        r"|took (?:the whole|a whole) (?:bottle|box|pack)|extra dose|twice the dose"
        # round 12: a repeat dose after forgetting the first ("forgot and took another")
        r"|forg[eo]t\w*\b[^.!?]{0,40}?\btook (?:another|a second|one more|it again))\b"
    ),
    "misuse": re.compile(
        r"\b(?:to get high|getting high|got high|snort\w*|crush(?:ed|ing)? (?:it|them|up)"
        r"|recreational\w*|abus\w+|misus\w+|without a (?:prescription|script)|not prescribed"
        r" to me|(?:someone else'?s|my friend'?s|my (?:kid|son|daughter|mom|mum|dad|husband|hubby"
        r"|wife|sister|brother|roommate|boyfriend|girlfriend|bf|gf|grandma|grandpa|partner)'?s)"
        r" (?:\w+ )?(?:pills|meds|medication|prescription|script|pens?|adderall|ritalin|xanax"
        r"|§+)"
        # round 11: more than prescribed; a relative's leftover pens in Portuguese and Spanish
        r"|(?:way |much |a lot )?more than (?:prescribed|i was prescribed|my (?:dose|script))"
        r"|(?:que )?sobr(?:ou|aron|ó) d[aoe] (?:minha|meu|mi) \w+|(?:da|do) (?:minha|meu)"
        r" (?:m[ãa]e|pai|irm[ãa]o?|marido|esposa|amig[ao]|tia|av[óo])"
        r"|bought (?:it|them|some) (?:off|from)"
        r" (?:a )?(?:friend|guy|street|dealer)|addicted|hooks? me up|hooked me up"
        r"|(?:friend|buddy|coworker|guy) (?:gives|sells|gave|sold) (?:me|them)"
        r"|sin receta|sem receita|sans ordonnance|ohne rezept)\b"
    ),
    "medication_error": re.compile(
        r"\b(?:by (?:mistake|accident)|accidental(?:ly)?|wrong (?:dose|dosage|medication|medicine"
        r"|pills?|strength|drug|pen)|mixed up|mix-up|mixup|gave me the wrong|instead of (?:my|her"
        r"|his)|forgot (?:i|that i) (?:had )?(?:already )?took|took it twice|dosing error"
        r"|got into (?:my|her|his|the) (?:pills|meds|medication|bottle)"
        r"|(?:every other day|every few days|once a (?:day|week)|half (?:a |the )?(?:dose|pill"
        r"|tablet)|half doses?) instead of|skip(?:ping|ped)? doses? (?:to|because|since)"
        r"|ration(?:ing|ed)? (?:my|it|them|the)|without a (?:real |full |proper )?dose"
        # round 11: a dose lost to a jammed or leaking device is an underdose
        r"|(?:didn'?t|didnt|did not|never|couldn'?t) get (?:the|my|a|his|her) (?:full|whole"
        r"|entire|complete) dose"
        r"|stretch(?:ing)? (?:out )?my (?:pills|pens|doses|supply)|dial(?:ed|led) (?:\w+ )?wrong"
        r"|\d+(?:\.\d+)?\s*mg instead of|gave (?:myself|him|her) (?:the )?wrong"
        # round 11: a dispensing or self-giving mix-up told plainly ("pharmacy gave me 50mg X
        # instead of 25", "gave myself my humalog instead of lantus")
        r"|(?:gave|give|dispensed|filled|handed) (?:me|myself|him|her|us) (?:my |the |his"
        r" |her )?(?!\d+ )(?:[\w.§]+ ){1,3}instead of\b"
        # round 9: a dose set or drawn wrongly ("dialed my pen to 2 instead of 0.25")
        r"|(?:dial(?:ed|led)?|set|drew up|draw up|injected|gave (?:myself|him|her)|took)"
        r" (?:\w+ ){0,3}?(?:to |up )?\d+(?:[.,]\d+)?\s*(?:mg|ml|units?|iu|mcg|clicks)?"
        r" instead of (?:the |my )?\d"
        # round 7: doses a carer leaves out ("the staff keep forgetting to give her doses")
        r"|forg[eo]t\w* to give (?:her|him|them|me|my \w+|the \w+)? ?(?:\w+ )?(?:doses?|meds"
        r"|medications?|medicines?|pills|insulin|injections?|shots?|tablets)"
        r"|(?:missed|skipped) (?:her|his|their) (?:\w+ )?(?:doses?|meds|medications?|pills"
        r"|injections?|shots?)"
        r"|per sbaglio|por error|por equivocaci[óo]n|par erreur|aus versehen|per ongeluk"
        r"|przez pomy[łl]k[eę]|por engano"
        # a second dose given too soon: "my 2nd shingrix dose only 3 weeks after the first"
        r"|(?:2nd|second|next|booster) (?:\w+ )?(?:dose|shot|jab) (?:only |just )?(?:\d+|a few|two"
        r"|three) (?:days?|weeks?) (?:after|apart)|too (?:early|soon) for (?:my|the|her|his)"
        r" (?:2nd|second|next) (?:dose|shot|jab))\b"
    ),
    "pregnancy": re.compile(
        r"\b(?:pregnan\w*|expecting a baby|while expecting|weeks along|trimester|breast ?feeding"
        # round 14b: pregnancy told as "expecting" with its subject ("while she was expecting")
        r"|(?:when|while|time) (?:i|she|we) (?:was|were) expecting(?!\s+(?:it|that|to|the|more"
        r"|much|some|results?|this|them|him|her|side|relief|better|worse|a lot)\b)"
        r"|breast-feeding|nursing (?:my|a) baby|conceived|miscarr\w+|embarazad\w+|embarazo"
        r"|gr[áa]vida|gravidez|enceinte|grossesse|schwanger\w*|amamant\w+|lactancia|allaite\w*"
        r"|stille\b"
        # round 9: Dutch, Italian, Polish and Romanian
        r"|zwanger\w*|zwangerschap|incinta|gravidanza|w ci[ąa][żz]y|[îi]ns[ăa]rcinat[ăa])\b"
    ),
}
_SERIOUSNESS = {
    "death": re.compile(
        r"\b(?:died|dead|death|passed away|killed (?:him|her|my)|fatal|funeral"
        r"|took (?:his|her|their|my) (?:own )?life|killed (?:himself|herself|themselves)"
        r"|committed suicide)\b"
    ),
    "life_threatening": re.compile(
        r"\b(?:almost died|nearly died|could have died|life[\s-]threatening|anaphyla\w+"
        r"|stopped breathing|couldn'?t breathe|could not breathe|icu|intensive care|resuscitat\w+"
        r"|cpr|coded|near death|nearly killed|almost killed)\b"
    ),
    "hospitalisation": re.compile(
        r"\b(?:er|a&e|a & e|emergency room|emergency department|ed visit|hospital\w*|admitted"
        r"|ambulance|inpatient|urgent care|911|urgencias|urgences|internad[oa]|hospitalis[ée]e?"
        r"|ricoverat[oai]"
        r"|krankenhaus|notaufnahme|pronto[\s-]socorro|ingresad[oa])\b"
    ),
    "disability": re.compile(
        r"\b(?:paraly[sz]\w*|disabled|disability|can'?t walk|cannot walk|couldn'?t walk|lost my "
        r"(?:sight|vision|hearing|job)|went blind|gone blind|permanent(?:ly)?|wheelchair|"
        r"bedridden|bed-ridden|can no longer (?:work|walk))\b"
    ),
    "congenital_anomaly": re.compile(
        r"\b(?:birth defects?|born with|congenital|malformation|deformit\w+|heart defect)\b"
    ),
    "other_medically_important": re.compile(
        r"\b(?:seizures?|convulsions?|convuls[ãa]o|convulsi[óo]n|krampfanfall|suicidal|suicide"
        r"|tried to (?:kill|end)|perforat\w+|overdosed|pancreatitis|gastroparesis|"
        r"stroke|heart attack|blood clots?|pulmonary embolism|internal bleeding|bleeding out|"
        r"brain bleed|gi bleed|liver failure|kidney failure|liver damage|serotonin syndrome|"
        r"psychosis|hallucinat\w+|ketoacidosis|dka|anaphylaxis|surgery|transfusion|"
        r"angioedema|sjs|stevens-johnson)\b"
    ),
}
# Use still to come: pregnancy while *planning* a product is not an exposure.
_FUTURE_USE = re.compile(
    r"\b(?:wants? me (?:to (?:start|take|try|go on)|on)|(?:going|planning|about|want) to (?:start"
    r"|take|try|go on)|thinking (?:about|of) (?:starting|taking|going on)|considering"
    r"|should i (?:start|take|stay|keep)|can i (?:start|take)|is it safe to (?:start|take)"
    r"|before (?:i start|starting)|if (?:i|she|we) (?:start|take|go on|try|use)"
    r"|after (?:the|my) baby (?:comes|is born|arrives|gets here))\b"
)
# round 8: "took it not knowing I was pregnant": an exposure, whatever the negation says.
_UNAWARE_PREGNANCY = re.compile(
    r"\b(?:not knowing|didn'?t know|did not know|without knowing|before (?:i|she|we) knew"
    r"|unaware|found out|find out|turns out|turned out) (?:that )?(?:i|she|we)(?:'m| am| was| were"
    r"| is)? (?:\d+ weeks |already )?(?:pregnant|expecting)"
)
_PAEDIATRIC = re.compile(
    r"\b(?:my (?:son|daughter|child|kid|baby|toddler|boy|girl|teen|teenager|infant)|"
    r"\d{1,2}\s*(?:yo|y/o|year old|years old|-year-old) (?:son|daughter|boy|girl|child|kid))\b"
)
_INDICATION_CUE = re.compile(
    # round 10b: "brilliant, except for some queasiness" names the event, not the indication
    r"\b(?:(?<!except )(?<!apart )(?<!aside )for|treat|treats|treating|treated|relieve|relieves"
    r"|helped|helps|help with|cured"
    r"|cleared|clears|cleared up|fixed|fixes|got rid of|gets rid of|took away|takes away|eased"
    r"|eases|reduced|reduces|lowered|lowers|calmed|calms|stopped my|stops my"
    r"|manage|control|prevent|diagnosed with|suffer from|suffering from|history of|used to have"
    # round 7: the indication in the other languages ("pour mes migraines", "für meine")
    # ("no para de vomitar" is "won't stop vomiting", not "for")
    r"|pour|(?<!no )(?<!não )(?<!nao )para(?! de\b)|contre|contra|f[üu]r|gegen|voor|tegen"
    r"|per (?:la|le|il|i|lo|gli|l')"
    r"|(?:after|since) (?:my|his|her|a|the))"
    r"\s+(?:my\s+|the\s+|with\s+|me\s+with\s+|her\s+|his\s+|(?:a ton|a lot|so much) with\s+"
    r"(?:the\s+|my\s+)?"
    r"|an?\s+)?"
    # up to three words of a conjoined or qualified indication ("for my fibro and back pain",
    # "for the burning nerve pain"), but never a new clause ("for my anxiety and got nausea")
    r"(?:(?!(?:but|then|got|get|gets|had|has|have|now|gave|i|was|is|were|started|since|after"
    r"|it|which|so|the|my|his|her|their|a|an|when|while|whenever|she|he|they|we|you)\b)"
    r"[\w'-]+\s+){0,3}$"
)
# round 10b: a listed indication ("started 2 years ago for depression, panic attacks and ...").
_FOR_LIST = re.compile(
    r"\b(?<!except )(?<!apart )(?<!aside )for\s+(?:my\s+|the\s+|his\s+|her\s+)?"
    r"(?!\d|(?:a|an|the|about|over|almost|nearly|ages"
    r"|years?|months?|weeks?|days?|yrs?|hours?|life|ever|awhile|a while|so long|long|now)\b)"
    r"(?:(?!(?:but|then|got|get|gets|had|has|have|now"
    r"|gave|i|was|is|were|started|since|after|it|which|so|when|while|she|he|they|we|you)\b)"
    r"[\w'-]+,?\s+){1,4}$"
)
# round 7: the product is still to come ("starting Dupixent next month", "Day 1 tomorrow"): the
# condition the writer describes is the indication, not an event or a lack of effect.
_NOT_STARTED = re.compile(
    # round 11: "i haven't started yet": what the writer describes is expectation, not an event
    r"\b(?:haven'?t|havent|have not|not|yet to) (?:even )?(?:started|begun|taken|tried|begin|start)"
    r"(?: [\w§]+)? yet\b"
    r"|\b(?:start(?:ing|s)?|begin(?:ning|s)?|first (?:dose|shot|injection|infusion|pill|jab)"
    r"|day (?:1|one))\b[^.!?]{0,40}?\b(?:next (?:week|month|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|year)|tomorrow|soon|on (?:monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)|in (?:a|\d+|two|three|a few) (?:days?|weeks?))\b"
)
_HAS_USED = re.compile(
    r"\b(?:since (?:starting|i started|taking|i'?ve been|being on)|been (?:on|taking|using)"
    r"|i took|took (?:it|my|the)|after (?:my|the) (?:first|1st|second|2nd|last)|(?:weeks?|months?"
    r"|days?) (?:in|into)|stopped|switched|restart\w*|again|second|2nd|third|3rd|next (?:dose"
    r"|shot|injection|jab)|gave me|made me)\b"
)
_POSITIVE_RESOLUTION = re.compile(r"\b(?:no more|no longer|gone|went away completely|cured)\b")


@dataclass
class AEResult:
    """What the AE detector concluded for one comment."""

    is_ae: bool = False
    score: float = 0.0
    products: list[tuple[ProductMention, bool]] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    seriousness: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)  # original offsets
    inquiry_spans: list[tuple[int, int, str]] = field(default_factory=list)
    explanation: str = ""
    # What the rules saw, even when they did not conclude: features for the comment model.
    sentence_model_max: float = 0.0
    lexicon_hit: bool = False
    event_sources: frozenset[str] = frozenset()
    rule_event_no_product: bool = False
    # The comment denies any event ("No bleeding, no bruising, nothing"): vague sentences elsewhere
    # in it are not events either, for the rules' sentence model and for the comment model.
    denial: bool = False


@dataclass
class _SentenceView:
    sentence: Sentence
    question: bool
    hearsay: bool
    hits: list[Hit] = field(default_factory=list)


class AdverseEventDetector:
    """Rules + sentence model; one instance per suite, stateless per call."""

    def __init__(
        self,
        model: AEModel | None,
        model_threshold: float | None = None,
        rule_floor: float = RULE_FLOOR,
    ) -> None:
        self.model = model
        self.threshold = (
            model_threshold if model_threshold is not None else (model.threshold if model else 1.1)
        )
        # A lexicon hit in a sentence the model finds very unlike an ADR report ("it has reduced
        # my anxiety attacks") is more often an indication or a benefit than an event.
        self.rule_floor = rule_floor if model is not None else 0.0

    def detect(
        self,
        prep: Prepared,
        mentions: list[ProductMention],
        post_mentions: list[ProductMention],
        patient: Person,
        quality_sentences: frozenset[int] = frozenset(),
    ) -> AEResult:
        """Events, special situations and seriousness in one comment.

        ``quality_sentences`` are the (cleaned) starts of sentences the complaint detector found
        a product defect in: there the sentence model's vague "something went wrong" reading is
        the defect, not an event, so only lexicon and pattern evidence counts.
        """
        res = AEResult()
        events: list[tuple[int, int, str]] = []  # cleaned offsets + source
        special: dict[str, tuple[int, int]] = {}
        seriousness: dict[str, tuple[int, int]] = {}
        lex_hits = symptoms().find(prep)
        res.lexicon_hit = bool(lex_hits)
        # Model-only evidence is weak: not in a comment that praises the product, nor in the
        # context sentences of a question ("Can my 2yo take it? He's bouncing off the walls").
        benefit_comment = _BENEFIT.search(prep.clean) is not None
        asks = any(context.is_question(s) for s in prep.sentences)
        mention_words = sorted(
            {prep.clean[a:b] for a, b in _mention_spans(prep, mentions)}, key=len, reverse=True
        )
        res.denial = any(_DENIAL.search(s.text) for s in prep.sentences)
        # "Does it work for hives too? I've had chronic hives": a question about *using* the
        # product makes the statements around it the asker's condition, not an event.
        statements = [
            experience.masked(s.text, mention_words)
            for s in prep.sentences
            if not context.is_question(s)
        ]
        user_talk = any(_USER_TALK.search(t) for t in statements)
        use_question = not user_talk and any(
            context.is_question(s)
            and _USE_QUESTION.search(s.text)
            and not _EXPERIENCE_Q.search(_USE_QUESTION.sub(" ", s.text))
            and not _USER_Q.search(s.text)
            for s in prep.sentences
        )
        # "I had shingles at 55 and wish I'd known about this": the disease's own history.
        history = not user_talk and any(_DISEASE_HISTORY.search(t) for t in statements)
        pre_use = bool(_NOT_STARTED.search(prep.clean)) and not _HAS_USED.search(prep.clean)
        weight_purpose = _WEIGHT_PURPOSE.search(prep.clean) is not None
        nerves_cue = _NERVES_CUE.search(prep.clean) is not None
        # round 10b: under a vaccine, "my dad had shingles" is the disease it prevents
        vaccine = any(
            "vaccin" in f"{m.name} {m.generic}".lower() for m in (mentions or post_mentions)
        )
        hit_i = 0
        n_scored = 0
        # Inquiry spans are whole sentences (the suite matches them by sentence start), so they are
        # found before questions are split into a statement and a question below.
        for sent in prep.sentences:
            if context.is_question(sent) and (
                any(sent.start <= h.start < sent.end for h in lex_hits)
                or _WORSENING.search(sent.text)
                or _LACK_OF_EFFECT.search(sent.text)
                or any(m.search(sent.text) for m in _SPECIAL.values())
            ):
                res.inquiry_spans.append((sent.start, sent.end, "question"))
        for sent in _split_questions(prep.sentences):
            question = context.is_question(sent)
            hearsay = context.is_hearsay(sent)
            sent_hits: list[Hit] = []
            while hit_i < len(lex_hits) and lex_hits[hit_i].start < sent.end:
                if lex_hits[hit_i].start >= sent.start:
                    sent_hits.append(lex_hits[hit_i])
                hit_i += 1
            # "is it normal to feel worse ... or is that just me", "why do I keep fainting?":
            # a question that also reports the asker's own experience is still an AE.
            if question and not _EXPERIENCE_Q.search(sent.text):
                continue
            if hearsay and not _OWN_EXPERIENCE.search(sent.text):
                continue
            # Controls: a non-medicine subject ("this post gave me a headache"), a look ahead
            # ("watching out for it"), a good outcome ("cleared my son's eczema").
            non_drug = experience.non_drug_subject(sent.text) or (
                _NON_HUMAN_SUBJECT.search(sent.text) is not None
                # round 11: "X makes me so sleepy I fell asleep in a meeting": the product, named
                # as the cause, is the subject; the meeting is only where it happened
                and _DRUG_MADE_ME.search(experience.masked(sent.text, mention_words)) is None
            )
            if _PET_OR_PREFERENCE.search(sent.text):
                non_drug = True  # "my cat is named Eliquis", "I'd take nausea over insulin shots"
            asked_condition = use_question and not _USER_TALK.search(
                experience.masked(sent.text, mention_words)
            )
            if asked_condition:
                non_drug = True  # the condition the question is about
            masked_sent = experience.masked(sent.text, mention_words)
            if pre_use or (
                (history or _DISEASE_DEATH.search(sent.text))
                and not _DRUG_REFERENCE.search(masked_sent)
            ):
                non_drug = True  # "we lost my uncle to a stroke": the disease, not the drug
            if (
                vaccine
                and any(h.value in _VACCINE_DISEASES for h in sent_hits)
                and not _DRUG_REFERENCE.search(masked_sent)
            ):
                non_drug = True  # under a vaccine, "my dad had shingles": what it prevents
            retract = _RETRACTED.search(sent.text)
            if retract and (
                experience.MASK in masked_sent[retract.end() :]
                or any(h.start >= sent.start + retract.end() for h in sent_hits)
            ):
                retract = None  # "I thought it was a cold but it turned out X caused pneumonia"
            if retract or _BEFORE_LABEL.match(masked_sent):
                non_drug = True  # "I was convinced X gave me bruises but turns out the kitten"
            looking_ahead = experience.anticipation(sent.text) and not _ONSET.search(sent.text)
            good = experience.benefit(sent.text)
            if (
                non_drug
                or looking_ahead
                or (experience.praise(sent.text) and not _ONSET_ON_DRUG.search(masked_sent))
            ):
                sent_hits = []
            elif weight_purpose:
                sent_hits = [h for h in sent_hits if not _INTENDED_WEIGHT.search(h.value)]

            else:
                sent_hits = [
                    h
                    for h in sent_hits
                    if not experience.denied_after(sent.text[h.end - sent.start :])
                ]
            if not (non_drug or looking_ahead) and self._experience_events(
                sent, sent_hits, mention_words, events, special
            ):
                rule_found = True
            else:
                rule_found = False
            p_model: float | None = None
            if self.model is not None and n_scored < _MAX_SENTENCES_SCORED:
                n_scored += 1
                p_model = self.model.score(sent.text)
                res.sentence_model_max = max(res.sentence_model_max, p_model)
            found = rule_found
            if (p_model is None or p_model >= self.rule_floor) and not (non_drug or looking_ahead):
                found = (
                    self._sentence_events(
                        sent, sent_hits, events, quality_sentences, nerves_cue, masked_sent
                    )
                    or found
                )
            for name, rx in _SPECIAL.items():
                m = rx.search(sent.text)
                unaware = name == "pregnancy" and _UNAWARE_PREGNANCY.search(sent.text)
                if m and name == "pregnancy" and not unaware:
                    # "on Zoloft since her miscarriage", "a pregnancy scare", "in the dream"
                    m = next(
                        (x for x in rx.finditer(sent.text) if not _not_exposure(sent.text, x)),
                        None,
                    )
                if m and (unaware or not self._gated(sent, m.start(), m.end())):
                    if name == "pregnancy" and not unaware and _FUTURE_USE.search(prep.clean):
                        continue  # "my OB wants me on X": exposure has not happened yet
                    if name != "pregnancy" and _PLANNED.search(
                        sent.text[max(0, m.start() - 60) : m.start()]
                    ):
                        continue  # "is it ok to double up?", "thinking of taking it instead"
                    special.setdefault(name, (sent.start + m.start(), sent.start + m.end()))
                    found = True
            m = _LACK_OF_EFFECT.search(sent.text)
            if m and _NOT_A_MEDICINE.search(sent.text[max(0, m.start() - 25) : m.start()]):
                m = None
            if m and pre_use:
                m = None  # "my eczema flared this winter, starting X next month"
            if m and _REDUCED_BEFORE.search(sent.text[max(0, m.start() - 30) : m.start()]):
                m = None  # "cut my flare ups in half": fewer flares is the drug working
            if m and _PRIOR_FAILURE.search(sent.text[: m.start()]):
                m = None  # "started him on X after two SSRIs didn't help": why X, not X failing
            if m and (
                context.is_hypothetical(sent, m.start())
                or (
                    _NEG_CUE_RX.search(m.group(0)) is None
                    and context.is_negated(sent, m.start(), m.end())
                )
            ):
                m = None  # "haven't had a flare since" is the opposite of lack of effect
            if m:
                special.setdefault(
                    "lack_of_efficacy", (sent.start + m.start(), sent.start + m.end())
                )
                events.append((sent.start + m.start(), sent.start + m.end(), "lack_of_efficacy"))
                found = True
            for m in _EVENT_PATTERNS.finditer(sent.text) if not asked_condition else ():
                if _SUICIDE_WORDS.search(m.group(0)) and context.is_negated(
                    sent, m.start(), m.end()
                ):
                    continue  # "but I haven't committed suicide either"
                if not context.is_hypothetical(sent, m.start()):
                    events.append((sent.start + m.start(), sent.start + m.end(), "pattern"))
                    found = True
                    break
            if not (non_drug or looking_ahead):
                for rx in (_PASSIVE_HARM, _FOREIGN_ONSET, _OUTCOME_HARM, _DRUG_DEATH):
                    m = rx.search(masked_sent)
                    if m and not self._gated(sent, m.start(), m.end()):
                        if rx is _FOREIGN_ONSET and _FOREIGN_GOOD.match(masked_sent, m.end()):
                            continue  # "seit ich X nehme, geht es mir besser"
                        events.append((sent.start + m.start(), sent.start + m.end(), "pattern"))
                        found = True
            if (
                not found
                and p_model is not None
                and p_model >= self.threshold
                and (p_model >= _MODEL_ALONE or _PERSON_CUE.search(sent.text))
                and sent.start not in quality_sentences
                # round 14: in a defect report ("counted 84 tablets", "caps are impossible") the
                # vague sentences around the defect are the complaint's story, not an event,
                # unless the model reads them as an adverse-event report on their own
                and (not quality_sentences or p_model >= _MODEL_ALONE)
                and (
                    len(_ALPHA_WORD.findall(sent.text)) >= _MODEL_MIN_WORDS
                    or p_model >= _MODEL_ALONE
                )
                and not benefit_comment
                and not res.denial
                and not (good or non_drug or looking_ahead)
                and not (asks and _ONSET.search(sent.text) is None)
                # round 13: "can't hardly walk for the pain": after an inability, "for" is
                # "because of", not a purpose
                and (_PURPOSE_STATEMENT.search(sent.text) is None or _NEG_EVENT.search(sent.text))
                and not question
                and not sent_hits  # lexicon words were there and the gates ruled: trust them
                and _MODEL_VETO.search(sent.text) is None
                and _NEEDLE_NERVES.search(sent.text) is None
                and _looks_english(sent.text)
                and _REPLY_STUB.search(sent.text) is None
                and _NEG_ONLY.search(sent.text) is None
                and not experience.denied_after(sent.text)
            ):
                events.append((sent.start, sent.end, "model"))
                found = True
            if found:
                for name, rx in _SERIOUSNESS.items():
                    m = rx.search(sent.text)
                    if m and not self._gated(sent, m.start(), m.end()):
                        seriousness.setdefault(name, (sent.start + m.start(), sent.start + m.end()))
        res.special = list(special)
        res.event_sources = frozenset(src for _, _, src in events)
        if not (events or special):
            return res
        products = [(m, False) for m in mentions] or [(m, True) for m in post_mentions]
        if not products:
            products = [(m, False) for m in _unnamed_products(prep)]
        if not products:
            res.rule_event_no_product = True
            res.explanation = "an event is described but no product is named here or in the post"
            return res
        res.is_ae = True
        res.products = products
        res.seriousness = list(seriousness)
        if patient.is_child or _PAEDIATRIC.search(prep.clean):
            res.special.append("paediatric")
        if patient.is_elderly:
            res.special.append("elderly")
        for start, end, source in events:
            s, e, raw = prep.original_span(start, end)
            res.events.append({"text": raw, "start": s, "end": e, "source": source})
            res.evidence.append((s, e, raw, "event"))
        for name, (start, end) in {**special, **seriousness}.items():
            s, e, raw = prep.original_span(start, end)
            label = f"seriousness:{name}" if name in seriousness else f"special:{name}"
            res.evidence.append((s, e, raw, label))
        for m, from_post in products:
            if not from_post:
                res.evidence.append((m.start, m.end, m.as_reported, "product"))
        sources = {src for _, _, src in events}
        res.score = 0.95 if seriousness else 0.9 if sources - {"model"} or special else 0.75
        res.explanation = f"{len(res.events)} event mention(s) with {products[0][0].name}" + (
            " (product from the post)" if products[0][1] else ""
        )
        return res

    def from_model(
        self,
        prep: Prepared,
        mentions: list[ProductMention],
        post_mentions: list[ProductMention],
        patient: Person,
        rules: AEResult,
        span: tuple[int, int],
        score: float,
    ) -> AEResult:
        """An AE record when only the comment model fired (``comment_model``).

        The four criteria still hold: the product comes from the comment or its post, the event
        evidence is the sentence that pushed the model hardest, seriousness is read there with
        the usual negation/hypothetical gates, and special situations the rules saw are kept.
        """
        products = [(m, False) for m in mentions] or [(m, True) for m in post_mentions]
        res = AEResult(
            is_ae=bool(products),
            products=products,
            special=list(rules.special),
            inquiry_spans=rules.inquiry_spans,
            sentence_model_max=rules.sentence_model_max,
            lexicon_hit=rules.lexicon_hit,
            event_sources=rules.event_sources | {"comment_model"},
        )
        if not products:
            return res
        start, end = span
        sent = prep.sentence_at(start)
        if sent is not None:
            for name, rx in _SERIOUSNESS.items():
                m = rx.search(sent.text)
                if m and not self._gated(sent, m.start(), m.end()):
                    s, e, raw = prep.original_span(sent.start + m.start(), sent.start + m.end())
                    res.seriousness.append(name)
                    res.evidence.append((s, e, raw, f"seriousness:{name}"))
        if (patient.is_child or _PAEDIATRIC.search(prep.clean)) and "paediatric" not in res.special:
            res.special.append("paediatric")
        if patient.is_elderly and "elderly" not in res.special:
            res.special.append("elderly")
        s, e, raw = prep.original_span(start, end)
        res.events.append({"text": raw, "start": s, "end": e, "source": "comment_model"})
        res.evidence.insert(0, (s, e, raw, "event"))
        for m, from_post in products:
            if not from_post:
                res.evidence.append((m.start, m.end, m.as_reported, "product"))
        res.score = round(0.6 + 0.3 * score, 4) if not res.seriousness else 0.95
        res.explanation = f"comment model ({score:.2f}) with {products[0][0].name}" + (
            " (product from the post)" if products[0][1] else ""
        )
        return res

    def with_special(
        self,
        prep: Prepared,
        mentions: list[ProductMention],
        post_mentions: list[ProductMention],
        patient: Person,
        rules: AEResult,
        name: str,
        spans: list[tuple[int, int, str]],
    ) -> AEResult:
        """Add a special situation found by another detector (misuse from ``off_label``).

        A special situation is an AE on its own (DESIGN.md), so with a product in the comment or
        its post a record is made even when the rules found no event.
        """
        if name in rules.special:
            return rules
        products = [(m, False) for m in mentions] or [(m, True) for m in post_mentions]
        if not products:
            return rules
        rules.special.append(name)
        for s, e, raw in spans[:1]:
            rules.evidence.append((s, e, raw, f"special:{name}"))
        if rules.is_ae:
            return rules
        rules.is_ae = True
        rules.products = products
        if (
            patient.is_child or _PAEDIATRIC.search(prep.clean)
        ) and "paediatric" not in rules.special:
            rules.special.append("paediatric")
        for m, from_post in products:
            if not from_post:
                rules.evidence.append((m.start, m.end, m.as_reported, "product"))
        rules.score = 0.9
        rules.explanation = f"{name} of {products[0][0].name}" + (
            " (product from the post)" if products[0][1] else ""
        )
        return rules

    def _sentence_events(
        self,
        sent: Sentence,
        hits: list[Hit],
        events: list[tuple[int, int, str]],
        quality: frozenset[int] = frozenset(),
        nerves_cue: bool = False,
        masked_text: str | None = None,
    ) -> bool:
        found = False
        for hit in hits:
            rel_s, rel_e = hit.start - sent.start, hit.end - sent.start
            if self._gated(sent, rel_s, rel_e):
                continue
            raw_word = sent.text[rel_s:rel_e]
            if raw_word in _NOT_SYMPTOM_WORDS or hit.value in _FIGURATIVE:
                continue  # "sertraline and chill"
            if raw_word == "ill" and _ILL_AS_I_WILL.match(sent.text, rel_e):
                continue  # "sertraline and chill"
            tail = sent.text[rel_e : rel_e + 16]
            if _THING_HOMONYM.get(hit.value, _NEVER).match(tail) or _SCARE_TAIL.match(tail):
                continue  # "the gas station", "a clot scare"
            if _FINE_AFTER.match(sent.text, rel_e):
                continue  # "my sex drive is still ok", "my libido has always been excellent"
            if raw_word.startswith(("no ", "not ")) and _TOPIC_TAIL.match(tail):
                continue  # "no appetite problems at all": a denial of the topic
            before = sent.text[max(0, rel_s - 40) : rel_s]
            if hit.value in _THING_SIGNS and (
                _THING_BEFORE.search(before)
                or (hit.value in _FALL_WORDS and _IT_BEFORE.search(before))
            ):
                continue  # "the pen cracked when it fell", "the tablets are swollen and sticky"
            if _PART_TAIL.match(tail) or (
                hit.value in _PACK_HOMONYMS and (sent.start in quality or _PACK_WORDS.search(tail))
            ):
                continue  # "blister strips", "shingles vaccine": a pack or a vaccine, not a sign
            if hit.value in _GENERIC_TERMS and not _EXPERIENCE_Q.search(sent.text):
                continue  # "reading the side effects list" names no one's event
            if _STOPPED_ON_START.match(sent.text, rel_e):
                continue  # "my migraines stopped when I started it": the indication, treated
            resolved = _RESOLVED.match(sent.text, rel_e)
            if resolved and (not _ONSET.search(sent.text) or _SHRANK.search(resolved.group(0))):
                continue  # "ear infection gone": the indication, now treated
            if _BEFORE_USE.search(sent.text[rel_e : rel_e + 40]):
                continue  # "just had mood swings BEFORE I started it": history, not an event
            if _OTHER_CAUSE_AFTER.match(sent.text, rel_e) and not _BLEED_WORD.search(hit.value):
                continue  # "a clot in her leg from her line", "a stroke (not on this, before)"
            if _REASON_BEFORE.search(sent.text[max(0, rel_s - 120) : rel_s]):
                continue  # "started him on it because he was hurting himself": the indication
            if _IMPROVED_BEFORE.search(sent.text[max(0, rel_s - 20) : rel_s]):
                continue  # "sleep better, fewer nightmares": the medicine working
            if _started_for(sent.text, masked_text or sent.text, rel_s, rel_e):
                continue  # "had a small stroke, so they put me on X": why X was started
            if hit.value in _CIRCUMSTANCE_SIGNS and _WHEN_I.search(
                sent.text[max(0, rel_s - 20) : rel_s]
            ):
                continue  # "it helps with the leaks when I cough": when it happens, not an event
            if (
                hit.value in _NERVE_SIGNS
                and _NERVES.search(sent.text[max(0, rel_s - 30) : rel_e + 30])
                and nerves_cue
            ):
                continue  # "I was shaking and she was so patient": nerves, not the medicine
            window = sent.text[max(0, rel_s - 40) : rel_s]
            listed = _FOR_LIST.search(window)
            if (
                (
                    _INDICATION_CUE.search(window)
                    and not _STOPPED_AFTER.search(sent.text[max(0, rel_s - 80) : rel_s])
                    and not _NEG_EVENT.search(window)  # "can't hardly climb stairs for the ache"
                )
                or (listed is not None and "," in listed.group(0))
            ) and not _ON_DRUG_TAIL.match(masked_text or "", rel_e):
                continue
            if _LIST_BEFORE.search(sent.text[max(0, rel_s - 60) : rel_s]):
                continue
            if _FEAR_BEFORE.search(sent.text[max(0, rel_s - 45) : rel_s]) and not (
                _HAS_IT_AFTER.search(sent.text[rel_e : rel_e + 40])
            ):
                continue
            events.append((hit.start, hit.end, "lexicon"))
            found = True
        for m in _WORSENING.finditer(sent.text):
            if self._gated(sent, m.start(), m.end()):
                continue
            if _NEEDLE_NERVES.search(sent.text):
                continue  # "my anxiety before my first injection was worse than the shot"
            if _BEFORE_USE.search(sent.text[m.end() : m.end() + 40]) or _RECOVERY_FROM.search(
                sent.text[max(0, m.start() - 40) : m.start()]
            ):
                continue  # "I was suicidal before I started it", "my life back from depression"
            if m.group(0).lower().replace("-", " ") in _GENERIC_TERMS and (
                _SE_TOPIC_BEFORE.search(sent.text[max(0, m.start() - 40) : m.start()])
                or _SE_TOPIC_AFTER.match(sent.text, m.end())
            ):
                continue  # "the ads list 40 side effects", "terrified of the side effects"
            events.append((sent.start + m.start(), sent.start + m.end(), "pattern"))
            found = True
        return found

    def _experience_events(
        self,
        sent: Sentence,
        hits: list[Hit],
        mention_words: list[str],
        events: list[tuple[int, int, str]],
        special: dict[str, tuple[int, int]],
    ) -> bool:
        """Events told by their shape (``experience``), not by a listed symptom word."""
        text = sent.text
        found = False
        live_hits = [
            (h.start - sent.start, h.end - sent.start)
            for h in hits
            if not self._gated(sent, h.start - sent.start, h.end - sent.start)
        ]
        masked = experience.masked(text, mention_words)
        for anchor, c_start, c_end in experience.causal_clauses(masked):
            if _NEG_CUE_RX.search(masked[anchor:c_start]) or self._gated(sent, anchor, c_start):
                continue
            clause = text[c_start:c_end]
            has_symptom = any(c_start <= a < c_end for a, _ in live_hits)
            if not has_symptom and _NEG_CUE_RX.search(clause) and not _NEG_EVENT.search(clause):
                continue  # "since starting it I haven't had a migraine"
            if experience.experience_in_clause(clause, has_symptom):
                lo, hi = min(anchor, c_start), max(c_end, anchor)
                events.append((sent.start + lo, sent.start + hi, "pattern"))
                found = True
                break
        for finder, kind in (
            (experience.body_problem, "event"),
            (experience.death_or_hospital, "event"),
            (experience.infection, "event"),
            (experience.no_effect, "lack_of_efficacy"),
            (experience.overdose_or_error, "overdose"),
        ):
            m = finder(text)
            if m is None or self._gated(sent, m.start(), m.end()):
                continue
            if kind == "event" and _INDICATION_CUE.search(text[max(0, m.start() - 40) : m.start()]):
                continue  # "Effexor for the burning nerve pain in my feet": the indication
            if kind == "event" and _started_for(text, masked, m.start(), m.end()):
                continue  # "got swelling in my legs so the doctor put me on X": why X began
            if kind != "lack_of_efficacy" and experience.denied_after(text[m.end() :]):
                continue
            span = (sent.start + m.start(), sent.start + m.end())
            if kind == "overdose":
                name = "medication_error" if "wrong" in m.group(0) else "overdose"
                special.setdefault(name, span)
            elif kind == "lack_of_efficacy":
                special.setdefault("lack_of_efficacy", span)
                events.append((*span, "lack_of_efficacy"))
            else:
                events.append((*span, "pattern"))
            found = True
        return found

    @staticmethod
    def _gated(sent: Sentence, rel_start: int, rel_end: int) -> bool:
        # "won't matter if I keep getting these nosebleeds": the event is the present
        if _ONGOING.search(sent.text[max(0, rel_start - 40) : rel_start]):
            return False
        if _INABILITY_CAUSE.search(sent.text[max(0, rel_start - 70) : rel_start]):
            # round 13: "can't hardly climb stairs for the ache": the ache is why, not denied
            return context.is_hypothetical(sent, rel_start)
        return context.is_negated(sent, rel_start, rel_end) or context.is_hypothetical(
            sent, rel_start
        )


# round 10b: a use still being weighed ("is it ok to double up?", "thinking of taking it instead of
# my meds"): the overdose or error has not happened.
_PLANNED = re.compile(
    r"\b(?:thinking (?:of|about)|considering|plan(?:ning)? (?:to|on)|going to|gonna|want(?:ed)? to"
    r"|wanna|about to|is it (?:ok|okay|safe|fine|bad|alright|dangerous|normal) (?:to|if)|can i"
    r"|could i|should i|would it be (?:ok|okay|safe|bad|fine)|how about|what if|allowed to)\b"
    r"[^.!?]{0,45}$"
)
# round 10b: pregnancy named as past or a fright, not as an exposure ("on it since her
# miscarriage", "after my pregnancy", "a pregnancy scare").
_PAST_PREGNANCY = re.compile(
    r"\b(?:since|after|following|because of|due to) (?:her|my|his|their|the|a|our) (?:\w+ )?$"
)
_PREGNANCY_TAIL = re.compile(r"\W*(?:scares?|tests?)\b")
_DREAM = re.compile(r"\bin (?:the|my|a|that) dream\b|\bi (?:dreamed|dreamt)\b")


def _not_exposure(text: str, m: re.Match[str]) -> bool:
    """A pregnancy word that names no exposure: past, a fright, a test or a dream."""
    return bool(
        _PAST_PREGNANCY.search(text[max(0, m.start() - 40) : m.start()])
        or _PREGNANCY_TAIL.match(text, m.end())
        or _DREAM.search(text)
    )


# round 10b: a belief the writer takes back ("I was convinced X was giving me bruises but turns
# out my new kitten ..."), and a note-style "Before:" line describing the time before the drug.
_RETRACTED = re.compile(
    r"\b(?:i was (?:convinced|sure|certain)|i (?:thought|assumed|figured|blamed)|(?:we|she|he)"
    r" (?:thought|assumed|were convinced|was convinced))\b[^.!?]{0,90}\b(?:but|and) (?:it |then )?"
    r"(?:turns out|turned out|it was (?:actually|just|really)|it wasn'?t|doc said it was"
    r"|(?:the )?(?:doc|doctor) (?:checked|said))\b"
)
_BEFORE_LABEL = re.compile(
    r"\W*(?:before|pre[\s-]?(?:§+|treatment|meds?|shots?)|prior|then|old me)\s*(?:§+\s*)?[:>\-–—]"
)
# round 10b: the disease a vaccine prevents, had by someone, with no word for the vaccine.
_VACCINE_DISEASES = frozenset(
    ["shingles", "flu", "the flu", "influenza", "covid", "pneumonia", "rsv", "measles", "mumps"]
)
_NEVER = re.compile(r"(?!)")
# round 10b: symptom words that are also everyday things ("gas station", "a clot scare").
_THING_HOMONYM = {
    "gas": re.compile(
        r"\W*(?:stations?|prices?|bill|tank|pump|stove|company|money|mileage|can|mask|leak|grill)\b"
    )
}
_FINE_AFTER = re.compile(
    r"\W*(?:is|was|are|were|has been|have been|remains?|remained|stayed|stays|feels?|felt|seems?"
    r"|look|looks)\s+(?:still\s+|always\s+"
    r"|totally\s+|perfectly\s+|completely\s+)?(?:ok|okay|fine|normal|good|great|excellent|intact"
    r"|unchanged|the same|unaffected|healthy)\b"
)
_SUICIDE_WORDS = re.compile(r"suicide|own life|killed (?:him|her|them)sel")
_RECOVERY_FROM = re.compile(
    r"\b(?:back|recover\w*|relief|free|freedom|break|healing|escape) from (?:my |the |his |her )?"
    r"(?:\w+ )?$"
)
_SCARE_TAIL = re.compile(r"\W*scares?\b")
_TOPIC_TAIL = re.compile(
    r"\W*(?:problems?|issues?|troubles?|changes?|concerns?|side[\s-]?effects?|complaints?)\b"
)
# round 10b: a sign word whose subject is a thing ("it fell off the counter", "the tablets are
# swollen"): a product defect or an accident to the product, not to a person.
_THING_SIGNS = frozenset(
    ["fell", "fall", "falls", "falling", "swollen", "swelling", "swell", "swelled", "bloated"]
    # round 14b: a tablet's coating that peels or flakes is a defect, not skin
    + ["peeling", "peel", "peeled", "peels", "flaking", "flaky", "flakes", "cracked", "cracking"]
)
_FALL_WORDS = frozenset(["fell", "fall", "falls", "falling"])
_IT_BEFORE = re.compile(r"\b(?:it|they)\s+(?:just\s+|had\s+)?$")
_THING_BEFORE = re.compile(
    r"\b(?:pens?|tablets?|pills?|capsules?|caplets?|box(?:es)?|bottles?|packs?|packages?"
    r"|parcel|vials?|cartridges?|needles?|caps?|lids?|phone|cooler|case|blister|strips?|bag"
    r"|coating|film|shell|imprint|label|paint|finish)"
    r"\s+(?:inside\s+|in it\s+|(?:on|of) (?:my|the|these|this|his|her) [\w-]+\s+)?"
    r"(?:(?:is|are|was|were|looks?|looked|seems?|seemed|got|came|arrived"
    r"|just|had)\s+)?(?:all\s+|kind of\s+|a bit\s+|totally\s+)?$"
)
# round 10b: nerves about the needle, not an effect of the medicine.
_NEEDLE_NERVES = re.compile(
    r"\b(?:anxiety|nerves|fear|dread|panic)\s+(?:before|about|over|around|of|for)\s+(?:my\s+|the"
    r"\s+|getting\s+|taking\s+)?(?:very\s+)?(?:first\s+|1st\s+|next\s+)?(?:\w+\s+)?(?:injection"
    r"|shot|jab"
    r"|dose|infusion|needle|appointment)"
)
# round 10: fewer attacks is the medicine working ("cut my flare ups in half", "far fewer flares").
_REDUCED_BEFORE = re.compile(
    r"\b(?:cut|cuts|halved|reduced|reduces|reduce|fewer|less|lower(?:ed)?|decreased|barely any"
    r"|hardly any|way down on|down on)\b(?:\s+[\w'-]+){0,2}\s*$"
)
# round 10: an earlier treatment's failure given as the reason for a new one ("started me on
# Humira after prednisone stopped working", "switched because nothing else touched it").
_PRIOR_FAILURE = re.compile(
    r"\b(?:start(?:ed|ing)?|put|switch(?:ed)?|moved|changed|prescrib\w+|added|tried|trying|gave"
    r"|given|on)\b[^.;!?]{0,80}\b(?:after|because|since|as|when|once)\s+(?:[\w'-]+\s+){0,3}$"
)
# round 10: the sign has another cause, named right after it ("a clot in her leg from her line",
# "a stroke (not on this, before)"). The drug as cause ("from the shot") is not matched here.
_OTHER_CAUSE_AFTER = re.compile(
    r"\W*(?:\w+\W+){0,4}?(?:from|due to|because of|caused by) (?:a |an |the |her |his |my"
    r" |their )?"
    r"(?:\w+ )?(?:line|catheter|picc|port|surgery|operation|c-section|fall|accident|injury|virus"
    r"|covid|flu|cold|birth|delivery|pregnancy|chemo)\b"
    r"|\W{0,3}\(?\s*(?:not on (?:this|it|that|them)|wasn'?t on (?:it|this|that)|before (?:this|it"
    r"|starting|she started|he started|i started))\b"
)
# A bleed after a fall or surgery on an anticoagulant is still the medicine's event.
_BLEED_WORD = re.compile(r"bl[eo]\w*d|bruis|haemorrh|hemorrh")
# round 10: "started him on a tiny dose because he was hurting himself constantly": the reason.
_REASON_BEFORE = re.compile(
    r"\b(?:start(?:ed)?|put|prescribed|gave|given|tried|trying|on)\b[^.;!?]{0,70}\b(?:because"
    r"|since|as|cause|bc) (?:he|she|i|they|we|my \w+) (?:was|were|had|kept|is|are|has|have"
    r"|'s|'d)(?: been)?(?: \w+)?\s+$"
)
# round 14b: a condition told as why a prescription was started ("had a stroke and the
# neurologist put me on X", "the stroke that got him put on it", "she has bald patches, the
# dermatologist started her on X") is the indication, not an event of X. Only when no product
# comes before the condition in the sentence and nothing marks an onset between them ("started
# X and after that got swelling" keeps its event; so does "put me on a lower dose").
_START_AFTER = re.compile(
    r"[^.;!?§]{0,90}?\b(?:(?:put|puts|putting|started|starts|starting|got|get|gets|has|had"
    r"|have)\s+(?:me|him|her|them|us|my\s+\w+)\s+(?:put\s+)?on(?:to)?"
    r"|prescribed(?:\s+(?:me|him|her|them))?)\s+(?!(?:a|the)\s+(?:lower|smaller|higher|reduced"
    r"|different|half|new)\b|(?:lower|less|half|something|another)\b)"
)
_ONSET_BETWEEN = re.compile(
    r"\b(?:after|since|when|once|following|as soon as|within|and then|from (?:it|them|this"
    r"|that)|on (?:it|them|this|that)|caused|because of|due to)\b"
)
_STARTED_OBJECT = re.compile(r"\s*(?:§|(?:it|them|this|that)\b|[\w-]+\s+§)")


def _started_for(text: str, masked_text: str, rel_s: int, rel_e: int) -> bool:
    """The sign at ``rel_s`` is the reason a prescription that follows it was started."""
    if "§" in masked_text[:rel_s]:
        return False  # "on X I felt dizzy so they put me on Y": an event of X
    m = _START_AFTER.match(masked_text, rel_e)
    if m is None:
        return False
    end = m.start() + len(m.group(0))
    if not _STARTED_OBJECT.match(masked_text, end):
        return False  # "so they put me on iron": the sign may be the post product's event
    return _ONSET_BETWEEN.search(text, rel_e, end) is None


# round 14b: a thank-you to staff that still tells an onset on a named medicine ("noticed she was
# bleeding after they started her on X") reports the event; praise alone does not.
_ONSET_ON_DRUG = re.compile(
    r"\b(?:after|since|when) (?:they |the doctor |her doctor |his doctor |we |i |he |she )?"
    r"(?:started|put|switched) (?:me|him|her|them|my \w+) (?:on|to) §"
)
_IMPROVED_BEFORE = re.compile(r"\b(?:fewer|less frequent|hardly any|far less|much less)\s+$")
# round 10: shaking from nerves at a first injection, told as a state.
_NERVES = re.compile(
    r"\b(?:i|he|she|we) (?:was|were) (?:so |really |literally |visibly |a bit |kind of )?"
    r"(?:shaking|trembling|shaky|sweating|a wreck|a mess)\b(?! (?:after|since|from|for (?:hours"
    r"|days)|all (?:day|night)))"
)
# ... when the comment gives the occasion for nerves (a first injection, a fear of needles).
_NERVES_CUE = re.compile(
    r"\b(?:nervous|nerves|terrified|scared|petrified|needle[\s-]?phob\w*|(?:first|1st)"
    r" (?:\w+ )?(?:injection|shot|jab|dose|infusion|time))\b"
)
# round 10: "leaks when I cough", "every time I sneeze": the circumstance of something else.
_CIRCUMSTANCE_SIGNS = frozenset(["cough", "coughing", "sneeze", "sneezing", "laugh", "laughing"])
_WHEN_I = re.compile(r"\b(?:when|whenever|every time|if|each time) (?:i|you|he|she|we|they)\s+$")
# round 10: appetite or weight loss is the aim when the use is for weight loss.
_WEIGHT_PURPOSE = re.compile(
    r"\b(?:for|to help with|to help (?:her|him|me) with) (?:her |his |my |the )?(?:weight loss"
    r"|weight|losing weight|appetite|cravings)|\bto (?:lose|drop) (?:weight|the weight|\d+)"
)
_INTENDED_WEIGHT = re.compile(
    r"hungry|hunger|appetite|cravings?|weight loss|lost weight|losing weight|ate less|eat less"
    r"|lost (?:so much|a lot of|too much) weight"
)
_NERVE_SIGNS = frozenset(["shaking", "trembling", "shaky", "sweating", "shake", "tremble"])
# Model-only events: below ``_MODEL_ALONE`` the sentence must also point at a person, and short
# fragments ("45.", "Prof.") or benefit statements never count.
_MODEL_ALONE = 0.6
_ONGOING = re.compile(r"\b(?:keep|keeps|kept|still) (?:getting|having) (?:these |this |those )?$")
# round 8: a symptom someone fears ("nervous about bleeding") is not one they have, unless the
# words after it say they have it ("worried about the bruising I've got").
_FEAR_BEFORE = re.compile(
    r"\b(?:nervous|worried|scared|afraid|terrified|anxious|concerned|paranoid|fearful|freaked out"
    r"|freaking out)\s+(?:about|of|that)\s+(?:the\s+)?(?:risk of\s+|possible\s+|getting\s+"
    r"|having\s+)?(?:\w+\s+)?$"
)
_STOPPED_ON_START = re.compile(
    r"\W*(?:\w+\s+)?(?:stopped|went away|disappeared|vanished|cleared up|eased) (?:\w+ )?(?:when"
    r"|once|after|since|as soon as|the day) (?:i|he|she|we|they) (?:started|began|went on)\b"
)
# "side effects can include nausea": a list, not anyone's event.
_LIST_BEFORE = re.compile(r"\b(?:may|can|might|could|will) include\W+(?:[\w-]+\W+){0,4}$")
_HAS_IT_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:i'?ve|i have|i'?m|i got|i had|since|on my|all over|already)\b"
)
_MODEL_MIN_WORDS = 3
# round 11: "@friend mine too!!" and "order was for <name>, <e-mail>, pls contact me": a reply
# stub or a contact line carries no event the sentence model could read.
_REPLY_STUB = re.compile(
    r"^\W*@\S+\s+(?:[\w']+\W*){0,3}$|\b(?:contact me|reach me|call me|dm me|e-?mail me)\b"
    # round 14: spam and sales lines ("inbox me for details", "message me to order")
    r"|\b(?:inbox|message|msg|pm|text|whatsapp) me\b|\bfrom home\b"
    r"|\$\d[\d,]* (?:a|per) (?:day|week)"
    # round 13: a contact line ("his number is ...") or a share note ("shared with my group")
    r"|\b(?:my|his|her|their|our) (?:phone |mobile |cell |whatsapp |contact )?(?:number|no\.?)"
    r" is\b|^\W*(?:shared|sharing|sent|forwarded|forwarding|tagging|reposted|reposting)"
    r" (?:this |it )?(?:with|to)\b"
    r"|\S+@\S+\.\w{2,}"
)
_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")
_PERSON_CUE = re.compile(
    r"\b(?:i|i'?m|im|i'?ve|ive|i'd|me|my|myself|he|she|him|her|his|they|them|their|we|us|our)\b"
)
_BENEFIT = re.compile(
    r"\b(?:changed my life|life back|thank you|thanks|real deal|game changer|lifesaver"
    r"|life saver|miracle|love (?:it|this)|works? (?:great|wonders|well)|so much better"
    r"|it works|sleeping better|sleeps better|can (?:finally )?breathe|off (?:my|her|his) \w+"
    r"(?: \w+)? (?:meds|medication|pills)|down \d+\s*(?:lbs?|pounds|kg|kilos)"
    r"|feel(?:ing)? (?:great|better|stronger|amazing|like myself)|stronger every"
    # round 14: still able to do what they love ("still power walking", "dancing at the wedding")
    r"|still (?:power[\s-])?walk(?:s|ing)? (?:\d|a |two |three |every|with my)|dancing at"
    r"|better than ever|off (?:my |her"
    r"|his )?insulin|a1c (?:is|dropped|down)"
    # round 13: numbers that improved, and a doctor pleased with them
    r"|(?:a1c|sugars?|glucose|ldl|cholesterol|bp|blood pressure|numbers|weight) (?:has |have )?"
    r"(?:came|come|went|gone|coming|going) down|doc(?:tor)?'?s? (?:is |was )?(?:happy|pleased"
    r"|thrilled)|no \w+ needed|back to (?:running"
    r"|normal|work)|starting (?:next|tomorrow|on monday)|can'?t wait"
    r"|(?<!not )(?<!n't )(?<!nt )(?<!never )recommend|grateful"
    # round 10: good outcomes and thanks said other ways ("12 lbs down so far", "works for me",
    # "didn't even feel it", "peach fuzz growing back", "tests are finally improving")
    r"|\d+\s*(?:lbs?|pounds|kg|kilos) down|works? for (?:me|us|him|her)|(?:didn'?t|did not)"
    r" (?:even )?feel (?:it|a thing)|go get (?:yours|it|vaccinated)|so (?:helpful|patient|kind)"
    r"|10/10|walked (?:me|us) through|(?:finally |slowly )?improving|(?:hair|fuzz|eyebrows?"
    r"|lashes|eyelashes) (?:is |are )?(?:\w+ )?(?:coming|growing|grew|came) back"
    r"|without (?:being )?(?:terrified|scared|afraid|worried)|cut (?:my|his|her|our|the)"
    r" (?:[\w-]+ ){1,2}in half|(?:fewer|far fewer|way fewer) (?:flares?|flare[\s-]?ups|attacks"
    r"|migraines|seizures|episodes)"
    # round 10b: an easy course, an active old age, praise for a carer, sleep regained
    r"|easy peasy|piece of cake|a breeze|smooth sailing|still (?:gardens|works|walks|runs|golfs"
    r"|hikes|plays|dances|drives|swims|travels|bowls)|(?:she|he|they)(?:'s| is| are|'re) (?:the"
    r" best|amazing|wonderful|a saint|an angel)|sleep(?:s|ing)? (?:more than|through the night"
    r"|a full night)"
    # round 10b: improvement told as a reduction, a relief, a new self or something regained
    r"|(?:decrease|reduction|drop|improvement) in (?:my |his |her )?(?:anger|anxiety|depression"
    r"|panic|symptoms|irritability|mood|ruminating|obsess\w*)|(?:a |bit of a |such a |huge )relief"
    r"|(?:like|as) a new (?:person|woman|man)|(?:very |really |so |extremely )effective"
    r"|working (?:for me|well|great)|(?:appetite|energy|libido|sex drive|motivation|focus|spark)"
    r" (?:is )?back|centered|think clearly|(?:abated|subsiding|subsided|lifted) "
    # round 12: something given back ("gave him his childhood back") and a relief told as
    # the only thing that has worked
    r"|gave (?:me|him|her|us|them) (?:my|his|her|our|their) (?:\w+ )?back"
    r"|only thing that(?:'s| has)? (?:ever )?(?:touched|helped|worked)"
    # round 15: relief told as a count that fell to nothing or by half, a steroid left behind,
    # or a hard time the product carried someone through
    r"|(?:0|zero|no more) (?:attacks|flares?|flare-?ups|migraines|seizures|episodes)"
    r"|halved|off (?:the )?(?:prednisone|pred|steroids|inhaler)"
    r"|got (?:me|him|her|us|them) through)\b"
)
# round 11: "so ill never know": "I'll" typed without its apostrophe, not "ill"
_ILL_AS_I_WILL = re.compile(
    r"\s+(?:never|just|have|take|try|see|know|let|get|go|do|keep|stick|wait|ask|def|definitely"
    r"|probably|still|need|tell|stay|give|call|check|post|update|pass|start|stop|report|be|update"
    r"|look|find|ask|make|send|pay|switch)\b"
)
_NOT_SYMPTOM_WORDS = frozenset(["chill", "chilling", "flat"])
# Listed in symptoms.txt so the longest match wins ("yellow fever" is not a fever), then ignored.
_FIGURATIVE = frozenset(
    [
        "a nightmare",
        "living nightmare",
        "yellow fever",
        "hay fever",
        "pain in the neck",
        "pain in the butt",
        "pain in the ass",
        "headache to deal with",
        "sick of",
        "sick and tired",
        "ill-advised",
        "tired of",
        "so tired of",
    ]
)
_PACK_HOMONYMS = frozenset(["blister", "blisters"])
_PACK_WORDS = re.compile(
    r"^\W*(?:packs?|strips?|cards?|foil|packaging|pockets?|rows?|inside|in the box)\b"
    r"|^\W*(?:\w+\W+){0,3}?\d+(?:\.\d+)?\s*(?:mg|mcg)\b"
)
_PART_TAIL = re.compile(
    r"^\W*(?:vaccines?|shots?|jabs?|vaccination|booster|meds?|medications?|medicines?|pills?"
    r"|tablets?|drugs?|prescriptions?"
    # round 7: "tic" the symptom, not "tic tac" / "tic-tac-toe" / "tic toc"
    r"|tacs?|toc|tac[\s-]toe)\b"
)
_PURPOSE_STATEMENT = re.compile(
    r"\b(?:for|to treat|to help with|to lose|to break|to study)\s+(?:my|his|her|the|weight)\b"
    # round 10: "started him on X because he was hitting himself": the reason for the medicine
    r"|\b(?:started|put|prescribed|gave)\b[^.!?]{0,60}\bbecause\b"
    r"|\brefus\w*|\bstubborn\b"
    # round 11: a preventive course told by its purpose ("gave me X to take after sex as STI
    # prevention") names why it was given, not what it did
    r"|\bas (?:an? )?(?:\w+ )?(?:prevention|prophylaxis|preventive|precaution)\b"
    # round 13: what the medicine is for ("he is on X for heart failure", "using X alongside my
    # insulin to cut down my bolus doses"), not what it did
    r"|\b(?:is|am|are|was|were|been) on (?:\w+ ){1,2}for (?!\d|a |an |about|over|almost|nearly"
    r"|years?|months?|weeks?|days?|ages|a while|long|so long|too long)\w"
    r"|\bto (?:cut(?: down)?|reduce|lower|bring down|control|manage|keep down)\s+"
    r"(?:my|his|her|the)\b"
)
_GENERIC_TERMS = frozenset(
    ["side effect", "side effects", "reaction", "adverse reaction", "withdrawal", "withdrawals"]
)
_RESOLVED = re.compile(
    r"\W{0,3}(?:is |are |was |were |has |have |got |get |getting |has gotten |have gotten"
    # round 10b: "my peanut reactions seem way smaller", "look milder"
    r"|seems? |seemed |looks? |looked |feels? |felt )?"
    r"(?:been )?(?:so much |much |a lot |way |far |completely |totally |almost )?"
    r"(?:gone|cleared|healed|resolved|cured|better|improved|improving|under control|less"
    r"|smaller|milder|fewer)\b"
)
# round 10b: a sign that shrank is the medicine working, even in a sentence with "started".
_SHRANK = re.compile(r"\b(?:smaller|milder|fewer)\b")
# round 10b: a symptom tied to the medicine right after it ("what finally stopped my nausea on
# X"): another remedy treating it does not make it the indication.
# round 13: "ditching gliclazide after the 3rd hypo": what a medicine was stopped after is the
# event that stopped it, not what it was started for.
_STOPPED_AFTER = re.compile(
    r"\b(?:stopped|stopping|quit|quitting|ditch\w*|dropped|came off|come off|coming off|went off"
    r"|taken off|took (?:me|him|her) off|pulled (?:me|him|her) off)\b[^.!?]{0,40}\b(?:after|since)"
    r" (?:my|his|her|a|the)\s+(?:[\w-]+\s+){0,2}$"
)
_ON_DRUG_TAIL = re.compile(
    r"\s+(?:on|from|since|after) (?:§+|it\b|this\b|the (?:shot|jab|meds?|medication|pills?"
    r"|injections?|vaccine))"
)
# round 7: "side effects" as a topic (a list, an ad, a fear, talk) rather than someone's event.
_SE_TOPIC_BEFORE = re.compile(
    r"\b(?:list|lists|listed|listing|ads?|commercials?|narrator|label|leaflet|insert|read|reading"
    r"|heard|hear|terrified of|scared of|afraid of|worried about|nervous about|fear\w*|anxious"
    r"|your|eye on"
    r" about|risk of|possible|potential|warn\w* (?:me |us )?about|talk\w* about|\d+)\W+"
    r"(?:[\w']+\W+){0,3}$"
)
_SE_TOPIC_AFTER = re.compile(
    r"\W*(?:that |which )?(?:everyone|people|they|ppl|folks|the ads?|the commercials?) (?:\w+ )?"
    r"(?:talks?|warn\w*|mention\w*|list\w*|says?|rave|complain\w*)\b"
    r"|\W*(?:may|can|might|could|will) (?:include|occur|happen)\b"
)
# "My sister's thyroid got wrecked by keytruda": the product harmed someone, told in the passive.
_PASSIVE_HARM = re.compile(
    r"\b(?:got|gotten|was|were|been|is|are|being|get|gets) (?:totally |completely |basically "
    r"|permanently |absolutely )?(?:wrecked|destroyed|damaged|fried|ruined|messed up|trashed"
    r"|screwed up|wiped out|tanked|nuked|shot|killed|attacked) (?:by|from)"
    r" (?:(?:the |my |his |her )?§+|it\b|this stuff"
    r"|the (?:med|meds|medication|drug|pills?|shots?|vaccine|infusions?|immunotherapy|chemo))"
    r"(?!\s*(?:prices?|costs?|copays?|bills?|ads?|commercials?|company|marketing|shortage))"
)
# "Seit ich Xarelto nehme, habe ich ständig Zahnfleischbluten": an onset clause in the other
# languages comments use, then something the writer has or is since.
# round 8: harm told by its diagnosis or consequence, with the product as the cause: "Keytruda
# gave me thyroiditis", "got rhabdo from mine", "it made me forget words mid sentence".
_CLINICAL = (
    r"(?:\w{3,}(?:itis|osis|opathy|pathy|emia|aemia|algia|rrhoea|rrhea|penia|megaly)|rhabdo\w*)"
)
_OUTCOME_HARM = re.compile(
    r"\b(?:gave|gives|given|giving|caused|causes|triggered) (?:me|him|her|them|us|my \w+)"
    r" (?:a |an |bad |severe |acute |drug[\s-]induced )?" + _CLINICAL + r"\b"
    r"|\b(?:got|developed|gotten|ended up with|diagnosed with|caught) (?:a |an |bad |severe )?"
    r"(?:\w+ )?" + _CLINICAL + r" (?:\w+ ){0,2}?(?:from|on|after|because of|due to|while on"
    r"|since) (?:§+|it\b|mine\b|this\b|them\b|the (?:\w+ )?(?:med\w*|drug|pills?|shots?"
    r"|injections?|statin|infusions?))"
    r"|(?:§+|\bit|\bthis|\bthey|\bthese|\bthe (?:med\w*|pills?|drug|shots?))\s+(?:\w+\s+)?"
    r"(?:made|makes|making) (?:me|him|her|them|my \w+) (?:\w+ )?(?:forget|lose (?:my|track|words"
    r"|hair|weight)|faint|pass out|black out|throw up|vomit|puke|shake|stutter|slur|hallucinate"
    r"|sleepwalk|binge|bleed|wet (?:myself|the bed))\b"
)
# round 10: a death the medicine is named as the cause of ("died in March from fentanyl",
# "passed away of an overdose"): misuse deaths are serious AEs of the product.
_DRUG_DEATH = re.compile(
    r"\b(?:died|passed away|passed|dead|overdosed|od'?d)\b(?:\s+[\w']+){0,3}?\s+(?:from|of|on"
    r"|after (?:taking|mixing|using)) (?:an? |her |his |their |the )?(?:§+|(?:accidental )?overdose"
    r"|od\b|too many|pills|opioids|painkillers)"
)
_FOREIGN_ONSET = re.compile(
    r"\b(?:seit(?:dem)? ich (?:\S+ ){1,3}(?:nehme|einnehme|spritze|bekomme|genommen habe)"
    r"|desde que (?:tomo|empec[ée]|comenc[ée]|uso|estoy con|comecei|tomei|uso)"
    r"|depuis que je (?:prends|suis sous|ai commenc[ée])|da quando (?:prendo|ho iniziato|uso)"
    r"|sinds ik (?:\S+ ){1,3}(?:neem|gebruik|slik|ben begonnen|begonnen ben|ben gestart)"
    r"|od kiedy (?:bior[eę]|zacz\w+))\b"
    r"[^.!?]{0,40}?\b(?:habe ich|hab ich|bin ich|ich habe|kann ich|und habe|tengo|tuve|me duele"
    r"|j'ai|je suis|ho"
    r"|sono|heb ik|ben ik|mam|jestem|tenho|estou|sinto)\b"
)
_FOREIGN_GOOD = re.compile(
    r"[^.!?]{0,40}?\b(?:besser|mejor|mieux|meglio|beter|lepiej|melhor|keine|keinerlei|ning[úu]n|aucun"
    r"|nessun|geen|nenhum|nie mam|sin|sans|senza|ohne|endlich|finalmente|enfin)\b"
)
_ONSET = re.compile(r"\b(?:gave me|got|had|started|caused|developed|broke out)\b")
# Events that need no lexicon word: hospital journeys, suicidal talk (its negation *is* the
# event: "not wanting to be here"), weight changes with a number.
_EVENT_PATTERNS = re.compile(
    # round 14: a device fault that injured ("the needle snapped off in my skin")
    r"\b(?:(?:snapped|broke|broken|stuck) (?:off )?(?:in|into|under) (?:my|his|her|the) (?:skin"
    r"|arm|leg|thigh|belly|stomach|tummy)\b)|"
    r"\b(?:put (?:me|him|her|them) in (?:the )?(?:hospital|er|icu|a&e)|landed (?:me|him|her)"
    r" in|ended up in (?:the )?(?:hospital|er|icu|a&e|emergency)|sent (?:me|him|her) to (?:the )?"
    r"(?:er|hospital|emergency)|rushed (?:me |him |her )?to (?:the )?(?:hospital|er)"
    r"|(?:not |don'?t |doesn'?t |didn'?t )?want(?:ing|s|ed)? to (?:be here|live|wake up|exist|die)"
    r"|(?:gained|put on|packed on) (?:\d+|a lot of|so much|tons of) ?(?:lbs|pounds|kg|kilos"
    r"|weight)"
    # round 11: weight told about a tagged friend or a relative ("it made you gain 20 lbs")
    r"|made (?:me|you|u|him|her|them) (?:gain|put on|pack on) (?:like |about |over |almost )?"
    r"(?:\d+|so much|a lot of|tons of) ?(?:lbs|pounds|kg|kilos|weight)"
    # round 10b: sleep told by its length ("slept 14 hours straight", "slept for two days")
    r"|slept (?:for |like |about |almost |nearly |over )?(?:1[2-9]|2[0-4]|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|eighteen|twenty) (?:straight )?(?:hours|hrs|hours straight)"
    r"|slept (?:for )?(?:two|2|three|3) (?:whole |full |straight )?days"
    r"|can'?t stop (?:crying|shaking|eating|sleeping|itching|scratching)"
    r"|couldn'?t get out of bed|can'?t get out of bed|feel(?:ing)? hungover"
    r"|(?:got|was|were|been) admitted|(?:tuvo|tuve) que ir a (?:urgencias|emergencias)"
    # a suicide told as an outcome ("took his own life") is a death, not a figure of speech
    r"|took (?:his|her|their|my) (?:own )?life|killed (?:himself|herself|themselves)"
    r"|committed suicide|ricoverat[oai]|ingresad[oa]s?|hospitalizad[oa]s?"
    # round 11: a suicide attempt told plainly, and a low sugar told by its number
    r"|(?:tried|attempted|try|trying) to (?:end (?:it all|things|my life|it)"
    r"|kill (?:my|him|her)self"
    r"|take (?:my|his|her|their) (?:own )?life)|attempted suicide|suicide attempt"
    # round 14b: organs and numbers told by lay idiom ("kidneys are shot", "numbers went down
    # the toilet", "stomach went haywire")
    r"|(?:kidneys?|liver|heart|stomach|gut|bowels?|numbers|levels|gfr|sugars?|bp|body)\s+"
    r"(?:(?:are|is|was|were|just|totally|completely|all)\s+){0,2}?(?:shot\b(?!\s+(?:up|down))"
    r"|went (?:down the (?:toilet|drain|tubes)|haywire|to pot|south|crazy|nuts)|gone haywire"
    r"|going haywire|haywire)"
    r"|(?:sugar|glucose|bg|bs)"
    r" (?:\w+ )?(?:dropped|crashed|fell|tanked|plummeted|went down|was|hit) (?:to |down to |as low"
    r" as )?(?:[1-5]\d)\b(?![.,]\d| ?(?:mmol|%))"
    # round 12: a lay injury told by what gave way ("my achilles popped"), tolerance told by
    # the dose it now takes ("need 3-4 to get any relief"), and an organ harmed over years
    # ("kidneys are now stage 3", "liver took a hit")
    r"|(?:achilles|tendons?|hamstring|rotator cuff|acl|calf muscle)\s+(?:just\s+|literally\s+)?"
    r"(?:popped|snapped|tore|ruptured|gave way|gave out)"
    r"|(?:now\s+(?:i|he|she|we|they)|(?:i|he|she|we|they)\s+now)\s+(?:need|needs)\s+(?:\d+(?:\s*-\s*\d+)?|two|three"
    r"|four|double|twice as (?:many|much)|more)\s+(?:\w+\s+)?to\s+(?:get|feel)\s+(?:any\s+)?"
    r"(?:relief|the same|anything|an effect)"
    r"|(?:kidneys?|liver|renal function)\s+(?:\w+\s+){0,2}?(?:stage\s+[2-5]\b|took a hit"
    r"|(?:got|are|is|were|was) damaged)"
    # round 6: hospital stays in the other languages, dependence, sexual dysfunction
    r"|(?:liegt|lag|kam|musste) (?:\w+ ){0,3}(?:im|ins) krankenhaus|(?:à|a) l'h[ôo]pital"
    r"|(?:al pronto soccorso|in ospedale)|(?:en el|al) hospital|ficou no hospital"
    r"|in het ziekenhuis|naar het ziekenhuis|w szpitalu|do szpitala"
    r"|can'?t (?:stop|quit|come off)(?: it| them)? without|(?:can'?t|cannot|could not|couldn'?t"
    r"|unable to) (?:finish|climax|orgasm|get (?:hard|it up|aroused))"
    # round 7: sleep that will not come ("he's not falling asleep until 1am", "can't fall asleep")
    r"|(?:not|can'?t|cannot|couldn'?t|doesn'?t|don'?t|won'?t|isn'?t|never) (?:be )?(?:falling"
    r"|fall|get(?:ting)?|go(?:ing)?) (?:to sleep|asleep) (?:until|till|before|anymore|at all)"
    r"|up (?:all night|until \d|till \d)"
    # round 7: dependence told plainly ("got hooked", "became dependent on them")
    r"|got hooked\b(?! on (?:the|this|that) (?:show|series|game|podcast|book))"
    r"|(?:became|become|got|am|was|were|i'?m) (?:so |totally |completely |physically )?(?:addicted"
    r"|dependent) (?:to|on) (?:it\b|them|these|those|oxy\w*|opioids|painkillers|benzos"
    r"|(?:the|my|his|her) (?:pills?|meds|medication|patches|painkillers|opioids|oxy\w*"
    r"|\w+(?:one|done|pam|lam|dol|ine|fen|tyl|ate)\b)|§)"
    # round 8: an organ giving out ("kidneys almost failed"), eating and sleeping told by
    # behaviour ("barely eats lunch"), toilet trips with a count ("peeing every 20 minutes"), and
    # a dechallenge ("it stopped when I quit it")
    r"|(?<!whose )(?:kidneys?|liver|heart|lungs?|pancreas|thyroid)\s+(?:almost |nearly |basically"
    r" |started |were |was |is |are |just )*(?:failed|failing|shut(?:ting)? down|gave out"
    r"|giving out|stopped working|quit working)"
    r"|barely (?:eats|eating|ate|sleeps|sleeping|slept)"
    # round 14b: appetite loss told by the plate ("barely touches his lunch")
    r"|(?:barely|hardly|never) (?:touches|touched|touching) (?:his|her|my|their) (?:food|lunch"
    r"|dinner|supper|breakfast|plate|meals?)|(?:won'?t|doesn'?t|isn'?t|not) eat(?:ing)?"
    r" (?:anything|at all)"
    r"|(?:peeing|urinating|pooping|going to the (?:bathroom|toilet)|running to the (?:bathroom"
    r"|toilet)) (?:every \d+|constantly|all (?:day|night|the time)|\d+\s*x|\d+ times)"
    r"|(?:it|they|that|this|symptoms?|everything|all of it|the (?:\w+ )?(?:pain|itch\w*|rash"
    r"|cramps?|symptoms?|nausea|headaches?|side effects?|swelling|fog|twitch\w*|tremors?"
    r"|dizziness|insomnia|nightmares|bleeding|bruising)) (?:all )?(?:stopped|went away"
    r"|disappeared|cleared up|resolved|went back to normal) (?:\w+ )?(?:when|after|once|as soon as"
    r"|the day) (?:i|he|she|we|they) (?:quit|stopped|came off|went off|dropped|ditched)"
    r"|(?:came back|returned|started again) (?:\w+ )?(?:when|after|once|as soon as) (?:i|he|she|we"
    r"|they) (?:restarted|started (?:it |them )?again|went back on)"
    # round 9: lab results gone wrong ("his liver tests are off", "kidney numbers came back bad")
    r"|(?:liver|kidney|renal|thyroid|blood|lab|heart|potassium|sodium|platelet|white (?:blood )?"
    r"cell|wbc) (?:tests?|labs?|enzymes|function|numbers|panel|values|levels|counts?|results)"
    r" (?:are|were|came back|have been|has been|got|went|is|was) (?:\w+ )?(?:off|abnormal"
    r"|elevated|high|low|bad|out of range|through the roof|wonky|messed up|way up|way down)"
    # round 10: a needle-stick ("the needle stuck my thumb"), hallucinations told by what was
    # seen ("started seeing kids sitting at the end of his bed"), a value that left normal
    # ("my BP went from normal to 150/95"), sleep lost in Dutch ("slaap ik bijna niet meer")
    r"|needle (?:\w+ )?(?:stuck|stabbed|jabbed|poked|went (?:into|through)|pricked) (?:me|my|him"
    r"|her|his|into)|(?:stuck|stabbed|jabbed|poked|pricked) (?:myself|my (?:\w+ )?(?:thumb|finger"
    r"|hand|palm)) with|needle[\s-]?stick"
    r"|(?:started|starts|kept|keeps|was|is|been) seeing (?:kids|children|people|things|bugs|spiders"
    r"|faces|figures|animals|men|a man|a woman|someone|strangers|shadows|snakes|cats|dogs)"
    r" (?:\w+ )?(?:sitting|standing|crawling|in (?:the|his|her|my) (?:room|bed|house)|at the end"
    r"|on the (?:wall|ceiling|floor)|that (?:weren'?t|aren'?t|wasn'?t|isn'?t) there|who"
    r" (?:weren'?t|aren'?t) there)"
    r"|(?:bp|blood pressure|pressure|sugars?|glucose|a1c|cholesterol|ldl|heart rate|pulse"
    r"|potassium|creatinine|enzymes|alt|ast|tsh|weight) (?:\w+ )?(?:went|shot|jumped|climbed"
    r"|rose|crept) (?:up )?from (?:normal|fine|good|perfect|healthy|low) to"
    r"|slaapt? (?:ik |hij |ze )?(?:bijna |nauwelijks |amper |helemaal )?(?:niet|slecht) meer"
    r"|(?:mine|my \w+(?: \w+)?)(?:'s| is| has| has been|'s been| have been) (?:\w+ )?(?:creeping"
    r"|crept|climbing|climbed|going|gone|shot|spiking|spiked) up since (?:i|starting|taking)"
    # round 15: clinical register, a value told the way staff chart it or a lab slip is pasted:
    # a lab above its printed reference range ("ALT 212 U/L (ref 7-56)"), a lipase in the
    # thousands, a heart rate in the 20s/30s, sats in the 70s/80s. Bounded, no nesting.
    r"|(?:alt|ast|ggt|alp|ck|cpk|lipase|amylase|creatinine|bilirubin|potassium|inr|troponin)"
    r" [<>]?\d{2,5}(?:\.\d+)? ?(?:[a-z/]{1,8} ?)?(?:[(,;]? ?(?:ref|nr)\b|\( ?(?:normal|range)\b)"
    r"|(?:lipase|amylase|ck|cpk) (?:of |was |at |is )?[<>]?[1-9]\d{3,4}"
    r"|(?:hr|heart rate|pulse) (?:of |was |at |down to |dropped to |in the )?[23]\d\b(?! ?%)"
    r"|(?:sats?|spo2|o2 sats?|oxygen) (?:of |was |at |down to |dropped to |in the )?"
    r"(?:[5-8]\d(?= ?%)|[5-8]0s))\b"
)
# Sentences that only deny ("no side effects at all", "none so far") are never model events.
_NEG_ONLY = re.compile(
    r"^\W*(?:(?:so far|thankfully|luckily|honestly|and|but)\W+)?(?:i\s+|we\s+)?"
    r"(?:no|zero|never|not any|"
    r"haven'?t had any|have not had any|didn'?t have any|did not have any|without any)\b"
    r"[^.!?]{0,60}\b(?:side[\s-]?effects?|problems?|issues?|complaints?|reactions?)\b"
    r"[^.!?,]{0,30}$"
)


# A whole sentence that denies: "No bleeding, no bruising, nothing.", "aucun effet secondaire".
_DENIAL = re.compile(
    r"^\W*(?:[^.!?,;]{1,25},\s*)?(?:(?:so far|thankfully|luckily|honestly|and|but)\W+)?"
    r"(?:no|zero) [^.!?,;]{1,30}"
    r"(?:,\s*(?:and\s+|or\s+)?(?:no [^.!?,;]{1,30}|nothing|none|nada))+\W*$"
    r"|\b(?:no|zero|not any|never had any|without any) (?:side[\s-]?effects?|issues|problems)"
    r"(?: at all| whatsoever| so far| to speak of)?\W*$"
    r"|\b(?:aucun effet (?:secondaire|ind[ée]sirable)|aucuns? effets? secondaires?"
    r"|ning[úu]n efecto (?:secundario|adverso)|sin efectos secundarios"
    r"|keine(?:rlei)? nebenwirkungen"
    r"|nessun effetto (?:collaterale|indesiderato)|nessun problema|nenhum efeito colateral"
    r"|sem efeitos colaterais|geen bijwerkingen|[żz]adnych skutk[óo]w ubocznych)\b"
)
_USE_QUESTION = re.compile(
    r"\b(?:can|could|should|may|would) (?:i|she|he|we|they|you|my \w+|kids?|children) (?:still )?"
    r"(?:use|take|get|start|try|give|put|have)\b|\b(?:does|do|will|would) (?:it|this|they"
    r"|these|that) (?:also )?(?:work|help)\b|\bis (?:it|this|that) (?:safe|ok|okay|good"
    r"|approved|meant) (?:for|to)\b|\b(?:work|good|approved) for\b"
    r"|\bbe (?:used|given|taken|prescribed|started) (?:on|for|to|in|by|at)\b|\byoungest age\b"
    # round 10: "is that something a pediatrician would prescribe for a kid?"
    r"|\b(?:would|will|could|can|does|do|should|might) (?:a |the |my |your |her |his |our )?"
    r"(?:doctor|doc|pediatrician|paediatrician|psychiatrist|gp|dermatologist|derm|neurologist"
    r"|provider|specialist|prescriber)s? (?:ever |even |actually )?(?:prescribe|give|recommend"
    r"|put)\b|\b(?:doctor|doc|pediatrician|paediatrician|psychiatrist|gp|dermatologist|derm"
    r"|neurologist|provider|specialist|prescriber)s? (?:would|will|could|might|can) (?:ever |even"
    r" |actually )?(?:prescribe|give|recommend)\b"
)
# A statement from someone who takes (or took) the product: then nothing is only "context".
_USER_TALK = re.compile(
    r"\b(?:on|taking|took|started|starting|using|used|tried|since|after|stopped)\s+(?:§|it\b"
    r"|this\b|these\b|them\b|the (?:shot|jab|med\w*|pills?|vaccine|injection)\b)"
    r"|§+\s+(?:gave|made|makes|caused|did)\b|\bit (?:gave|made|makes|caused)\b"
    # round 14: the product and how long it has been taken ("X 30 for a month now and I'm
    # lightheaded"): the asker is a user, so the question is not about starting it
    r"|§+\s+(?:\d+\s*(?:mg\s+)?)?(?:for|since)\s+(?:a|an|one|two|three|four|six|few|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\b"
)
# What ties a statement to the medicine: a (masked) mention, a pronoun for it, or an anchor.
_DRUG_REFERENCE = re.compile(
    r"§|\b(?:on (?:it|this|these|them)|it (?:gave|made|makes|caused)|since (?:starting|taking"
    r"|i started)|after (?:starting|taking|the (?:shot|dose|jab))|the (?:med|meds|medication"
    r"|pills?|shot|jab|injection|vaccine))\b"
)
# "my wallet fainted", "my bank account is crying": a thing cannot have an adverse event.
_NON_HUMAN_SUBJECT = re.compile(
    r"\b(?:my|our|the|his|her) (?:wallet|bank account|bank|budget|credit card|pocket|purse"
    r"|paycheck|savings|insurance|phone|laptop|car|wifi)\s+(?:\w+\s+)?(?:fainted|died|cried"
    r"|(?:got |was |is )?(?:wrecked|destroyed|ruined|hurting|bleeding)"
    r"|crying|screamed|screaming|had a heart attack|is crying|threw up|passed out|collapsed)\b"
    r"|\bfell asleep (?:during|in|watching|through) (?:the|that|this|a|an) (?:\w+ )?(?:commercial"
    r"|ad|advert|movie|show|meeting|sermon|class|lecture|video)\b"
)
_DRUG_MADE_ME = re.compile(r"§+\s+(?:\w+\s+)?(?:makes|made|making|gives|gave|giving)\s+me\b")
# round 11: a pet or a thing named after a medicine, and a preference told as a hypothetical
# ("I'd take a little nausea over ...") are not reports of use.
_PET_OR_PREFERENCE = re.compile(
    r"\b(?:cat|dog|puppy|kitten|pup|hamster|fish|bird|pet|goldfish|bunny|plant|car)\s+(?:is\s+)?"
    r"(?:named|called)\b|\bnamed (?:my|our|her|his) (?:cat|dog|puppy|kitten|pet|hamster|fish|car)"
    r"|\b(?:i'?d|i would|id) (?:rather |happily |gladly )?take (?:\w+ ){1,4}over\b"
)
_DISEASE_DEATH = re.compile(
    r"\b(?:lost (?:my|our|his|her|a) (?:\w+ ){1,2}to (?:a |an )?\w+|(?:died|passed away|passed)"
    r" (?:of|from) (?:a |an )?(?:stroke|heart attack|cancer|covid|shingles|diabetes|blood clot"
    r"|clot|dvt|pe|pulmonary embolism))\b"
)
# A use question from someone already on it: "can I take ibuprofen with it?".
_USER_Q = re.compile(r"\b(?:with (?:it|this|them)|while (?:on|taking)|on (?:it|this|them))\b")
_DISEASE_HISTORY = re.compile(
    r"\b(?:i|he|she|my \w+) (?:had|got) [\w ]{3,25} (?:at \d{1,2}|as a (?:kid|child|teen)"
    r"|years ago|in (?:19|20)\d\d|last year|years back|a few years back)\b"
)
_BEFORE_USE = re.compile(
    # round 10b: "more anxious than before I took it" is a worsening, not history
    r"^[^.!?;]{0,25}\b(?<!than )(?<!than i was )(?<!than i did )before (?:i |she |he |we |they )?"
    r"(?:ever )?(?:started|starting|took"
    r"|taking|went on|going on|began|was on|tried)\b"
    # round 13: "my grandad had his stroke before these existed": before the medicine did
    r"|^[^.!?;]{0,25}\bbefore (?:these|this|it|they|them|that|those) (?:\w+ )?(?:existed|exist"
    r"|came out|was around|were around|was invented|were invented|was available|were available)\b"
)


_EXPERIENCE_Q = re.compile(
    r"\b(?:just me|anyone else|i keep|i'?ve been|i have been|i'?ve had|i had|i got|i'?m getting"
    r"|i get|i feel|to feel|i'?m feeling|i started|since (?:i|starting)|started (?:on|taking)"
    r"|my \w+ (?:is|has|keeps|got)|he's|she's|he has|she has|(?:gave|made) (?:me|my|him|her)"
    r"|^took|i took|(?:accidentally|mistakenly) took|took (?:a double|two|2|an extra|my)"
    r"|you (?:said |told (?:me|us) )?(?:you )?(?:got|had|were on|was on|ended up)"
    r"|your (?:\w+ )?(?:mom|mum|dad|mother|father|brother|sister|son|daughter|husband|wife"
    r"|friend)(?:'s)? (?:\w+ )?(?:was on|had|got|made|took)|when (?:she|he|you) (?:had|got)"
    r"|worked|was working|used to work"
    # round 11: "can I take Y for the headaches X is giving me?" presupposes the event
    r"|(?:is|are|has been|have been|keeps?|been) (?:giving|causing) me"
    r"|made (?:you|u) (?:gain|lose|put on)"
    # round 9: first-person reports in the other languages ("ho preso due compresse per sbaglio")
    r"|ho preso|ho fatto|he tomado|tom[ée]|j'ai pris|ich habe|hab ich|ik heb|ik ben|tomei"
    r"|am luat|sono incinta|estoy embarazada|je suis enceinte|ich bin schwanger"
    # round 10b: "is this the shot that gave you the rash?" presupposes the tagged person's event;
    # "by march I was in the ER with DKA??" is a report told with question marks
    r"|(?:that|which|what) (?:gave|made|caused|put) (?:you|u|your \w+)\b"
    r"|(?:i|he|she|we|they) (?:was|were|ended up|landed) (?:\w+ )?(?:in|at) (?:the )?(?:er|hospital"
    r"|icu|a&e|urgent care|emergency)"
    r"|jestem w ci[ąa][żz]y"
    # round 11: first-person states in Spanish, Portuguese, (Canadian) French and Turkish that
    # come with "is this normal?" ("tengo náuseas", "j'ai des sueurs", "estou com")
    r"|(?<!si )tengo|me (?:d[ée]|da|dio|est[áa] dando|pas[óo])|llevo \d+|j'ai (?:des|du|de la|mal)"
    r"|j'suis|je suis (?:toute?|tellement|super)|j'me sens|je me sens|estou com|t[ôo] com"
    r"|me deu|fiquei|sinto|ya[şs]ıyorum|oldum|başlad\w*"
    r"|i'?m (?!wondering|thinking|curious|asking|considering"
    r"|planning|going|not sure|new|about|on)\w+)\b"
)
# Sentences about the package, the device, money or the page are not event descriptions even
# when the PsyTAR model (trained on drug reviews) likes their wording.
_MODEL_VETO = re.compile(
    # round 13: delivery and spray-pump faults are complaints ("courier left them in the van")
    r"\b(?:courier|delivery|delivered|parcel|postman|shipping|shipped|pump|nozzle"
    r"|instead of (?:spraying|clicking|injecting)"
    r"|pens?|syringe|needles?|cartridge|vial|bottle|box|blister|foil|label|lot|batch"
    r"|packag\w*|leaflet|counterfeit|fake|cost|price|coupon|card|copay|insurance|savings"
    r"|pharmacy|refill|email|phone|call|text me|dm|website|ad|ads|commercial|meme|memes"
    r"|scared|afraid|worried|nervous|if|might|going to|gonna|they say|people say|epipen"
    r"|auto-?injector|inhaler|device|case|wasted|customer service|on hold|hung up|rep"
    r"|representative|receptionist|staff|nurse|office|appointment|shoutout|shout out"
    r"|bottles|boxes|labels|pens|records?|cabinet|diagnosed|wants? (?:me |him |her )?to (?:start"
    r"|try|put)"
    # money, jokes and songs, and a condition's own history are not event descriptions
    r"|a month for|shameful|lol|lmao|haha|out of my head|since (?:she|he|i|they) (?:was|were)"
    r" (?:\d+|a kid|little|young|a baby|born)|since (?:birth|childhood)|tried everything"
    # round 7: figures of speech about dying ("I will die on this hill", "to die for")
    r"|die on (?:this|that) hill|hill (?:to die|i'?ll die|i will die) on|to die for|dying to"
    r"|i'?m (?:literally )?dead|killing it|killed it"
    # round 8: habits ("is on Xarelto and still drinks every night") are choices, not events
    r"|(?:still |also )?(?:drinks|smokes|vapes|parties) (?:every|a lot|daily|heavily|like)"
    r"|should tell (?:his|her|their) (?:doctor|doc|gp)"
    # round 10: errands, routines, support messages, refusals, fear and a product's own smell or
    # storage are not events ("had to drive back 30 min", "capsule with my toast", "I see you")
    r"|(?:had|have|has|need(?:ed)?) to (?:drive|go back|run back)|(?:drive|drove|driving) back"
    r"|across town|coffee|toast|breakfast|routine|dog walk|i see you"
    r"|to all (?:the|my|you)|terrified|frightened|petrified|fridge|refrigerat\w*|not my fault"
    r"|smell(?:s|ed)?|stinks?|(?:not|never) (?:putting|taking|injecting|giving) (?:that|this|it)"
    r"|(?:didn'?t|did not|never) (?:use|take|inject|open) (?:it|them|any))\b"
    # round 10b: being moved by a story, a parent's feelings about a young child, a prescriber
    # handing it out, a tablet's look ("Dana's story made me cry", "he's so little")
    r"|\b(?:this|that|your|her|his|their|[a-z]+'s) (?:\w+ )?(?:story|stories|video|testimonial)\b"
    r"|\b(?:watching|reading) (?:this|that|your|her|his)\b|\bso (?:little|young|small|tiny)\b"
    r"|\bi hate (?:this|that)\b|\b(?:hands?|handing|gives?|giving) (?:it |them |\w+ )?out\b"
    r"|\b(?:crumbl\w*|tint(?:ed)?|discolou?r\w*|chalky|powdery)\b"
    # round 10b: a plan, a taper or a dream is not an event ("I intend to stay on it", "I am
    # tapering off", "I dreamed my sister ...")
    # round 12: an address, an access hold-up or a short count is logistics, and a warning
    # about what a product "can" do names no one's event ("never mix X and Y, it can wreck...")
    r"|\b(?:my address|address is|prior auth\w*|\w+ short\b|never (?:mix|combine|take)"
    r"|(?:can|could|may|might|will) (?:wreck|damage|destroy|ruin|fry|mess up) (?:your|the|a))"
    r"|\b(?:intend to|plan to (?:stay|keep|continue)|taper\w*|titrat\w*|weaning|i dream(?:ed|t)"
    r"|in (?:the|my|a|that) dream)\b"
    r"|[$€£🎶🎵😂🤣]"
    # round 15: supply and access (a card declined, a shortage, calling around, a cap that
    # will not open), a carer's career story (retired, new grads, a party), and a prescriber's
    # regimen told without any effect ("my endo has me injecting 2.4", "NP started me on 50")
    r"|\b(?:declined|shortages?|out of stock|back-?order\w*|calling around|child-?proof|caps?"
    r"|retired|retirement|new grads?|party|years? (?:as a|in) (?:nurse|nursing|pharmacy))\b"
    r"|\b(?:doc|doctor|endo|np|gp|pcp|psych|psychiatrist|prescriber|derm|cardiologist|rheum)"
    r" (?:has|had|started|put|added|switched|upped|bumped) (?:me|him|her|them|\w+ to)\b"
)
_NOT_A_MEDICINE = re.compile(
    r"\b(?:number|card|link|site|website|dm|code|coupon|app|phone|login|password|portal"
    r"|program|offer"
    # round 12: a device that "isn't working right" is a defect (a complaint), not the medicine
    # failing
    r"|pens?|inhaler|device|injector|auto-?injector|pump|button|plunger|dial|counter)"
    r"\W+(?:\w+\W+)?$"
)
_EN_FUNCTION = re.compile(
    r"\b(?:the|and|i|my|it|is|was|to|of|a|in|on|me|for|this|with|but|have|had|not|so|at)\b"
)


def _looks_english(text: str) -> bool:
    """The sentence model was trained on English; skip it for other languages."""
    words = len(text.split())
    return words < 4 or len(_EN_FUNCTION.findall(text)) * 6 >= words


# "my face got red ..., turns out it's a known thing apparently": a first-hand report that also
# cites hearsay is still first-hand.
_OWN_EXPERIENCE = re.compile(
    r"\b(?:my \w+ (?:got|is|was|went|turned|started|has been|keeps)|(?:gave|made|makes|giving"
    r"|is giving|gives|give|keeps giving|kept giving) me|i (?:got|had|was|felt|started|ended up"
    r"|developed|broke out|get|keep getting)\b)\b"
)
# Negations that *are* the event: "my ears won't stop ringing", "can't sleep".
_NEG_EVENT = re.compile(
    # round 13: regional "cain't hardly walk", "can barely walk"
    r"\b(?:(?:won'?t|wont|can'?t|cant|cain'?t|caint|couldn'?t|couldnt|cannot|can not)"
    r"(?: hardly| barely| even)?|can (?:hardly|barely)) (?:stop|sleep|eat|taste|smell"
    r"|focus|breathe|walk|think|feel|get|keep|hear|see|poop|pee|concentrate|read|remember|move"
    r"|function|work|drive|stand|swallow|lift|open|grip|hold|wake|stay awake|climb|talk|speak)\b"
    r"|\bno (?:appetite|energy|sleep|sex drive|libido|taste|smell)\b"
    r"|\b(?:no duerme|no duermo|n[ãa]o dorme|n[ãa]o durmo|ne dort (?:pas|plus)|ne dors (?:pas|plus)"
    r"|schl[äa]ft nicht|schlafe nicht|non dorme|non dormo|slaapt niet|nie [śs]pi)\b"
)
# round 13: an inability and then its cause ("can't walk for the pain", "couldn't sleep from
# the cramps"): the negation is the event's, the symptom after it is not denied.
_INABILITY_CAUSE = re.compile(
    r"(?:" + _NEG_EVENT.pattern + r")[^.!?,;]{0,25}\b(?:for|from|with|because of|due to)\s+"
    r"(?:the |my |all (?:the |this )?|this |that )?$"
)
_SPLIT_Q = re.compile(
    # round 13: dictated punctuation ("...vivid dreams question mark should I switch")
    r"\squestion mark\b\s*|[,\s]\s*¿"
    r"|(?:,|\s[^\w\s,.'\-]{1,6})\s*(?=(?:what|how|anyone|any1|does|do|is (?:it|this"
    r"|that|there)|are (?:they|these|those)|should|can|could|why|has anyone|will)\b"
    r"|bu (?:normal mi|do[ğg]ru mu))"
)


def _split_questions(sentences: list[Sentence]) -> list[Sentence]:
    """Split a question that starts mid-sentence off the statement before it.

    "I'm on month 2 and constipated 😭 what actually helps??" tells an experience and then asks:
    without the split the experience is lost with the question.
    """
    out: list[Sentence] = []
    for sent in sentences:
        asks = sent.is_question or "question mark" in sent.text
        m = _SPLIT_Q.search(sent.text) if asks else None
        if m is None or m.start() < 12:
            out.append(sent)
            continue
        head = sent.text[: m.start()]
        out.append(Sentence(sent.start, sent.start + len(head), head, False))
        rest_start = m.end()
        out.append(Sentence(sent.start + rest_start, sent.end, sent.text[rest_start:], True))
    return out


# round 10: a medicine named by its class or purpose ("grandma's blood pressure pills", "her
# shingles jab", "la pastilla anticonceptiva"): an identifiable suspect product for PV even
# without a brand, used only when neither the comment nor its post names one.
_UNNAMED_PRODUCT = re.compile(
    r"\b(?:(?:blood pressure|bp|heart|sleeping|sleep|pain|water|thyroid|cholesterol|diabetes"
    r"|birth control|allergy|seizure|nerve|anxiety|migraine|acid reflux|antibiotic|steroid)"
    r" (?:pills?|meds|medications?|medicines?|tablets)"
    r"|blood thinners?|birth control pills?|antibiotics?|antidepressants?|painkillers?"
    r"|sleeping pills|(?:shingles|flu|covid|tetanus|hpv|pneumonia|pneumococcal|mmr|rsv"
    r"|whooping cough|hep(?:atitis)? [ab]|measles|polio|meningitis|chickenpox|typhoid"
    r"|yellow fever|rabies) (?:jabs?|shots?|vaccines?|vaccinations?|boosters?)"
    r"|(?:pastillas?|p[íi]ldoras?) anticonceptivas?|antibi[óo]ticos?|antibiotiques?"
    r"|antibiotika|antibiotici|antibi[óo]tico|p[íi]lula anticoncepcional|pilule contraceptive"
    r"|tabletk\w* (?:\w+ ){0,2}na (?:ci[śs]nienie|serce|sen|cukrzyc\w*|tarczyc\w*)"
    r"|(?:vacuna|vaccin|impfung|vacina|vaccino|szczepionk\w*|prik) (?:contra |contre |gegen"
    r" |tegen |przeciw )?(?:la |le |el |a )?(?:gripe|grippe|covid|zona|herpes z\w*|gordelroos"
    r"|półpa\w*|tétanos|tetanus|griep|influenza))\b"
)


def _unnamed_products(prep: Prepared) -> list[ProductMention]:
    """A product named only by class or purpose, as a mention outside the catalogue."""
    m = _UNNAMED_PRODUCT.search(prep.clean)
    if m is None:
        return []
    s, e, raw = prep.original_span(m.start(), m.end())
    return [ProductMention(raw, s, e, m.group(0), "", False)]


def _mention_spans(prep: Prepared, mentions: list[ProductMention]) -> list[tuple[int, int]]:
    """Cleaned-text spans of the product mentions (located by their lower-cased text)."""
    out: list[tuple[int, int]] = []
    for m in mentions:
        word = m.as_reported.lower()
        pos = prep.clean.find(word)
        if word and pos >= 0:
            out.append((pos, pos + len(word)))
    return out
