"""Summaries as a fresh reader of minutes, transcripts and short news texts finds them (issue #12).

- Minutes: attendance in sentence form ("Afwezig is de heer Van Dam.") is never summary text; a session with a
  decision carries its main decision in its summary.
- Turn transcripts: the summary states content; a first-person sentence ("Ik denk dat we …") speaks for
  someone it cannot name (the summary's text is the source's own), so it is taken only when nothing else can
  fill the summary; the speakers' own views are in who said what.
- Short news texts: with four or more usable sentences a summary has at least two, and key points are not
  empty while informative sentences are left over.
"""

from __future__ import annotations

import pytest

from pipeline.summaries.extractive import MIN_UNITS, MIN_UNITS_FROM, choose, prepare
from pipeline.summaries.publishable import first_person, rejection

MINUTES = """Verslag vergadering wijkraad Lindenhof

Afwezig is de heer Van Dam.
Aanwezig zijn Petra Smulders, Karim Bouzid, Els van der Heijden en Joris Lammers.

De wijkraad bespreekt de plannen voor de speeltuin aan de Lindelaan en de kosten van nieuwe toestellen.
Bewoners van de Lindelaan klagen al jaren over de kapotte schommels en de modderige grasvelden rond de speeltuin.
De gemeente heeft voor de nieuwe speeltuin veertigduizend euro gereserveerd in de begroting van volgend jaar.
Een hovenier uit de buurt heeft een ontwerp met natuurlijk speelgoed en een wadi gemaakt voor de speeltuin.
Besluit: de wijkraad stemt in met het ontwerp van de hovenier voor de speeltuin aan de Lindelaan.
Karim Bouzid vraagt offertes aan bij twee hoveniers uit de buurt voor het onderhoud van de speeltuin.
"""

DECISION = "Besluit: de wijkraad stemt in met het ontwerp van de hovenier voor de speeltuin aan de Lindelaan."
NO_DECISION = "De wijkraad praat nog verder over het ontwerp van de hovenier voor de speeltuin aan de Lindelaan."


@pytest.mark.parametrize(
    "line",
    [
        "Afwezig is de heer Van Dam.",
        "Aanwezig zijn Petra Smulders, Karim Bouzid, Els van der Heijden en Joris Lammers.",
        "Met kennisgeving afwezig: Joris Lammers en Els Vos.",
        "De heer Van Dam is met kennisgeving afwezig.",
        "Ook aanwezig is wethouder Karim Bouzid van Financiën.",
        "Mevrouw Smit en de heer Bos hebben zich afgemeld.",
        "Vanavond zijn er ook weer omwonenden van de fabriek op de publieke tribune: welkom.",
    ],
)
def test_attendance_in_sentence_form_and_a_welcome_are_never_summary_text(line):
    assert rejection(line) == "procedural"


@pytest.mark.parametrize(
    "sentence",
    [
        "De wethouder was afwezig bij de stemming over de begroting, maar steunt het voorstel.",
        "Aanwezige ouders klaagden over de modderige grasvelden bij de speeltuin.",
        "De afwezigheid van een plan voor de speeltuin baart de wijkraad zorgen.",
        "Nieuwe bewoners zijn in de wijk Lindenhof altijd welkom, zegt de wijkraad.",
    ],
)
def test_content_about_presence_or_welcome_is_no_procedural_line(sentence):
    assert rejection(sentence) is None


def test_minutes_summary_skips_attendance_sentences_and_carries_the_decision(analyse):
    a = analyse(MINUTES)
    texts = [s.text for s in a.summary.sentences] + list(a.summary.key_points)
    assert not any(t.startswith(("Afwezig", "Aanwezig")) for t in texts)
    assert DECISION in [s.text for s in a.summary.sentences]
    assert [d.text for d in a.summary.decisions] == [DECISION]


def _units(nlp, text: str):
    doc = nlp(text)
    return prepare(list(doc.sents))


def test_the_main_decision_enters_the_summary_even_when_it_ranks_last(nlp):
    body = MINUTES.split("\n\n", 2)[2]
    prepared = _units(nlp, body)
    decision = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Besluit:"))
    assert prepared.decision[decision]
    weights = {"lead": 1.0}  # the first units rank highest, the decision near the end lowest but one
    chosen, _ = choose(prepared, 2, weights=weights, mmr_lambda=1.0)
    assert chosen == [0, decision]


