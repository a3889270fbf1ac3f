"""Quotes: which quoted words are speech, and who said them."""

from __future__ import annotations

import pytest


def direct(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes if q.kind == "direct"]


def indirect(analysis):
    return [(q.text, q.speaker) for q in analysis.quotes if q.kind == "indirect"]


class TestDirectQuotes:
    def test_cue_after_the_quote(self, analyse):
        a = analyse("“We moeten sneller schakelen in de regio”, zegt wethouder Karin Bakker.")
        assert direct(a) == [("We moeten sneller schakelen in de regio", "Karin Bakker")]

    def test_name_with_colon_before_the_quote(self, analyse):
        a = analyse("Volgens Pieter van der Berg is het een goed plan. Van der Berg: “Wij doen mee met het hele project.”")
        assert direct(a) == [("Wij doen mee met het hele project.", "Pieter van der Berg")]

    def test_pronoun_cue_resolves_to_the_person_before(self, analyse):
        a = analyse("Sanne de Jong opende de avond. “Ik ben blij dat jullie er allemaal zijn”, grapte ze.")
        assert direct(a) == [("Ik ben blij dat jullie er allemaal zijn", "Sanne de Jong")]

    def test_possessive_cue(self, analyse):
        a = analyse("De vergadering werd geopend door Tom Jansen. “Zoek ons op en gebruik ons”, zo luidde zijn uitnodiging.")
        assert direct(a) == [("Zoek ons op en gebruik ons", "Tom Jansen")]

    def test_split_quote_has_one_speaker(self, analyse):
        a = analyse("“Het eerste deel is klaar”, zegt Piet Hendriks. “Het tweede deel volgt volgend jaar.”")
        assert direct(a) == [("Het eerste deel is klaar", "Piet Hendriks"), ("Het tweede deel volgt volgend jaar.", "Piet Hendriks")]

    def test_role_noun_refers_back(self, analyse):
        text = (
            "Volgens Arnoud Lagendijk, hoogleraar Economische Geografie, is er geen recept. "
            "Volgens de Nijmeegse hoogleraar is een cluster net een huwelijk. “Nabijheid is gewenst, maar kan soms verstikken.”"
        )
        a = analyse(text)
        assert ("Nabijheid is gewenst, maar kan soms verstikken.", "Arnoud Lagendijk") in direct(a)
        assert ("is een cluster net een huwelijk", "Arnoud Lagendijk") in indirect(a)

    def test_quote_after_a_paragraph_about_one_person(self, analyse):
        text = "Miranda Ebbekink vulde het betoog aan. De onderzoekster liep mee met clusters. “Clusteren is een relationele opgave voor iedereen.”"
        assert direct(analyse(text)) == [("Clusteren is een relationele opgave voor iedereen.", "Miranda Ebbekink")]

    def test_unattributed_quote_has_no_speaker(self, analyse):
        a = analyse("Het was een drukke dag. “Dit had niemand van tevoren kunnen bedenken.”")
        assert direct(a) == [("Dit had niemand van tevoren kunnen bedenken.", None)]

    @pytest.mark.parametrize(
        "text",
        [
            "Er bestaat geen echte ‘best practice’ voor clusters.",
            "Clusters vragen om ‘presence’ en ‘effort’ van iedereen.",
            "Er was geen stikstof 'ruimte' meer.",
            "Ze schreef het boek ‘Cluster Governance in de praktijk vandaag’.",
            'Ze sprak de omstreden leus "From the river to the sea, Palestine will be free" uit.',
        ],
    )
    def test_scare_quotes_and_titles_are_not_quotes(self, analyse, text):
        assert direct(analyse(text)) == []

    def test_headline_is_not_given_to_a_person(self, analyse):
        a = analyse("‘Clustervorming is mensenwerk’\n\nJan Smit opende de bijeenkomst over clusters.\n")
        assert all(q.speaker is None for q in a.quotes if "mensenwerk" in q.text)

    def test_pull_quote_is_counted_once(self, analyse):
        text = (
            "Marieke Vos gaf een toelichting. “Je moet de visie van een cluster volledig omarmen.”\n\n"
            "“Je moet de visie van een cluster volledig omarmen.”\n\nDaarna was er koffie.\n"
        )
        quotes = analyse(text).quotes
        assert len(quotes) == 1
        assert quotes[0].pull_quote_also and quotes[0].speaker == "Marieke Vos"

    def test_offsets_point_at_the_quoted_words(self, analyse):
        text = "Intro.\n\n„Wij gaan door met dit plan”, zegt Eva Mulder."
        q = analyse(text).quotes[0]
        assert text[q.start : q.end] == q.text == "Wij gaan door met dit plan"


