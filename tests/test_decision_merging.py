"""One act, one decision: a sentence that only confirms the decision before it, or a minute's label restating it,
joins that decision; a consent outside the chair's turn is stated by the chair; the session summary carries the
decision; and decisions about the meeting's own agenda or minutes stay decisions but are no summary material."""

from __future__ import annotations

import pytest

from pipeline.ingest import read_text
from pipeline.summaries.decisions import confirms, find_decisions_and_actions, restates
from pipeline.summaries.publishable import procedural_decision, rejection

# Minutes of a neighbourhood council (invented names and places).
MINUTES = """Verslag van de wijkraad Noordkwartier

1. Opening en vaststelling agenda
De voorzitter opent de vergadering. De agenda wordt ongewijzigd vastgesteld.

2. Verslag vorige vergadering
Het verslag van 4 maart wordt zonder wijzigingen vastgesteld. Dit is een hamerstuk.

3. Speelveld Beukenlaan
Femke Arends licht de plannen voor het speelveld toe. Dan concluderen we dat het plan naar de raad gaat. Conclusie: het speelplan gaat naar de gemeenteraad.
Ik stel vast dat de wijkraad instemt met de nieuwe bankjes. Conform besloten.
"""

# Two different decisions in a row stay two.
TWO_DECISIONS = """Verslag van de wijkraad Noordkwartier

1. Begroting
De wijkraad stemt in met de begroting voor het buurtfeest. Besluit: de subsidie voor de moestuin wordt verlengd.
Dan concluderen we dat de brug in mei dichtgaat. Conclusie: de kermis verhuist naar het Marktveld.
Conclusie: de vijver wordt uitgebaggerd. Conclusie: de vijver krijgt een nieuw hek.
"""

# A Handelingen-style sitting: the consent stands outside the chair's turn (invented names).
SITTING = """Vergadering van de gemeenteraad van Lindeloo

Voorzitter: Van Essen

De heer KUIPERS (CDA):
Voorzitter. Wij steunen het plan voor de nieuwe sporthal, maar de buurt moet meepraten over de ingang.

Mevrouw EL AMRANI (D66):
De sportclubs in het dorp wachten al tien jaar op een betere zaal om te trainen.

De VOORZITTER:
Ik stel voor het voorstel over de sporthal aan te nemen.

Daartoe wordt besloten.

De VOORZITTER:
Ik sluit de vergadering.
"""


def _find(text: str, *, format: str | None = None):
    transcript = read_text(text, format=format)

    def speaker_at(offset: int) -> str | None:
        return next((b.speaker for b in transcript.blocks if b.start <= offset < b.end), None)

    decisions, _ = find_decisions_and_actions(transcript.text, transcript.blocks, speaker_at)
    return transcript, decisions


def test_a_confirming_sentence_joins_the_decision_before_it():
    transcript, decisions = _find(MINUTES)
    assert [(d.kind, d.text) for d in decisions] == [
        ("hamerstuk", "De agenda wordt ongewijzigd vastgesteld."),
        ("hamerstuk", "Het verslag van 4 maart wordt zonder wijzigingen vastgesteld. Dit is een hamerstuk."),
        ("conclusie", "Dan concluderen we dat het plan naar de raad gaat. Conclusie: het speelplan gaat naar de gemeenteraad."),
        ("instemming", "Ik stel vast dat de wijkraad instemt met de nieuwe bankjes. Conform besloten."),
    ]
    assert all(transcript.text[d.start : d.end] == d.text for d in decisions)


def test_two_different_decisions_in_a_row_stay_two():
    _, decisions = _find(TWO_DECISIONS)
    assert [d.kind for d in decisions] == ["instemming", "besluit", "conclusie", "conclusie", "conclusie", "conclusie"]


@pytest.mark.parametrize(
    ("sentence", "confirming"),
    [
        ("Dit is een hamerstuk.", True),
        ("Conform besloten.", True),
        ("Aldus besloten.", True),
        ("Daartoe wordt besloten.", True),
        # negative cases: a decision of its own, or more than a confirmation
        ("Het voorstel over de bankjes is een hamerstuk voor de raad van volgende week.", False),
        ("Conform besloten, met dien verstande dat de wethouder de buurt eerst informeert.", False),
        ("Dit is een belangrijk besluit.", False),
    ],
)
def test_what_only_confirms_a_decision(sentence, confirming):
    assert confirms(sentence) is confirming


def test_a_label_restates_a_decision_of_its_kind_that_shares_a_word():
    spoken = "Dan concluderen we dat het plan naar de raad gaat."
    assert restates(spoken, "conclusie", "Conclusie: het speelplan gaat naar de gemeenteraad.", "conclusie")
    # negative cases: nothing in common, another kind, a label after a label
    assert not restates(spoken, "conclusie", "Conclusie: de kermis verhuist naar het Marktveld.", "conclusie")
    assert not restates(spoken, "conclusie", "Besluit: het plan gaat naar de raad.", "besluit")
    assert not restates("Conclusie: de vijver wordt uitgebaggerd.", "conclusie", "Conclusie: de vijver krijgt een hek.", "conclusie")


def test_a_consent_outside_the_chairs_turn_is_stated_by_the_chair(analyse):
    analysis = analyse(SITTING)
    chair = next(s for s in analysis.speakers if s.name == "Van Essen")
    (decision,) = [d for s in analysis.sessions for d in s.decisions]
    assert decision.text == "Ik stel voor het voorstel over de sporthal aan te nemen.\n\nDaartoe wordt besloten."
    assert decision.speaker_id == chair.id


def test_a_consent_makes_the_proposal_a_decision_in_the_session_summary(analyse):
    analysis = analyse(SITTING)
    (session,) = analysis.sessions
    assert session.summary is not None
    assert "Daartoe wordt besloten." in session.summary.text
    assert "Ik stel voor het voorstel over de sporthal aan te nemen." in session.summary.text


def test_a_proposal_without_consent_is_no_forced_decision_in_the_summary(analyse):
    analysis = analyse(SITTING.replace("Daartoe wordt besloten.\n\n", ""))
    (session,) = analysis.sessions
    assert session.decisions == []
    assert session.summary is not None and "Daartoe" not in session.summary.text


@pytest.mark.parametrize(
    ("unit", "procedural"),
    [
        ("De agenda wordt ongewijzigd vastgesteld.", True),
        ("De notulen van de vorige vergadering worden met één wijziging goedgekeurd.", True),
        ("Het verslag van 4 maart wordt zonder wijzigingen vastgesteld. Dit is een hamerstuk.", True),
        # negative cases: a hamerstuk about something else, and the agenda without a decision
        ("Het voorstel voor de nieuwe bankjes is een hamerstuk.", False),
        ("De agenda van de wijkraad staat vol met plannen voor het speelveld.", False),
    ],
)
def test_decisions_about_the_agenda_or_minutes_are_no_summary_material(unit, procedural):
    assert procedural_decision(unit) is procedural
    assert (rejection(unit) == "procedural") is procedural


def test_minutes_summary_does_not_open_with_the_agenda_but_keeps_it_as_a_decision(analyse):
    analysis = analyse(MINUTES)
    assert analysis.summary is not None
    assert "agenda" not in analysis.summary.text.lower()
    assert "verslag van 4 maart" not in analysis.summary.text
    assert "wijkraad instemt met de nieuwe bankjes" in analysis.summary.text  # a decision on the matter itself
    kinds = [d.text for s in analysis.sessions for d in s.decisions]
    assert "De agenda wordt ongewijzigd vastgesteld." in kinds
