"""Experience constructions: how people tell that a medicine did something to them.

Why: a lexicon only finds the words someone already listed, and people describe side effects in
endless ways ("adderal makes me grind my teeth", "since starting it my ears won't stop ringing").
What these reports share is their *shape*: a causal or temporal anchor on the medicine ("X gave
me", "since starting X", "after my second shot", "3 weeks in and") followed by a clause about the
person. This module finds those shapes, plus shapes that need no symptom word at all (body part +
problem, numbers that went the wrong way, overdose, death and hospital journeys), and the shapes
that look like events but are not (a post that "gave me a headache lol", "never happened to me",
"watching out for it", "cleared my son's eczema").

Every pattern works on one cleaned, lower-cased sentence (bounded by ``text.MAX_CHARS``) and is
linear: alternations of literals and bounded ``{0,n}`` gaps only, no nested unbounded quantifiers.
Product mentions are masked with ``§`` before matching so "the drug" slot can name any brand.
"""

from __future__ import annotations

import re

MASK = "§"

# What can stand for the medicine in a causal/temporal construction: a masked mention, a pronoun
# or a generic word for a medicine or a dose.
_DRUG = (
    r"(?:§+|it|this|that|these|those|they|them|this stuff|the (?:med|meds|medication|medicine"
    r"|drug|pill|pills|tablets?|shots?|jabs?|injections?|pens?|generic|vaccine|dose|doses"
    r"|new dose|higher dose|increase|switch)|my (?:meds?|medication|medicine|pills?|shots?"
    r"|injections?|dose)|(?:the|my|his|her) (?:first|second|third|\d(?:st|nd|rd|th)) (?:dose"
    r"|shot|jab|injection|pen|pill|week|month))"
)
# A dose or duration after the drug: "on X 1mg", "on X for 6 weeks".
_DOSE_TAIL = r"(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|ml|units?)?)?"
_SPAN = (
    r"(?:\s+(?:for\s+)?(?:\d+|a few|a couple of|a couple|two|three|four|five|six|several)"
    r"\s+(?:days?|weeks?|wks?|months?|mos?|years?))?"
)

# "started X in june", "started X last month", "on X since spring".
_WHEN = r"(?:\s+(?:in|on|last|this|since|back in)\s+\w+(?:\s+\d{1,4})?)?"

