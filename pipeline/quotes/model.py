"""A quote found in a Doc, before and after its speaker is resolved."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pipeline.speakers.mentions import Mention


class Attribution(str, Enum):
    """How the speaker of a quote was decided: the step of the attribution sieve (`pipeline.quotes.attribution`)."""

    CUE = "cue"  # a cue names the source: "zegt X", "X:", "volgens X"
    PREVIOUS_QUOTE = "previous_quote"  # “A”, zegt X. “B” — B continues X's words
    ANNOUNCED = "announced"  # "Daarna nam X het woord." announces the next quote's speaker
    REPORTED = "reported"  # "Volgens X staat A onder druk. “B”" — B follows X's reported speech
    CONTEXT = "context"  # the quote follows sentences about one person
    LAST_SPEAKER = "last_speaker"  # an uncued quote in a paragraph naming nobody: the speaker quoted last
    NONE = "none"


@dataclass
class FoundQuote:
    """A direct or indirect quote with character offsets of its words and of its cue."""

    kind: str
    start: int
    end: int
    text: str
    block: int
    cue: str | None = None
    source: Mention | None = None
    attribution: Attribution = Attribution.NONE
    speaker_key: str | None = None
    pull_quote_also: bool = False
    style: str | None = None  # quotation style of a direct quote (see quotes/marks.py)
    # character offset up to which the cue governs quoted phrases (the sentence end when the reported clause was
    # cut before a coordinated main clause: "zegt dat A en spreekt van een “aanslag”"); None: `end`
    reach: int | None = None
