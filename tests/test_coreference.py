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


def test_a_role_with_its_complement_and_nobody_in_focus_is_a_speaker_of_its_own(analyse):
    a = analyse(
        "In Breda is een python ontsnapt. De gemeente waarschuwt de buurt.\n\n"
        "De eigenaar van de gele python zoekt nog. Ook hij denkt dat het dier in de buurt is. "
        "“Het is een zware week voor me.”"
    )
    s = next(s for s in a.speakers if s.name == "De eigenaar van de gele python")
    assert s.type == "person"
    assert s.roles == []
    assert speaker_of(a, "Het is een zware") == "De eigenaar van de gele python"


def test_a_role_with_its_complement_refers_to_the_person_in_focus(analyse):
    a = analyse(
        "“Ik maak me zorgen”, vertelt Sanne Verhoef. Volgens het raadslid van de PvdA moet de gemeente ingrijpen."
    )
    assert [s.name for s in a.speakers] == ["Sanne Verhoef"]


def test_a_given_name_alone_refers_to_the_one_person_who_bears_it(analyse):
    a = analyse("“Ik maak me zorgen”, vertelt Sanne Verhoef-Bos. “Het moet stoppen”, zegt Sanne.")
    assert [s.name for s in a.speakers] == ["Sanne Verhoef-Bos"]
    assert speaker_of(a, "Het moet stoppen") == "Sanne Verhoef-Bos"


def test_a_given_name_two_people_bear_refers_to_neither(analyse):
    a = analyse("Sanne Verhoef en Sanne Damen spraken. “Het moet stoppen”, zegt Sanne.")
    assert speaker_of(a, "Het moet stoppen") not in ("Sanne Verhoef", "Sanne Damen")


def test_die_partij_refers_back_to_the_party_named_before(analyse):
    a = analyse(
        "Ook de SGP is het niet eens met het besluit. Die partij vindt dat het kabinet te snel gaat. "
        "Later zei de partij dat de regels moeten blijven."
    )
    assert [s.name for s in a.speakers] == ["SGP"]
    assert all(q.speaker == "SGP" for q in a.quotes)


def test_de_bond_refers_back_to_a_body_named_in_lower_case_too(analyse):
    a = analyse("Het plan komt van de vereniging Eigen Dak. De bond vindt dat het plan te duur is.")
    assert [q.speaker for q in a.quotes] == ["vereniging Eigen Dak"]


def test_de_partij_with_no_organisation_named_before_stays_a_body_of_its_own(analyse):
    a = analyse("Sanne Verhoef opent een loket. De partij vindt dat het plan te duur is.")
    assert [q.speaker for q in a.quotes] == ["partij"]


def test_the_relative_die_before_an_organisation_word_opens_no_mention(nlp):
    from pipeline.speakers.mentions import MentionKind, find_mentions

    doc = nlp("Er zijn mensen die partij kiezen voor de boeren.")
    assert [m.text for m in find_mentions(doc) if m.kind is MentionKind.ORGANISATION] == []
    doc = nlp("Die partij kiest voor de boeren.")
    assert [m.text for m in find_mentions(doc) if m.kind is MentionKind.ORGANISATION] == ["Die partij"]


def test_zij_with_a_plural_verb_refers_to_the_group_in_focus(analyse):
    a = analyse("Sanne Verhoef woont in de wijk. De omwonenden vrezen overlast. Zij zeggen dat het plan te duur is.")
    assert speaker_of(a, "het plan te duur") == "omwonenden"


def test_ze_with_a_singular_verb_still_refers_to_the_woman_in_focus(analyse):
    a = analyse("De omwonenden vrezen overlast. Sanne Verhoef woont in de wijk. Ze zegt dat het plan te duur is.")
    assert speaker_of(a, "het plan te duur") == "Sanne Verhoef"


def test_a_plural_pronoun_with_no_group_in_focus_goes_to_no_person(analyse):
    a = analyse("Sanne Verhoef woont in de wijk. Zij zeggen dat het plan te duur is.")
    assert speaker_of(a, "het plan te duur") != "Sanne Verhoef"


def _tagged(nlp, words, morphs, pos):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, pos=pos, morphs=morphs)


def test_the_number_of_zij_comes_from_the_tagged_verb_before_or_after_it(nlp):
    from pipeline.speakers.lexicon import is_plural_pronoun

    plural = _tagged(nlp, ["Daar", "waren", "ze", "blij"], ["", "Number=Plur|VerbForm=Fin", "", ""], ["ADV", "AUX", "PRON", "ADJ"])
    singular = _tagged(nlp, ["Daar", "was", "ze", "blij"], ["", "Number=Sing|VerbForm=Fin", "", ""], ["ADV", "AUX", "PRON", "ADJ"])
    assert is_plural_pronoun(plural[2])
    assert not is_plural_pronoun(singular[2])


def test_without_a_tagger_a_plural_form_from_the_lists_makes_zij_plural(nlp):
    from pipeline.speakers.lexicon import is_plural_pronoun

    assert is_plural_pronoun(nlp("Zij hebben gelijk.")[0])
    assert not is_plural_pronoun(nlp("Zij heeft gelijk.")[0])
    assert is_plural_pronoun(nlp("Volgens hen kan het.")[1])


