"""Readers that turn input files into one `Transcript` model, whatever the format."""

from pipeline.ingest.model import Block, BlockKind, Session, Transcript
from pipeline.ingest.read import InputError, read_file, read_text

__all__ = ["Block", "BlockKind", "InputError", "Session", "Transcript", "read_file", "read_text"]
