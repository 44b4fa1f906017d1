"""Japanese pipeline: rule-based sentence splitting, Sudachi tokens for every sentence, GiNZA's
dependency parse only for the sentences that can hold an event.

GiNZA's own NER costs about half of its run time and mislabels much of this domain (NATO as a school,
Storm Shadow as music), so rung does not run it by default: actors come from the knowledge base, and
mentions the knowledge base lacks are proposed from Sudachi's proper-noun tags, which tokenisation
yields for free. `ner="ginza"` turns GiNZA's NER back on for the parsed sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rung.errors import ModelMissingError
from rung.model import Sentence
from rung.nlp.batching import run_in_batches
from rung.nlp.chunks import make_doc
from rung.nlp.models import load_pipeline
from rung.nlp.sentences import append_sentence

DEFAULT_MODEL = "ja_ginza"
BATCH_SIZE = 64
BUNSETU_SUFFIX = "_bunsetu"  # GiNZA's parser marks a bunsetu's head with this suffix on its label

# A sentence ends at 。！？ (and their half-width forms) or a blank line, keeping a closing bracket with
# the sentence it closes.
_SENTENCE_END = re.compile(r"[。！？!?]+[」』）)]*|\n\s*\n|\n")

# Sudachi's part-of-speech for proper nouns and the actor-ish label each one proposes.
_PROPER_NOUN_LABELS = {"人名": "person", "地名": "place", "組織名": "organization", "一般": "proper_noun"}


class JapaneseSupport:
    code = "ja"

    def __init__(self, model: str = DEFAULT_MODEL, ner: str = "sudachi") -> None:
        try:
            import spacy  # noqa: F401 - only to name the missing package in the error
        except ImportError as error:  # pragma: no cover - spaCy is a core dependency
            raise ModelMissingError("spaCy is not installed: pip install 'spacy>=3.8,<3.9' ja-ginza") from error
        try:
            self.nlp = load_pipeline(model)
        except OSError as error:
            raise ModelMissingError(f"Japanese model {model!r} is not installed: pip install ja-ginza") from error
        if ner not in {"sudachi", "ginza"}:
            raise ModelMissingError(f"unknown NER setting {ner!r} for Japanese: use 'sudachi' or 'ginza'")
        self.ner = ner
        # GiNZA's bunsetu recogniser is not run: of what it does, rung needs only the plain dependency labels
        # ('obj' for the parser's 'obj_bunsetu'), which `_plain_labels` sets (a fifth of the cost, same labels)
        wanted = {"tok2vec", "parser"}
        self._disabled = [name for name in self.nlp.pipe_names if name not in wanted]
        self._plain: dict[int, int] = {}  # dependency label id -> the id without the bunsetu suffix

    def split_sentences(self, text: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        start = 0
        for match in _SENTENCE_END.finditer(text):
            append_sentence(sentences, text, start, match.end())
            start = match.end()
        append_sentence(sentences, text, start, len(text))
        return sentences


    def tokenize(self, texts: Iterable[str]) -> Iterator[Any]:
        if self.ner == "ginza":
            # GiNZA's NER proposes the unknown mentions: it needs its own tok2vec on every sentence
            yield from self.nlp.pipe((make_doc(self.nlp, t) for t in texts), batch_size=BATCH_SIZE,
                                     disable=[n for n in self.nlp.pipe_names if n not in {"tok2vec", "ner"}])
            return
        for text in texts:
            yield make_doc(self.nlp, text)  # long input in pieces (Sudachi's 49,149-byte limit)

    def parse(self, docs: Iterable[Any]) -> Iterator[Any]:
        pipes = [(name, proc) for name, proc in self.nlp.pipeline if name not in self._disabled]
        for doc in run_in_batches(pipes, docs, BATCH_SIZE):
            yield self._plain_labels(doc)

    def _plain_labels(self, doc: Any) -> Any:
        """The parser's bunsetu-head labels ('nsubj_bunsetu') as plain labels ('nsubj'), as GiNZA's bunsetu
        recogniser leaves them (its bunsetu spans, which rung does not read, are not made)."""
        plain, strings = self._plain, doc.vocab.strings
        for token in doc:
            label = token.dep
            new = plain.get(label)
            if new is None:
                name = strings[label]
                new = plain[label] = strings.add(name[:-len(BUNSETU_SUFFIX)]) if name.endswith(BUNSETU_SUFFIX) \
                    else label
            if new != label:
                token.dep = new
        return doc

    def clause_adapter(self, kb: Any) -> Any:
        from rung.lang.ja.clauses import JapaneseClauses

        return JapaneseClauses(kb)

    def predicate_tables(self) -> tuple[dict, dict]:
        from rung.lang.ja.clauses import japanese_data

        predicates, refinements, _cues = japanese_data()
        return predicates, refinements

    def resolve_date(self, text: str, article_date: Any) -> tuple[Any, Any, Any]:
        from rung.clauses.dates import resolve_date
        from rung.lang.ja.clauses import japanese_data

        return resolve_date(text, article_date, japanese_data()[2]["relative_dates"])

    def claim_cues(self) -> Any:
        from rung.clauses import ClaimCues
        from rung.lang.ja.clauses import japanese_data

        return ClaimCues.from_cues(japanese_data()[2])

    def proper_nouns(self, doc: Any) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        if self.ner == "ginza" and doc.has_annotation("ENT_IOB"):
            return [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        current: list[int] | None = None
        for token in doc:
            parts = token.tag_.split("-")
            if len(parts) >= 3 and parts[0] == "名詞" and parts[1] == "固有名詞":
                label = _PROPER_NOUN_LABELS.get(parts[2], "proper_noun")
                if current and current[1] == token.idx and spans and spans[-1][2] == label:
                    current[1] = token.idx + len(token.text)
                    spans[-1] = (current[0], current[1], label)
                else:
                    current = [token.idx, token.idx + len(token.text)]
                    spans.append((current[0], current[1], label))
            else:
                current = None
        return spans
