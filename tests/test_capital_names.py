"""Names with capitals outside ASCII and Latin-1 ("Şahin", "İlker", "Łukasz", "Čolić", "Őry") are names like any other:
speaker labels, initials, chair lines, ParlaMint ids and mentions in prose decide "capitalised" by Unicode category."""

from __future__ import annotations

import pytest

from pipeline.capitals import is_capital, is_capitalised
from pipeline.ingest import BlockKind, read_text
from pipeline.ingest.labels import chair_from_header, normalise_case, parse_label
from pipeline.ingest.readers.parlamint import _name_from_note


class TestCapitals:
    @pytest.mark.parametrize("char", ["A", "Ş", "Ğ", "İ", "Ł", "Č", "Ž", "Ő", "Ç", "Ö", "Ǆ"])
    def test_capitals_of_every_latin_script(self, char):
        assert is_capital(char)

    @pytest.mark.parametrize("char", ["a", "ş", "ı", "ł", "ő", "1", "-", "’", "", "Şa"])
    def test_small_letters_digits_marks_and_more_than_one_character_are_no_capital(self, char):
        assert not is_capital(char)

    def test_a_word_is_capitalised_by_its_first_letter(self):
        assert is_capitalised("Şahin") and is_capitalised("Łukasz")
        assert not is_capitalised("yıldız") and not is_capitalised("’t") and not is_capitalised("")


class TestLabels:
    @pytest.mark.parametrize(
        ("label", "name", "roles", "organisations"),
        [
            ("Wethouder Şahin", "Şahin", ("wethouder",), ()),
            ("Mevrouw Yıldız (GL)", "Yıldız", (), ("GL",)),
            ("De heer Çelik", "Çelik", (), ()),
            ("Raadslid Öztürk (DENK)", "Öztürk", ("raadslid",), ("DENK",)),
            ("Łukasz Nowak", "Łukasz Nowak", (), ()),
            ("İlker Ağar", "İlker Ağar", (), ()),
            ("Ğ. Doğan", "Ğ. Doğan", (), ()),
            ("Mevrouw Čolić", "Čolić", (), ()),
            ("De heer Őry", "Őry", (), ()),
            ("Inspreker Žukauskas", "Žukauskas", ("inspreker",), ()),
        ],
    )
    def test_a_name_opening_with_any_capital_is_a_person_label(self, label, name, roles, organisations):
        parsed = parse_label(label)
        assert parsed is not None and parsed.type == "person"
        assert (parsed.name, parsed.roles, parsed.organisations) == (name, roles, organisations)

    @pytest.mark.parametrize("text", ["Şimdi is het tijd voor koffie", "Hij zei het volgende", "wethouder şahin"])
    def test_a_sentence_or_a_lower_case_name_is_no_label(self, text):
        assert parse_label(text) is None

    def test_initials_of_any_script_are_a_given_name(self):
        parsed = parse_label("Ş. Yılmaz")
        assert parsed is not None and (parsed.given, parsed.surname) == ("Ş.", "Yılmaz")

    def test_an_upper_case_name_is_written_in_normal_case(self):
        assert normalise_case("ŞAHIN", first=True) == "Şahin"
        assert normalise_case("İLKER", first=True) == "İlker"  # one character, not "I" + a combining dot
        assert len(normalise_case("İLKER", first=True)) == 5

    def test_a_chair_header_names_the_chair(self):
        chair = chair_from_header("Voorzitter: Şeyma Doğan")
        assert chair is not None and chair.name == "Şeyma Doğan" and "voorzitter" in chair.roles


class TestTranscript:
    TEXT = (
        "De voorzitter: Welkom. Het woord is aan de wethouder.\n"
        "Wethouder Şahin: Dank u, voorzitter. De planning is klaar.\n"
        "Mevrouw Yıldız (GL): Ik heb een vraag over de kosten.\n"
        "De heer Çelik zegt dat hij het plan steunt.\n"
    )

    def test_each_label_opens_its_own_turn(self):
        turns = [b for b in read_text(self.TEXT).blocks if b.kind is BlockKind.TURN]
        assert [t.speaker for t in turns] == ["De voorzitter", "Şahin", "Yıldız"]
        assert turns[1].text.startswith("Dank u, voorzitter.")
        assert "Şahin" not in turns[0].text  # the wethouder's lines are not in the chair's turn

    def test_a_sentence_naming_someone_stays_text_in_the_turn_before(self):
        turns = [b for b in read_text(self.TEXT).blocks if b.kind is BlockKind.TURN]
        assert turns[-1].text.endswith("De heer Çelik zegt dat hij het plan steunt.")

    def test_participants_keep_role_and_party(self):
        participants = read_text(self.TEXT).participants
        assert participants["Şahin"].roles == ["wethouder"]
        assert participants["Yıldız"].organisations == ["GL"]


class TestParlaMint:
    def test_a_camel_case_id_is_split_at_any_capital(self):
        assert _name_from_note("#ŞahinYılmaz", "De heer Yılmaz (DENK)") == ("Şahin Yılmaz", ["DENK"])
        assert _name_from_note("#ŁukaszŻak", None)[0] == "Łukasz Żak"

    def test_a_name_without_an_inner_capital_stays_whole(self):
        assert _name_from_note("#Yıldız", None)[0] == "Yıldız"


class TestMentions:
    def test_a_name_in_prose_is_a_speaker(self, nlp):
        doc = nlp("De heer Çelik zegt dat hij het plan steunt.")
        assert [s["name"] for s in doc._.speakers] == ["Çelik"]

    def test_an_initial_of_any_script_belongs_to_the_name(self, nlp):
        doc = nlp("Volgens Ş. Yılmaz is de planning te krap.")
        assert [s["name"] for s in doc._.speakers] == ["Ş. Yılmaz"]

    def test_a_lower_case_word_with_a_dot_is_no_initial(self, nlp):
        doc = nlp("Volgens ş. Yılmaz is de planning te krap.")
        assert "ş. Yılmaz" not in [s["name"] for s in doc._.speakers]
