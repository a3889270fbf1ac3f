"""Batches that never lose text: every input processed or named with a reason, inputs never overwritten,
resumable runs, workers that fail alone, clear set-up errors with exit code 2."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.process import check_outputs, collect_inputs, process_files, shown

runner = CliRunner()

REPORT = (
    "Vergadering van de wijkraad\n\n"
    "“We moeten sneller schakelen met de buurt”, zegt wethouder Karin Bakker.\n\n"
    "Volgens voorzitter Ahmed el Idrissi is er vertrouwen in het plan. De raad stemde in.\n"
)
TURNS = "Jan de Vries: Goedemorgen allemaal, welkom.\nEva Smit: Dank je, Jan. Ik begin met de begroting.\n"


def run(*args: str):
    return runner.invoke(app, list(args))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------- inputs named or skipped


def test_every_file_in_a_folder_is_processed_or_named_with_its_reason(tmp_path):
    folder = tmp_path / "in"
    write(folder / "verslag.txt", REPORT)
    write(folder / "sub" / "overleg.txt", TURNS)
    write(folder / "scan.pdf", b"%PDF-1.4")
    write(folder / "lijst.csv", "naam,rol\n")
    write(folder / ".verborgen.txt", REPORT)
    (folder / "koppeling.txt").symlink_to(folder / "verslag.txt")
    plan = collect_inputs([folder])
    assert [p.name for p in plan.files] == ["overleg.txt", "verslag.txt"] or [p.name for p in plan.files] == ["verslag.txt", "overleg.txt"]
    reasons = {skip.path.name: skip.reason for skip in plan.skipped}
    assert "PDF files have no reader" in reasons["scan.pdf"]
    assert "not an input format (.csv)" in reasons["lijst.csv"]
    assert "hidden" in reasons[".verborgen.txt"]
    assert "a link, not followed" in reasons["koppeling.txt"]
    assert not any(skip.failed for skip in plan.skipped)


def test_a_file_a_folder_search_leaves_out_but_named_too_is_processed_without_a_skip_line(tmp_path):
    folder = tmp_path / "in"
    write(folder / "verslag.txt", REPORT)
    whisper = write(folder / "opname.json", '{"segments": [{"start": 0.0, "end": 2.0, "text": "Welkom allemaal."}]}')
    write(folder / "lijst.csv", "naam,rol\n")
    plan = collect_inputs([folder, whisper])
    assert sorted(p.name for p in plan.files) == ["opname.json", "verslag.txt"]
    assert [skip.path.name for skip in plan.skipped] == ["lijst.csv"]  # still named: not processed at all


def test_the_same_file_given_twice_is_processed_once_with_a_note(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    result = run("process", str(source), str(tmp_path / "." / "verslag.txt"), "--out", str(tmp_path / "out"), "--model", "blank")
    assert result.exit_code == 0, result.output
    assert "the same file as" in result.output and "processed once" in result.output
    assert (tmp_path / "out" / "verslag.json").exists()


def test_two_files_with_the_same_name_do_not_overwrite_each_other(tmp_path):
    write(tmp_path / "a" / "verslag.txt", REPORT)
    write(tmp_path / "b" / "verslag.txt", TURNS)
    plan = collect_inputs([tmp_path / "a", tmp_path / "b"])
    assert len(plan.files) == 1
    assert plan.skipped[0].failed and "would overwrite" in plan.skipped[0].reason


def test_a_folder_holding_only_other_files_says_so_for_each(tmp_path):
    write(tmp_path / "in" / "scan.pdf", b"%PDF-1.4")
    result = run("process", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model", "blank")
    assert result.exit_code == 2
    assert "scan.pdf: unsupported format" in result.output
    assert "no input files found" in result.output


def test_a_deep_folder_is_walked_without_recursion(tmp_path):
    deep = tmp_path / "in"
    current = deep
    for _ in range(300):
        current = current / "d"
    write(current / "verslag.txt", REPORT)
    assert [p.name for p in collect_inputs([deep]).files] == ["verslag.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file whatever its mode")
def test_an_unreadable_file_fails_alone(tmp_path):
    good = write(tmp_path / "goed.txt", REPORT)
    bad = write(tmp_path / "geheim.txt", REPORT)
    bad.chmod(0)
    result = run("process", str(bad), str(good), "--out", str(tmp_path / "out"), "--model", "blank")
    assert result.exit_code == 1
    assert "geheim.txt: cannot be read" in result.output
    assert (tmp_path / "out" / "goed.json").exists()


def test_control_characters_in_file_names_are_shown_escaped(tmp_path):
    name = "rood\x1b[31m.txt"
    write(tmp_path / name, b"")
    result = run("process", str(tmp_path / name), "--out", str(tmp_path / "out"), "--model", "blank")
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    assert "rood\\x1b[31m.txt: the file is empty" in result.output
    assert shown("a\udcffb") == "a\\xffb"


# ------------------------------------------------------------------------------------ inputs never overwritten


def test_an_html_input_in_the_output_folder_is_never_overwritten(tmp_path):
    page = write(tmp_path / "pagina.html", "<p>“Wij gaan door”, zegt Karin Bakker.</p>\n")
    before = page.read_bytes()
    result = run("process", str(page), "--format", "text", "--html", "--out", str(tmp_path), "--model", "blank")
    assert result.exit_code == 2
    assert "would overwrite the input" in result.output
    assert page.read_bytes() == before
    assert not (tmp_path / "pagina.json").exists()


def test_a_json_input_whose_output_is_itself_is_refused(tmp_path):
    source = write(tmp_path / "verslag.json", REPORT)
    problems = check_outputs([source], tmp_path)
    assert problems and "verslag.json would overwrite the input" in problems[0]
    assert check_outputs([source], tmp_path / "elders") == []


# ------------------------------------------------------------------------------------------ set-up errors (2)


def test_an_unknown_format_is_a_usage_error_before_the_model_loads(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    result = run("process", str(source), "--format", "foo", "--out", str(tmp_path / "out"), "--model", str(tmp_path / "geen-model"))
    assert result.exit_code == 2
    assert "unknown --format 'foo'" in result.output and "turns" in result.output
    assert "cannot load spaCy model" not in result.output


def test_an_output_folder_that_is_a_file_is_refused_before_the_model_loads(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    blocker = write(tmp_path / "uit", "ik ben een bestand")
    result = run("process", str(source), "--out", str(blocker), "--model", str(tmp_path / "geen-model"))
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output


def test_jobs_above_the_cpu_count_are_capped(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    result = run("process", str(source), "--out", str(tmp_path / "out"), "--model", "blank", "--jobs", "999")
    assert result.exit_code == 0, result.output
    assert "--jobs 999 capped at" in result.output


def test_version_option():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.startswith("notulist ") and "spaCy" in result.output


def test_version_names_the_default_models_version(tmp_path, monkeypatch):
    model = tmp_path / "nl_eigen"
    model.mkdir()
    (model / "meta.json").write_text('{"lang": "nl", "name": "eigen", "version": "2.1.0"}', encoding="utf-8")
    monkeypatch.setenv("NOTULIST_MODEL", str(model))
    result = run("--version")
    assert result.exit_code == 0
    assert "nl_eigen 2.1.0" in result.output


def test_a_full_disk_while_writing_tables_is_a_message(tmp_path, monkeypatch):
    import errno

    import pipeline.outputs.tables as tables

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "out" / "tables"))

    monkeypatch.setattr(tables, "write_tables", full)
    write(tmp_path / "in" / "een.txt", REPORT)
    write(tmp_path / "in" / "twee.txt", TURNS)
    result = run("process", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model", "blank", "-q")
    assert result.exit_code == 1
    assert "could not be written" in result.output and "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "out" / "een.json").exists()


# ------------------------------------------------------------------------------------- resumable, incremental


def test_unchanged_inputs_are_skipped_unless_forced(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    out = tmp_path / "out"
    assert run("process", str(source), "--out", str(out), "--model", "blank").exit_code == 0
    again = run("process", str(source), "--out", str(out), "--model", "blank")
    assert again.exit_code == 0 and "unchanged since the last run" in again.output
    assert "0 done, 1 unchanged" in again.output
    other_options = run("process", str(source), "--out", str(out), "--model", "blank", "--summary-sentences", "2")
    assert "1 done" in other_options.output
    forced = run("process", str(source), "--out", str(out), "--model", "blank", "--summary-sentences", "2", "--force")
    assert "1 done" in forced.output
    write(source, REPORT + "\nDe vergadering werd om tien uur gesloten.\n")
    changed = run("process", str(source), "--out", str(out), "--model", "blank", "--summary-sentences", "2")
    assert "1 done" in changed.output


def test_an_edited_output_is_written_again(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    out = tmp_path / "out"
    assert run("process", str(source), "--out", str(out), "--model", "blank").exit_code == 0
    original = (out / "verslag.json").read_bytes()
    (out / "verslag.json").write_text("{}", encoding="utf-8")
    assert "1 done" in run("process", str(source), "--out", str(out), "--model", "blank").output
    assert (out / "verslag.json").read_bytes() == original


def test_outputs_are_readable_by_others_as_the_umask_allows(tmp_path):
    source = write(tmp_path / "verslag.txt", REPORT)
    previous = os.umask(0o022)
    try:
        assert run("process", str(source), "--out", str(tmp_path / "out"), "--model", "blank", "-q").exit_code == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out" / "verslag.json").stat().st_mode) == 0o644


CORPUS = {
    f"vergadering-{n}.txt": "\n\n".join(
        f"“Punt {k} van de agenda vraagt om vertrouwen in de buurt”, zegt wethouder Karin Bakker {n}. "
        f"Volgens raadslid Pieter de Wit gaat het om samenwerking met de scholen in wijk {k}."
        for k in range(300)
    )
    for n in range(1, 5)
}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli import app; app()", *args]


def test_a_run_killed_midway_is_completed_by_a_rerun_with_identical_outputs(tmp_path):
    folder = tmp_path / "in"
    for name, text in CORPUS.items():
        write(folder / name, text)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    subprocess.run(_cli("process", str(folder), "--out", str(whole), "--model", "blank", "-q"), check=True, timeout=600)
    process = subprocess.Popen(_cli("process", str(folder), "--out", str(killed), "--model", "blank", "-q"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list(killed.glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished_before = list(killed.glob("*.json"))
    assert 1 <= len(finished_before) < len(CORPUS), "the kill came after the run had finished"
    for path in finished_before:  # what is there under its own name is whole
        json.loads(path.read_text(encoding="utf-8"))
    stamped = len(list((killed / ".notulist").glob("*.stamp.json")))
    rerun = subprocess.run(_cli("process", str(folder), "--out", str(killed), "--model", "blank"), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stderr.count("unchanged since the last run") == stamped
    assert not [p for p in killed.rglob("*") if p.name.endswith(".tmp")]
    for name in CORPUS:
        stem = Path(name).stem
        assert (killed / f"{stem}.json").read_bytes() == (whole / f"{stem}.json").read_bytes()
    for table in (whole / "tables").glob("*.csv"):
        assert (killed / "tables" / table.name).read_bytes() == table.read_bytes()
    for path in killed.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


# -------------------------------------------------------------------------------------------- worker processes


def test_a_worker_that_dies_fails_its_own_file_only(tmp_path):
    from pipeline.ingest import registry

    def die(data, context):
        os.kill(os.getpid(), signal.SIGKILL)

    registry.register(registry.Reader("sterf", "kills the worker that reads it (test only)", die, frozenset({".sterf"})))
    try:
        files = [write(tmp_path / "een.txt", REPORT), write(tmp_path / "dood.sterf", "x"), write(tmp_path / "twee.txt", TURNS)]
        outcomes = list(process_files(None, files, tmp_path / "out", jobs=2, model="blank"))
    finally:
        registry._READERS.pop("sterf", None)
    assert [o.source.name for o in outcomes] == ["een.txt", "dood.sterf", "twee.txt"]
    assert outcomes[0].error is None and outcomes[2].error is None
    assert outcomes[1].error is not None and "worker process analysing it died" in outcomes[1].error
    assert (tmp_path / "out" / "twee.json").exists()


def test_parallel_runs_stream_in_input_order_with_the_same_output(tmp_path):
    files = [write(tmp_path / "in" / f"d{n}.txt", REPORT.replace("Karin", f"Karin{n}")) for n in range(5)]
    serial = list(process_files(None, files, tmp_path / "serial", model="blank"))
    parallel = list(process_files(None, files, tmp_path / "parallel", jobs=2, model="blank"))
    assert [o.source for o in parallel] == files
    for a, b in zip(serial, parallel, strict=True):
        assert a.output is not None and b.output is not None
        assert a.output.read_bytes() == b.output.read_bytes()


def test_odd_file_names_are_processed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt"))).write_text(REPORT, encoding="utf-8")
    write(folder / ("v" * 250 + ".txt"), REPORT)
    result = run("process", str(folder), "--out", str(tmp_path / "out"), "--model", "blank")
    assert result.exit_code == 0, result.output
    assert "2 done" in result.output and "caf\\xe9.txt" in result.output
    outputs = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert len(outputs) == 2
    again = run("process", str(folder), "--out", str(tmp_path / "out"), "--model", "blank")
    assert "2 unchanged" in again.output


def test_the_progress_bar_counts_files_and_words():
    import io

    from pipeline.process import Outcome
    from pipeline.progress import PlainProgress, RichProgress, progress_for

    stream = io.StringIO()
    assert type(progress_for(2, stream=stream)) is PlainProgress  # not a terminal: plain lines
    with RichProgress(2, stream=stream) as bar:
        bar.advance(Outcome(Path("een.txt"), Path("een.json"), words=120))
        bar.note("warning: een.txt: iets")
        bar.advance(Outcome(Path("twee.txt"), Path("twee.json"), words=80))
    assert bar.done == 2 and bar.words == 200
    assert "2/2" in stream.getvalue() and "warning: een.txt: iets" in stream.getvalue()


def test_ctrl_c_stops_with_a_message_and_the_rerun_continues(tmp_path):
    folder = tmp_path / "in"
    for name, text in CORPUS.items():
        write(folder / name, text)
    out = tmp_path / "out"
    process = subprocess.Popen(_cli("process", str(folder), "--out", str(out), "--model", "blank", "-q"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not list(out.glob("*.json")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr
    assert "interrupted after" in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    rerun = subprocess.run(_cli("process", str(folder), "--out", str(out), "--model", "blank"), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0 and f"{len(CORPUS)} unchanged" not in rerun.stderr
    assert len(list(out.glob("*.json"))) == len(CORPUS)


def test_workers_end_when_the_main_process_is_killed(tmp_path):
    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "in"
    for name, text in CORPUS.items():
        write(folder / name, text)
    process = subprocess.Popen(_cli("process", str(folder), "--out", str(tmp_path / "out"), "--model", "blank", "-q", "--jobs", "2"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main = psutil.Process(process.pid)
    deadline = time.monotonic() + 300
    workers = []
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = main.children(recursive=True)
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers did not start"
    process.send_signal(signal.SIGKILL)
    process.wait()

    def running(proc) -> bool:
        try:
            return proc.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 30
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(running(w) for w in workers)


def test_planning_with_a_preread_fails_a_file_the_reader_refuses_before_any_model_loads(tmp_path):
    from pipeline.process import Checked, Outcome, Settings, plan_batch

    good = write(tmp_path / "verslag.txt", REPORT)
    broken = write(tmp_path / "opname.json", '{"segments": [')  # not JSON: found only by reading it
    settings = Settings(model="blank")
    checked_only = plan_batch([good, broken], tmp_path / "out", settings)
    assert all(isinstance(item, Checked) for item in checked_only.items)
    planned = plan_batch([good, broken], tmp_path / "out", settings, preread=True)
    assert isinstance(planned.items[0], Checked)
    failure = planned.items[1]
    assert isinstance(failure, Outcome) and failure.error is not None and "opname.json" in failure.error
