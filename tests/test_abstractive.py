"""Abstractive summaries through transformers, with a tiny random seq2seq model the test builds itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from pipeline.cli import app  # noqa: E402
from pipeline.summaries.abstractive import AbstractiveSummariser, SummaryModelError  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "clustervorming-is-mensenwerk.txt"
SENTENCES = [
    "Het fietspad langs de rivier wordt volgend jaar verbreed.",
    "De gemeente legt ook nieuwe verlichting aan.",
    "Fietsers reageren positief op de plannen van de gemeente.",
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """A random T5 with a word-level tokenizer trained on a few Dutch sentences, saved as safetensors."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    path = tmp_path_factory.mktemp("tiny-t5")
    words = Tokenizer(models.WordLevel(unk_token="<unk>"))
    words.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.WordLevelTrainer(special_tokens=["<pad>", "</s>", "<unk>"])
    words.train_from_iterator(SENTENCES + SAMPLE.read_text(encoding="utf-8").split("\n"), trainer)
    tokenizer = transformers.PreTrainedTokenizerFast(tokenizer_object=words, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")
    tokenizer.model_max_length = 64
    tokenizer.save_pretrained(path)
    config = transformers.T5Config(
        vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_decoder_layers=1, num_heads=2,
        pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
    )
    import torch

    torch.manual_seed(0)
    transformers.T5ForConditionalGeneration(config).save_pretrained(path, safe_serialization=True)
    return path


def test_summary_is_deterministic(tiny_model):
    summariser = AbstractiveSummariser(str(tiny_model), max_new_tokens=8)
    first = summariser.summarise(SENTENCES)
    assert first == summariser.summarise(SENTENCES)
    assert isinstance(first, str) and first


def test_long_input_is_chunked_at_sentence_boundaries(tiny_model):
    summariser = AbstractiveSummariser(str(tiny_model), max_input_tokens=16, max_new_tokens=4)
    chunks = summariser.chunks(SENTENCES * 3)
    assert len(chunks) > 1
    assert " ".join(chunks) == " ".join(SENTENCES * 3)
    assert summariser.summarise(SENTENCES * 3)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(SummaryModelError, match="cannot load summary model .* offline"):
        AbstractiveSummariser(str(tmp_path / "geen-model"))


def test_cli_with_transformers_summarizer(tiny_model, tmp_path):
    result = CliRunner().invoke(app, [
        "process", str(SAMPLE), "--out", str(tmp_path), "--model", "blank", "-q",
        "--summarizer", "transformers", "--summary-model", str(tiny_model),
    ])
    assert result.exit_code == 0, result.output
    output = json.loads((tmp_path / "clustervorming-is-mensenwerk.json").read_text(encoding="utf-8"))
    summary = output["sessions"][0]["summary"]
    assert summary["method"] == f"transformers:{tiny_model}"
    assert summary["sentences"]  # the extractive support stays


def test_cli_refuses_transformers_without_a_model(tmp_path):
    result = CliRunner().invoke(app, ["process", str(SAMPLE), "--out", str(tmp_path), "--model", "blank", "--summarizer", "transformers"])
    assert result.exit_code == 2
    assert "needs --summary-model" in result.output
