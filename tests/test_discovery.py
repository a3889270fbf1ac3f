"""Theme discovery across a corpus: the estimator contract, reproducibility, coherence, suggestions."""

from __future__ import annotations

import pandas as pd
import pytest
from sklearn.base import clone
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.themes.discovery import Corpus, ThemeDiscoverer, npmi_coherence, suggest_terms

TEXTS = [
    "fiets fietspad verkeer fietser fiets",
    "fietspad verkeer fietser auto",
    "fiets verkeer fietspad",
    "school leerling docent onderwijs",
    "leerling docent school les",
    "onderwijs les leerling school docent",
] * 2


def test_init_only_stores_parameters():
    discoverer = ThemeDiscoverer(3, method="lda", random_state=7)
    assert discoverer.get_params()["n_topics"] == 3
    assert not hasattr(discoverer, "model_")
    assert clone(discoverer).get_params() == discoverer.get_params()


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_fit_returns_self_and_separates_topics(method):
    discoverer = ThemeDiscoverer(2, method=method, min_df=1, max_df=1.0, n_top_terms=3, random_state=0)
    assert discoverer.fit(TEXTS) is discoverer
    tops = [{t for t, _ in terms} for terms in discoverer.top_terms()]
    assert any(top <= {"fiets", "fietspad", "verkeer", "fietser", "auto"} for top in tops)
    assert any(top <= {"school", "leerling", "docent", "onderwijs", "les"} for top in tops)


def test_same_seed_same_topics():
    first = ThemeDiscoverer(2, min_df=1, max_df=1.0, random_state=3).fit(TEXTS).top_terms()
    second = ThemeDiscoverer(2, min_df=1, max_df=1.0, random_state=3).fit(TEXTS).top_terms()
    assert first == second


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method"):
        ThemeDiscoverer(2, method="kmeans").fit(TEXTS)


def test_npmi_rewards_terms_that_occur_together():
    together, apart = npmi_coherence([["fiets", "fietspad"], ["fiets", "leerling"]], TEXTS)
    assert together > 0 > apart
    assert apart == -1.0


def test_suggestions_come_from_paragraphs_with_the_seeds():
    corpus = Corpus(["a"], [0] * len(TEXTS), TEXTS, TEXTS)
    seeded = {"mobility": {i for i, t in enumerate(TEXTS) if "fiets" in t.split()}}
    table = suggest_terms(corpus, seeded, {"mobility": {"fiets"}}, top=3)
    assert set(table["term"]) <= {"fietspad", "verkeer", "fietser", "auto"}
    assert "fiets" not in set(table["term"])


def test_discover_command_writes_tables(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "een.txt").write_text("Titel\n\n" + "\n\n".join(t.capitalize() + "." for t in TEXTS[:6]) + "\n", encoding="utf-8")
    (src / "twee.txt").write_text("Titel\n\n" + "\n\n".join(t.capitalize() + "." for t in TEXTS[6:]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["themes", "discover", str(src), "--out", str(out), "--topics", "2", "--model", "blank"])
    assert result.exit_code == 0, result.output
    weights = pd.read_csv(out / "document_topics.csv")
    assert list(weights.columns) == ["document", "topic_1", "topic_2"]
    assert weights[["topic_1", "topic_2"]].sum(axis=1).round(2).tolist() == [1.0, 1.0]
    assert "mean NPMI" in result.output
