"""Separable speech verbs ("zegt toe", "stelt voor", "roept op"): the particle belongs to the cue, never to the quote,
in the "te"-infinitive and in the "dat" construction, also where the finite form is listed for a plain verb ("zegt"
of "zeggen")."""

from __future__ import annotations

import pytest

#: (finite form, particle) of separable speech verbs that report a "te"-infinitive as well as a "dat" clause.
INFINITIVE_AND_DAT = [
    ("zegt", "toe"),
    ("zei", "toe"),
    ("geeft", "toe"),
    ("geeft", "aan"),
    ("merkt", "op"),
    ("stelt", "voor"),
    ("roept", "op"),
    ("deelt", "mee"),
    ("kondigt", "aan"),
]
#: Separable speech verbs that report a "dat" clause.
DAT_ONLY = [("legt", "uit"), ("licht", "toe"), ("vult", "aan"), ("voegt", "toe"), ("dringt", "aan")]


def _report(sentence: str) -> str:
    return f"Verslag van de commissie Leefomgeving.\n\n{sentence}\n"


@pytest.mark.parametrize(("verb", "particle"), INFINITIVE_AND_DAT)
def test_the_particle_of_an_infinitive_cue_is_in_the_cue(analyse, verb: str, particle: str) -> None:
    result = analyse(_report(f"De wethouder {verb} {particle} de buurtraad vóór 1 maart per brief te informeren."))
    [quote] = result.quotes
    assert quote.cue == f"De wethouder {verb} {particle}"
    assert quote.text == "de buurtraad vóór 1 maart per brief te informeren"


@pytest.mark.parametrize(("verb", "particle"), INFINITIVE_AND_DAT + DAT_ONLY)
def test_the_particle_of_a_dat_cue_is_in_the_cue(analyse, verb: str, particle: str) -> None:
    result = analyse(_report(f"De wethouder {verb} {particle} dat de nieuwe fietsenstalling in mei opengaat."))
    [quote] = result.quotes
    assert quote.cue == f"De wethouder {verb} {particle} dat"
    assert quote.text == "de nieuwe fietsenstalling in mei opengaat"


def test_toezeggen_in_minutes_keeps_toe_out_of_the_quote(analyse) -> None:
    result = analyse(_report("De voorzitter zegt toe het onderwerp op de volgende agenda te zetten."))
    [quote] = result.quotes
    assert quote.cue == "De voorzitter zegt toe"
    assert not quote.text.startswith("toe ")


def test_a_particle_after_an_object_joins_the_cue(analyse) -> None:
    result = analyse(_report("De wethouder zegt de raad toe dat de cijfers voor vrijdag komen."))
    [quote] = result.quotes
    assert quote.text == "de cijfers voor vrijdag komen"
    assert quote.cue.endswith("toe dat")


def test_plain_zegt_dat_has_no_particle(analyse) -> None:
    result = analyse(_report("De wethouder zegt dat de weg naar het station toe is aan onderhoud."))
    [quote] = result.quotes
    assert quote.cue == "De wethouder zegt dat"
    assert quote.text == "de weg naar het station toe is aan onderhoud"


def test_plain_zegt_with_an_infinitive_has_no_particle(analyse) -> None:
    result = analyse(_report("De wethouder zegt blij te zijn met het nieuwe plein."))
    [quote] = result.quotes
    assert quote.cue == "De wethouder zegt"
    assert quote.text == "blij te zijn met het nieuwe plein"


def test_zich_voorstellen_is_no_speech(analyse) -> None:
    result = analyse(_report("De nieuwe leden moesten zich eerst voorstellen en als ze dat gedaan hadden, begon de vergadering."))
    assert result.quotes == []
