"""`rung ingest` runs one batched analyze_many over a directory: it stores what `analyze` finds, article by
article, skips a copy already stored and an article it cannot read, and keeps the rest."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rung.ingest import read_file
from rung.store import open_store

from ..conftest import SEED

RUNG = shutil.which("rung", path=str(Path(sys.executable).parent)) or "rung"

ARTICLES = {
    "a.txt": "ロシア国防省は12日、ウクライナ軍が米国製ミサイルで攻撃したと発表した。同省は報復すると警告した。",
    "b.txt": "Russia warned on Tuesday that it would retaliate. The Pentagon said Ukraine had struck a depot.",
    "c.txt": "北朝鮮は弾道ミサイルを発射した。日本政府は北京の大使館ルートを通じて厳重に抗議した。",
    "d.txt": "中华人民共和国外交部发言人表示反对。",  # a language rung does not read: skipped, named
}


def test_ingest_stores_what_analyze_finds(tmp_path: Path, analyzer):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    shutil.copy(SEED, corpus / "e.txt")
    shutil.copy(SEED, corpus / "f.txt")  # the same text again: stored once
    db = tmp_path / "rung.sqlite"
    result = subprocess.run([RUNG, "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert "4 article(s) stored, 1 already" in result.stderr and "1 skipped" in result.stderr
    assert "d.txt" in result.stderr and "unsupported language" in result.stderr
    store = open_store(f"sqlite:///{db}", create=False)
    stored = {e.id for e in store.events()}
    expected = {e.id for name in ("a.txt", "b.txt", "c.txt", "e.txt")
                for e in analyzer.analyze(read_file(corpus / name)[0]).events}
    assert expected and stored == expected
