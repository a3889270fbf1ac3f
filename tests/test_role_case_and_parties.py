"""Roles and organisations as one value per kind, so a table groups them: roles in running-text case whatever their
place ("Wethouder" in a label or at a sentence start is "wethouder"), a party and its abbreviation once when the
text ties them, and an unnamed office ("De wethouder") holding its own role."""

from __future__ import annotations

import pytest

from pipeline.speakers.abbreviations import abbreviates, merge_abbreviations, written_ties
from pipeline.speakers.roles import normal_role


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("Wethouder", "wethouder"),
        ("Minister van Financiën", "minister van Financiën"),
        ("hoogleraar Economische Geografie", "hoogleraar Economische Geografie"),
        ("D66'er", "D66'er"),
        ("Oud-wethouder", "oud-wethouder"),
        ("Vooruit-partijleider", "Vooruit-partijleider"),
        ("Kamerlid", "Kamerlid"),
        ("GroenLinks", "GroenLinks"),
    ],
)
def test_a_role_is_in_running_text_case(written: str, normal: str) -> None:
    assert normal_role(written) == normal


def test_a_label_role_and_a_prose_role_are_the_same_value(analyse) -> None:
    labelled = analyse("Wethouder Verhoef: Goedemorgen, we beginnen met de begroting.\n\nDe heer Kok: Dank u wel.\n")
    prose = analyse("Verslag.\n\nWethouder Lindeman zegt dat de begroting sluitend is.\n")
    assert next(s for s in labelled.speakers if s.name == "Verhoef").roles == ["wethouder"]
    assert next(s for s in prose.speakers if s.name == "Lindeman").roles == ["wethouder"]


def test_an_unnamed_office_holds_its_role(analyse) -> None:
    result = analyse("Verslag.\n\nDe wethouder zegt dat de stoepen in het voorjaar worden hersteld.\n")
    [speaker] = result.speakers
    assert speaker.type == "office"
    assert speaker.roles == ["wethouder"]


@pytest.mark.parametrize(
    ("short", "full"),
    [("GL", "GroenLinks"), ("PvdA", "Partij van de Arbeid"), ("VVD", "Volkspartij voor Vrijheid en Democratie"), ("CDA", "Christen-Democratisch Appèl")],
)
def test_an_abbreviation_by_capitals_or_initials(short: str, full: str) -> None:
    assert abbreviates(short, full)


@pytest.mark.parametrize(("short", "full"), [("SP", "GroenLinks"), ("GL", "Gemeente Leiden Zuid"), ("D66", "Democraten 66")])
def test_letters_that_do_not_fit_are_no_abbreviation(short: str, full: str) -> None:
    assert not abbreviates(short, full)


def test_one_persons_party_and_its_abbreviation_are_listed_once() -> None:
    assert merge_abbreviations(["GL", "GroenLinks"]) == ["GroenLinks"]
    assert merge_abbreviations(["GL", "SP"]) == ["GL", "SP"]


def test_only_a_bracket_whose_letters_fit_ties_a_name_to_an_abbreviation() -> None:
    ties = written_ties("Mevrouw De Groot (GL) opent. Daarna spreekt GroenLinks (GL) en de Partij van de Arbeid (PvdA).")
    assert ties == {"GL": "GroenLinks", "PvdA": "Partij van de Arbeid"}


def test_labels_of_one_person_with_party_and_abbreviation_are_one_speaker(analyse) -> None:
    result = analyse(
        "Mevrouw Veenstra (GroenLinks): Dank u wel, voorzitter.\n\n"
        "De heer Molenaar (CDA): Ik sluit mij daarbij aan.\n\n"
        "Mevrouw Veenstra (GL): Dan nog een vraag over de fietspaden.\n"
    )
    veenstra = [s for s in result.speakers if s.name == "Veenstra"]
    assert len(veenstra) == 1
    assert veenstra[0].organisations == ["GroenLinks"]
    assert next(s for s in result.speakers if s.name == "Molenaar").organisations == ["CDA"]


def test_the_text_ties_an_abbreviation_label_to_the_party(analyse) -> None:
    result = analyse(
        "Mevrouw Veenstra (GroenLinks): Namens GroenLinks (GL) dank ik de wethouder.\n\n"
        "De heer Dekker (GL): Ik sluit mij aan bij mijn collega.\n"
    )
    assert next(s for s in result.speakers if s.name == "Dekker").organisations == ["GroenLinks"]


def test_without_a_tie_an_abbreviation_label_stays_as_written(analyse) -> None:
    result = analyse("Mevrouw Veenstra (GroenLinks): Dank u wel.\n\nDe heer Dekker (GL): Ik sluit mij aan.\n")
    assert next(s for s in result.speakers if s.name == "Dekker").organisations == ["GL"]
