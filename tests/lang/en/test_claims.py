"""English claims: attribution chains, unnamed sources, media reports, official responses, ClaimReview."""

from __future__ import annotations

import pytest

from rung.claims import AUTHOR, UNNAMED
from rung.claims.claimreview import claim_review

# (text, expected claims as (sentence, attributed_to, cites, status))
CLAIM_CASES = [
    ("Two senior U.S. officials, who spoke on condition of anonymity, said Israel had struck Iran.",
     [(0, AUTHOR, UNNAMED, "unconfirmed")]),
    ("Israel struck Iran, according to people familiar with the matter.", [(0, AUTHOR, UNNAMED, "unconfirmed")]),
    ("Israel reportedly struck Iran.", [(0, AUTHOR, UNNAMED, "unconfirmed")]),
    ("Israel struck Iran.", []),  # the narrator's own statement is no claim (guide, Claims)
    ("The Israeli military said it had struck Iran.", [(0, "Q801", None, "confirmed")]),  # its own state's act
    ("Iran attacked Israel, according to Israel's foreign ministry.", [(0, "Q801", None, "asserted")]),
    # a named outlet's report is its assertion; only unnamed media make it unconfirmed (guide, Claims)
    ("Reuters reported that Iran had shipped missiles to Russia.", [(0, "Q130879", None, "asserted")]),
    ("Iran has shipped missiles to Russia, Reuters reported. Iran denied the report. The Kremlin declined to comment.",
     [(0, "Q130879", None, "denied"), (1, "Q794", None, "asserted"), (2, "Q159", None, "declined_to_comment")]),
    ("Ukraine struck a Russian airfield, Russia said. Kyiv did not immediately comment.",
     [(0, "Q159", None, "asserted"), (1, "Q212", None, "declined_to_comment")]),
    ("Iran condemned Israel's strikes.", [(0, "Q794", None, "asserted")]),
    # a speech act in the present inside what is said is performed as it is said: asserted, not an act reported done
    ('The British foreign secretary said: "The United Kingdom stands with Ukraine."', [(0, "Q145", None, "asserted")]),
    # 'cannot' denies an ability: no hedge (cues.yaml claim_words.not_hedges), unlike 'may' or 'might'
    ('The British foreign secretary said: "Force cannot be used to resolve the dispute between Armenia and Azerbaijan."',
     [(0, "Q145", None, "asserted")]),
    # 'As X highlighted, ...': the speech verb hangs off what is said, and its subject says it
    ("As Secretary Austin highlighted, the fighting must stop.", [(0, "Q30", None, "asserted")]),
    ("As the Japanese foreign minister made clear, the talks will go on.", [(0, "Q17", None, "asserted")]),
    # reports no one is named for, cited inside a sentence: an unnamed source's claim, unconfirmed
    ("The council met on Friday after reports of shelling near the border.", [(0, AUTHOR, UNNAMED, "unconfirmed")]),
    ("Japan said it would raise the alleged abduction of its citizens at the summit.",
     [(0, "Q17", None, "asserted"), (0, AUTHOR, UNNAMED, "unconfirmed")]),
    # 'maintain', 'respond', 'add' speak only with what is said (a that-clause, a quote)
    ("NATO plays a key role in maintaining peace in Kosovo.", []),
    ("NATO will respond quickly to violations of the ceasefire.", []),
    ("Russia maintained that Ukraine had shelled the city.", [(0, "Q159", None, "asserted")]),
    # two modals do not stack: 'might' before 'cannot' is the noun, no hedge
    ('The British foreign secretary said: "Military might cannot settle the dispute over the border."',
     [(0, "Q145", None, "asserted")]),
    # 'assess' hedges only what it says ('we assess that ...'), not a need it sets out to gauge
    ('The British foreign secretary said: "Aid agencies are working to assess humanitarian need."',
     [(0, "Q145", None, "asserted")]),
]


def _roll(kb, actor_id):
    """States for officials and institutions; media outlets and the author stay themselves."""
    actor = kb.get(actor_id)
    if actor is not None and actor.type.value == "generic":
        return AUTHOR  # 'U.S. officials' is a role, not a source: scored as unnamed, like the author's report
    if actor is None or actor.type.value == "media":
        return actor_id
    return kb.country_of(actor_id) or actor_id


