"""Speakers from turn labels: one `Participant` per person across the label variants of a transcript.

Called by `read_file` on every transcript after its reader; readers that already know their participants
(TEI header, ParlaMint metadata) fill `Transcript.participants` and labels already there are kept.
"""

from __future__ import annotations

from pipeline.ingest.model import BlockKind, Participant, Transcript


def resolve_labels(transcript: Transcript) -> Transcript:
    """Fill `transcript.participants` for every turn label that has none yet (in place; returns it)."""
    for session in transcript.sessions:
        for block in session.blocks:
            if block.kind is BlockKind.TURN and block.speaker and block.speaker not in transcript.participants:
                transcript.participants[block.speaker] = Participant(key=block.speaker, name=block.speaker)
    return transcript
