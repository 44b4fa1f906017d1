"""Long input analysed, not refused, in time linear in its length (issue 13). Loads GiNZA (slow)."""

from __future__ import annotations

import pytest

from rung.ingest import make_article
from rung.nlp.sentences import MAX_SENTENCE_CHARS

pytestmark = pytest.mark.slow


def _support(analyzer, code: str):
    from rung.nlp import get_language

    return get_language(code, model=analyzer.settings.model_for(code))


@pytest.mark.parametrize(("code", "text"), [
    ("ja", "ロシアは英国の外交官を追放したと発表した" * 1500),  # 90,000 bytes: over Sudachi's 49,149
    ("en", "Russia warned Britain and " * 40_000),  # 1,040,000 characters: over spaCy's max_length (E088)
])
def test_one_text_over_the_tokeniser_limit_is_tokenised_whole(analyzer, code: str, text: str):
    [doc] = list(_support(analyzer, code).tokenize([text]))
    assert doc.text == text
    if code == "ja":  # GiNZA's per-token user data joined too
        assert len(doc.user_data["sub_tokens"]) == len(doc)


def test_a_run_without_sentence_ends_is_analysed_in_pieces(analyzer):
    # the time per character stays flat as the run grows: `python -m benchmarks.long_sentences` measures it
    unit = "ロシアは英国に対して警告し、"
    text = (unit * (5000 // len(unit) + 1))[:5000] + "。"
    record = analyzer.analyze(make_article(text, lang="ja"))
    assert max(len(s.text) for s in record.sentences) <= MAX_SENTENCE_CHARS
    assert "".join(s.text for s in record.sentences) == text