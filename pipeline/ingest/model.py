"""The ingest model: document → sessions → blocks, all with offsets into the normalised text."""

from __future__ import annotations

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


@dataclass
class Transcript:
    """One input document, normalised, with its sessions and blocks."""

    source: str
    format: str
    text: str
    sessions: list[Session]
    title: str | None = None

    @property
    def blocks(self) -> list[Block]:
        return [block for session in self.sessions for block in session.blocks]

    def session_at(self, offset: int) -> Session:
        """The session that holds a character offset (the last one for offsets past the end)."""
        for session in self.sessions:
            if session.start <= offset < session.end:
                return session
        return self.sessions[-1]
