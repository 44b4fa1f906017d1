"""English: spaCy's small English pipeline, dependency-based events and claims, lexicons as data."""