def test_without_a_decision_the_ranking_alone_chooses(nlp):
    body = MINUTES.split("\n\n", 2)[2].replace(DECISION, NO_DECISION)
    prepared = _units(nlp, body)
    assert not any(prepared.decision)
    chosen, _ = choose(prepared, 2, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert chosen == [0, 1]


def test_a_decision_told_in_running_prose_is_left_to_the_ranking(nlp):
    news = MINUTES.split("\n\n", 2)[2].replace(DECISION, "De gemeenteraad besloot vorige week om het ontwerp van de hovenier te betalen.")
    prepared = _units(nlp, news)
    assert not any(prepared.decision)  # a decision, but no minutes label, no hamerstuk, not spoken in a turn
    chosen, _ = choose(prepared, 2, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert chosen == [0, 1]


def test_a_decision_spoken_in_a_transcript_enters_its_summary(nlp):
    spoken = (
        "Sanne Visser: Het fietspad langs de Dorpsstraat is op het smalste stuk maar een meter breed.\n"
        "Ruben Mulder: De winkeliers aan de Dorpsstraat verliezen twintig parkeerplaatsen voor hun klanten.\n"
        "Sanne Visser: Elke ochtend fietsen er meer dan vierhonderd scholieren naar het Stedelijk College.\n"
        "Voorzitter: Dan stel ik vast dat de commissie instemt met het verbreden van het fietspad.\n"
    )
    prepared = _turn_units(nlp, spoken)
    decision = next(i for i, u in enumerate(prepared.units) if "instemt" in u.text)
    assert prepared.decision == [i == decision for i in range(len(prepared.units))]
    chosen, _ = choose(prepared, 2, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert decision in chosen


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ik denk dat we het fietspad langs de Dorpsstraat moeten verbreden.", True),
        ("Volgens mij is de veiligheid van de scholieren belangrijker.", True),
        ("Onze winkeliers verliezen twintig parkeerplaatsen aan de Dorpsstraat.", True),
        ("Het fietspad langs de Dorpsstraat is op het smalste stuk maar een meter breed.", False),
        ("Visser zei: „Wij willen een breder fietspad voor de scholieren.”", False),
        ("Zo'n fietspad kost de gemeente ruim een miljoen euro.", False),
    ],
)
def test_first_person_outside_quotations(sentence, expected):
    assert first_person(sentence) is expected


TURNS = """Voorzitter: Goedemorgen allemaal, welkom bij de commissie Ruimte. Vandaag staat het fietsplan op de agenda.
Sanne Visser: Dank u, voorzitter. Ik denk dat we het fietspad langs de Dorpsstraat moeten verbreden. Ik vind de veiligheid van de scholieren belangrijker dan de parkeerplaatsen.
Ruben Mulder: Wij zijn het daar niet mee eens. Ik wil eerst weten wat de winkeliers van de plannen vinden.
Sanne Visser: Het fietspad langs de Dorpsstraat is op het smalste stuk maar een meter breed. Elke ochtend fietsen er meer dan vierhonderd scholieren naar het Stedelijk College.
Ruben Mulder: De winkeliers aan de Dorpsstraat verliezen met het plan twintig parkeerplaatsen voor hun klanten. Ik denk dat we een andere route moeten zoeken.
Voorzitter: Dank u wel. Dan sluit ik dit agendapunt.
"""


def test_a_transcript_summary_states_content_not_first_person_opinions(analyse):
    a = analyse(TURNS)
    sentences = [s.text for s in a.summary.sentences]
    assert len(sentences) >= MIN_UNITS
    assert not any(first_person(t) for t in sentences + list(a.summary.key_points))
    assert "Het fietspad langs de Dorpsstraat is op het smalste stuk maar een meter breed." in sentences
    # the speakers' own views are given with their names, in who said what
    positions = {w.speaker: w.quote for w in a.summary.who_said_what if w.kind == "position"}
    assert {"Sanne Visser", "Ruben Mulder"} <= set(positions)


def _turn_units(nlp, text: str):
    from pipeline.analyze import parse
    from pipeline.components import theme_sentences
    from pipeline.ingest import read_text

    doc = parse(nlp, read_text(text, source="overleg.txt"))
    return prepare(theme_sentences(doc) or [])


OPINIONS = (
    "Sanne Visser: Ik denk dat we het fietspad langs de Dorpsstraat moeten verbreden.\n"
    "Ruben Mulder: Wij willen eerst weten wat de winkeliers van de plannen vinden.\n"
    "Sanne Visser: Ik vind de veiligheid van de scholieren belangrijker dan de parkeerplaatsen.\n"
    "Ruben Mulder: Volgens mij moeten we een andere route voor de fietsers zoeken.\n"
)
FACT = "Het fietspad langs de Dorpsstraat is op het smalste stuk maar een meter breed."


def test_first_person_sentences_fill_a_transcript_summary_only_when_nothing_else_can(nlp):
    prepared = _turn_units(nlp, OPINIONS)
    assert all(prepared.first_person) and len(prepared.units) >= MIN_UNITS_FROM
    chosen, more = choose(prepared, 3, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert len(chosen) == MIN_UNITS  # not empty, but no more first-person text than the minimum
    assert more == []
    mixed = _turn_units(nlp, OPINIONS + f"Sanne Visser: {FACT}\n")
    chosen, _ = choose(mixed, 1, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert [mixed.units[i].text for i in chosen] == [FACT]


def test_a_sentence_that_refers_back_never_brings_in_a_first_person_one(nlp):
    spoken = (
        "Sanne Visser: Vorig jaar sprak ik hier voor het eerst over het fietspad langs de Dorpsstraat. "
        "Ook toen ging het over de veiligheid van de scholieren op dat smalle fietspad. "
        "Elke ochtend fietsen er meer dan vierhonderd scholieren naar het Stedelijk College. "
        "De gemeente heeft nog altijd geen geld voor een breder fietspad gereserveerd.\n"
        "Ruben Mulder: De winkeliers aan de Dorpsstraat verliezen twintig parkeerplaatsen voor hun klanten.\n"
    )
    prepared = _turn_units(nlp, spoken)
    ook = next(i for i, u in enumerate(prepared.units) if u.text.startswith("Ook toen"))
    assert prepared.first_person[ook - 1] and prepared.predecessor[ook] == ook - 1
    prepared.features[:, :] = 0.0
    prepared.features[ook, 0] = 1.0  # make "Ook toen …" the most salient unit
    chosen, _ = choose(prepared, 3, weights={"lead": 1.0}, mmr_lambda=1.0)
    assert ook not in chosen and ook - 1 not in chosen
    assert len(chosen) == 3


def test_a_writers_we_in_prose_is_no_first_person_unit(nlp):
    prose = "De wijkkrant schrijft over het fietsplan. Als we de cijfers van de gemeente bekijken, fietsen er elke ochtend vierhonderd scholieren door de Dorpsstraat.\n"
    prepared = _turn_units(nlp, prose)
    assert prepared.units and not any(prepared.first_person)


SHORT_NEWS = """Zwembad Oosterwijk dicht

Het overdekte zwembad De Golfslag in Oosterwijk gaat na bijna vijftig jaar definitief dicht omdat de gemeente de stijgende energiekosten en het dure onderhoud van het verouderde gebouw aan de rand van het centrum niet langer kan betalen.
De zwemvereniging van Oosterwijk met ruim driehonderd leden moet vanaf de komende zomer voor alle trainingen en wedstrijden uitwijken naar het nieuwe bad in Ommel op twaalf kilometer afstand van het dorp.
De leerlingen van de vier basisscholen in het dorp krijgen hun wekelijkse schoolzwemmen voortaan in het zwembad van Ommel en gaan daar elke dinsdagochtend met een speciale bus van de gemeente naartoe.
Een groep bewoners uit het centrum verzamelde de afgelopen maanden ruim tweeduizend handtekeningen tegen de sluiting van het geliefde bad en bood die vorige week aan de burgemeester van Oosterwijk aan.
"""


def test_a_short_news_text_gets_two_sentences_and_key_points_even_with_a_small_budget(nlp):
    from pipeline.summaries.structured import KEY_POINT_WORDS, summarise_span

    doc = nlp(SHORT_NEWS)
    sentences = list(doc.sents)
    first = prepare(sentences).words[0]
    summary = summarise_span(sentences, n=3, budget=first)  # room for the first sentence only
    assert len(summary.sentences) >= MIN_UNITS
    # what is left over is longer than a key point and has no clause to cut it at: it is given whole
    assert all(len(u.text.split()) > KEY_POINT_WORDS for u in prepare(sentences).units)
    assert summary.key_points
    chosen = {s.text for s in summary.sentences}
    assert not chosen & set(summary.key_points)
    assert all(point in SHORT_NEWS for point in summary.key_points)


def test_a_text_of_three_sentences_may_be_summed_up_by_one(nlp):
    doc = nlp("\n".join(SHORT_NEWS.splitlines()[2:5]))
    prepared = prepare(list(doc.sents))
    assert len(prepared.units) < MIN_UNITS_FROM
    chosen, _ = choose(prepared, 3, weights={"lead": 1.0}, mmr_lambda=1.0, budget=prepared.words[0])
    assert chosen == [0]
