"""Byte-for-byte guard for speed work: rung's records (with --explain's clauses) on every dev and train
passage and the bundled example, written to a file and compared with an earlier run.

    python scripts/compare_outputs.py --out /tmp/before.jsonl                      # before a change
    python scripts/compare_outputs.py --out /tmp/after.jsonl --against /tmp/before.jsonl
    python scripts/compare_outputs.py --many --out /tmp/many.jsonl --against /tmp/before.jsonl

Passages are read from the nearest shared/data beside the repository (../shared/data; RUNG_SHARED_DATA
overrides), never copied into the repository; each
becomes an article as the reference scorer makes one (text, title, date, url, publisher). `--many` analyses
them with `Analyzer.analyze_many` (one batched parse) instead of one `analyze` call each. Exit status 1 when
any record differs; the ids of the differing records and the first differing line are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
from pathlib import Path

from rung.ingest import make_article
from rung.model import Article
from rung.pipeline import Analyzer
from rung.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("RUNG_SHARED_DATA") or next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data"))
EXAMPLE = ROOT / "src" / "rung" / "examples" / "escalation-2024-11-25.ja.txt"


def passages(data: Path = DATA) -> list[tuple[str, Article]]:
    """(case id, article) for every dev and train passage, Japanese and English, then the bundled example."""
    from rung.ingest import read_file

    found: list[tuple[str, Article]] = []
    for split in ("dev", "train"):
        for lang in ("ja", "en"):
            path = data / split / f"{lang}.jsonl"
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                case = json.loads(line)
                date = str(case.get("date") or case.get("date_inferred") or "")
                found.append((f"{split}/{case['id']}", make_article(
                    case["text"], title=case.get("title"), lang=lang,
                    date=dt.date.fromisoformat(date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
                    url=case.get("url"), outlet=case.get("publisher") or case.get("outlet"),
                    source=f"{split}/{case['id']}")))
    found.extend(("example", a) for a in read_file(EXAMPLE))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the records (JSON Lines)")
    parser.add_argument("--against", type=Path, help="an earlier --out to compare with")
    parser.add_argument("--many", action="store_true", help="analyse with Analyzer.analyze_many")
    args = parser.parse_args()
    cases = passages()
    analyzer = Analyzer(Settings.load(), explain=True)
    articles = [a for _cid, a in cases]
    records = analyzer.analyze_many(articles) if args.many else [analyzer.analyze(a) for a in articles]
    lines = [json.dumps({"case": cid, "record": json.loads(r.model_dump_json())}, ensure_ascii=False, sort_keys=True)
             for (cid, _a), r in zip(cases, records, strict=True)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} records written to {args.out}")
    if not args.against:
        return 0
    before = args.against.read_text(encoding="utf-8").splitlines()
    if len(before) != len(lines):
        print(f"{len(before)} records before, {len(lines)} now")
        return 1
    differing = 0
    for old, new in zip(before, lines, strict=True):
        if old == new:
            continue
        differing += 1
        case = json.loads(new)["case"]
        old_lines = json.dumps(json.loads(old), ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        new_lines = json.dumps(json.loads(new), ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        diff = [d for d in difflib.unified_diff(old_lines, new_lines, lineterm="", n=0) if d[:1] in "+-"][2:6]
        print(f"{case}: differs\n  " + "\n  ".join(diff))
    print(f"{differing} of {len(lines)} records differ" if differing else f"all {len(lines)} records identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
