"""Stage 7 and the year round: the rewards registry, the case bank, the methodical library."""