_CAUSAL = re.compile(
    # "X gave me / makes me / made my / caused / is giving me / left me / turned my"
    r"(?<![\w§])(?P<subj>" + _DRUG + r")(?:\s+(?:\w+\s+)?(?:\d+(?:\.\d+)?\s*mg\s+)?)?"
    r"(?:\s+(?:has|have|is|are|was|just|also|literally|definitely|def|totally|really|honestly"
    r"|seriously|def|kinda|sort of))?"
    r"\s*(?:gave|gives|giving|given|makes|made|making|make|caused|causes|causing|leaves|left"
    r"|turned|turns|keeps|kept|wrecked|wrecks|destroyed|messed up|messes up|screwed up|ruined"
    r"|did a number on|knocked|knocks|puts|put|landed|sent|triggered|triggers)"
    r"\s+(?:me|my|him|his|her|them|their|us|our|myself)\b"
    # "Effexor blurred my vision", "it dried out my skin": the drug did something to the body
    r"|(?<![\w§])(?:§+|it|this stuff|the (?:med|meds|medication|pill|pills|shots?))\s+"
    r"(?:has\s+|have\s+|just\s+|totally\s+|really\s+)?[a-z]{3,15}(?:ed|s)\s+(?:up\s+|out\s+)?"
    r"(?:my|his|her|their)\s+(?:\w+\s+)?(?=" + "(?:face|hands?|feet|foot|ankles?|legs?|lips?"
    r"|tongue|eyes?|skin|scalp|hair|joints?|knees?|back|chest|stomach|gut|throat|mouth|gums?"
    r"|teeth|jaw|vision|eyesight|memory|sleep|appetite|libido|sex drive|periods?|cycle|liver"
    r"|kidneys?|heart|bladder|bowels?|head|brain|nerves|mood|balance|hearing|voice)\b)"
    # "since starting X", "ever since", "since my first dose", "since I started"
    r"|\b(?:ever since|since (?:starting|taking|being on|going on|getting on|switching to|using"
    r"|getting|receiving|having|i got|they put me on|(?:my|the) (?:doc|doctor) (?:put|started)"
    r"|i (?:started|began|switched|went on|got on|have been on|'ve been on)"
    r"|i'?ve been (?:on|taking)"
    r"|my (?:first|second|third|last) (?:dose|shot|jab|injection|pen)|the (?:first|second|third"
    r"|last) (?:dose|shot|jab|injection|pen)|(?:he|she|they) (?:started|began|went on)))"
    # round 10: a dose change by the prescriber ("since they bumped me to the 5mg", "when they
    # bumped his levodopa up", "after the urologist added oxybutynin"), running out or stopping
    # ("when it ran out I was sweating": withdrawal)
    r"|\b(?:since|after|when|once|ever since) (?:they|he|she|the (?:\w+ )?(?:doc|doctor|gp"
    r"|psych|psychiatrist|neuro|neurologist|urologist|cardiologist|specialist|nurse|np|pa)"
    r"|(?:my|his|her) (?:doc|doctor|gp|psych|psychiatrist|neuro|neurologist|specialist))"
    r" (?:bumped|upped|raised|increased|doubled|added|switched|changed|put)"
    r" (?:me|him|her|them|it|my|his|her|their|the|§+)\b"
    r"|\b(?:when|after|once|since) (?:it|they|them|§+|(?:my|his|her|the) (?:\w+ )?(?:pills|meds"
    r"|medication|prescription|script|supply|refill|patches))\s+ran out\b"
    r"|\bran out of (?:my |his |her )?(?:§+|pills|meds|medication|it|them)(?: \w+)?\s*(?:,\s*)?"
    r"(?:and|&)\b"
    r"|\b(?:when|after|once|since) (?:i|he|she|we) (?:stopped|quit|came off|went off|dropped)"
    r" (?:it|them|§+|taking|cold turkey|the (?:med|meds|medication|pills?)|(?:my|his|her)"
    r" (?:med|meds|medication|pills?|dose))\b"
    # "after starting", "after my first dose", "after the second shot", "after taking it"
    r"|\bafter (?:\d+|a few|several|two|three|four|five|six) (?:days?|weeks?|months?|years?)"
    r" (?:on|of taking|of using)\b"
    r"|\bafter (?:starting|taking|using|going on|switching to|increasing|upping|each|every|my"
    r" (?:first|second|third|\d\w{0,2}|last|latest|booster) (?:dose|shot|jab|injection|pen"
    r"|pill)|the (?:first|second|third|\d\w{0,2}|last|latest) (?:dose|shot|jab|injection|pen"
    r"|pill)|(?:the |my )?(?:dose|shot|jab|injection|booster) (?:increase|went up))"
    # "on X (for 6 weeks) and now", "been on X 2 months and", "started X ... and now"
    r"|\b(?:on|taking|started|starting|began|using)\s+"
    + _DRUG
    + _DOSE_TAIL
    + _SPAN
    + _WHEN
    + r"\s*(?:,\s*)?(?:and|&|now|but now|then|n)\s+(?:now\s+|then\s+|suddenly\s+|since\s+)?"
    r"(?=i\b|i'?m|im\b|i'?ve|ive\b|my\b|me\b|he\b|she\b|his\b|her\b|they\b|their\b|have\b|got\b"
    r"|getting\b|can'?t\b|cant\b|can not\b|cannot\b|constantly|every|always|keep|still)"
    # "3 weeks in and", "on month 2 and", "on week 3 and", "day 4 and"
    # "paxlovid mouth is real", "the zoloft yawns are real": a named side effect owned up to
    r"|(?:§+|side[\s-]?effects?|se|sides)\s+(?:\w+\s+)?(?:is|are)\s+(?:so\s+|very\s+"
    r"|sooo?\s+)?real\b"
    r"|\b(?:\d+|two|three|four|five|six|a few|a couple)\s+(?:days?|weeks?|wks?|months?)\s+"
    r"(?:in|into it|on it|on)\s*(?:,\s*)?(?:and|&|now)\b"
    r"|(?:\b(?:on|in) |^\W*)(?:day|week|month) \d+\s*(?:,\s*)?(?:and|&|now)\b"
    # Other languages: "me dio", "me provocó", "seitdem", "depuis que je prends", "da quando"
    r"|\b(?:me|le|les|nos) (?:dio|da|dieron|provoc[óo]|caus[óo]|produjo|caus[óo]u|deu|d[áa]"
    r"|provoca|donne|a donn[ée])\b|\bdesde que (?:tomo|empec[ée]|empez[óo]|comenc[ée]|uso|tom[ée]"
    r"|comecei|come[çc]ou|tomo|usa|toma)|\bseit(?:dem|her)?\b|\bseit ich\b|\bnachdem ich\b"
    r"|\bdepuis (?:que (?:je|j'|il|elle)|le d[ée]but|la premi[èe]re)|\bdepuis (?:deux|trois"
    r"|quelques|\d+) (?:jours|semaines|mois)\b|\bda quando (?:prendo|ho iniziato|prende)"
    r"|\bdopo (?:aver|la prima|la seconda)|\bdespu[ée]s de (?:empezar|tomar|la primera|la segunda)"
    # round 6: Dutch, Polish and more Italian / French / Spanish / Portuguese anchors
    r"|\bsinds (?:ik|hij|zij|ze|mijn|de|het)\b|\bna (?:de|het) (?:eerste|tweede|prik|vaccin)"
    r"|\b(?:po|od kiedy|odk[ąa]d|od czasu)\s+(?:bior[ęe]|§+|szczepi\w*|tabletk\w*|zacz\w*)"
    r"|\bdopo (?:il|lo|la|l'|i|le) (?:vaccino|vaccinazione|dose|richiamo|§+)"
    r"|\bdopo (?:aver preso|averlo preso|che ho iniziato)|\bda quando (?:ho|sto|uso|assumo)"
    r"|\bdepuis (?:que j'ai commenc[ée]|le vaccin|la dose|§+)|\bapr[èe]s (?:le vaccin|la dose"
    r"|la premi[èe]re|la deuxi[èe]me|avoir pris)|\bdesde (?:la vacuna|que me (?:pusieron|vacun))"
    r"|\bdespu[ée]s de la vacuna|\bdepois (?:da vacina|que comecei|de tomar)"
    r"|\b(?:toma|toman|tomo|prend|prends|nimmt|nehme|neemt|bierze|prende|prendo|usa|usa|assume)"
    r"\s+(?:(?:il|lo|la|el|le|les|du|de|den|die|das|het|o|a)\s+)?§+(?:\s+(?:da|desde(?: hace)?"
    r"|depuis|seit|sinds|od|h[áa]|hace)(?:\s+\S+){1,2}?)?\s+(?:y|et|und|en|i|e)\b"
    # round 8: Turkish onset ("kullanmaya başladıktan sonra", "kullandığımdan beri")
    r"|\b\w+(?:maya|meye) ba[şs]lad[ıi]ktan sonra\b"
    r"|\bba[şs]lad[ıi][ğg][ıi](?:m|n)?dan beri\b"
    r"|\b\w+d[ıi][ğg][ıi]mdan beri\b"
)
# What in the experience clause means it was good, or nothing at all.
_POSITIVE_CLAUSE = re.compile(
    r"\b(?:better|best|great|good|amazing|awesome|fantastic|wonderful|love|loving|happy|happier"
    r"|calm|calmer|relief|relieved|cleared|clear|healed|cured|works|working|worked|helps|helped"
    r"|helping|normal|fine|ok|okay|alright|gone|happier|around|me again|energy back"
    r"|myself again|life back|able to|finally"
    r"|no more|no longer|lost|losing|down \d+|dropped|thinner|sleeps?|sleeping (?:well|great"
    r"|better)|improv\w*|stable|grateful|thankful|blessed|motivated|focused|productive"
    r"|nothing|none|zero|no (?:side|problems?|issues?|symptoms?)|mejor|mieux|besser|meglio"
    # round 10b: a reaction that shrank ("my peanut reactions seem way smaller")
    r"|smaller|milder|fewer|less (?:severe|often|frequent|intense)"
    r"|melhor)\b"
)
# Words that make a clause about the person an unwelcome experience even with no symptom word.
_NEGATIVE_CLAUSE = re.compile(
    r"\b(?:won'?t stop|wont stop|can'?t stop|cant stop|keep|keeps|kept|constant(?:ly)?|every"
    r" (?:day|night|morning|time)|all (?:day|night|the time)|so bad|badly|horrible|horribly"
    r"|terrible|terribly|awful|insane|crazy|extreme(?:ly)?|severe(?:ly)?|worse|worst|weird|strange"
    r"|miserable|sick|ill|hurt\w*|ache\w*|aching|sore|pain\w*|swell\w*|swollen|itch\w*|burn\w*"
    r"|numb|tingl\w*|ring\w*|grind\w*|clench\w*|can'?t|cant|cannot|couldn'?t|couldnt|won'?t|wont"
    r"|unable|lost my|losing my|falling out|fall out|coming out|stopped|stop|barely|no appetite"
    r"|no sleep|not sleeping|wake up|waking up|up all night|tasted?|smell\w*|throw\w* up|threw"
    r"|puk\w*|rash\w*|red|bumps?|spots?|bruis\w*|bleed\w*|bled|blood|zaps?|fog|foggy|crying|cry"
    r"|cried|shak\w*|panic"
    r"|anxious|depress\w*|dark|mean|angry|rage|zombie|foggy|fog|dizzy|tired|exhausted|gained"
    r"|weight gain|heavy|period|periods|acne|pimples|hair|teeth|jaw|eyes?|vision|blurry|ears?"
    r"|heart|chest|stomach|gut|belly|bowel|poop|pee|peeing|toilet|bathroom|sweat\w*|hot|cold"
    r"|chills|fever|infection|infections|hives|like i|feel like|feels like|felt like|ever since"
    r"|gain|gaining|put on|weight|\w+y all the time|wonky|haywire|out of whack|flat|purge"
    r"|purging|no quiere|nie mog[ęe]|non riesco|kan niet|ne peux plus|kann nicht|steeds|ci[ąa]gle"
    r"|straszne|sempre|toujours|immer"
    # round 8: complaints relayed in the other languages ("si lamenta di dolori alle gambe")
    r"|lamenta|se queja|se plaint|klagt"
    r"|no duerme|n[ãa]o dorme|ne dort|schl[äa]ft nicht|non dorme|s[üu]rekli|enfeksiyon\w*)\b"
)

