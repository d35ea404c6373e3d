"""Parse one YAML document into plain values, keeping the position of every key and value.

libyaml's C parser composes the node graph; the small constructor here turns nodes into
Python values while it records positions and catches what a catalog file must not contain
(duplicate keys, YAML 1.1 booleans, custom tags, alias bombs, deep nesting).
"""

from __future__ import annotations

import bisect
import decimal
import json
import math
import operator
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
import yaml.cyaml

JsonPath = tuple[str | int, ...]

MAX_VALUES_PER_DOCUMENT = 10_000
MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 30
YAML_BOOLEAN_WORDS = frozenset({"true", "false"})
# Plain scalars that YAML 1.1 tools read as booleans although PyYAML reads them as text.
YAML11_BOOLEAN_LETTERS = frozenset({"y", "Y", "n", "N"})
_DECIMAL_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"

# PyYAML's own scalar conversions, called directly so that no per-document cache of
# constructed objects grows.
_constructor = yaml.constructor.SafeConstructor()

# What a catalog file's unfilled scaffold value starts with (`modelcat new` writes them).
PLACEHOLDER_PREFIX = "FILL-IN"

# PyYAML's implicit tag rules (SafeLoader's), looked up by a scalar's first character.
_IMPLICIT_TAGS = {
    first: tuple(rules + yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, []))
    for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


class _LeanComposer(yaml.cyaml.CParser):  # type: ignore[misc]
    """libyaml's C composer with the same tags as CSafeLoader, resolved without the
    per-node path bookkeeping of PyYAML's Resolver (which catalog files never use): that
    bookkeeping ran three Python calls for every node and cost a sixth of a validate run."""

    # Called for every node: C functions that take the same arguments and do nothing of
    # note cost less than Python ones.
    descend_resolver = staticmethod(operator.is_)  # (current_node, current_index)
    ascend_resolver = staticmethod(tuple)  # ()

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                # Keys and many values repeat from file to file: match each text once.
                tag = _RESOLVED.get(value)
                if tag is None:
                    tag = _implicit_tag(value)
                    if len(_RESOLVED) < _RESOLVED_MAX:
                        _RESOLVED[value] = tag
                return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_RESOLVED: dict[str, str] = {}
_RESOLVED_MAX = 20_000


def _implicit_tag(value: str) -> str:
    for tag, rule in _IMPLICIT_TAGS.get(value[:1], ()):
        if rule.match(value):
            return tag
    return _STR


def compose(text: str) -> yaml.Node | None:
    """The node graph of one document, exactly as yaml.compose with CSafeLoader makes it."""
    composer = _LeanComposer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


@dataclass(frozen=True, slots=True)
class Span:
    """Where a key or value stands: 1-based line and column, 0-based character offsets."""

    line: int
    column: int
    start: int
    end: int

    @classmethod
    def of(cls, node: yaml.Node) -> Span:
        return cls(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            node.start_mark.index,
            node.end_mark.index,
        )


FILE_START = Span(1, 1, 0, 0)


@dataclass(frozen=True, slots=True)
class YamlIssue:
    """A problem found while reading YAML, before any schema is applied."""

    span: Span
    rule: str
    message: str
    path: JsonPath | None = None  # the value it concerns, so later checks do not repeat it


@dataclass(slots=True)
class ParsedYaml:
    """The document's value and where each key and value stands.

    Nodes are kept and turned into Spans only when asked: most files are valid, and a
    position is needed only to report a problem or to edit a value.
    """

    value: Any
    value_nodes: dict[JsonPath, yaml.Node] = field(default_factory=dict)
    key_nodes: dict[JsonPath, yaml.Node] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)
    # A float fastjsonschema would take for an integer (8192.0): only the precise path is sure.
    needs_precise_check: bool = False
    # Some scalar starts with PLACEHOLDER_PREFIX: only then is the placeholder scan needed.
    has_placeholder: bool = False
    # Set only where libyaml counts lines otherwise than editors (U+0085, U+2028, U+2029).
    lines: _EditorLines | None = None

    def has_value(self, path: JsonPath) -> bool:
        return path in self.value_nodes

    def value_span(self, path: JsonPath) -> Span:
        return self._span(self.value_nodes[path])

    def key_span(self, path: JsonPath) -> Span:
        return self._span(self.key_nodes[path])

    def _span(self, node: yaml.Node) -> Span:
        span = Span.of(node)
        return span if self.lines is None else self.lines.span(span)

    def position(self, path: JsonPath) -> Span:
        """The position of the value at path, or of its nearest ancestor that exists."""
        while path:
            if path in self.value_nodes:
                return self.value_span(path)
            path = path[:-1]
        return self.value_span(()) if () in self.value_nodes else FILE_START


