"""The sandbox letters are rendered in: a template engine that reads no files and knows a
handful of tags and filters, and the checks that refuse a text before it is saved.

A text may use `{% if %}`, `{% for %}`, `{% with %}`, `{% firstof %}`, `{% comment %}` and the
filters in `FILTERS`; it may name only the variables documented for its kind (`kinds.py`),
without attributes (the values are plain text, numbers, dates and lists of text, never
records). `{% load %}`, `{% include %}`, `{% extends %}`, `{% ssi %}`, `{% debug %}` and every
other tag are refused with the line they are on. The engine has no loaders, so no text can
reach a file even if a check missed a tag. The output is plain text: the documents escape it
and make paragraphs of its blank-line-separated blocks, so a text cannot inject HTML into a
PDF (no `linebreaks` filter: the paragraphs are made for it).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.template import (
    Context,
    Engine,
    Library,
    Template,
    TemplateSyntaxError,
    defaultfilters,
    defaulttags,
)
from django.template.base import FilterExpression, Lexer, TokenType, Variable, VariableNode
from django.template.defaulttags import FirstOfNode, ForNode, IfNode, WithNode
from django.utils.translation import gettext as _

from backend.letters.kinds import variable_names

TAGS = ("if", "for", "with", "firstof", "comment")
CLOSING = frozenset({"endif", "elif", "else", "endfor", "empty", "endwith", "endcomment"})
FORBIDDEN_TAGS = frozenset({"load", "include", "extends", "ssi", "debug"})
FILTERS = (
    "date",
    "time",
    "default",
    "default_if_none",
    "floatformat",
    "upper",
    "lower",
    "capfirst",
    "title",
    "yesno",
    "pluralize",
    "length",
    "join",
    "first",
    "last",
    "cut",
    "wordwrap",
    "truncatewords",
)
FORLOOP_ATTRIBUTES = frozenset(
    {"counter", "counter0", "revcounter", "revcounter0", "first", "last"}
)
MAX_TEXT = 20_000
MAX_SUBJECT = 300

_library = Library()
for _name in TAGS:
    _library.tags[_name] = defaulttags.register.tags[_name]
for _name in FILTERS:
    _library.filters[_name] = defaultfilters.register.filters[_name]

ENGINE = Engine(dirs=[], app_dirs=False, loaders=[], libraries={}, builtins=[], debug=True)
# Only the sandbox's library: Django's default builtins (every tag and filter) are dropped.
ENGINE.template_builtins = [_library]


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str

    def message(self) -> str:
        return _("Line %(line)s: %(reason)s") % {"line": self.line, "reason": self.reason}


def _tag_problems(text: str) -> Iterator[Problem]:
    for token in Lexer(text).tokenize():
        if token.token_type != TokenType.BLOCK:
            continue
        name = (token.contents.split() or [""])[0]
        if name in FORBIDDEN_TAGS:
            yield Problem(
                token.lineno or 1,
                _("the tag {%% %(tag)s %%} is not allowed in a letter") % {"tag": name},
            )
        elif name not in TAGS and name not in CLOSING:
            yield Problem(
                token.lineno or 1,
                _("unknown tag {%% %(tag)s %%}; a letter may use: %(tags)s")
                % {"tag": name, "tags": ", ".join(TAGS)},
            )


def _syntax_problem(error: TemplateSyntaxError) -> Problem:
    line = getattr(error, "template_debug", {}).get("line", 1)
    reason = str(error)
    if reason.startswith("Invalid filter: "):
        name = reason.removeprefix("Invalid filter: ").strip("'")
        reason = _("the filter |%(filter)s is not allowed; a letter may use: %(filters)s") % {
            "filter": name,
            "filters": ", ".join(FILTERS),
        }
    else:
        reason = _("the text is not a valid template (%(reason)s)") % {"reason": reason}
    return Problem(line, reason)


def _variables_of(expression: Any) -> Iterator[Variable]:
    """The variables an expression (a filter expression, or an `if`'s condition) reads."""
    if isinstance(expression, FilterExpression):
        if isinstance(expression.var, Variable) and expression.var.lookups:
            yield expression.var
        for _func, args in expression.filters:
            for is_variable, arg in args:
                if is_variable and isinstance(arg, Variable) and arg.lookups:
                    yield arg
        return
    for attribute in ("value", "first", "second"):
        part = getattr(expression, attribute, None)
        if part is not None:
            yield from _variables_of(part)


def _variable_problems(nodes: Iterable[Any], known: frozenset[str]) -> Iterator[Problem]:
    for node in nodes:
        token = getattr(node, "token", None)
        line: int = (token.lineno if token is not None else None) or 1
        expressions: list[Any] = []
        children: list[tuple[Iterable[Any], frozenset[str]]] = []
        if isinstance(node, VariableNode):
            expressions.append(node.filter_expression)
        elif isinstance(node, IfNode):
            for condition, nodelist in node.conditions_nodelists:
                if condition is not None:
                    expressions.append(condition)
                children.append((nodelist, known))
        elif isinstance(node, ForNode):
            expressions.append(node.sequence)
            inner = known | set(node.loopvars) | {"forloop"}
            children += [(node.nodelist_loop, inner), (node.nodelist_empty, known)]
        elif isinstance(node, WithNode):
            expressions += list(node.extra_context.values())
            children.append((node.nodelist, known | set(node.extra_context)))
        elif isinstance(node, FirstOfNode):
            expressions += list(node.vars)
        for expression in expressions:
            for variable in _variables_of(expression):
                yield from _lookup_problems(variable, known, line)
        for child_nodes, scope in children:
            yield from _variable_problems(child_nodes, scope)


def _lookup_problems(variable: Variable, known: frozenset[str], line: int) -> Iterator[Problem]:
    name, *attributes = variable.lookups or ("",)
    if name not in known:
        yield Problem(line, _("unknown variable {{ %(name)s }}") % {"name": name})
    elif attributes and not (name == "forloop" and attributes[0] in FORLOOP_ATTRIBUTES):
        yield Problem(
            line,
            _("{{ %(name)s }} is used as it is: letters read no attributes (%(lookup)s)")
            % {"name": name, "lookup": variable.var},
        )


def text_problems(*, text: str, kind: str, limit: int = MAX_TEXT) -> list[Problem]:
    """What is wrong with a text for a letter of `kind` (empty: it may be saved)."""
    if len(text) > limit:
        return [Problem(1, _("the text is longer than %(limit)s characters") % {"limit": limit})]
    problems = list(_tag_problems(text))
    if problems:
        return problems
    try:
        template = ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        return [_syntax_problem(error)]
    known = variable_names(kind)
    return list(_variable_problems(template.nodelist, known))


def text_validate(*, text: str, kind: str, field: str, limit: int = MAX_TEXT) -> None:
    """Raise a ValidationError on `field` with each problem's line and reason."""
    problems = text_problems(text=text, kind=kind, limit=limit)
    if problems:
        raise ValidationError(
            {field: [ValidationError(p.message(), code="letter_template") for p in problems]}
        )


def compile_text(text: str) -> Template:
    return ENGINE.from_string(text)


def render_text(*, text: str, context: dict[str, Any]) -> str:
    """The text rendered with the context (plain text, nothing escaped: the caller escapes)."""
    return compile_text(text).render(Context(context, autoescape=False))
