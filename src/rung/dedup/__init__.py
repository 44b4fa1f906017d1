"""Near-duplicate articles: versions of one report (docs/dedup.md)."""

from rung.dedup.reports import DedupSettings, ReportIndex, containment, group, shingles

__all__ = ["DedupSettings", "ReportIndex", "containment", "group", "shingles"]
