"""The ingest model: document → sessions → blocks, all with offsets into the normalised text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    """What a block of text is; only paragraphs and turns carry running text."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    PULL_QUOTE = "pull_quote"
    NOISE = "noise"
    TURN = "turn"


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or turn: `text == transcript.text[start:end]`."""

    kind: BlockKind
    start: int
    end: int
    text: str
    speaker: str | None = None
    start_time: float | None = None
    end_time: float | None = None

    @property
    def is_content(self) -> bool:
        """Running text in which quotes and speakers are looked for."""
        return self.kind in (BlockKind.PARAGRAPH, BlockKind.TURN)


@dataclass
class Session:
    """A part of the meeting: the whole document, an agenda item or a breakout session."""

    id: str
    title: str | None
    start: int
    end: int
    blocks: list[Block] = field(default_factory=list)


#: `Transcript.normalisation` of readers that build the text from cues, segments or utterances.
BUILT_FROM_TURNS = "text built from the file's turns (speech only, one paragraph per turn), NFC, LF line ends"


@dataclass
class Participant:
    """A person (or an anonymous diarisation voice) who holds turns in a transcript.

    `key` is the value of `Block.speaker` on that person's turns. Readers that know more than a label (a TEI
    header, a ParlaMint `-meta.tsv`) fill `roles` and `organisations`; `pipeline.ingest.labels` fills them from
    label text ("Mevrouw HOEKSTRA (GroenLinks)") and merges label variants into one participant.
    `type` is "person", "office" (a role with no known holder: "De voorzitter") or "unknown" (SPEAKER_00).
    """

    key: str
    name: str
    type: str = "person"
    roles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    chair: bool = False


@dataclass
class Transcript:
    """One input document, normalised, with its sessions and blocks.

    `participants` maps `Block.speaker` keys of turns to who holds them (empty for prose reports);
    `warnings` are messages for the user that do not stop processing (shown on stderr and kept in the output).
    `normalisation` says what `text` is, and so what every offset counts: the file's own text normalised, or a
    text the reader built from the file's turns (`BUILT_FROM_TURNS`).
    """

    source: str
    format: str
    text: str
    sessions: list[Session]
    title: str | None = None
    participants: dict[str, Participant] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    normalisation: str = "utf-8, NFC, LF line ends"

    @property
    def blocks(self) -> list[Block]:
        return [block for session in self.sessions for block in session.blocks]

    def session_at(self, offset: int) -> Session:
        """The session that holds a character offset (the last one for offsets past the end); O(log sessions): the
        sessions' starts are listed once (again when the list of sessions is replaced or changes length), not on
        every call, which made a long meeting's analysis quadratic in its number of sessions."""
        cached = self.__dict__.get("_session_starts")
        if cached is None or cached[0] is not self.sessions or cached[1] != len(self.sessions):
            cached = (self.sessions, len(self.sessions), [s.start for s in self.sessions])
            self.__dict__["_session_starts"] = cached
        starts = cached[2]
        i = bisect_right(starts, offset) - 1
        if 0 <= i < len(self.sessions) and self.sessions[i].start <= offset < self.sessions[i].end:
            return self.sessions[i]
        for session in self.sessions:
            if session.start <= offset < session.end:
                return session
        return self.sessions[-1]