@pytest.mark.parametrize(("text", "expected"), CLAIM_CASES, ids=[c[0][:40] for c in CLAIM_CASES])
def test_claim_case(english, analyzer, text, expected):
    record = english(text)
    found = {(c.sentence_index, _roll(analyzer.kb, c.attributed_to), c.cites, c.status.value) for c in record.claims}
    assert found == set(expected)


def test_claims_cover_their_events_and_record_the_rule(english):
    record = english("Two senior U.S. officials, who spoke on condition of anonymity, said Israel had struck Iran.")
    (claim,) = record.claims
    assert claim.event_ids == [e.id for e in record.events] and record.events
    assert claim.evidence.rules == ["claim:said:unnamed"]
    assert record.article.body[claim.span.start:claim.span.end] == claim.text


def test_stance_of_a_verbal_act(english):
    (claim,) = english("Iran condemned Israel's strikes.").claims
    assert claim.stance == "negative"
    (claim,) = english("The United States welcomed the agreement between Armenia and Azerbaijan.").claims
    assert claim.stance == "positive"


def test_claimreview_export_of_an_english_claim(english, analyzer):
    record = english("Iran has shipped missiles to Russia, Reuters reported. Iran denied the report.")
    review = claim_review(record.claims[0], record.article, analyzer.kb)
    assert review["@type"] == "ClaimReview"
    assert "shipped missiles" in review["claimReviewed"]
    assert review["reviewRating"]["alternateName"] == "denied"  # Iran's denial reached Reuters' report
    assert review["itemReviewed"]["author"]["name"] == "Reuters"  # a named outlet's report is its own claim


def test_claimreview_places_only_confirmed_claims_on_the_numeric_scale(english, analyzer):
    """Issue 13: an unconfirmed report is no '2 of 5' (mostly false); it carries its textual rating only."""
    record = english("Iran has reportedly shipped missiles to Russia. The Pentagon confirmed that Russia struck Kyiv.")
    reviews = {c.status.value: claim_review(c, record.article, analyzer.kb) for c in record.claims}
    assert "ratingValue" not in reviews["unconfirmed"]["reviewRating"]
    assert reviews["confirmed"]["reviewRating"]["ratingValue"] == 5


def test_a_title_opening_with_an_office_names_its_holder_as_the_speaker(analyzer):
    """'PM statement on ...' from the UK Prime Minister's Office in January 2024: the text is Rishi Sunak's; the same
    release a year earlier would be another holder's, and with no date nobody is guessed."""
    import datetime as dt

    from rung.model import Article

    def speakers(date):
        record = analyzer.analyze(Article(id=f"pm-{date}", lang="en", title="PM statement on defending the UK",
                                          body="We will always defend our shipping.", date=date,
                                          outlet="Prime Minister's Office of the United Kingdom"))
        return {analyzer.kb.get(c.attributed_to).name for c in record.claims if analyzer.kb.get(c.attributed_to)}

    assert speakers(dt.date(2024, 1, 15)) == {"Rishi Sunak"}
    assert speakers(dt.date(2021, 1, 15)) == {"Boris Johnson"}
    assert "Rishi Sunak" not in speakers(None)


@pytest.mark.parametrize("header", [
    "The following is attributable to Spokesperson Matthew Miller:",
    "Office of the Spokesperson. Press Statement Matthew Miller, Department Spokesperson.",
    "United States Department of State document By Matthew Miller, Department Spokesperson",
    "Press Statement\nMatthew Miller\nDepartment Spokesperson\nWashington, DC\n",  # the header on its own line
])
def test_a_release_header_names_its_speaker(analyzer, header):
    """A State Department release's header or byline names who speaks the release, not the department."""
    from rung.model import Article

    record = analyzer.analyze(Article(id="hdr", lang="en", body=f"{header} We condemn the attack on the embassy.",
                                      outlet="U.S. Department of State"))
    assert {analyzer.kb.get(c.attributed_to).name for c in record.claims} == {"Matthew Miller"}


