"""Japanese event extraction on short sentences written for these tests (not from the gold sets)."""

from __future__ import annotations

import datetime as dt

import pytest

from rung.ingest import make_article

# text, expected events as (source, plover, target, modality, negated); ids are states' QIDs
CASES = [
    ("ロシア軍はウクライナ東部を攻撃した。", [("Q159", "ASSAULT", "Q212", "occurred", False)], "plain act, army rolls up"),
    ("ロイター通信によると、ロシアはウクライナを攻撃した。", [("Q159", "ASSAULT", "Q212", "reported", False)], "attribution by によると"),
    ("ロシアはウクライナを攻撃する計画だ。", [("Q159", "ASSAULT", "Q212", "planned", False)], "planned"),
    ("ロシアがウクライナを攻撃する可能性がある。", [("Q159", "ASSAULT", "Q212", "possible", False)], "possible"),
    ("ロシアがウクライナを攻撃した場合には、フランスはロシアに制裁を科す。",
     [("Q159", "ASSAULT", "Q212", "conditional", False), ("Q142", "SANCTION", "Q159", "conditional", False)],
     "conditional clause: the condition and the consequence"),
    ("ロシアはウクライナを攻撃しなかった。", [("Q159", "ASSAULT", "Q212", "occurred", True)], "negation"),
    ("フランスとイギリスはロシアを非難した。",
     [("Q142", "PROTEST", "Q159", "occurred", False), ("Q145", "PROTEST", "Q159", "occurred", False)],
     "coordinated subject (condemning is PROTEST, as the annotation guide's annotators code it)"),
    ("ロシアはフランスとの貿易取引を停止した。", [("Q159", "SANCTION", "Q142", "occurred", False)], "停止 + 貿易 refinement"),
    ("ウクライナがロシアに攻撃された。", [("Q159", "ASSAULT", "Q212", "occurred", False)], "passive swaps roles"),
    ("中国と台湾が会談した。", [("Q148", "CONSULT", "Q865", "occurred", False)],
     "reciprocal act: one event, the first named party as its source (guide: one real event once)"),
    ("日本はロシアに対して、こうした旨働き掛けを行った。", [("Q17", "REQUEST", "Q159", "occurred", False)],
     "lobbying spelt 働き掛け, carried by a light verb"),
    ("本日、北朝鮮が弾道ミサイルを発射し、日本海に落下。", [("Q423", "MOBILIZE", None, "occurred", False)],
     "a bulletin's noun ending (体言止め): the continuative verb before it reports, it plans nothing"),
]


def _key(events):
    return sorted(((e.source_country or e.source, e.plover.value, e.target_country or e.target, e.modality.value,
                    e.negated) for e in events), key=str)


@pytest.mark.parametrize(("text", "expected", "note"), CASES, ids=[c[2] for c in CASES])
def test_event_cases(analyzer, text, expected, note):
    record = analyzer.analyze(make_article(text, date=dt.date(2024, 11, 25), lang="ja"))
    assert _key(record.events) == sorted(expected, key=str)


def test_every_event_traces_to_its_sentence_and_rule(seed_record):
    body = seed_record.article.body
    for event in seed_record.events:
        sentence = seed_record.sentences[event.sentence_index]
        assert event.sentence == sentence.text
        assert sentence.start <= event.span.start < event.span.end <= sentence.end
        assert body[event.span.start:event.span.end] in event.evidence.predicate
        assert any(rule.startswith("ja/") for rule in event.evidence.rules)


def test_sentences_without_actors_give_no_events(analyzer):
    record = analyzer.analyze(make_article("今日は雨が降った。明日は晴れるだろう。", lang="ja"))
    assert record.events == [] and record.claims == []


def test_dates(seed_record):
    by_predicate = {(e.sentence_index, e.evidence.predicate): e for e in seed_record.events}
    permission = next(e for (i, p), e in by_predicate.items() if p.startswith("許可") and e.source_country == "Q30")
    assert permission.date == dt.date(2024, 11, 17) and permission.date_qualifier == "on"
    hypersonic = [e for e in seed_record.events if e.instrument and "hypersonic" in e.instrument]
    assert hypersonic and all(e.date == dt.date(2025, 1, 20) and e.date_qualifier == "before" for e in hypersonic)


def test_ginza_ner_can_propose_the_unknown_mentions():
    """With `ner: {ja: ginza}` GiNZA's entities, not Sudachi's tags, propose what the knowledge base lacks."""
    from rung.pipeline import Analyzer
    from rung.settings import Settings

    text = "ロシアの山田太郎将軍は大阪を訪問した。"
    sudachi = Analyzer(Settings.load()).analyze(make_article(text, lang="ja"))
    ginza = Analyzer(Settings.load().model_copy(update={"ner": {"ja": "ginza"}})).analyze(make_article(text, lang="ja"))
    assert [m.actor_id for m in ginza.mentions if m.text == "ロシア"] == ["Q159"]  # the KB still links first
    sudachi_rules = {m.rule.split(":")[0] for m in sudachi.mentions if m.actor_id is None}
    ginza_rules = {m.rule for m in ginza.mentions if m.actor_id is None}
    assert sudachi_rules == {"proper-noun"}
    assert ginza_rules and all(rule.startswith("proper-noun:") for rule in ginza_rules)
    assert {r.removeprefix("proper-noun:") for r in ginza_rules} - {"person", "place", "organization", "proper_noun"}


