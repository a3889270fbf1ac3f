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
    assert s.roles == ["oud-wethouder"]
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
    assert s.roles == ["burgemeester van Zwolle"]
    assert s.organisations == []


def test_director_of_an_organisation_keeps_the_organisation(analyse):
    a = analyse("Directeur Hanna Dekker van Stichting Groen Dorp zegt dat de subsidie nodig is.")
    assert speaker(a, "Hanna Dekker").organisations == ["Stichting Groen Dorp"]


def test_attendance_list_roles_in_brackets_and_the_chair_by_office(analyse):
    a = analyse(
        "Verslag commissie Sport\n\n"
        "Aanwezig: J. Kuiper (voorzitter), mevr. L. Drost (wethouder), dhr. T. Bos.\n\n"
        "Dhr. Bos vraagt of de hal open blijft. Mevr. Drost antwoordt dat de hal open blijft. "
        "De voorzitter concludeert dat het voorstel naar de raad gaat."
    )
    assert speaker(a, "J. Kuiper").roles == ["voorzitter"]
    assert speaker(a, "L. Drost").roles == ["wethouder"]
    assert speaker(a, "T. Bos").roles == []
    chair_quote = next(q for q in a.quotes if q.text.startswith("het voorstel"))
    assert chair_quote.speaker == "J. Kuiper"
    assert "De voorzitter" not in [s.name for s in a.speakers]


def test_a_party_in_brackets_is_no_role(analyse):
    a = analyse("Aanwezig: J. Kuiper (CDA).\n\nDhr. Kuiper vraagt of de hal open blijft.")
    s = speaker(a, "J. Kuiper")
    assert s.roles == []
    assert s.organisations == ["CDA"]


def test_lower_case_organisation_word_with_its_name(analyse):
    a = analyse("Nadia Bos, voorzitter van stichting Samen Sporten, geeft aan dat de stichting geld nodig heeft.")
    s = speaker(a, "Nadia Bos")
    assert s.roles == ["voorzitter van stichting Samen Sporten"]
    assert s.organisations == ["stichting Samen Sporten"]


def test_organisation_in_a_role_without_van(analyse):
    a = analyse("“Het kan”, zegt Anne Bos, wethouder gemeente Breda.")
    s = speaker(a, "Anne Bos")
    assert s.organisations == ["gemeente Breda"]


def test_a_name_after_an_organisation_run_is_a_person(analyse):
    a = analyse("Wethouder gemeente Breda Anne Bos gaf uitleg. “Het kan”, zegt Bos.")
    assert "Anne Bos" in [s.name for s in a.speakers]
    assert all("Anne" not in s.name for s in a.speakers if s.type == "organisation")


def test_a_compound_with_an_organisation_head_is_an_organisation(analyse):
    a = analyse("“We zien groei in de regio”, zegt Woonbank Oosterveld.")
    s = next(s for s in a.speakers if s.name == "Woonbank Oosterveld")
    assert s.type == "organisation"


def test_a_surname_is_no_organisation_compound(analyse):
    a = analyse("“We zien groei in de regio”, zegt Karel Schoenmakers.")
    assert [(s.name, s.type) for s in a.speakers] == [("Karel Schoenmakers", "person")]


def test_an_acronym_with_its_region_is_one_organisation(analyse):
    a = analyse("De GGD Brabant laat weten dat het onderzoek nog loopt.")
    assert [(s.name, s.type) for s in a.speakers] == [("GGD Brabant", "organisation")]


def test_an_acronym_before_a_full_name_keeps_to_itself(analyse):
    a = analyse("Namens de VVD Sanne Verhoef: “Het moet anders.”")
    assert "VVD Sanne" not in " ".join(s.name for s in a.speakers)


def test_role_modifiers_belong_to_the_role(analyse):
    a = analyse("“Het moet”, zegt demissionair minister Pieter de Wit.")
    assert next(s for s in a.speakers if s.name == "Pieter de Wit").roles == ["demissionair minister"]


def test_a_role_with_a_modifier_at_the_start_of_a_sentence_is_not_part_of_the_name(nlp):
    from pipeline.analyze import parse
    from pipeline.ingest import read_text

    doc = parse(nlp, read_text("Voormalig SP-Kamerlid Nina Kok zegt dat het plan niet deugt.", source="t.txt"))
    assert [m.text for m in doc._.mentions if m.kind.value == "name"] == ["Nina Kok"]


