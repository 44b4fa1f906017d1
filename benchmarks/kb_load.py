"""Loading the knowledge base: time and memory, against the targets (under 1 s and 100 MB).

Run from the repository root:  python -m benchmarks.kb_load [--repeat 5]

Each load runs in a fresh process (so the import and the peak RSS are its own); the parent prints the
best time, the peak memory the load added, and how many actors, aliases and places it holds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time


def load_once() -> dict:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    from rung.actors import load_knowledge_base

    kb = load_knowledge_base()
    seconds = time.perf_counter() - start
    peak_added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    places = sum(1 for a in kb if a.type.value == "place")
    aliases = sum(len(v) for v in kb.aliases.values())
    return {"seconds": seconds, "added_mb": peak_added, "actors": len(kb), "places": places, "aliases": aliases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(json.dumps(load_once()))
        return
    runs = [json.loads(subprocess.run([sys.executable, "-m", "benchmarks.kb_load", "--once"], check=True,
                                      capture_output=True, text=True).stdout.strip().splitlines()[-1])
            for _ in range(args.repeat)]
    best = min(r["seconds"] for r in runs)
    memory = max(r["added_mb"] for r in runs)
    last = runs[-1]
    print(f"{last['actors']} actors ({last['places']} places), {last['aliases']} aliases")
    print(f"load: best {best:.3f} s of {args.repeat} (target < 1 s), peak memory added {memory:.0f} MB (target < 100 MB)")


if __name__ == "__main__":
    main()
