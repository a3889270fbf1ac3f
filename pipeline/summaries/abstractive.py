"""Optional abstractive summaries with a local seq2seq model (Dutch T5/mT5 checkpoints, BART-style models).

Nothing is downloaded: the model must be a local folder or already in the Hugging Face cache, and is loaded
with `local_files_only=True`, `trust_remote_code=False`, and safetensors weights when the folder has them.
Generation is deterministic (beam search, no sampling). Sessions longer than the model's input are cut into
chunks at sentence boundaries; the chunk summaries are joined, and summarised once more if still too long.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: Upper bound on the input length when the tokenizer does not give a sensible one.
DEFAULT_MAX_INPUT = 512


class SummaryModelError(RuntimeError):
    """The summary model is missing or cannot be loaded offline; the message says what to do."""


class AbstractiveSummariser:
    """Summarise Dutch text with a seq2seq model from a local path or the offline cache."""

    def __init__(self, model: str, *, max_input_tokens: int | None = None, max_new_tokens: int = 96, num_beams: int = 4) -> None:
        try:
            import torch
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError as err:
            raise SummaryModelError(
                "abstractive summaries need torch and transformers: pip install torch==2.13.0 && pip install -e '.[transformers]'"
            ) from err
        self._torch = torch
        local = Path(model)
        safetensors = local.is_dir() and any(local.glob("*.safetensors"))
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model, local_files_only=True, trust_remote_code=False)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(
                model, local_files_only=True, trust_remote_code=False, use_safetensors=True if safetensors else None
            )
        except (OSError, ValueError) as err:
            raise SummaryModelError(
                f"cannot load summary model {model!r} offline: give the path of a local seq2seq model folder "
                f"(config.json, tokenizer files, *.safetensors) or a model already in the Hugging Face cache ({err})"
            ) from err
        self.model.eval()
        self.name = model
        limit = getattr(self.tokenizer, "model_max_length", None) or DEFAULT_MAX_INPUT
        self.max_input_tokens = max_input_tokens or min(int(limit), DEFAULT_MAX_INPUT)
        self.max_new_tokens = max_new_tokens
        self.num_beams = num_beams

    def _generate(self, text: str) -> str:
        inputs = self.tokenizer(text, return_tensors="pt", truncation=True, max_length=self.max_input_tokens)
        with self._torch.no_grad():
            output = self.model.generate(
                **inputs, max_new_tokens=self.max_new_tokens, num_beams=self.num_beams, do_sample=False, early_stopping=True
            )
        return str(self.tokenizer.decode(output[0], skip_special_tokens=True)).strip()

    def _length(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True)["input_ids"])

    def chunks(self, sentences: Sequence[str]) -> list[str]:
        """Consecutive sentences grouped so that each group fits the model's input."""
        groups: list[str] = []
        current: list[str] = []
        for sentence in sentences:
            candidate = " ".join(current + [sentence])
            if current and self._length(candidate) > self.max_input_tokens:
                groups.append(" ".join(current))
                current = [sentence]
            else:
                current.append(sentence)
        if current:
            groups.append(" ".join(current))
        return groups

    def summarise(self, sentences: Sequence[str]) -> str:
        """One summary of the sentences, chunked when they do not fit the model's input."""
        if not sentences:
            return ""
        self._torch.manual_seed(0)
        parts = [self._generate(chunk) for chunk in self.chunks(sentences)]
        joined = " ".join(p for p in parts if p)
        if len(parts) > 1 and self._length(joined) > self.max_input_tokens:
            joined = self._generate(joined)
        return joined


def apply_abstractive(analysis, doc, summariser: AbstractiveSummariser) -> None:
    """Replace the summary texts of the sessions and the document by the model's; the extractive sentences
    stay as `sentences`, the evidence the text can be checked against."""
    from pipeline.components import theme_sentences
    from pipeline.sentences import doc_text
    from pipeline.themes.scoring import bounds

    sentences = theme_sentences(doc) or []

    def text_of(start: int, end: int) -> list[str]:
        return [doc_text(doc)[slice(*bounds(s))] for s in sentences if start <= s.start_char < end]

    method = f"transformers:{summariser.name}"
    for session in analysis.sessions:
        if session.summary is not None:
            session.summary.text = summariser.summarise(text_of(session.start, session.end))
            session.summary.method = method
    if analysis.summary is not None and (len(analysis.sessions) != 1 or analysis.summary is not analysis.sessions[0].summary):
        analysis.summary.text = summariser.summarise(text_of(0, len(doc_text(doc))))
        analysis.summary.method = method
