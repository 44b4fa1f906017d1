"""Near-duplicate articles: shingles, the containment estimate, and the detection floor on copies of real reporting."""

from __future__ import annotations

import pytest

from rung.dedup import DedupSettings, ReportIndex, containment, group, shingles
from rung.ingest import make_article

SETTINGS = DedupSettings.load()

SHINGLE_CASES = [
    # (lang, a, b, same shingles?, note)
    ("ja", "北朝鮮は弾道ミサイルを発射した。", "北朝鮮は、弾道ミサイルを 発射した", True, "spaces and punctuation do not count"),
    ("ja", "北朝鮮は弾道ミサイルを発射した。", "Yahoo!ニュース\n北朝鮮は弾道ミサイルを発射した。\n記事を読む", True,
     "a portal's frame is removed"),
    ("ja", "北朝鮮は弾道ミサイルを発射した。", "北朝鮮は巡航ミサイルを発射した。", False, "one word changes shingles"),
    ("en", "Russia fired 12 missiles at Kyiv.", "RUSSIA fired 12 missiles at Kyiv", True, "case and punctuation"),
    ("en", "Russia fired 12 missiles at Kyiv.", "Read more\nRussia fired 12 missiles at Kyiv.\nAdvertisement", True,
     "a portal's frame is removed"),
    ("en", "Russia fired 12 missiles at Kyiv.", "Russia fired 14 missiles at Kyiv.", False, "an updated figure"),
]


@pytest.mark.parametrize(("lang", "a", "b", "same", "note"), SHINGLE_CASES)
def test_shingles(lang, a, b, same, note):
    assert (shingles(a, lang, SETTINGS) == shingles(b, lang, SETTINGS)) is same, note


def test_japanese_shingles_are_characters_and_english_shingles_are_words():
    assert shingles("北朝鮮が発射", "ja", SETTINGS) == {"北朝鮮が発", "朝鮮が発射"}
    assert shingles("Russia fired two missiles", "en", SETTINGS) == {"russia fired two", "fired two missiles"}


CONTAINMENT_CASES = [
    (1.0, 10, 10, 1.0),  # identical
    (0.5, 10, 20, 1.0),  # the smaller set inside the larger
    (0.0, 10, 20, 0.0),
    (1 / 3, 10, 10, 0.5),  # half shared
]


@pytest.mark.parametrize(("jaccard", "a", "b", "expected"), CONTAINMENT_CASES)
def test_containment_from_jaccard_and_sizes(jaccard, a, b, expected):
    assert containment(jaccard, a, b) == pytest.approx(expected)


STORY = ("ロシア国防省は20日、ウクライナ東部の拠点を制圧したと発表した。\n"
         "ウクライナ軍は声明で、激しい戦闘が続いていると述べた。\n"
         "米国防総省は追加の軍事支援として3億ドルを供与すると明らかにした。")
OTHER = ("北朝鮮は21日朝、日本海に向けて弾道ミサイル1発を発射した。\n防衛省によると、"
         "ミサイルは日本の排他的経済水域の外に落下したとみられる。\n政府は北京の大使館ルートを通じて抗議した。")


def test_copies_join_the_first_report_and_a_different_story_starts_its_own():
    original = make_article(STORY, title="東部の拠点制圧", lang="ja")
    portal = make_article("Yahoo!ニュース\n" + STORY + "\n記事を読む\nこの記事についてのご意見", title="【速報】制圧", lang="ja")
    update = make_article(STORY.replace("3億", "4億") + "\nロシア側は反撃を続けている。", title="(更新)制圧", lang="ja")
    other = make_article(OTHER, title="北朝鮮がミサイル", lang="ja")
    links = group([original, portal, other, update])
    assert [link.report_id for link in links] == [original.id, original.id, other.id, original.id]
    assert links[1].duplicate_of == original.id and links[1].similarity >= SETTINGS.containment
    assert links[2].duplicate_of is None and links[0].duplicate_of is None


def test_an_index_rebuilt_from_stored_signatures_answers_as_the_first():
    original = make_article(STORY, lang="ja")
    first = ReportIndex()
    link = first.check_and_add(original)
    rebuilt = ReportIndex()
    rebuilt.add(link)  # what a restart does: the signature, never the body
    copy = make_article("【ワシントン共同】" + STORY, lang="ja")
    assert rebuilt.check(copy) == first.check(copy)
    assert rebuilt.check(copy).report_id == original.id


def test_a_text_too_short_to_tell_is_its_own_report():
    index = ReportIndex()
    index.check_and_add(make_article("北朝鮮が発射した。", lang="ja"))
    link = index.check(make_article("北朝鮮が発射した。!", lang="ja"))
    assert link.duplicate_of is None


@pytest.fixture(scope="module")
def dev_sample():
    from benchmarks.dedup_pairs import shared_data

    try:
        shared_data()
    except FileNotFoundError as error:
        pytest.skip(str(error))
    from benchmarks.dedup import evaluate

    return evaluate("dev", limit=12)


def test_precision_and_recall_floor_on_copies_of_real_passages(dev_sample):
    """12 dev passages per language, five versions each, in a shuffled arrival order (benchmarks.dedup)."""
    pairwise = dev_sample["pairwise"]
    assert dev_sample["articles"] == 2 * 12 * 5
    assert pairwise.precision >= 0.95 and pairwise.recall >= 0.95, pairwise
    labelled, kinds = dev_sample["labelled"]
    assert labelled.precision >= 0.95 and labelled.recall >= 0.95, labelled
    for kind in ("same_topic", "same_frame", "same_wire"):  # the hard negatives stay apart
        right, total = kinds[kind]
        assert total > 0 and right / total >= 0.95, (kind, right, total)
