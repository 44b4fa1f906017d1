from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rung.errors import InputError
from rung.ingest import article_id, read_file

from ..conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")

ENCODINGS = [
    ("utf-8", SEED_TEXT.encode("utf-8")),
    ("utf-8-sig", SEED_TEXT.encode("utf-8-sig")),
    ("utf-16", SEED_TEXT.encode("utf-16")),
    ("cp932", SEED_TEXT.encode("cp932")),
    ("euc_jp", SEED_TEXT.encode("euc_jp")),
]


def test_seed_layout_is_parsed():
    article = read_file(SEED)[0]
    assert article.title == "バイデンからのエスカレーション"
    assert article.date == dt.date(2024, 11, 25)
    assert article.translator == "林田一博"
    assert article.body.startswith("ウクライナによるロシア領土深部")
    assert "翻訳" not in article.body and "25.11.2024" not in article.body


@pytest.mark.parametrize(("encoding", "data"), ENCODINGS, ids=[e for e, _ in ENCODINGS])
def test_every_encoding_gives_the_same_article(tmp_path: Path, encoding: str, data: bytes):
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    article = read_file(path)[0]
    assert article.id == read_file(SEED)[0].id
    assert article.body == read_file(SEED)[0].body


def test_id_ignores_whitespace_and_width_differences():
    assert article_id("ロシアは　ＮＡＴＯに警告した。") == article_id("ロシアは NATOに警告した。\n")
    assert article_id("ロシアは警告した。") != article_id("ロシアは警告しなかった。")


def test_jsonl_corpus(tmp_path: Path):
    path = tmp_path / "corpus.jsonl"
    rows = [{"text": "Russia warned NATO.", "title": "A", "date": "2024-11-21", "outlet": "Wire", "lang": "en"},
            {"text": "ロシアは警告した。"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    articles = read_file(path)
    assert [a.title for a in articles] == ["A", None]
    assert articles[0].date == dt.date(2024, 11, 21) and articles[0].outlet == "Wire"
    assert articles[1].source == f"{path}:2"


def test_html_page(tmp_path: Path):
    paragraphs = "".join(f"<p>{s}</p>" for s in SEED_TEXT.split("\n\n")[2:6])
    page = (f"<html><head><title>エスカレーション</title><meta property='og:site_name' content='Example News'>"
            f"</head><body><nav>menu</nav><article>{paragraphs}</article><footer>copyright</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = read_file(path)[0]
    assert "バイデン政権" in article.body
    assert "copyright" not in article.body


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", bytes(range(256)) * 4, "binary file"),
    ("unknown.txt", bytes([0x81, 0xff, 0xfe, 0x80, 0xa0, 0xfd]) * 50, "unknown text encoding"),
    ("bad.jsonl", b'{"text": "ok"}\n{not json\n', "bad.jsonl:2: not valid JSON"),
    ("notext.jsonl", b'{"title": "x"}\n', "notext.jsonl:1: each line needs a non-empty string field 'text'"),
    ("baddate.jsonl", b'{"text": "x", "date": "yesterday"}\n', "is not an ISO date"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_names_file_and_problem(tmp_path: Path, name: str, data: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unreadable_paths(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)
