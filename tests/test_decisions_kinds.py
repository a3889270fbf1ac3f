"""Decisions and action items a council clerk can trust: first- and third-person promises, procedural decisions,
a bare "Akkoord." after a proposal, deadlines, and who is to act linked to the speaker list."""

from __future__ import annotations

import pytest

from pipeline.ingest import read_text
from pipeline.outputs.model import Speaker
from pipeline.outputs.tables import corpus_frames
from pipeline.summaries.decisions import (
    consent_kind,
    decision_kind,
    due_date,
    find_decisions_and_actions,
    speaker_id_for,
    undertaking_cue,
)

# A commission meeting, as a turn transcript (invented names).
TURNS = """Voorzitter: Goedenavond. We bespreken de herinrichting van het Molenplein.
Lotte Brinkman: Ik zal de aannemer morgen bellen over de planning.
Sander Veldhuis: Ik stuur u de cijfers voor vrijdag.
Lotte Brinkman: Wij komen daar in de volgende vergadering op terug.
Voorzitter: Ik zal kort zijn. Dan besluiten we dat de bomen blijven staan.
Sander Veldhuis: Ik ben het niet eens met dit besluit. Ik zal straks in mijn tweede termijn reageren.
Lotte Brinkman: Wij zullen zien. Zal ik de bewoners een brief sturen?
"""

# Minutes in prose, third person (invented names).
MINUTES = """Verslag van de commissie Leefomgeving

1. Opening en vaststelling agenda
De agenda wordt ongewijzigd vastgesteld.

2. Notulen vorige vergadering
De notulen worden vastgesteld.

3. Fietsroute Oosterweg
De wethouder belooft de raad de brief voor 1 maart te sturen.
Mevrouw Jansen neemt contact op met de provincie.
Het college zal de omwonenden voor de zomer informeren.
Het voorstel wordt zonder stemming aangenomen.
Zij vraagt of de raad het voorstel aanneemt.
De heer Kok vraagt of de wethouder de planning voor 1 maart zal sturen.
De kosten zullen volgend jaar stijgen.

4. Sluiting
Conform besloten.
"""


def _find(text: str, *, format: str | None = None, speakers=()):
    transcript = read_text(text, format=format)

    def speaker_at(offset: int) -> str | None:
        return next((b.speaker for b in transcript.blocks if b.start <= offset < b.end), None)

    decisions, actions = find_decisions_and_actions(transcript.text, transcript.blocks, speaker_at, speakers=speakers)
    return transcript, decisions, actions


def test_first_person_promises_in_a_transcript_belong_to_the_turn_holder():
    _, _, actions = _find(TURNS, format="turns")
    assert [(a.text, a.who, a.due) for a in actions] == [
        ("Ik zal de aannemer morgen bellen over de planning.", "Lotte Brinkman", "morgen"),
        ("Ik stuur u de cijfers voor vrijdag.", "Sander Veldhuis", "voor vrijdag"),
        ("Wij komen daar in de volgende vergadering op terug.", "Lotte Brinkman", "in de volgende vergadering"),
    ]


def test_what_is_said_and_done_in_the_meeting_itself_is_no_action():
    _, _, actions = _find(TURNS, format="turns")
    said = {a.text for a in actions}
    for sentence in ("Ik zal kort zijn.", "Ik zal straks in mijn tweede termijn reageren.", "Wij zullen zien.",
                     "Zal ik de bewoners een brief sturen?"):
        assert sentence not in said


def test_a_decision_in_direct_speech_and_no_decision_in_disagreement():
    transcript, decisions, _ = _find(TURNS, format="turns")
    assert [(d.text, d.kind) for d in decisions] == [("Dan besluiten we dat de bomen blijven staan.", "besluit")]
    assert all(transcript.text[d.start : d.end] == d.text for d in decisions)


def test_third_person_promises_and_undertakings_in_minutes():
    transcript, _, actions = _find(MINUTES)
    assert [(a.text, a.who, a.due) for a in actions] == [
        ("De wethouder belooft de raad de brief voor 1 maart te sturen.", "De wethouder", "voor 1 maart"),
        ("Mevrouw Jansen neemt contact op met de provincie.", "Mevrouw Jansen", None),
        ("Het college zal de omwonenden voor de zomer informeren.", "Het college", "voor de zomer"),
    ]
    assert all(transcript.text[a.start : a.end] == a.text for a in actions)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dat kan ik niet toezeggen.",
        "Zij zei dat dat geen toezegging was.",
        "Dat de voorzitter en de secretaris vertrekken zal de vergadering korter maken.",
        "Het Groningse bestuur zal volgens de krant de knoop doorhakken.",
        "De aannemer zegt dat er kansen zijn, al zullen de kosten stijgen.",
        "Dank aan de wethouder voor die toezegging.",
        "Volgens Tim Bos zal de provincie het plan toch doorzetten.",
        "Misschien zal de wethouder de cijfers nog sturen.",
        "De wethouder neemt waarschijnlijk contact op met de provincie.",
    ],
)
def test_refusals_and_sentences_whose_subject_is_no_one_named_are_no_actions(sentence):
    _, _, actions = _find(sentence + "\n")
    assert actions == []


