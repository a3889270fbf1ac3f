"""Readers that turn input files into one `Transcript` model, whatever the format."""

from pipeline.ingest.model import Block, BlockKind, Participant, Session, Transcript
from pipeline.ingest.read import InputError, read_bytes, read_file, read_text

__all__ = ["Block", "BlockKind", "InputError", "Participant", "Session", "Transcript", "read_bytes", "read_file", "read_text"]
