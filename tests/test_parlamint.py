"""ParlaMint: TEI sittings and the .txt + -meta.tsv pair give the same turns and speakers (invented sitting)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import BlockKind, InputError, read_bytes, read_file
from pipeline.ingest.registry import is_companion

ID = "ParlaMint-NL_2030-01-01-tweedekamer-9"

TEI = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{ID}" xml:lang="nl">
  <teiHeader><fileDesc><titleStmt><title>Proefvergadering</title></titleStmt></fileDesc></teiHeader>
  <text xml:lang="nl"><body>
    <div type="debateSection">
      <head>Debat over de dijkversterking</head>
      <note type="speaker">De voorzitter</note>
      <u who="#MarijkeTeunissen" ana="#chair" xml:id="{ID}.u1">
        <seg xml:id="{ID}.seg1">Ik open het debat. Het woord is aan de heer El Idrissi.</seg>
      </u>
      <note type="speaker">De heer El Idrissi (PvdD)</note>
      <u who="#KarimElIdrissi" ana="#regular" xml:id="{ID}.u2">
        <seg xml:id="{ID}.seg2">Voorzitter. De dijk moet hoger.</seg>
        <seg xml:id="{ID}.seg3">Dat kost geld, <note type="comment">(Geroep)</note>maar het moet.</seg>
      </u>
      <gap reason="editorial"><desc>SAMPLING</desc></gap>
      <note type="speaker">Minister Van Loon</note>
      <u who="#SaskiaVanLoon" ana="#guest" xml:id="{ID}.u3">
        <seg xml:id="{ID}.seg4">Het kabinet trekt er geld voor uit. <incident><desc>Applaus</desc></incident></seg>
      </u>
      <note type="comment">De beraadslaging wordt gesloten.</note>
      <u who="#MarijkeTeunissen" ana="#chair" xml:id="{ID}.u4">
        <seg xml:id="{ID}.seg5">Dank u wel.</seg>
      </u>
    </div>
  </body></text>
</TEI>
"""

META_HEADER = "Text_ID\tID\tTitle\tSpeaker_role\tSpeaker_MP\tSpeaker_minister\tSpeaker_party\tSpeaker_party_name\tSpeaker_ID\tSpeaker_name\n"
META_ROWS = [
    ("u1", "Voorzitter", "MP", "notMinister", "CDA", "Christen-Democratisch Appèl", "MarijkeTeunissen", "Teunissen, Marijke"),
    ("u2", "Vast", "MP", "notMinister", "PvdD", "Partij voor de Dieren", "KarimElIdrissi", "El Idrissi, Karim"),
    ("u3", "Gast", "notMP", "Minister", "VVD", "Volkspartij voor Vrijheid en Democratie", "SaskiaVanLoon", "Loon, Saskia van"),
    ("u4", "Voorzitter", "MP", "notMinister", "CDA", "Christen-Democratisch Appèl", "MarijkeTeunissen", "Teunissen, Marijke"),
]
META = META_HEADER + "".join(
    f"{ID}\t{ID}.{u}\tVergadering\t{role}\t{mp}\t{mini}\t{party}\t{pname}\t{sid}\t{name}\n"
    for u, role, mp, mini, party, pname, sid, name in META_ROWS
)
TXT = (
    f"{ID}.u1\tIk open het debat. Het woord is aan de heer El Idrissi.\n"
    f"{ID}.u2\tVoorzitter. De dijk moet hoger. Dat kost geld, maar het moet.\n"
    f"{ID}.u3\tHet kabinet trekt er geld voor uit.\n"
    f"{ID}.u4\tDank u wel.\n"
)


