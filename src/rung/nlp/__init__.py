"""NLP: language detection, sentence splitting and the per-language parsers behind one registry."""

from rung.nlp.detect import detect_language
from rung.nlp.registry import LanguageSupport, get_language, supported_languages

__all__ = ["LanguageSupport", "detect_language", "get_language", "supported_languages"]