def test_a_view_before_a_promise_in_a_turn_is_no_action():
    text = (
        "Karin Smit: Ik denk dat wij de brief voor vrijdag sturen. Wij sturen de brief misschien voor vrijdag.\n"
        "Karin Smit: Wij sturen de brief zo snel mogelijk.\n"
    )
    _, _, actions = _find(text, format="turns")
    assert [(a.text, a.who, a.due) for a in actions] == [("Wij sturen de brief zo snel mogelijk.", "Karin Smit", "zo snel mogelijk")]


def test_a_single_surname_acts_when_it_is_a_speaker():
    speakers = [Speaker(id="sp1", name="Marloes Timmer", aliases=["Timmer"])]
    _, _, with_list = _find("Timmer zegde daarop toe de cijfers te sturen.\n", speakers=speakers)
    _, _, without = _find("Timmer zegde daarop toe de cijfers te sturen.\n")
    assert [(a.who, a.speaker_id) for a in with_list] == [("Timmer", "sp1")]
    assert [(a.who, a.speaker_id) for a in without] == [(None, None)]


def test_a_question_about_a_promise_or_a_forecast_is_no_action():
    _, _, actions = _find(MINUTES)
    texts = " ".join(a.text for a in actions)
    assert "vraagt of" not in texts
    assert "kosten" not in texts


def test_procedural_decisions_in_minutes():
    _, decisions, _ = _find(MINUTES)
    assert [(d.text, d.kind) for d in decisions] == [
        ("De agenda wordt ongewijzigd vastgesteld.", "hamerstuk"),
        ("De notulen worden vastgesteld.", "hamerstuk"),
        ("Het voorstel wordt zonder stemming aangenomen.", "hamerstuk"),
        ("Conform besloten.", "besluit"),
    ]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Dan besluiten we dat de speeltuin in april opengaat.", "besluit"),
        ("Wij beslissen om de subsidie te verlengen.", "besluit"),
        ("Aldus vastgesteld in de openbare vergadering van 12 maart.", "besluit"),
        ("De raad keurt de jaarrekening goed.", "besluit"),
        ("De begroting wordt met een kleine wijziging vastgesteld.", "besluit"),
        ("Het verslag van 3 februari wordt goedgekeurd.", "hamerstuk"),
        ("De motie wordt met 21 stemmen voor en 9 tegen aangenomen.", "aangenomen"),
        ("Motie 4 over de kermis: verworpen.", "verworpen"),
        ("De voorzitter concludeert dat er steun is voor het plan.", "conclusie"),
        ("De motie over de kermis haalde geen meerderheid.", "verworpen"),
        ("De brief van de provincie wordt voor kennisgeving aangenomen.", "hamerstuk"),
        # negative cases
        ("Ik ben het niet eens met dit besluit.", None),
        ("Zij vraagt of de raad het voorstel aanneemt.", None),
        ("De heer Kok vraagt of het voorstel wordt aangenomen.", None),
        ("Wordt het voorstel vandaag aangenomen?", None),
        ("Besluiten we dat vandaag?", None),
        ("Dat besluiten we later wel.", None),
        ("In het rapport wordt vastgesteld dat de kosten stijgen.", None),
        ("De schade wordt vastgesteld op drie ton.", None),
        ("Er kwamen boze reacties op het besluit om de brug te sluiten.", None),
        ("Binnen een uur beslissen we of de markt doorgaat.", None),
        ("Ik heb nog niets besloten.", None),
        ("De provincie moet nog instemmen met de subsidie.", None),
        ("De fractie kon daarom niet instemmen met de bezuiniging.", None),
        ("Als de raad besluit om de school te sluiten, volgen er protesten.", None),
        ("De huur kan voor vijf jaar worden vastgesteld.", None),
        ("De onderzoekers concluderen dat de dijk te laag is.", None),
    ],
)
def test_decision_kinds(sentence, kind):
    assert decision_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "undertakes"),
    [
        ("Ik zal de aannemer morgen bellen.", True),
        ("Wij zullen ervoor zorgen dat het pad open blijft.", True),
        ("De secretaris zoekt uit wat de huur kost.", True),
        ("Mevrouw Jansen stuurt het verslag rond.", True),
        ("Voor vrijdag stuur ik u de cijfers.", True),
        ("Jan levert de tekeningen uiterlijk 1 april aan.", True),
        ("De wethouder neemt de suggestie mee.", True),
        ("Ik ga de cijfers bij de provincie opvragen.", True),
        ("Morgen gaan we de bewoners bellen.", True),
        # negative cases
        ("Ik zal kort zijn.", False),
        ("Ik zal dat niet doen.", False),
        ("Ik zal nu de vergadering sluiten.", False),
        ("Ik ben voor vrijdag terug.", False),
        ("De wethouder wil vóór de zomer duidelijkheid.", False),
        ("Wij bespreken volgende week de begroting.", False),
        ("Zal de wethouder de brief sturen?", False),
        ("De gemeente plant bomen in het park.", False),
        ("Trainer Van Dam verwacht dat de spits binnen een maand fit is.", False),
        ("Ik ga ervan uit dat het lukt.", False),
        ("De partij gaat te ver met haar plannen voor de weekendscholen.", False),
        ("Wij gaan nu stemmen.", False),
    ],
)
def test_undertakings(sentence, undertakes):
    assert (undertaking_cue(sentence) is not None) is undertakes


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Ik stuur u de cijfers voor 1 maart.", "voor 1 maart"),
        ("Ik stuur u de cijfers uiterlijk vrijdag.", "uiterlijk vrijdag"),
        ("De notitie komt binnen twee weken.", "binnen twee weken"),
        ("De notitie komt binnen een maand.", "binnen een maand"),
        ("Het plan is in het eerste kwartaal klaar.", "in het eerste kwartaal"),
        ("De brief gaat vóór de zomer de deur uit.", "vóór de zomer"),
        ("Wij reageren zo spoedig mogelijk.", "zo spoedig mogelijk"),
        ("Ik bel de aannemer morgen.", "morgen"),
        ("De werkgroep reageert bij de begrotingsbehandeling.", "bij de begrotingsbehandeling"),
        ("Ik bel de aannemer.", None),
        ("Goedemorgen allemaal.", None),
    ],
)
def test_by_when(sentence, due):
    assert due_date(sentence) == due


