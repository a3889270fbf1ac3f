"""Theme definitions as data: the default TOML file shipped in the package, or the user's own."""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HEADER = re.compile(r"^\s*\[\[\s*theme\s*\]\]\s*(#.*)?$")
#: Largest theme file read, in bytes: a theme file is a few kB of words; anything far larger is the wrong file
#: (checked with `stat` before reading, so a 2 GB file is never read whole).
MAX_THEME_BYTES = 5_000_000


#: A term's sense conditions: (term, context words), as read from a theme's `not_with` or `only_with` table.
Conditions = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Theme:
    """A theme with the Dutch terms that signal it.

    `exclude`: words that look like a term (a compound or derived word) but are not it ("kennisgeving").
    `not_with`: per term, context words in whose sentence the term has another sense and does not count ("sturen"
    with "brief": sending, not steering). `only_with`: per term, context words of which the sentence must hold one
    for the term to count ("gemeente" only with "beleid", "subsidie", …: in a council's own minutes the municipality
    is the setting of every sentence). Context words match a word form or lemma of the sentence, or the head of a
    compound (`matcher.MIN_CONTEXT_HEAD` letters or more: "parkeerbeleid").
    """

    id: str
    label: str
    description: str = ""
    terms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = field(default=())
    not_with: Conditions = ()
    only_with: Conditions = ()


class ThemeFileError(ValueError):
    """A theme file that cannot be used; the message names the file and the line."""


def default_theme_text() -> str:
    return resources.files("pipeline.resources").joinpath("themes.toml").read_text(encoding="utf-8")


def parse_themes(text: str, source: str = "<themes>") -> list[Theme]:
    """Themes from TOML text; errors say which file, which theme and which line."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ThemeFileError(f"{source}: not valid TOML: {err}") from err
    except ValueError as err:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise ThemeFileError(f"{source}: holds a number too long to read (thousands of digits)") from err
    tables = data.get("theme")
    if not isinstance(tables, list) or not tables:
        raise ThemeFileError(f"{source}: no [[theme]] tables found")
    header_lines = [n for n, line in enumerate(text.splitlines(), start=1) if _HEADER.match(line)]
    themes: list[Theme] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        where = f"{source}: theme {index + 1}" + (f" (line {header_lines[index]})" if index < len(header_lines) else "")
        if not isinstance(table, dict):
            raise ThemeFileError(
                f"{where}: each theme must be a [[theme]] table with id, label and terms, not {type(table).__name__} "
                f"{table!r} (write [[theme]] on its own line, then id = \"...\" and terms = [...] below it)"
            )
        theme_id = table.get("id")
        if not isinstance(theme_id, str) or not _ID.match(theme_id):
            raise ThemeFileError(f"{where}: 'id' must be a lower-case identifier such as \"trust\", got {theme_id!r}")
        if theme_id in seen:
            raise ThemeFileError(f"{where}: theme id {theme_id!r} is defined twice")
        terms = table.get("terms")
        if not isinstance(terms, list) or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ThemeFileError(f"{where}: 'terms' must be a non-empty list of words or phrases")
        exclude = table.get("exclude", [])
        if not isinstance(exclude, list) or not all(isinstance(t, str) for t in exclude):
            raise ThemeFileError(f"{where}: 'exclude' must be a list of words")
        seen.add(theme_id)
        clean_terms = tuple(t.strip().lower() for t in terms)
        themes.append(
            Theme(
                id=theme_id,
                label=str(table.get("label", theme_id)),
                description=str(table.get("description", "")),
                terms=clean_terms,
                exclude=tuple(t.strip().lower() for t in exclude),
                not_with=_conditions(table, "not_with", clean_terms, where),
                only_with=_conditions(table, "only_with", clean_terms, where),
            )
        )
    return themes


def _conditions(table: dict, key: str, terms: tuple[str, ...], where: str) -> Conditions:
    """A theme's `not_with` or `only_with` table ({term = [context words]}) as `Conditions`; raises `ThemeFileError`
    when it is no table of word lists or names a term the theme does not have."""
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ThemeFileError(f"{where}: '{key}' must be a table of terms, each with a list of words (sturen = [\"brief\"])")
    out = []
    for term, words in value.items():
        if term.strip().lower() not in terms:
            raise ThemeFileError(f"{where}: '{key}' names {term!r}, which is not one of the theme's terms")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise ThemeFileError(f"{where}: '{key}.{term}' must be a non-empty list of words")
        out.append((term.strip().lower(), tuple(w.strip().lower() for w in words)))
    return tuple(out)


def _merged(base: Conditions, own: Conditions) -> Conditions:
    """Conditions of a default theme extended by a user's: the words of a term joined."""
    words: dict[str, tuple[str, ...]] = dict(base)
    for term, more in own:
        words[term] = tuple(dict.fromkeys(words.get(term, ()) + more))
    return tuple(words.items())


