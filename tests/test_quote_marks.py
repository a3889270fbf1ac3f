"""Quotation marks: every Dutch style, apostrophes, nesting, paragraphs, unmatched marks."""

from __future__ import annotations

import pytest

from pipeline.quotes.marks import find_quote_pairs


def quoted(text: str, regions=None) -> list[str]:
    regions = regions or [(0, len(text))]
    return [text[p.inner_start : p.inner_end] for p in find_quote_pairs(text, regions)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ze zei: “Dit is goed.”", ["Dit is goed."]),
        ("Ze zei: „Dit is goed.”", ["Dit is goed."]),
        ("Ze zei: ‘Dit is goed.’", ["Dit is goed."]),
        (",,Dit is goed,'' zei ze.", ["Dit is goed,"]),
        ('Ze zei: "Dit is goed."', ["Dit is goed."]),
        ("Ze zei: «Dit is goed.»", ["Dit is goed."]),
    ],
)
def test_each_quotation_style(text, expected):
    assert quoted(text) == expected


def test_apostrophes_never_open_or_close_a_quote():
    assert quoted("Hij pakte z'n auto's en ging 's avonds naar huis. Z’n ideeën zijn goed.") == []


def test_nested_quotes_stay_inside():
    assert quoted("“Ik vertel het ‘grote’ verhaal”, grapte hij.") == ["Ik vertel het ‘grote’ verhaal"]


def test_apostrophe_inside_a_single_quote():
    assert quoted("Ze zei: ‘Het is z’n auto.’") == ["Het is z’n auto."]


def test_split_quote_gives_two_pairs():
    assert quoted("“Het eerste deel”, zegt Piet. “Het tweede deel.”") == ["Het eerste deel", "Het tweede deel."]


def test_quote_over_two_paragraphs_reopened_dutch_style():
    text = "“Eerste alinea van het citaat.\n\n“Tweede alinea.” Daarna volgt tekst."
    regions = [(0, 30), (32, len(text))]
    assert quoted(text, regions) == ["Eerste alinea van het citaat.\n\n“Tweede alinea."]


def test_unmatched_mark_is_ignored_without_error():
    assert quoted("Hij zei: “dit sluit nooit. En dan verder.") == []