CONSENT = """Verslag bewonersoverleg Kastanjelaan

2. Vaststelling agenda
Akkoord.

3. Buurtfeest
Voorstel: het buurtfeest verhuist naar de laatste zaterdag van juni.
Akkoord.

4. Rondvraag
Er zijn geen vragen over het parkeren.
Akkoord.
"""


def test_a_bare_akkoord_after_a_proposal_is_a_decision_spanning_both():
    transcript, decisions, _ = _find(CONSENT)
    assert [(d.text, d.kind) for d in decisions] == [
        ("Vaststelling agenda\nAkkoord.", "hamerstuk"),
        ("Voorstel: het buurtfeest verhuist naar de laatste zaterdag van juni.\nAkkoord.", "instemming"),
    ]
    assert all(transcript.text[d.start : d.end] == d.text for d in decisions)


def test_consent_needs_a_proposal_before_it():
    assert consent_kind("Akkoord.", "Kunnen we hiermee akkoord?") == "instemming"
    assert consent_kind("Daartoe wordt besloten.", "Ik stel voor, de werkgroep Groen op te heffen.") == "besluit"
    assert consent_kind("Daartoe wordt besloten.", "Mevrouw Kok heeft het woord.") is None
    assert consent_kind("Akkoord.", "Er zijn geen vragen over het parkeren.") is None
    assert consent_kind("Akkoord met de planning van de aannemer.", "Voorstel: de aannemer begint in mei.") is None


SPEAKERS = [
    Speaker(id="sp1", name="De Boer", roles=["wethouder"]),
    Speaker(id="sp2", name="Petra Smulders", aliases=["Smulders"], roles=["voorzitter"]),
    Speaker(id="sp3", name="Anna de Wit"),
    Speaker(id="sp4", name="Kees de Wit"),
]


@pytest.mark.parametrize(
    ("who", "speaker_id"),
    [
        ("Wethouder De Boer", "sp1"),
        ("Mevrouw De Boer", "sp1"),
        ("De wethouder", "sp1"),
        ("Petra", "sp2"),
        ("Smulders", "sp2"),
        ("A. de Wit", "sp3"),
        # negative cases: nobody, or two people who fit
        ("De Wit", None),
        ("Wethouder Bakker", None),
        ("De secretaris", None),
        (None, None),
    ],
)
def test_who_is_linked_to_the_speaker_list(who, speaker_id):
    assert speaker_id_for(who, SPEAKERS) == speaker_id


LINKED = """Voorzitter: Welkom. We beginnen met de fietsroute.
De Boer: Dank u wel, voorzitter. Het plan ligt er.
Voorzitter: Wethouder De Boer zegt toe de planning voor 1 maart te sturen.
"""


