"""Quotes: the words of a direct quote end before the comma that leads to its cue, and a cue is its speech verb with
its source and particle, never the rest of the sentence."""

from __future__ import annotations

import pytest


def quotes(analysis, kind=None):
    return [q for q in analysis.quotes if kind is None or q.kind == kind]


class TestCommaBeforeTheCue:
    @pytest.mark.parametrize(
        "text, words",
        [
            ("“Dit plan is goed,” zegt Jan Bos.", "Dit plan is goed"),
            ('"De brug gaat dicht," zei wethouder Fleur Aksoy.', "De brug gaat dicht"),
            ("„Wij zijn nog lang niet klaar ,” voegt Els Arts toe.", "Wij zijn nog lang niet klaar"),
        ],
    )
    def test_the_comma_inside_the_closing_mark_is_no_part_of_the_quote(self, analyse, text, words):
        q = quotes(analyse(text), "direct")[0]
        assert q.text == words

    def test_offsets_match_the_text_without_the_comma(self, analyse):
        text = "Verslag\n\n“Dit plan is goed,” zegt Jan Bos. “Wij gaan door.”"
        a = analyse(text)
        for q in quotes(a, "direct"):
            assert text[q.start : q.end] == q.text
        assert [q.text for q in quotes(a, "direct")] == ["Dit plan is goed", "Wij gaan door."]

    def test_a_quote_that_ends_its_sentence_keeps_its_full_stop(self, analyse):
        q = quotes(analyse("Jan Bos zei: “Het plan is klaar.”"), "direct")[0]
        assert q.text == "Het plan is klaar."

    def test_a_comma_inside_the_quoted_words_stays(self, analyse):
        q = quotes(analyse("“Eerst de school, dan het park,” zegt Jan Bos."), "direct")[0]
        assert q.text == "Eerst de school, dan het park"


class TestBoundedCue:
    @pytest.mark.parametrize(
        "text, cue",
        [
            ("“Het plan is klaar,” voegt Els Arts toe.", "voegt Els Arts toe"),
            ("“Dat is waar,” liet Piet Kok weten.", "liet Piet Kok weten"),
            ("“Het is te laat,” zegt Jan Bos.", "zegt Jan Bos"),
        ],
    )
    def test_a_cue_is_the_verb_its_source_and_its_particle(self, analyse, text, cue):
        assert quotes(analyse(text), "direct")[0].cue == cue

    def test_words_after_the_source_are_no_part_of_the_cue(self, analyse):
        text = (
            "“Het kan nu echt niet meer,” zegt Hanna Visser lachend wanneer haar wordt gevraagd wat de gemeente "
            "volgend jaar met het oude zwembad gaat doen."
        )
        q = quotes(analyse(text), "direct")[0]
        assert q.cue == "zegt Hanna Visser"

    def test_an_apposition_between_source_and_verb_is_left_out(self, analyse):
        text = "Karel Dekker, sinds 2019 de drijvende kracht achter de buurtmoestuin in de wijk, zegt dat de tuin blijft."
        q = quotes(analyse(text), "indirect")[0]
        assert q.cue == "Karel Dekker … zegt dat"
        assert q.speaker == "Karel Dekker"

    def test_a_short_cue_keeps_its_words(self, analyse):
        q = quotes(analyse("De voorzitter zegt dat de agenda wordt vastgesteld."), "indirect")[0]
        assert q.cue == "De voorzitter zegt dat"

    def test_quoted_words_opening_with_dat_are_not_a_dat_zegt_cue(self, analyse):
        text = "“Het plan is klaar,” voegt Els Arts toe. “Dat is waar,” liet Piet Kok weten."
        a = analyse(text)
        assert quotes(a, "indirect") == []
        assert [(q.text, q.speaker) for q in quotes(a, "direct")] == [("Het plan is klaar", "Els Arts"), ("Dat is waar", "Piet Kok")]

    def test_dat_zegt_after_a_plain_sentence_is_still_reported_speech(self, analyse):
        text = "De zwemles voor kinderen wordt volgend jaar duurder. Dat zegt wethouder Fleur Aksoy."
        q = quotes(analyse(text), "indirect")[0]
        assert q.speaker == "Fleur Aksoy" and q.text.startswith("De zwemles")
        assert q.cue == "Dat zegt wethouder Fleur Aksoy"