class _DocumentTooLargeError(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        self.issue = issue


def parse_yaml(text: str) -> ParsedYaml:
    """Parse text; syntax errors and unwanted constructs become issues, never exceptions.

    A comment may hold U+0085, U+2028 or U+2029, which YAML 1.2 reads as text and YAML 1.1
    (libyaml) as line breaks: they are read as YAML 1.2 reads them, in the comment, unless
    YAML 1.1 tools would then silently read other values from the file. Wherever they stand,
    positions count lines as editors do (_EditorLines).
    """
    if not _has_yaml11_break(text):
        return _parse(text)
    parsed = _parse_with_yaml11_breaks(text)
    lines = parsed.lines = _EditorLines.of(text)
    parsed.issues = [replace(issue, span=lines.span(issue.span)) for issue in parsed.issues]
    return parsed


def _parse_with_yaml11_breaks(text: str) -> ParsedYaml:
    breaks = _comment_breaks(text)
    if not breaks:
        return _parse(text)
    characters = list(text)
    for offset in breaks:
        characters[offset] = " "  # one character for one: every offset stays where it is
    read = "".join(characters)
    parsed = _parse(read)
    if not parsed.issues and _reads_otherwise_as_yaml11(text, parsed.value):
        offset = breaks[0]
        parsed.issues.append(
            YamlIssue(
                _span_at(read, offset),
                "yaml11-line-break",
                f"this comment holds U+{ord(text[offset]):04X} "
                f"({unicodedata.name(text[offset], 'NEXT LINE')}), which YAML 1.1 tools "
                "(PyYAML, libyaml) take for a line break: they read the text after it as data, "
                "other values than this file has; delete the character",
            )
        )
    return parsed


# Lines as editors and GitHub's annotations count them. libyaml (YAML 1.1) also ends a line at
# U+0085, U+2028 and U+2029, which they show inside a line: its line numbers would be one too
# high per such character before the place reported.
_EDITOR_LINE_BREAK = re.compile("\r\n?|\n")


@dataclass(frozen=True, slots=True)
class _EditorLines:
    starts: list[int]  # the offset at which each line starts

    @classmethod
    def of(cls, text: str) -> _EditorLines:
        return cls([0, *(match.end() for match in _EDITOR_LINE_BREAK.finditer(text))])

    def at(self, start: int, end: int) -> Span:
        line = bisect.bisect_right(self.starts, start) - 1
        return Span(line + 1, start - self.starts[line] + 1, start, end)

    def span(self, span: Span) -> Span:
        """span's line and column recounted from its offset."""
        return self.at(span.start, span.end)


# Characters that YAML 1.1 (libyaml, PyYAML) takes for line breaks, and YAML 1.2 for text.
_YAML11_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_STAND_IN = "\u2027"  # printable and not special to YAML: lets libyaml read past them


def _has_yaml11_break(text: str) -> bool:
    return "\u2028" in text or "\u2029" in text or "\x85" in text


def _comment_breaks(text: str) -> list[int]:
    """The offsets of the YAML 1.1-only line breaks that stand in comments, as YAML 1.2 reads
    the text: outside every token, after a '#' outside every token on the same line. None
    where the text cannot be read (its problem is then reported as it stands)."""
    offsets = [match.start() for match in _YAML11_ONLY_BREAKS.finditer(text)]
    scanner = yaml.cyaml.CParser(_YAML11_ONLY_BREAKS.sub(_STAND_IN, text))
    spans: list[tuple[int, int]] = []
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token.end_mark.index > token.start_mark.index:
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return []
    finally:
        scanner.dispose()
    starts = [start for start, _ in spans]

    def in_token(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < spans[index][1]

    # Sorted offsets, looked up by bisection: a hostile file may hold thousands of them.
    line_ends = [match.start() for match in re.finditer("[\r\n]", text)]
    comment_starts = [match.start() for match in re.finditer("#", text)]
    comment_starts = [offset for offset in comment_starts if not in_token(offset)]
    found = []
    for offset in offsets:
        if in_token(offset):
            continue
        line = bisect.bisect_right(line_ends, offset) - 1
        line_start = line_ends[line] + 1 if line >= 0 else 0
        comment = bisect.bisect_right(comment_starts, offset) - 1
        if comment >= 0 and comment_starts[comment] >= line_start:
            found.append(offset)
    return found


def _reads_otherwise_as_yaml11(text: str, value: Any) -> bool:
    """Whether YAML 1.1 tools read other values from text than value (failing to read it at
    all is no silent difference)."""
    try:
        root = compose(text)
    except yaml.YAMLError:
        return False
    if root is None:
        return value is not None
    try:
        return _Builder(ParsedYaml(value=None)).build(root, (), 0) != value
    except _DocumentTooLargeError:
        return True


def _span_at(text: str, offset: int) -> Span:
    """The position of the character at offset, lines counted as editors count them."""
    return _EditorLines.of(text).at(offset, offset)


def _reader_issue(error: yaml.reader.ReaderError, text: str) -> YamlIssue:
    """A character YAML does not allow (a NUL, another control character) at its place:
    libyaml gives its offset in the UTF-8 bytes of text."""
    offset = len(text.encode("utf-8", "surrogatepass")[: error.position].decode("utf-8", "ignore"))
    code = (
        error.character
        if isinstance(error.character, int)
        else ord(text[offset : offset + 1] or "\0")
    )
    what = "control character" if code < 0x20 or 0x7F <= code <= 0x9F else "character"
    return YamlIssue(
        _span_at(text, offset),
        "yaml-syntax",
        f"invalid YAML: the {what} U+{code:04X} is not allowed in a YAML file; delete it",
    )


def _parse(text: str) -> ParsedYaml:
    try:
        root = compose(text)
    except yaml.MarkedYAMLError as error:
        return ParsedYaml(value=None, issues=[_syntax_issue(error, text)])
    except yaml.reader.ReaderError as error:
        return ParsedYaml(value=None, issues=[_reader_issue(error, text)])
    except yaml.YAMLError as error:
        return ParsedYaml(
            value=None, issues=[YamlIssue(FILE_START, "yaml-syntax", f"invalid YAML: {error}")]
        )
    parsed = ParsedYaml(value=None)
    if root is None:
        return parsed
    builder = _Builder(parsed)
    try:
        parsed.value = builder.build(root, (), 0)
    except _DocumentTooLargeError as stop:
        parsed.value = None
        parsed.issues.append(stop.issue)
    return parsed


class _NeedsPositionsError(Exception):
    """The lean parse met something that must be reported: parse again with positions."""


def parse_values(text: str) -> ParsedYaml | None:
    """The document's values without any position record, or None when the document has
    anything parse_yaml would report (or a placeholder): then only parse_yaml's positions
    can say where. Most files are valid, and keeping no node per value is what lets a
    catalog of 50,000 files validate in little more memory than one file needs."""
    if _has_yaml11_break(text):
        return None  # parse_yaml decides whether each is in a comment
    try:
        root = compose(text)
    except yaml.YAMLError:
        return None
    parsed = ParsedYaml(value=None)
    if root is None:
        return parsed
    budget = [MAX_VALUES_PER_DOCUMENT]
    try:
        parsed.value = _lean_value(root, 0, budget, parsed)
    except _NeedsPositionsError:
        return None
    return parsed


_PLAIN_FRACTION = re.compile(r"-?[0-9]+\.[0-9]+")


def _lean_value(node: yaml.Node, depth: int, budget: list[int], parsed: ParsedYaml) -> Any:
    """The value of node, as _Builder.build makes it, for documents with nothing to report."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _NeedsPositionsError
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:  # most values: plain text, checked here without another call
            value = node.value
            if value.startswith(PLACEHOLDER_PREFIX) or (
                not node.style and value in YAML11_BOOLEAN_LETTERS
            ):
                raise _NeedsPositionsError
            return value
        return _lean_scalar(node, parsed)
    if kind is yaml.MappingNode:
        if node.tag != _MAP:
            raise _NeedsPositionsError
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                raise _NeedsPositionsError  # merge keys, odd keys and integer keys: rare
            key = key_node.value
            if key in result:
                raise _NeedsPositionsError
            result[key] = _lean_value(value_node, depth + 1, budget, parsed)
        return result
    if node.tag != _SEQ:
        raise _NeedsPositionsError
    return [_lean_value(item, depth + 1, budget, parsed) for item in node.value]


def _lean_scalar(node: yaml.ScalarNode, parsed: ParsedYaml) -> Any:
    value = node.value
    tag = node.tag
    if value.startswith(PLACEHOLDER_PREFIX):
        raise _NeedsPositionsError
    if tag in (_STR, _TIMESTAMP):
        if not node.style and value in YAML11_BOOLEAN_LETTERS:
            raise _NeedsPositionsError
        return value
    if tag == _INT:
        if len(value) > MAX_NUMBER_DIGITS or not _DECIMAL_INTEGER.fullmatch(value):
            raise _NeedsPositionsError
        return int(value)
    if tag == _BOOL:
        if value not in _PLAIN_BOOLEANS:
            raise _NeedsPositionsError
        return _PLAIN_BOOLEANS[value]
    if tag == _FLOAT:
        if sum(character.isdigit() for character in value) > MAX_NUMBER_DIGITS:
            raise _NeedsPositionsError
        # A plain decimal fraction (0.59, most prices) reads the same in every YAML version;
        # PyYAML's constructor, with its YAML 1.1 forms, is only needed for the others.
        number = (
            float(value)
            if _PLAIN_FRACTION.fullmatch(value)
            else _constructor.construct_yaml_float(node)
        )
        if not math.isfinite(number) or number.is_integer():
            parsed.needs_precise_check = True
        return number
    if tag == _NULL:
        return None
    raise _NeedsPositionsError


# The boolean spellings _Builder accepts without a report, and their values.
_PLAIN_BOOLEANS = {
    spelling: word == "true"
    for word in YAML_BOOLEAN_WORDS
    for spelling in (word, word.capitalize(), word.upper())
}


def _syntax_issue(error: yaml.MarkedYAMLError, text: str) -> YamlIssue:
    mark = error.problem_mark or error.context_mark
    span = Span(mark.line + 1, mark.column + 1, mark.index, mark.index) if mark else FILE_START
    problem = error.problem or "invalid YAML"
    context = f" {error.context}" if error.context else ""
    advice = "; check the indentation and quoting around this point"
    if text[span.start : span.start + 1] == "\t" or "'\\t'" in problem:
        advice = "; YAML does not allow tabs for indentation, use spaces"
    return YamlIssue(span, "yaml-syntax", f"invalid YAML: {problem}{context}{advice}")


class _Builder:
    def __init__(self, parsed: ParsedYaml) -> None:
        self.parsed = parsed
        self.budget = MAX_VALUES_PER_DOCUMENT

    def build(self, node: yaml.Node, path: JsonPath, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            # Report at the top-level key being built: a node reached through an alias
            # points back at its anchor, far from the value that exploded.
            raise _DocumentTooLargeError(
                YamlIssue(
                    Span.of(self.parsed.key_nodes.get(path[:1], node)),
                    "alias-bomb",
                    f"this document expands to more than {MAX_VALUES_PER_DOCUMENT} values "
                    "(anchors and aliases repeated inside each other); write the values out",
                )
            )
        if depth > MAX_DEPTH:
            raise _DocumentTooLargeError(
                YamlIssue(
                    Span.of(node),
                    "too-deep",
                    f"values are nested more than {MAX_DEPTH} levels deep; "
                    "catalog entries are flat mappings",
                )
            )
        self.parsed.value_nodes[path] = node
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._unsupported_tag(node, path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            self._unsupported_tag(node, path)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._issue(
                    Span.of(key_node),
                    "merge-key",
                    "merge keys (<<) are not supported in catalog files; write the keys out",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, _INT):
                self._issue(Span.of(key_node), "key-type", "keys must be plain text such as `name`")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.parsed.key_span((*path, key))
                self._issue(
                    Span.of(key_node),
                    "duplicate-key",
                    f"duplicate key '{key}' (first defined at line {first.line}); keep one of them",
                    (*path, key),
                )
                continue
            self.parsed.key_nodes[(*path, key)] = key_node
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        tag = node.tag
        if node.value.startswith(PLACEHOLDER_PREFIX):
            self.parsed.has_placeholder = True
        if tag in (_STR, _TIMESTAMP):
            # A plain scalar has no style (None from the Python composer, '' from libyaml's).
            if not node.style and node.value in YAML11_BOOLEAN_LETTERS:
                self._yaml11_boolean(node, path)
            # Dates stay text: the schema checks their YYYY-MM-DD form, JSON has no date type.
            return node.value
        if tag == _BOOL:
            if node.value.lower() not in YAML_BOOLEAN_WORDS:
                self._yaml11_boolean(node, path)
            return node.value.lower() in {"true", "yes", "on"}
        if tag == _INT:
            return self._integer(node, path)
        if tag == _FLOAT:
            return self._float(node, path)
        if tag == _NULL:
            return None
        self._unsupported_tag(node, path)
        return node.value

    def _yaml11_boolean(self, node: yaml.ScalarNode, path: JsonPath) -> None:
        self._issue(
            Span.of(node),
            "yaml11-boolean",
            f"'{node.value}' is a YAML 1.1 boolean that tools read differently; "
            f'write true or false, or quote it ("{node.value}") if you mean text',
            path,
        )

    def _integer(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        text = node.value
        if len(text) <= MAX_NUMBER_DIGITS and _DECIMAL_INTEGER.fullmatch(text):
            return int(text)  # the plain decimal form nearly every value has
        digits = sum(character.isdigit() for character in text)
        if digits > MAX_NUMBER_DIGITS:
            self._issue(
                Span.of(node),
                "number-too-large",
                f"this number has {digits} digits, far more than any catalog value; "
                "write the real value",
                path,
            )
            return None
        value = _constructor.construct_yaml_int(node)
        if not _DECIMAL_INTEGER.fullmatch(text):
            self._issue(Span.of(node), *_number_form_issue(text, value), path)
        return value

    def _float(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        if sum(character.isdigit() for character in node.value) > MAX_NUMBER_DIGITS:
            self._issue(
                Span.of(node),
                "number-too-large",
                "this number has more digits than any catalog value; write the real value",
                path,
            )
            return None
        value = _constructor.construct_yaml_float(node)
        if not math.isfinite(value) or value.is_integer():
            self.parsed.needs_precise_check = True
        return value

    def _unsupported_tag(self, node: yaml.Node, path: JsonPath) -> None:
        self._issue(
            Span.of(node),
            "yaml-tag",
            f"the tag {node.tag} is not supported in catalog files; remove it",
            path,
        )

    def _issue(self, span: Span, rule: str, message: str, path: JsonPath | None = None) -> None:
        self.parsed.issues.append(YamlIssue(span, rule, message, path))


def _number_form_issue(text: str, value: int) -> tuple[str, str]:
    """The rule and message for an integer not written in plain decimal: what it means to
    each kind of tool, and what to write instead."""
    quote = f'quote it ("{text}") if you mean text'
    unsigned = text.lstrip("+-")
    if unsigned.isdigit():  # a leading zero: octal to YAML 1.1, decimal to YAML 1.2
        decimal = int(text)
        return "yaml11-number", (
            f"'{text}' has a leading zero: YAML 1.1 tools read it as octal ({value}), YAML 1.2 "
            f"tools as {decimal}; write {decimal} without the leading zero, or {quote}"
        )
    if ":" in text:
        return "yaml11-number", (
            f"'{text}' is a base-60 number to YAML 1.1 tools ({value}) and text to YAML 1.2 "
            f"tools; {quote}, or write {value} if you mean the number"
        )
    if "_" in text:
        return "yaml11-number", (
            f"'{text}' has '_' between its digits: YAML 1.1 tools read it as {value}, YAML 1.2 "
            f"tools as text; write the decimal number {value}, or {quote}"
        )
    if unsigned[:2] in {"0b", "0B"}:
        return "yaml11-number", (
            f"'{text}' is a binary number to YAML 1.1 tools ({value}) and text to YAML 1.2 "
            f"tools; write the decimal number {value}, or {quote}"
        )
    # Hexadecimal: YAML 1.1 and 1.2 tools read the same number, but a source states its
    # numbers in decimal, and a reviewer compares the file with the source.
    return "hex-number", (
        f"'{text}' is a hexadecimal number ({value}); write the decimal number {value} as the "
        f"source states it, or {quote}"
    )


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()/+:?=&%~#@,-]*")


def yaml_scalar(value: Any) -> str:
    """value as a YAML scalar that reads back as exactly that value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Positional notation, never an exponent (which YAML 1.1 tools read as text), and
        # always a point, so it reads back as a float.
        text = format(decimal.Decimal(repr(value)), "f")
        return text if "." in text else f"{text}.0"
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return text  # the loader reads timestamps back as their text
    plain = (
        _PLAIN_SAFE.fullmatch(text)
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text == text.strip()
        and text not in YAML11_BOOLEAN_LETTERS  # y/n: text to PyYAML, booleans to YAML 1.1
        and _reads_back_as_text(text)
    )
    if plain:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _reads_back_as_text(text: str) -> bool:
    try:
        return yaml.safe_load(text) == text
    except (ValueError, yaml.YAMLError):  # digits past int()'s 4,300: a number, not text
        return False
