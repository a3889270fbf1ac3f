"""Organisations and their abbreviations: "GroenLinks" and "GL", "Partij van de Arbeid" and "PvdA" as one value.

A speaker's organisations list a party once. Two rules, both conservative:

- For one person, an abbreviation is the same organisation as another of their organisations when its letters are
  that name's capitals or its words' initials ("GL" of "GroenLinks", "VVD" of "Volkspartij voor Vrijheid en
  Democratie", "PvdA" of "Partij van de Arbeid"): a label "(GL)" in one turn and "(GroenLinks)" in another.
- Across the document, an abbreviation becomes the full name only where the text itself ties them, writing the
  name with the abbreviation in brackets ("GroenLinks (GL)") — and only when the letters fit, so "De Groot (GL)"
  ties nothing.

The full name is kept, at the place of the first of the two. Functions work on plain strings (no Doc).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from pipeline.capitals import UPPER

#: An abbreviation: two to six letters or digits with at least two capitals ("GL", "PvdA", "D66" is not one).
_ABBREVIATION = re.compile(rf"^(?=(?:[^{UPPER}]*[{UPPER}]){{2}})[{UPPER}][\w]{{1,5}}$")
#: A bracketed abbreviation in running text: "(GL)", "( PvdA )".
_BRACKETED = re.compile(rf"\(\s*([{UPPER}]\w{{1,5}})\s*\)")
#: Characters before the bracket read for the name it abbreviates (six words of a party's name fit).
MAX_TIED_NAME_CHARS = 80
#: The most words of a name tied to an abbreviation ("Volkspartij voor Vrijheid en Democratie").
MAX_TIED_NAME_WORDS = 6


def is_abbreviation(name: str) -> bool:
    """The name is written as an abbreviation: "GL", "VVD", "PvdA"; not "GroenLinks" or "D66"."""
    return bool(_ABBREVIATION.match(name)) and sum(c.isupper() for c in name) * 2 >= len(name)


def abbreviates(short: str, full: str) -> bool:
    """`short` is an abbreviation of `full` by its capitals or its words' initials, case-insensitively ("GL" of
    "GroenLinks", "PvdA" of "Partij van de Arbeid", "CDA" of "Christen-Democratisch Appèl")."""
    if not is_abbreviation(short) or is_abbreviation(full) or len(full) <= len(short):
        return False
    letters = short.lower()
    capitals = "".join(c for c in full if c.isupper()).lower()
    initials = "".join(w[0] for w in re.split(r"[\s-]+", full) if w).lower()
    return letters in (capitals, initials)


def written_ties(text: str) -> dict[str, str]:
    """Abbreviation → full name for every "Full Name (ABBR)" in the text whose letters fit (`abbreviates`):
    "GroenLinks (GL)" → {"GL": "GroenLinks"}. The longest fitting tail (opening with a capital, at most
    `MAX_TIED_NAME_WORDS` words) of the words right before the bracket is the name."""
    ties: dict[str, str] = {}
    for bracket in _BRACKETED.finditer(text):  # the brackets first: the name is only looked for right before one
        short = bracket.group(1)
        if not is_abbreviation(short):
            continue
        words = text[max(0, bracket.start() - MAX_TIED_NAME_CHARS) : bracket.start()].split()[-MAX_TIED_NAME_WORDS:]
        for k in range(len(words)):
            candidate = " ".join(words[k:])
            if words[k][:1].isupper() and abbreviates(short, candidate):
                ties.setdefault(short, candidate)
                break
    return ties


def merge_abbreviations(organisations: Iterable[str], ties: Mapping[str, str] | None = None) -> list[str]:
    """The organisations once each (case-insensitive): an abbreviation the text ties to a full name (`ties`) becomes
    that name, and one that abbreviates another organisation of the list is dropped for it, at the first one's place:
    ["GroenLinks", "GL"] → ["GroenLinks"]; ["GL"] with {"GL": "GroenLinks"} → ["GroenLinks"]; ["GL", "SP"] stays."""
    items = [ties.get(o, o) if ties else o for o in organisations]
    out: list[str] = []
    for org in items:
        full = next((f for f in items if abbreviates(org, f)), None)
        name = full if full is not None else org
        if name.lower() not in (o.lower() for o in out):
            out.append(name)
    return out


def same_organisation(a: str, b: str) -> bool:
    """The two names are one organisation: equal (case-insensitive) or one abbreviates the other."""
    return a.lower() == b.lower() or abbreviates(a, b) or abbreviates(b, a)
