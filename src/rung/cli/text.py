"""Article text on a terminal: printed as written, never read as rich markup or terminal control codes."""

from __future__ import annotations

import re

# C0 and C1 control characters (ESC starts ANSI sequences; CR and BS overwrite what was printed) and
# the bidirectional overrides that reorder what a line shows; newline and tab are kept.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What rich would read as a tag, with the backslashes before it (rich.markup.escape's pattern)
_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def plain(text: object) -> str:
    """`text` with control characters shown as visible escapes (ESC -> \\x1b), safe for any terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def safe(text: object) -> str:
    """`text` for a rich Console or Table cell: control characters made visible, markup brackets escaped.

    Unlike rich.markup.escape, a trailing backslash is left alone (it is shown as written), so the result
    must not be followed directly by a markup tag: print such lines with rich.text.Text instead.
    """
    return _TAG.sub(lambda m: f"{m.group(1)}{m.group(1)}\\{m.group(2)}", plain(text))
