"""Decisions and action items reach the output: per session, and in the session's summary."""

from __future__ import annotations

MINUTES = """Verslag commissie Ruimte

1. Speeltuin Westwijk

De heer Mol vraagt wanneer de nieuwe toestellen worden geplaatst. De wethouder antwoordt dat dit in mei gebeurt.
Besluit: de commissie stemt in met het plan voor de speeltuin.
Actiepunt: de wethouder stuurt vóór 1 maart een planning naar de commissie.

2. Rondvraag

Er zijn geen vragen.
"""

TURNS = """Anna de Wit: Goedemorgen, we bespreken het plan voor de speeltuin.
Tim Verhoef: Ik zal nagaan of de toestellen in mei geleverd kunnen worden.
Anna de Wit: Dank je. Dan is het plan hierbij aangenomen.
"""


def test_a_besluit_line_is_a_decision_of_its_session(analyse):
    analysis = analyse(MINUTES)
    first = analysis.sessions[0]
    assert any("stemt in met het plan" in d.text for d in first.decisions)
    assert all(not s.decisions for s in analysis.sessions[1:])
    text = MINUTES
    for d in first.decisions:
        assert analysis.sessions[0].start <= d.start < d.end <= analysis.sessions[0].end
        assert d.text.strip() in text


def test_an_actiepunt_is_an_action_with_its_deadline(analyse):
    analysis = analyse(MINUTES)
    (action,) = [a for a in analysis.sessions[0].actions if "planning" in a.text]
    assert action.due is not None and "1 maart" in action.due


def test_a_promise_in_a_turn_is_an_action_of_the_turn_holder(analyse):
    analysis = analyse(TURNS, format="turns")
    actions = [a for s in analysis.sessions for a in s.actions]
    assert [a.who for a in actions if "nagaan" in a.text] == ["Tim Verhoef"]


def test_a_report_without_decisions_has_none(analyse):
    analysis = analyse("Wethouder Karin Bakker opende de bijeenkomst.\n\n“We gaan door”, zegt Bakker.\n")
    assert all(not s.decisions and not s.actions for s in analysis.sessions)


def test_a_title_keeps_the_closing_mark_of_a_quote_inside_it(analyse):
    analysis = analyse("Burgemeester: “We gaan door met het plan”\n\nDe burgemeester sprak de raad toe.\n")
    assert analysis.document.title == "Burgemeester: “We gaan door met het plan”"


def test_a_title_quoted_as_a_whole_loses_its_marks(analyse):
    analysis = analyse("“Clustervorming is mensenwerk”\n\nDe bijeenkomst werd goed bezocht.\n")
    assert analysis.document.title == "Clustervorming is mensenwerk"


def test_the_document_id_depends_on_the_file_name_and_text_not_the_folder(nlp):
    from pipeline.analyze import build_analysis, parse
    from pipeline.ingest import read_text

    text = "De raad vergadert over de begroting.\n"
    ids = set()
    for source in ("/a/verslag.txt", "b/verslag.txt"):
        transcript = read_text(text, source=source)
        ids.add(build_analysis(parse(nlp, transcript), transcript).document.id)
    assert len(ids) == 1
    other = read_text(text + "Er wordt gestemd.\n", source="verslag.txt")
    assert build_analysis(parse(nlp, other), other).document.id not in ids


def test_a_sentence_opening_word_is_not_who_acts(analyse):
    text = (
        "Sandra Mol: Prima, dat zal ik nagaan bij de gemeente.\n"
        "Tim Verhoef: Dank aan de wethouder voor die toezegging.\n"
    )
    analysis = analyse(text, format="turns")
    actions = [a for s in analysis.sessions for a in s.actions]
    assert [a.who for a in actions if "nagaan" in a.text] == ["Sandra Mol"]
    assert all(a.who not in ("Prima", "Dank") for a in actions)
