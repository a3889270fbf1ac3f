"""Direct and indirect quotes: finding them, and the cues that tie them to a speaker."""
