"""Speakers: trades, occupations and residents before a name are roles; never a surname that is also a trade."""

from __future__ import annotations

import pytest


def speaker(analysis, name):
    return next((s for s in analysis.speakers if s.name == name), None)


def said(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes]


class TestOccupationBeforeAName:
    @pytest.mark.parametrize(
        "text, name, role",
        [
            ("Volgens bakker Henk Mulder wordt het brood volgend jaar duurder.", "Henk Mulder", "bakker"),
            ("Het was een slecht jaar, zei boer Jan de Vries op de markt.", "Jan de Vries", "boer"),
            ("Bewoonster Anja Arts vertelt dat het lawaai van de fabriek hinderlijk is.", "Anja Arts", "bewoonster"),
            ("Buurtbewoner Kees Prins zegt dat de straat te donker is.", "Kees Prins", "buurtbewoner"),
            ("Boer Jan de Vries zei dat de oogst slecht was.", "Jan de Vries", "boer"),
            ("Volgens ondernemer Sanne Kok gaat de winkel in mei dicht.", "Sanne Kok", "ondernemer"),
        ],
    )
    def test_a_trade_or_resident_noun_before_the_name_is_its_role(self, analyse, text, name, role):
        s = speaker(analyse(text), name)
        assert s is not None and s.roles == [role]

    def test_the_role_noun_is_no_part_of_the_name(self, analyse):
        a = analyse("Bewoonster Anja Arts vertelt dat het lawaai van de fabriek hinderlijk is.")
        assert [s.name for s in a.speakers] == ["Anja Arts"]

    @pytest.mark.parametrize(
        "text, name",
        [
            ("Volgens Henk Mulder wordt het brood volgend jaar duurder.", "Henk Mulder"),
            ("De wethouder sprak met Jan de Vries. Jan de Vries zei dat de oogst slecht was.", "Jan de Vries"),
        ],
    )
    def test_an_ordinary_word_before_a_name_is_no_role(self, analyse, text, name):
        s = speaker(analyse(text), name)
        assert s is not None and s.roles == []

    @pytest.mark.parametrize(
        "text, name",
        [
            ("Els Bakker zegt dat de wachtlijst te lang is.", "Els Bakker"),
            ("Jan de Boer zegt dat de oogst goed was.", "Jan de Boer"),
            ("Volgens Petra Visser is de haven te klein.", "Petra Visser"),
        ],
    )
    def test_a_surname_that_is_also_a_trade_stays_the_name(self, analyse, text, name):
        s = speaker(analyse(text), name)
        assert s is not None and s.roles == []

    def test_a_capitalised_trade_word_before_a_verb_is_a_surname(self, analyse):
        a = analyse("Karin Bakker werkt al jaren in de wijk. Bakker zegt dat de buurt veiliger is geworden.")
        assert said(a) == [("de buurt veiliger is geworden", "Karin Bakker")]
