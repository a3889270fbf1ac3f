"""An attendance line that lists people with a role before each name ("Aanwezig: wethouder M. van Dijk, griffier J.
Smit") names several people: each item is its own person with its own role, not an apposition of the first."""

from __future__ import annotations

MINUTES = (
    "Verslag commissie Leefomgeving\n\n"
    "Aanwezig: wethouder H. Verbeek, griffier T. Ouden, raadslid Fenna Kuipers\n\n"
    "De griffier zegt dat het verslag van de vorige keer klaar is.\n\n"
    "Actiepunt: de griffier stuurt het verslag rond.\n"
)


def test_each_item_of_an_attendance_list_is_its_own_person(analyse) -> None:
    result = analyse(MINUTES)
    names = {s.name: s for s in result.speakers}
    assert "T. Ouden" in names
    assert names["T. Ouden"].roles == ["griffier"]
    assert all("Ouden" not in role for s in result.speakers for role in s.roles)


def test_the_role_in_prose_goes_to_the_person_the_list_gives_it(analyse) -> None:
    result = analyse(MINUTES)
    [quote] = result.quotes
    assert quote.speaker == "T. Ouden"
    [action] = result.summary.actions
    clerk = next(s for s in result.speakers if s.name == "T. Ouden")
    assert action.speaker_id == clerk.id


def test_an_apposition_with_a_role_and_no_name_still_describes_the_person(analyse) -> None:
    result = analyse("Verslag.\n\nKarin Wouters, griffier van de gemeente, zegt dat de stukken op tijd zijn verstuurd.\n")
    [speaker] = result.speakers
    assert speaker.name == "Karin Wouters"
    assert speaker.roles == ["griffier van de gemeente"]


def test_surnames_after_roles_on_an_attendance_line_are_people(analyse) -> None:
    result = analyse(
        "Verslag commissie Leefomgeving\n\n"
        "Aanwezig: wethouder Verbeek, griffier Ouden, raadslid De Wolf\n\n"
        "De griffier zegt dat het verslag klaar is.\n\nDe wethouder zegt dat de begroting rond is.\n"
    )
    by_text = {q.text: q.speaker for q in result.quotes}
    assert by_text == {"het verslag klaar is": "Ouden", "de begroting rond is": "Verbeek"}
    assert next(s for s in result.speakers if s.name == "Ouden").roles == ["griffier"]


def test_outside_an_attendance_line_a_capitalised_word_after_the_role_stays_in_the_apposition(analyse) -> None:
    result = analyse("Verslag.\n\nKarin Wouters, wethouder Verkeer, zegt dat de brug in juni dichtgaat.\n")
    [speaker] = result.speakers
    assert speaker.name == "Karin Wouters"
    assert speaker.roles == ["wethouder Verkeer"]
