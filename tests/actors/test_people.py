"""People and missions no list knows, minted from titles with the bundled knowledge base: the name is read the way
its own country writes it (pinyin for a Chinese name, the katakana reading given for a Korean one), the office may
hold katakana or a state, and a mission written 在X大使館 without a state is Japan's."""

from __future__ import annotations

import pytest

from rung.actors import load_knowledge_base
from rung.actors.linker import Linker
from rung.model import Sentence


@pytest.fixture()
def linked():
    linker = Linker(load_knowledge_base())  # a fresh linker per case: minted actors stay in their article

    def link(text: str) -> dict[str, tuple[str, str | None]]:
        result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "ja")
        return {m.text: (a.name, a.country) for m in result.mentions if (a := linker.kb.get(m.actor_id)) is not None}
    return link


CASES = [
    # text, mention surface, (name, country), note
    ("本日、次官が程永華中国大使にこの件で抗議した。", "程永華中国大使", ("Cheng Yonghua", "Q148"),
     "a Chinese name in pinyin; the state inside the title is the holder's"),
    ("本日、佐々江事務次官が程永華中国大使に抗議した。", "程永華中国大使", ("Cheng Yonghua", "Q148"),
     "a person named just before says nothing of the next person's state"),
    ("孔鉉佑駐日中国大使は述べた。", "孔鉉佑駐日中国大使", ("Kong Xuanyou", "Q148"),
     "駐日 names the host, not the ambassador's state"),
    ("中国訪問中の金杉憲治アジア大洋州局長が協議した。", "金杉憲治アジア大洋州局長", ("Kanasugi Kenji", None),
     "an office written partly in katakana keeps the full name"),
    ("北朝鮮の李成浩(リ・ソンホ)外務省米州局副局長に接触した。", "李成浩(リ・ソンホ)外務省米州局副局長",
     ("Ri Sonho", "Q423"), "a Korean name read from the katakana given with it"),
    ("イワン・ペトロフ駐日ロシア連邦大使を召致した。", "イワン・ペトロフ駐日ロシア連邦大使",
     ("Iwan Petorofu", "Q159"), "a katakana name with a state in its title"),
    ("ロシア側による在ウラジオストク総領事館員への通告", "在ウラジオストク総領事館",
     ("Consulate-General of Japan in Vladivostok", "Q17"), "a mission with no state written is Japan's own"),
    ("在札幌ロシア総領事館の領事", "在札幌ロシア総領事館", ("Consulate-General of Russia in Sapporo", "Q159"),
     "a Japanese city without 市"),
]


@pytest.mark.parametrize(("text", "surface", "expected", "note"), CASES, ids=[c[3] for c in CASES])
def test_minted_people_and_missions(linked, text: str, surface: str, expected: tuple, note: str):
    assert linked(text).get(surface) == expected


def test_a_region_before_a_kanji_title_is_not_a_person(linked):
    assert linked("アジア大洋州局長が述べた") == {}


def test_same_as_before_names_the_last_body_with_that_ending(linked):
    """同新聞, 同国防省 refer back to the last organisation whose name ends the same way; 同日 and 同盟 refer to nobody."""
    found = linked("朝日新聞によると、韓国国防省は地震を観測した。また、同新聞によると、同国防省は発表した。同日、同盟国と協議した。")
    assert found.get("同新聞") == ("The Asahi Shimbun", "Q17")
    assert found.get("同国防省") == ("Ministry of National Defense of South Korea", "Q884")
    assert "同日" not in found and "同盟" not in found


def test_a_language_in_the_outlet_is_not_a_government(analyzer):
    from rung.model import Article

    assert analyzer._publisher(Article(id="w", body="x", outlet="ウィキニュース (Japanese Wikinews)")) == []
    assert analyzer._publisher(Article(id="m", body="x", outlet="Ministry of Foreign Affairs of Japan")) == [
        "rung:ministry-of-foreign-affairs-japan"]


def test_a_bare_title_without_a_date_is_the_holder_the_article_named():
    """No article date: 'the President of Russia' after 'Vladimir Putin' is Putin (a holder of that office in the
    dated table); with nobody named it stays unresolved rather than guessed."""
    linker = Linker(load_knowledge_base())

    def people(text):
        result = linker.link_article(text, [Sentence(index=0, start=0, end=len(text), text=text)], "en")
        return {m.text: m.actor_id for m in result.mentions}

    assert people("Vladimir Putin spoke with Obama. The President of Russia stressed the ties.")[
        "President of Russia"] == "Q7747"
    assert people("The President of Russia stressed the ties.").get("President of Russia") != "Q7747"


def test_the_foreign_ministrys_senior_officials_are_known_by_surname_and_title(linked):
    """森事務次官, 川村外務報道官: readouts name the vice-minister and the press secretary by surname and title only;
    the knowledge base lists who held those offices (people.yaml), so the full name is known."""
    names = linked("森事務次官から大使に抗議した。川村外務報道官が会見で述べた。船越アジア大洋州局長が協議した。")
    assert names.get("森事務次官") == ("Takeo Mori", "Q17")
    assert names.get("川村外務報道官") == ("Yasuhisa Kawamura", "Q17")
    assert names.get("船越アジア大洋州局長") == ("Takehiro Funakoshi", "Q17")


def test_an_ambassador_written_in_katakana_has_the_name_english_reporting_uses(linked):
    """ガルージン大使: a Russian name read back from katakana would be 'Garujin'; the listed ambassador is Galuzin."""
    assert linked("ガルージン大使は述べた。").get("ガルージン") == ("Mikhail Galuzin", "Q159")
    assert linked("アファナシエフ駐日露大使を召致した。").get("アファナシエフ") == ("Evgeny Afanasiev", "Q159")
    assert linked("北朝鮮の崔善姫外務相は述べた。").get("崔善姫") == ("Choe Son Hui", "Q423")
