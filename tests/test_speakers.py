"""Speakers: who speaks, with roles, organisations and the other forms used for them."""

from __future__ import annotations


def speaker(analysis, name):
    return next(s for s in analysis.speakers if s.name == name)


def test_apposition_with_namens_gives_role_and_organisation(analyse):
    a = analyse(
        "De bijeenkomst werd geopend door Marc Hameleers, namens het ministerie van Economische Zaken de "
        "regio-ambassadeur voor Noordwest-Nederland. Hij gaf een toelichting."
    )
    s = speaker(a, "Marc Hameleers")
    assert s.roles == ["regio-ambassadeur voor Noordwest-Nederland"]
    assert s.organisations == ["ministerie van Economische Zaken"]
    assert "Hameleers" in s.aliases


def test_role_before_the_name_and_organisation_after(analyse):
    a = analyse("Jeroen de Bruijn gaf samen met clustermanager Wim Renders van Brainport Development een toelichting.")
    s = speaker(a, "Wim Renders")
    assert s.roles == ["clustermanager"]
    assert s.organisations == ["Brainport Development"]
    assert speaker(a, "Jeroen de Bruijn").aliases == ["de Bruijn"]


def test_two_roles_joined_by_en(analyse):
    a = analyse(
        "Jeroen de Bruijn, eigenaar van Festa Solutions en lid van het High Tech Software cluster gaf een toelichting."
    )
    s = speaker(a, "Jeroen de Bruijn")
    assert s.roles == ["eigenaar van Festa Solutions", "lid van het High Tech Software cluster"]
    assert s.organisations == ["Festa Solutions", "High Tech Software cluster"]


def test_preposed_role_with_party(analyse):
    a = analyse("Lijsttrekker van DENK Stefan van Baarle zei dat het beleid anders moet.")
    s = speaker(a, "Stefan van Baarle")
    assert s.roles == ["lijsttrekker van DENK"]
    assert s.organisations == ["DENK"]


def test_role_noun_alias_and_role(analyse):
    a = analyse("Miranda Ebbekink vulde het betoog aan. De onderzoekster liep mee met clusters. “Clusteren is echt mensenwerk voor iedereen.”")
    s = speaker(a, "Miranda Ebbekink")
    assert "De onderzoekster" in s.aliases
    assert "onderzoekster" in s.roles


def test_person_merely_mentioned_is_not_a_speaker(analyse):
    a = analyse("Lijsttrekker Stefan van Baarle zei in het programma De Hofkar met Rutger Castricum dat het zo niet kan.")
    names = [s.name for s in a.speakers]
    assert "Stefan van Baarle" in names
    assert "Rutger Castricum" not in names


def test_organisation_is_not_a_person(analyse):
    a = analyse("Onderzoekers van de Radboud Universiteit deden onderzoek. Volgens Arnoud Lagendijk, hoogleraar, is er geen recept.")
    assert [s.name for s in a.speakers] == ["Arnoud Lagendijk"]
    assert speaker(a, "Arnoud Lagendijk").organisations == ["Radboud Universiteit"]


def test_turn_holders_are_speakers(analyse):
    a = analyse("Jan de Vries: Welkom allemaal.\nEva Smit: Dank je wel, Jan.\n")
    assert [s.name for s in a.speakers] == ["Jan de Vries", "Eva Smit"]
    assert [t.speaker for t in a.turns] == ["Jan de Vries", "Eva Smit"]


def test_place_after_a_preposition_is_not_a_speaker(analyse):
    a = analyse("Greta Thunberg kwam ook. Zij hield een toespraak op het Museumplein.")
    assert [s.name for s in a.speakers] == ["Greta Thunberg"]


def test_nationality_noun_is_not_part_of_the_name(analyse):
    a = analyse("De Noor Casper Ruud zei: “Wat een manier om een van de beste spelers te behandelen.”")
    assert [s.name for s in a.speakers] == ["Casper Ruud"]


def test_passive_naming_is_no_speech_cue(analyse):
    a = analyse("Toen bleek dat het eerste team 'Team links' werd genoemd, protesteerde Caroline van der Plas.")
    assert [q.text for q in a.quotes if q.kind == "direct"] == []


