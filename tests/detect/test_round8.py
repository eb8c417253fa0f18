"""Round 8 mechanisms (rules alone, comment model off): positives and hard negatives.

Each case names one general mechanism behind a miss or false alarm on the sixth evaluation set,
tested with phrasings written for the mechanism (other products, people and wordings), not
copied from that set. ``True`` rows must be flagged, ``False`` rows (hard negatives) must not.
"""

from __future__ import annotations

import pytest

from moderator.detect import DetectorSuite
from moderator.models import AnalysisInput


def _analysis(suite: DetectorSuite, text: str, post: str | None):
    return suite.analyze(AnalysisInput("t", text, post))


def _kinds(suite: DetectorSuite, text: str, post: str | None = None) -> set[str]:
    return {f.kind for f in _analysis(suite, text, post).flags}


AE: list[tuple[str, str, str | None, bool]] = [
    # lack of effect said as "did nothing / zilch", "worse than before", "for nothing"
    ("lack_of_effect", "Humira has done absolutely nothing for my psoriasis", None, True),
    ("lack_of_effect", "Lyrica did zilch for the nerve pain, 3 months in", None, True),
    ("lack_of_effect", "6 months on Taltz and my skin is worse than before I started", None, True),
    ("lack_of_effect", "paying $400 a month for nothing. numbers the same", "Repatha", True),
    ("lack_of_effect", "still running to the toilet 8 times a day on Entyvio", None, True),
    ("lack_of_effect", "Otezla has done nothing but help me, 2 years clear", None, False),
    ("lack_of_effect", "I did nothing wrong, the pharmacy lost my Humira script", None, False),
    ("lack_of_effect", "my kids did nothing all weekend lol", None, False),
    # harm told by a diagnosis or consequence with the product as cause
    ("outcome", "Keytruda gave my dad colitis, he's on steroids now", None, True),
    ("outcome", "Opdivo gave me hepatitis and they paused treatment", None, True),
    ("outcome", "got pancreatitis from it after 4 shots", "Ozempic", True),
    ("outcome", "developed neuropathy on the chemo pills", "Xeloda", True),
    ("outcome", "the Ambien made her sleepwalk into the kitchen", None, True),
    ("outcome", "My arthritis is why I take Humira", None, False),
    ("outcome", "Can Keytruda cause colitis?", None, False),
    ("outcome", "Dupixent gave me my life back", None, False),
    # an organ giving out
    ("organ", "Her kidneys almost failed on the Jardiance", None, True),
    ("organ", "took it for a month and my liver started failing", "Lipitor", True),
    ("organ", "my mom's kidneys shut down two weeks after starting Ozempic", None, True),
    ("organ", "his liver basically gave out on that stuff", "Tylenol", True),
    ("organ", "my thyroid stopped working after Keytruda", None, True),
    ("organ", "Jardiance is for people whose kidneys are failing", None, False),
    ("organ", "Is it safe for people whose kidneys are failing?", "Jardiance", False),
    ("organ", "My heart is full, thank you Eliquis team", None, False),
    # behaviour instead of a symptom word
    ("behaviour", "My daughter started Vyvanse and barely eats anything now", None, True),
    ("behaviour", "on Concerta for a month, he's barely sleeping", None, True),
    ("behaviour", "peeing every 30 minutes since I started it", "Jardiance", True),
    ("behaviour", "Farxiga has me running to the bathroom constantly", None, True),
    ("behaviour", "she won't eat anything since the new Focalin dose", None, True),
    ("behaviour", "Our toddler barely eats, should we try a vitamin?", None, False),
    ("behaviour", "Love the new Jardiance ad with the dog", None, False),
    ("behaviour", "we go to the bathroom every break at work lol", None, False),
    # dechallenge: it stopped when the product stopped
    ("dechallenge", "crestor made me forget names, it stopped when I quit it", None, True),
    ("dechallenge", "the itching went away when I stopped the Lamictal", None, True),
    ("dechallenge", "the rash disappeared once I came off Bactrim", None, True),
    ("dechallenge", "my headaches came back when I restarted it", "Nurtec", True),
    ("dechallenge", "the cramps stopped the day I ditched the Lipitor", None, True),
    ("dechallenge", "my migraines stopped when I started Aimovig", None, False),
    ("dechallenge", "the rain stopped when we quit hiking", "Zyrtec", False),
    ("dechallenge", "Started Aimovig last week, fingers crossed", None, False),
    # a new subject starts a new clause after an indication
    ("clause", "prescribed Wegovy for weight and she's fainted twice", None, True),
    ("clause", "on Adderall for focus and he gets chest pains", None, True),
    ("clause", "Lexapro for anxiety and we noticed she bruises easily", None, True),
    ("clause", "Xarelto for AFib and he has nosebleeds every day", None, True),
    ("clause", "Zoloft for depression and they said I had a seizure", None, True),
    ("clause", "Zoloft for my depression and anxiety", None, False),
    ("clause", "Humira for my crohns and arthritis, doing great", None, False),
    ("clause", "Ozempic for my type 2 diabetes", None, False),
    # exposure in pregnancy the writer did not know about
    ("pregnancy", "Took Accutane not knowing I was pregnant", None, True),
    ("pregnancy", "I didn't know I was pregnant and kept taking my Topamax", None, True),
    ("pregnancy", "found out I'm pregnant while on Mounjaro", None, True),
    ("pregnancy", "she was on Depakote before she knew she was pregnant", None, True),
    ("pregnancy", "turns out I was already pregnant when I started Wegovy", None, True),
    ("pregnancy", "I'm not pregnant, thank god", "Ozempic", False),
    ("pregnancy", "My OB wants me to start Zoloft, I'm planning to get pregnant", None, False),
    ("pregnancy", "Is Xarelto safe if I get pregnant?", None, False),
    # an ongoing event inside a conditional
    ("ongoing", "the card won't help if I keep getting these nosebleeds", "Eliquis", True),
    ("ongoing", "no point if I keep having these headaches every day", "Zoloft", True),
    ("ongoing", "I'll quit if I still keep getting these rashes", "Dupixent", True),
    ("ongoing", "what do I do if I keep getting these cramps on Lipitor", None, True),
    ("ongoing", "fine unless I keep having these dizzy spells on it", "Norvasc", True),
    ("ongoing", "If I get a rash I'll call my doctor", "Lamictal", False),
    ("ongoing", "tell your doctor if you get nosebleeds", "Eliquis", False),
    ("ongoing", "if it causes headaches, stop", "Zoloft", False),
    # relayed and non-English onset
    ("foreign", "Mio padre prende il Lipitor da due mesi e si lamenta di dolori", None, True),
    ("foreign", "Mi hija toma Concerta y no duerme nada", None, True),
    ("foreign", "Mi madre toma el Xarelto desde hace un mes y se queja de mareos", None, True),
    ("foreign", "Ozempic kullanmaya başladıktan sonra sürekli mide bulantısı var", None, True),
    ("foreign", "Meine Mutter nimmt Eliquis und klagt über Schmerzen", None, True),
    ("foreign", "Mi hija toma Concerta y está mucho mejor", None, False),
    ("foreign", "Mio padre prende il Lipitor da due mesi e sta benissimo", None, False),
    ("foreign", "Ozempic kullanmaya başladıktan sonra çok iyiyim", None, False),
    # hard negatives: fear, ad copy, old history, habits
    ("fear", "I'm nervous about bleeding on Xarelto", None, False),
    ("fear", "scared of getting pancreatitis from Ozempic", None, False),
    ("fear", "worried about hair loss, starting Humira soon", None, False),
    ("fear", "I'm worried, I've had bruising since starting Eliquis", None, True),
    ("ad", "Side effects may include: being broke. #ozempic", None, False),
    ("ad", "side effects can include nausea, per the Wegovy ad", None, False),
    ("history", "So glad! My aunt had a stroke last year, few options", "Xarelto", False),
    ("habit", "My coworker is on Eliquis and still drinks every night", None, False),
]


