"""Time per character of one long sentence, from 100 to 10,000 characters, Japanese and English.

Run from the repository root:  python -m benchmarks.long_sentences [--sizes 100,1000,3000,10000]

A sentence with no sentence end (a run of clauses joined by 、 or "and") used to take quadratic time
(GiNZA's bunsetu recogniser and the per-sentence rules); rung now analyses a run longer than
`rung.nlp.sentences.MAX_SENTENCE_CHARS` in pieces cut at clause boundaries, so the time per character
stays flat. Prints seconds and microseconds per character for each size.
"""

from __future__ import annotations

import argparse
import time

from rung.ingest import make_article
from rung.pipeline import Analyzer
from rung.settings import Settings

UNITS = {"ja": "ロシアは英国に対して警告し、", "en": "Russia warned Britain and "}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,3000,10000")
    args = parser.parse_args()
    analyzer = Analyzer(Settings.load())
    for lang, unit in UNITS.items():
        analyzer.analyze(make_article(unit * 3 + ("。" if lang == "ja" else "."), lang=lang))  # load the model
        for n in (int(x) for x in args.sizes.split(",")):
            text = (unit * (n // len(unit) + 1))[:n] + ("。" if lang == "ja" else ".")
            start = time.perf_counter()
            record = analyzer.analyze(make_article(text, lang=lang))
            seconds = time.perf_counter() - start
            print(f"{lang} {n:>6} chars  {seconds:7.2f} s  {seconds / n * 1e6:8.1f} µs/char  "
                  f"{len(record.events)} events", flush=True)


if __name__ == "__main__":
    main()
