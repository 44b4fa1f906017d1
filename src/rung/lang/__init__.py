"""Language-specific parts: one folder per language with the same file names (pipeline, lexicons, cues)."""