def test_cooperation_as_the_manner_of_another_act_is_not_a_second_event(analyzer):
    """国際社会と連携し、ロシアに制裁を科す: the sanction is the event, the coordination how it was done."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="manner", lang="ja", body="日本は国際社会と連携し、ロシアに制裁を科した。"))
    assert {(e.source, e.plover.value, e.target) for e in record.events} == {("Q17", "SANCTION", "Q159")}


@pytest.mark.parametrize(("text", "expected"), [
    # declaring a diplomat persona non grata, ordering diplomats out: expulsions (guide: SANCTION), performed as said
    ("日本政府は、ロシアの外交官1名に対し、ペルソナ・ノン・グラータを通告した。", ("Q17", "SANCTION")),
    ("日本政府は、ロシア大使館の外交官8名の国外退去を求める。", ("Q17", "SANCTION")),
    # a group no list knows, including a named one: the named one acts
    ("ハマスを含む武装勢力がイスラエルを攻撃した。", ("Q38799", "ASSAULT")),
    # a state's forces named without the state: the state where the act happens
    ("ニジェール共和国の首都ニアメにおいて、軍部が大統領公邸を襲撃した。", ("Q1032", "ASSAULT")),
    # a platform is no actor, its owner is
    ("中国軍の情報収集機が日本の領空を侵犯した。", ("Q148", "MOBILIZE")),
])
def test_expulsions_and_named_members_of_groups(analyzer, text, expected):
    from rung.model import Article

    record = analyzer.analyze(Article(id="exp", lang="ja", body=text, outlet="Ministry of Foreign Affairs of Japan"))
    found = {(analyzer.kb.country_of(e.source) or e.source, e.plover.value) for e in record.events}
    assert expected in found
    if expected[1] == "SANCTION":
        assert all(e.modality.value == "occurred" for e in record.events if e.plover.value == "SANCTION")


def test_a_government_meeting_its_own_council_is_no_event(analyzer):
    """国家安全保障会議を開催: Japan's government and its own council are one state: no event between actors; a
    meeting with another state is one."""
    from rung.model import Article

    own = analyzer.analyze(Article(id="nsc", lang="ja", body="政府は国家安全保障会議の会合を開催した。"))
    other = analyzer.analyze(Article(id="talks", lang="ja", body="日本政府は米国と協議を行った。"))
    assert not [e for e in own.events if e.plover.value == "CONSULT"]
    assert ("CONSULT", "Q30") in {(e.plover.value, e.target) for e in other.events}


def test_a_request_in_a_statement_is_the_speakers_and_targets_who_is_asked(analyzer):
    """我が国としては…北朝鮮が具体的行動をとるよう強く求めます: the parse hangs 北朝鮮が on 求める; it is the requested act's
    subject, so the request is the speaker's (the publisher's) and its target is North Korea."""
    from rung.model import Article

    body = "我が国としては、拉致・核・ミサイルといった諸懸案に関し、北朝鮮が問題解決に向け具体的行動をとるよう強く求めます。"
    record = analyzer.analyze(Article(id="req", lang="ja", body=body, outlet="Prime Minister's Office of Japan"))
    assert ("rung:kantei", "REQUEST", "Q423") in {(e.source, e.plover.value, e.target) for e in record.events}


def test_a_chain_of_acts_shares_the_subject_the_parse_hung_on_its_first_verb(analyzer):
    """武装勢力が、…に向けて…を発射し、…越境攻撃を行い: the parse hangs the が-subject on 向けて; every later act of the chain
    is the armed group's, not the publishing ministry's. A request the speaker makes stays the speaker's."""
    from rung.model import Article

    body = ("10月7日、ハマスを含む武装勢力が、ガザ地区からイスラエルに向けて多数のロケット弾を発射し、"
            "イスラエル領内に越境攻撃を行い、多数の死傷者が発生しました。"
            "ロシアが、状況の改善に向け、合意の履行を含めその責任を果たすことを強く求めます。")
    record = analyzer.analyze(Article(id="chain", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    found = {(e.source, e.plover.value) for e in record.events}
    assert ("Q38799", "ASSAULT") in found
    assert not [e for e in record.events if e.sentence_index == 0 and analyzer.kb.country_of(e.source) == "Q17"]
    assert ("Q159", "REQUEST") not in found


def test_a_subject_the_parse_buried_in_a_run_of_places_and_times_is_still_the_subject(analyzer):
    """韓国国防省は、北朝鮮が…付近等から同日12時8分、…に短距離ミサイル発射したと発表した: GiNZA hangs 北朝鮮が inside the
    run of places and times; the launch is North Korea's, reported by the ministry, not the ministry's."""
    from rung.model import Article

    body = "韓国国防省は、北朝鮮が咸鏡北道舞水端里(ムスダンリ)付近等から同日12時8分、同17時、同15時3分に短距離ミサイル発射したと発表した。"
    record = analyzer.analyze(Article(id="stray", lang="ja", body=body))
    launches = [e for e in record.events if e.plover.value == "MOBILIZE"]
    assert launches and {e.source for e in launches} == {"Q423"}
    assert {e.modality.value for e in launches} == {"reported"}


def test_japanese_cooperation_needs_a_named_partner(analyzer):
    """関係国と連携しつつ…対応してきました is a formula, no event; 米国と連携し is one (build.yaml,
    needs_target_types_by_language)."""
    from rung.model import Article

    generic = analyzer.analyze(Article(id="coop1", lang="ja", body="日本政府は、関係国と連携しつつ対応してきました。"))
    named = analyzer.analyze(Article(id="coop2", lang="ja", body="日本政府は、米国と緊密に連携してきました。"))
    assert not [e for e in generic.events if e.plover.value == "COOPERATE"]
    assert ("COOPERATE", "Q30") in {(e.plover.value, e.target) for e in named.events}


def test_a_japanese_request_is_the_event_not_the_act_it_asks_for(analyzer):
    """ロシアに対し、部隊を撤収するよう強く求めます: Japan REQUEST Russia; the withdrawal asked for is no second event
    (build.yaml: requested_acts_not_events)."""
    from rung.model import Article

    body = "我が国は、ロシアに対し、即時に部隊をロシア国内に撤収するよう強く求めます。"
    record = analyzer.analyze(Article(id="req2", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert ("Q17", "REQUEST", "Q159") in {(analyzer.kb.country_of(e.source) or e.source, e.plover.value, e.target)
                                          for e in record.events}
    assert not [e for e in record.events if e.plover.value == "RETREAT"]


def test_an_act_between_named_parties_is_theirs(analyzer):
    """スーダン国軍と即応支援部隊との間で武力衝突が発生し: the clash is between the two, the first named acting."""
    from rung.model import Article

    body = "現地時間4月15日、スーダン国軍と即応支援部隊との間で武力衝突が発生しました。"
    record = analyzer.analyze(Article(id="between", lang="ja", body=body))
    assert ("Q1049", "ASSAULT", "rung:rapid-support-forces") in {
        (e.source, e.plover.value, e.target) for e in record.events}


@pytest.mark.parametrize(("body", "expected"), [
    ("本日、東京で日中外相会談が行われました。", ("Q17", "CONSULT", "Q148")),
    ("3月に開始された米ベネズエラ協議は、重要な機会である。", ("Q30", "CONSULT", "Q717")),
], ids=["short-forms", "short-form-and-name"])
def test_parties_named_before_a_talks_noun_hold_the_talks(analyzer, body, expected):
    """日中外相会談, 米ベネズエラ協議: the parties run before the noun meet; the first named is the source."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="compound-parties", lang="ja", body=body))
    assert expected in {(e.source, e.plover.value, e.target) for e in record.events}


def test_a_concessive_ending_negates_nothing(analyzer):
    """署名されたにもかかわらず (although it was signed): the signing happened."""
    from rung.model import Article
    from rung.nlp import get_language

    body = "両国間で共同宣言が署名されたにもかかわらず、緊張が高まっている。"
    article = Article(id="concessive", lang="ja", body=body)
    record = analyzer.analyze(article)
    support = get_language("ja", "concessive", model=analyzer.settings.model_for("ja"))
    clauses = analyzer.clauses(article, support, record.sentences, [m for m in record.mentions if m.actor_id])
    signing = [c for c in clauses if c.predicate == "署名"]
    assert signing and not any(c.negated for c in signing)


def test_a_clause_before_tokoro_is_an_act_not_an_attribute(analyzer):
    """…の間で、穀物輸出の再開に合意したところであり: the agreement happened (ところ: has just), it does not describe a
    thing; as a relative clause on a noun (合意した国) it would be an attribute."""
    from rung.model import Article

    body = "まさに前日、国連、トルコ及びロシアの間で、穀物輸出の再開に合意したところであり、今後、全当事者が必要な取組を迅速に行うべきです。"
    record = analyzer.analyze(Article(id="tokoro", lang="ja", body=body))
    assert "AGREE" in {e.plover.value for e in record.events}


def test_what_a_mune_clause_frames_is_reported_not_an_attribute(analyzer):
    """中国は、…台湾島を囲む形で軍事演習を実施した旨、発表している: 旨 frames what was announced (a complement), it is no
    thing the clause describes."""
    from rung.model import Article

    body = "中国は、4月8日から10日までの間、台湾周辺の海空域において、台湾島を囲む形で軍事演習を実施した旨、発表していると承知をしております。"
    record = analyzer.analyze(Article(id="mune", lang="ja", body=body))
    drills = [e for e in record.events if e.plover.value == "MOBILIZE" and e.source == "Q148"]
    assert drills and drills[0].modality.value == "reported"


def test_a_clause_quoted_by_toshite_is_what_someone_claims(analyzer):
    """ロシア国防省は、ウクライナ政府が…空爆を試みたとして、…ミサイル攻撃を行った旨発表した: the attempted air strike is
    Russia's claim (reported), Ukraine's act, not an attribute of anything."""
    from rung.model import Article

    body = ("12月5日、ロシア国防省は、ウクライナ政府が無人機により、ロシア領内の軍用飛行場2か所への空爆を試みたとして、"
            "これに対し、ロシア側として、ウクライナ軍司令部に大規模なミサイル攻撃を行った旨発表したと承知しています。")
    record = analyzer.analyze(Article(id="toshite", lang="ja", body=body))
    found = {(analyzer.kb.country_of(e.source) or e.source, e.plover.value, e.modality.value) for e in record.events}
    assert ("Q212", "ASSAULT", "reported") in found


def test_an_adverbial_clause_hung_on_a_noun_is_no_attribute(analyzer):
    """イスラエル政府とレバノン政府は、…停戦に合意したところ、我が国として、…を歓迎します: the parse hangs 合意した on 我が国;
    an adverbial clause (advcl) is still an act, not a relative clause on that noun."""
    from rung.model import Article

    body = "11月27日、イスラエル政府とレバノン政府は、米国及びフランスの仲介により、停戦に合意したところ、我が国として、今般の停戦合意を歓迎します。"
    record = analyzer.analyze(Article(id="advcl", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert ("Q801", "AGREE") in {(e.source, e.plover.value) for e in record.events}


def test_violence_against_people_is_an_assault_and_halting_it_a_retreat(analyzer):
    from rung.model import Article

    record = analyzer.analyze(Article(id="boryoku", lang="ja", body="リビア当局は、その国民に対する暴力を継続している。"))
    assert ("Q1016", "ASSAULT") in {(analyzer.kb.country_of(e.source) or e.source, e.plover.value) for e in record.events}


def test_an_act_the_sentence_is_about_is_done_by_its_doer(analyzer):
    """北朝鮮のミサイル発射につきましては、…弾道ミサイルを発射しておりまして: the launches are North Korea's, not the
    briefing ministry's."""
    from rung.model import Article

    body = "近年、北朝鮮のミサイル発射につきましては、任意のタイミング、そして任意の地点で複数の弾道ミサイルを発射しておりまして、能力を誇示してきていると。"
    record = analyzer.analyze(Article(id="about", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    launches = [e for e in record.events if e.plover.value == "MOBILIZE"]
    assert launches and {e.source for e in launches} == {"Q423"}


@pytest.mark.parametrize(("body", "expected"), [
    ("政府は、防空態勢を強化した。", "MOBILIZE"),  # a force posture strengthened
    ("日本は、米国との協力を強化した。", "COOPERATE"),
    ("法の支配に基づく国際秩序を維持・強化することは、全ての国の利益となるものです。", None),  # an order is no force
])
def test_strengthening_takes_its_type_from_what_is_strengthened(analyzer, body, expected):
    from rung.model import Article

    record = analyzer.analyze(Article(id="kyoka", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    types = {e.plover.value for e in record.events}
    assert (expected in types) if expected else not types


def test_a_release_asked_for_as_a_noun_is_no_second_event(analyzer):
    """…攻撃の停止や、乗組員の早期解放を強く求めます: the request is the event; the halt and the release asked for are
    not."""
    from rung.model import Article

    body = "我が国として、ホーシー派による攻撃の停止や、乗組員の早期解放を強く求めます。"
    record = analyzer.analyze(Article(id="kaiho", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert "REQUEST" in {e.plover.value for e in record.events}
    assert "RETREAT" not in {e.plover.value for e in record.events}


def test_an_act_coordinated_with_a_noun_act_does_not_do_it(analyzer):
    """強力な対露制裁及びウクライナ支援に取り組んでいきます: the sanctions do not give the aid; Japan (the speaker) does both."""
    from rung.model import Article

    body = "我が国は、強力な対露制裁及びウクライナ支援の二つの柱にしっかり取り組んでいきます。"
    record = analyzer.analyze(Article(id="oyobi", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    aid = [e for e in record.events if e.plover.value == "AID"]
    assert aid and all(analyzer.kb.country_of(e.source) == "Q17" for e in aid)


def test_an_any_phrase_with_mo_is_no_topic(analyzer):
    """ホーシー派による…いかなる行為も許容できず、断固非難する: 'any act' is no topic; the condemnation is the speaker's,
    not the Houthis'."""
    from rung.model import Article

    body = ("【小林外務報道官】今後の対応ですが、ホーシー派による船舶の拿捕を始めとする、航行を阻害するいかなる行為も"
            "許容できず、断固非難するとともに、関係国と連携しながら、取り組んでいるところです。")
    record = analyzer.analyze(Article(id="ikanaru", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    protests = [e for e in record.events if e.plover.value == "PROTEST"]
    assert protests and "rung:houthis" not in {e.source for e in protests}


def test_a_mediation_by_which_parties_agree_is_not_who_agrees(analyzer):
    """ロシアの仲介により停戦合意: the mediation is the means of the agreement; Russia mediated (its own CONSULT), it
    did not agree."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="chukai", lang="ja", body="1994年、ロシアの仲介により停戦合意。"))
    assert not [e for e in record.events if e.plover.value == "AGREE" and e.source == "Q159"]


def test_dankoto_shite_is_an_adverb_not_the_verb_suru(analyzer):
    """あらゆる形態のテロ行為を断固として非難する: the terrorism is condemned, nobody commits it here."""
    from rung.model import Article

    body = "我が国は、あらゆる形態のテロ行為を断固として非難する。"
    record = analyzer.analyze(Article(id="danko", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert "ASSAULT" not in {e.plover.value for e in record.events}
    assert "PROTEST" in {e.plover.value for e in record.events}


def test_ware_ga_kuni_to_shite_is_the_doer_not_a_partner(analyzer):
    """イスラエルとレバノンは…合意したところ、我が国として、…停戦合意を歓迎します: Japan welcomes; Israel does not welcome
    Japan."""
    from rung.model import Article

    body = "イスラエル政府とレバノン政府は、停戦に合意したところ、我が国として、今般の停戦合意を歓迎します。"
    record = analyzer.analyze(Article(id="toshite2", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    welcomes = [e for e in record.events if e.plover.value == "SUPPORT"]
    assert not [e for e in welcomes if e.source == "Q801"]


def test_the_nearest_ga_subject_may_be_a_platform_of_its_owner(analyzer):
    """中露の爆撃機が先月、…行った長距離にわたる共同飛行を始め、…: the parse hangs 爆撃機が inside a relative clause; the
    flights are China's and Russia's (a platform's owners act), not the briefing minister's."""
    from rung.model import Article

    body = "防衛大臣は、中露の爆撃機が先月、わが国周辺において行った長距離にわたる共同飛行を始め、一連の共同行動は示威行動であると指摘しました。"
    record = analyzer.analyze(Article(id="platform", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    flights = [e for e in record.events if e.plover.value == "MOBILIZE"]
    assert flights and {analyzer.kb.country_of(e.source) or e.source for e in flights} <= {"Q148", "Q159"}


@pytest.mark.parametrize(("text", "plover"), [
    ("日本は、ロシアの銀行の資産を凍結するとともに、ロシアへの輸出を禁止します。", "SANCTION"),
    ("日本は、ロシアへの制裁の範囲を拡大してまいります。", "SANCTION"),
], ids=["a non-past verb chained by とともに", "an act noun a carrier verb of the plan carries"])
def test_acts_chained_to_a_plan_share_it(analyzer, text, plover):
    """Japanese te-form and とともに verbs, and act nouns under a carrier verb, have no tense of their own."""
    record = analyzer.analyze(make_article(text, date=dt.date(2024, 11, 25), lang="ja"))
    typed = [e for e in record.events if e.plover.value == plover]
    assert typed and {e.modality.value for e in typed} == {"planned"}


def test_a_chained_act_in_the_past_keeps_its_own_tense(analyzer):
    record = analyzer.analyze(make_article("北朝鮮は、日本に抗議したが、日本は北朝鮮を非難します。", date=dt.date(2024, 11, 25),
                                           lang="ja"))
    assert {e.modality.value for e in record.events if e.source == "Q423"} == {"occurred"}


def test_a_plan_coordinated_with_a_condemnation_does_not_plan_what_is_condemned(analyzer):
    text = "今回のロシア軍による侵攻は、国際秩序の根幹を揺るがすものであり、ロシアを強く非難するとともに、国際社会と連携して対応していく考えです。"
    record = analyzer.analyze(make_article(text, date=dt.date(2024, 11, 25), lang="ja"))
    invasion = [e for e in record.events if e.plover.value == "ASSAULT"]
    assert invasion and {e.modality.value for e in invasion} == {"occurred"}
def test_two_predicates_of_one_protest_share_the_addressee_named_before_them(analyzer):
    """中国に対し、外交ルートを通じて抗議をし、強く非難をいたしました: one protest (guide: one real event once), to China; the
    second predicate, with no addressee of its own, is no second, target-less event."""
    from rung.model import Article

    body = "本日、中国に対し、外交ルートを通じて直ちに抗議をし、強く非難をいたしました。"
    record = analyzer.analyze(Article(id="twopred", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    protests = [e for e in record.events if e.plover.value == "PROTEST"]
    assert protests and {e.target for e in protests} == {"Q148"}


def test_a_discussion_or_concern_with_no_party_named_is_no_event(analyzer):
    """国家安全保障会議を開催し、…議論を行いました / …を深刻に懸念しています: a deliberation or a concern with no party named is
    no event (build.yaml `needs_party_predicates_by_language`); talks with a named state and concern conveyed are. The
    deliberation reported by the government that held it is still its confirmed claim."""
    from rung.model import Article

    body = ("先ほど、国家安全保障会議を開催し、中東情勢について議論を行いました。"
            "我が国は、現地の情勢を深刻に懸念しています。"
            "日本政府は、フランスと協議を行いました。"
            "大臣は、中国に対して、重大な懸念を伝達しました。")
    record = analyzer.analyze(Article(id="party", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    by_sentence = {(e.sentence_index, e.plover.value) for e in record.events}
    assert not {(0, "CONSULT"), (1, "PROTEST")} & by_sentence
    assert {(2, "CONSULT"), (3, "PROTEST")} <= by_sentence
    assert "confirmed" in {c.status.value for c in record.claims if "議論" in c.text}


def test_an_act_named_as_an_aim_is_no_event(analyzer):
    """…による攻撃の停止や人質の早期解放に向けて努力を続ける; 緊張緩和のための取組: what is aimed at has not happened (guide:
    purposes are not events), nor has the act named inside it."""
    from rung.model import Article

    body = ("我が国は、ハマスによる攻撃の停止や、人質の早期解放に向けて、外交努力を続けていきます。"
            "我が国は、米国と連携しつつ、緊張緩和のための取組を進めていきます。")
    record = analyzer.analyze(Article(id="aim", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if e.plover.value in ("ASSAULT", "RETREAT")]


def test_what_a_teller_tells_with_no_subject_of_its_own_is_the_tellers_act(analyzer):
    """【大臣】まずバイデン大統領がミサイル攻撃に使った基地を標的としてイランを攻撃した旨,演説を行った…: the parse hangs
    バイデン大統領が on 演説を行った; the strike is Biden's, not the minister's."""
    from rung.model import Article

    body = "【大臣】まずバイデン大統領がミサイル攻撃に使った基地を標的としてイランを攻撃した旨,演説を行ったことを承知しております。"
    record = analyzer.analyze(Article(id="teller", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    strikes = [e for e in record.events if e.plover.value == "ASSAULT"]
    assert strikes and {analyzer.kb.country_of(e.source) or e.source for e in strikes} == {"Q30"}


def test_opposing_any_act_is_a_standing_position(analyzer):
    """我が国は、地域の緊張を高めるいかなる行動にも反対します: a standing position (guide: generic statements are no events);
    opposing a named plan is one."""
    from rung.model import Article

    generic = analyzer.analyze(Article(id="any1", lang="ja", body="我が国は、地域の緊張を高めるいかなる行動にも強く反対します。",
                                       outlet="Ministry of Foreign Affairs of Japan"))
    named = analyzer.analyze(Article(id="any2", lang="ja", body="我が国は、ロシアの併合計画に強く反対します。",
                                     outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in generic.events if e.plover.value == "REJECT"]
    assert [e for e in named.events if e.plover.value == "REJECT"]


def test_a_counted_platform_subject_names_its_owner(analyzer):
    """ロシア海軍の艦艇3隻が…領海に侵入しました: the counter 隻 heads the subject phrase; the ships are Russia's, so the
    intrusion is Russia's (guide: platforms are no actors, their owner is)."""
    from rung.model import Article

    body = "本日、ロシアの艦艇3隻が、我が国の領海に侵入しました。"
    record = analyzer.analyze(Article(id="counter", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert ("Q159", "MOBILIZE") in {(analyzer.kb.country_of(e.source) or e.source, e.plover.value) for e in record.events}


def test_a_clause_before_naka_is_an_act_not_an_attribute(analyzer):
    """英国は、…対露制裁を実施してきている中、今般、…: 〜している中 ('amid') is an adverbial clause, not a relative clause on
    a thing; the sanctions are the UK's act."""
    from rung.model import Article

    body = "英国は、これまで多岐にわたる対露制裁を実施してきている中、今般、新たな措置を発表したと承知しています。"
    record = analyzer.analyze(Article(id="naka", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert ("Q145", "SANCTION", "Q159") in {(e.source, e.plover.value, e.target) for e in record.events}


def test_a_noun_act_coordinated_with_a_carried_one_is_carried_on_too(analyzer):
    """我が国は、…厳しい対露制裁及びウクライナ支援に取り組んでいきます: both acts are carried on by the speaker's state."""
    from rung.model import Article

    body = "我が国は、引き続き、厳しい対露制裁及びウクライナ支援に取り組んでいきます。"
    record = analyzer.analyze(Article(id="carried", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    found = {(e.source, e.plover.value, e.target) for e in record.events}
    assert {("Q17", "SANCTION", "Q159"), ("Q17", "AID", "Q212")} <= found


def test_maneku_is_causing_not_inviting(analyzer):
    """…ミャンマー国民による更なる反発を招きかねない: 招く is 'cause' in crisis reporting, no CONSULT."""
    from rung.model import Article

    body = "このまま選挙が実施されれば、ミャンマー国民による強い反発を招きかねないと懸念しています。"
    record = analyzer.analyze(Article(id="maneku", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if e.plover.value == "CONSULT"]


def test_a_launch_aimed_at_a_party_is_an_attack_on_it(analyzer):
    """…武装勢力が、レバノン南部からイスラエルに向けて多数のロケット弾を発射しました: the rockets are fired at Israel (an
    assault), not a show of force; a launch toward a sea stays one."""
    from rung.model import Article

    body = "9日、ヒズボラが、レバノン南部からイスラエルに向けて多数のロケット弾を発射し、多数の死傷者が発生しました。"
    record = analyzer.analyze(Article(id="aimed", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    launches = [(e.plover.value, e.target) for e in record.events if e.evidence.predicate.startswith("発射")]
    assert launches == [("ASSAULT", "Q801")]


def test_talks_named_by_their_delegates_are_a_body_not_an_act(analyzer):
    """…米国、韓国及びロシアの六者会合の首席代表と会談を行いました: 六者会合の首席代表 are the talks' delegates; the talks are
    no act of the United States with South Korea or Russia."""
    from rung.model import Article

    body = "本日、岸田大臣は、米国、韓国及びロシアの六者会合の首席代表と個別に会談を行いました。"
    record = analyzer.analyze(Article(id="member", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if analyzer.kb.country_of(e.source) in ("Q30", "Q884", "Q159")
                or e.source in ("Q30", "Q884", "Q159")]


def test_an_exchange_of_views_with_no_party_named_is_no_event(analyzer):
    """…同盟国を始めとする関係国と意見交換を行い: the parse splits 意見交換 into 意見 + 交換; with no party an actor it is
    still no event (build.yaml `needs_party_predicates_by_language`)."""
    from rung.model import Article

    body = "さらに、局長は、関係国と意見交換を行い、緊密な連携を確認しました。"
    record = analyzer.analyze(Article(id="views", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if e.plover.value == "CONSULT"]


def test_any_act_named_as_what_is_prohibited_is_no_act(analyzer):
    """安保理決議は、北朝鮮によるいかなる発射も禁止をしている: 'any launch' is no launch (guide: generic statements)."""
    from rung.model import Article

    body = "我が国は、国連安保理決議が北朝鮮によるいかなる発射も禁止していることを改めて指摘しました。安保理決議は、北朝鮮によるいかなる発射も禁止をしている。"
    record = analyzer.analyze(Article(id="anylaunch", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if e.plover.value in ("MOBILIZE", "ASSAULT")]


def test_a_state_inside_which_a_named_group_sits_is_no_target(analyzer):
    """イスラエルは、レバノン国内のヒズボラの拠点に対して空爆を実施しました: the strikes are on Hezbollah; レバノン国内の only
    says where its positions are."""
    from rung.model import Article

    body = "イスラエルは、レバノン国内のヒズボラの拠点に対して空爆を実施しました。"
    record = analyzer.analyze(Article(id="inside", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    targets = {e.target for e in record.events if e.plover.value == "ASSAULT"}
    assert targets and "Q822" not in targets


def test_a_condemnation_targets_the_doer_of_the_act_it_condemns(analyzer):
    """ヒズボラが、…攻撃を執拗に継続していることを断固非難します: the condemnation is of Hezbollah."""
    from rung.model import Article

    body = "昨年以降、ヒズボラが、イスラエル北部への攻撃を執拗に継続していることを断固非難します。"
    record = analyzer.analyze(Article(id="condemned", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {e.target for e in record.events if e.plover.value == "PROTEST"} == {"Q41053"}  # Hezbollah


def test_a_passive_topic_undergoes_the_act(analyzer):
    """ウクライナはロシアに攻撃された: the topic of a passive is who undergoes the act, never a second doer."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="passive-topic", lang="ja", body="ウクライナはロシアに攻撃された。"))
    assert {(e.source, e.plover.value, e.target) for e in record.events} == {("Q159", "ASSAULT", "Q212")}


def test_what_a_phrase_is_about_is_no_party(analyzer):
    """国家安全保障会議を開催し、シリア情勢についての議論を行いました: シリア情勢についての names what was discussed, not a
    party of the discussion (so it is a government's own deliberation, no event)."""
    from rung.model import Article

    body = "先ほど、国家安全保障会議を開催し、シリア情勢についての議論を行いました。"
    record = analyzer.analyze(Article(id="about", lang="ja", body=body, outlet="Prime Minister's Office of Japan"))
    assert not [e for e in record.events if e.target == "Q858"]


def test_who_an_act_comes_from_does_it(analyzer):
    """フィリピン政府からの要請があったことを踏まえ: the request is the Philippine government's."""
    from rung.model import Article

    body = "今般、フィリピン政府からの要請があったことを踏まえ、巡視船を供与します。"
    record = analyzer.analyze(Article(id="fromwhom", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    requests = [e for e in record.events if e.plover.value == "REQUEST"]
    assert requests and {analyzer.kb.country_of(e.source) or e.source for e in requests} == {"Q928"}


def test_a_noun_act_classifying_the_subject_of_a_copula_is_no_event(analyzer):
    """本日の北朝鮮による弾道ミサイル発射は、地域の平和と安全を損なう挑発行為です: the launch is the event; 挑発行為 classifies
    it (guide: classifications are no events)."""
    from rung.model import Article

    body = "本日の北朝鮮による弾道ミサイル発射は、我が国を含む地域の平和と安全を損なう安全保障上の挑発行為です。"
    record = analyzer.analyze(Article(id="classify", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if e.plover.value == "THREATEN"]


def test_a_states_national_army_is_the_state(analyzer):
    """ミャンマー国軍が…を拘束した: 国軍 heads the subject phrase; the act is Myanmar's (guide: a country's generic military
    is the country)."""
    from rung.model import Article

    body = "2月1日、ミャンマー国軍がウィン・ミン大統領ら政府高官を拘束した。"
    record = analyzer.analyze(Article(id="kokugun", lang="ja", body=body))
    assert "Q836" in {analyzer.kb.country_of(e.source) or e.source for e in record.events if e.plover.value == "COERCE"}


def test_a_clash_of_two_named_parties_is_one_event(analyzer):
    """今般の中国船舶とベトナム船舶の衝突: one clash, China on Viet Nam (the first named acts), not two target-less acts."""
    from rung.model import Article

    body = "今般の中国船舶とベトナム船舶の衝突について、我が国として深刻に懸念しています。"
    record = analyzer.analyze(Article(id="clash", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {(e.source, e.target) for e in record.events if e.plover.value == "ASSAULT"} == {("Q148", "Q881")}


def test_an_act_coordinated_with_a_requested_one_is_asked_for_too(analyzer):
    """イスラエルに対し、即時に攻撃を停止し、部隊を撤収するよう強く求めます: one request; neither the halt nor the withdrawal is
    a second event."""
    from rung.model import Article

    body = "イスラエルに対し、即時に攻撃を停止し、部隊をガザ地区から撤収するよう強く求めます。"
    record = analyzer.analyze(Article(id="asked2", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {e.plover.value for e in record.events} == {"REQUEST"}


@pytest.mark.parametrize(("body", "plover"), [
    ("日本は米国と緊密に意思疎通を行った。", "CONSULT"),
    ("日本政府は国際刑事裁判所にロシアの戦争犯罪を付託した。", "ACCUSE"),
    ("中国海警局はフィリピンの補給船に放水した。", "ASSAULT"),
], ids=["意思疎通", "付託", "放水"])
def test_lexicon_gaps_of_government_releases(analyzer, body, plover):
    """意思疎通 (keeping in contact: the parse splits 意思 + 疎通), 付託 (referring a case to a court), 放水 (water
    cannon) are acts any crisis report names."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="lex", lang="ja", body=body, outlet="NHK"))
    assert [e.plover.value for e in record.events] == [plover]


def test_keeping_in_contact_with_no_party_named_is_no_event(analyzer):
    """関係国と緊密に意思疎通を行いつつ: with no party an actor, keeping in contact is a formula, no consultation."""
    from rung.model import Article

    body = "我が国は、引き続き、関係国と緊密に意思疎通を行いつつ、人道状況の改善に取り組みます。"
    record = analyzer.analyze(Article(id="contact", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [e for e in record.events if e.plover.value == "CONSULT"]


@pytest.mark.parametrize("body", [
    "先月に弾道ミサイルを発射するなど、北朝鮮による一連の挑発行動は、地域の平和を脅かすものである。",
    "巡航ミサイルを発射するなど、高い頻度で続く、北朝鮮による一連の挑発行動は、重大な脅威である。",
], ids=["governor", "relative-between"])
def test_an_act_given_as_an_example_is_done_by_the_doer_of_the_acts_named(analyzer, body):
    """〜を発射するなど、北朝鮮による一連の挑発行動: the launch is one of North Korea's provocations, so North Korea's, not
    the speaker's (the sentence's only actor named is North Korea; the outlet is a government office)."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="example", lang="ja", body=body, outlet="Prime Minister's Office of Japan"))
    launches = [e for e in record.events if e.plover.value in ("MOBILIZE", "ASSAULT")]
    assert launches and all((e.source_country or e.source) == "Q423" for e in launches)


def test_an_act_before_a_bare_situation_noun_is_no_relative_clause(analyzer):
    """韓国とは意思疎通を行っている状況でありますが、…: 状況 (bare) makes an aside on what is going on, as ところ and 中 do;
    the consultation is an event (a compound such as 人道状況 stays a thing a relative clause describes)."""
    from rung.model import Article

    body = "【外務大臣】韓国とは緊密に意思疎通を行っている状況でありますが、詳細については差し控えます。"
    record = analyzer.analyze(Article(id="situation", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert [e.plover.value for e in record.events] == ["CONSULT"]


def test_a_person_named_with_where_they_are_acts_and_the_verbs_chained_before_share_them(analyzer):
    """本日,フランス訪問中の岸田総理が,マクロン大統領と会談を行い,…確認しました: the が-subject hung on the final verb of
    confirming, across an ASCII comma, is the confirmer; the meeting chained before shares that doer (not the speaker's
    own voice), and 'visiting France' says where the doer is, not who acts."""
    from rung.model import Article

    body = ("【外務報道官】本日,フランス訪問中の岸田総理が,マクロン大統領と会談を行い,ウクライナ情勢について"
            "緊密に連携していくことを確認しました。")
    record = analyzer.analyze(Article(id="visiting", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    meetings = [e for e in record.events if e.plover.value == "CONSULT"]
    assert meetings and {e.source for e in meetings} == {"rung:fumio-kishida"}


def test_a_listed_persons_full_name_before_a_title_is_the_doer(analyzer):
    """上川陽子外務大臣は, 森健良外務事務次官は: the name is listed, the title heads the phrase; the person acts (the
    parse may even cut the name from its title: 岸田文雄 | 総理大臣は)."""
    from rung.model import Article

    body = "上川陽子外務大臣は、ロシアを非難した。森健良外務事務次官は、ロシアに抗議した。岸田文雄総理大臣は、ロシアを非難した。"
    record = analyzer.analyze(Article(id="titled", lang="ja", body=body))
    assert {e.source for e in record.events} == {"rung:person:yoko-kamikawa", "rung:person:takeo-mori",
                                                  "rung:fumio-kishida"}


def test_short_forms_sharing_a_token_all_act(analyzer):
    """米英両軍は: the short forms 米 and 英 sit in one token before 両軍 ('both forces'); both states act, not only
    the last one linked (and 両 marks them as the phrase's owners, as 政府 or 軍 does)."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="beiei", lang="ja", body="米英両軍は、ホーシー派の拠点を攻撃した。"))
    assert {e.source_country or e.source for e in record.events if e.plover.value == "ASSAULT"} == {"Q30", "Q145"}


def test_a_condemnation_of_an_act_on_a_party_is_aimed_at_the_doer_only(analyzer):
    """フランスはロシアによるウクライナへの侵略を非難した: the object phrase names the condemned act's doer and its target;
    the condemnation is aimed at the doer, not at the party the act hit."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="condemned-doer", lang="ja", body="フランスはロシアによるウクライナへの侵略を強く非難した。"))
    assert {(e.source_country or e.source, e.target_country or e.target) for e in record.events
            if e.plover.value == "PROTEST"} == {("Q142", "Q159")}


def test_a_place_name_cut_from_its_suffix_is_the_target_not_part_of_the_doer(analyzer):
    """ロシアによるオデーサ港への攻撃: the parse cuts オデーサ from 港 (a nominal suffix) and hangs it on ロシア; the name and
    its suffix are one noun, the port the target of the attack (its state, Ukraine), and no second party condemned."""
    from rung.model import Article

    body = "フランスは、7月23日に発生した、ロシアによるオデーサ港への攻撃を強く非難した。"
    record = analyzer.analyze(Article(id="split-place", lang="ja", body=body))
    keys = {(e.source_country or e.source, e.plover.value, e.target_country or e.target) for e in record.events}
    assert ("Q159", "ASSAULT", "Q212") in keys
    assert {k for k in keys if k[1] == "PROTEST"} == {("Q142", "PROTEST", "Q159")}


def test_a_verbal_noun_in_quotes_before_suru_is_the_predicate(analyzer):
    """フランス大統領は、ベルギー国内の二つの州を「編入」する旨発表した: the parse makes する the predicate and the quoted verbal noun a
    compound of it, so no act was read; the noun is the predicate, as unquoted (編入する)."""
    from rung.model import Article

    body = "フランス大統領は、ベルギー国内の二つの州を「編入」する旨発表した。"
    record = analyzer.analyze(Article(id="quoted-verbal-noun", lang="ja", body=body))
    assert {(e.source_country or e.source, e.plover.value, e.target_country or e.target) for e in record.events} \
        >= {("Q142", "COERCE", "Q31")}


def test_a_sentence_restating_an_earlier_statement_is_no_new_event(analyzer):
    """先月の共同声明でも述べていますとおり、我が国は…を高く評価しています: 'as the statement said' frames a restated standing
    position (guide: background), no new act; unframed, the same praise is one (SUPPORT)."""
    from rung.model import Article

    plain = "我が国は、一貫して平和的解決にコミットメントを示しているフランス政府の立場を高く評価しています。"
    framed = "先月の共同声明でも述べていますとおり、" + plain
    outlet = "Ministry of Foreign Affairs of Japan"
    said = analyzer.analyze(Article(id="said", lang="ja", body=plain, outlet=outlet))
    assert [e.plover.value for e in said.events] == ["SUPPORT"]
    assert not analyzer.analyze(Article(id="restated", lang="ja", body=framed, outlet=outlet)).events


def test_an_act_judged_unacceptable_is_no_approval_withheld(analyzer):
    """私から、北朝鮮による弾道ミサイル発射は断じて容認できない旨述べました: 'cannot tolerate' is a verdict on the launch; it
    is no (negated) approval of an ally's launches (AID), which 容認 with 発射 means elsewhere."""
    from rung.model import Article

    body = "私から、イランによる弾道ミサイル発射は断じて容認できない旨述べました。"
    record = analyzer.analyze(Article(id="unacceptable", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert not [e for e in record.events if e.plover.value in ("AID", "SUPPORT")]


def test_an_event_noun_pointing_back_is_the_act_already_told(analyzer):
    """イランによる今回の発射について抗議: 'this launch' is the launch the first sentence told, not a second one (guide: one
    real event is listed once); the protest about it is still an event."""
    from rung.model import Article

    body = "イランは本日、弾道ミサイルを発射しました。これを受け、イランによる今回の発射について、直ちにイランに対して抗議しました。"
    record = analyzer.analyze(Article(id="back-reference", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    kinds = [(e.source, e.plover.value, e.sentence_index) for e in record.events]
    assert [k for k in kinds if k[1] == "MOBILIZE"] == [("Q794", "MOBILIZE", 0)]
    assert any(k[1] == "PROTEST" for k in kinds)


def test_one_act_done_to_several_parties_is_one_event(analyzer):
    """米国、韓国及び中国の外相と会談を行った: one meeting with three parties is one event, its first party the target
    (guide: one real event is listed once; the Japanese annotators accept the other parties in its place)."""
    from rung.model import Article

    body = "本日、我が国は、米国、韓国及び中国の外相と会談を行いました。"
    record = analyzer.analyze(Article(id="several-parties", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    talks = [(analyzer.kb.country_of(e.target) or e.target) for e in record.events if e.plover.value == "CONSULT"]
    assert talks == ["Q30"]


def test_cooperation_as_the_manner_of_carried_acts_is_no_event(analyzer):
    """米国と連携しつつ、対露制裁及びウクライナ支援に取り組んでいきます: the cooperation is how the carried acts are done
    (build.yaml manner_types), no event of its own, as with 米国と連携し、制裁を科す; the carried acts stay events."""
    from rung.model import Article

    body = "我が国は、米国と連携しつつ、強力な対露制裁及びウクライナ支援にしっかり取り組んでいきます。"
    record = analyzer.analyze(Article(id="manner-carried", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    kinds = {e.plover.value for e in record.events}
    assert "COOPERATE" not in kinds and "SANCTION" in kinds


def test_an_addressee_marked_with_wa_is_no_second_topic(analyzer):
    """我が国は、中国に対しては…抗議を行った: は after に対して contrasts the addressee, it makes no topic; に対して decides
    (the target), and the sentence's topic stays the doer."""
    from rung.model import Article

    body = "我が国は、中国に対しては外交ルートで抗議を行った。"
    record = analyzer.analyze(Article(id="ni-taishite-wa", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {(e.source_country or e.source, e.plover.value, e.target_country or e.target) for e in record.events} \
        == {("Q17", "PROTEST", "Q148")}


def test_a_noun_act_named_in_a_verb_chained_to_a_requested_act_is_asked_for_too(analyzer):
    """イランが、…3者間合意の履行を含めその責任を果たすことを求めます: the agreement is named inside what is asked for (含め
    chained to 果たす), so it is no recommended event of its own (build.yaml requested_acts_not_events); the request is."""
    from rung.model import Article

    body = "イランが、地域の安定に向け、米国、イスラエル及びイランの3者間合意の履行を含めその責任を果たすことを強く求めます。"
    record = analyzer.analyze(Article(id="asked-noun", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    kinds = {e.plover.value for e in record.events}
    assert "AGREE" not in kinds and "REQUEST" in kinds


def test_a_sanction_on_those_named_with_nitsuite(analyzer):
    """駐日ロシア大使館の書記官2名について、ペルソナ・ノン・グラータを通告し: the people or bodies a について-phrase names in
    a sanction are those sanctioned."""
    from rung.model import Article

    body = "日本政府として、駐日ロシア大使館の書記官2名について、ペルソナ・ノン・グラータを通告し、国外退去を求める。"
    record = analyzer.analyze(Article(id="nitsuite", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    sanctions = [e for e in record.events if e.plover.value == "SANCTION"]
    assert sanctions and all(analyzer.kb.country_of(e.target) == "Q159" for e in sanctions)


def test_an_act_chained_to_a_performed_demand_is_performed(analyzer):
    """…ペルソナ・ノン・グラータを通告し、国外退去を求める: the declaration shares the demand's present, which a speaker
    performs as it is said (occurred), so it is no plan."""
    from rung.model import Article

    body = "日本政府として、駐日ロシア大使館の書記官2名について、ペルソナ・ノン・グラータを通告し、国外退去を求める。"
    record = analyzer.analyze(Article(id="chained", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    sanctions = [e for e in record.events if e.plover.value == "SANCTION"]
    assert sanctions and {e.modality.value for e in sanctions} == {"occurred"}


@pytest.mark.parametrize("body", [
    "昨日、中国海軍の艦艇が対馬海峡を通過した。",
    "ロシア軍は、部隊を国境付近に移動させた。",
], ids=["transit", "move"])
def test_forces_transiting_or_moved_are_mobilised(analyzer, body):
    """通過, 移動: a transit of warships and a movement of forces are MOBILIZE (guide: troop movements)."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="move", lang="ja", body=body))
    assert "MOBILIZE" in {e.plover.value for e in record.events}


def test_a_release_is_the_captors_in_a_reported_content(analyzer):
    """ハマスに拘束されていた人質が解放されたとの報に接し: what a report says is its content, no clause on the report, and a
    release with no doer named, of people a relative clause says someone held, is that captor's."""
    from rung.model import Article

    body = "本日、ハマスに拘束されていた邦人が解放されたとの報に接し、安堵しています。"
    record = analyzer.analyze(Article(id="release", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert [(e.plover.value, e.modality.value) for e in record.events if e.source == "Q38799"] == [("RETREAT", "reported")]
