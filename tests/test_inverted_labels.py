"""Directory-style speaker labels ("Achternaam, Voornaam (Organisatie)", as Teams and Outlook write them) name the
person in reading order, with the organisation in brackets, and join the other mentions of that person."""

from __future__ import annotations

import pytest

from pipeline.ingest.labels import parse_label

VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.000\n<v Hendriks, Bram (Gemeente Oosterwold)>Goedemorgen, we beginnen met de begroting.\n\n"
    "00:00:05.000 --> 00:00:09.000\n<v Öztürk, Derya>Dank u wel. Ik heb een vraag over de subsidie voor de bibliotheek.\n\n"
    "00:00:10.000 --> 00:00:14.000\n<v Hendriks, Bram (Gemeente Oosterwold)>Mevrouw Öztürk, gaat uw gang met uw vraag.\n"
)


@pytest.mark.parametrize(
    ("label", "name", "organisations"),
    [
        ("Hendriks, Bram (Gemeente Oosterwold)", "Bram Hendriks", ("Gemeente Oosterwold",)),
        ("Öztürk, Derya", "Derya Öztürk", ()),
        ("Berg, Sanne van den", "Sanne van den Berg", ()),
        ("Kramer, P.J.", "P.J. Kramer", ()),
    ],
)
def test_a_surname_first_label_is_read_given_name_first(label: str, name: str, organisations: tuple[str, ...]) -> None:
    parsed = parse_label(label)
    assert parsed is not None
    assert parsed.type == "person"
    assert parsed.name == name
    assert parsed.organisations == organisations


@pytest.mark.parametrize("label", ["Jansen, De Vries", "Voorzitter, dank u wel", "Wethouder, Bram"])
def test_two_surnames_or_a_role_with_words_are_not_an_inverted_name(label: str) -> None:
    parsed = parse_label(label)
    assert parsed is None or parsed.name != " ".join(reversed(label.split(", ")))


def test_a_teams_voice_label_gives_name_and_organisation(analyse) -> None:
    result = analyse(VTT, format="vtt")
    speakers = {s.name: s for s in result.speakers}
    assert speakers["Bram Hendriks"].organisations == ["Gemeente Oosterwold"]
    assert {t.speaker for t in result.turns} == {"Bram Hendriks", "Derya Öztürk"}


def test_mevrouw_with_the_surname_joins_the_inverted_label(analyse) -> None:
    result = analyse(VTT, format="vtt")
    derya = next(s for s in result.speakers if s.name == "Derya Öztürk")
    assert any(alias.lower() == "mevrouw öztürk" for alias in derya.aliases)
    assert not any(s.name.lower().startswith("mevrouw") for s in result.speakers)
