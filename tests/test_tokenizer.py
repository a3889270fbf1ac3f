"""The Dutch tokenizer keeps quotation marks apart and apostrophe words whole."""

from __future__ import annotations

import pytest
import spacy


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("nl").tokenizer


@pytest.mark.parametrize(
    "text, tokens",
    [
        (",,Mijn niveau is gestegen.''", [",,", "Mijn", "niveau", "is", "gestegen", ".", "''"]),
        ("„Dat is z'n auto.”", ["„", "Dat", "is", "z'n", "auto", ".", "”"]),
        ("‘grote’ verhalen", ["‘", "grote", "’", "verhalen"]),
        ("Het is 's avonds druk met auto's.", ["Het", "is", "'s", "avonds", "druk", "met", "auto's", "."]),
        ("“Ik sta hier”, grapte hij.", ["“", "Ik", "sta", "hier", "”", ",", "grapte", "hij", "."]),
    ],
)
def test_quotes_and_apostrophes(tokenizer, text, tokens):
    assert [t.text for t in tokenizer(text)] == tokens
