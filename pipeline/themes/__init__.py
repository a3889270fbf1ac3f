"""Themes: seeded theme definitions matched on lemmas, scores with evidence, and discovery across a corpus."""
