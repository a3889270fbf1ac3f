"""Check the ParlaMint readers against the metadata: speakers (name, party, role) and utterance attribution.

For every `X-meta.tsv` under PATH (recursively), reads `X.xml` (TEI) and `X.txt` when they exist, through
`read_file` as a user would, and compares with the metadata file:

- speakers: each distinct speaker of the meta file is found as a participant with the same name ("Arib,
  Khadija" → "Khadija Arib"), the meta party among its organisations, and role voorzitter exactly when the meta
  role is Voorzitter/Chairperson;
- utterances: the share of the meta file's utterances whose turn (in document order; the TEI `<u>` ids or the
  txt line ids give the utterance) carries the participant of the right speaker.

With `--tei-alone` the TEI files are read from a copy without the metadata beside them (names, parties and roles
then come from the sitting file itself: speaker notes, `who` ids, `ana`).

Usage: python benchmarks/parlamint_check.py PATH_TO_PARLAMINT_DIR [--tei-alone]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml.ElementTree import iterparse

from pipeline.ingest import BlockKind, Participant, Transcript, read_file
from pipeline.ingest.readers.parlamint import META_SUFFIX, person_from_meta, read_meta

_TXT_ID = re.compile(r"^([\w.-]+\.u\d+[\w.-]*)\t\s*\S")


def utterance_ids_tei(path: Path) -> list[str]:
    """xml:id of every `<u>` with speech, in document order."""
    ids = []
    for _, el in iterparse(str(path), events=("end",), forbid_dtd=True):
        if el.tag.rsplit("}", 1)[-1] == "u":
            if "".join(el.itertext()).strip():
                ids.append(el.get("{http://www.w3.org/XML/1998/namespace}id") or "")
            el.clear()
    return ids


def utterance_ids_txt(path: Path) -> list[str]:
    """Utterance id of every non-empty line of a ParlaMint .txt."""
    ids = []
    for line in path.read_text(encoding="utf-8-sig").split("\n"):
        m = _TXT_ID.match(line)
        if m:
            ids.append(m.group(1))
    return ids


@dataclass
class Result:
    """Figures of one reading: turns, utterances in the meta file, those given to the right speaker, and per
    meta speaker whether name, party and role match (with the participant found)."""

    turns: int
    utterances: int
    right: int
    speakers: list[tuple[str, bool, Participant | None]]


def check(transcript: Transcript, ids: list[str], meta: dict[str, dict[str, str]]) -> Result:
    """Speaker and utterance figures of one reading against its metadata."""
    turns = [b for b in transcript.blocks if b.kind is BlockKind.TURN]
    participants = transcript.participants
    expected: dict[str, tuple[list[str], bool]] = {}
    for row in meta.values():
        person = person_from_meta(row)
        expected.setdefault(person.name or "?", (person.parties[:1], "voorzitter" in person.roles))
    by_name = {p.name: p for p in participants.values()}
    speakers: list[tuple[str, bool, Participant | None]] = []
    for name, (parties, chair) in expected.items():
        found = by_name.get(name)
        ok = found is not None and all(party in found.organisations for party in parties) and (("voorzitter" in found.roles) == chair)
        speakers.append((name, ok, found))
    right = 0
    for uid, turn in zip(ids, turns, strict=False):
        meta_row = meta.get(uid)
        holder = participants.get(turn.speaker or "")
        if meta_row is not None and holder is not None and holder.name == person_from_meta(meta_row).name:
            right += 1
    return Result(turns=len(turns), utterances=len(meta), right=right, speakers=speakers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--tei-alone", action="store_true", help="read each TEI file from a copy without its -meta.tsv (what the sitting file alone gives)")
    args = parser.parse_args()
    alone = Path(tempfile.mkdtemp(prefix="parlamint_check_"))
    metas = sorted(args.path.rglob(f"*{META_SUFFIX}"))
    if not metas:
        print(f"no *{META_SUFFIX} under {args.path}", file=sys.stderr)
        return 2
    totals = {"tei": [0, 0, 0, 0], "txt": [0, 0, 0, 0]}  # utterances, right, speakers, speakers right
    for meta_path in metas:
        stem = meta_path.name[: -len(META_SUFFIX)]
        meta = read_meta(meta_path, str(meta_path))
        for form, suffix, ids_of in (("tei", ".xml", utterance_ids_tei), ("txt", ".txt", utterance_ids_txt)):
            path = meta_path.with_name(stem + suffix)
            if not path.is_file():
                continue
            source = path
            if args.tei_alone and form == "tei":
                source = alone / path.name
                shutil.copyfile(path, source)
            result = check(read_file(source), ids_of(path), meta)
            good = sum(ok for _, ok, _ in result.speakers)
            print(f"{path.name} [{form}]: {result.right}/{result.utterances} utterances to the right speaker; "
                  f"{good}/{len(result.speakers)} speakers with name, party and role")
            for name, ok, p in result.speakers:
                got = f"{p.name} | {', '.join(p.organisations)} | {', '.join(p.roles) or '-'}" if p else "missing"
                print(f"    {'ok ' if ok else 'BAD'} {name}: {got}")
            t = totals[form]
            t[0] += result.utterances
            t[1] += result.right
            t[2] += len(result.speakers)
            t[3] += good
    for form, (utterances, right, speakers, speakers_right) in totals.items():
        if utterances:
            print(f"{form}: utterances {right}/{utterances} = {right / utterances:.3f}; speakers {speakers_right}/{speakers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
