"""Mention shapes: words that open a sentence are not names, organisations spelled in camel case, unnamed sources."""

from __future__ import annotations

from pipeline.analyze import parse
from pipeline.ingest import read_text
from pipeline.speakers.mentions import MentionKind


def mentions(nlp, text):
    doc = parse(nlp, read_text(text, source="test.txt"))
    return [(m.kind, m.text) for m in doc._.mentions]


def speaker_of(analysis, quote_start):
    return next(q.speaker for q in analysis.quotes if q.text.startswith(quote_start))


def test_a_correlative_opening_the_sentence_is_not_part_of_the_name(nlp):
    found = mentions(nlp, "Zowel Verhoeven als Damen waren erbij. Hoeveel Verhoeven wist, is onduidelijk.")
    texts = [t for _, t in found]
    assert "Zowel Verhoeven" not in texts
    assert "Hoeveel Verhoeven" not in texts


def test_a_given_name_opening_the_sentence_stays_part_of_the_name(nlp):
    found = mentions(nlp, "Sanne Verhoeven was er ook.")
    assert (MentionKind.NAME, "Sanne Verhoeven") in found


def test_camel_case_word_is_an_organisation_not_a_person(analyse):
    a = analyse("“De regeling werkt niet”, zegt StadsWerk.")
    s = next(s for s in a.speakers if s.name == "StadsWerk")
    assert s.type == "organisation"


def test_the_same_organisation_written_without_camel_case_is_the_same_organisation(analyse):
    a = analyse("“De regeling werkt niet”, zegt StadsWerk. “De verzoeken moeten sneller”, stelt Stadswerk.")
    kinds = {s.name: s.type for s in a.speakers}
    assert kinds == {"StadsWerk": "organisation"}


def test_an_ordinary_surname_after_a_speech_verb_stays_a_person(analyse):
    a = analyse("“De regeling werkt niet”, zegt Verhoeven.")
    assert [(s.name, s.type) for s in a.speakers] == [("Verhoeven", "person")]


def test_description_takes_only_adjectives_before_its_noun(nlp):
    found = mentions(nlp, "Het was een film die een bezoeker maakte.")
    assert (MentionKind.DESCRIPTION, "een bezoeker") in found
    assert not any(t.startswith("een film") for _, t in found)


def test_description_after_a_speech_verb_stops_at_the_reported_clause(analyse):
    a = analyse("Bij de fabriek zegt een woordvoerder dat er met hen is gepraat over de kosten.")
    assert [s.name for s in a.speakers] == ["een woordvoerder"]


def test_description_after_a_speech_verb_keeps_its_complement(analyse):
    a = analyse("“Hij zit onder de vloer”, vertelt een buurman van de eigenaar van de hond.")
    assert speaker_of(a, "Hij zit onder") == "een buurman van de eigenaar van de hond"


def test_description_stops_before_the_addressee(analyse):
    a = analyse("Dat meldt een anonieme bron aan de krant. “Het ging mis.”")
    assert speaker_of(a, "Het ging mis") == "een anonieme bron"


def test_iemand_after_a_speech_verb_is_an_unnamed_source(analyse):
    a = analyse("“Dat klopt niet”, roept iemand uit het publiek.")
    assert speaker_of(a, "Dat klopt niet") == "iemand uit het publiek"


def test_iemand_elsewhere_is_no_source(nlp):
    found = mentions(nlp, "Iemand had de deur open laten staan.")
    assert all(kind is not MentionKind.DESCRIPTION for kind, _ in found)


def test_coordinated_parties_are_one_group_speaker(analyse):
    a = analyse("VVD, NSC en GroenLinks-PvdA, de grootste partijen, zeggen dat de stikstofwet moet blijven.")
    assert [(s.name, s.type) for s in a.speakers] == [("VVD, NSC en GroenLinks-PvdA", "group")]


def test_a_capitalised_member_between_commas_belongs_to_the_list(nlp):
    found = mentions(nlp, "Het voorstel kwam van D66, Volt, PvdD en Bij1.")
    assert (MentionKind.GROUP, "D66, Volt, PvdD en Bij1") in found


def test_a_single_party_is_no_group(nlp):
    found = mentions(nlp, "Volgens de VVD is dat jammer.")
    assert all(kind is not MentionKind.GROUP for kind, _ in found)