def test_a_title_case_transcript_tag_opens_the_speakers_turn(analyzer):
    """The Kremlin's transcripts tag turns in title case ('President of Russia Vladimir Putin:'); a colon after words
    that name nobody ('Note:') opens no turn."""
    from rung.model import Article

    body = ("Participants discussed the statement.\nPresident of Russia Vladimir Putin: Mr Aliyev, Mr Pashinyan,\n"
            "I am happy to welcome you to Moscow. We are worried about the fighting.")
    record = analyzer.analyze(Article(id="kremlin", lang="en", body=body))
    assert "Q7747" in {c.attributed_to for c in record.claims}
    note = analyzer.analyze(Article(id="note", lang="en", body="Editor's Note: We are worried about the fighting."))
    assert "Q7747" not in {c.attributed_to for c in note.claims}


def test_a_title_naming_an_offices_statement_names_its_holder(analyzer):
    """"Sudan: Foreign Secretary's statement" from the FCDO in May 2024 is David Cameron's text."""
    import datetime as dt

    from rung.model import Article

    record = analyzer.analyze(Article(id="fs", lang="en", title="El Fasher, Sudan: Foreign Secretary's statement",
                                      body="We condemn the attacks on civilians.", date=dt.date(2024, 5, 19),
                                      outlet="Foreign, Commonwealth and Development Office"))
    assert {analyzer.kb.get(c.attributed_to).name for c in record.claims} == {"David Cameron"}


def test_a_transcript_tag_naming_a_surname_is_the_known_person_of_the_publishers_state(analyzer):
    """'MR MILLER:' in a State Department briefing is Matthew Miller (the knowledge base's one U.S. Miller); a
    surname the knowledge base does not know opens a turn with no named speaker (the publisher speaks)."""
    from rung.model import Article

    body = "MR MILLER: Good afternoon. We condemn the attack on the embassy."
    record = analyzer.analyze(Article(id="brief", lang="en", body=body, outlet="U.S. Department of State"))
    assert {analyzer.kb.get(c.attributed_to).name for c in record.claims} == {"Matthew Miller"}
    unknown = analyzer.analyze(Article(id="brief2", lang="en", body=body.replace("MILLER", "ZWOLINSKI"),
                                       outlet="U.S. Department of State"))
    assert "Matthew Miller" not in {analyzer.kb.get(c.attributed_to).name for c in unknown.claims}


def test_a_bare_title_is_the_holder_of_that_office_named_before(english):
    """'As the President has made clear' after 'Prime Minister Netanyahu met President Biden': the President is the
    person named before who held that office on the article's date, not the last one acting."""
    record = english("Prime Minister Netanyahu met President Biden on Monday. "
                     "As the President has made clear, American support for Israel is ironclad.")
    assert {c.attributed_to for c in record.claims if c.sentence_index == 1} == {"Q6279"}


def test_a_name_with_its_title_in_apposition_is_the_speaker(english, analyzer):
    """'Ihor Taburets, the regional governor of Cherkasy, said ...': a name followed by its title is a person, and
    speaks, even where the small NER model proposes no person."""
    record = english("Mykola Danylchuk, the regional governor of Poltava, said the debris damaged nearly 40 houses.")
    speakers = [analyzer.kb.get(c.attributed_to) for c in record.claims if c.attributed_to != AUTHOR]
    assert {(a.name, a.type.value) for a in speakers} == {("Mykola Danylchuk", "person")}


def test_an_unnamed_source_declines_only_by_its_own_verb(english):
    """'no official comment from Ukraine, though local media quoted unnamed officials as saying ...': the refusal is
    Ukraine's; what the unnamed officials say is unconfirmed. Officials who decline to comment decline."""
    unnamed = lambda text: {c.status.value for c in english(text).claims if c.cites == UNNAMED}
    assert unnamed("So far there has been no official comment from Ukraine, though local media quoted unnamed "
                   "officials as saying the bridge was destroyed.") == {"unconfirmed"}
    assert unnamed("Two officials declined to comment on the strike.") == {"declined_to_comment"}


def test_a_party_holding_a_view_asserts(analyzer):
    """A ministry's 'The United States remains steadfast in its support of ...' states a view (asserted); 'the United
    States imposed sanctions' reports its own act (confirmed)."""
    from rung.model import Article

    body = ("The United States remains steadfast in its support of the elected government of Niger. "
            "Today, the United States imposed sanctions on three officials of the junta.")
    record = analyzer.analyze(Article(id="view", lang="en", body=body, outlet="U.S. Department of State"))
    assert {c.sentence_index: c.status.value for c in record.claims} == {0: "asserted", 1: "confirmed"}