@pytest.fixture
def sitting(tmp_path: Path) -> Path:
    (tmp_path / f"{ID}.xml").write_text(TEI, encoding="utf-8")
    (tmp_path / f"{ID}.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / f"{ID}-meta.tsv").write_text(META, encoding="utf-8")
    return tmp_path


def turns(transcript):
    return [(b.speaker, b.text) for b in transcript.blocks if b.kind is BlockKind.TURN]


class TestTei:
    def test_utterances_are_turns_and_notes_gaps_incidents_are_not_speech(self):
        transcript = read_bytes(TEI.encode(), source="sitting.xml")
        assert transcript.format == "parlamint"
        assert turns(transcript) == [
            ("Marijke Teunissen", "Ik open het debat. Het woord is aan de heer El Idrissi."),
            ("Karim El Idrissi", "Voorzitter. De dijk moet hoger.\nDat kost geld, maar het moet."),
            ("Saskia van Loon", "Het kabinet trekt er geld voor uit."),
            ("Marijke Teunissen", "Dank u wel."),
        ]
        assert "Geroep" not in transcript.text and "SAMPLING" not in transcript.text and "Applaus" not in transcript.text
        assert all(transcript.text[b.start : b.end] == b.text for b in transcript.blocks)

    def test_speaker_notes_give_party_and_ana_gives_chair_and_guest(self):
        participants = read_bytes(TEI.encode(), source="sitting.xml").participants
        chair = participants["Marijke Teunissen"]
        assert chair.chair and chair.roles == ["voorzitter"] and "De voorzitter" in chair.aliases
        assert participants["Karim El Idrissi"].organisations == ["PvdD"]
        assert participants["Saskia van Loon"].roles == ["gast"]

    def test_the_head_is_the_session_title_and_comments_stay_prose(self):
        transcript = read_bytes(TEI.encode(), source="sitting.xml")
        assert [s.title for s in transcript.sessions] == ["Debat over de dijkversterking"]
        assert any(b.kind is BlockKind.PARAGRAPH and b.text == "De beraadslaging wordt gesloten." for b in transcript.blocks)

    def test_the_meta_file_beside_the_sitting_adds_party_and_minister(self, sitting):
        participants = read_file(sitting / f"{ID}.xml").participants
        assert participants["Marijke Teunissen"].organisations == ["CDA"]
        assert set(participants["Saskia van Loon"].roles) == {"gast", "minister"}
        assert participants["Saskia van Loon"].organisations == ["VVD"]

    def test_list_person_and_list_org_files_name_the_speakers(self, sitting):
        (sitting / f"{ID}-meta.tsv").unlink()
        (sitting / "ParlaMint-NL-listPerson.xml").write_text(
            '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="KarimElIdrissi"><persName>'
            "<forename>Karim</forename><surname>El Idrissi</surname></persName>"
            '<affiliation role="member" ref="#party.PvdD"/></person></listPerson>',
            encoding="utf-8",
        )
        (sitting / "ParlaMint-NL-listOrg.xml").write_text(
            '<listOrg xmlns="http://www.tei-c.org/ns/1.0"><org xml:id="party.PvdD" role="politicalParty">'
            '<orgName full="yes">Partij voor de Dieren</orgName><orgName full="abb">PvdD</orgName></org></listOrg>',
            encoding="utf-8",
        )
        participants = read_file(sitting / f"{ID}.xml").participants
        assert participants["Karim El Idrissi"].organisations == ["PvdD"]

    def test_the_party_on_the_day_of_the_sitting(self, sitting):
        (sitting / f"{ID}-meta.tsv").unlink()
        (sitting / "ParlaMint-NL-listPerson.xml").write_text(
            '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="KarimElIdrissi"><persName>'
            "<forename>Karim</forename><surname>El Idrissi</surname></persName>"
            '<affiliation role="member" ref="#party.SP" from="2020-01-01" to="2025-06-30"/>'
            '<affiliation role="member" ref="#party.PvdD" from="2025-07-01"/></person></listPerson>',
            encoding="utf-8",
        )
        (sitting / f"{ID}.xml").write_text(TEI.replace("De heer El Idrissi (PvdD)", "De heer El Idrissi"), encoding="utf-8")
        assert read_file(sitting / f"{ID}.xml").participants["Karim El Idrissi"].organisations == ["PvdD"]

    def test_entities_and_dtds_are_refused(self):
        bomb = b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaa">]><TEI><text><body><u who="#x"><seg>&a;</seg></u></body></text></TEI>'
        with pytest.raises(InputError, match="bom.xml: XML with a DTD"):
            read_bytes(bomb, source="bom.xml", format="parlamint")

    def test_broken_xml_and_xml_without_speech_are_clear_errors(self):
        with pytest.raises(InputError, match="kapot.xml: not well-formed XML"):
            read_bytes(b"<TEI><text><body><u who='#a'><seg>Hallo</u>", source="kapot.xml", format="parlamint")
        with pytest.raises(InputError, match="leeg.xml: TEI without utterances"):
            read_bytes(b"<TEI><text><body><p>Geen spraak</p></body></text></TEI>", source="leeg.xml", format="parlamint")


class TestTxtWithMeta:
    def test_the_pair_gives_the_same_speakers_as_the_tei(self, sitting):
        txt = read_file(sitting / f"{ID}.txt")
        tei = read_file(sitting / f"{ID}.xml")
        assert txt.format == "parlamint"
        assert [s for s, _ in turns(txt)] == [s for s, _ in turns(tei)]
        for key, participant in txt.participants.items():
            assert participant.organisations == tei.participants[key].organisations

    def test_turn_offsets_point_into_the_file_text_after_the_id(self, sitting):
        transcript = read_file(sitting / f"{ID}.txt")
        assert turns(transcript)[0] == ("Marijke Teunissen", "Ik open het debat. Het woord is aan de heer El Idrissi.")
        assert all(transcript.text[b.start : b.end] == b.text for b in transcript.blocks)
        assert ".u1" not in "".join(b.text for b in transcript.blocks)

    def test_roles_from_the_meta_file(self, sitting):
        participants = read_file(sitting / f"{ID}.txt").participants
        assert participants["Marijke Teunissen"].chair
        assert set(participants["Saskia van Loon"].roles) == {"gast", "minister"}
        assert participants["Karim El Idrissi"].roles == []

    def test_without_the_meta_file_the_turns_have_no_speaker_and_a_warning(self, sitting):
        (sitting / f"{ID}-meta.tsv").unlink()
        transcript = read_file(sitting / f"{ID}.txt")
        assert {s for s, _ in turns(transcript)} == {None}
        assert any("-meta.tsv" in w for w in transcript.warnings)

    def test_the_meta_file_is_a_companion_not_an_input(self, sitting):
        assert is_companion(sitting / f"{ID}-meta.tsv")
        # the .txt beside the TEI form of the same sitting is read once, from the TEI
        assert is_companion(sitting / f"{ID}.txt") and not is_companion(sitting / f"{ID}.xml")
        (sitting / f"{ID}.xml").unlink()
        assert not is_companion(sitting / f"{ID}.txt")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["#A", "#B", "#C"]), st.text(alphabet="abc déf<&>\"'", min_size=1, max_size=30)), min_size=1, max_size=5))
