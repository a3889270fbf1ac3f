"""Summary units and what may be published: quotes kept whole, fragments and page furniture left out."""

from __future__ import annotations

import re

import pytest

from pipeline.summaries.publishable import needs_predecessor, rejection
from pipeline.summaries.units import quote_units, unbalanced

_END = re.compile(r"[.!?:]\S*\s+")


def naive_sentences(text: str) -> list[tuple[int, int]]:
    """A splitter that ignores quotation marks, as a statistical one may: cut after . ! ? : and white space."""
    out, start = [], 0
    for match in _END.finditer(text):
        out.append((start, match.end()))
        start = match.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def units(text: str, sentences: list[tuple[int, int]] | None = None) -> list[str]:
    return [text[a:b] for a, b in quote_units(text, sentences or naive_sentences(text))]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ("„", "”"), ("‘", "’"), (",,", "''"), ('"', '"')],
)
def test_a_quote_over_two_sentences_is_one_unit_in_every_dutch_style(opening, closing):
    text = f"{opening}We gaan de wijk vergroenen. Dat kost tijd{closing}, zegt Noor Dekker. De raad beslist in mei."
    assert units(text) == [
        f"{opening}We gaan de wijk vergroenen. Dat kost tijd{closing}, zegt Noor Dekker.",
        "De raad beslist in mei.",
    ]


def test_sentences_without_quotes_stay_apart():
    text = "De raad vergadert dinsdag. De wethouder is er niet bij. Z'n auto's staan 's avonds op straat."
    assert units(text) == ["De raad vergadert dinsdag.", "De wethouder is er niet bij.", "Z'n auto's staan 's avonds op straat."]


def test_an_opening_mark_left_at_the_end_of_a_sentence_moves_to_the_sentence_it_opens():
    text = 'Het plein gaat dicht. "Dat is jammer", zegt Bram Kuipers.'
    split = [(0, 23), (23, len(text))]  # the splitter left the mark with the first sentence
    assert text[0:23] == 'Het plein gaat dicht. "'
    assert units(text, split) == ["Het plein gaat dicht.", '"Dat is jammer", zegt Bram Kuipers.']


def test_an_intro_ending_in_a_colon_is_one_unit_with_its_quote():
    text = "Wethouder Lisa Mol was duidelijk:\n„Het zwembad blijft open.”\nDaarna ging de zaal naar huis."
    assert units(text) == ["Wethouder Lisa Mol was duidelijk:\n„Het zwembad blijft open.”", "Daarna ging de zaal naar huis."]


def test_a_colon_without_a_quote_after_it_joins_nothing():
    text = "Op de agenda staan drie punten: de begroting en de speeltuin. Het overleg duurt een uur."
    assert units(text) == [
        "Op de agenda staan drie punten:",
        "de begroting en de speeltuin.",
        "Het overleg duurt een uur.",
    ]


def test_a_mark_that_never_closes_does_not_swallow_the_text():
    sentences = " ".join(f"Zin nummer {i} gaat over de markt." for i in range(20))
    text = "„Dit citaat sluit nooit. " + sentences
    assert len(units(text)) == 21


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Luister, wij kunnen dit jaar de beker winnen.', True),
        ("Er komt een algehele stop. \"", True),
        ("Maar het wordt zwaar.’ zegt hij.", True),
        ("„Wij gaan door”, zegt Piet Haring.", False),
        ("‘Wij gaan door’, zegt Piet Haring.", False),
        (",,Wij gaan door'', zegt Piet Haring.", False),
        ("Z'n auto's staan 's avonds bij Anders' huis.", False),
    ],
)
def test_unbalanced_quotation_marks(text, expected):
    assert unbalanced(text) is expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Aanwezig: Petra Smulders, Karim Bouzid en Els van der Heijden.", "procedural"),
        ("De voorzitter opent de vergadering om half acht.", "procedural"),
        ("verslaggever politiek Tom Bakker", "byline"),
        ("Door Anna de Wit", "byline"),
        ("Foto: een dorpsplein in de zon met kinderen.", "byline"),
        ("Nieuwe plannen voor het dorpsplein van Ommel", "heading"),
        ("Wat vindt u van het nieuwe dorpsplein in Ommel?", "question"),
        ("De wethouder legde het zo uit aan de bewoners:", "intro"),
        ('"Luister, wij kunnen dit jaar de beker winnen.', "unbalanced"),
        ("en daarna gingen de bewoners naar huis toe.", "fragment"),
        ("Het plein is klaar.", "fragment"),
        ("„Wij gaan door met het plein, wat er ook gebeurt.”", "unattributed"),
    ],
)
def test_what_is_never_published(text, reason):
    assert rejection(text) == reason


def test_a_sentence_without_a_verb_is_a_fragment_when_a_tagger_says_so():
    assert rejection("Meer tijd voor de patiënt in de huisartsenpraktijk dus.", has_verb=False) == "fragment"
    assert rejection("Meer tijd voor de patiënt in de huisartsenpraktijk dus.", has_verb=None) is None
    assert rejection("De huisarts krijgt meer tijd voor de patiënt.", has_verb=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "De gemeenteraad van Ommel stemde dinsdag in met het nieuwe dorpsplein.",
        "„Wij gaan door met het plein”, zegt wethouder Piet Haring.",
        "Volgens Noor Dekker is het plein „een aanwinst voor het dorp”.",
        "De vergadering over het plein duurde tot na middernacht!",
    ],
)
def test_whole_sentences_with_balanced_marks_are_published(text):
    assert rejection(text) is None


def test_a_sentence_that_refers_back_needs_the_one_before_it():
    assert needs_predecessor("Zij wil het plein in mei openen.")
    assert needs_predecessor("„Daarom gaan we door”, zegt Noor Dekker.")
    assert not needs_predecessor("Noor Dekker wil het plein in mei openen.")
