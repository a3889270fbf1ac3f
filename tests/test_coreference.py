"""Coreference: pronouns find the person in focus whose gender agrees; given names are looked up without diacritics."""

from __future__ import annotations

from pipeline.speakers.lexicon import fold, name_gender, pronoun_gender


def speaker_of(analysis, quote_start):
    return next(q.speaker for q in analysis.quotes if q.text.startswith(quote_start))


def test_gender_from_the_given_name():
    assert name_gender("Sanne de Wit") == "f"
    assert name_gender("Pieter de Wit") == "m"


def test_no_gender_from_a_name_both_bear_or_a_surname_alone():
    assert name_gender("Kim de Wit") is None
    assert name_gender("De Wit") is None


def test_pronoun_gender():
    assert pronoun_gender("hij") == "m"
    assert pronoun_gender("haar") == "f"
    assert pronoun_gender("het") is None


def test_given_names_are_looked_up_without_diacritics():
    assert fold("Henriëtte") == fold("Henriette") == "henriette"


def test_hij_skips_the_woman_named_first_for_the_man_named_later(analyse):
    a = analyse(
        "Sanne Verhoef was wethouder. Later liet Pieter Damen weten dat hij brieven stuurde. "
        "“Dat kun je lobbyen noemen”, vervolgt hij."
    )
    assert speaker_of(a, "Dat kun je") == "Pieter Damen"


def test_zij_skips_the_man_named_first_for_the_woman_named_later(analyse):
    a = analyse("Volgens Pieter Damen en Sanne Verhoef is het plan klaar. “Het kan nu beginnen”, zegt zij.")
    assert speaker_of(a, "Het kan nu") == "Sanne Verhoef"


def test_a_pronoun_without_a_known_gender_takes_the_first_person_in_focus(analyse):
    a = analyse("Volgens Kim Damen en Sanne Verhoef is het plan klaar. “Het kan nu beginnen”, zegt zij.")
    assert speaker_of(a, "Het kan nu") == "Kim Damen"


def test_a_title_gives_the_gender(analyse):
    a = analyse("Mevrouw Damen en Pieter Verhoef spraken. “Het plan is klaar”, zegt zij.")
    assert speaker_of(a, "Het plan is") == "Damen"
