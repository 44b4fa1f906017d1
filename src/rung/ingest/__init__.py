"""Ingest: files in, Article records out (plain text, the seed's layout, HTML, JSON Lines)."""

from rung.ingest.encoding import decode
from rung.ingest.readers import article_id, expand_paths, make_article, normalise, read_file

__all__ = ["article_id", "decode", "expand_paths", "make_article", "normalise", "read_file"]
