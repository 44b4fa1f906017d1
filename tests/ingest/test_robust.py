"""Issue 13, input: every article read right or refused clearly; one bad one never sinks the batch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rung.errors import InputError
from rung.ingest import decode, iter_articles, make_article, read_file

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"

JA = "ロシアのプーチン大統領は２１日、新型の中距離弾道ミサイルを発射したと述べた。米国が許可した。"
EN = "Russia warned Britain on Tuesday that it would respond.\n"

ENCODED = [
    ("iso2022_jp", JA, "iso2022_jp"),
    ("utf-16-le", JA, "utf-16-le"),
    ("utf-16-be", JA, "utf-16-be"),
    ("utf-16-le", EN, "utf-16-le"),
    ("utf-16-be", EN, "utf-16-be"),
    ("cp932", JA, "cp932"),
    ("euc_jp", JA, "euc_jp"),
]


@pytest.mark.parametrize(("codec", "text", "expected"), ENCODED, ids=[f"{c}-{t[:2]}" for c, t, _ in ENCODED])
def test_encodings_without_a_bom_are_detected(codec: str, text: str, expected: str):
    assert decode(text.encode(codec), "f") == (text, expected)


def test_unsure_detection_says_so():
    # cp932 text with a few bytes corrupted: the best guess is too messy to trust
    data = bytes.fromhex("838d8356834182cc8392815b8360839391e5939d97cc82cd8251825093fa818590568c5e82cc92868b9797a392"
                         "6593b9837e83548343838b82f094ad8ecb82b582bd82c68f71c4d782bd8142")
    with pytest.raises(InputError, match=r"f: text encoding unclear \(best guess cp932"):
        decode(data, "f")


JA_CHARS = st.sampled_from(list("のはにをがとでもしたロシアウクライナ米国大統領発射攻撃ミサイル、。「」０１２ 　abcXYZ123"))


@settings(max_examples=600, deadline=None, derandomize=True)
@example("11111111大射射領", "euc_jp")  # read as CP932 half-width katakana before the Japanese score
@given(st.text(JA_CHARS, min_size=12, max_size=200).filter(lambda t: t.strip()),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "iso2022_jp", "cp932", "euc_jp"]))
def test_decoding_is_right_or_refused(text: str, codec: str):
    """Never a wrong answer given quietly: the text comes back as written, or InputError says why not."""
    try:
        decoded, _ = decode(text.encode(codec), "f")
    except InputError as error:
        assert codec in {"cp932", "euc_jp", "utf-16-le", "utf-16-be"}, error  # legacy or BOM-less: may be unsure
        assert str(error).startswith("f: ")
        return
    assert decoded == text


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=80).filter(lambda t: t.strip() and t.strip("\n\r\ufeff ").strip()),
                min_size=1, max_size=6))
def test_json_lines_round_trip_any_text(tmp_path: Path, texts: list[str]):
    """U+2028, U+2029, U+0085, CR and every other character inside a record stay inside it."""
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\n", encoding="utf-8")
    problems: list[str] = []
    articles = read_file(path, problems=problems)
    assert problems == []
    assert [a.body for a in articles] == [make_article(t).body for t in texts]
    assert [a.source for a in articles] == [f"{path}:{i}" for i in range(1, len(texts) + 1)]


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.just(None), st.binary(max_size=40)), min_size=1, max_size=8))
def test_bad_json_lines_are_named_and_skipped(tmp_path: Path, lines: list[bytes | None]):
    """Good records (None here) are all kept; any other line is skipped or read, never fatal."""
    path = tmp_path / "c.jsonl"
    raw = [json.dumps({"text": f"Russia warned Britain {i}."}).encode() if line is None else line.replace(b"\n", b" ")
           for i, line in enumerate(lines)]
    path.write_bytes(b"\n".join(raw))
    problems: list[str] = []
    articles = list(iter_articles(path, problems=problems))
    bodies = {a.body for a in articles}
    assert {f"Russia warned Britain {i}." for i, line in enumerate(lines) if line is None} <= bodies
    for problem in problems:
        assert problem.startswith(f"{path}:")


def test_json_lines_split_on_newline_only(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    path.write_bytes('{"text": "Russia\u2028warned\u2029Britain\x85today."}\r\n{"text": "second"}'.encode())
    first, second = read_file(path)
    assert first.source.endswith(":1") and "\u2028" in first.body and second.body == "second"


def test_non_regular_files_are_refused(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="pipe.txt: a FIFO, not a regular file"):
        read_file(fifo)
    with pytest.raises(InputError, match="/dev/zero: a device, not a regular file"):
        read_file(Path("/dev/zero"))


def test_article_size_is_capped(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text("Russia warned Britain. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"big.txt: 2,300 bytes, larger than the 1,000-byte article limit"):
        read_file(big, max_bytes=1000)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "small"}) + "\n")
    problems: list[str] = []
    [small] = read_file(corpus, max_bytes=1000, problems=problems)
    expected = f"{corpus}:1: record larger than the 1,000-byte article limit (max_article_bytes)"
    assert small.body == "small" and problems == [expected]


def test_the_cap_is_a_setting(tmp_path: Path, monkeypatch):
    from rung.settings import Settings

    assert Settings.load().max_article_bytes == 5_000_000
    config = tmp_path / "c.yaml"
    config.write_text("max_article_bytes: 1000\n")
    monkeypatch.setenv("RUNG_CONFIG", str(config))
    assert Settings.load().max_article_bytes == 1000


def test_ingest_skips_and_names_bad_input_and_keeps_every_good_article(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(
        '{"text": "Russia warned Britain on Tuesday.", "date": "2024-11-20"}\n{not json\n'
        '{"text": "France condemned the strike by Russia.", "date": "2024-11-21"}\n', encoding="utf-8")
    (corpus / "b.txt").write_text("Russia expelled British diplomats.\n", encoding="utf-8")
    (corpus / "c.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "d.txt").write_text("", encoding="utf-8")
    report = tmp_path / "errors.txt"
    result = subprocess.run([RUNG, "ingest", str(corpus), "--db", str(tmp_path / "s.sqlite"), "--errors", str(report)],
                            check=False, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert report.read_text(encoding="utf-8").splitlines() == [
        f"{corpus}/a.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes)",
        f"{corpus}/c.txt: binary file, not text",
        f"{corpus}/d.txt: empty file",
    ]
    assert "3 article(s) stored" in result.stderr and "3 skipped" in result.stderr
    from rung.store import open_store

    store = open_store(str(tmp_path / "s.sqlite"), create=False)
    assert store.article_count() == 3
    store.engine.dispose()