# round 8: what a person chooses to do is not something that happens to them.
_VOLUNTARY = re.compile(
    r"\W*(?:still\s+|also\s+|even\s+)?(?:drinks|drinking|smokes|smoking|vapes|vaping|parties"
    r"|partying|works out|goes out|plays|skips (?:meals|doses))\b"
)
# round 10b: a clinician's instruction told after the anchor is not something that happened.
_CLINICIAN_SAYS = re.compile(
    r"\W*(?:but\s+|so\s+)?(?:my|the|his|her|our)\s+(?:\w+\s+)?(?:surgeon|doctor|doc|gp|dentist"
    r"|endo|endocrinologist|cardiologist|pharmacist|nurse|np|pa|obgyn|ob|psych|psychiatrist"
    r"|specialist|anesthesiologist|anaesthetist)\s+(?:says?|said|told|tells|wants|recommends?"
    r"|recommended|advised|advises|suggested|suggests|asked)\b"
)
# round 10b: an illness that lingers on an immune-suppressing drug ("had a cold for 6 weeks").
_LONG_ILLNESS = re.compile(
    r"\b(?:had|have had|'ve had|ve had|been sick with|been fighting|keep getting|kept getting"
    r"|keeps getting|can'?t shake)\s+(?:a\s+|the\s+|this\s+)?(?:cold|colds|flu|infections?|utis?"
    r"|sinus infections?|cough|chest infections?|bronchitis|strep|thrush|stomach bug|virus)"
    r"(?:\s+(?:for|that (?:has )?lasted|lasting|over)\s+(?:\d+|two|three|four|five|six|seven"
    r"|eight|several|many)\s+(?:weeks|months)|\s+(?:after|one after|back to back|nonstop"
    r"|non-stop|all (?:winter|year)))"
)
# Body part + problem: "my face got really red and flaky", "my ankles swelled up", "hands numb".
_BODY = (
    r"(?:face|hands?|feet|foot|ankles?|legs?|arms?|lips?|tongue|eyes?|eyelids?|skin|scalp|hair"
    r"|joints?|knees?|back|lower back|chest|stomach|tummy|belly|gut|throat|mouth|gums?|teeth"
    r"|tooth|jaw|neck|head|fingers?|toes?|nails?|heart|ears?|nose|muscles?|bones?|hips?|wrists?"
    r"|shoulders?|calf|calves|thighs?|breasts?|nipples?|vision|kidneys?|liver|bladder|bowels?"
    r"|injection site|arm where|period|periods|cycle|pee|urine|poop|stool|body|whole body"
    r"|cheeks?|forehead|eyebrows?|eyelashes|lashes)"
)
_PROBLEM = (
    r"(?:swelled|swelling|swollen|swole|puffed up|puffy|red|redness|flaky|flaking|peeling|itchy"
    r"|itching|itched|itches|burning|burned|burns|burnt|numb|numbness|tingling|tingly|tingles"
    r"|broke out|breaking out|bleeding|bled|bleeds|bruised|bruising|bruises|cracked|cracking"
    r"|dry|sore|aching|ached|aches|ache|hurts|hurt|hurting|killing me|pounding|pounded|racing"
    r"|raced|falling out|fell out|coming out|thinning|thinned|blurry|blurred|blurring|twitching"
    r"|twitches|twitchy|shaking|shakes|trembling|cramping|cramped|cramps|tight|stiff|weak"
    r"|yellow|purple|black|dark|discolou?red|ringing|throbbing|on fire|went crazy|stopped"
    r"|irregular|heavier|heavy|late|missing|skipping|skipped|fluttering|flutters|pain|painful"
    r"|smells?|stinks?|foamy|cloudy|bloody|orange|brown|green|pale|dark brown|ringing|bleed|bled"
    r"|blistered|blisters|welts|hives|rash|bumps|spots|sores|ulcers?|blisters|inflamed"
    r"|infected|oozing|lumpy|lump|knot|hard lump|went|turned|changed colou?r)"
)
_BODY_PROBLEM = re.compile(
    r"\b(?:my|his|her|their|our|the|both)\s+(?:\w+\s+)?"
    + _BODY
    + r"\s+(?:is\s+|are\s+|was\s+|were\s+|got\s+|get\s+|gets\s+|getting\s+|has been\s+"
    r"|have been\s+|keeps?\s+|kept\s+|went\s+|goes\s+|started\s+|starts\s+|feels?\s+|felt\s+"
    r"|became\s+|turned\s+|looks?\s+|looked\s+|won'?t stop\s+|wont stop\s+|just\s+|all\s+)?"
    r"(?:so\s+|really\s+|very\s+|super\s+|kinda\s+|a bit\s+|a little\s+|all\s+|totally\s+"
    r"|completely\s+|bright\s+|constantly\s+|always\s+|still\s+)?" + _PROBLEM + r"\b"
    r"|\b(?:pain|pains|aches?|aching|cramps?|cramping|swelling|numbness|tingling|burning"
    r"|bleeding|itching|soreness|stiffness)\s+"
    r"(?:in|on|around)\s+(?:my|his|her|their|both|the)\s+(?:\w+\s+)?" + _BODY + r"\b"
    r"|\b(?:losing|lost|shedding)\s+(?:\w+\s+){0,3}?(?:hair|teeth|eyelashes|eyebrows|nails)\b"
    r"|\b" + _BODY + r"\s+(?:pain|pains|ache|aches|cramps|swelling|rash|bleeding|bruising"
    r"|numbness|tingling|problems|issues|spasms|twitches)\b"
)
# Lack of effect that the older list misses: "feel exactly the same", "just as bad as before".
_NO_EFFECT = re.compile(
    r"\b(?:feel(?:s|ing)? (?:exactly |just |basically |pretty much )?the same"
    r"|(?:just |still )?as bad as (?:before|ever)|no (?:real |noticeable )?(?:change|difference"
    r"|improvement|relief)|not (?:any|one bit|a bit|even a little) (?:better|different)"
    r"|not better\b|no better\b|nothing (?:has )?(?:changed|happened)(?! when (?:i"
    r"|we) (?:missed|skipped|forgot))|non[\s-]?responder"
    r"|might as well (?:be )?(?:take|taking|eat|eating|drink|drinking) (?:candy|tic ?tacs"
    r"|water|sugar pills?|placebos?|air|nothing|skittles|smarties|m&ms)"
    r"|(?:like|as if i was|as if i were) taking (?:candy|tic ?tacs|water|sugar pills?|placebos?"
    r"|air|nothing|skittles|smarties)|back to square one|back where i started"
    r"|(?:stopped|quit|stops|no longer) (?:helping|doing (?:anything|much|a thing))"
    r"|(?:wasn'?t|isn'?t|is not|was not|weren'?t|aren'?t) doing (?:much|anything|a thing|squat"
    r"|jack)"
    r"|(?:numbers|sugars?|levels|readings|a1c|bp|pressure) (?:are |is )?still (?:high|bad|up"
    r"|terrible|awful|through the roof|in the \d+s)|(?:hasn'?t|haven'?t|didn'?t|doesn'?t|never)"
    r" (?:even )?(?:touched|touches|dented|made a dent in) |didn'?t do (?:a thing|anything"
    r"|squat|jack"
    r"|much)|hasn'?t done (?:a thing|anything|much)|does(?:n'?t| not) do (?:a thing|anything|much)"
    r"|(?:still|keep) (?:in pain|hurting|getting (?:migraines|headaches|attacks|flares|hives))"
    r"|(?:waste of (?:money|copays?|time))|no (?:me )?(?:sirve|sirvi[óo])|ça ne marche pas"
    r"|non (?:funziona|ha funzionato|fa niente)|keine (?:veränderung|verbesserung))\b"
)
# "A1c went from 7.8 to 8.4": a number that should fall went up.
_NUMBER_UP = re.compile(
    r"\b(?P<what>a1c|hba1c|sugars?|glucose|bp|blood pressure|cholesterol|ldl|triglycerides"
    r"|fasting)\s+(?:\w+\s+){0,2}?(?:went|went up|rose|jumped|climbed|is|was|from)\s+(?:up\s+)?"
    r"(?:from\s+)?(?P<a>\d{1,3}(?:\.\d)?)\s*(?:to|->|→|-)\s*(?P<b>\d{1,3}(?:\.\d)?)"
)
_OVERDOSE_MORE = re.compile(
    r"\b(?:took (?:like |about |around )?(?:\d{1,3}|a handful|a bunch|half the bottle|the rest)"
    r" of (?:my|his|her|the|them|mom's|dad's)\b|stomach pumped|pumped (?:my|his|her) stomach"
    r"|poison control|double[\s-]?dos\w+|(?:took|gave|injected) (?:it |a dose )?twice"
    r"|(?:pharmacy|pharmacist|chemist) (?:gave|filled|dispensed|sent) (?:me |him |her )?"
    r"(?:the )?wrong"
    r"|swallowed (?:some|a few|one|two|\d+|a handful) (?:of )?(?:my|his|her|the)?"
    r"|got into (?:my|his|her|the|grandma's|grandpa's) (?:pills|meds|bottle|purse)"
    r"|(?:took|take|taking|swallowed|swallow) (?:all|every one|the whole|a whole|the entire)"
    r" (?:of )?(?:my|his|her|the|their|a)? ?(?:\w+ )?(?:\w+ )?(?:at once|bottle|pack|box|pills"
    r"|supply)"
    r"|tried to (?:overdose|od|take all|kill (?:myself|himself|herself)|take (?:myself|himself"
    r"|herself) out|end (?:it|my life|his life|her life)|off (?:myself|himself|herself))"
    r"|(?:my|his|her|a|the) (?:whole|entire) (?:bottle|pack|box|supply|month'?s supply) of"
    # round 10: a child's ingestion in Polish and Dutch ("połknął dwie tabletki babci")
    r"|po[łl]kn[ąęa]\w* (?:\w+ ){0,2}?tablet\w*|heeft (?:\w+ ){0,2}?pillen (?:\w+ )?ingeslikt"
    r"|(?:took|taken|given|gave (?:him|her|me)) (?:my|his|her|their|the) (?:\w+ ){0,2}?(?:twice"
    r"|three times|3 times|two times|2 times|four times|4 times)"
    r"(?! (?:a|per|each|every) (?:day|week))(?: (?:yesterday|today|this morning|last night"
    r"|in one day|by mistake|because|bc|cause))?)\b"
)
# A death or hospital stay reported about a person (seriousness is added separately).
_DEATH_OR_HOSPITAL = re.compile(
    # round 14b: a bereavement used as a time mark ("down since her husband died") is no event
    r"(?<!since )(?<!after )(?<!when )(?<!ever since )"
    r"\b(?:(?:my|our|his|her)\s+(?:\w+\s+){0,2}?(?:died|passed|passed away|is gone)|(?:mom|mum"
    r"|dad|father|mother|husband|wife|son|daughter|brother|sister|grandma|grandpa|uncle|aunt"
    r"|he|she)\s+(?:\w+\s+)?(?:died|passed away|passed)|lost (?:my|our|his|her) (?:mom|mum|dad"
    r"|father|mother|husband|wife|son|daughter|brother|sister|grandma|grandpa|baby|uncle|aunt)"
    r"|i almost died|nearly died|almost lost (?:him|her|my)"
    r"|(?:was|were|been|spent \w+ (?:days?|weeks?|nights?)) (?:\w+ ){0,3}?(?:in|at) (?:the )?"
    r"(?:hospital|icu|er|isolation|intensive care|psych ward|emergency)"
    # round 10: "had to go back to the pharmacy" is an errand: the destination is required
    r"|had to (?:go|be taken|take (?:him|her|me)|rush (?:him|her|me))"
    r" to (?:the )?(?:er|hospital|urgent care|emergency(?: room)?|a&e|icu)|had to call an ambulance"
    r"|(?:went|taken|rushed|go) to (?:the )?(?:er|urgent care|emergency room|a&e|hospital)"
    r"|ambulance"
    r"|admit(?:ted)? (?:him|her|me|them)|(?:was|were|got|been) (?:hospitali[sz]ed|intubated"
    r"|admitted)|in the icu|ended up (?:in|at|with)"
    # round 10: "woke up in ICU", and the ambulance in Polish and Dutch
    r"|woke up in (?:the )?(?:icu|hospital|er|a&e|intensive care|recovery)"
    r"|karetk\w*|pogotowi\w*|ziekenwagen)\b"
)
_INFECTION = re.compile(
    r"\b(?:caught|got|developed|came down with|diagnosed with|ended up with)\s+(?:a\s+|an\s+"
    r"|the\s+)?(?:bad\s+|nasty\s+|terrible\s+|horrible\s+|serious\s+)?(?:tb|tuberculosis"
    r"|pneumonia|sepsis|shingles|infections?|uti|utis|thrush|yeast infection|cellulitis|covid"
    r"|flu|strep|bronchitis|sinus infection|fungal|abscess|gastroparesis|pancreatitis|gallstones"
    r"|lupus|psoriasis|cancer|lymphoma|diabetes|blood clot|clots?|dvt|ulcer|kidney stones?)\b"
)

