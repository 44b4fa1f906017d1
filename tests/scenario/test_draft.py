"""`rung scenario draft` from hand-made document records (Japanese and English)."""

from __future__ import annotations

import datetime as dt

import yaml

from rung.model import (
    ActorSummary,
    ActorType,
    Article,
    DocumentRecord,
    Event,
    Evidence,
    Modality,
    Plover,
    Sentence,
    Span,
)
from rung.scenario import parse_scenario
from rung.scenario.draft import draft_events, render_draft

S0 = "2024年11月17日、バイデン政権がウクライナへのATACMSミサイル使用を許可した。"
S1 = "ウクライナ軍がフランスまたはイギリス製ミサイルによる攻撃を実行した場合には、慎重な報復措置の検討が必要となってきます。"
S2 = "ロシア市民に対してフランスおよびイギリス領土からの退去を公式に要請することが求められています。"
BODY = S0 + S1 + S2
ACTORS = [
    ActorSummary(id="Q212", name="Ukraine", type=ActorType.state, mentions=2),
    ActorSummary(id="Q159", name="Russia", type=ActorType.state, mentions=1),
    ActorSummary(id="Q142", name="France", type=ActorType.state, mentions=2),
    ActorSummary(id="Q30", name="United States", type=ActorType.state, mentions=1),
]


def _event(eid: str, sentence_index: int, sentence: str, phrase: str, source: str | None, target: str | None,
           plover: Plover, modality: Modality, cues: list[str], predicate: str | None = None) -> Event:
    start = BODY.index(sentence)
    at = start + sentence.index(phrase)
    return Event(id=eid, article_id="a1", source=source, target=target, plover=plover,
                 cameo="19" if plover is Plover.ASSAULT else "10", modality=modality, sentence_index=sentence_index,
                 sentence=sentence, span=Span(start=at, end=at + len(phrase)),
                 evidence=Evidence(predicate=predicate, cues=cues))


def record() -> DocumentRecord:
    sentences = []
    for i, text in enumerate((S0, S1, S2)):
        start = BODY.index(text)
        sentences.append(Sentence(index=i, start=start, end=start + len(text), text=text))
    events = [
        _event("ev0", 0, S0, "使用を許可した", "Q30", "Q212", Plover.AID, Modality.reported, []),
        _event("ev1", 1, S1, "攻撃を実行した", "Q212", "Q159", Plover.ASSAULT, Modality.conditional, ["場合"], "攻撃"),
        _event("ev2", 1, S1, "報復措置の検討", "Q159", "Q212", Plover.ASSAULT, Modality.recommended, ["必要"], "報復"),
        _event("ev3", 2, S2, "退去を公式に要請", "Q159", "Q142", Plover.REQUEST, Modality.recommended, ["求められています"]),
    ]
    article = Article(id="a1" * 32, title="バイデンからのエスカレーション", date=dt.date(2024, 11, 25), body=BODY, lang="ja")
    return DocumentRecord(article=article, sentences=sentences, actors=ACTORS, mentions=[], events=events)


def test_draft_picks_scenario_events_and_conditions():
    drafts = draft_events([record()])
    assert [d.event.id for d in drafts] == ["ev1", "ev2", "ev3"]  # the reported event is not a scenario event
    by_event = {d.event.id: d for d in drafts}
    assert by_event["ev1"].id == "ukraine_assault_russia"
    assert by_event["ev2"].antecedents == ["ukraine_assault_russia"]  # the clause before 場合
    assert by_event["ev1"].antecedents == [] and by_event["ev3"].antecedents == []
    assert by_event["ev3"].label == "Russia asks France"
    assert by_event["ev1"].label == "Ukraine attacks Russia (攻撃)"


def test_draft_text_parses_and_leaves_probabilities_null(kb):
    text = render_draft([record()])
    assert "2024-11-25" in text and "assumption, not a fact" in text
    s = parse_scenario(text, origin="draft.yaml", kb=kb, allow_missing=True, use_ladder=False)
    assert list(s.events) == ["ukraine_assault_russia", "russia_assault_ukraine", "russia_request_france"]
    assert s.horizon == dt.date(2024, 11, 25) + dt.timedelta(days=98)
    assert s.events["russia_assault_ukraine"].given[0].condition == "ukraine_assault_russia"
    assert s.events["russia_request_france"].actor_id == "Q159"
    assert s.missing_probabilities() == ["ukraine_assault_russia.p", "russia_assault_ukraine.given[0].p",
                                         "russia_assault_ukraine.else", "russia_request_france.p"]
    raw = yaml.safe_load(text)
    assert raw["events"]["ukraine_assault_russia"]["p"] is None


def test_english_if_clause():
    s = "If Ukraine strikes Russia with British missiles, Russia could expel British diplomats."
    body = s
    ev_a = Event(id="x1", article_id="b", source="Q212", target="Q159", plover=Plover.ASSAULT, cameo="19",
                 modality=Modality.conditional, sentence_index=0, sentence=s,
                 span=Span(start=body.index("strikes"), end=body.index("strikes") + 7), evidence=Evidence(cues=["if"]))
    ev_b = Event(id="x2", article_id="b", source="Q159", target="Q145", plover=Plover.SANCTION, cameo="16",
                 modality=Modality.possible, sentence_index=0, sentence=s,
                 span=Span(start=body.index("expel"), end=body.index("expel") + 5), evidence=Evidence(cues=["could"]))
    rec = DocumentRecord(article=Article(id="b" * 64, body=body, date=dt.date(2024, 11, 20)),
                         sentences=[Sentence(index=0, start=0, end=len(s), text=s)],
                         actors=ACTORS[:2], mentions=[], events=[ev_a, ev_b])
    drafts = {d.event.id: d for d in draft_events([rec])}
    assert drafts["x2"].antecedents == [drafts["x1"].id]
    assert drafts["x2"].target == "Q145"  # not among the record's actors: the id is kept, it resolves too


def test_no_scenario_events_gives_an_empty_but_valid_skeleton():
    rec = record()
    rec = rec.model_copy(update={"events": [rec.events[0]]})
    text = render_draft([rec])
    assert "no conditional, possible or recommended events" in text
