"""Recipe that trains notulist's embedded Dutch spaCy pipeline from public treebanks and NER data."""