# ---- controls ---------------------------------------------------------------------------------
# A non-medicine subject of "gave me / made me": "this post gave me a headache lol".
_NON_DRUG_SUBJECT = re.compile(
    r"\b(?:this|that|the|your|ur|these|those|my|his|her)\s+(?:\w+\s+)?(?:post|posts|video"
    r"|videos|ad|ads|advert|commercial|comments?|comment section|thread|page|article|song"
    r"|music|jingle|meeting|class|lecture|show|movie|game|news|weather|traffic|job|work|boss"
    r"|kids?|school|exam|finals|commute|drive|wait|hold music|call|customer service|website|app"
    r"|form|paperwork|insurance|bill|price|cost|fine print|politics|election|pollen|allergies"
    r"|weather|season|spring|heat|humidity|hangover|diet|gym|workout"
    r"|coffee|caffeine|alcohol|booze"
    # round 11: money jokes ("this copay is giving me a heart attack")
    r"|copay|copays|co-pay|deductible|premium|bills|pricing|prices|pharmacy)\s+(?:\w+\s+)?"
    r"(?:gave|gives|giving|is giving|made|makes|making|give|caused|destroying|destroys|killing"
    r"|kills|wrecking|wrecks|ruining|ruins)\b"
    r"|\b(?:reading|watching|listening to|dealing with|thinking about)\s+(?:\w+\s+){0,3}?"
    r"(?:gave|gives|giving|makes|made)\b"
)
# A denial that comes after the event: "the nausea everyone talks about never happened to me".
_POST_DENIAL = re.compile(
    r"^[^.!?;,]{0,50}?\b(?:never|didn'?t|did not|hasn'?t|has not|haven'?t|have not|doesn'?t"
    r"|does not"
    r"|hasnt|didnt|havent|doesnt)\s+(?:really\s+|even\s+|ever\s+)?(?:happen\w*|hit|affect\w*"
    r"|bother\w*|kick\w*|show\w*|come|came|appear\w*|experience\w*|touch\w*"
    # round 10: "... and I didn't get my dose" is a lost dose, not a denial of what came before
    r"|(?:get|got|gotten|had|have)(?!\s+(?:my|his|her|the|their|a|any) (?:\w+ )?(?:dose|doses"
    r"|shot|injection|meds|medication|pills?|refill|prescription|script)\b))\b"
    r"(?:\s+(?:to\s+)?(?:me|him|her|us|them|in))?"
    r"|^\W{0,3}(?:isn'?t|wasn'?t|is not|was not|not) (?:a problem|an issue|bad|happening)"
)
# Looking ahead, not back: "watching out for it", "so far so good", "my doctor said X is common".
_ANTICIPATION = re.compile(
    r"\b(?:watch(?:ing)? (?:out )?for|look(?:ing)? out for|keep(?:ing)? an eye (?:out )?(?:on|for)"
    r"|on the lookout|prepared for|bracing for|ready for|expecting|expect|waiting for|wait and see"
    r"|so far so good|(?:doctor|doc|dr|pharmacist|nurse|np|pa|gp)\s+(?:said|says|told me|warned"
    r"|mentioned)\b[^.!?]{0,60}\b(?:common|normal|possible|can happen|might|may|could)"
    r"|(?:is|are) (?:a )?(?:common|possible|known|rare) side[\s-]?effects?)\b"
)
# "feel totally normal so far", "cleared my son's eczema", "finally sleeps": a good outcome.
_BENEFIT_MORE = re.compile(
    r"\b(?:(?:feel|feels|feeling|felt) (?:totally |completely |perfectly |pretty |just |so |100% )?"
    r"(?:normal|fine|good|ok|okay|great|amazing|like myself)(?: so far)?|cleared (?:up )?(?:my|his"
    r"|her|their|our)|finally (?:sleep|sleeps|sleeping|slept|able|can|getting|have|has|feel|off"
    r"|get|got)|(?:only|one) thing that"
    r" (?:works|worked|helps|helped)|do(?:n'?t| not) miss (?:the|my)|lived to (?:\d+|be)"
    r"|(?:best|greatest) in the business|shout\s?out|kudos|saved (?:my|his|her|our) life"
    r"|heroes?|(?:no|zero|not a single|never had any) (?:stomach |gi |real )?(?:issues|problems"
    r"|side effects)(?: at all| whatsoever)?"
    r"|down \d+\s*(?:lbs?|pounds|kg|kilos)|lost \d+\s*(?:lbs?|pounds|kg|kilos)(?! but)"
    r"|back on the (?:golf course|court|field|bike|trail)|wish i'?d started)\b"
)


