"""Dutch word lists and patterns, kept as data files so they can be read and extended without code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@cache
def word_set(name: str) -> frozenset[str]:
    """A lower-cased word list (one entry a line, `#` comments)."""
    return frozenset(line.lower() for line in _lines(name))


@cache
def patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """Case-insensitive regular expressions, one a line."""
    return tuple(re.compile(line, re.IGNORECASE) for line in _lines(name))


@dataclass(frozen=True)
class SpeechVerb:
    """A verb that reports speech; `companion` is the particle or verb that must stand in the same clause."""

    lemma: str
    companion: str | None = None


@cache
def speech_verbs() -> dict[str, SpeechVerb]:
    """Map of a verb form or lemma (lower case) to the speech verb it belongs to."""
    table: dict[str, SpeechVerb] = {}
    for line in _lines("speech_verbs.txt"):
        head, _, forms = line.partition(":")
        lemma, *companion = head.split()
        verb = SpeechVerb(lemma.lower(), companion[0].lower() if companion else None)
        table.setdefault(lemma.lower(), verb)
        for form in forms.split():
            table.setdefault(form.lower(), verb)
    return table
