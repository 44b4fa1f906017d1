"""The labelled set of near-duplicate articles, made from real reporting with a fixed seed.

    python -m benchmarks.dedup_pairs --split dev --out /tmp/dedup-dev   # writes articles.jsonl and pairs.jsonl

The passages are read from ../shared/data/{dev,train}/{ja,en}.jsonl at run time (never copied into the repo).
Each passage is an original report; from it come the versions a crisis desk sees:

- `wire`:   a wire copy under another headline, with the service's dateline in front and the last paragraph
            (or, in a passage of one or two paragraphs, the last sentence) cut when three or more remain;
- `portal`: a portal's copy (Yahoo!ニュース, MSN, ...): the same text in the portal's frame, another headline;
- `update`: an updated version: a figure changed, a paragraph of later reporting added (the last sentence of
            another passage of the same language), a new headline;
- `portal_update`: the portal's copy of the update (a copy of a copy).

Negatives are everything else: every pair of articles made from different passages. The pairs file lists the
positives (each version with its original and with the other versions) and, as labelled hard negatives, each
passage's three most similar other passages of its language (same crisis, same outlet style), their
portal copies in one portal's frame, and the wire copies under one service's dateline.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = 20261204

WIRE = {
    "ja": ["【ワシントン共同】", "【ソウル時事】", "【モスクワ共同】", "【北京時事】", "【ニューヨーク共同】"],
    "en": ["WASHINGTON (Reuters) - ", "SEOUL (AP) — ", "MOSCOW, (AFP) - ", "KYIV (Reuters) - ", "LONDON (AP) — "],
}
PORTALS = {
    "ja": [
        (["Yahoo!ニュース", "{date} 配信"], ["記事を読む", "コメント(128)", "この記事についてのご意見をお寄せください", "© 共同通信社"]),
        (["MSN ニュース", "提供: 時事通信"], ["関連記事", "無断転載を禁じます。", "この記事をシェアする"]),
        (["livedoorニュース"], ["元記事を読む", "最終更新:{date}", "おすすめの記事"]),
    ],
    "en": [
        (["Yahoo News", "Published {date}"], ["Read more", "Advertisement", "Copyright 2024 The Associated Press."]),
        (["MSN", "Story by Reuters"], ["Related", "Sign up for our daily briefing", "Send us your feedback"]),
        (["SmartNews"], ["Share this", "More from Reuters", "All rights reserved."]),
    ],
}
UPDATE_TITLE = {"ja": "(更新){title}", "en": "UPDATE 1-{title}"}
WIRE_TITLE = {"ja": "{title}=関係者", "en": "{title}, officials say"}
PORTAL_TITLE = {"ja": "【速報】{title}", "en": "{title} | Latest news"}


@dataclass(slots=True)
class Copy:
    id: str
    lang: str
    title: str
    text: str
    origin: str  # the passage it was made from
    kind: str  # original, wire, portal, update, portal_update


def shared_data() -> Path:
    """../shared/data beside the repository (a worktree looks one level further up)."""
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "data" / "dev").is_dir():
            return base / "shared" / "data"
    raise FileNotFoundError(f"no shared/data beside {REPO} (the passages are read from ../shared at run time)")


def passages(split: str, langs: tuple[str, ...] = ("ja", "en")) -> list[dict]:
    out = []
    for lang in langs:
        with (shared_data() / split / f"{lang}.jsonl").open(encoding="utf-8") as handle:
            out.extend(json.loads(line) for line in handle if line.strip())
    return out


def _sentences(text: str, lang: str) -> list[str]:
    pattern = r"(?<=。)" if lang == "ja" else r"(?<=[.!?])\s+"
    return [s for s in re.split(pattern, text) if s.strip()]


def _units(text: str, lang: str) -> list[str]:
    """Paragraphs, or sentences when the passage has fewer than three paragraphs."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return paragraphs if len(paragraphs) >= 3 else _sentences(text, lang)


