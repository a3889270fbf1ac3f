"""notulist: Dutch meeting reports and transcripts in, speakers, quotes, themes and summaries out."""

__version__ = "0.1.0"
