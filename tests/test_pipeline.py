"""Analyzer.analyze_many: the same records as analyze, one article at a time, in order, whatever the window."""

from __future__ import annotations

import pytest

from rung.errors import InputError
from rung.ingest import make_article, read_file
from tests.conftest import SEED

# Japanese and English articles mixed, so that one window holds both languages' parse streams.
TEXTS = [
    ("ja", "ロシア国防省は12日、ウクライナ軍が米国製ミサイルで攻撃したと発表した。同省は報復すると警告した。"),
    ("en", "Russia warned on Tuesday that it would retaliate. The Pentagon said Ukraine had struck a depot."),
    ("ja", "北朝鮮は弾道ミサイルを発射した。日本政府は北京の大使館ルートを通じて厳重に抗議した。"),
    ("en", "NATO condemned the strike. Moscow said it had shot down six missiles."),
]


@pytest.fixture(scope="module")
def articles():
    made = [make_article(text, lang=lang, source=f"t{i}") for i, (lang, text) in enumerate(TEXTS)]
    return [*made, *read_file(SEED)]


@pytest.mark.parametrize("window", [1, 2, 32])
def test_analyze_many_gives_analyze_records(analyzer, articles, window):
    one_by_one = [analyzer.analyze(a).model_dump_json() for a in articles]
    batched = [r.model_dump_json() for r in analyzer.analyze_many(articles, window=window)]
    assert batched == one_by_one
    assert any('"events":[{' in r for r in batched)  # something was found, not only empty records


def test_analyze_many_reads_lazily(analyzer, articles):
    read: list[int] = []

    def stream():
        for i, article in enumerate(articles):
            read.append(i)
            yield article

    records = analyzer.analyze_many(stream(), window=2)
    first = next(records)
    assert first.article.id == articles[0].id
    assert read == [0, 1]  # one window read, not the whole input


def test_unreadable_article_is_reported_and_the_rest_carry_on(analyzer, articles):
    bad = make_article("Это статья на русском языке о ракетах.", lang="ru", source="bad.txt")
    seen: list[tuple[str, str]] = []
    records = list(analyzer.analyze_many([articles[0], bad, articles[1]],
                                         on_error=lambda a, e: seen.append((a.source, str(e)))))
    assert [r.article.id for r in records] == [articles[0].id, articles[1].id]
    assert len(seen) == 1 and seen[0][0] == "bad.txt" and "unsupported language (ru)" in seen[0][1]
    with pytest.raises(InputError, match="bad.txt"):
        list(analyzer.analyze_many([bad]))
