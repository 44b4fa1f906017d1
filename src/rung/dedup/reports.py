"""Near-duplicate articles: wire copies, portal copies and updated versions of one report.

An article's body (never its headline: copies change headlines) is cut into shingles — five characters for
Japanese (spaces and punctuation removed), three words for English — after the lines portals and wire
services wrap around a story are removed (`data/dedup.yaml`). A MinHash signature of the shingles goes into
an LSH index (datasketch); a new article's candidates are the stored articles whose signatures collide with
its own, and a candidate is the same report when the shingles they share cover most of the shorter text
(containment, estimated from the MinHash Jaccard J and the shingle counts a and b: shared = J(a+b)/(1+J)).
The new article joins the report of its best candidate: copies of copies stay one report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

import numpy as np
import yaml

from rung.errors import ModelMissingError
from rung.model import Article, ReportLink


@dataclass(frozen=True, slots=True)
class DedupSettings:
    char_languages: frozenset[str]
    char_n: int
    word_n: int
    num_perm: int
    seed: int
    scheme: str
    lsh_threshold: float
    containment: float
    min_shingles: int
    boilerplate: tuple[re.Pattern, ...]

    @classmethod
    def load(cls, **overrides: object) -> DedupSettings:
        """The shipped settings (`rung/dedup/data/dedup.yaml`), with keyword overrides (e.g. containment=0.7)."""
        data = yaml.safe_load((resources.files("rung.dedup") / "data" / "dedup.yaml").read_text(encoding="utf-8"))
        values = {
            "char_languages": frozenset(data["shingles"]["char_languages"]), "char_n": data["shingles"]["char_n"],
            "word_n": data["shingles"]["word_n"], "num_perm": data["minhash"]["num_perm"],
            "seed": data["minhash"]["seed"], "scheme": data["minhash"]["scheme"],
            "lsh_threshold": data["minhash"]["lsh_threshold"], "containment": data["containment"],
            "min_shingles": data["min_shingles"],
            "boilerplate": tuple(re.compile(p, re.IGNORECASE) for p in data["boilerplate"]),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


_WORD = re.compile(r"\w+", re.UNICODE)


def clean_lines(body: str, settings: DedupSettings) -> list[str]:
    """The body's lines, NFKC-normalised and lower-cased, without the portal and wire-service frame."""
    lines = []
    for line in unicodedata.normalize("NFKC", body).lower().splitlines():
        line = line.strip()
        if line and not any(p.match(line) for p in settings.boilerplate):
            lines.append(line)
    return lines


def shingles(body: str, lang: str | None, settings: DedupSettings) -> set[str]:
    """Character shingles for Japanese (and other languages written without spaces), word shingles otherwise."""
    text = "\n".join(clean_lines(body, settings))
    if lang in settings.char_languages:
        chars = "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")
        n = settings.char_n
        return {chars[i:i + n] for i in range(max(len(chars) - n + 1, 1 if chars else 0))}
    words = _WORD.findall(text)
    n = settings.word_n
    return {" ".join(words[i:i + n]) for i in range(max(len(words) - n + 1, 1 if words else 0))}


def containment(jaccard: float, a: int, b: int) -> float:
    """Share of the smaller set's elements that the other holds, from the Jaccard index and the two sizes."""
    if min(a, b) == 0:
        return 0.0
    shared = jaccard * (a + b) / (1.0 + jaccard)
    return min(1.0, shared / min(a, b))


@dataclass(slots=True)
class _Entry:
    report_id: str
    shingles: int
    signature: object  # datasketch.LeanMinHash


class ReportIndex:
    """The LSH index of the articles seen so far; `check` says which report a new article is a version of."""

    def __init__(self, settings: DedupSettings | None = None) -> None:
        try:
            from datasketch import MinHashLSH
        except ImportError as error:
            raise ModelMissingError(f"near-duplicate detection needs datasketch: pip install datasketch==2.0.0 "
                                    f"({error})") from error
        self.settings = settings or DedupSettings.load()
        self._lsh = MinHashLSH(threshold=self.settings.lsh_threshold, num_perm=self.settings.num_perm)
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._entries

    @cached_property
    def _empty(self):
        from datasketch import MinHash

        return MinHash(num_perm=self.settings.num_perm, seed=self.settings.seed, scheme=self.settings.scheme)

    def signature(self, body: str, lang: str | None) -> tuple[object, int]:
        """The MinHash (LeanMinHash) of a body's shingles, and how many shingles it has."""
        from datasketch import LeanMinHash

        found = shingles(body, lang, self.settings)
        minhash = self._empty.copy()
        minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
        return LeanMinHash(minhash), len(found)

    def check(self, article: Article) -> ReportLink:
        """Which report the article is a version of (itself when none), with its signature; not yet added."""
        signature, count = self.signature(article.body, article.lang)
        best: tuple[float, str] | None = None
        if count >= self.settings.min_shingles:
            for other_id in self._lsh.query(signature):
                other = self._entries[other_id]
                if other.shingles < self.settings.min_shingles or other_id == article.id:
                    continue
                score = containment(float(signature.jaccard(other.signature)), count, other.shingles)
                if score >= self.settings.containment and (best is None or (score, other_id) > best):
                    best = (score, other_id)
        blob = np.asarray(signature.hashvalues).astype("<u4").tobytes()  # type: ignore[attr-defined]
        if best is None:
            return ReportLink(article_id=article.id, report_id=article.id, shingles=count, signature=blob)
        score, other_id = best
        return ReportLink(article_id=article.id, report_id=self._entries[other_id].report_id, duplicate_of=other_id,
                          similarity=round(score, 4), shingles=count, signature=blob)

    def add(self, link: ReportLink) -> None:
        """Index an article (after it was stored) so later articles find it."""
        from datasketch import LeanMinHash

        if link.article_id in self._entries or link.signature is None:
            return
        values = np.frombuffer(link.signature, dtype="<u4")
        signature = LeanMinHash(seed=self.settings.seed, hashvalues=values, scheme=self.settings.scheme)
        self._entries[link.article_id] = _Entry(link.report_id, link.shingles, signature)
        self._lsh.insert(link.article_id, signature, check_duplication=False)

    def add_all(self, links: Iterable[ReportLink]) -> None:
        for link in links:
            self.add(link)

    def check_and_add(self, article: Article) -> ReportLink:
        link = self.check(article)
        self.add(link)
        return link


def group(articles: Sequence[Article], settings: DedupSettings | None = None) -> list[ReportLink]:
    """Each article's report, the articles taken in the order given (what ingesting them one by one gives)."""
    index = ReportIndex(settings)
    return [index.check_and_add(a) for a in articles]
