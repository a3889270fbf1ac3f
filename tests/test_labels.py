"""Speakers from labels: one participant per person across label variants, roles, parties, the chair."""

from __future__ import annotations

import pytest

from pipeline.ingest import BlockKind, read_text
from pipeline.ingest.labels import attendance, chair_from_header, is_diarisation_label, parse_label


def turns(text: str, **kw):
    transcript = read_text(text, **kw)
    return transcript, [b for b in transcript.blocks if b.kind is BlockKind.TURN]


class TestParseLabel:
    @pytest.mark.parametrize(
        ("label", "name", "roles", "organisations"),
        [
            ("Mevrouw HOEKSTRA (GroenLinks)", "Hoekstra", (), ("GroenLinks",)),
            ("mevrouw Hoekstra", "Hoekstra", (), ()),
            ("Wethouder Lisa Kramer", "Lisa Kramer", ("wethouder",), ()),
            ("Jan de Vries (Guest)", "Jan de Vries", ("gast",), ()),
            ("Minister Rutte", "Rutte", ("minister",), ()),
            ("Staatssecretaris Van Veldhoven", "Van Veldhoven", ("staatssecretaris",), ()),
            ("Inspreker Van Rijn", "Van Rijn", ("inspreker",), ()),
            ("Het lid Peeters", "Peeters", ("lid",), ()),
            ("De heer VAN DER HAM (D66)", "Van der Ham", (), ("D66",)),
            ("mevr. E. Roos (wethouder)", "E. Roos", ("wethouder",), ()),
        ],
    )
    def test_person_labels(self, label, name, roles, organisations):
        parsed = parse_label(label)
        assert parsed is not None and parsed.type == "person"
        assert (parsed.name, parsed.roles, parsed.organisations) == (name, roles, organisations)

    @pytest.mark.parametrize("label", ["De voorzitter", "De VOORZITTER", "Voorzitter", "Minister van Financiën", "Staatssecretaris"])
    def test_a_role_without_a_name_is_an_office(self, label):
        parsed = parse_label(label)
        assert parsed is not None and parsed.type == "office"

    @pytest.mark.parametrize("label", ["SPEAKER_00", "[SPEAKER_01]", "Unknown Speaker", "Spreker 1", "Onbekende spreker"])
    def test_diarisation_labels_are_unknown_speakers(self, label):
        assert is_diarisation_label(label)
        assert parse_label(label).type == "unknown"

    def test_a_name_is_not_a_diarisation_label(self):
        assert not is_diarisation_label("Sanne Speelman")

    def test_college_is_a_group(self):
        assert parse_label("College").type == "group"

    @pytest.mark.parametrize("label", ["CDA", "D66", "SP"])
    def test_a_bare_party_acronym_is_a_group_not_a_person(self, label):
        parsed = parse_label(label)
        assert (parsed.type, parsed.name) == ("group", label)

    def test_an_upper_case_surname_with_a_form_of_address_is_a_person(self):
        assert parse_label("Mevrouw BOS").name == "Bos"

    @pytest.mark.parametrize(
        "label", ["Let op", "Aanvang", "De VOORZITTER heet de aanwezigen welkom en zegt het volgende", "de kosten", "De heer", "Goedemorgen."]
    )
    def test_clauses_and_keys_are_no_labels(self, label):
        assert parse_label(label) is None


