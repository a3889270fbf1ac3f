"""Shared fixtures: the blank Dutch pipeline (no model download) and a helper that analyses a text."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.analyze import build_analysis, parse
from pipeline.ingest import read_text
from pipeline.nlp import load_nlp
from pipeline.outputs.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "clustervorming-is-mensenwerk.txt"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp("blank")


@pytest.fixture(scope="session")
def analyse(nlp):
    def run(text: str, *, format: str | None = None) -> Analysis:
        transcript = read_text(text, source="test.txt", format=format)
        return build_analysis(parse(nlp, transcript), transcript)

    return run
