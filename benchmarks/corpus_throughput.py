"""Throughput on real reporting: rung end to end vs the bare parser (GiNZA / spaCy en_core_web_sm), side by side.

Run from the repository root:

    python -m benchmarks.corpus_throughput --lang ja [--docs 2000] [--repeat 2]
    python -m benchmarks.corpus_throughput --lang en [--docs 2000] [--repeat 2]

The corpus is built by `benchmarks.corpus.make_realistic` from the dev and train passages in ../shared/data (and,
for Japanese, the bundled example): distinct articles of real reporting, read at run time, never copied into
the repository. Each contender runs in its own process (so the peak RSS is its own) on the same articles, and
the contenders run back to back, `--repeat` rounds, so that the ratios of one round are measured side by side:

  ja   sudachi  SudachiPy alone (mode C), for scale
       ginza    bare GiNZA: `nlp.pipe` with every component of ja_ginza (what a GiNZA user runs)
       rung     `Analyzer.analyze_many` end to end (records with actors, events, claims, the ladder)
  en   spacy    bare spaCy: `nlp.pipe` with every enabled component of the English model rung uses
       rung     as above

The rung process then times its stages on the first `--stages` articles (prepare: sentences, tokens, NER for
English, actor linking; parse; clauses; events, claims and the ladder), to show where its time goes.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

CONTENDERS = {"ja": ("sudachi", "ginza", "rung"), "en": ("spacy", "rung")}
BASELINE = {"ja": "ginza", "en": "spacy"}
TARGET = {"ja": 0.1, "en": 0.3}


def run_one(name: str, lang: str, n_docs: int, n_stages: int) -> dict:
    from benchmarks.corpus import make_realistic

    docs = make_realistic(lang, n_docs)
    chars = sum(map(len, docs))
    stages: dict[str, float] = {}
    if name == "sudachi":
        from sudachipy import Dictionary, SplitMode

        tokenizer = Dictionary(dict="core").create()
        start = time.perf_counter()
        for doc in docs:
            tokenizer.tokenize(doc, SplitMode.C)
    elif name in {"ginza", "spacy"}:
        import spacy

        from rung.settings import Settings

        nlp = spacy.load(Settings.load().model_for(lang))
        nlp("warm up")
        start = time.perf_counter()
        for _ in nlp.pipe(docs, batch_size=20):
            pass
    else:
        from rung.ingest import make_article
        from rung.pipeline import Analyzer
        from rung.settings import Settings

        analyzer = Analyzer(Settings.load())
        warm = {"ja": "ロシアは警告した。", "en": "Russia warned Ukraine."}[lang]
        analyzer.analyze(make_article(warm, lang=lang))  # load models before the clock starts, as above
        articles = [make_article(doc, lang=lang, source="bench") for doc in docs]
        many = getattr(analyzer, "analyze_many", None)  # an older checkout (before/after runs): one at a time
        start = time.perf_counter()
        events = sum(len(r.events) for r in (many(articles) if many else map(analyzer.analyze, articles)))
        seconds = time.perf_counter() - start
        stages = stage_times(analyzer, articles[:n_stages]) if many else {"articles": 0}
        stages["events"] = events
    seconds = time.perf_counter() - start if name != "rung" else seconds
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"name": name, "docs": n_docs, "chars": chars, "seconds": seconds, "docs_per_s": n_docs / seconds,
            "peak_mb": peak_mb, "stages": stages}


def stage_times(analyzer, articles: list) -> dict[str, float]:
    """Seconds per stage over `articles`, one analyze_many window at a time: prepare (sentences, tokens, linking),
    parse, clauses, and the rest of the record (events, claims, the ladder; timed as finish minus clauses)."""
    from rung.pipeline import ANALYZE_WINDOW

    totals = {"prepare": 0.0, "parse": 0.0, "clauses": 0.0, "events, claims, ladder": 0.0}
    for first in range(0, len(articles), ANALYZE_WINDOW):
        t0 = time.perf_counter()
        batch = [analyzer._prepare(a) for a in articles[first:first + ANALYZE_WINDOW]]
        t1 = time.perf_counter()
        parsed = [list(p.support.parse(p.docs())) for p in batch]
        t2 = time.perf_counter()
        for p, docs in zip(batch, parsed, strict=True):
            analyzer._clauses_from(p.article, p.support, p.chosen, docs, p.linked)
        t3 = time.perf_counter()
        for p, docs in zip(batch, parsed, strict=True):
            analyzer._finish(p, docs)
        t4 = time.perf_counter()
        totals["prepare"] += t1 - t0
        totals["parse"] += t2 - t1
        totals["clauses"] += t3 - t2
        totals["events, claims, ladder"] += (t4 - t3) - (t3 - t2)
    totals["articles"] = len(articles)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(CONTENDERS), default="ja")
    parser.add_argument("--docs", type=int, default=2000, help="articles in the corpus (default 2000)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of all contenders back to back (default 2)")
    parser.add_argument("--stages", type=int, default=200, help="articles rung times stage by stage (default 200)")
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(run_one(args.only, args.lang, args.docs, args.stages)))
        return
    from rich.console import Console
    from rich.progress import Progress

    names = CONTENDERS[args.lang]
    rounds: list[dict[str, dict]] = []
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(f"{args.lang}: {args.docs} articles", total=args.repeat * len(names))
        for _ in range(args.repeat):
            results: dict[str, dict] = {}
            for name in names:
                progress.update(task, description=f"{args.lang}: {name} on {args.docs} articles")
                out = subprocess.run([sys.executable, "-m", "benchmarks.corpus_throughput", "--only", name,
                                      "--lang", args.lang, "--docs", str(args.docs), "--stages", str(args.stages)],
                                     check=True, capture_output=True, text=True).stdout
                results[name] = json.loads(out.strip().splitlines()[-1])
                progress.advance(task)
            rounds.append(results)
    report(args.lang, args.docs, rounds)


def report(lang: str, n_docs: int, rounds: list[dict[str, dict]]) -> None:
    base = BASELINE[lang]
    chars = rounds[0]["rung"]["chars"]
    print(f"{lang}: {n_docs} articles of real reporting, {chars / n_docs:.0f} characters each on average")
    print(f"{'round':7}{'':10}{'docs/s':>10}{'seconds':>10}{'peak MB':>10}{f'time vs {base}':>16}")
    for i, results in enumerate(rounds, 1):
        for name, r in results.items():
            print(f"{i:<7}{name:10}{r['docs_per_s']:10.2f}{r['seconds']:10.2f}{r['peak_mb']:10.0f}"
                  f"{r['seconds'] / results[base]['seconds']:16.3f}")
    ratios = [results["rung"]["seconds"] / results[base]["seconds"] for results in rounds]
    print(f"rung time / bare {base} time: " + ", ".join(f"{r:.3f}" for r in ratios)
          + f" (median {statistics.median(ratios):.3f}; target <= {TARGET[lang]})")
    print(f"rung peak memory: {max(r['rung']['peak_mb'] for r in rounds):.0f} MB (target < 1024)")
    stages = rounds[-1]["rung"]["stages"]
    if not stages["articles"]:
        return
    timed = {k: v for k, v in stages.items() if k not in {"articles", "events"}}
    total = sum(timed.values())
    print(f"rung's stages on {stages['articles']:.0f} articles (last round): " + ", ".join(
        f"{k} {v:.2f}s ({v / total:.0%})" for k, v in timed.items()))


if __name__ == "__main__":
    main()
