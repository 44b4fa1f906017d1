"""The few exceptions rung raises on purpose. Each message says what went wrong and where."""

from __future__ import annotations


class RungError(Exception):
    """Base class: the CLI turns any of these into one line on stderr and a non-zero exit."""

    exit_code = 1


class InputError(RungError):
    """A file or record rung was asked to read cannot be used (empty, binary, bad encoding, ...)."""

    exit_code = 2


class StoreError(RungError):
    """The database cannot be opened, migrated or written, or (for a reading command) does not exist."""

    exit_code = 1


class ScenarioError(RungError):
    """A scenario file is invalid; the message names the file, line and field."""

    exit_code = 2


class ModelMissingError(RungError):
    """An optional NLP model or dependency is not installed; the message says how to install it."""

    exit_code = 5