def test_de_partij_leider_refers_back_to_the_leader_named_before(analyse):
    a = analyse(
        "SGP-leider Tom Verbeek sprak in Zwolle. Sanne Damen was er ook. "
        "Zo zei de SGP-leider tijdens het debat dat de regels moeten blijven."
    )
    assert speaker_of(a, "de regels moeten blijven") == "Tom Verbeek"


def test_a_party_role_compound_before_a_name_is_no_back_reference(nlp):
    from pipeline.speakers.mentions import MentionKind, find_mentions

    doc = nlp("Zo zei SGP-leider Tom Verbeek dat de regels blijven.")
    assert [m.text for m in find_mentions(doc) if m.kind is MentionKind.ROLE] == []


def test_de_woordvoerder_refers_back_to_the_unnamed_spokesman_introduced_with_his_organisation(analyse):
    a = analyse(
        "Een woordvoerder van de Nationale Ombudsman heeft dat bevestigd. Burgemeester Tom Verbeek reageert nog niet. "
        "“De klachten worden nu onderzocht”, legt de woordvoerder uit."
    )
    assert speaker_of(a, "De klachten worden") == "Een woordvoerder van de Nationale Ombudsman"
    spokesman = next(s for s in a.speakers if s.name == "Een woordvoerder van de Nationale Ombudsman")
    assert spokesman.organisations == ["Nationale Ombudsman"]


def test_a_role_noun_after_a_preposition_does_not_refer_back_to_the_description(analyse):
    a = analyse(
        "Een woordvoerder van de Nationale Ombudsman heeft dat bevestigd. Sanne Damen is boos. "
        "Ze spreekt over het ontslag van de woordvoerder. “Het is onterecht.”"
    )
    assert speaker_of(a, "Het is onterecht") == "Sanne Damen"


def _roles_of(analysis, name):
    return next(s.roles for s in analysis.speakers if s.name == name)


def test_a_party_role_refers_to_the_person_of_that_party_not_to_the_one_in_focus(analyse):
    a = analyse(
        "“Het moet anders”, zegt SP-leider Tom Verbeek. Sanne Damen (VVD) reageert. "
        "“Dat is onzin”, zegt ze. Volgens de VVD-leider is het plan te duur."
    )
    assert "vvd-leider" not in [r.lower() for r in _roles_of(a, "Tom Verbeek")]
    assert speaker_of(a, "is het plan te duur") == "Sanne Damen"


def test_a_role_after_a_preposition_is_no_role_of_the_person_in_focus(analyse):
    a = analyse("“Ik ga in beroep”, zegt Tom Verbeek. Hij stapte eerder naar de rechter.")
    assert _roles_of(a, "Tom Verbeek") == []


def test_a_role_after_volgens_still_refers_to_the_person_in_focus(analyse):
    a = analyse("Tom Verbeek is hoogleraar in Delft. Volgens de hoogleraar is het plan te duur.")
    assert speaker_of(a, "is het plan te duur") == "Tom Verbeek"


def test_a_party_role_that_refers_back_gives_its_party(analyse):
    a = analyse("“Het moet anders”, zegt voorman Tom Verbeek. Volgens de SGP-voorman is het plan te duur.")
    s = next(s for s in a.speakers if s.name == "Tom Verbeek")
    assert s.organisations == ["SGP"]
    assert s.roles == ["voorman", "SGP-voorman"]


def test_a_party_role_does_not_give_its_party_to_a_person_only_in_focus(analyse):
    a = analyse("“Het moet anders”, zegt Tom Verbeek. Volgens de SGP-voorman is het plan te duur.")
    assert next(s for s in a.speakers if s.name == "Tom Verbeek").organisations == []


def test_a_plain_role_that_refers_back_gives_no_organisation(analyse):
    a = analyse("“Het moet anders”, zegt Tom Verbeek. Volgens de voorman is het plan te duur.")
    assert next(s for s in a.speakers if s.name == "Tom Verbeek").organisations == []


def test_de_bron_refers_back_to_the_anonymous_source_described_before(analyse):
    a = analyse(
        "De krant sprak met een anonieme bron binnen de Belastingdienst. Minister Tom Verbeek zweeg. "
        "“Het is een schande”, zegt de bron."
    )
    assert speaker_of(a, "Het is een schande") == "een anonieme bron binnen de Belastingdienst"
    source = next(s for s in a.speakers if s.name == "een anonieme bron binnen de Belastingdienst")
    assert source.organisations == ["Belastingdienst"]


def test_de_bron_without_a_source_described_before_is_nobody_in_focus(analyse):
    a = analyse("Minister Tom Verbeek zweeg. “Het is een schande”, zegt de bron.")
    assert "Tom Verbeek" not in [q.speaker for q in a.quotes]
    assert "Tom Verbeek" not in [s.name for s in a.speakers]


def test_a_description_between_dashes_gives_the_person_before_it_a_role(analyse):
    a = analyse(
        "De krant sprak met een anonieme bron. Toen bleek dat deze bron - een ambtenaar - het had gelekt, "
        "zegt de bron dat het nodig was."
    )
    source = next(s for s in a.speakers if s.name == "een anonieme bron")
    assert source.roles == ["ambtenaar"]
    assert [s.name for s in a.speakers if "ambtenaar" in s.name] == []
