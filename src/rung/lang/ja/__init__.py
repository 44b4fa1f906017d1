"""Japanese: GiNZA (spaCy + SudachiPy) for tokens and dependencies."""
