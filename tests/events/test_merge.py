"""Merging reports of one event across articles and languages, on hand-made records (no NLP)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rung.errors import InputError
from rung.events.merge import (
    WINDOW_DAYS,
    ensure_current,
    event_interval,
    find,
    is_stale,
    load,
    merged_status,
    rebuild,
)
from rung.model import Claim, ClaimStatus, Event, Evidence, Span
from rung.store import open_store, schema

from .records import ACTORS, BY, RU, UA, US, Ev, TopicEncoder, record, topics_of

D = dt.date
NOV = {d: D(2024, 11, d) for d in range(10, 30)}

AUTH_JA = "2024年11月17日、バイデン政権がウクライナへのATACMS使用を許可したと報じられた。"
AUTH_EN = "Biden has authorised Ukraine to use ATACMS missiles inside Russia, officials said."
AUTH_EN2 = "The US has cleared Kyiv to fire ATACMS into Russia, unnamed officials told Reuters."
BRYANSK_EN = "Ukraine fired ATACMS missiles at a facility in Bryansk on Nov 19."
BRYANSK_JA = "ウクライナ軍は19日、ATACMSでブリャンスク州の施設を攻撃した。"
KURSK_EN = "Ukraine fired Storm Shadow missiles at targets in Kursk on Nov 20."


@pytest.fixture
def store(tmp_path):
    s = open_store("sqlite:///" + str(tmp_path / "x.sqlite"))
    yield s
    s.engine.dispose()


def _add(store, *records):
    for r in records:
        assert store.add_record(r, ACTORS)


def _authorisation_reports():
    """Three outlets, two languages, all citing unnamed officials: the US authorises ATACMS (AID)."""
    ja = record("ja", NOV[18], "NHK", [Ev(AUTH_JA, "auth", US, UA, "AID", NOV[17], "on", "rung:atacms",
                                        claims=[("rung:western-media", "unnamed", "unconfirmed")])])
    en = record("en", NOV[17], "The New York Times", [Ev(AUTH_EN, "auth", US, UA, "AID", NOV[17], "on",
                                                        claims=[("rung:author", "unnamed", "unconfirmed")])])
    en2 = record("en", NOV[18], "Reuters", [Ev(AUTH_EN2, "auth", US, UA, "AID", None, None, "rung:atacms",
                                              claims=[("Q130879", "unnamed", "unconfirmed")])])
    return ja, en, en2


def test_reports_in_two_languages_merge_into_one_unconfirmed_event(store):
    records = _authorisation_reports()
    _add(store, *records)
    merged = rebuild(store, TopicEncoder(topics_of(*records)))
    [m] = merged
    assert len(m.reports) == 3 and m.articles == 3
    assert m.languages == ["en", "ja"]
    assert m.outlets == ["NHK", "Reuters", "The New York Times"]
    assert m.status is ClaimStatus.unconfirmed  # three outlets citing unnamed officials: still unconfirmed
    assert m.date == NOV[17]
    assert (m.first_report, m.last_report) == (NOV[17], NOV[18])
    assert {r.modality.value for r in m.reports} == {"reported"}
    assert m.source_country == US and m.target_country == UA and m.plover.value == "AID"


def test_an_official_confirmation_settles_it_and_a_denial_is_kept_beside_it(store):
    records = list(_authorisation_reports())
    confirm = "A Pentagon official confirmed the decision to let Ukraine use ATACMS in Russia."
    deny = "The Kremlin said the reports of a US authorisation were a provocation and untrue."
    records.append(record("en", NOV[19], "Politico", [Ev(confirm, "auth", US, UA, "AID", claims=[
        ("Q11209", None, "confirmed")])]))
    records.append(record("en", NOV[19], "TASS", [Ev(deny, "auth", US, UA, "AID", claims=[
        ("rung:kremlin", None, "denied")])]))
    _add(store, *records)
    [m] = rebuild(store, TopicEncoder(topics_of(*records)))
    assert m.status is ClaimStatus.confirmed
    assert [d.by for d in m.denials] == ["rung:kremlin"]
    assert len(m.reports) == 5


def test_without_confirmation_a_denial_does_not_overwrite_the_reports(store):
    records = list(_authorisation_reports())
    deny = "The Kremlin said the reports of a US authorisation were untrue."
    records.append(record("en", NOV[19], "TASS", [Ev(deny, "auth", US, UA, "AID", claims=[
        ("rung:kremlin", None, "denied")])]))
    _add(store, *records)
    [m] = rebuild(store, TopicEncoder(topics_of(*records)))
    assert m.status is ClaimStatus.unconfirmed
    assert m.denials[0].by == "rung:kremlin" and m.denials[0].text == deny


STATUS_CASES = [
    ([], ClaimStatus.asserted, []),
    (["asserted", "unconfirmed"], ClaimStatus.unconfirmed, []),
    (["unconfirmed", "declined_to_comment"], ClaimStatus.declined_to_comment, []),
    (["unconfirmed", "unconfirmed", "unconfirmed", "confirmed"], ClaimStatus.confirmed, []),
    (["unconfirmed", "denied"], ClaimStatus.unconfirmed, ["x1"]),
    (["denied"], ClaimStatus.denied, ["x0"]),
    (["confirmed", "denied"], ClaimStatus.confirmed, ["x1"]),
]


@pytest.mark.parametrize(("statuses", "expected", "denied_by"), STATUS_CASES)
def test_status_follows_the_strongest_evidence(statuses, expected, denied_by):
    claims = [Claim(id=f"c{i}", article_id="a", text="t", sentence_index=0, span=Span(start=0, end=1),
                    attributed_to=f"x{i}", status=s) for i, s in enumerate(statuses)]
    status, denials = merged_status(claims)
    assert status is expected
    assert [d.by for d in denials] == denied_by


def test_hard_negatives_stay_apart(store):
    """Same dyad and wording the encoder cannot tell apart: different weapon, or dates too far apart."""
    bryansk = record("en", NOV[19], "Reuters", [Ev(BRYANSK_EN, "strike", UA, RU, date=NOV[19], qualifier="on",
                                                  instrument="rung:atacms")])
    kursk = record("en", NOV[20], "BBC", [Ev(KURSK_EN, "strike", UA, RU, date=NOV[20], qualifier="on",
                                            instrument="rung:storm-shadow")])
    later = record("en", NOV[25], "AP", [Ev("Ukraine fired ATACMS at an air-defence site in Kursk on Nov 23.",
                                          "strike", UA, RU, date=NOV[23], qualifier="on",
                                          instrument="rung:atacms")])
    generic = record("ja", NOV[20], "NHK", [Ev(BRYANSK_JA, "strike", UA, RU, date=NOV[19], qualifier="on",
                                             instrument="Q974850")])
    _add(store, bryansk, kursk, later, generic)
    merged = rebuild(store, TopicEncoder(topics_of(bryansk, kursk, later, generic)))
    groups = sorted(sorted(r.outlet for r in m.reports) for m in merged)
    # the generic 'missile' joins the ATACMS strike of the same day, never Storm Shadow or Nov 23
    assert groups == [["AP"], ["BBC"], ["NHK", "Reuters"]]


def test_different_wording_does_not_merge(store):
    a = record("en", NOV[19], "Reuters", [Ev(BRYANSK_EN, "strike", UA, RU, date=NOV[19])])
    b = record("en", NOV[19], "AP", [Ev("Ukraine shelled a border village in Bryansk on Nov 19.", "shelling",
                                       UA, RU, date=NOV[19])])
    _add(store, a, b)
    assert len(rebuild(store, TopicEncoder(topics_of(a, b)))) == 2


def test_a_missing_side_is_blocked_by_what_it_has_and_never_chains_two_sources(store):
    ru = record("en", NOV[21], "AP", [Ev("Russia struck Dnipro on Nov 21.", "dnipro", RU, UA, date=NOV[21])])
    by = record("en", NOV[21], "BBC", [Ev("Belarus struck Dnipro on Nov 21.", "dnipro", BY, UA, date=NOV[21])])
    vague = record("en", NOV[21], "CNN", [Ev("Dnipro was struck on Nov 21.", "dnipro", None, UA, date=NOV[21])])
    _add(store, ru, by, vague)
    merged = rebuild(store, TopicEncoder(topics_of(ru, by, vague)))
    groups = sorted(sorted(r.outlet for r in m.reports) for m in merged)
    assert len(groups) == 2 and ["AP", "BBC"] not in groups and ["AP", "BBC", "CNN"] not in groups
    assert any(len(g) == 2 and "CNN" in g for g in groups)


def test_before_is_compatible_with_anything_up_to_its_date(store):
    plan = record("ja", NOV[25], "seed", [Ev("ウクライナ軍が数日以内に初動攻撃を実行する計画だ。", "strike", UA, RU,
                                          date=NOV[28], qualifier="before", modality="planned")])
    done = record("en", NOV[19], "Reuters", [Ev(BRYANSK_EN, "strike", UA, RU, date=NOV[19], qualifier="on",
                                               modality="occurred")])
    after = record("en", NOV[30 - 1], "AP", [Ev("Ukraine struck Russia again on Nov 29.", "strike", UA, RU,
                                             date=NOV[29], qualifier="on")])
    _add(store, plan, done, after)
    merged = rebuild(store, TopicEncoder(topics_of(plan, done, after)))
    [pair] = [m for m in merged if len(m.reports) == 2]
    assert {r.outlet for r in pair.reports} == {"seed", "Reuters"}
    assert [r.modality.value for r in pair.reports] == ["occurred", "planned"]  # modalities listed per report


INTERVAL_CASES = [
    ("on", NOV[19], NOV[25], (NOV[19], NOV[19])),
    (None, NOV[19], None, (NOV[19], NOV[19])),
    ("before", NOV[28], NOV[25], (dt.date.min, NOV[28])),
    ("after", NOV[19], NOV[25], (NOV[19], dt.date.max)),
    ("within", NOV[19], NOV[25], (NOV[19], NOV[19] + dt.timedelta(days=WINDOW_DAYS))),
    (None, None, NOV[25], (NOV[25] - dt.timedelta(days=WINDOW_DAYS), NOV[25])),
]


@pytest.mark.parametrize(("qualifier", "date", "article_date", "expected"), INTERVAL_CASES)
def test_event_interval(qualifier, date, article_date, expected):
    event = Event(id="e", article_id="a", plover="ASSAULT", cameo="18", modality="occurred", date=date,
                  date_qualifier=qualifier, sentence_index=0, sentence="s", span=Span(start=0, end=1),
                  evidence=Evidence())
    lo, hi = event_interval(event, article_date)
    assert (lo, hi) == (expected[0].toordinal(), expected[1].toordinal())


def test_two_events_of_one_article_join_only_through_another_article(store):
    one = record("en", NOV[19], "Reuters", [Ev(BRYANSK_EN, "strike", UA, RU, date=NOV[19]),
                                            Ev("The strike on Bryansk used six missiles on Nov 19.", "strike", UA, RU,
                                               date=NOV[19])])
    _add(store, one)
    encoder = TopicEncoder(topics_of(one))
    assert len(rebuild(store, encoder)) == 2
    other = record("ja", NOV[20], "NHK", [Ev(BRYANSK_JA, "strike", UA, RU, date=NOV[19])])
    _add(store, other)
    encoder.topics.update(topics_of(other))
    [m] = rebuild(store, encoder)
    assert m.articles == 2 and len(m.reports) == 3


def _rows(store):
    with store.engine.connect() as conn:
        return ([tuple(r) for r in conn.execute(select(schema.merged_events).order_by(schema.merged_events.c.id))],
                [tuple(r) for r in conn.execute(select(schema.merged_event_members).order_by(
                    schema.merged_event_members.c.event_id))])


def test_rebuild_is_idempotent_and_ids_are_stable(store):
    records = _authorisation_reports()
    _add(store, *records)
    encoder = TopicEncoder(topics_of(*records))
    first = rebuild(store, encoder)
    rows = _rows(store)
    second = rebuild(store, encoder)
    assert _rows(store) == rows
    assert [m.id for m in first] == [m.id for m in second]
    assert first[0].id.startswith("m-")
    assert load(store) == first


def test_staleness_follows_the_stored_events(store):
    records = _authorisation_reports()
    assert not is_stale(store)  # empty store, nothing to merge
    _add(store, records[0])
    assert is_stale(store)
    encoder = TopicEncoder(topics_of(*records))
    assert ensure_current(store, lambda: encoder)
    calls = encoder.calls
    assert not ensure_current(store, lambda: pytest.fail("encoder loaded although nothing changed"))
    assert encoder.calls == calls
    assert is_stale(store, "another-encoder")
    _add(store, records[1])
    assert is_stale(store)
    ensure_current(store, lambda: encoder)
    assert len(load(store)[0].reports) == 2


def test_find_by_merged_id_or_member_event_id(store):
    records = _authorisation_reports()
    _add(store, *records)
    [m] = rebuild(store, TopicEncoder(topics_of(*records)))
    assert find(store, m.id) == m
    assert find(store, records[1].events[0].id).id == m.id
    sentences = {r.sentence for r in find(store, m.id).reports}
    assert sentences == {AUTH_JA, AUTH_EN, AUTH_EN2}
    with pytest.raises(InputError, match="no merged event"):
        find(store, "m-nope")


def test_deleting_nothing_when_store_has_no_events(store):
    assert rebuild(store, TopicEncoder({})) == []
    assert _rows(store) == ([], [])


def test_a_report_that_it_happened_never_joins_speculation_that_it_might(store):
    done = record("en", NOV[19], "Reuters", [Ev(BRYANSK_EN, "strike", UA, RU, date=NOV[19], modality="reported")])
    maybe = record("en", NOV[20], "Politico", [Ev("Ukraine may use ATACMS against targets inside Russia.", "strike",
                                                  UA, RU, modality="possible")])
    seen = record("ja", NOV[20], "NHK", [Ev(BRYANSK_JA, "strike", UA, RU, date=NOV[19], modality="occurred")])
    _add(store, done, maybe, seen)
    merged = rebuild(store, TopicEncoder(topics_of(done, maybe, seen)))
    assert sorted(sorted(r.outlet for r in m.reports) for m in merged) == [["NHK", "Reuters"], ["Politico"]]
