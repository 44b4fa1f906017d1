"""Claims on the seed: attribution, citation and status across the article."""

from __future__ import annotations

import pytest


def _claims_in(seed_record, quote):
    index = next(s.index for s in seed_record.sentences if quote in s.text)
    return [c for c in seed_record.claims if c.sentence_index == index]


def test_us_permission_report_is_declined_to_comment(seed_record):
    [western] = [c for c in _claims_in(seed_record, "西側メディアは") if c.attributed_to == "rung:western-media"]
    assert western.status.value == "declined_to_comment" and western.cites == "unnamed"
    events = {e.id: e for e in seed_record.events}
    assert any(events[i].plover.value == "AID" and events[i].source_country == "Q30" for i in western.event_ids)
    assert any(rule.startswith("status:declined_to_comment") for rule in western.evidence.rules)


def test_french_report_stays_unconfirmed(seed_record):
    [french] = [c for c in _claims_in(seed_record, "フランスメディアによれば") if c.attributed_to == "rung:french-media"]
    assert french.status.value == "unconfirmed"


def test_speakers_and_stances(seed_record):
    by_speaker = {c.attributed_to: c for c in seed_record.claims}
    assert by_speaker["Q317521"].stance == "agree"          # Musk 同意
    assert by_speaker["Q3611005"].stance == "positive"      # Alex Soros 素晴らしいニュース
    # Maduro's 「狂気の段階に入った」と、 is a quote with no speech verb (a list of reactions): the clause layer
    # does not give it a speaker yet (closing note of the clause-layer issue).
    assert by_speaker["Q7747"].status.value == "asserted"   # Putin


def test_agentless_attribution_is_the_authors_unconfirmed_report(seed_record):
    [claim] = _claims_in(seed_record, "前例のない事態が引き起こされる可能性が指摘")
    assert (claim.attributed_to, claim.cites, claim.status.value) == ("rung:author", "unnamed", "unconfirmed")


def test_claimreview_export(seed_record, analyzer):
    from rung.claims.claimreview import claim_review

    claim = next(c for c in seed_record.claims if c.attributed_to == "Q9684")
    review = claim_review(claim, seed_record.article, analyzer.kb)
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == claim.text
    assert review["itemReviewed"]["author"]["sameAs"] == "https://www.wikidata.org/wiki/Q9684"
    assert review["reviewRating"]["alternateName"] == claim.status.value
    assert review["datePublished"] == "2024-11-25"


def test_a_call_partner_in_the_title_is_not_the_speaker(analyzer):
    """「プーチン・ロシア大統領との電話会談についての会見」 is the Japanese side speaking about the call: its remarks are not
    Putin's claims (the publisher, the Prime Minister's Office, speaks), while a title naming the speaker makes them his."""
    from rung.model import Article

    body = "私の方からウクライナ情勢について重大な懸念を伝えました。"
    partner = analyzer.analyze(Article(id="t1", lang="ja", title="プーチン・ロシア大統領との電話会談についての会見", body=body,
                                       outlet="Prime Minister's Office of Japan"))
    speaker = analyzer.analyze(Article(id="t2", lang="ja", title="プーチン大統領の演説", body=body))
    assert partner.claims and all(c.attributed_to != "Q7747" for c in partner.claims)
    assert speaker.claims and all(c.attributed_to == "Q7747" for c in speaker.claims)


def test_an_announcement_relayed_by_an_outlet_is_the_announcers_claim(analyzer):
    """「NHKによると、北朝鮮は…と発表した」: North Korea announced its own act (confirmed); NHK only relays it, even when
    the parser hangs the topic on the outlet's phrase."""
    from rung.model import Article

    body = "日本放送協会 (NHK) によると、朝鮮民主主義人民共和国(北朝鮮)は同国が核実験を行ったと、朝鮮中央通信を通じて発表した。"
    record = analyzer.analyze(Article(id="relay", lang="ja", body=body))
    assert {(c.attributed_to, c.status.value) for c in record.claims} == {("Q423", "confirmed")}