def test_a_group_known_by_its_role_is_an_unnamed_source_even_with_no_clause_said(english):
    """'with what U.S. officials said were dozens of missiles': no clause carries what is said, and the officials are
    still an unnamed source (unconfirmed), not a named one asserting."""
    record = english("Israel struck the port overnight with what U.S. officials said were dozens of missiles.")
    assert {(c.cites, c.status.value) for c in record.claims} == {(UNNAMED, "unconfirmed")}


def test_speech_acts_coordinated_in_the_present_and_standing_with_assert(analyzer):
    """'We strongly condemn the attack ... and call for ...': the call shares the present of the condemnation, a
    speech act performed as it is said; 'we continue to stand with' holds a view. Both assert (guide, Claims)."""
    from rung.model import Article

    body = ("We strongly condemn the attack on the embassy and call for the immediate release of the hostages. "
            "We continue to stand with the people of Sudan.")
    record = analyzer.analyze(Article(id="performed", lang="en", body=body, outlet="U.S. Department of State"))
    assert record.claims and {c.status.value for c in record.claims} == {"asserted"}


def test_an_anonymous_official_of_a_named_body_is_only_the_unnamed_source(analyzer):
    """'..., a U.S. Central Command official said': the words are an unnamed source's (unconfirmed); the command the
    phrase names, or the publishing department standing for it, does not say them a second time."""
    from rung.model import Article

    body = "U.S. forces conducted airstrikes on a weapons depot in eastern Syria yesterday, a U.S. Central Command official said."
    record = analyzer.analyze(Article(id="anon", lang="en", body=body, outlet="U.S. Department of Defense"))
    assert {(c.cites, c.status.value) for c in record.claims} == {(UNNAMED, "unconfirmed")}


def test_an_office_named_by_title_alone_in_a_partys_release_is_the_party(analyzer):
    """'The Foreign Secretary is announcing today ...' in the ministry's own release, with no holder named: the
    ministry's official speaks for it (guide: an official known only by title is that state), no unnamed source."""
    from rung.model import Article

    body = "The Foreign Secretary is announcing today our intention to create a new sanctions regime against the junta."
    record = analyzer.analyze(Article(id="office", lang="en", body=body,
                                      outlet="Foreign, Commonwealth and Development Office"))
    assert record.claims and not [c for c in record.claims if c.cites == UNNAMED or c.attributed_to == AUTHOR]


def test_an_act_no_event_type_names_confirms_when_done_by_the_speakers_side(analyzer):
    """'U.S. Central Command forces monitored the seizure ...' in the command's release reports its own act
    (confirmed; guide: 'we continue to monitor'); 'We are closely monitoring the situation' stays asserted."""
    from rung.model import Article

    status = lambda body: {c.status.value for c in analyzer.analyze(Article(
        id="mon", lang="en", body=body, outlet="U.S. Central Command")).claims}
    assert status("U.S. Central Command forces monitored the seizure of the tanker by Iranian forces.") == {"confirmed"}
    assert status("We are closely monitoring the situation in the Strait of Hormuz.") == {"asserted"}


def test_a_relayed_statement_is_its_authors_until_the_quotation_closes(analyzer):
    """'I'd like to open with a statement from Ambassador Mary Smith, our Ambassador in Minsk: “...”': the quoted
    sentences are the ambassador's claims (guide: relayed words are their author's); after the quotation closes, the
    spokesperson speaks again."""
    from rung.model import Article

    body = ("I’d like to open with a statement from Ambassador Mary Smith, our Ambassador in Minsk: “This morning our "
            "embassy staff were summoned to the foreign ministry. The government has ordered the closure of our "
            "consulate. It is clear that the government is not interested in dialogue.”\n"
            "I just spoke with our Ambassador in Minsk.")
    record = analyzer.analyze(Article(id="relay", lang="en", body=body, outlet="U.S. Department of State"))
    by_sentence = {c.sentence_index: analyzer.kb.get(c.attributed_to) for c in record.claims}
    assert by_sentence[2].name == "Mary Smith" and by_sentence[3].name != "Mary Smith"