class TestVariantsBecomeOnePerson:
    def test_upper_case_party_and_bare_surname_are_one_participant(self):
        text = (
            "Mevrouw HOEKSTRA (GroenLinks): Wij willen meer groen op het plein.\n"
            "De heer Smit (VVD): Dat kost te veel.\n"
            "mevrouw Hoekstra: Het past in de begroting.\n"
            "Hoekstra: Ik rond af.\n"
        )
        transcript, ts = turns(text)
        assert [t.speaker for t in ts] == ["Hoekstra", "Smit", "Hoekstra", "Hoekstra"]
        hoekstra = transcript.participants["Hoekstra"]
        assert hoekstra.name == "Hoekstra" and hoekstra.organisations == ["GroenLinks"]
        assert "Mevrouw HOEKSTRA (GroenLinks)" in hoekstra.aliases
        assert len(transcript.participants) == 2

    def test_role_before_a_full_name_and_the_surname_later(self):
        text = "Wethouder Lisa Kramer: De kosten vallen mee.\nDe heer Bos (CDA): Hoeveel precies?\nKramer: Twee ton.\n"
        transcript, ts = turns(text)
        assert [t.speaker for t in ts] == ["Lisa Kramer", "Bos", "Lisa Kramer"]
        assert transcript.participants["Lisa Kramer"].roles == ["wethouder"]

    def test_same_surname_in_two_parties_stays_two_people(self):
        text = "De heer Jansen (VVD): Ik ben voor.\nMevrouw Jansen (SP): Ik ben tegen.\nDe heer Jansen (VVD): Jammer.\n"
        transcript, ts = turns(text)
        assert len({t.speaker for t in ts}) == 2
        assert sorted(p.organisations[0] for p in transcript.participants.values()) == ["SP", "VVD"]

    def test_different_first_names_are_different_people(self):
        _, ts = turns("Jan de Vries: Goedemorgen.\nPiet de Vries: Goedemiddag.\nJan de Vries: Tot straks.\n")
        assert [t.speaker for t in ts] == ["Jan de Vries", "Piet de Vries", "Jan de Vries"]

    def test_diarisation_labels_are_participants_of_type_unknown(self):
        transcript, ts = turns("[SPEAKER_00]: Wie begint er?\n[SPEAKER_01]: Ik wel.\nSPEAKER_00: Prima.\n")
        assert [t.speaker for t in ts] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]
        assert {p.type for p in transcript.participants.values()} == {"unknown"}


class TestChair:
    def test_the_chair_named_in_the_header_holds_the_chairs_turns(self):
        text = (
            "Raadsvergadering 12 maart\n\nVoorzitter: Verbeek\n\nAanvang: 19:30 uur\n\n"
            "De voorzitter:\n\nIk open de vergadering.\n\n"
            "Mevrouw Akkaya (PvdA):\n\nDank u wel. Ik heb een vraag over de sporthal.\n\n"
            "De voorzitter:\n\nDe wethouder antwoordt straks.\n"
        )
        transcript, ts = turns(text)
        assert [t.speaker for t in ts] == ["Verbeek", "Akkaya", "Verbeek"]
        chair = transcript.participants["Verbeek"]
        assert chair.chair and "voorzitter" in chair.roles and chair.type == "person"
        assert not any(b.kind is BlockKind.TURN and "19:30" in b.text for b in transcript.blocks)

    def test_the_chair_from_an_attendance_list(self):
        text = (
            "Aanwezig: T. Mulders (voorzitter), mevr. R. Yilmaz (wethouder), dhr. B. Groen.\n\n"
            "De voorzitter: Welkom allemaal.\nDhr. Groen: Ik heb een vraag.\nMevr. Yilmaz: Ik antwoord graag.\n"
        )
        transcript, ts = turns(text)
        assert [t.speaker for t in ts] == ["T. Mulders", "B. Groen", "R. Yilmaz"]
        assert transcript.participants["T. Mulders"].chair
        assert transcript.participants["R. Yilmaz"].roles == ["wethouder"]

    def test_without_a_named_chair_the_chair_stays_the_office(self):
        transcript, ts = turns("De voorzitter: Welkom.\nDe heer Kok (D66): Dank u.\nVoorzitter: Graag gedaan.\n")
        assert ts[0].speaker == ts[2].speaker
        office = transcript.participants[ts[0].speaker]
        assert office.type == "office" and "voorzitter" in office.roles and not office.chair

    def test_a_role_without_a_name_joins_the_one_person_holding_it(self):
        _, ts = turns("Wethouder Daan Kuiper: Het plan is klaar.\nDe heer Vos (CDA): Wanneer begint het?\nDe wethouder: In mei.\n")
        assert ts[2].speaker == "Daan Kuiper"

    def test_chair_header_and_attendance_helpers(self):
        assert chair_from_header("Voorzitter: Arslan").name == "Arslan"
        assert chair_from_header("Voorzitter: Dank u wel, dan gaan we verder.") is None
        assert [p.name for p in attendance("Aanwezig: A. Bakker (voorzitter), C. Dekker en E. Faber.")] == ["A. Bakker", "C. Dekker", "E. Faber"]
        assert attendance("Zij was aanwezig bij de vergadering.") == []


def test_participants_without_turns_are_dropped():
    transcript, _ = turns("Aanwezig: K. Smeets (voorzitter), L. Wouters.\n\nL. Wouters: Goedemiddag.\nK. Meijer: Hallo.\n")
    assert set(transcript.participants) == {"L. Wouters", "K. Meijer"}


def test_a_prose_report_has_no_participants():
    assert read_text("Verslag\n\nDe raad sprak over het park. Iedereen was het eens.\n").participants == {}


