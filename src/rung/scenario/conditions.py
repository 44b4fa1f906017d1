"""Boolean conditions over event ids: `and`, `or`, `not` and parentheses, parsed by recursive descent.

Grammar (lowest precedence first; `and` binds tighter than `or`, `not` tighter than both)::

    expr   := term ("or" term)*
    term   := factor ("and" factor)*
    factor := "not" factor | "(" expr ")" | "true" | "false" | IDENT

Nothing is ever passed to `eval`. A parsed condition evaluates on Python booleans (exact inference)
and on NumPy boolean arrays (Monte Carlo) through the same `evaluate` function.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
_TOKEN = re.compile(r"\s*(?:(?P<paren>[()])|(?P<word>[A-Za-z_][A-Za-z0-9_.\-]*)|(?P<bad>\S))")


class ConditionSyntaxError(ValueError):
    """A condition does not parse; the message says what was found and where (character offset)."""


@dataclass(frozen=True, slots=True)
class Var:
    name: str


@dataclass(frozen=True, slots=True)
class Const:
    value: bool


@dataclass(frozen=True, slots=True)
class Not:
    operand: Condition


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Condition, ...]


Condition = Var | Const | Not | And | Or


def _tokenize(text: str) -> list[tuple[str, int]]:
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only trailing whitespace is left
            break
        if match.group("bad") is not None:
            raise ConditionSyntaxError(f"unexpected character {match.group('bad')!r} at {match.start('bad')}")
        kind = "paren" if match.group("paren") else "word"
        tokens.append((match.group(kind), match.start(kind)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, int]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def where(self) -> str:
        return f"at {self.tokens[self.i][1]}" if self.i < len(self.tokens) else "at the end"

    def parse(self) -> Condition:
        if not self.tokens:
            raise ConditionSyntaxError("empty condition")
        node = self.expr()
        if self.i != len(self.tokens):
            raise ConditionSyntaxError(f"unexpected {self.peek()!r} {self.where()}")
        return node

    def expr(self) -> Condition:
        items = [self.term()]
        while self.peek() == "or":
            self.take()
            items.append(self.term())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def term(self) -> Condition:
        items = [self.factor()]
        while self.peek() == "and":
            self.take()
            items.append(self.factor())
        return items[0] if len(items) == 1 else And(tuple(items))

    def factor(self) -> Condition:
        token = self.peek()
        if token is None:
            raise ConditionSyntaxError("expected an event id, 'not' or '(' at the end")
        if token == "not":
            self.take()
            return Not(self.factor())
        if token == "(":
            self.take()
            node = self.expr()
            if self.peek() != ")":
                raise ConditionSyntaxError(f"expected ')' {self.where()}")
            self.take()
            return node
        if token in ("true", "false"):
            self.take()
            return Const(token == "true")
        if token in ("and", "or", ")"):
            raise ConditionSyntaxError(f"expected an event id, 'not' or '(' but found {token!r} {self.where()}")
        self.take()
        return Var(token)


def parse_condition(text: str) -> Condition:
    """Parse `text`; raises ConditionSyntaxError with a one-line message."""
    return _Parser(str(text)).parse()


def variables(node: Condition) -> frozenset[str]:
    """Event ids a condition mentions."""
    if isinstance(node, Var):
        return frozenset({node.name})
    if isinstance(node, Const):
        return frozenset()
    if isinstance(node, Not):
        return variables(node.operand)
    out: frozenset[str] = frozenset()
    for operand in node.operands:
        out |= variables(operand)
    return out


def substitute(node: Condition, values: Mapping[str, bool]) -> Condition:
    """Replace the named variables by constants (used for time order and for evidence)."""
    if isinstance(node, Var):
        return Const(values[node.name]) if node.name in values else node
    if isinstance(node, Const):
        return node
    if isinstance(node, Not):
        return Not(substitute(node.operand, values))
    return type(node)(tuple(substitute(op, values) for op in node.operands))


def evaluate(node: Condition, values: Mapping[str, Any]) -> Any:
    """Value of a condition; `values` maps ids to bools or to equal-length NumPy bool arrays."""
    if isinstance(node, Var):
        return values[node.name]
    if isinstance(node, Const):
        return node.value
    if isinstance(node, Not):
        return np.logical_not(evaluate(node.operand, values))
    combine = np.logical_and if isinstance(node, And) else np.logical_or
    result = evaluate(node.operands[0], values)
    for operand in node.operands[1:]:
        result = combine(result, evaluate(operand, values))
    return result


def to_text(node: Condition) -> str:
    """A canonical text form, fully parenthesised where precedence would otherwise be needed."""
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Const):
        return "true" if node.value else "false"
    if isinstance(node, Not):
        inner = to_text(node.operand)
        return f"not {inner}" if isinstance(node.operand, Var | Const | Not) else f"not ({inner})"
    word = " and " if isinstance(node, And) else " or "
    return word.join(to_text(op) if isinstance(op, Var | Const | Not) else f"({to_text(op)})" for op in node.operands)
