"""Throughput and peak memory: rung end to end (`Analyzer.analyze_many`) vs GiNZA's bare `nlp.pipe` vs SudachiPy alone.

GiNZA runs twice: as `spacy.load` gives it (thinc's BLIS matrix kernel, the target's reference) and on the
matrix backend rung runs it on (`rung.nlp.models.load_pipeline`: numpy's BLAS, one thread), so the share of
rung's gain that is the backend's and the share that is rung's own (fewer components, fewer sentences) can
both be read.

Run from the repository root:  python -m benchmarks.throughput [--docs 200]

Each contender runs in its own process (so peak RSS is its own) on the same documents; the parent
prints documents/s, peak memory and the ratios side by side.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

CONTENDERS = ("sudachi", "ginza", "ginza-numpy", "rung")


def run_one(name: str, n_docs: int) -> dict:
    from benchmarks.corpus import make_documents

    docs = make_documents(n_docs)
    chars = sum(map(len, docs))
    if name == "sudachi":
        from sudachipy import Dictionary, SplitMode

        tokenizer = Dictionary(dict="core").create()
        start = time.perf_counter()
        for doc in docs:
            tokenizer.tokenize(doc, SplitMode.C)
    elif name.startswith("ginza"):
        import spacy

        from rung.nlp.models import load_pipeline

        from threadpoolctl import threadpool_limits

        nlp = load_pipeline("ja_ginza") if name == "ginza-numpy" else spacy.load("ja_ginza")
        threads = 1 if name == "ginza-numpy" else None  # as rung runs it (rung.nlp.batching); None: as it is
        start = time.perf_counter()
        with threadpool_limits(limits=threads, user_api="blas"):
            for _ in nlp.pipe(docs, batch_size=20):
                pass
    else:
        from rung.ingest import make_article
        from rung.pipeline import Analyzer
        from rung.settings import Settings

        analyzer = Analyzer(Settings.load())
        analyzer.analyze(make_article("ロシアは警告した。"))  # load models before the clock starts, as above
        articles = [make_article(doc, source="bench") for doc in docs]
        start = time.perf_counter()
        for _record in analyzer.analyze_many(articles):  # as `rung ingest` runs it: parses batched across articles
            pass
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"name": name, "docs": n_docs, "chars": chars, "seconds": seconds, "docs_per_s": n_docs / seconds,
            "peak_mb": peak_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--only", choices=CONTENDERS)
    args = parser.parse_args()
    if args.only:
        print(json.dumps(run_one(args.only, args.docs)))
        return
    results = {}
    for name in CONTENDERS:
        out = subprocess.run([sys.executable, "-m", "benchmarks.throughput", "--only", name, "--docs", str(args.docs)],
                             check=True, capture_output=True, text=True).stdout
        results[name] = json.loads(out.strip().splitlines()[-1])
    chars = results["rung"]["chars"]
    print(f"{args.docs} documents, {chars / args.docs:.0f} characters each on average")
    print(f"{'':12}{'docs/s':>10}{'seconds':>10}{'peak MB':>10}{'time vs ginza':>15}")
    for name in CONTENDERS:
        r = results[name]
        print(f"{name:12}{r['docs_per_s']:10.2f}{r['seconds']:10.2f}{r['peak_mb']:10.0f}"
              f"{r['seconds'] / results['ginza']['seconds']:15.3f}")
    print(f"rung time / bare GiNZA time: {results['rung']['seconds'] / results['ginza']['seconds']:.3f} (target <= 0.5)")
    print(f"rung time / GiNZA on rung's matrix backend: "
          f"{results['rung']['seconds'] / results['ginza-numpy']['seconds']:.3f} (rung's own saving: fewer components and sentences)")
    print(f"Sudachi alone is {results['ginza']['seconds'] / results['sudachi']['seconds']:.0f}x faster than GiNZA, "
          f"{results['rung']['seconds'] / results['sudachi']['seconds']:.1f}x faster than rung")
    print(f"rung peak memory: {results['rung']['peak_mb']:.0f} MB (target < 1024)")


if __name__ == "__main__":
    main()