def masked(sentence_text: str, mention_words: list[str]) -> str:
    """The sentence with every product mention replaced by ``§`` (same length, same offsets)."""
    out = sentence_text
    for word in mention_words:
        if word and word in out:
            out = out.replace(word, MASK * len(word))
    return out


_TRAILING_ANCHOR = re.compile(
    r"(?:ever since|since|after (?:starting|taking|using|going on|switching|my|the|\d)"
    r"|desde que|depuis|seit|da quando)\b"
)

# The anchor is about the medicine: "since starting it", "after 6 years on §", "since my 2nd shot".
_DRUG_NEXT = re.compile(
    r"[^§]{0,14}?(?:§|\b(?:it|this|them|the (?:med|meds|medication|medicine|pill|pills|shots?"
    r"|jabs?|injections?|drug|dose|implant|patch)|my (?:meds?|pills?|first|second|third|last"
    r"|dose|shots?|injections?)|(?:first|second|third|\d\w{0,2}) (?:dose|shot|jab|injection))\b)"
)


def causal_clauses(text: str) -> list[tuple[int, int, int]]:
    """(anchor start, clause start, clause end) for each causal/temporal anchor in ``text``.

    The clause runs from the end of the anchor to the next scope breaker (``but``, ``;``) or
    at most 90 characters, whichever comes first.
    """
    out: list[tuple[int, int, int]] = []
    for m in _CAUSAL.finditer(text):
        if (
            _TRAILING_ANCHOR.match(m.group(0))
            and m.start() >= 8
            and _DRUG_NEXT.match(text[m.end() : m.end() + 40])
        ):
            # "my 8 yo barely eats since starting it": the experience comes before the anchor.
            head = text[: m.start()]
            cut = max(head.rfind(","), head.rfind(";"), head.rfind(" but "), head.rfind(" and "))
            lead = cut + 1 if cut >= 0 and m.start() - cut > 8 else 0
            out.append((m.start(), lead, m.start()))
        start = m.end()
        tail = text[start : start + 90]
        stop = re.search(r"\b(?:but|though|although|however|except)\b|[;]", tail)
        end = start + (stop.start() if stop else len(tail))
        out.append((m.start(), start, end))
    return out


