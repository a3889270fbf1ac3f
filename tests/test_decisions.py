"""Decisions and action items: what minutes and transcripts record as decided and promised."""

from __future__ import annotations

import pytest

from pipeline.ingest import BlockKind, read_text
from pipeline.summaries.decisions import decision_kind, due_date, find_decisions_and_actions, sentences_of

MINUTES = """Verslag bewonersoverleg De Vlinderhof

Aanwezig: Petra Smulders (voorzitter), Karim Bouzid, Els van der Heijden, wethouder Van Dijk

1. Opening
De voorzitter opent de vergadering om 19.30 uur.

2. Speeltuin aan de Lindelaan
De werkgroep bespreekt de plannen voor de speeltuin. De bewoners stemmen in met het ontwerp van het nieuwe klimrek.
Besluit: de speeltuin gaat in april open.
Actiepunt: Karim Bouzid vraagt vóór 15 maart een offerte aan bij twee hoveniers.
Wethouder Van Dijk zegt toe de subsidie voor de zomer te regelen.

3. Bomenkap
Er is nog geen besluit over de kap van de populieren.
Het voorstel om de populieren te vervangen wordt met algemene stemmen aangenomen.
De motie over extra bankjes wordt verworpen.
Els van der Heijden komt er in de volgende vergadering op terug.

Actiepunten:
- Petra stuurt het verslag rond (binnen twee weken).
- De secretaris zet de bomenkap op de agenda.
"""

TRANSCRIPT = """Voorzitter: Welkom allemaal. We beginnen met de begroting van de bibliotheek.
Anouk Verbeek: Ik zal nagaan of het budget voor de bibliotheek volstaat.
Voorzitter: Dank u. Dan stel ik vast dat de commissie instemt met het voorstel. Het voorstel is daarmee als hamerstuk afgedaan.
Ruben Hoekstra: Daar kom ik volgende week op terug.
Anouk Verbeek: Ik ga na de pauze graag verder over de leesclub.
"""


def _find(text: str, *, with_speakers: bool = False):
    transcript = read_text(text)

    def speaker_at(offset: int) -> str | None:
        return next((b.speaker for b in transcript.blocks if b.start <= offset < b.end), None)

    decisions, actions = find_decisions_and_actions(transcript.text, transcript.blocks, speaker_at if with_speakers else None)
    return transcript, decisions, actions


def test_decisions_in_minutes_with_their_kind_and_offsets():
    transcript, decisions, _ = _find(MINUTES)
    found = {d.text: d.kind for d in decisions}
    assert found == {
        "De bewoners stemmen in met het ontwerp van het nieuwe klimrek.": "instemming",
        "Besluit: de speeltuin gaat in april open.": "besluit",
        "Het voorstel om de populieren te vervangen wordt met algemene stemmen aangenomen.": "aangenomen",
        "De motie over extra bankjes wordt verworpen.": "verworpen",
    }
    for d in decisions:
        assert transcript.text[d.start : d.end] == d.text


def test_no_decision_yet_is_no_decision():
    _, decisions, _ = _find(MINUTES)
    assert not any("nog geen besluit" in d.text for d in decisions)
    assert decision_kind("Er wordt aangenomen dat de kosten meevallen.") is None
    assert decision_kind("Pas na de zomer wordt besloten of de bibliotheek verhuist.") is None


def test_attendance_and_opening_lines_are_neither_decisions_nor_actions():
    _, decisions, actions = _find(MINUTES)
    texts = [x.text for x in [*decisions, *actions]]
    assert not any(t.startswith(("Aanwezig", "De voorzitter opent")) for t in texts)


def test_action_items_in_minutes_with_who_and_by_when():
    transcript, _, actions = _find(MINUTES)
    found = [(a.who, a.due) for a in actions]
    assert found == [
        ("Karim Bouzid", "vóór 15 maart"),
        ("Wethouder Van Dijk", "voor de zomer"),
        ("Els van der Heijden", "in de volgende vergadering"),
        ("Petra", "binnen twee weken"),
        ("De secretaris", None),
    ]
    for a in actions:
        assert transcript.text[a.start : a.end] == a.text


def test_transcript_promises_go_to_the_speaker_of_the_turn():
    _, decisions, actions = _find(TRANSCRIPT, with_speakers=True)
    assert [(d.kind, d.text) for d in decisions] == [
        ("instemming", "Dan stel ik vast dat de commissie instemt met het voorstel."),
        ("hamerstuk", "Het voorstel is daarmee als hamerstuk afgedaan."),
    ]
    assert [(a.who, a.due, a.text) for a in actions] == [
        ("Anouk Verbeek", None, "Ik zal nagaan of het budget voor de bibliotheek volstaat."),
        ("Ruben Hoekstra", "volgende week", "Daar kom ik volgende week op terug."),
    ]


def test_without_speakers_a_first_person_promise_has_no_who():
    _, _, actions = _find(TRANSCRIPT)
    assert actions[0].who is None


def test_going_on_after_the_break_is_no_action():
    _, _, actions = _find(TRANSCRIPT, with_speakers=True)
    assert not any("pauze" in a.text for a in actions)


def test_a_bulleted_decision_list_under_its_label():
    text = "Besluitenlijst vergadering\n\nBesluiten:\n- Het speelplein krijgt een nieuwe omheining.\n- De kas blijft open tot oktober.\n"
    transcript = read_text(text)
    decisions, actions = find_decisions_and_actions(transcript.text, transcript.blocks)
    assert [d.kind for d in decisions] == ["besluit", "besluit"]
    assert not actions


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("Jan stuurt de stukken uiterlijk vrijdag rond.", "uiterlijk vrijdag"),
        ("De notitie komt voor het eind van het jaar.", "voor het eind van het jaar"),
        ("Marieke levert de cijfers per 1 april 2027 aan.", "per 1 april 2027"),
        ("Het college reageert binnen zes weken.", "binnen zes weken"),
        ("Jan stuurt de stukken rond.", None),
    ],
)
def test_due_dates_as_the_text_says_them(sentence, due):
    assert due_date(sentence) == due


def test_sentences_are_not_cut_after_abbreviations_or_initials():
    text = "Dhr. Jansen en J. de Vries zijn er o.a. bij. Zij stemmen in met het plan."
    assert [text[a:b] for a, b in sentences_of(text, 0, len(text))] == [
        "Dhr. Jansen en J. de Vries zijn er o.a. bij.",
        "Zij stemmen in met het plan.",
    ]


def test_only_content_and_heading_blocks_are_searched():
    transcript = read_text(MINUTES)
    title_only = [b for b in transcript.blocks if b.kind is BlockKind.TITLE]
    assert find_decisions_and_actions(transcript.text, title_only) == ([], [])