def test_minutes_style_titles_and_parties(analyse):
    a = analyse(
        "De heer Van den Berg (VVD) merkt op dat de begroting te krap is. "
        "Mevrouw De Vries vraagt of er geld is voor fietspaden. De voorzitter antwoordt dat dit wordt onderzocht."
    )
    speakers = {s.name: s for s in a.speakers}
    assert set(speakers) == {"Van den Berg", "De Vries", "De voorzitter"}
    assert speakers["Van den Berg"].organisations == ["VVD"]
    assert "De heer Van den Berg" in speakers["Van den Berg"].aliases
    said = {(q.text, q.speaker) for q in a.quotes}
    assert ("er geld is voor fietspaden", "De Vries") in said
    assert ("dit wordt onderzocht", "De voorzitter") in said


def test_the_object_of_a_speaking_verb_is_not_a_speaker(analyse):
    a = analyse("De burgemeester sprak Piet Jansen aan op zijn gedrag tijdens de vergadering.")
    assert "Piet Jansen" not in [s.name for s in a.speakers]


def test_volgens_hem_refers_to_the_person_before(analyse):
    a = analyse("Piet Jansen opende de avond. Volgens hem is het plan goed genoeg voor nu.")
    assert [(q.text, q.speaker) for q in a.quotes] == [("is het plan goed genoeg voor nu", "Piet Jansen")]


def test_fronted_programme_name_has_no_person_context():
    """"In Nieuwsuur zegt ze": a speech verb after the word is no sign of a person when a preposition precedes."""
    import spacy

    from pipeline.speakers.mentions import _person_context

    doc = spacy.blank("nl")("In Nieuwsuur zegt ze dat het beter moet. Halsema zegt dat het beter moet.")
    assert not _person_context(doc, 1)
    assert _person_context(doc, 9) and doc[9].text == "Halsema"


def test_entity_edges_trimmed_but_surname_particles_kept():
    """NER spans are cut back to the name: a sentence-initial conjunction goes, "De"/"Van der" of a surname stay."""
    import spacy

    from pipeline.speakers.mentions import _trim

    doc = spacy.blank("nl")("Voordat Thunberg sprak, zei Van der Plas iets. De Vries voegt toe dat Kamerlid Van Haga komt.")
    assert _trim(doc[0:2]).text == "Thunberg"
    assert _trim(doc[5:8]).text == "Van der Plas"
    assert _trim(doc[10:12]).text == "De Vries"
    assert _trim(doc[15:18]).text == "Van Haga"


def test_two_people_named_with_en_before_a_plural_speech_verb_both_speak(analyse):
    a = analyse("Het plan is te duur, zeggen econoom Kees Aalders en planoloog Ruud Verbeek.")
    assert {s.name for s in a.speakers} == {"Kees Aalders", "Ruud Verbeek"}


def test_a_person_named_with_en_after_a_singular_speech_verb_does_not_speak(analyse):
    a = analyse("Het plan is te duur, zegt econoom Kees Aalders. Hij sprak met Tom Verbeek en Ruud Damen.")
    assert {s.name for s in a.speakers} == {"Kees Aalders"}


def test_a_lower_case_adjective_belongs_to_the_role_before_a_name(analyse):
    a = analyse("Volgens militair jurist Ruud Verbeek mag dat niet.")
    assert next(s for s in a.speakers if s.name == "Ruud Verbeek").roles == ["militair jurist"]


def test_a_place_adjective_is_not_part_of_the_role(analyse):
    a = analyse("“Dat mag echt niet”, zegt de Utrechtse huisarts Ruud Verbeek.")
    assert next(s for s in a.speakers if s.name == "Ruud Verbeek").roles == ["huisarts"]


def test_the_agent_of_an_opening_speaks(analyse):
    a = analyse("Het congres werd geopend door wethouder Sanne Damen.")
    assert [s.name for s in a.speakers] == ["Sanne Damen"]


def test_the_agent_of_another_passive_in_a_sentence_about_speaking_does_not_speak(analyse):
    a = analyse("Tom Verbeek zegt dat hij is lastiggevallen door Kees Aalders en spreekt van een aanslag.")
    assert [s.name for s in a.speakers] == ["Tom Verbeek"]
