"""Per-session and document summaries: extractive by default, abstractive with a seq2seq model on request."""
