"""The HTML report: what a reader sees on a document's page and on the index, from the templates."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.analyze import build_analysis, parse
from pipeline.cli import app
from pipeline.ingest import read_text
from pipeline.outputs.report import clock, paragraphs, render_document, render_html, talk_time, title_text
from pipeline.outputs.writer import to_json

REPORT = (
    "Nieuwe fietsbrug in Zwolle\n\n"
    "“We bouwen de brug voor de hele regio”, zegt wethouder Karin Bakker van de gemeente Zwolle.\n\n"
    "Volgens projectleider Tom Visser is het vertrouwen van de bewoners groot. “De samenwerking met de buurt loopt goed”, "
    "zei hij.\n"
)
TURNS = (
    "[00:00:03] Jan de Vries: Goedemorgen, welkom bij het overleg over vertrouwen in de wijk.\n"
    "[00:00:20] Eva Smit: Dank je. Ik wil het hebben over samenwerking met de hogeschool.\n"
    "[00:01:32] Jan de Vries: Goed, dan spreken we dat af.\n"
    "[00:01:40] Eva Smit: Prima.\n"
)


@pytest.fixture(scope="module")
def report(nlp):
    transcript = read_text(REPORT, source="/home/anna/verslagen/brug.txt")
    return build_analysis(parse(nlp, transcript), transcript), transcript.text


@pytest.fixture(scope="module")
def transcript(nlp):
    source = read_text(TURNS, source="overleg.txt")
    return build_analysis(parse(nlp, source), source)


def visible(page: str) -> str:
    """The page's text as a reader sees it (tags removed, entities decoded)."""
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)))


def test_page_is_responsive_accessible_and_has_no_network_resources(report):
    analysis, text = report
    page = render_document(analysis, text=text)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<html lang="nl">' in page
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in page
    assert page.count("<h1>") == 1
    levels = [int(n) for n in re.findall(r"<h([1-6])", page)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page.replace("https://www.w3.org", "")
    assert "@media print" in page


def test_page_shows_the_file_name_never_the_path(report):
    analysis, text = report
    page = render_document(analysis, text=text)
    assert "brug.txt" in page
    assert "/home/anna" not in page


def test_page_names_notulist_version_and_date(report, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    page = visible(render_document(report[0], text=report[1]))
    assert f"notulist {__version__} op 2026-12-01" in page


def test_who_said_what_shows_each_quote_once_with_how_its_speaker_was_found(report):
    analysis, text = report
    page = render_document(analysis, text=text)
    shown = visible(page)
    for quote in analysis.quotes:
        assert page.count(f'id="citaat-{quote.id}"') == 1
    assert "Karin Bakker" in shown and "wethouder" in shown
    assert "gevonden via de woorden bij het citaat" in shown and "zeker" in shown
    assert "«zegt wethouder Karin Bakker" in shown or "«zegt" in shown


@pytest.mark.parametrize("step", ["cue", "previous_quote", "context", "last_speaker"])
def test_every_attribution_step_is_explained(report, step):
    record = json.loads(to_json(report[0]))
    record["quotes"][0]["attribution"] = step
    page = render_document(record)
    block = page[page.index(f'id="citaat-{record["quotes"][0]["id"]}"'):]
    quote_line = visible(block[: block.index("</blockquote>")])
    assert "de tekst zegt niet wie dit zei" not in quote_line
    assert any(word in quote_line for word in ("zeker", "waarschijnlijk", "onzeker"))


def test_each_quote_links_to_itself_in_the_text(report):
    analysis, text = report
    page = render_document(analysis, text=text)
    for quote in analysis.quotes:
        assert f'href="#ctx-{quote.id}"' in page
        assert f'<mark id="ctx-{quote.id}">' in page


def test_without_the_source_text_the_page_says_so(report):
    page = visible(render_document(report[0], text=None))
    assert "niet gevonden" in page
    assert "citaat in de tekst" not in page


def test_render_html_reads_the_source_when_it_still_matches(nlp, tmp_path, monkeypatch):
    source = tmp_path / "brug.txt"
    source.write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    transcript = read_text(REPORT, source="brug.txt")
    analysis = build_analysis(parse(nlp, transcript), transcript)
    assert "<mark" in render_html(analysis)
    source.write_text("Een heel andere tekst.\n", encoding="utf-8")
    assert "<mark" not in render_html(analysis)


def test_charts_are_inline_svg_images_with_alt_text(report):
    page = render_document(report[0], text=report[1])
    images = re.findall(r'<img src="(data:image/svg\+xml;base64,[^"]+)" alt="([^"]+)"', page)
    assert images
    assert all(len(alt) > 20 for _, alt in images)


def test_transcript_shows_turns_with_speakers_times_and_talk_time(transcript):
    page = render_document(transcript)
    shown = visible(page)
    assert 'id="t1"' in page and "0:03" in shown and "1:32" in shown
    assert "Spreektijd per spreker" in shown
    times = {row["name"]: row["seconds"] for row in talk_time(json.loads(to_json(transcript)))}
    assert times == {"Jan de Vries": 17.0 + 8.0, "Eva Smit": 72.0}


def test_prose_report_talk_time_counts_quoted_words(report):
    rows = talk_time(json.loads(to_json(report[0])))
    assert rows and all(row["seconds"] is None and row["words"] > 0 for row in rows)


def test_title_keeps_its_closing_quotation_mark(report):
    record = json.loads(to_json(report[0]))
    record["document"]["title"] = "Burgemeester bezorgd: 'Verdriet is groot'"
    page = visible(render_document(record))
    assert "Burgemeester bezorgd: 'Verdriet is groot'" in page


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Halsema bezorgd: 'Verdriet is groot", "Halsema bezorgd: 'Verdriet is groot'"),
        ("Huisartsen blij met verkiezingsprogramma's, 'maar er moet iets gebeuren", "Huisartsen blij met verkiezingsprogramma's, 'maar er moet iets gebeuren'"),
        ("Kaptein: „Wij gaan door", "Kaptein: „Wij gaan door”"),
        ("Kaptein: „Wij gaan door”", "Kaptein: „Wij gaan door”"),
        ("Auto's en fietsen in de stad", "Auto's en fietsen in de stad"),
    ],
)
def test_a_title_gets_back_a_closing_mark_that_was_stripped(title, shown):
    assert title_text(title) == shown