def test_an_action_of_a_speaker_named_with_the_office_gets_the_speaker_id(analyse):
    analysis = analyse(LINKED, format="turns")
    boer = next(s for s in analysis.speakers if s.name == "De Boer")
    (action,) = [a for s in analysis.sessions for a in s.actions]
    assert action.who == "Wethouder De Boer"
    assert action.speaker_id == boer.id
    frames = corpus_frames([analysis])
    assert frames["actions"]["speaker_id"].tolist() == [f"{analysis.document.id}:{boer.id}"]


@pytest.mark.parametrize(
    ("cues", "keywords"),
    [
        ("decision_cues.txt", "decision_keywords.txt"),
        ("decision_consent.txt", "decision_keywords.txt"),
        ("action_undertakings.txt", "action_keywords.txt"),
    ],
)
def test_every_cue_holds_a_keyword_of_the_quick_test(cues, keywords):
    from pipeline.resources import _lines, word_set

    parts = word_set(keywords)
    for line in _lines(cues):
        assert any(part in line.lower() for part in parts), line


def test_a_decision_stated_in_a_turn_carries_the_speaker_id_of_the_turn(analyse):
    analysis = analyse(LINKED + "Voorzitter: Dan besluiten we dat de route in mei opengaat.\n", format="turns")
    chair = next(s for s in analysis.speakers if s.name == "Voorzitter")
    (decision,) = [d for s in analysis.sessions for d in s.decisions]
    assert decision.speaker_id == chair.id
    assert corpus_frames([analysis])["decisions"]["speaker_id"].tolist() == [f"{analysis.document.id}:{chair.id}"]


def test_a_decision_in_prose_minutes_has_no_speaker_id():
    _, decisions, _ = _find(MINUTES, speakers=SPEAKERS)
    assert decisions and all(d.speaker_id is None for d in decisions)


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        # finding something out from someone outside the meeting, and arranging something, are undertakings
        ("Femke de Graaf informeert bij de gemeente naar de planning.", "Femke de Graaf"),
        ("Mevrouw Bos informeert morgen bij de provincie of de subsidie doorgaat.", "Mevrouw Bos"),
        ("De wethouder zorgt voor een nieuwe planning.", "De wethouder"),
        ("De secretaris zorgt voor een oplossing voor de overlast.", "De secretaris"),
        ("Dan zorgt de voorzitter voor een andere zaal.", "de voorzitter"),
    ],
)
def test_finding_out_and_arranging_are_actions(sentence, who):
    _, decisions, actions = _find(sentence + "\n")
    assert [(a.text, a.who) for a in actions] == [(sentence, who)]
    assert decisions == []


@pytest.mark.parametrize(
    "sentence",
    [
        # telling someone is no undertaking
        "Zij informeert de raad over de voortgang.",
        "De wethouder informeert de commissie over de planning.",
        "De wethouder informeert de raad naar aanleiding van de vragen.",
        # asking in the meeting itself: without "bij", or of an office at the table
        "De heer Kok informeert naar de stand van zaken.",
        "Mevrouw Bos informeert bij de wethouder naar de planning.",
        # a cause, not an arrangement
        "Dat zorgt voor overlast.",
        "De nieuwe rotonde zorgt voor minder files.",
        "De wethouder zorgt met dit besluit voor veel onrust.",
        "Het college zorgt voor geluidsoverlast.",
        # someone who is not named
        "Zij informeert bij de gemeente naar de planning.",
    ],
)
def test_telling_asking_and_causing_are_no_actions(sentence):
    _, _, actions = _find(sentence + "\n")
    assert actions == []


def test_a_first_person_arrangement_in_a_turn_belongs_to_the_speaker():
    _, _, actions = _find("Femke de Graaf: Ik informeer bij de gemeente naar de planning. Wij zorgen voor koffie.\n", format="turns")
    assert [(a.text, a.who) for a in actions] == [
        ("Ik informeer bij de gemeente naar de planning.", "Femke de Graaf"),
        ("Wij zorgen voor koffie.", "Femke de Graaf"),
    ]


def test_names_with_capitals_outside_latin_1_act_and_open_sentences():
    text = "De notulen worden vastgesteld. Şahin zegt toe de cijfers te sturen.\nActiepunten:\n- Planning rondsturen (Ş. Yılmaz).\n"
    _, decisions, actions = _find(text)
    assert [d.text for d in decisions] == ["De notulen worden vastgesteld."]
    assert [(a.text, a.who) for a in actions] == [
        ("Şahin zegt toe de cijfers te sturen.", None),  # one word, not a speaker: nobody named
        ("- Planning rondsturen (Ş. Yılmaz).", "Ş. Yılmaz"),
    ]


def test_a_lower_case_word_after_a_full_stop_opens_no_sentence():
    _, decisions, _ = _find("De notulen worden vastgesteld. şahin is er niet.\n")
    assert [d.text for d in decisions] == ["De notulen worden vastgesteld. şahin is er niet."]
