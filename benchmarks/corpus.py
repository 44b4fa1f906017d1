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


# -- the realistic corpus: real reporting, read from ../shared at benchmark time ---------------------------

def shared_data() -> Path:
    """The shared data directory: env RUNG_SHARED_DATA, else the nearest `shared/data` beside the repository
    or one of its parents (../shared/data for a checkout next to it)."""
    import os

    if os.environ.get("RUNG_SHARED_DATA"):
        return Path(os.environ["RUNG_SHARED_DATA"])
    repo = Path(__file__).resolve().parents[1]
    found = next((p / "shared" / "data" for p in repo.parents if (p / "shared" / "data").is_dir()), None)
    return found or repo.parent / "shared" / "data"


# Article length aimed at, per language: a few real passages' worth (a news article, a briefing excerpt).
REALISTIC_CHARS = {"ja": 1500, "en": 3000}


def real_paragraphs(lang: str, data: Path | None = None) -> list[list[str]]:
    """The paragraphs (lines) of every dev and train passage of `lang` (and, for Japanese, of the bundled
    example), one list per passage. Read from the shared data directory (env RUNG_SHARED_DATA overrides);
    nothing is copied into the repository."""
    import json

    root = Path(data) if data else shared_data()
    passages: list[list[str]] = []
    for split in ("dev", "train"):
        path = root / split / f"{lang}.jsonl"
        if not path.exists():
            raise SystemExit(f"{path}: not found; the realistic corpus is read from the shared data "
                             "(set RUNG_SHARED_DATA to its directory)")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                passages.append([p.strip() for p in json.loads(line)["text"].split("\n") if p.strip()])
    if lang == "ja":
        passages.append(seed_paragraphs())
    return passages


def make_realistic(lang: str, n: int, seed: int = 11, data: Path | None = None) -> list[str]:
    """`n` distinct articles of real reporting in `lang`: each opens with one passage (whole, in order), and
    paragraphs drawn from all passages follow (at least one) until the article reaches REALISTIC_CHARS[lang]. The draw is
    seeded, so the corpus is the same on every run; a draw that repeats an earlier article is redrawn, so
    content hashing stores every article."""
    passages = real_paragraphs(lang, data)
    pool = [p for passage in passages for p in passage]
    rng = random.Random(seed)
    target = REALISTIC_CHARS[lang]
    joiner = "\n" if lang == "ja" else "\n\n"
    docs: list[str] = []
    seen: set[str] = set()
    while len(docs) < n:
        chosen = list(passages[len(docs) % len(passages)])
        chosen.append(rng.choice(pool))  # at least one drawn paragraph: a long passage still gets new copies
        while sum(map(len, chosen)) < target:
            chosen.append(rng.choice(pool))
        doc = joiner.join(chosen)
        if doc not in seen:
            seen.add(doc)
            docs.append(doc)
    return docs
