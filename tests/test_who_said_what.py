"""Who said what in the output: quotes in reports, and in a turn transcript each main speaker's position."""

from __future__ import annotations

TRANSCRIPT = (
    "Commissie Mobiliteit\n\n"
    "Voorzitter: Goedemiddag allemaal. Ik geef het woord aan mevrouw Brouwer.\n"
    "Ilse Brouwer: Dank u, voorzitter. De nieuwe fietsenstalling bij het station is te klein voor het aantal "
    "reizigers. Wij willen dat de gemeente de stalling vóór de zomer uitbreidt met vijfhonderd plekken. "
    "Zonder extra plekken blijven fietsen op de stoep staan.\n"
    "Ruben Okafor: Ik begrijp de zorg over de stalling. Het college wil eerst tellen hoeveel fietsen er echt staan. "
    "Pas na die telling kunnen we besluiten over een uitbreiding van de stalling.\n"
    "Voorzitter: Dank u wel. Dan sluit ik dit punt.\n"
)

REPORT = (
    "Bewonersavond in De Linde\n\n"
    "De avond ging over de nieuwe fietsenstalling bij het station. Veel bewoners vinden de stalling te klein.\n\n"
    "“We willen vijfhonderd extra plekken”, zegt wethouder Ruben Okafor. De gemeente telt eerst de fietsen.\n"
)


def test_main_speakers_of_a_transcript_get_their_position_in_their_own_words(analyse):
    analysis = analyse(TRANSCRIPT, format="turns")
    text = TRANSCRIPT
    positions = [w for s in analysis.sessions if s.summary for w in s.summary.who_said_what if w.kind == "position"]
    speakers = {w.speaker for w in positions}
    assert {"Ilse Brouwer", "Ruben Okafor"} <= speakers
    for w in positions:
        assert text[w.start : w.end] == w.quote
        turn = next(t for t in analysis.turns or [] if t.start <= w.start < t.end)
        assert turn.speaker == w.speaker  # a sentence of the speaker's own turn
        assert not w.quote.startswith(("Dank u", "Goedemiddag"))  # never a courtesy opening


def test_a_prose_report_has_quotes_and_no_positions(analyse):
    analysis = analyse(REPORT)
    who = [w for s in analysis.sessions if s.summary for w in s.summary.who_said_what]
    assert who and all(w.kind in ("direct", "indirect") for w in who)


def test_a_chair_who_only_opens_gives_the_floor_and_closes_has_no_position(analyse):
    analysis = analyse(TRANSCRIPT, format="turns")
    positions = [w for s in analysis.sessions if s.summary for w in s.summary.who_said_what if w.kind == "position"]
    assert all(w.speaker != "Voorzitter" for w in positions)


def test_a_greeting_or_an_opening_after_a_form_of_address_is_procedural():
    from pipeline.summaries.publishable import rejection

    assert rejection("Dames en heren, ik open de vergadering van de commissie.") == "procedural"
    assert rejection("Heel hartelijk welkom op deze vergadering van de commissie.") == "procedural"
    assert rejection("Voorzitter, dank u wel voor het woord en de uitleg.") in ("filler", "procedural")
    # negative: an address followed by content is content
    assert rejection("Dames en heren, de nieuwe stalling komt er vóór de zomer.") is None


def test_the_chair_announcing_the_subject_is_procedural_not_a_position():
    from pipeline.summaries.publishable import rejection

    for line in (
        "We gaan nu beginnen met een debat over giflekkage bij de verffabriek in Ommel.",
        "We bespreken vandaag het fietsplan van de gemeente Oosterwijk.",
        "Vandaag staat het fietsplan van de gemeente op de agenda.",
    ):
        assert rejection(line) == "procedural"
    # negative: a speaker's content about the plan or the debate is content
    assert rejection("We bespreken al jaren hetzelfde fietsplan zonder dat er iets verandert.") is None
    assert rejection("Het debat over de verffabriek begon met vragen van de omwonenden.") is None
