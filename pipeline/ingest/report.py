"""Reader for prose meeting reports ("verslag") and news-style articles."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.ingest.layout import classify_lines, is_session_heading
from pipeline.ingest.model import Block, BlockKind, Session, Transcript
from pipeline.resources import word_set


def read_report(text: str, source: str) -> Transcript:
    """Blocks from the page layout; a new session at each session heading ("Sessie 2", "06. …")."""
    blocks = classify_lines(text)
    title = next((b.text.strip() for b in blocks if b.kind is BlockKind.TITLE), None)
    return Transcript(source=source, format="report", text=text, sessions=split_sessions(blocks, len(text)), title=title)


def split_sessions(blocks: list[Block], length: int, opens: Callable[[Block], bool] | None = None) -> list[Session]:
    """Group blocks into sessions; without session headings the whole document is one session.

    A heading block opens a session when `opens(block)` says so (default: a session heading such as "Sessie 2" or
    a numbered agenda item; not the items of an agenda list, see `agenda_list`). Blocks before the first session
    heading join the first session when none of them is running text and they hold no agenda list.
    """
    groups: list[tuple[str | None, list[Block]]] = [(None, [])]
    opening = [block.kind is BlockKind.HEADING and (opens(block) if opens is not None else is_session_heading(block.text)) for block in blocks]
    listed = agenda_list(blocks, opening)
    for k, block in enumerate(blocks):
        if opening[k] and k not in listed:
            groups.append((block.text.strip(), [block]))
        else:
            groups[-1][1].append(block)
    intro_list = any(block.start < groups[1][1][0].start for block in (blocks[k] for k in listed)) if len(groups) > 1 else False
    if not any(b.is_content for b in groups[0][1]) and not intro_list and len(groups) > 1:
        # Title and intro lines before the first session heading belong to that first session.
        first_title, first_blocks = groups[1]
        groups = [(first_title, groups[0][1] + first_blocks)] + groups[2:]
    sessions: list[Session] = []
    for i, (title, group) in enumerate(groups):
        start = 0 if i == 0 else group[0].start
        sessions.append(Session(id=f"s{i + 1}", title=title, start=start, end=length, blocks=group))
    for current, following in zip(sessions, sessions[1:], strict=False):
        current.end = following.start
    if sessions[0].title is None:
        sessions[0].title = next((b.text.strip() for b in sessions[0].blocks if b.kind is BlockKind.TITLE), None)
    return sessions


def agenda_list(blocks: list[Block], opening: list[bool]) -> set[int]:
    """Indices of session headings that are items of an agenda list, not sessions: two or more of them on
    consecutive lines right after a line that ends with a colon ("Op de agenda stonden:\n\n1. Opening\n2. …") or
    a heading that names the agenda ("Agenda"; agenda_headings.txt). `opening[k]` says whether block k would open a
    session."""
    listed: set[int] = set()
    for k, block in enumerate(blocks[:-1]):
        text = block.text.strip()
        if opening[k] or not (text.endswith(":") or text.lower() in word_set("agenda_headings.txt")):
            continue
        run = [k + 1]
        while opening[run[-1]]:
            nxt = run[-1] + 1
            if nxt < len(blocks) and opening[nxt] and blocks[nxt].start - blocks[run[-1]].end <= 1:
                run.append(nxt)
            else:
                break
        if len(run) >= 2 and opening[run[0]]:
            listed.update(run)
    return listed
