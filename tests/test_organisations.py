"""Organisations and parties tied to a speaker: role compounds, brackets, "van/bij ORG", offices with a domain."""

from __future__ import annotations


def speaker(analysis, name):
    return next(s for s in analysis.speakers if s.name == name)


def test_party_before_the_hyphen_of_a_role_compound(analyse):
    a = analyse("VVD-Kamerlid Sanne Hofstede zegt dat de regeling moet blijven.")
    s = speaker(a, "Sanne Hofstede")
    assert s.roles == ["VVD-Kamerlid"]
    assert s.organisations == ["VVD"]


def test_two_part_party_in_a_role_compound(analyse):
    a = analyse("GroenLinks-PvdA-leider Tom Verbeek zei dat de plannen te duur zijn.")
    assert speaker(a, "Tom Verbeek").organisations == ["GroenLinks-PvdA"]


def test_organisation_of_several_words_before_the_compound(analyse):
    a = analyse("ABN Amro-econoom Pieter Valk zegt dat de huizenprijzen stijgen.")
    s = speaker(a, "Pieter Valk")
    assert s.roles == ["ABN Amro-econoom"]
    assert s.organisations == ["ABN Amro"]


def test_lower_case_compound_gives_no_organisation(analyse):
    a = analyse("Oud-wethouder Pieter Valk zegt dat de huizenprijzen stijgen.")
    s = speaker(a, "Pieter Valk")
    assert s.roles == ["Oud-wethouder"]
    assert s.organisations == []


def test_party_in_brackets_after_a_surname(analyse):
    a = analyse("Het debat ging tussen Femke Doornbos en Ruud Kramer. Kramer (SP) zei dat de huren omlaag moeten.")
    assert speaker(a, "Ruud Kramer").organisations == ["SP"]


def test_compound_role_before_a_surname(analyse):
    a = analyse("Ruud Kramer was er ook. SP-leider Kramer zei dat de huren omlaag moeten.")
    assert speaker(a, "Ruud Kramer").organisations == ["SP"]


def test_organisation_name_with_lower_case_joiners(analyse):
    a = analyse("Erik Brand van de Unie van Waterschappen zegt dat het duurder wordt.")
    assert speaker(a, "Erik Brand").organisations == ["Unie van Waterschappen"]


def test_organisation_after_bij_inside_an_apposition(analyse):
    a = analyse("De prijzen dalen, zegt Lotte Smit, onderzoeker bij Kantar Public.")
    s = speaker(a, "Lotte Smit")
    assert s.roles == ["onderzoeker bij Kantar Public"]
    assert s.organisations == ["Kantar Public"]


def test_acronym_organisation_at_the_end_of_a_role(analyse):
    a = analyse("“Het klopt”, zegt Karel Wit, hoogleraar bouwkunde TU Eindhoven.")
    assert speaker(a, "Karel Wit").organisations == ["TU Eindhoven"]


def test_capitalised_subject_in_a_role_is_no_organisation(analyse):
    a = analyse("Karel Wit, hoogleraar Economische Geografie, zegt dat de regio groeit.")
    s = speaker(a, "Karel Wit")
    assert s.roles == ["hoogleraar Economische Geografie"]
    assert s.organisations == []


def test_minister_van_domain_is_a_role_not_an_organisation(analyse):
    a = analyse("Dat heeft minister Hendriks van Landbouw besloten. Hendriks zegt dat het niet anders kan.")
    s = speaker(a, "Hendriks")
    assert s.roles == ["minister van Landbouw"]
    assert s.organisations == []


def test_mayor_of_a_town_is_a_role_not_an_organisation(analyse):
    a = analyse("Burgemeester Dekker van Zwolle zegt dat de opkomst hoog was.")
    s = speaker(a, "Dekker")
    assert s.roles == ["Burgemeester van Zwolle"]
    assert s.organisations == []


def test_director_of_an_organisation_keeps_the_organisation(analyse):
    a = analyse("Directeur Hanna Dekker van Stichting Groen Dorp zegt dat de subsidie nodig is.")
    assert speaker(a, "Hanna Dekker").organisations == ["Stichting Groen Dorp"]
