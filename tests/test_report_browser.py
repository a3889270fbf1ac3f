"""The report as a browser shows it: the sample report and a turn transcript in headless Chromium.

Screenshots at 1280 px and 390 px (a phone) are saved in the test's tmp folder (`screenshots/`) to look at;
the rendered DOM must show the speakers, the quotes, the summary and a chart. Skipped when no Chromium is
installed (`.ci/run` installs Debian's `chromium` when it runs as root with apt-get).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "clustervorming-is-mensenwerk.txt"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WIDTHS = (1280, 390)
TIMEOUT_SECONDS = 120
TURNS = (
    "Overleg wijkteam Noord\n\n"
    "[00:00:05] Jan de Vries: Goedemorgen allemaal, welkom bij het overleg over vertrouwen in de wijk.\n"
    "[00:00:31] Eva Smit: Dank je, Jan. Ik wil het hebben over samenwerking met de kennisinstellingen in de regio.\n"
    "Daar ligt volgens mij onze grootste kans.\n"
    "[00:01:12] Jan de Vries: Goed punt. Wie neemt contact op met de hogeschool?\n"
    "[00:01:40] Pieter Bos: Dat doe ik. Ik spreek volgende week de decaan over open innovatie.\n"
    "[00:02:30] Eva Smit: Mooi. Dan besluiten we dat het wijkteam in maart een bijeenkomst organiseert.\n"
    "[00:03:05] Jan de Vries: Akkoord. Dank jullie wel.\n"
)

BROWSER = next((path for name in BROWSERS if (path := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed (apt-get install chromium); the browser check is skipped")


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
               "--hide-scrollbars", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    inputs = root / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / SAMPLE.name)
    (inputs / "overleg-noord.txt").write_text(TURNS, encoding="utf-8")
    out = root / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["process", str(inputs), "--out", str(out), "--model", "blank", "-q"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["report", str(out), "--out", str(root / "site"), "--sources", str(inputs)])
    assert result.exit_code == 0, result.output
    return root


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (SAMPLE.stem, ["Arnoud Lagendijk", "Miranda Ebbekink", "Nabijheid is gewenst, maar kan soms ook verstikkend werken."]),
        ("overleg-noord", ["Jan de Vries", "Eva Smit", "Pieter Bos", "Transcript"]),
    ],
)
def test_page_renders_speakers_quotes_summary_and_a_chart(site, page, expected):
    url = (site / "site" / f"{page}.html").as_uri()
    dom = chromium(site, "--dump-dom", url)
    assert 'id="samenvatting"' in dom and "Geen samenvatting" not in dom
    assert '<figure class="chart"' in dom and 'src="data:image/svg+xml;base64,' in dom
    assert 'id="sprekers"' in dom
    for text in expected:
        assert text in dom
    if page == SAMPLE.stem:
        assert dom.count("<blockquote") >= 8 and "<mark" in dom
    shots = site / "screenshots"
    shots.mkdir(exist_ok=True)
    for width in WIDTHS:
        shot = shots / f"{page}-{width}.png"
        chromium(site, f"--screenshot={shot}", f"--window-size={width},2400", url)
        assert shot.stat().st_size > 10_000


def test_index_lists_both_documents(site):
    dom = chromium(site, "--dump-dom", (site / "site" / "index.html").as_uri())
    assert "Clustervorming is mensenwerk" in dom and "overleg-noord" in dom
    shot = site / "screenshots" / "index-390.png"
    shot.parent.mkdir(exist_ok=True)
    chromium(site, f"--screenshot={shot}", "--window-size=390,1200", (site / "site" / "index.html").as_uri())
    assert shot.stat().st_size > 5_000