def test_generated_tei_keeps_all_speech(utterances):
    from xml.sax.saxutils import escape

    body = "".join(f'<u who="{who}"><seg>{escape(text)}</seg></u>' for who, text in utterances)
    data = f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>{body}</div></body></text></TEI>'.encode()
    try:
        transcript = read_bytes(data, source="gen.xml", format="parlamint")
    except InputError as err:
        assert str(err).startswith("gen.xml: ")
        assert not any(ch.isalnum() for _, text in utterances for ch in text)  # refused only when no word is spoken
        return
    spoken = [" ".join(text.split()) for _, text in utterances if text.split()]
    assert [b.text for b in transcript.blocks if b.kind is BlockKind.TURN] == spoken


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: ("<TEI>" + s).encode()))
def test_arbitrary_bytes_as_parlamint_give_turns_or_a_clear_error(data):
    try:
        transcript = read_bytes(data, source="x.xml", format="parlamint")
    except InputError as err:
        assert str(err).startswith("x.xml: ")
        return
    assert all(transcript.text[b.start : b.end] == b.text for b in transcript.blocks)


def test_an_utterance_without_who_takes_its_speaker_from_the_note_or_has_none():
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div>'
        '<note type="speaker">Mevrouw Ouali (GL)</note><u><seg>Ik heb een vraag.</seg></u>'
        "<u><seg>Dank u wel.</seg></u></div></body></text></TEI>"
    )
    transcript = read_bytes(tei.encode(), source="zonder.xml", format="parlamint")
    assert turns(transcript) == [("Ouali", "Ik heb een vraag."), (None, "Dank u wel.")]
    assert transcript.participants["Ouali"].organisations == ["GL"]