def test_text_and_names_are_escaped(report):
    record = json.loads(to_json(report[0]))
    record["document"]["title"] = "Verslag <script>alert(1)</script>"
    record["quotes"][0]["text"] = "Een <b>vette</b> belofte"
    page = render_document(record)
    assert "<script>alert" not in page and "&lt;b&gt;vette&lt;/b&gt;" in page


def test_decisions_and_actions_are_shown_when_the_json_has_them(transcript):
    record = json.loads(to_json(transcript))
    assert "Besluiten en acties" not in visible(render_document(record))
    record["sessions"][0]["decisions"] = [{"text": "Het wijkteam organiseert in maart een bijeenkomst.", "start": 0, "end": 20}]
    record["sessions"][0]["actions"] = [{"text": "Eva Smit belt de hogeschool.", "start": 30, "end": 58,
                                         "who": "Eva Smit", "due": "vóór 1 maart"}]
    page = visible(render_document(record))
    assert "Besluiten en acties" in page
    assert "Het wijkteam organiseert in maart een bijeenkomst." in page
    assert "wie: Eva Smit" in page and "wanneer: vóór 1 maart" in page
    levels = [int(n) for n in re.findall(r"<h([1-6])", render_document(record))]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels  # no heading level skipped


def test_paragraphs_mark_quotes_once_even_across_a_paragraph_break():
    text = "Eerste alinea „met een citaat\n\ndat doorloopt” tot hier.\n"
    quotes = [{"id": "q1", "start": text.index("met"), "end": text.index("”")}]
    parts = paragraphs(text, quotes)
    assert [p.start for p in parts] == [0, text.index("dat")]
    marked = [s for p in parts for s in p.segments if s.quote]
    assert [s.anchor for s in marked] == ["ctx-q1", None]