def test_toiu_naming_a_case_is_no_hearsay_and_a_question_asserts_nothing(analyzer):
    """〜という事案が発生しました names the case the speaker reports (its own claim), while 〜という情報 is hearsay; a
    journalist's question (【記者】) asserts nothing even when it repeats a report."""
    from rung.model import Article

    body = ("【共同通信 記者】外務省発表によれば、中国に抗議したということですが、説明していただきたいと思います。\n"
            "【外務報道官】中国の船が我が国の領海に侵入しているという事案が発生しました。")
    record = analyzer.analyze(Article(id="toiu", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    by_sentence = {c.sentence_index: c for c in record.claims}
    assert 0 not in by_sentence  # the question
    assert by_sentence[1].attributed_to == "rung:ministry-of-foreign-affairs-japan"


def test_an_agentless_thought_passive_in_a_statement_is_the_speakers_hedge(analyzer):
    """「戦争犯罪が行われたと考えられる」 in the ministry's own statement: the ministry's unconfirmed claim, not
    hearsay from nobody."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="hedge", lang="ja", body="我が国としても、戦争犯罪が行われたと考えられます。",
                                      outlet="Ministry of Foreign Affairs of Japan"))
    assert record.claims and all(c.status.value == "unconfirmed" and c.attributed_to != "rung:author"
                                 and analyzer.kb.country_of(c.attributed_to) in (None, "Q17") for c in record.claims)


def test_a_readouts_official_marked_by_kara_speaks_the_main_verb(analyzer):
    """岩屋外務大臣から、…旨述べました: the minister speaks, not the publishing ministry; with 私の方から nearest the main
    verb, the earlier プーチン大統領からは speaks only his own subordinate clause."""
    from rung.model import Article

    readout = ("岩屋毅外務大臣は、ダール外相と電話会談を行いました。"
               "これに対し岩屋大臣から、テロはいかなる理由によっても正当化できない旨伝えました。")
    record = analyzer.analyze(Article(id="kara", lang="ja", body=readout, outlet="Ministry of Foreign Affairs of Japan"))
    speakers = {analyzer.kb.get(c.attributed_to).name for c in record.claims if c.sentence_index == 1}
    assert "Takeshi Iwaya" in speakers
    mine = analyzer.analyze(Article(id="kara2", lang="ja", outlet="Prime Minister's Office of Japan", body=(
        "プーチン大統領からは、ロシア側の立場について説明がなされたのに対し、私の方から、外交的な努力により問題を解決することの"
        "必要性について重ねて強調いたしました。")))
    assert "Q7747" not in {c.attributed_to for c in mine.claims}


@pytest.mark.parametrize(("body", "status"), [
    # a demand or a condemnation performed as it is said asserts (guide, Claims: 'speech acts performed as they are
    # said ... demands'); the same act reported as done confirms ('a ministry saying it protested')
    ("我が国は、ロシアに対し、部隊を撤収するよう強く求めます。", "asserted"),
    ("我が国は、北朝鮮に対し、厳重に抗議しました。", "confirmed"),
    # an expulsion said as a demand is an act the state carries out
    ("我が国は、ロシア大使館の外交官8名の国外退去を求める。", "confirmed"),
])
def test_a_speech_act_performed_as_said_asserts_and_one_reported_done_confirms(analyzer, body, status):
    from rung.model import Article

    record = analyzer.analyze(Article(id="perf", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {c.status.value for c in record.claims} == {status}


def test_what_a_spokesperson_says_for_japan_in_a_turn_is_the_spokespersons_claim(analyzer):
    """【小林外務報道官】我が国としては、…お答えすることは差し控えます: in a transcript what a named official answers is
    that official's claim (guide, Claims), even when the official speaks as 我が国."""
    from rung.model import Article

    body = ("【小林外務報道官】まず、攻撃の法的評価についてですが、我が国は、直接の当事者ではなく、詳細な事実関係を把握する"
            "立場にありませんので、日本政府として、確定的な法的評価を行うことは差し控えます。")
    record = analyzer.analyze(Article(id="turn", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    declined = [c for c in record.claims if c.status.value == "declined_to_comment"]
    assert declined and {analyzer.kb.get(c.attributed_to).type.value for c in declined} == {"person"}


def test_the_own_side_speaking_in_a_ministrys_release_is_one_source(analyzer):
    """我が国は、…を期待します in a ministry's release, and the same 我が国 sharing two speech verbs: the ministry's
    claim throughout, never a second source (Japan) beside the ministry (guide, Claims: what speaks for a state is
    that state; the scorer counts distinct source-status pairs)."""
    from rung.model import Article

    for body in ["我が国は、双方が対話を通じて問題を平和的に解決することを強く期待します。",
                 "我が国は、国境地帯で発生した衝突に関し、深い懸念を表明するとともに、犠牲者に哀悼の意を表明します。"]:
        record = analyzer.analyze(Article(id="side", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
        assert record.claims and {c.attributed_to for c in record.claims} == {"rung:ministry-of-foreign-affairs-japan"}


def test_the_subject_of_a_condemned_act_is_not_the_speaker(analyzer):
    """我が国としては、Xが…妨害し続けていることを非難します: X is the doer of what is condemned, not the one who
    condemns; the claim is the publishing ministry's, asserted (a condemnation performed as it is said)."""
    from rung.model import Article

    body = "我が国としては、武装勢力フーシ派が、紅海における船舶の航行を妨害し続けていることを改めて非難します。"
    record = analyzer.analyze(Article(id="cond", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {(c.attributed_to, c.status.value) for c in record.claims} == {
        ("rung:ministry-of-foreign-affairs-japan", "asserted")}


def test_a_refusal_in_the_passive_is_no_hearsay(analyzer):
    """…国際法違反であり、決して認められません in a ministry's release: 認められない refuses (cannot be accepted); it
    reports nothing heard, so no unnamed source's claim comes of it."""
    from rung.model import Article

    body = "北朝鮮による今回の発射は、関連する安保理決議とも相容れないものであり、決して認められません。"
    record = analyzer.analyze(Article(id="pass", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert record.claims and all(c.cites is None and c.status.value == "asserted" for c in record.claims)


def test_a_speech_verb_inside_a_named_speakers_words_is_the_speakers(analyzer):
    """上川大臣から、…これが…エスカレートすることを懸念している旨述べました: 懸念 is said inside the minister's words;
    its subject phrase (これが…) names no one, so no unnamed source speaks: the minister says it all."""
    from rung.model import Article

    body = ("上川陽子外務大臣は、外相と会談を行いました。そして、上川大臣から、今回の事態によりロシア・ウクライナ双方において"
            "市民に犠牲者が出ることは痛ましい旨述べつつ、これが今後更なる攻撃を招き、エスカレートすることを懸念している旨述べました。")
    record = analyzer.analyze(Article(id="nest", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert not [c for c in record.claims if c.cites == "unnamed"]
    assert "Yoko Kamikawa" in {analyzer.kb.get(c.attributed_to).name for c in record.claims if c.sentence_index == 1}


@pytest.mark.parametrize("body", [
    ("会談では、地域情勢についても議論を行い、一方的な現状変更の試みが継続していることに対する強い懸念を伝達するとともに、"
     "中国に対して強い自制を求めました。"),
    "我が国は、国境付近で緊張が高まっていることに対する強い懸念を伝達しました。",
])
def test_a_concern_conveyed_is_no_hedge(analyzer, body):
    """懸念 marks what is feared as possible, but conveying a concern hedges nothing the speaker says (cues.yaml
    claim_words.not_hedges); the guide's hedges are とみられる, 模様, 可能性."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="kenen", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert record.claims and not [c for c in record.claims if c.status.value == "unconfirmed"]


def test_a_speech_noun_with_no_speaker_is_said_by_whoever_conveys_it(analyzer):
    """防衛大臣は、…が続いていることに強い懸念を伝えました: the concern is the minister's, conveyed by him; it is no
    unnamed source's report."""
    from rung.model import Article

    body = "防衛大臣は、中国側に対し、一方的な現状変更の試みが続いていることに強い懸念を伝えました。"
    record = analyzer.analyze(Article(id="noun", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert record.claims and not [c for c in record.claims if c.cites == "unnamed" or c.attributed_to == "rung:author"]


def test_what_an_official_conveys_in_a_readout_is_the_officials_act_and_word(analyzer):
    """ダール外相から…説明がありました。これに対し岩屋大臣から、…テロ行為を断固として非難する旨伝えました: the condemnation is
    Iwaya's act and claim, not the earlier speaker's."""
    from rung.model import Article

    body = ("岩屋毅外務大臣は、ダール外相と電話会談を行いました。冒頭、ダール外相から、パキスタン側の立場について説明がありました。"
            "これに対し岩屋大臣から、あらゆる形態のテロ行為を断固として非難する旨伝えました。")
    record = analyzer.analyze(Article(id="kara3", lang="ja", body=body))
    protests = [e for e in record.events if e.plover.value == "PROTEST"]
    assert protests and {analyzer.kb.get(e.source).name for e in protests} == {"Takeshi Iwaya"}


def test_a_passive_conveying_verb_keeps_its_kara_speaker(analyzer):
    """マティス長官からも同様の立場が示され、…コミットメントが改めて示された: Mattis speaks (からも, a passive 示す)."""
    from rung.model import Article

    body = ("本日、マティス米国防長官と電話会談を行いました。"
            "また、マティス長官からも同様の立場が示され、日本を防衛するゆるぎないコミットメントが改めて示されたところです。")
    record = analyzer.analyze(Article(id="karamo", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert "James Mattis" in {analyzer.kb.get(c.attributed_to).name for c in record.claims if c.sentence_index == 1}


def test_a_speech_verb_describing_a_noun_makes_no_claim(analyzer):
    """中国が公表していた演習区域, 当局が発表する情報: the speech verb only says which area or information is meant; China
    claims nothing here and confirms nothing the ministry reports."""
    from rung.model import Article

    body = ("北朝鮮は本日、弾道ミサイルを発射した模様です。"
            "ミサイルは、中国が公表していた演習区域の中に落下したものと推定されます。"
            "邦人の皆様は、現地当局が発表する情報に注意してください。")
    record = analyzer.analyze(Article(id="relspeech", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    speakers = {analyzer.kb.get(c.attributed_to).name for c in record.claims if analyzer.kb.get(c.attributed_to)}
    assert "China" not in speakers and not any("official" in s.lower() for s in speakers)
    [first] = [c for c in record.claims if c.sentence_index == 0]
    assert first.status.value == "unconfirmed"


@pytest.mark.parametrize("first", [
    # …査証の発給を停止するとともに、資産の凍結などを行います: the stop takes the tense of the final verb, a plan; the
    # ministry's claim is asserted (guide: plans)
    "第一に、ロシアの関係者に対して、日本への査証の発給を停止するとともに、資産の凍結などを行います。",
    # 我が国は…主張に改めて反対し、引き続き…懸念しています: opposing and being concerned are views (asserted)
    "我が国は、東シナ海において、国際法と整合的でない主張をすることに改めて反対し、引き続き、現場の状況を深刻に懸念しています。",
], ids=["an act coordinated into a plan", "holding a view"])
def test_plans_and_views_are_asserted_where_an_act_carried_out_is_confirmed(analyzer, first):
    """The first sentence is asserted; 抗議しました after it reports an act carried out (confirmed)."""
    from rung.model import Article

    body = first + "また、北朝鮮に対して外交ルートを通じて厳重に抗議しました。"
    record = analyzer.analyze(Article(id="s", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    status = {c.sentence_index: c.status.value for c in record.claims}
    assert status == {0: "asserted", 1: "confirmed"}


def test_a_weapon_taken_for_a_dropped_subject_says_nothing(analyzer):
    """弾道ミサイルは…落下しました。詳細を分析した上で、改めてお知らせしたいと考えております: the dropped subject of 考える
    may be read as the missile, the last topic; a weapon asserts nothing, so no claim is the missile's."""
    from rung.model import Article

    body = ("本日、北朝鮮から弾道ミサイルが発射されました。当該ミサイルは、日本海に落下したと推定されます。"
            "その分析をいたしました上で、再度、皆様方にもお知らせをしたいと考えております。")
    record = analyzer.analyze(Article(id="mute", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    types = {analyzer.kb.get(c.attributed_to).type.value for c in record.claims if analyzer.kb.get(c.attributed_to)}
    assert record.claims and not types & {"weapon", "place"}


def test_a_report_received_with_to_no_is_hearsay_and_none_received_is_none(analyzer):
    """〜が解放されたとの報に接し: what the report says is an unnamed source's (unconfirmed); 〜との情報には接していません and
    〜との情報はない receive no report, so no unnamed source speaks."""
    from rung.model import Article

    unnamed = lambda body: [c for c in analyzer.analyze(Article(id="ho", lang="ja", body=body,
                                                                outlet="Ministry of Foreign Affairs of Japan")).claims
                            if c.cites == "unnamed"]
    [claim] = unnamed("本日、武装勢力に拘束されていた貨物船の乗組員が解放されたとの報に接し、安堵しています。")
    assert claim.status.value == "unconfirmed"
    assert not unnamed("現時点までに邦人が被害を受けたとの情報には接していません。")
    assert not unnamed("これまでのところ、在留邦人に被害等が出たとの情報はない。")


def test_what_a_question_says_others_said_is_no_claim(analyzer):
    """【記者】…大統領は声明で、全ての国が…をやめるよう協力を呼びかけています。…でしょうか: the journalist's question
    repeats the president's call; it asserts nothing, so the president has no claim from it."""
    from rung.model import Article

    body = ("【記者】フランスのマクロン大統領は声明で、全ての国が地域での戦闘をやめるよう協力を呼びかけています。日本として支持はするのでしょうか。\n"
            "【外務大臣】事実関係の確認に努めている段階です。")
    record = analyzer.analyze(Article(id="q", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert record.claims and all(c.sentence_index not in (0, 1) for c in record.claims)


def test_a_person_speaks_not_the_country_describing_them():
    """中国訪問中の山田局長が、…連携していくことを確認しました: the speaker phrase names China only to say where the
    director-general is (its actors: China, then him); he speaks, not China."""
    from rung.claims.build import ClaimBuilder
    from rung.clauses import Attribution, Clause, Evidential, Link
    from rung.model import Actor, Sentence

    actors = {a.id: a for a in (Actor(id="Q148", name="China", type="state"),
                                Actor(id="rung:person:yamada", name="Yamada", type="person", country="Q17"))}

    class KB:
        get = staticmethod(actors.get)
        country_of = staticmethod(lambda actor_id: getattr(actors.get(actor_id), "country", None))

    text = "中国訪問中の山田局長が、関係国と緊密に連携していくことを確認しました。"
    said = Attribution(kind=Evidential.said, verb="確認", speakers=["Q148", "rung:person:yamada"], rule="speech:ga")
    clauses = [Clause(index=0, sentence=0, predicate="連携", text="連携", start=20, end=22, parent=1,
                      link=Link.complement, attribution=said),
               Clause(index=1, sentence=0, predicate="確認", text="確認", start=31, end=33, speech=True)]
    claims = ClaimBuilder(KB(), performed_types=()).build("a", [Sentence(index=0, start=0, end=len(text), text=text)],
                                                          clauses, [])
    assert {c.attributed_to for c in claims} == {"rung:person:yamada"}


def test_an_agentless_confirmed_is_the_voices_confirmation_or_the_narrators_fact(analyzer):
    """…消失したことが確認されました in a ministry's release: the ministry confirms it; …侵犯したのが確認されたのは初めて in
    a news report: the narrator's own fact, no unnamed source's hearsay."""
    from rung.model import Article

    release = analyzer.analyze(Article(id="c1", lang="ja", outlet="Ministry of Defense of Japan",
                                       body="その後、探知した物体は日本海上空でレーダーから消失したことが確認されました。"))
    assert {c.status.value for c in release.claims} == {"confirmed"}
    news = analyzer.analyze(Article(id="c2", lang="ja", body="なお、中国軍の航空機が日本の領空に侵犯したのが確認されたのは初めて。"))
    assert not [c for c in news.claims if c.cites == "unnamed"]


def test_the_topic_of_a_passive_thought_verb_is_what_is_thought_not_the_thinker(analyzer):
    """中国は…構築を目指していると考えられます in a ministry's release: China is what the passive 考えられる is about; the
    ministry hedges (unconfirmed), China says nothing."""
    from rung.model import Article

    body = "その上で、中国はより遠方の海空域における作戦遂行能力の構築を目指していると考えられます。"
    record = analyzer.analyze(Article(id="topic", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert {(c.attributed_to, c.status.value) for c in record.claims} == {
        ("rung:ministry-of-defense-japan", "unconfirmed")}


def test_seen_is_no_hedge_but_to_mirareru_is(analyzer):
    """状況改善の兆しが見られない reports what is (not) seen: asserted; 〜を発射したとみられます hedges: unconfirmed."""
    from rung.model import Article

    body = ("多くの人々が拘束され、暴力が継続するなど、状況改善の兆しが見られない状況が継続していることを深刻に懸念します。"
            "北朝鮮は本日、弾道ミサイルを発射したとみられます。")
    record = analyzer.analyze(Article(id="mirareru", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {(c.sentence_index, c.status.value) for c in record.claims} == {(0, "asserted"), (1, "unconfirmed")}


def test_an_act_no_event_type_names_confirms_when_done_by_the_speakers_side_ja(analyzer):
    """我が国は、…議論に積極的に関与してきました: the party's own act, though no event type names it (confirmed)."""
    from rung.model import Article

    body = "我が国は、これまでも和平に向けた国際的な議論に積極的に関与してきました。"
    record = analyzer.analyze(Article(id="kanyo", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {c.status.value for c in record.claims} == {"confirmed"}


def test_voicing_a_view_is_asserted(analyzer):
    """我が国は、…衝突に関し、深い懸念を表明するとともに、…哀悼の意を表明します: expressing concern voices a view, no act
    carried out (asserted)."""
    from rung.model import Article

    body = "我が国は、国境地帯において発生した武力衝突に関し、深い懸念を表明するとともに、犠牲となった方々に深い哀悼の意を表明します。"
    record = analyzer.analyze(Article(id="voice", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert record.claims and {c.status.value for c in record.claims} == {"asserted"}


@pytest.mark.parametrize("body", [
    # conveying a position to an envoy, reported as done
    "本日、外務審議官は、駐日大使を召致の上、同大使に対して、我が国の立場を伝達しました。",
    # an instruction given, the light verb's object naming the act
    "これを受け、大臣から、関係部局に対し、情報収集に万全を期すよう指示を出しました。",
    # measures put out, ongoing
    "我が国は、関係国と緊密に連携し、迅速に厳しい措置を打ち出しています。",
], ids=["conveyed", "instruction given", "measures put out"])
def test_an_officials_act_of_office_reported_done_confirms(analyzer, body):
    """伝達しました, 指示を出しました, 措置を打ち出しています in a ministry's release: acts the party's side carried out,
    though no event type names them (guide: confirmed)."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="office", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert "confirmed" in {c.status.value for c in record.claims}


def test_a_speech_verb_negated_with_no_subject_in_a_statement_is_the_speakers_reserve(analyzer):
    """…繰り返される可能性というのは否定できない状況にあると分析 in a ministry's release: 'cannot deny' is the ministry's
    own hedge (unconfirmed), no unnamed source's report and no denial."""
    from rung.model import Article

    body = "今後、同様の発射が繰り返される可能性というのは否定できない状況にあると分析しております。"
    record = analyzer.analyze(Article(id="hitei", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert {(c.attributed_to, c.cites, c.status.value) for c in record.claims} == {
        ("rung:ministry-of-defense-japan", None, "unconfirmed")}


def test_making_something_public_is_no_confirmation(analyzer):
    """中国国防省は…映像を公表しました: publishing material confirms no report (guide: confirmed is an explicit 確認した or
    an act of the source's own side); the ministry's claim is asserted."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="kohyo", lang="ja", body="中国国防省は本日、演習の映像を公表しました。"))
    assert [c.status.value for c in record.claims] == ["asserted"]


@pytest.mark.parametrize(("body", "denied"), [
    # the account verb's named subject
    ("当該船舶が、中国側が主張するような違法な操業を行ったという事実は全くありません。", {"Q148"}),
    # the party named inside a phrase headed by the account noun
    ("北朝鮮による今回の発射は衛星の打ち上げであるといった主張は、関連する安保理決議に反しており、決して受け入れられません。",
     {"Q423"}),
    # an account of the speaker's own side is not what it rejects
    ("我が国の艦艇が、同国が主張するような危険な行為を行ったという事実はありません。", set()),
], ids=["account verb", "account noun", "own side"])
def test_an_account_the_speaker_rejects_is_its_owners_denied_claim(analyzer, body, denied):
    """Xが主張するような…という事実は全くない, Xによる…といった主張は…に反しており in a ministry's release: the party whose
    account is rejected has a denied claim (guide, Claims: denied)."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="reject", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {c.attributed_to for c in record.claims if c.status.value == "denied"} == denied


def test_a_possible_thing_named_is_no_hedge_of_what_is_said_of_it(analyzer):
    """北朝鮮が、弾道ミサイルの可能性があるものを発射したことは…挑発行為です: 'a possible ballistic missile' names what was
    launched; the statement about the launch is asserted. 当該ミサイルは新型の可能性があります hedges (unconfirmed)."""
    from rung.model import Article

    body = ("本日、北朝鮮が、弾道ミサイルの可能性があるものを発射したことは、地域の平和と安全を脅かす挑発行為です。"
            "当該ミサイルは新型の可能性があります。")
    record = analyzer.analyze(Article(id="named", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert {(c.sentence_index, c.status.value) for c in record.claims} == {(0, "asserted"), (1, "unconfirmed")}


def test_a_declined_answer_is_the_turns_speakers_not_a_colleagues(analyzer):
    """【外務報道官】…お答えすることは差し控えますが、…局長は、…確認をいたしました: the parse hangs 差し控える on the later
    verb and lends it the director-general as subject; the refusal is the answering spokesperson's, and the answer
    declined (お答えする) is no speech act of the director-general's."""
    from rung.model import Article

    body = ("【記者】今後の対応についてお聞かせください。\n【小野外務報道官】今後の対応について、予断を持ってお答えすることは"
            "差し控えますが、今般の発射を受け、山田アジア大洋州局長は、本日、米国の特別代表との間で電話協議を行い、"
            "日米の緊密な連携を改めて確認をいたしました。")
    record = analyzer.analyze(Article(id="decline", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    declined = {analyzer.kb.get(c.attributed_to).name for c in record.claims
                if c.status.value == "declined_to_comment" and analyzer.kb.get(c.attributed_to)}
    assert declined == {"Hikariko Ono"}


@pytest.mark.parametrize("body", [
    # a hedged speech verb in a reason clause, the own act on the main line
    "我が国としても、重大な人権侵害が行われたと考えられることを理由に、この事態を国際機関に付託しており、今後の調査の進展を期待します。",
    # a condemnation performed as said, coordinated with an act carried out
    "我が国は、今回の攻撃を断固非難するとともに、関係国と緊密に連携し、迅速に厳しい措置を打ち出しています。",
], ids=["beside a hedge", "beside a condemnation"])
def test_an_own_act_on_the_main_line_beside_a_speech_verb_confirms(analyzer, body):
    """Beside what a speech verb in the sentence says, the main verb of a ministry's release reports an act of its own
    side carried out (付託しており, 措置を打ち出しています): the ministry's confirmed claim."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="main", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert "confirmed" in {c.status.value for c in record.claims}


def test_a_voiced_te_form_of_the_ongoing_is_no_plan(analyzer):
    """我が国は、米国と緊密に連携して、この問題に取り組んでいます: 〜んでいる is the ongoing aspect as 〜している is (the
    voiced te-form of 取り組む); the cooperation is carried out (occurred) and the ministry's claim confirmed, not a plan."""
    from rung.model import Article

    body = "我が国は、米国と緊密に連携して、この問題に取り組んでいます。"
    record = analyzer.analyze(Article(id="ongoing", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {e.modality.value for e in record.events if e.plover.value == "COOPERATE"} == {"occurred"}
    assert {c.status.value for c in record.claims} == {"confirmed"}


@pytest.mark.parametrize(("body", "speaks"), [
    ("ロシア国防省は、今回の攻撃による民間人の被害はないとしている。", True),  # an adjective in い before と
    ("ロシア国防省は、攻撃は自衛のための措置だったとした。", True),  # a noun with its copula
    ("同国は、新たな能力の獲得を可能とする技術の開発を続けている。", False),  # a na-adjective: what is made possible
    ("イタリアも同様の措置を決定したとされている。", False),  # the passive: hearsay with no one named
], ids=["adjective", "copula", "made possible", "passive"])
def test_a_light_verb_after_a_quoted_statement_says_it(analyzer, body, speaks):
    """〜はないとしている, 〜だったとした in a news report: 'X maintains that', the subject's claim; 〜を可能とする states
    nothing, and 〜とされている is hearsay (`hearsay`), no light verb's claim."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="tosuru", lang="ja", body=body))
    assert bool([c for c in record.claims if c.evidence.predicate == "する"]) is speaks


def test_a_light_verb_carrying_a_speech_noun_says_its_complement(analyzer):
    """プーチン大統領は、ロシア軍が…を攻撃した旨、演説を行った: 演説を行う says what the 旨-clause states; the attack is his
    state's act, so his claim is confirmed (before, no one said it)."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="enzetsu", lang="ja",
                                      body="プーチン大統領は、ロシア軍がウクライナ東部の拠点を攻撃した旨、演説を行った。"))
    assert {(c.attributed_to, c.status.value) for c in record.claims} == {("Q7747", "confirmed")}


def test_a_condemnation_in_the_non_past_inside_what_is_conveyed_is_performed_as_said(analyzer):
    """岩屋大臣から、…攻撃を断固として非難する、また、…重要である旨伝えました: the minister's condemnation is performed in the words he
    conveys (non-past), no act reported done; his claim is asserted, not confirmed."""
    from rung.model import Article

    body = ("本日、岩屋毅外務大臣は、ヨルダンの外相と電話会談を行いました。これに対し岩屋大臣から、いかなる暴力も正当化できず、"
            "民間人への攻撃を断固として非難する、また、事態の早期沈静化が重要である旨伝えました。")
    record = analyzer.analyze(Article(id="quoted", lang="ja", body=body, outlet="Ministry of Foreign Affairs of Japan"))
    assert {c.status.value for c in record.claims if c.sentence_index == 1} == {"asserted"}


def test_what_the_own_side_will_do_said_with_no_subject_is_the_statements_speakers(analyzer):
    """…長官からも同様の立場が示されたところです。また、…緊密に連携していくことや、…強化していくことを確認しました: the
    confirming verb has no subject in its sentence and what it says is the ministry's side's plans; the ministry says
    it, not the last sentence's topic, the US secretary."""
    from rung.model import Article

    body = ("本日、オースティン米国防長官との間で電話会談を行いました。また、オースティン長官からも同様の立場が示されたところです。"
            "また、今後の対応について緊密に連携していくことや、同盟の抑止力を一層強化していくことを確認しました。")
    record = analyzer.analyze(Article(id="topic", lang="ja", body=body, outlet="Ministry of Defense of Japan"))
    assert {c.attributed_to for c in record.claims if c.sentence_index == 2} == {"rung:ministry-of-defense-japan"}