class TestIndirectQuotes:
    def test_volgens_at_sentence_start(self, analyse):
        a = analyse("Volgens Stefan van Baarle wordt daarmee maar weinig stikstof bespaard.")
        assert indirect(a) == [("wordt daarmee maar weinig stikstof bespaard", "Stefan van Baarle")]

    def test_speech_verb_with_dat(self, analyse):
        a = analyse("Lijsttrekker Stefan van Baarle zei in het programma dat 100 rijden bijna geen invloed heeft.")
        assert indirect(a) == [("100 rijden bijna geen invloed heeft", "Stefan van Baarle")]

    def test_trailing_cue(self, analyse):
        a = analyse("Dat plan van drie maatregelen werkte in zekere mate, zegt stikstof-professor Jan Willem Erisman.")
        assert indirect(a) == [("Dat plan van drie maatregelen werkte in zekere mate", "Jan Willem Erisman")]

    def test_aldus(self, analyse):
        a = analyse("De plannen zijn nog lang niet klaar, aldus Henk Bos.")
        assert indirect(a) == [("De plannen zijn nog lang niet klaar", "Henk Bos")]

    def test_group_source(self, analyse):
        a = analyse("Maar, zeggen experts, juist die druppels zijn belangrijk om tegen te houden.")
        assert indirect(a) == [("juist die druppels zijn belangrijk om tegen te houden", "experts")]
        assert a.speakers[0].type == "group"

    def test_programme_before_the_verb_is_not_the_speaker(self, analyse):
        """"Bij RTL zei hij dat …": a phrase with a preposition is not the subject; "hij" is."""
        a = analyse("Minister Jan de Vries was gisteren in Brussel. Bij RTL zei hij dat de regels strenger worden.")
        assert indirect(a) == [("de regels strenger worden", "Jan de Vries")]

    def test_no_cue_no_quote(self, analyse):
        assert indirect(analyse("De bijeenkomst duurde tot laat in de avond en iedereen ging tevreden naar huis.")) == []


class TestNewsConventions:
    def test_unnamed_source_is_a_speaker(self, analyse):
        a = analyse("“We bouwen er dit jaar nog tien bij”, zegt een woordvoerder.")
        assert direct(a) == [("We bouwen er dit jaar nog tien bij", "een woordvoerder")]

    def test_unnamed_source_with_its_description(self, analyse):
        a = analyse("“Meestal zijn de toiletten wel schoon”, zegt een klant van een tankstation in Rijswijk.")
        assert direct(a) == [("Meestal zijn de toiletten wel schoon", "een klant van een tankstation in Rijswijk")]

    def test_quote_in_next_paragraph_continues_the_speaker(self, analyse):
        text = (
            "“De druk op huisartsen is groot”, zegt Aard Verdaasdonk van de LHV.\n\n"
            "Veel partijen willen daar iets aan doen. “Daarnaast zien we dat de lasten omlaag moeten.”\n"
        )
        assert direct(analyse(text))[1] == ("Daarnaast zien we dat de lasten omlaag moeten.", "Aard Verdaasdonk")

    def test_another_person_named_in_between_stops_the_continuation(self, analyse):
        text = (
            "“De druk op huisartsen is groot”, zegt Aard Verdaasdonk.\n\n"
            "Ook Yolanda Jansen maakt zich zorgen. “Het water staat ons aan de lippen.”\n"
        )
        assert direct(analyse(text))[1] == ("Het water staat ons aan de lippen.", "Yolanda Jansen")

    def test_quoted_words_inside_reported_speech(self, analyse):
        a = analyse("Volgens lijsttrekker Esther Ouwehand staan de thema's van haar partij \"inmiddels op het hoofdtoneel\".")
        assert ("inmiddels op het hoofdtoneel", "Esther Ouwehand") in direct(a)
        assert indirect(a)[0][1] == "Esther Ouwehand"

    def test_dat_zegt_points_back_to_the_sentence_before(self, analyse):
        a = analyse("In een deel van Almere kunnen nieuwe woningen geen stroom krijgen. Dat zegt de gemeente Almere.")
        assert indirect(a) == [("In een deel van Almere kunnen nieuwe woningen geen stroom krijgen", "gemeente Almere")]

    def test_organisation_as_source(self, analyse):
        a = analyse("Volgens Shell krijgen de toiletten door de samenwerking meer aandacht.")
        assert indirect(a) == [("krijgen de toiletten door de samenwerking meer aandacht", "Shell")]
        assert a.speakers[0].type == "organisation"

    def test_quoted_subheading_is_not_a_quote(self, analyse):
        text = "Titel van het stuk\n\nJan Smit opende de avond.\n\n‘Geen vakantie, geen middag vrij’\n\nDaarna ging het verder.\n"
        assert direct(analyse(text)) == []


def test_reported_clause_keeps_its_balanced_quotation_marks(analyse):
    a = analyse("Nabijheid blijft belangrijk. ‘Afstand’ is niet alleen geografisch, benadrukte Lisa Mulder.")
    assert ("‘Afstand’ is niet alleen geografisch", "Lisa Mulder") in indirect(a)


class TestMoreCues:
    def test_dat_heeft_x_gezegd(self, analyse):
        a = analyse("Het plan gaat door. Dat heeft burgemeester Femke Halsema gisteren gezegd.")
        assert indirect(a) == [("Het plan gaat door", "Femke Halsema")]

    def test_surname_with_colon_before_a_quote(self, analyse):
        a = analyse("Halsema: ‘We gaan dit niet accepteren in onze stad.’")
        assert direct(a) == [("We gaan dit niet accepteren in onze stad.", "Halsema")]

    def test_label_with_colon_is_not_a_speaker(self, analyse):
        a = analyse("Conclusie: “dit kan zo niet verder met de begroting van de stad.”")
        assert direct(a) == [("dit kan zo niet verder met de begroting van de stad.", None)]
