"""Themes: an evidence snippet never holds a quotation mark without its partner."""

from __future__ import annotations

import pytest

from pipeline.themes.scoring import balanced


def snippet(text: str, part: str, term: str | None = None) -> str:
    start = text.index(part)
    start, end = balanced(text, start, start + len(part), term=text.index(term) if term else None)
    return text[start:end]


def is_balanced(s: str) -> bool:
    return s.count('"') % 2 == 0 and s.count("“") + s.count("„") == s.count("”")


class TestBalancedSnippet:
    def test_the_next_quotes_mark_left_at_the_end_is_cut(self):
        text = 'Het vertrouwen in de raad is gedaald. "We moeten praten," zegt Jan.'
        assert snippet(text, 'Het vertrouwen in de raad is gedaald. "') == "Het vertrouwen in de raad is gedaald."

    def test_a_closing_mark_of_a_quote_that_opened_sentences_before_is_cut(self):
        text = "Anna zei: “Het gaat goed. Het vertrouwen is terug.” Daarna ging ze naar huis."
        assert snippet(text, "Het vertrouwen is terug.”") == "Het vertrouwen is terug."

    def test_an_opening_mark_of_a_quote_that_closes_later_is_cut(self):
        text = '"Het vertrouwen is terug. We gaan door," zegt Anna.'
        assert snippet(text, '"Het vertrouwen is terug.') == "Het vertrouwen is terug."

    def test_a_mark_inside_the_sentence_takes_in_the_rest_of_the_quote(self):
        text = "Het vertrouwen is terug, zei Anna: “We gaan door. Echt waar.” Daarna ging ze."
        found = snippet(text, "Het vertrouwen is terug, zei Anna: “We gaan door.")
        assert found == "Het vertrouwen is terug, zei Anna: “We gaan door. Echt waar.”"

    def test_a_closing_mark_inside_takes_in_the_start_of_the_quote(self):
        text = "Anna zei: “Het gaat goed. Het vertrouwen is terug,” aldus de wethouder in de raad."
        found = snippet(text, "Het vertrouwen is terug,” aldus de wethouder in de raad.")
        assert found == "“Het gaat goed. Het vertrouwen is terug,” aldus de wethouder in de raad."

    def test_without_a_partner_nearby_the_snippet_is_cut_on_the_side_of_the_theme_word(self):
        text = "Het vertrouwen in het plan is groot, zegt hij: “We gaan " + "door " * 100
        found = snippet(text, text, term="vertrouwen")
        assert found == "Het vertrouwen in het plan is groot, zegt hij:"

    @pytest.mark.parametrize(
        "sentence",
        ["Het vertrouwen is terug.", "Hij sprak over “vertrouwen” in de raad.", 'Het "vertrouwen" is terug.', "Z’n vertrouwen is ’s avonds terug."],
    )
    def test_a_balanced_sentence_stays_as_it_is(self, sentence):
        assert snippet(sentence, sentence) == sentence


def test_evidence_in_the_output_has_balanced_marks(analyse):
    text = (
        "Verslag\n\n"
        'Wethouder Anna de Wit sprak de raad toe. "Het vertrouwen van de inwoners is terug. We gaan door met de '
        'buurtteams," zei ze. Daarna ging het over vertrouwen in de politie. "Samenwerking is alles."'
    )
    a = analyse(text)
    evidence = [e for t in a.themes for e in t.evidence]
    assert evidence
    for e in evidence:
        assert is_balanced(e.text)
        assert text[e.start : e.end] == e.text