def test_when_the_chair_changes_each_chair_turn_goes_to_the_chair_named_last():
    text = (
        "Vergadering\n\nVoorzitter: Arslan\n\nDe voorzitter:\nIk open de vergadering.\n\n"
        "De heer Pauw (CDA):\nDank u.\n\nVoorzitter: Van Kempen\n\nDe voorzitter:\nIk neem het even over.\n\n"
        "Mevrouw Arslan (VVD):\nIk ben terug.\n"
    )
    transcript, ts = turns(text)
    assert [t.speaker for t in ts] == ["Arslan", "Pauw", "Van Kempen", "Arslan"]
    assert transcript.participants["Arslan"].chair and transcript.participants["Van Kempen"].chair
    assert transcript.participants["Arslan"].organisations == ["VVD"]


def test_a_first_name_alone_is_the_one_person_with_that_first_name():
    _, ts = turns("Lisa Kramer: Welkom.\nOmar Said: Dank je.\nLisa: Zullen we beginnen?\n")
    assert [t.speaker for t in ts] == ["Lisa Kramer", "Omar Said", "Lisa Kramer"]


def test_a_first_name_shared_by_two_people_stays_apart():
    _, ts = turns("Lisa Kramer: Welkom.\nLisa Bos: Dank je.\nLisa: Zullen we beginnen?\n")
    assert ts[2].speaker == "Lisa"


def test_role_header_lines_are_no_turns_and_give_the_role_to_the_speaker():
    text = (
        "Notulen commissie Wonen\n\nVoorzitter: P. Mertens\nGriffier: C. Vos\nWethouders: A. Smit en B. Kok\n\n"
        "De voorzitter: Welkom allemaal.\nSmit: Het plan ligt er.\nDe griffier: De stukken zijn rondgestuurd.\n"
    )
    transcript, ts = turns(text)
    assert [t.speaker for t in ts] == ["P. Mertens", "A. Smit", "C. Vos"]
    assert transcript.participants["A. Smit"].roles == ["wethouder"]
    assert "griffier" in transcript.participants["C. Vos"].roles


def test_a_role_label_with_speech_is_a_turn_not_a_header():
    _, ts = turns("Wethouder: Dank u wel, voorzitter.\nDe heer Bal (SP): Graag gedaan.\n")
    assert [t.text for t in ts] == ["Dank u wel, voorzitter.", "Graag gedaan."]


def test_a_body_or_office_with_and_without_article_is_one_participant():
    _, ts = turns(
        "Het college: Wij steunen het plan.\nDe heer Aydin (DENK): Waarom?\nCollege: Omdat het werkt.\n"
        "De minister van Financiën: Er is geld.\nMinister van Financiën: Meer niet.\n"
    )
    assert ts[0].speaker == ts[2].speaker
    assert ts[3].speaker == ts[4].speaker


def test_a_label_with_the_role_voorzitter_makes_that_person_the_chair():
    transcript, ts = turns("Mevrouw Arts (voorzitter): Welkom.\nDe heer Kuijpers (VVD): Dank u.\nDe voorzitter: Graag gedaan.\n")
    assert ts[2].speaker == ts[0].speaker == "Arts"
    assert transcript.participants["Arts"].chair


def test_thousands_of_distinct_speakers_are_grouped_each_into_one_participant():
    names = [f"De heer Lid{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{chr(65 + i // 676)} (P{i % 5})" for i in range(1500)]
    text = "".join(f"{names[i % 1500]}: Een zin over het plan.\n" for i in range(3000))
    transcript, ts = turns(text)
    assert len(transcript.participants) == 1500
    assert ts[0].speaker == ts[1500].speaker


def test_people_named_in_an_attendance_list_of_a_prose_report():
    from pipeline.ingest.labels import named_participants

    transcript = read_text("Besluitenlijst\n\nAanwezig: T. Mulders (voorzitter), mevr. R. Yilmaz (wethouder), dhr. B. Groen.\n\nDhr. Groen vraagt of het kan.\n")
    people = {p.name: p for p in named_participants(transcript)}
    assert people["T. Mulders"].chair and people["T. Mulders"].roles == ["voorzitter"]
    assert people["R. Yilmaz"].roles == ["wethouder"] and not people["R. Yilmaz"].chair
    assert people["B. Groen"].roles == []
    assert named_participants(read_text("Verslag\n\nEen avond zonder lijst van aanwezigen.\n")) == []