def test_parties_listed_without_en_are_no_group(nlp):
    found = mentions(nlp, "Op het podium stonden D66, SP.")
    assert all(kind is not MentionKind.GROUP for kind, _ in found)


def test_a_role_compound_in_camel_case_stays_a_role(analyse):
    a = analyse("GroenLinks-PvdA-leider Tom Verbeek zegt dat het anders moet.")
    s = next(s for s in a.speakers if s.name == "Tom Verbeek")
    assert s.roles == ["GroenLinks-PvdA-leider"]


def test_a_group_keeps_its_adjectives_and_quantifiers(analyse):
    a = analyse("Sociale wetenschappers concludeerden in een advies dat een verbod niet voldoende is.")
    assert [(s.name, s.type) for s in a.speakers] == [("Sociale wetenschappers", "group")]


def test_a_group_named_again_by_its_noun_is_the_same_group(analyse):
    a = analyse(
        "Sociale wetenschappers concludeerden in een advies dat een verbod niet voldoende is. "
        "Volgens deze wetenschappers moet het anders."
    )
    assert [s.name for s in a.speakers] == ["Sociale wetenschappers"]
    assert all(q.speaker == "Sociale wetenschappers" for q in a.quotes)


def test_a_group_with_only_an_article_is_named_by_its_noun(analyse):
    a = analyse("Volgens de experts is het al te laat voor de regio.")
    assert [s.name for s in a.speakers] == ["experts"]


def test_a_diminutive_before_a_group_is_no_adjective(nlp):
    found = mentions(nlp, "Zo'n beetje alle bewoners zeggen dat het te laat is.")
    assert (MentionKind.GROUP, "alle bewoners") in found


def test_a_surname_with_a_party_in_brackets_is_a_person(analyse):
    a = analyse("Verbeek (VVD) zei daarop dat ze het plan steunt.")
    assert [(s.name, s.type, s.organisations) for s in a.speakers] == [("Verbeek", "person", ["VVD"])]


def test_a_particle_before_the_surname_with_a_party_belongs_to_it(nlp):
    found = mentions(nlp, "Toen sprak De Wit (CDA) over de kosten.")
    assert (MentionKind.NAME, "De Wit") in found


def test_the_last_word_of_an_organisation_before_its_acronym_is_no_person(nlp):
    found = mentions(nlp, "Volgens advocaat bij het Internationaal Strafhof (ICC) Knoops is dat lastig.")
    assert (MentionKind.NAME, "Strafhof") not in found


def test_voorman_is_a_role_with_its_party(analyse):
    a = analyse("SGP-voorman Stoffels zei dat de markt het moet doen.")
    s = next(s for s in a.speakers if s.name == "Stoffels")
    assert s.roles == ["SGP-voorman"]
    assert s.organisations == ["SGP"]


def test_a_possessive_with_a_person_noun_is_a_source(analyse):
    a = analyse("Minister Kok is verantwoordelijk. Zijn woordvoerder laat weten dat de sector al wordt vergroend.")
    assert [s.name for s in a.speakers] == ["Zijn woordvoerder"]


def test_a_possessive_before_a_name_is_no_source(nlp):
    found = mentions(nlp, "Haar collega Pieter Damen was er ook.")
    assert all(kind is not MentionKind.DESCRIPTION for kind, _ in found)


def test_an_unknown_given_name_with_particles_before_an_apposition_is_a_name(analyse):
    a = analyse("Armand van Rijsel, oprichter van de stichting, geeft aan dat er geld nodig is.")
    assert [(s.name, s.type) for s in a.speakers] == [("Armand van Rijsel", "person")]


def test_an_unknown_given_name_with_particles_before_a_speech_verb_is_a_name(analyse):
    a = analyse("Karolien van Oosterwijk zegt dat het te laat is.")
    assert [s.name for s in a.speakers] == ["Karolien van Oosterwijk"]


def test_a_role_before_surname_van_place_keeps_the_place_out_of_the_name(nlp):
    found = mentions(nlp, "Burgemeester Snelders van Zwolle zegt dat de opkomst hoog was.")
    assert (MentionKind.NAME, "Snelders") in found


