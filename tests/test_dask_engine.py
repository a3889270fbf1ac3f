"""The Dask engine: the same outputs as an in-process run, on a local cluster bound to 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

distributed = pytest.importorskip("distributed")

TEXTS = {
    "raad.txt": "Raadsvergadering\n\n“De begroting is rond”, zegt wethouder Fatima Yilmaz.\n\nDe raad stemt in.\n",
    "overleg.txt": "Jan de Vries: Welkom bij het overleg.\nEva Smit: Dank je, Jan. Ik wil het over vertrouwen hebben.\n",
    "wijk.txt": "Wijkavond\n\nVolgens buurtwerker Sanne Peters is er meer samenwerking nodig met de scholen.\n",
}


def test_dask_engine_gives_the_same_outputs_as_one_process(tmp_path, monkeypatch):
    """The input folder is given as a relative path, as users type it: the workers read absolute paths, but
    `document.source` (and the document id made from it) must be the name given, as in a local run."""
    monkeypatch.chdir(tmp_path)
    folder = Path("in")
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    local = runner.invoke(app, ["process", str(folder), "--out", str(tmp_path / "local"), "--model", "blank", "-q"])
    assert local.exit_code == 0, local.output
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        result = runner.invoke(app, ["process", str(folder), "--out", str(tmp_path / "dask"), "--model", "blank",
                                     "--engine", "dask", "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert "3 done" in result.output
    for name in TEXTS:
        stem = Path(name).stem
        assert (tmp_path / "dask" / f"{stem}.json").read_bytes() == (tmp_path / "local" / f"{stem}.json").read_bytes()
    assert '"source":"in/raad.txt"' in (tmp_path / "dask" / "raad.json").read_text(encoding="utf-8").replace(" ", "")
    for table in (tmp_path / "local" / "tables").glob("*.csv"):
        assert (tmp_path / "dask" / "tables" / table.name).read_bytes() == table.read_bytes()


def test_an_unreachable_scheduler_is_a_set_up_error(tmp_path):
    source = tmp_path / "raad.txt"
    source.write_text(TEXTS["raad.txt"], encoding="utf-8")
    result = CliRunner().invoke(app, ["process", str(source), "--out", str(tmp_path / "out"), "--model", "blank",
                                      "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output
