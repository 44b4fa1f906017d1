"""A deterministic benchmark corpus: documents recombined from the seed's paragraphs.

Every document is seed-sized (~2,300 characters) and distinct (so content hashing stores each once),
built by rotating and sampling the seed's paragraphs with a fixed seed.
"""

from __future__ import annotations

import random
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "src" / "rung" / "examples" / "escalation-2024-11-25.ja.txt"


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n")[2:-1] if p.strip()]


def make_documents(n: int, target_chars: int = 2300, seed: int = 7) -> list[str]:
    paragraphs = seed_paragraphs()
    rng = random.Random(seed)
    docs: list[str] = []
    for i in range(n):
        chosen: list[str] = []
        while sum(map(len, chosen)) < target_chars:
            chosen.append(rng.choice(paragraphs))
        docs.append(f"第{i + 1}報\n\n" + "\n\n".join(chosen))
    return docs
