"""Ingest: files in, Article records out (plain text, the seed's layout, HTML, JSON Lines)."""

from rung.ingest.encoding import decode
from rung.ingest.readers import (
    MAX_ARTICLE_BYTES,
    article_id,
    expand_paths,
    iter_articles,
    make_article,
    normalise,
    read_file,
)

__all__ = ["MAX_ARTICLE_BYTES", "article_id", "decode", "expand_paths", "iter_articles", "make_article", "normalise",
           "read_file"]
