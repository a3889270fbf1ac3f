"""The attribution sieve: each quote is decided by the first step that names a speaker, and records that step.

Steps in order: cue → previous_quote → announced → reported → context → last_speaker (see pipeline/quotes/attribution.py).
"""

from __future__ import annotations

from pipeline.quotes.attribution import SIEVE
from pipeline.quotes.model import Attribution


def _by_text(analysis):
    return {q.text: (q.speaker, q.attribution) for q in analysis.quotes}


def test_the_sieve_runs_its_steps_in_the_documented_order():
    assert [name for name, _ in SIEVE] == [
        Attribution.CUE, Attribution.PREVIOUS_QUOTE, Attribution.ANNOUNCED, Attribution.REPORTED,
        Attribution.CONTEXT, Attribution.LAST_SPEAKER,
    ]


def test_a_cue_names_the_speaker(analyse):
    analysis = analyse("“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer.\n")
    assert _by_text(analysis)["We bouwen dit jaar nog driehonderd woningen"] == ("Lisa Kramer", "cue")


def test_a_quote_right_after_a_cued_quote_continues_its_speaker(analyse):
    text = "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer. “Dat is hard nodig in deze stad.”\n"
    assert _by_text(analyse(text))["Dat is hard nodig in deze stad."] == ("Lisa Kramer", "previous_quote")


def test_another_person_named_in_between_stops_the_continuation(analyse):
    text = (
        "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer. Raadslid Pieter Smit is kritisch. "
        "“Ik zie die woningen nog nergens verschijnen in de wijk.”\n"
    )
    speaker, step = _by_text(analyse(text))["Ik zie die woningen nog nergens verschijnen in de wijk."]
    assert (speaker, step) == ("Pieter Smit", "context")


def test_an_uncued_quote_after_an_introduction_goes_to_the_person_in_focus(analyse):
    text = (
        "Onderzoeker Sanne Visser volgt de woningmarkt al jaren. Zij ziet de prijzen stijgen. "
        "“Starters komen bijna nergens meer aan de bak in de stad.”\n"
    )
    assert _by_text(analyse(text))["Starters komen bijna nergens meer aan de bak in de stad."] == ("Sanne Visser", "context")


def test_a_quote_in_a_paragraph_that_names_nobody_continues_the_speaker_quoted_last(analyse):
    text = (
        "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer.\n\n"
        "De gemeente heeft daarvoor grond gekocht aan de rand van de stad.\n\n"
        "“De eerste bewoners kunnen er volgend voorjaar al in.”\n"
    )
    assert _by_text(analyse(text))["De eerste bewoners kunnen er volgend voorjaar al in."] == ("Lisa Kramer", "last_speaker")


def test_too_many_paragraphs_back_the_last_speaker_is_not_taken(analyse):
    filler = "".join(f"Paragraaf {i} gaat over de begroting van de gemeente.\n\n" for i in range(4))
    text = "“We bouwen dit jaar nog driehonderd woningen”, zegt wethouder Lisa Kramer.\n\n" + filler + "“Dit is een heel ander verhaal over de begroting.”\n"
    speaker, step = _by_text(analyse(text))["Dit is een heel ander verhaal over de begroting."]
    assert (speaker, step) == (None, "none")