def experience_in_clause(clause: str, has_symptom: bool) -> bool:
    """An unwelcome experience is told in ``clause`` (the words after a causal anchor).

    A good outcome wins ("since starting it my headaches are better"): the symptom word is then
    the indication getting better, and any separate symptom is still found by the lexicon.
    """
    if len(clause.strip()) < 3 or _POSITIVE_CLAUSE.search(clause):
        return False
    if not has_symptom and _VOLUNTARY.match(clause):
        return False  # "is on Xarelto and still drinks every night": a choice, not an event
    if not has_symptom and _CLINICIAN_SAYS.match(clause):
        return False  # "on X and my surgeon says stop it before my surgery": an instruction
    if has_symptom or _BODY_PROBLEM.search(clause):
        return True
    return bool(_NEGATIVE_CLAUSE.search(clause))


def body_problem(text: str) -> re.Match[str] | None:
    """A body part with something wrong with it."""
    return _BODY_PROBLEM.search(text)


def no_effect(text: str) -> re.Match[str] | None:
    """Lack of effect said without the word "work": "feel exactly the same", "A1c 7.8 to 8.4"."""
    m = _NO_EFFECT.search(text)
    if m:
        return m
    for n in _NUMBER_UP.finditer(text):
        try:
            a, b = float(n.group("a")), float(n.group("b"))
            if b > a:
                return n
            # round 10b: an A1c still in the diabetic range that barely moved ("8.9 to 8.7")
            if "a1c" in n.group("what") and 6.5 <= b < a < 20 and a - b < 0.4:
                return n
        except ValueError:  # pragma: no cover - the regex only captures numbers
            continue
    return None