def _cut(text: str, lang: str) -> str:
    """The wire's cut: the last paragraph (or sentence) goes, if three or more remain to choose from."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) >= 3:
        return "\n".join(paragraphs[:-1])
    sentences = _sentences(text, lang)
    if len(sentences) >= 3:
        return ("" if lang == "ja" else " ").join(sentences[:-1])
    return text


def _headline(p: dict) -> str:
    first = re.split(r"[。.\n]", p["text"])[0]
    return (p.get("title") or first)[:40]


def _change_figure(text: str, rng: random.Random) -> str:
    numbers = list(re.finditer(r"\d+", text))
    if not numbers:
        return text + ("(数字は速報値)" if re.search(r"[ぁ-ん]", text) else " (Figures are preliminary.)")
    m = rng.choice(numbers)
    value = int(m.group()) + rng.randint(1, 9)
    return text[:m.start()] + str(value) + text[m.end():]


def _frame(text: str, portal: tuple[list[str], list[str]], date: str) -> str:
    head, foot = portal
    return "\n".join([*(h.format(date=date) for h in head), text, *(f.format(date=date) for f in foot)])


def versions(p: dict, others: list[dict], rng: random.Random) -> list[Copy]:
    lang, text, title, date = p["lang"], p["text"], _headline(p), str(p.get("date") or "2024-11-20")
    units = _units(text, lang)
    joiner = "\n" if "\n" in text else ("" if lang == "ja" else " ")
    wire = rng.choice(WIRE[lang]) + _cut(text, lang)
    portal = _frame(text, rng.choice(PORTALS[lang]), date)
    later = rng.choice(others)
    added = _sentences(later["text"], lang)[-1:]  # a paragraph of later reporting (another passage's last sentence)
    updated_units = [_change_figure(units[0], rng), *units[1:], *added]
    update = joiner.join(updated_units)
    portal_update = _frame(update, rng.choice(PORTALS[lang]), date)
    made = [("original", p.get("title") or title, text), ("wire", WIRE_TITLE[lang].format(title=title), wire),
            ("portal", PORTAL_TITLE[lang].format(title=title), portal),
            ("update", UPDATE_TITLE[lang].format(title=title), update),
            ("portal_update", PORTAL_TITLE[lang].format(title=UPDATE_TITLE[lang].format(title=title)), portal_update)]
    return [Copy(id=f"{p['id']}:{kind}", lang=lang, title=t, text=body, origin=p["id"], kind=kind)
            for kind, t, body in made]


def _jaccard(a: str, b: str) -> float:
    sa, sb = {a[i:i + 4] for i in range(len(a) - 3)}, {b[i:i + 4] for i in range(len(b) - 3)}
    return len(sa & sb) / max(1, len(sa | sb))


def build(split: str = "dev", seed: int = SEED, limit: int | None = None) -> tuple[list[Copy], list[dict]]:
    """(articles in a shuffled arrival order, labelled pairs). `limit` keeps that many passages per language."""
    rng = random.Random(seed)
    by_lang: dict[str, list[dict]] = {}
    for p in passages(split):
        by_lang.setdefault(p["lang"], []).append(p)
    articles: list[Copy] = []
    pairs: list[dict] = []
    for lang, items in sorted(by_lang.items()):
        chosen = items[:limit] if limit else items
        for p in chosen:
            made = versions(p, [o for o in items if o["id"] != p["id"]], rng)
            articles.extend(made)
            pairs.extend({"a": x.id, "b": y.id, "label": 1, "kind": f"{x.kind}~{y.kind}"}
                         for n, x in enumerate(made) for y in made[n + 1:])
        for p in chosen:  # hard negatives: the most similar other passages, and copies in the same frame
            near = sorted((o for o in chosen if o["id"] != p["id"]), key=lambda o: -_jaccard(p["text"], o["text"]))[:3]
            for o in near:
                a, b = sorted((p["id"], o["id"]))
                pairs.append({"a": f"{a}:original", "b": f"{b}:original", "label": 0, "kind": "same_topic"})
                pairs.append({"a": f"{a}:portal", "b": f"{b}:portal", "label": 0, "kind": "same_frame"})
                pairs.append({"a": f"{a}:wire", "b": f"{b}:wire", "label": 0, "kind": "same_wire"})
    unique = {(r["a"], r["b"]): r for r in pairs}
    rng.shuffle(articles)
    return articles, list(unique.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True, help="directory for articles.jsonl and pairs.jsonl")
    args = parser.parse_args()
    articles, pairs = build(args.split, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "articles.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(asdict(a), ensure_ascii=False) + "\n" for a in articles)
    with (args.out / "pairs.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs)
    print(f"{len(articles)} articles, {sum(p['label'] for p in pairs)} positive and "
          f"{sum(1 - p['label'] for p in pairs)} labelled negative pairs in {args.out}")


if __name__ == "__main__":
    main()
