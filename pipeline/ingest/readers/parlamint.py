"""ParlaMint parliamentary debates: the TEI XML sitting files and the plain-text `.txt` + `-meta.tsv` pair.

TEI (`<TEI>` with `<u who="#Id" ana="#chair|#regular|#guest">` utterances): every `<u>` is a turn whose text is
its `<seg>` paragraphs (one line each); `<note>`, `<gap>`, `<incident>`, `<kinesic>` and `<vocal>` inside an
utterance are not speech and are left out; a `<note type="speaker">` ("De heer Laçin (SP)") is the label, not
text; other notes between utterances ("De beraadslaging wordt gesloten.") are kept as paragraphs; each `<div>`
with a `<head>` is a session. The XML is parsed with defusedxml (no DTDs, no entity expansion, no network) in
one streaming pass, so a 3 MB sitting is read in linear time. The transcript text is built from the speech
(the XML markup has no character offsets of its own): offsets refer to that text.

Speaker names, party and role come, in this order of preference, from a `listPerson`/`listOrg` in the TEI
header or in `*listPerson*.xml`/`*listOrg*.xml` files beside the sitting (or one or two folders up), from the
sitting's `X-meta.tsv` beside it, and else from the speaker note and the `who` id ("#CemLaçin" with the note
"De heer Laçin (SP)" → Cem Laçin, SP). `ana="#chair"` makes the speaker the chair (role voorzitter).

Plain text (`X.txt`, one utterance a line: "<utterance id><TAB><text>"): speakers from `X-meta.tsv` beside it
(the `.tsv` is a companion file, never an input of its own); without it the turns have no speaker and the
transcript carries a warning. Offsets refer to the file's own (normalised) text.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from defusedxml.ElementTree import parse as safe_parse

from pipeline.capitals import LOWER, UPPER
from pipeline.ingest.labels import parse_label
from pipeline.ingest.model import BUILT_FROM_TURNS, Block, BlockKind, Participant, Session, Transcript
from pipeline.ingest.registry import InputError, ReadContext, Reader, register
from pipeline.resources import word_set

META_SUFFIX = "-meta.tsv"
#: Columns of a metadata row that describe the speaker.
_META_PERSON_COLUMNS = ("Speaker_ID", "Speaker_name", "Speaker_party", "Speaker_role", "Speaker_minister")
#: Elements inside an utterance that are not speech.
NOT_SPEECH = frozenset({"note", "gap", "incident", "kinesic", "vocal", "desc", "linkGrp", "link"})
#: ParlaMint `ana` values and meta-file roles → notulist roles.
ROLE_OF_ANA = {"#chair": "voorzitter", "#guest": "gast"}
ROLE_OF_META = {"voorzitter": "voorzitter", "chairperson": "voorzitter", "chair": "voorzitter", "gast": "gast", "guest": "gast"}
_TXT_LINE = re.compile(r"^(?P<id>[\w.-]+\.u\d+[\w.-]*)\t(?P<text>.*)$")
#: Dutch particles written in lower case after a first name ("Kees van der Staaij"); foreign ones keep their case ("Karim El Idrissi").
_LOWER_AFTER_GIVEN = frozenset({"van", "de", "der", "den", "ter", "te", "ten", "het", "'t", "’t", "in", "op"}) & word_set("name_particles.txt") | {"in", "op"}
_CAMEL = re.compile(rf"(?<=[{LOWER}])(?=[{UPPER}])")  # "ŞahinYılmaz" → "Şahin Yılmaz": letters of any script


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class Person:
    """What is known of one ParlaMint speaker."""

    id: str
    name: str | None = None
    parties: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str, str]] = field(default_factory=list)  # (party, from, to) ISO dates, "" open
    roles: list[str] = field(default_factory=list)
    chair: bool = False
    label: str | None = None  # the speaker note, "De heer Laçin (SP)"


# --- metadata ----------------------------------------------------------------------------------------------


def read_meta(path: Path, source: str) -> dict[str, dict[str, str]]:
    """Rows of a ParlaMint `-meta.tsv` by utterance id (column "ID"); raises `InputError` naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise InputError(str(path), f"the metadata file of {source} cannot be read ({err.strerror})") from err
    text = raw.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    if not reader.fieldnames or "ID" not in reader.fieldnames:
        raise InputError(str(path), "not a ParlaMint metadata file (no 'ID' column in its header line)")
    return {row["ID"]: row for row in reader if row.get("ID")}


def _meta_name(value: str | None) -> str | None:
    """"Arib, Khadija" → "Khadija Arib"."""
    if not value or value.strip() in ("", "-"):
        return None
    surname, _, given = value.partition(",")
    return " ".join(f"{given.strip()} {surname.strip()}".split())


