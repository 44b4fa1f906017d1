"""Loading a spaCy pipeline with the matrix backend rung runs it on."""

from __future__ import annotations

from typing import Any


def load_pipeline(model: str) -> Any:
    """`spacy.load(model)`, then every layer of every component told to multiply matrices through numpy (its
    BLAS) rather than thinc's bundled BLIS kernel. The parsers' time is almost all matrix products in tok2vec;
    numpy's BLAS, even on the one thread rung.nlp.batching allows it, does GiNZA's about 2.4 times as fast as BLIS,
    and every dependency arc, tag and entity of the dev and train passages comes out the same
    (`benchmarks.throughput` shows both backends side by side). Raises OSError as `spacy.load` does."""
    import spacy
    from thinc.api import NumpyOps

    nlp = spacy.load(model)
    ops = NumpyOps(use_blis=False)
    for _name, component in nlp.pipeline:
        model_of = getattr(component, "model", None)
        if model_of is not None and hasattr(model_of, "walk"):
            for layer in model_of.walk():
                layer.ops = ops
    return nlp