def test_a_capitalised_run_after_a_name_and_van_is_the_persons_organisation(nlp):
    found = mentions(nlp, "“Het gaat goed”, zegt Sanne Verhoef van Blauwe Vogel Toiletten.")
    assert (MentionKind.NAME, "Sanne Verhoef") in found
    assert (MentionKind.ORGANISATION, "Blauwe Vogel Toiletten") in found
    assert all(kind is not MentionKind.NAME or text == "Sanne Verhoef" for kind, text in found)


def test_a_second_person_after_met_stays_a_person(nlp):
    found = mentions(nlp, "Gisteren sprak Jan de Vries met Piet Bakker over de kosten.")
    assert (MentionKind.NAME, "Piet Bakker") in found


def test_one_of_a_group_of_people_is_an_unnamed_source(analyse):
    a = analyse("“Liever te laat dan fout”, zegt een van de projectleiders.")
    assert [s.name for s in a.speakers] == ["een van de projectleiders"]


def test_one_of_a_group_of_things_is_no_source(nlp):
    found = mentions(nlp, "Een van de plannen is te duur.")
    assert all(kind is not MentionKind.DESCRIPTION for kind, _ in found)


def test_an_age_used_as_a_noun_is_an_unnamed_source(analyse):
    a = analyse("“Het moet anders”, zegt een 18-jarige uit Tilburg.")
    assert [s.name for s in a.speakers] == ["een 18-jarige uit Tilburg"]


def test_an_age_as_an_adjective_before_a_thing_is_no_source(nlp):
    found = mentions(nlp, "Er staat een 18-jarige eik in de tuin.")
    assert all(kind is not MentionKind.DESCRIPTION for kind, _ in found)


def test_a_run_written_after_in_is_a_place_wherever_it_stands(nlp):
    found = mentions(nlp, "De zorgen zijn groot in Ter Horst. Het loket naast Ter Horst sluit. Zij vinden dat erg.")
    assert [t for _, t in found if "Horst" in t] == []


def test_a_place_word_does_not_hide_a_person_with_a_given_name_or_after_met(nlp):
    found = mentions(nlp, "Het overleg was in Ter Horst. Daar sprak Sanne ter Horst met Ter Velde. Ter Velde zegt dat het kan.")
    texts = [t for _, t in found]
    assert "Sanne ter Horst" in texts
    assert "Ter Velde" in texts


def test_place_names_are_read_from_place_prepositions(nlp):
    from pipeline.speakers.mentions import place_names

    doc = nlp("Het gebeurde in Ter Horst en vanuit Hoek van Holland, met Kees Aalders en naar Rutte.")
    assert place_names(doc) == {"Ter Horst", "Hoek van Holland"}


def test_iemand_with_its_origin_is_an_unnamed_person(nlp):
    found = mentions(nlp, "Op de video is te zien hoe iemand uit het publiek boos wordt.")
    assert (MentionKind.DESCRIPTION, "iemand uit het publiek") in found


def test_iemand_without_an_origin_is_no_mention(nlp):
    found = mentions(nlp, "Op de video is te zien hoe iemand boos wordt uit frustratie.")
    assert [t for k, t in found if k is MentionKind.DESCRIPTION] == []


def test_a_given_name_with_an_age_in_brackets_is_a_person(analyse):
    a = analyse("“Ik ben echt heel blij met de uitslag”, zegt Noor (34) uit Zwolle.")
    assert [q.speaker for q in a.quotes] == ["Noor"]


def test_a_number_in_brackets_after_an_organisation_word_makes_no_person(nlp):
    found = mentions(nlp, "De Gemeente (12) en de Provincie (3) stemden voor.")
    assert [t for k, t in found if k is MentionKind.NAME] == []


def test_a_preposition_opening_the_sentence_is_not_part_of_a_name(analyse):
    a = analyse("Tegenover de NOS zegt Kees Aalders dat de regels blijven zoals ze zijn.")
    assert [q.speaker for q in a.quotes] == ["Kees Aalders"]
    assert [s.name for s in a.speakers] == ["Kees Aalders"]


def test_the_organisation_spoken_to_is_not_the_source(analyse):
    a = analyse("Dat zegt Pieter Damen tegen de NOS. “Het is hier echt heel druk geworden.”")
    assert [s.name for s in a.speakers] == ["Pieter Damen"]
