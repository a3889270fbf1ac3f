"""A summary unit that opens with a personal pronoun, also after a preposition ("Volgens hem …"), stands only
right after a unit that names the person the pronoun means: when the quote attribution resolves the pronoun, the
unit before must name exactly that person; else it must name someone."""

from __future__ import annotations

import pytest

from pipeline.analyze import parse
from pipeline.ingest import read_text
from pipeline.results import THEME_SENTENCES
from pipeline.summaries.extractive import prepare
from pipeline.summaries.publishable import needs_predecessor, opening_pronoun

# Invented names and places.
REPORT = """Onrust over nieuwe parkeerregels in Zuiderhaven

Wethouder Jan Peters verdedigde het parkeerplan dinsdag in de gemeenteraad. Raadslid Sanne Kok noemde het plan slecht voor de winkels in het centrum. Volgens hem is het vertrouwen van de winkeliers in het stadhuis flink beschadigd.

Wethouder Jan Peters sprak daarna met de winkeliers van de Marktstraat. Volgens hem komen er volgend jaar meer parkeerplaatsen aan de rand van de stad.
"""


@pytest.mark.parametrize(
    ("unit", "pronoun"),
    [
        ("Volgens hem is het vertrouwen flink beschadigd.", "hem"),
        ("Voor haar is de sluiting van de bibliotheek een groot verlies.", "haar"),
        ("Met hen wil de wethouder na de zomer verder praten.", "hen"),
        ("„Volgens haar kan het anders,” zegt de buurman.", "haar"),
        ("Zij wil dat de gemeente de brug snel herstelt.", "zij"),
        # negative cases: a name, a first person, a noun after the preposition
        ("Volgens Peters is het vertrouwen flink beschadigd.", None),
        ("Volgens mij is het vertrouwen flink beschadigd.", None),
        ("Voor de winkeliers is de sluiting van de straat een groot verlies.", None),
        ("Met de buurt wil de wethouder na de zomer verder praten.", None),
    ],
)
def test_the_pronoun_a_unit_opens_with(unit, pronoun):
    found = opening_pronoun(unit)
    assert (found[1] if found else None) == pronoun
    if found:
        assert unit[found[0] : found[0] + len(pronoun)].lower() == pronoun
        assert needs_predecessor(unit)


def test_a_preposition_and_a_name_needs_no_unit_before_it():
    assert not needs_predecessor("Volgens Peters is het vertrouwen flink beschadigd.")


def _prepared(nlp, text: str):
    doc = parse(nlp, read_text(text, source="verslag.txt"))
    return prepare(list(doc.spans[THEME_SENTENCES]))


def test_volgens_hem_stands_only_after_the_unit_that_names_him(nlp):
    prepared = _prepared(nlp, REPORT)
    texts = [u.text for u in prepared.units]
    first = texts.index("Volgens hem is het vertrouwen van de winkeliers in het stadhuis flink beschadigd.")
    second = texts.index("Volgens hem komen er volgend jaar meer parkeerplaatsen aan de rand van de stad.")
    assert prepared.dependent[first] and prepared.dependent[second]
    # "hem" is the wethouder (the attribution says so), but the unit before names the councillor Sanne Kok
    assert prepared.predecessor[first] == -1
    # the unit before names Jan Peters himself
    assert texts[prepared.predecessor[second]] == "Wethouder Jan Peters sprak daarna met de winkeliers van de Marktstraat."


def test_a_pronoun_after_a_unit_that_names_no_one_cannot_stand(nlp):
    text = """Parkeren in Zuiderhaven

Het parkeren in de binnenstad wordt volgend jaar veel duurder voor bezoekers. Volgens haar is dat een slecht idee voor de winkels.
"""
    prepared = _prepared(nlp, text)
    texts = [u.text for u in prepared.units]
    i = texts.index("Volgens haar is dat een slecht idee voor de winkels.")
    assert prepared.predecessor[i] == -1
