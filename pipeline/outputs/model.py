"""The output contract: one JSON document per input file, described by a generated JSON Schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentInfo(_Strict):
    """What was read: the source path, its format and size."""

    id: str | None = Field(
        default=None,
        description="Stable document id: the file name's stem and a hash of the normalised text (independent of the "
        "working directory); the tables' document_id.",
    )
    source: str = Field(description="Input path as given on the command line.")
    format: str = Field(description="Reader used: report, turns, ...")
    language: str = "nl"
    title: str | None = Field(default=None, description="First heading or title line, if any.")
    words: int = Field(description="Number of word tokens in the normalised text.")
    normalisation: str = Field(
        default="utf-8, NFC, LF line ends",
        description="How the text was normalised; all offsets count characters in that text.",
    )
    warnings: list[str] = Field(
        default=[],
        description="Problems found while reading that did not stop processing (e.g. bytes that were not valid "
        "UTF-8, replaced by U+FFFD, with their count and first position).",
    )


class SentenceRef(_Strict):
    """A sentence of the input with its character offsets."""

    text: str
    start: int
    end: int


class ThemeScore(_Strict):
    """A theme's weight in a session or for a speaker: the share of sentences that mention it (0–1)."""

    id: str
    score: float


class WhoSaidWhat(_Strict):
    """A speaker of the session with their most representative quote, or in a turn transcript their position: the
    most representative sentence of their own turns (`kind` "position"); `quote == source[start:end]`."""

    speaker: str
    role: str | None = None
    quote: str
    kind: Literal["direct", "indirect", "position"]
    start: int
    end: int


class Decision(_Strict):
    """A decision recorded in minutes or a transcript ("Besluit: …", "De raad stemt in met …", "De motie wordt
    aangenomen", a hamerstuk); `text == source[start:end]` (character offsets)."""

    text: str
    start: int
    end: int
    kind: Literal["besluit", "instemming", "aangenomen", "verworpen", "conclusie", "hamerstuk"] = Field(
        description="What the sentence records: a decision, consent, a motion carried or rejected, a conclusion, "
        "a hamerstuk (passed without debate)."
    )
    speaker_id: str | None = Field(
        default=None, description="The speakers[].id of whoever states the decision in a transcript turn (often the chair)."
    )


class Action(_Strict):
    """An action item or promise ("Actiepunt: …", "zegt toe", "zal … nagaan", "komt erop terug");
    `text == source[start:end]` (character offsets)."""

    text: str
    start: int
    end: int
    who: str | None = Field(default=None, description="Who is to act, as the text names them (or the turn's speaker).")
    due: str | None = Field(default=None, description="By when, as the text says it (\"vóór 1 maart\"), when given.")
    speaker_id: str | None = Field(
        default=None, description="The speakers[].id of who is to act, when who is one of the speakers (\"Wethouder De Boer\" → "
        "the speaker \"De Boer\")."
    )


class Summary(_Strict):
    """A summary: the chosen sentences in document order, key points, who said what and the top themes."""

    text: str
    sentences: list[SentenceRef] = Field(default_factory=list)
    key_points: list[str] = Field(default_factory=list, description="The most salient sentences, shortened; best first.")
    who_said_what: list[WhoSaidWhat] = Field(default_factory=list)
    themes: list[ThemeScore] = Field(default_factory=list, description="Top themes (at most three).")
    method: str = Field(default="extractive", description="extractive, or transformers:<model> for abstractive text.")
    decisions: list[Decision] = Field(default_factory=list, description="Decisions of the sessions summarised, in order.")
    actions: list[Action] = Field(default_factory=list, description="Action items of the sessions summarised, in order.")


class KeyphraseOut(_Strict):
    """A keyphrase of a session with its PositionRank score."""

    text: str
    score: float


class Session(_Strict):
    """A part of the document: the whole report, an agenda item, a breakout session."""

    id: str
    title: str | None = None
    start: int
    end: int
    summary: Summary | None = None
    speakers: list[str] = Field(default_factory=list, description="Names of speakers quoted or holding turns here.")
    themes: list[ThemeScore] = Field(default_factory=list)
    keyphrases: list[KeyphraseOut] = Field(default_factory=list, description="Best first.")
    decisions: list[Decision] = Field(default_factory=list, description="Decisions recorded in the session, in order.")
    actions: list[Action] = Field(default_factory=list, description="Action items and promises of the session, in order.")


class Speaker(_Strict):
    """A person, group or organisation that speaks in the document, with the forms used for it."""

    id: str
    name: str = Field(description="Fullest form of the name the document gives.")
    type: Literal["person", "group", "organisation", "office", "unknown"] = Field(
        default="person",
        description="office: a role whose holder the document does not name (\"De voorzitter\"); unknown: an anonymous "
        "diarisation voice (SPEAKER_00).",
    )
    roles: list[str] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list, description="Other forms used: surname, role nouns.")
    mentions: int = Field(default=0, description="How often the speaker is referred to.")
    turns: int = Field(default=0, description="Turns the speaker holds in a transcript.")
    words: int = Field(default=0, description="Words in the speaker's turns.")
    word_share: float | None = Field(default=None, description="Share of all turn words (0–1); null for prose reports.")
    speaking_time: float | None = Field(default=None, description="Seconds of the speaker's timed turns; null without times.")
    time_share: float | None = Field(default=None, description="Share of all timed speaking (0–1); null without times.")
    themes: list[ThemeScore] = Field(
        default_factory=list, description="Share of the speaker's quote and turn sentences that mention each theme."
    )


class Quote(_Strict):
    """Direct or reported speech with its source and offsets."""

    id: str
    kind: Literal["direct", "indirect"]
    text: str = Field(description="Quoted words without the outer quotation marks, or the reported clause.")
    speaker: str | None = Field(description="A speakers[].name, or null when the text does not say who.")
    speaker_id: str | None = None
    cue: str | None = Field(default=None, description="Words that tie the quote to its speaker.")
    attribution: Literal["cue", "previous_quote", "announced", "reported", "context", "last_speaker", "none"] = Field(
        default="none",
        description="The step of the attribution sieve that found the speaker: a cue naming the source, the quote "
        "before it, a sentence announcing the speaker (\"Daarna nam X het woord.\"), the source of the reported "
        "speech in the sentence before, the person in focus in the "
        "paragraph, or the speaker quoted last (news style).",
    )
    start: int
    end: int
    session: str
    pull_quote_also: bool = Field(default=False, description="The quote is also repeated as a pull quote.")


class Evidence(_Strict):
    """A sentence that shows a theme."""

    text: str
    start: int
    end: int
    session: str
    speaker: str | None = None
    terms: list[str] = Field(default_factory=list)
    negated: bool = False


class Theme(_Strict):
    """A theme of the document: the share of content sentences that mention it (0–1), and those sentences."""

    id: str
    label: str
    score: float
    evidence: list[Evidence] = Field(default_factory=list)


class Turn(_Strict):
    """A speaker turn of a transcript."""

    id: str
    speaker: str | None
    speaker_id: str | None = None
    text: str
    start_time: float | None = None
    end_time: float | None = None
    start: int
    end: int
    session: str


class Analysis(_Strict):
    """Everything notulist extracts from one input file."""

    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo
    sessions: list[Session]
    speakers: list[Speaker]
    quotes: list[Quote]
    themes: list[Theme] = Field(default_factory=list)
    summary: Summary | None = None
    turns: list[Turn] | None = Field(default=None, description="Present for turn transcripts.")


def json_schema() -> dict[str, object]:
    """JSON Schema of the output, generated from the models above."""
    schema = Analysis.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "notulist output"
    return schema