@pytest.mark.parametrize(("seconds", "shown"), [(3.0, "0:03"), (75.4, "1:15"), (3725, "1:02:05"), (None, "")])
def test_clock(seconds, shown):
    assert clock(seconds) == shown


def test_report_command_writes_an_index_that_links_every_document(report, transcript, tmp_path):
    (tmp_path / "brug.json").write_text(to_json(report[0]), encoding="utf-8")
    (tmp_path / "overleg.json").write_text(to_json(transcript), encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(app, ["report", str(tmp_path), "--out", str(site)])
    assert result.exit_code == 0, result.output
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="brug.html"' in index and 'href="overleg.html"' in index
    assert "Nieuwe fietsbrug in Zwolle" in index and "Karin Bakker" in index
    assert 'href="index.html"' in (site / "brug.html").read_text(encoding="utf-8")


def test_report_command_refuses_a_folder_without_outputs(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 2
    assert "no notulist output" in result.output


def test_charts_keep_to_the_speakers_with_most_talk_time(transcript):
    from pipeline.outputs.report import MAX_CHART_ROWS, document_charts

    record = json.loads(to_json(transcript))
    names = [f"Raadslid {chr(65 + i)}" for i in range(MAX_CHART_ROWS + 5)]
    record["turns"] = [{"id": f"t{i + 1}", "speaker": name, "text": "Ik steun het voorstel.", "start_time": 10.0 * i,
                        "end_time": 10.0 * i + 1 + i, "start": 0, "end": 5, "session": "s1"} for i, name in enumerate(names)]
    record["speakers"] = [{"id": f"sp{i + 1}", "name": name} for i, name in enumerate(names)]
    talk = next(c for c in document_charts(record, {}) if c.key == "talk-time")
    assert f"de {MAX_CHART_ROWS} met de meeste" in talk.title
    assert [row[0] for row in talk.rows] == names[::-1][:MAX_CHART_ROWS]


def test_talk_time_counted_from_turns_counts_overlapping_turns_once():
    record = {"speakers": [], "turns": [
        {"speaker": "Eva Smit", "text": "Goedemorgen allemaal.", "start_time": 0.0, "end_time": 10.0},
        {"speaker": "Eva Smit", "text": "Ik begin met de begroting.", "start_time": 5.0, "end_time": 12.0},
        {"speaker": "Jan de Vries", "text": "Dank je.", "start_time": 12.0, "end_time": 14.0},
    ]}
    seconds = {row["name"]: row["seconds"] for row in talk_time(record)}
    assert seconds == {"Eva Smit": 12.0, "Jan de Vries": 2.0}  # not 17: 5–10 is spoken once


def test_the_report_command_warns_when_source_texts_are_not_found(nlp, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.outputs.writer import to_json

    source = tmp_path / "in" / "brug.txt"
    source.parent.mkdir()
    source.write_text(REPORT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    transcript = read_text(REPORT, source="in/brug.txt")
    out = tmp_path / "out"
    out.mkdir()
    (out / "brug.json").write_text(to_json(build_analysis(parse(nlp, transcript), transcript)), encoding="utf-8")
    found = CliRunner().invoke(app, ["report", str(out)])
    assert found.exit_code == 0, found.output
    assert "was not found" not in found.output
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the recorded relative path no longer resolves
    lost = CliRunner().invoke(app, ["report", str(out)])
    assert lost.exit_code == 0, lost.output
    assert "source text of 1 document was not found" in lost.output and "brug" in lost.output and "--sources" in lost.output
    with_sources = CliRunner().invoke(app, ["report", str(out), "--sources", str(tmp_path / "in")])
    assert with_sources.exit_code == 0 and "was not found" not in with_sources.output


def test_counts_of_one_are_singular(transcript):
    record = transcript.model_dump()
    record["turns"] = record["turns"][:1]
    record["speakers"] = record["speakers"][:1]
    record["quotes"] = []
    shown = visible(render_document(record))
    assert "1 beurt " in shown + " " and "1 beurten" not in shown
    assert "1 spreker " in shown + " " and "1 sprekers" not in shown
    assert "0 citaten" in shown