def test_a_party_of_several_words_in_brackets(analyse):
    a = analyse("Verbeek (Partij voor de Dieren) zei dat het plan niet deugt.")
    assert [(s.name, s.organisations) for s in a.speakers] == [("Verbeek", ["Partij voor de Dieren"])]


def test_words_in_brackets_without_an_organisation_are_no_party(analyse):
    a = analyse("Sanne Verhoef (Den Haag) zei dat het plan niet deugt.")
    assert speaker(a, "Sanne Verhoef").organisations == []


def test_company_makes_an_organisation(analyse):
    a = analyse("De Groene Suiker Company zegt bijvoorbeeld: “Het kan echt.”")
    assert [(s.name, s.type) for s in a.speakers] == [("Groene Suiker Company", "organisation")]


def test_a_lower_case_organisation_head_with_a_place_name(analyse):
    a = analyse("De politie Den Haag meldt dat er drie aanhoudingen zijn.")
    assert [(s.name, s.type) for s in a.speakers] == [("politie Den Haag", "organisation")]


def test_an_organisation_word_with_an_adjective_after_the_article(analyse):
    a = analyse("De Poolse regering zegt dat het voorstel niet deugt.")
    assert [(s.name, s.type) for s in a.speakers] == [("Poolse regering", "organisation")]


def test_an_organisation_word_without_an_article_is_no_mention(nlp):
    from pipeline.analyze import parse
    from pipeline.ingest import read_text

    doc = parse(nlp, read_text("Zij werkt al jaren bij regering en parlement.", source="t.txt"))
    assert [m.text for m in doc._.mentions if m.kind.value == "organisation"] == []


def test_names_joined_by_en_with_a_singular_verb_are_one_party(analyse):
    a = analyse("Besluitenlijst raad\n\nOuderen Beek en Veld zegt dat de fractie het voorstel over de haven steunt.")
    assert [(s.name, s.type) for s in a.speakers] == [("Ouderen Beek en Veld", "organisation")]


def test_names_joined_by_en_with_a_plural_verb_are_no_party(nlp):
    from pipeline.analyze import parse
    from pipeline.ingest import read_text

    doc = parse(nlp, read_text("Bakker en Visser zeggen dat het voorstel deugt.", source="t.txt"))
    assert all(m.text != "Bakker en Visser" for m in doc._.mentions)


def test_people_with_given_names_joined_by_en_are_no_party(analyse):
    a = analyse("Jan Bakker en Piet Visser zegt dat het voorstel deugt.")
    assert all(s.type == "person" for s in a.speakers)


def _tagged(nlp, words, pos, verb_forms):
    """A Doc with parts of speech set in the test (as a model would tag them), one sentence."""
    from spacy.tokens import Doc

    morphs = [f"VerbForm={v}" if v else "" for v in verb_forms]
    return Doc(nlp.vocab, words=words, pos=pos, morphs=morphs, sent_starts=[i == 0 for i in range(len(words))])


def test_an_apposition_closed_by_a_comma_and_the_verb_keeps_a_word_tagged_as_a_verb(nlp):
    from pipeline.speakers.roles import describe

    words = ["Kees", "Olthof", ",", "hoogleraar", "bodemkunde", "TU", "Delft", ",", "is", "het", "eens", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "VERB", "PROPN", "PROPN", "PUNCT", "AUX", "PRON", "ADV", "PUNCT"]
    forms = ["", "", "", "", "Fin", "", "", "", "Fin", "", "", ""]
    found = describe(_tagged(nlp, words, pos, forms)[0:2])
    assert found.roles == ["hoogleraar bodemkunde TU Delft"]
    assert found.organisations == ["TU Delft"]


def test_a_real_verb_inside_the_apposition_still_ends_it(nlp):
    from pipeline.speakers.roles import describe

    words = ["Kees", "Olthof", ",", "hoogleraar", "zegt", "dat", "het", "kan", ",", "is", "blij", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "VERB", "SCONJ", "PRON", "AUX", "PUNCT", "AUX", "ADJ", "PUNCT"]
    forms = ["", "", "", "", "Fin", "", "", "Fin", "", "Fin", "", ""]
    assert describe(_tagged(nlp, words, pos, forms)[0:2]).roles == ["hoogleraar"]


