"""Incremental merge: new events meet only the events blocking lets them meet, and the result is the full one's."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import select

from rung.events.blocking import Item, candidate_links, candidate_pairs, compatible, compatible_with
from rung.events.merge import is_stale, rebuild, update
from rung.store import open_store, schema

from .records import RU, UA, US, Ev, TopicEncoder, record, topics_of
from .test_merge import (
    BRYANSK_EN,
    BRYANSK_JA,
    KURSK_EN,
    NOV,
    _add,
    _authorisation_reports,
)


class CountingEncoder(TopicEncoder):
    """The topic encoder that remembers every sentence it was asked to encode."""

    def __init__(self, topics: dict[str, str]) -> None:
        super().__init__(topics)
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen.extend(texts)
        return super().encode(texts)


def _week():
    """Reports of four real events (and a hard negative), in the order they would arrive."""
    ja, en, en2 = _authorisation_reports()
    bryansk = record("en", NOV[19], "Reuters", [Ev(BRYANSK_EN, "strike", UA, RU, date=NOV[19], qualifier="on",
                                                  instrument="rung:atacms")])
    kursk = record("en", NOV[20], "BBC", [Ev(KURSK_EN, "strike", UA, RU, date=NOV[20], qualifier="on",
                                            instrument="rung:storm-shadow")])
    generic = record("ja", NOV[20], "NHK", [Ev(BRYANSK_JA, "strike", UA, RU, date=NOV[19], qualifier="on",
                                             instrument="Q974850")])
    plan = record("ja", NOV[25], "seed", [Ev("ウクライナ軍が数日以内に初動攻撃を実行する計画だ。", "strike", UA, RU,
                                          date=NOV[28], qualifier="before", modality="planned")])
    undated = record("en", None, "AP", [Ev("The US has authorised Kyiv to use ATACMS, officials said.", "auth", US, UA,
                                          "AID")])
    return [en, bryansk, ja, kursk, generic, en2, plan, undated]


def _groups(merged):
    return sorted(tuple(sorted(r.event_id for r in m.reports)) + (m.status.value, m.id) for m in merged)


@pytest.fixture
def two_stores(store_url, tmp_path):
    """The store merged step by step (SQLite, and PostgreSQL when RUNG_TEST_PG_URL is set), and a SQLite one."""
    a = open_store(store_url)
    b = open_store("sqlite:///" + str(tmp_path / "b.sqlite"))
    yield a, b
    a.engine.dispose()
    b.engine.dispose()


def _stored(store):
    from rung.events.merge import load

    return _groups(load(store))


def test_merging_article_by_article_gives_what_a_full_rebuild_gives(two_stores):
    step, full = two_stores
    records = _week()
    encoder = TopicEncoder(topics_of(*records))
    modes = []
    for r in records:
        _add(step, r)
        modes.append(update(step, encoder).mode)
    assert modes[0] == "full" and set(modes[1:]) == {"incremental"}
    _add(full, *records)
    expected = _groups(rebuild(full, encoder))
    assert _stored(step) == expected
    assert not is_stale(step, encoder.name)
    # some events did merge, and the two strikes with different specific weapons did not
    assert any(len(g) > 4 for g in expected)


def test_only_new_sentences_are_encoded_and_untouched_merged_events_are_not_rewritten(two_stores):
    store, _ = two_stores
    records = _week()
    encoder = CountingEncoder(topics_of(*records))
    _add(store, *records[:4])
    update(store, encoder)
    with store.engine.connect() as conn:
        before = {r.id: r.fingerprint for r in conn.execute(select(schema.merged_events))}
    encoder.seen.clear()
    _add(store, records[4])  # NHK's strike with a generic missile: meets both strikes, never the authorisation
    run = update(store, encoder)
    assert (run.mode, run.new_events) == ("incremental", 1)
    assert encoder.seen == [BRYANSK_JA]
    with store.engine.connect() as conn:
        after = {r.id: r.fingerprint for r in conn.execute(select(schema.merged_events))}
    kept = {k for k in before if k in after and after[k] == before[k]}
    auth = {m[-1] for m in _stored(store) if any(e.startswith(records[0].article.id) for e in m)}
    assert kept == auth and len(before) == 3  # the two strikes were recomputed with it, the authorisation not
    assert run.written == 2 and run.total == 3


def test_nothing_new_means_no_encoder_call_and_a_full_run_recomputes(two_stores):
    store, _ = two_stores
    records = _week()
    encoder = CountingEncoder(topics_of(*records))
    _add(store, *records)
    assert update(store, encoder).mode == "full"
    encoder.seen.clear()
    assert update(store, encoder).mode == "current"
    assert encoder.seen == []
    run = update(store, encoder, full=True)
    assert run.mode == "full" and run.total == len(_stored(store))
    assert encoder.seen == []  # a full run reuses the stored vectors of the same encoder


def test_a_correction_since_the_last_merge_means_a_full_run_without_the_wrong_event(two_stores):
    from rung.api.corrections import correct

    store, _ = two_stores
    records = _week()
    encoder = TopicEncoder(topics_of(*records))
    _add(store, *records)
    update(store, encoder)
    wrong = records[2].events[0].id  # NHK's authorisation report
    correct(store, "event", wrong, "wrong", True, author="analyst")
    assert is_stale(store, encoder.name)
    assert update(store, encoder).mode == "full"
    assert all(wrong not in g for g in _stored(store))


def _item(i: int, plover: str, lo: int, hi: int, source: str | None, article: str) -> Item:
    return Item(event_id=f"e{i}", article_id=article, plover=plover, sentence_index=0, lang="en", lo=lo, hi=hi,
                source_key=source, target_key=None, weapon=None, mood=None)


def _random_items(n: int, seed: int) -> list[Item]:
    rng = np.random.default_rng(seed)
    items = []
    for i in range(n):
        lo = int(rng.integers(738000, 738040))
        kind = rng.integers(0, 5)
        hi = lo if kind < 2 else lo + 3 if kind < 4 else lo + 10_000  # day, window, open
        if kind == 4 and rng.integers(0, 2):
            lo = -10_000
        items.append(_item(i, str(rng.choice(["ASSAULT", "AID"])), lo, hi, rng.choice([None, "A", "B"]),
                           f"a{rng.integers(0, n // 2)}"))
    return items


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_buckets_find_exactly_the_pairs_that_pass_blocking(seed):
    items = _random_items(160, seed)
    every = {(i, j) for i in range(len(items)) for j in range(i + 1, len(items)) if compatible(items[i], items[j])}
    assert set(candidate_pairs(items)) == every
    new = set(range(0, 160, 7))
    assert compatible_with(items, new) == {j for i in new for j in range(len(items))
                                           if i != j and compatible(items[i], items[j])}


@pytest.mark.parametrize("seed", [4, 5])
def test_links_are_the_compatible_pairs_above_the_threshold(seed):
    items = _random_items(120, seed)
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(len(items), 4)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    links = candidate_links(items, vectors, (0.5, 0.5))
    expected = {(i, j) for i in range(len(items)) for j in range(i + 1, len(items))
                if compatible(items[i], items[j]) and float(vectors[i] @ vectors[j]) > 0.5}
    assert {(i, j) for _, i, j in links} == expected
    new = list(range(0, 120, 5))
    only = {(i, j) for _, i, j in candidate_links(items, vectors, (0.5, 0.5), only=new)}
    assert only == {(i, j) for i, j in expected if i in new or j in new}