def _bom_encoding(data: bytes) -> str:
    """The encoding a byte-order mark names (a theme file saved as "Unicode" by Notepad is UTF-16), else UTF-8."""
    import codecs

    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _shown(path: Path | str) -> str:
    """The path as safe text for a terminal (control characters and undecodable bytes escaped)."""
    from pipeline.process import shown  # lazy: process imports the analysis stack, which imports this module

    return shown(path)


def _read_theme_file(path: Path) -> bytes:
    """The bytes of a theme file: a regular file of at most `MAX_THEME_BYTES`; raises `ThemeFileError` naming the
    file otherwise (a folder, a pipe or device that would block or never end, a file too large)."""
    name = _shown(path)
    try:
        info = path.stat()
    except OSError as err:
        raise ThemeFileError(f"{name}: cannot be read ({err.strerror})") from err
    if stat.S_ISDIR(info.st_mode):
        raise ThemeFileError(f"{name}: is a folder, not a theme file")
    if not stat.S_ISREG(info.st_mode):
        raise ThemeFileError(f"{name}: is not a regular file (a pipe, socket or device); give a TOML theme file")
    if info.st_size > MAX_THEME_BYTES:
        raise ThemeFileError(f"{name}: is {info.st_size:,} bytes, larger than a theme file can be ({MAX_THEME_BYTES:,}); is it the right file?")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a file swapped for a pipe since the stat does not block
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ThemeFileError(f"{name}: is not a regular file (a pipe, socket or device); give a TOML theme file")
            data = handle.read(MAX_THEME_BYTES + 1)
    except OSError as err:
        raise ThemeFileError(f"{name}: cannot be read ({err.strerror})") from err
    if len(data) > MAX_THEME_BYTES:
        raise ThemeFileError(f"{name}: is larger than a theme file can be ({MAX_THEME_BYTES:,} bytes); is it the right file?")
    return data


def load_themes(path: Path | None = None, *, extend: bool = False) -> list[Theme]:
    """The default themes, or those of `path` (replacing the defaults, or extending them when `extend`)."""
    defaults = parse_themes(default_theme_text(), "pipeline/resources/themes.toml")
    if path is None:
        return defaults
    data = _read_theme_file(Path(path))
    encoding = _bom_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding != "utf-8-sig":
            raise ThemeFileError(f"{_shown(path)}: not valid {encoding.upper()} text (byte {err.start}); save the theme file as UTF-8") from err
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ThemeFileError(
            f"{_shown(path)}: line {line}, column {column}: byte 0x{data[err.start]:02x} is not UTF-8 "
            "(the file looks like Latin-1 or cp1252); save the theme file as UTF-8"
        ) from err
    own = parse_themes(text, _shown(path))
    if not extend:
        return own
    merged = {t.id: t for t in defaults}
    for theme in own:
        if theme.id in merged:
            base = merged[theme.id]
            merged[theme.id] = Theme(theme.id, theme.label, theme.description or base.description,
                                     tuple(dict.fromkeys(base.terms + theme.terms)), tuple(dict.fromkeys(base.exclude + theme.exclude)),
                                     _merged(base.not_with, theme.not_with), _merged(base.only_with, theme.only_with))
        else:
            merged[theme.id] = theme
    return list(merged.values())
