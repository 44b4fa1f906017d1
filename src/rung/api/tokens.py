"""API tokens: `rung token create NAME` prints a token once; the store keeps only its SHA-256.

A token is 32 random bytes (URL-safe base64), so a plain SHA-256 is enough to keep it unguessable
from a copy of the store; a slow password hash would only slow every request down.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from rung.errors import InputError
from rung.store import Store, schema

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")


@dataclass(slots=True, frozen=True)
class TokenCheck:
    """What a presented token turned out to be: unknown (name None), revoked, or valid for `name`."""

    name: str | None
    revoked: bool = False


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> str:
    """A new token for `name` (a person or a service); returns the token, which is not stored."""
    if not NAME.match(name):
        raise InputError(f"token name {name!r}: use letters, digits and . _ @ - (at most 64 characters)")
    token = "rung_" + secrets.token_urlsafe(32)
    t = schema.api_tokens
    now = dt.datetime.now(dt.UTC)
    try:
        with store.engine.begin() as conn:
            existing = conn.execute(select(t.c.revoked_at).where(t.c.name == name)).first()
            if existing is not None and existing.revoked_at is None:
                raise InputError(f"token name {name!r}: already has an active token in {store.label} "
                                 "(revoke it first, or pick another name)")
            if existing is not None:  # a revoked name may be given a new token
                conn.execute(update(t).where(t.c.name == name)
                             .values(token_hash=_hash(token), created_at=now, revoked_at=None))
            else:
                conn.execute(t.insert(), {"name": name, "token_hash": _hash(token), "created_at": now,
                                          "revoked_at": None})
    except IntegrityError as error:
        raise InputError(f"token name {name!r}: already exists in {store.label}") from error
    return token


def revoke_token(store: Store, name: str) -> None:
    """Revoke `name`'s token: requests with it get 403 from then on."""
    t = schema.api_tokens
    with store.engine.begin() as conn:
        done = conn.execute(update(t).where(t.c.name == name, t.c.revoked_at.is_(None))
                            .values(revoked_at=dt.datetime.now(dt.UTC)))
    if done.rowcount == 0:
        raise InputError(f"token name {name!r}: no active token of that name in {store.label}")


def list_tokens(store: Store) -> list[dict]:
    t = schema.api_tokens
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.c.name, t.c.created_at, t.c.revoked_at).order_by(t.c.name)).all()
    return [{"name": r.name, "created_at": r.created_at, "revoked_at": r.revoked_at} for r in rows]


def check_token(store: Store, token: str) -> TokenCheck:
    t = schema.api_tokens
    with store.engine.connect() as conn:
        row = conn.execute(select(t.c.name, t.c.revoked_at).where(t.c.token_hash == _hash(token))).first()
    if row is None:
        return TokenCheck(name=None)
    return TokenCheck(name=row.name, revoked=row.revoked_at is not None)