@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), AE)
def test_adverse_event(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("adverse_event" in _kinds(rules, text, post)) is expected, mechanism


INQUIRY: list[tuple[str, str, str | None, bool]] = [
    # a question that names no topic takes it from the sentences before it
    ("anaphoric", "Doc has me on Eliquis 10mg twice a day. Is that too much?", None, True),
    ("anaphoric", "I read that Zoloft causes hair loss. Is that true?", None, True),
    ("anaphoric", "Started Humira while nursing my baby. Should I be worried?", None, True),
    ("anaphoric", "Left my Ozempic pen in the car all day. Is it still ok?", None, True),
    ("anaphoric", "My dad takes Xarelto and had two falls. Is this connected?", None, True),
    ("anaphoric", "Is it true you can't get Ozempic anywhere right now?", None, False),
    ("anaphoric", "insurance denied my Dupixent again. Help??", None, False),
    ("anaphoric", "Doc says Eliquis beats warfarin. Thoughts?", None, False),
    # indirect questions
    ("indirect", "My mom is asking if Dupixent is approved for kids my age", None, True),
    ("indirect", "question about taking Jardiance with my dialysis schedule", None, True),
    ("indirect", "wondering whether I can take Advil with Eliquis", None, True),
    ("indirect", "Mein Vater hat Fragen zur Dosierung von Xarelto", None, True),
    ("indirect", "I'd like to know if Lexapro interacts with my birth control", None, True),
    ("indirect", "To everyone asking, yes I was on Zoloft, happy to chat", None, False),
    ("indirect", "wondering when the Ozempic savings card renews", None, False),
    ("indirect", "question about my Humira copay card", None, False),
    # plural and extra topics in the question itself
    ("topic", "Can I get live vaccines while on Humira?", None, True),
    ("topic", "Is 9 too young for Concerta?", None, True),
    ("topic", "¿Es seguro tomar Ozempic si no soy diabética?", None, True),
    ("topic", "Is this dose too high for a kid?", "Adderall", True),
    ("topic", "Is Lipitor dangerous for my liver?", None, True),
    # peer talk, access, logistics, rhetoric
    ("peer", "On Adderall 60mg. Anyone else on a high dose?", None, False),
    ("peer", "Any tips from other parents starting Vyvanse?", None, False),
    ("peer", "anyone near Tampa want my spare Humira pens?", None, False),
    ("access", "When will there be a generic for Eliquis?", None, False),
    ("access", "Does anyone know if Xarelto has a generic in Canada?", None, False),
    ("access", "Is there a dermatologist near Austin who prescribes Dupixent?", None, False),
    ("access", "Where do I get the Ozempic cooler bag?", None, False),
    ("access", "Can I take my Humira pens through TSA in carry-on?", None, False),
    ("rhetoric", "great, savings. how about support for the withdrawal?", "Effexor", False),
    ("rhetoric", "Had a clot on Xarelto. So what exactly is it for?", None, False),
    ("rhetoric", "Can't wait to start Mounjaro!! first shot tomorrow", None, False),
    ("rhetoric", "Pen jammed halfway. Did the rest with a syringe.", "Lantus", False),
    # a question after a pack defect is about the pack
    ("defect", "No leaflet in my Jardiance box this time. Is that normal?", None, False),
    ("defect", "My Zoloft tablets look different this refill. Is this a fake?", None, False),
    ("defect", "my Cymbalta capsules smell weird, like vinegar. is that normal?", None, True),
]


@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), INQUIRY)
def test_medical_inquiry(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("medical_inquiry" in _kinds(rules, text, post)) is expected, mechanism


COMPLAINT: list[tuple[str, str, str | None, bool]] = [
    # a device that did the wrong thing, told by behaviour
    ("device", "Enbrel pen went off before I even pressed it to my skin", None, True),
    ("device", "the Ozempic pen injected without me pressing the button", None, True),
    ("device", "Humira pen fired before I had it against my thigh", None, True),
    ("device", "my Lantus pen dial just spins, no click", None, True),
    ("device", "the Trulicity button snapped on the second use", None, True),
    ("device", "I fired off an email before I pressed send", "Humira", False),
    ("device", "the pen clicked and delivered the full dose", "Ozempic", False),
    ("device", "my phone went off before I pressed my Ozempic pen lol", None, False),
    # labels meant for someone else, misspelt, counterfeit told by adverb
    ("label", "My Eliquis bottle had a label for someone else on it", None, True),
    ("label", "the pharmacy put somebody else's name on my Lexapro bottle", None, True),
    ("label", "bought Ozempic online, the box was misspelled", None, True),
    ("label", "these Adderall are clearly fake, I'm not taking them", None, True),
    ("label", "the Viagra I got online is obviously counterfeit", None, True),
    ("label", "I misspelled Xarelto in my last comment, sorry", None, False),
    ("label", "is the Ozempic I see on TikTok fake news?", None, False),
    ("label", "label says take with food, Metformin", None, False),
    # what the tablet lacks, smells of, or a bad batch
    ("look", "the Adderall pills have no imprint at all", None, True),
    ("look", "my new Zoloft tablets have no markings on them", None, True),
    ("look", "my Metformin smells like fish, bad batch?", None, True),
    ("look", "these Lipitor tablets smell like vinegar", None, True),
    ("look", "Die Eliquis Tabletten sind kleiner als sonst", None, True),
    ("look", "I have no words, Zoloft changed my life", None, False),
    ("look", "my breath smells like garlic after dinner", "Zoloft", False),
    ("look", "the sulfur burps on Mounjaro are unreal, husband opens the window", None, False),
    # deliveries left out in the heat
    ("delivery", "UPS left my Dupixent on the porch in the sun for hours", None, True),
    ("delivery", "FedEx dropped my Humira outside in 90 degree heat", None, True),
    ("delivery", "the courier left my Enbrel box on the doorstep all afternoon", None, True),
    ("delivery", "the driver put my Ozempic in the mailbox in July", None, True),
    ("delivery", "the pharmacy left it outside in the rain", "Stelara", True),
    ("delivery", "UPS delivered my Dupixent right on time, still cold", None, False),
    ("delivery", "I left my Humira outside the fridge overnight?", None, False),
    ("delivery", "my dog left a present on the porch", "Apoquel", False),
]


@pytest.mark.parametrize(("mechanism", "text", "post", "expected"), COMPLAINT)
def test_product_complaint(
    rules: DetectorSuite, mechanism: str, text: str, post: str | None, expected: bool
) -> None:
    assert ("product_complaint" in _kinds(rules, text, post)) is expected, mechanism


def test_unaware_pregnancy_is_a_special_situation(rules: DetectorSuite) -> None:
    a = _analysis(rules, "Took Accutane not knowing I was pregnant", None)
    assert a.adverse_event is not None
    assert "pregnancy" in a.adverse_event.special_situations


def test_campaign_hashtag_names_the_product(rules: DetectorSuite) -> None:
    post = "Flare season is here. Share your #DupixentJourney"
    a = _analysis(rules, "8 months on it and my eczema is worse than before I started", post)
    assert a.adverse_event is not None
    assert a.adverse_event.products[0]["name"] == "Dupixent"


@pytest.mark.timeout(60)  # a hang guard (catastrophic backtracking), not a speed claim
def test_hostile_input_stays_bounded(rules: DetectorSuite) -> None:
    text = ("is that too high? " * 400) + ("#Dupixent" * 300) + (" kidneys almost " * 300)
    a = _analysis(rules, text, "#OzempicJourney " * 50)
    for flag in a.flags:
        assert all(text[e.start : e.end] == e.text for e in flag.evidence)