def overdose_or_error(text: str) -> re.Match[str] | None:
    """Overdose, ingestion by someone it was not for, or a dispensing error."""
    return _OVERDOSE_MORE.search(text)


def death_or_hospital(text: str) -> re.Match[str] | None:
    """A death or a hospital stay of a person."""
    return _DEATH_OR_HOSPITAL.search(text)


def infection(text: str) -> re.Match[str] | None:
    """A new illness the person got: "caught TB", "ended up with gastroparesis"."""
    return _INFECTION.search(text) or _LONG_ILLNESS.search(text)


def non_drug_subject(text: str) -> bool:
    """The causal subject is not a medicine ("this post gave me a headache")."""
    return _NON_DRUG_SUBJECT.search(text) is not None


def denied_after(text_after: str) -> bool:
    """The words after an event deny it ("... never happened to me")."""
    return _POST_DENIAL.search(text_after) is not None


def anticipation(text: str) -> bool:
    """The sentence looks ahead to a possible effect rather than reporting one."""
    return _ANTICIPATION.search(text) is not None


_PRAISE = re.compile(
    r"\b(?:shout\s?out|kudos|saved (?:my|his|her|our|their) (?:\w+ ){0,3}?(?:\w+'s )?life|heroe?s?"
    r"|(?:best|greatest) in the business|thank you|thanks to"
    # round 7: a verdict on the choice itself ("no periods, no problems, best decision I made")
    r"|(?:best|greatest) (?:decision|choice|thing) (?:i'?ve |i |we'?ve |we )?(?:ever )?(?:made"
    r"|did|done|took))\b"
)


def praise(text: str) -> bool:
    """Praise of a person or a service: its health words are the backdrop, not an event."""
    return _PRAISE.search(text) is not None


def benefit(text: str) -> bool:
    """The sentence reports a good outcome or praise.

    Round 13: weight lost is no good outcome for a child ("he's 9 and lost 3kg") or with the
    appetite gone; there it is the event.
    """
    m = _BENEFIT_MORE.search(text)
    if m is None:
        return False
    if m.group(0).startswith("lost ") and _NOT_WANTED_LOSS.search(text):
        return _BENEFIT_MORE.search(text, m.end()) is not None
    return True


_NOT_WANTED_LOSS = re.compile(
    r"\b(?:son|daughter|kid|child|boy|girl|baby|toddler|grandson|granddaughter|(?:he|she)'?s \d"
    r"|\d+\s*(?:yo|y/o|yrs? old|years? old)|appetite)\b"
)