def test_an_organisation_after_a_name_and_van_describes_the_person_not_a_second_source(analyse):
    a = analyse("Kees Aalders van de Fietsersbond Utrecht noemt het plan slecht: “Dit werkt niet voor ons.”")
    assert [q.speaker for q in a.quotes] == ["Kees Aalders"]
    assert speaker(a, "Kees Aalders").organisations == ["Fietsersbond Utrecht"]
    assert [s.name for s in a.speakers] == ["Kees Aalders"]


def test_an_organisation_named_without_a_person_before_it_is_its_own_source(analyse):
    a = analyse("Volgens de Fietsersbond Utrecht werkt het plan niet.")
    assert [q.speaker for q in a.quotes] == ["Fietsersbond Utrecht"]


def test_a_party_member_noun_before_a_surname_gives_role_and_party(analyse):
    a = analyse("Het debat was fel. SGP'er Verbeek zegt dat de regels moeten blijven.")
    s = speaker(a, "Verbeek")
    assert s.roles == ["SGP'er"]
    assert s.organisations == ["SGP"]


def test_a_party_member_noun_away_from_the_name_describes_someone_else(analyse):
    a = analyse("Het debat was fel. Volgens Tom Verbeek zit het goed, aldus de SGP'er richting Sanne Damen.")
    assert "SGP" not in speaker(a, "Tom Verbeek").organisations
    assert all("SGP'er" not in s.roles for s in a.speakers if s.name == "Sanne Damen")


def test_party_member_prefix():
    from spacy.lang.nl import Dutch

    from pipeline.speakers.lexicon import party_member_prefix

    doc = Dutch()("D66'er en GroenLinks'er en moeder")
    assert [party_member_prefix(t) for t in doc] == ["D66", None, "GroenLinks", None, None]



def test_an_organisation_inside_the_role_before_a_name_is_not_the_source(analyse):
    a = analyse("Het plan is nu echt klaar voor de raad, zegt wethouder gemeente Tilburg Anne Bos.")
    assert [q.speaker for q in a.quotes] == ["Anne Bos"]
    s = speaker(a, "Anne Bos")
    assert s.roles == ["wethouder gemeente Tilburg"]
    assert s.organisations == ["gemeente Tilburg"]


def test_an_organisation_before_a_name_without_a_role_stays_a_mention(nlp):
    from pipeline.speakers.mentions import MentionKind, find_mentions

    doc = nlp("Het plan van gemeente Tilburg Anne Bos kwam laat.")
    assert "gemeente Tilburg" in [m.text for m in find_mentions(doc) if m.kind is MentionKind.ORGANISATION]


def test_a_lower_case_kind_of_body_before_the_name_is_left_out_of_the_organisation(analyse):
    a = analyse("“Het is raar”, zegt Kees Aalders van onderzoeksbureau Noordlicht Data.")
    assert speaker(a, "Kees Aalders").organisations == ["Noordlicht Data"]


def test_a_municipality_keeps_its_head_word(analyse):
    a = analyse("“Het is raar”, zegt Kees Aalders van gemeente Tilburg.")
    assert speaker(a, "Kees Aalders").organisations == ["gemeente Tilburg"]


def test_adjectives_between_the_article_and_the_organisation_are_left_out(analyse):
    a = analyse("“Het is raar”, zegt voorzitter Kees Aalders van de rechtse Noordelijke Liga.")
    assert speaker(a, "Kees Aalders").organisations == ["Noordelijke Liga"]


def test_the_organisation_a_letter_is_addressed_to_is_not_its_writer(analyse):
    a = analyse("In een brief aan de Tweede Kamer meldt minister Tom Verbeek dat de regels moeten blijven.")
    assert [q.speaker for q in a.quotes] == ["Tom Verbeek"]
    assert [s.name for s in a.speakers] == ["Tom Verbeek"]


def test_an_organisation_that_writes_a_letter_is_its_writer(analyse):
    a = analyse("De gemeente Almere meldt in een brief aan de Tweede Kamer dat de regels moeten blijven.")
    assert [q.speaker for q in a.quotes] == ["gemeente Almere"]


def test_a_title_between_the_role_and_the_name_is_no_part_of_the_role(analyse):
    a = analyse("Daarna zegt wethouder mevrouw Yilmaz dat de bewoners het plan niet steunen.")
    assert speaker(a, "Yilmaz").roles == ["wethouder"]


def test_inspreker_is_a_role(analyse):
    a = analyse("Inspreker de heer Bosman zegt dat de bewoners het plan niet steunen.")
    assert speaker(a, "Bosman").roles == ["inspreker"]
