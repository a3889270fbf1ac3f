"""Score notulist's output against hand-annotated gold files (see shared corpus GUIDELINES.md)."""
