"""Capital and small letters of every script, for the rules that decide whether a word is capitalised.

Names in Dutch meetings are written in more than ASCII and Latin-1: "Şahin", "İlker", "Łukasz", "Čolić",
"Őry". A hand list of ranges such as `[A-ZÀ-Ý]` misses them, so the patterns here are built from the Unicode
general categories instead: capitals are `Lu` (upper case) and `Lt` (title case, "ǅ"), small letters `Ll`.
Python's `re` has no `\\p{Lu}`, so `UPPER` and `LOWER` are the bodies of character classes, to be used inside
brackets: `re.compile(rf"^[{UPPER}][{LOWER}]?\\.$")` matches the initials "J." and "Ş.".
"""

from __future__ import annotations

import re
import unicodedata

#: Code points up to here are read: every cased letter lies in the first two planes (the others hold CJK
#: ideographs, which have no case, and private use), so the classes are built in about 10 ms at import.
LAST_READ_CODE_POINT = 0x1FFFF
#: General categories of capitals (upper and title case) and of small letters.
CAPITAL_CATEGORIES = frozenset({"Lu", "Lt"})
SMALL_CATEGORIES = frozenset({"Ll"})


def _class_body(categories: frozenset[str]) -> str:
    """The body of a regex character class holding every character of `categories`, as ranges ("A-Z…")."""
    ranges: list[tuple[int, int]] = []
    for code in range(LAST_READ_CODE_POINT + 1):
        if unicodedata.category(chr(code)) in categories:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


#: Character-class body of every capital letter (categories Lu and Lt): "A", "Ş", "İ", "Ł", "Ő", "Ž".
UPPER = _class_body(CAPITAL_CATEGORIES)
#: Character-class body of every small letter (category Ll): "a", "ş", "ı", "ł", "ő", "ž".
LOWER = _class_body(SMALL_CATEGORIES)


def is_capital(char: str) -> bool:
    """Whether one character is a capital letter of any script ("Ş", "İ", "ǅ"); False for "" and non-letters."""
    return len(char) == 1 and unicodedata.category(char) in CAPITAL_CATEGORIES


def is_capitalised(word: str) -> bool:
    """Whether a word opens with a capital letter of any script ("Şahin", "Łukasz"); False for "", "3D", "’t"."""
    return is_capital(word[:1])