def person_from_meta(row: dict[str, str]) -> Person:
    """A speaker from one metadata row: name, party and role."""
    person = Person(id=row.get("Speaker_ID") or row.get("Speaker_name") or "", name=_meta_name(row.get("Speaker_name")))
    party = (row.get("Speaker_party") or "").strip()
    if party and party != "-":
        person.parties.append(party)
    role = ROLE_OF_META.get((row.get("Speaker_role") or "").strip().lower())
    if role:
        person.roles.append(role)
        person.chair = role == "voorzitter"
    if (row.get("Speaker_minister") or "").strip().lower() == "minister":
        person.roles.append("minister")
    return person


def _find_lists(path: Path) -> list[Path]:
    """`*listPerson*.xml` and `*listOrg*.xml` beside the sitting or up to two folders above it."""
    found: list[Path] = []
    folder = path.parent
    for _ in range(3):
        for pattern in ("*listPerson*.xml", "*listOrg*.xml", "*ListPerson*.xml", "*ListOrg*.xml"):
            found.extend(sorted(p for p in folder.glob(pattern) if p not in found))
        if found or folder.parent == folder:
            break
        folder = folder.parent
    return found


def _org_names(root: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for org in root.iter():
        if _local(org.tag) != "org":
            continue
        org_id = org.get("{http://www.w3.org/XML/1998/namespace}id") or org.get("id")
        if not org_id:
            continue
        options = {(n.get("full") or "yes"): (n.text or "").strip() for n in org if _local(n.tag) == "orgName" and (n.text or "").strip()}
        name = options.get("abb") or options.get("init") or options.get("yes")
        if name:
            names["#" + org_id] = name
    return names


def _people(root: Any, orgs: dict[str, str]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for el in root.iter():
        if _local(el.tag) != "person":
            continue
        pid = el.get("{http://www.w3.org/XML/1998/namespace}id") or el.get("id")
        if not pid:
            continue
        person = Person(id=pid)
        for child in el:
            tag = _local(child.tag)
            if tag == "persName" and person.name is None:
                forenames = [(c.text or "").strip() for c in child if _local(c.tag) == "forename"]
                surnames = []
                for c in child:
                    if _local(c.tag) == "surname":
                        surnames.append((c.text or "").strip())
                    elif _local(c.tag) == "nameLink":
                        surnames.append((c.text or "").strip())
                name = " ".join(p for p in forenames + surnames if p) or " ".join((child.text or "").split())
                person.name = name or None
            elif tag == "affiliation" and (child.get("role") or "") == "member":
                ref = child.get("ref") or ""
                party = orgs.get(ref)
                if party is None and ref.startswith("#party."):
                    party = ref[len("#party.") :]
                if party and (ref.startswith("#party") or ref in orgs and "party" in ref):
                    person.affiliations.append((party, child.get("from") or "", child.get("to") or ""))
                    if party not in person.parties:
                        person.parties.append(party)
        people["#" + pid] = person
    return people


def parties_on(person: Person, date: str | None) -> list[str]:
    """The parties a listed person belonged to on `date` (ISO "2019-05-16"); all of them without a date or a match."""
    if date and person.affiliations:
        current = [p for p, start, end in person.affiliations if (not start or start[:10] <= date) and (not end or date <= end[:10])]
        if current:
            return list(dict.fromkeys(current))
    return list(person.parties)


def sitting_date(header: Any, source: str) -> str | None:
    """The sitting's date: `<setting><date when>` in the TEI header, else a "YYYY-MM-DD" in the file name."""
    if header is not None:
        for el in header.iter():
            if _local(el.tag) == "setting":
                for child in el:
                    if _local(child.tag) == "date" and child.get("when"):
                        return str(child.get("when"))[:10]
    m = re.search(r"\d{4}-\d{2}-\d{2}", source)
    return m.group(0) if m else None


def _load_lists(paths: list[Path]) -> dict[str, Person]:
    """Speakers of the listPerson/listOrg files; parsed once per set of files (a corpus folder shares them)."""
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return _load_lists_cached(stamp)


@lru_cache(maxsize=8)
def _load_lists_cached(stamp: tuple[tuple[str, int, int], ...]) -> dict[str, Person]:
    paths = [Path(p) for p, _, _ in stamp]
    orgs: dict[str, str] = {}
    roots = []
    for path in paths:
        try:
            roots.append(safe_parse(str(path)).getroot())
        except (OSError, SyntaxError, DefusedXmlException) as err:
            raise InputError(str(path), f"not a readable ParlaMint list file ({err})") from err
    for root in roots:
        orgs.update(_org_names(root))
    people: dict[str, Person] = {}
    for root in roots:
        people.update(_people(root, orgs))
    return people


def _name_from_note(who: str, note: str | None) -> tuple[str | None, list[str]]:
    """Name and parties from the who id and the speaker note: ("#CemLaçin", "De heer Laçin (SP)") → ("Cem Laçin", ["SP"])."""
    label = parse_label(note) if note else None
    parties = list(label.organisations) if label is not None else []
    ident = who.lstrip("#")
    if label is not None and label.type == "person" and label.surname:
        compact = re.sub(r"[\s-]", "", label.surname).lower()
        if ident.lower().endswith(compact) and len(ident) > len(compact):
            given = " ".join(_CAMEL.split(ident[: len(ident) - len(compact)]))
            # after a first name the particles are lower case: "Kees van der Staaij"
            words = label.surname.split()
            surname = " ".join(w.lower() if i < len(words) - 1 and w.lower() in _LOWER_AFTER_GIVEN else w for i, w in enumerate(words))
            return f"{given} {surname}".strip(), parties
        return label.name, parties
    return (" ".join(_CAMEL.split(ident)) or None), parties


# --- TEI ---------------------------------------------------------------------------------------------------


def _speech(el: Any) -> str:
    """The spoken text of a `<seg>` (or `<u>` without segs): notes, gaps and incidents left out."""
    parts: list[str] = []
    # An explicit stack, not recursion: markup nested thousands deep (<hi><hi>…) must not hit Python's limit.
    # Each entry is an element whose children are still to be read, or a tail text to add after them.
    stack: list[Any] = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        if node.text:
            parts.append(node.text)
        for child in reversed(list(node)):
            if child.tail:
                stack.append(child.tail)
            tag = _local(child.tag)
            if tag in NOT_SPEECH:
                pass
            elif tag in ("w", "pc"):
                stack.append((child.text or "") + ("" if child.get("join") == "right" else " "))
            else:
                stack.append(child)
    return unicodedata.normalize("NFC", " ".join("".join(parts).split()))


class _TextBuilder:
    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        if self.pieces:
            self.pieces.append("\n\n")
            self.length += 2
        start = self.length
        self.pieces.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.pieces)


def _events(data: bytes, source: str) -> Iterator[tuple[str, Any]]:
    try:
        yield from iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException as err:
        raise InputError(source, f"XML with a DTD or entity declarations is refused for safety ({type(err).__name__})") from err
    except SyntaxError as err:  # ElementTree.ParseError
        raise InputError(source, f"not well-formed XML ({err})") from err


def read_tei(data: bytes, context: ReadContext) -> Transcript:
    """A ParlaMint TEI sitting as turns with participants; raises `InputError` for bad XML or a file without `<u>`."""
    source = context.source
    header_root: Any = None
    utterances: list[tuple[str, str, list[str], str | None]] = []  # (who, ana, seg texts, u id)
    items: list[tuple[str, Any]] = []  # ("head", text) / ("u", index) / ("note", text) in order
    pending_note: str | None = None
    notes_by_u: dict[int, str | None] = {}
    depth_u = 0
    in_text = False
    root_tag = None
    for event, el in _events(data, source):
        tag = _local(el.tag)
        if root_tag is None:
            root_tag = tag
            if tag not in ("TEI", "teiCorpus", "text", "body"):
                raise InputError(source, f"not a TEI document (root element <{tag}>)")
            in_text = tag in ("text", "body")
        if event == "start":
            if tag == "u":
                depth_u += 1
            elif tag == "text":
                in_text = True
            continue
        if tag == "teiHeader":
            header_root = el
        elif not in_text and tag != "u":
            continue
        elif tag == "head" and depth_u == 0:
            text = _speech(el)
            if text:
                items.append(("head", text))
            el.clear()
        elif tag == "note" and depth_u == 0:
            text = " ".join("".join(el.itertext()).split())
            if (el.get("type") or "") == "speaker":
                pending_note = text
            elif text:
                items.append(("note", unicodedata.normalize("NFC", text)))
            el.clear()
        elif tag == "u":
            depth_u -= 1
            segs = [_speech(s) for s in el if _local(s.tag) == "seg"]
            if not segs:
                segs = [_speech(el)]
            uid = el.get("{http://www.w3.org/XML/1998/namespace}id") or el.get("id")
            notes_by_u[len(utterances)] = pending_note
            pending_note = None
            utterances.append((el.get("who") or "", el.get("ana") or "", [s for s in segs if s], uid))
            items.append(("u", len(utterances) - 1))
            el.clear()
    if not utterances:
        if root_tag == "teiCorpus":
            raise InputError(source, "a ParlaMint corpus root file (teiCorpus) holds no speech; give the sitting files")
        raise InputError(source, "TEI without utterances (<u>): nothing was said in it")

    people = _people(header_root, _org_names(header_root)) if header_root is not None else {}
    if context.path is not None:
        lists = _find_lists(context.path)
        if lists:
            for key, person in _load_lists(lists).items():
                people.setdefault(key, person)  # shared between sittings: read, never changed
    meta = _sibling_meta(context)
    return _build_tei(source, items, utterances, notes_by_u, people, meta, sitting_date(header_root, source))


def _sibling_meta(context: ReadContext) -> dict[str, dict[str, str]]:
    if context.path is None:
        return {}
    meta_path = context.path.with_name(context.path.stem + META_SUFFIX)
    return read_meta(meta_path, context.source) if meta_path.is_file() else {}


def _build_tei(
    source: str,
    items: list[tuple[str, Any]],
    utterances: list[tuple[str, str, list[str], str | None]],
    notes_by_u: dict[int, str | None],
    people: dict[str, Person],
    meta: dict[str, dict[str, str]],
    date: str | None = None,
) -> Transcript:
    speakers: dict[str, Person] = {}
    for index, (who, ana, _segs, uid) in enumerate(utterances):
        note = notes_by_u.get(index)
        key = who or (f"#note:{note}" if note else "")
        if not key:
            continue  # nobody is named: the turn has no speaker
        person = speakers.get(key)
        if person is None:
            base = people.get(who)
            row = meta.get(uid or "")
            from_meta = person_from_meta(row) if row else None
            if who:
                name, parties = _name_from_note(who, note)
            else:
                label = parse_label(note or "")
                name, parties = (label.name, list(label.organisations)) if label else (note, [])
            person = Person(id=key, name=(base.name if base else None) or (from_meta.name if from_meta else None) or name)
            person.parties = list(dict.fromkeys((parties_on(base, date) if base else []) + (from_meta.parties if from_meta else []) + parties))
            person.roles = list(from_meta.roles) if from_meta else []
            person.label = notes_by_u.get(index)
            speakers[key] = person
        role = ROLE_OF_ANA.get(ana.split()[0] if ana else "")
        if role and role not in person.roles:
            person.roles.append(role)
        if role == "voorzitter":
            person.chair = True
        row = meta.get(uid or "")
        if row and not person.parties:
            person.parties = person_from_meta(row).parties

    keys = _keys(speakers)
    builder = _TextBuilder()
    blocks: list[Block] = []
    session_starts: list[tuple[int, str]] = []
    for kind, value in items:
        if kind == "head":
            start, end = builder.add(value)
            blocks.append(Block(BlockKind.HEADING, start, end, value))
            session_starts.append((len(blocks) - 1, value))
        elif kind == "note":
            start, end = builder.add(value)
            blocks.append(Block(BlockKind.PARAGRAPH, start, end, value))
        else:
            who, _ana, segs, _uid = utterances[value]
            if not segs:
                continue
            body = "\n".join(segs)
            start, end = builder.add(body)
            note = notes_by_u.get(value)
            speaker_key = who or (f"#note:{note}" if note else "")
            blocks.append(Block(BlockKind.TURN, start, end, body, keys.get(speaker_key)))
    text = builder.text()
    transcript = Transcript(
        source=source, format="parlamint", text=text, sessions=_tei_sessions(blocks, session_starts, len(text)),
        normalisation=BUILT_FROM_TURNS,
    )
    transcript.title = next((b.text for b in blocks if b.kind is BlockKind.HEADING), None)
    for who, person in speakers.items():
        transcript.participants[keys[who]] = _participant(keys[who], person)
    return transcript


def _keys(speakers: dict[str, Person]) -> dict[str, str]:
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for who, person in speakers.items():
        key = person.name or who.lstrip("#") or "?"
        if key in taken:
            key = f"{key} ({who.lstrip('#')})"
        taken.add(key)
        keys[who] = key
    return keys


def _participant(key: str, person: Person) -> Participant:
    aliases = [person.label] if person.label and person.label != person.name else []
    return Participant(
        key=key, name=person.name or key, type="person", roles=list(dict.fromkeys(person.roles)),
        organisations=list(dict.fromkeys(person.parties)), aliases=aliases, chair=person.chair,
    )


def _tei_sessions(blocks: list[Block], starts: list[tuple[int, str]], length: int) -> list[Session]:
    if not starts:
        return [Session(id="s1", title=None, start=0, end=length, blocks=blocks)]
    sessions: list[Session] = []
    bounds = [i for i, _ in starts]
    if bounds[0] != 0:
        bounds[0] = 0  # blocks before the first heading join the first session
    for n, (_i, title) in enumerate(starts):
        lo = bounds[n]
        hi = bounds[n + 1] if n + 1 < len(bounds) else len(blocks)
        group = blocks[lo:hi]
        start = 0 if n == 0 else group[0].start
        sessions.append(Session(id=f"s{n + 1}", title=title, start=start, end=length, blocks=group))
    for current, following in zip(sessions, sessions[1:], strict=False):
        current.end = following.start
    return sessions


# --- plain text + meta -------------------------------------------------------------------------------------


def read_txt(data: bytes, context: ReadContext) -> Transcript:
    """A ParlaMint `.txt` ("<utterance id><TAB><text>" lines) with speakers from the `-meta.tsv` beside it."""
    from pipeline.ingest.readers.text import decode_text_warned

    text, warnings = decode_text_warned(data, context)
    meta = _sibling_meta(context)
    speakers: dict[str, Person] = {}
    seen: dict[tuple[str, ...], Person] = {}  # metadata rows repeat per utterance: one Person per distinct row
    turn_rows: list[tuple[int, int, str | None]] = []
    offset = 0
    for line in text.split("\n"):
        m = _TXT_LINE.match(line)
        if m and m.group("text").strip():
            start = offset + m.start("text") + (len(m.group("text")) - len(m.group("text").lstrip()))
            row = meta.get(m.group("id"))
            who = None
            if row is not None:
                signature = tuple(row.get(c) or "" for c in _META_PERSON_COLUMNS)
                person = seen.get(signature) or seen.setdefault(signature, person_from_meta(row))
                who = person.id or person.name
                known = speakers.setdefault(who or "", person)
                for role in person.roles:
                    if role not in known.roles:
                        known.roles.append(role)
                known.chair = known.chair or person.chair
            turn_rows.append((start, offset + len(line), who))
        offset += len(line) + 1
    if not turn_rows:
        raise InputError(context.source, "not a ParlaMint text file: no '<utterance id><TAB><text>' lines")
    keys = _keys({k: v for k, v in speakers.items()})
    blocks = [Block(BlockKind.TURN, s, e, text[s:e], keys.get(who) if who else None) for s, e, who in turn_rows]
    transcript = Transcript(source=context.source, format="parlamint", text=text, sessions=[Session("s1", None, 0, len(text), blocks)])
    transcript.warnings.extend(warnings)
    if not meta:
        transcript.warnings.append(f"{context.source}: no {Path(context.source).stem}{META_SUFFIX} beside it; the turns have no speakers")
    elif any(who is None for _s, _e, who in turn_rows):
        missing = sum(1 for _s, _e, who in turn_rows if who is None)
        transcript.warnings.append(f"{context.source}: {missing} utterances are not in the metadata file; they have no speaker")
    for who, person in speakers.items():
        transcript.participants[keys[who]] = _participant(keys[who], person)
    return transcript


# --- registration ------------------------------------------------------------------------------------------


def sniff_tei(head: bytes, name: str) -> bool:
    """A TEI document with utterances (`<TEI` or `<teiCorpus` and `<u ` or ParlaMint in the first bytes)."""
    sample = head[:64_000]
    return (b"<TEI" in sample or b"<teiCorpus" in sample) and (b"<u " in sample or b"ParlaMint" in sample)


def sniff_txt(head: bytes, name: str) -> bool:
    """ParlaMint plain text: the first line is "<id>.u<n><TAB>…"."""
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
    return bool(_TXT_LINE.match(first))


def read_parlamint(data: bytes, context: ReadContext) -> Transcript:
    """TEI or plain text, whichever the bytes are."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return read_tei(data, context)
    return read_txt(data, context)


COMPANIONS = frozenset({META_SUFFIX, "-listperson.xml", "-listorg.xml"})

def txt_beside_tei(path: Path) -> bool:
    """`X.txt` that lies beside the TEI sitting `X.xml` and its `X-meta.tsv`: the same sitting, read from the TEI."""
    if path.suffix.lower() != ".txt":
        return False
    return path.with_suffix(".xml").is_file() and path.with_name(f"{path.stem}-meta.tsv").is_file()


register(Reader(
    "parlamint", "ParlaMint debates: TEI XML, or .txt with its -meta.tsv", read_parlamint, frozenset({".xml"}),
    lambda h, n: sniff_tei(h, n) or sniff_txt(h, n), 20, COMPANIONS, txt_beside_tei,
))
