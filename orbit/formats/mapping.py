"""YAML and JSON: a mapping with ``name``, ``customer``, ``units`` and ``journeys``.

Both are read into the same plain data while recording the line of every
unit and journey, so that errors point at the right place.

- YAML is parsed by libyaml (PyYAML's C parser) and built from its events
  by :class:`_YamlReader`: tags beyond plain scalars, lists and mappings
  never run, aliases ("billion laughs") and merge keys are refused, and so
  are duplicate keys, naming both lines.
- JSON goes through the C decoder of the standard library, with duplicate
  keys, NaN, infinity and lone surrogates refused.
- Both refuse nesting deeper than :data:`~orbit.formats.MAX_NESTING` before
  anything recursive runs, texts longer than
  :data:`~orbit.formats.MAX_CELL_CHARS` and numbers Python cannot read.
"""

from __future__ import annotations

import bisect
import datetime
import json
import json.decoder
import math
import re

import numpy as np
import yaml

from ..errors import OrgError, shown
from ..model import Organisation, build_organisation, plain_data, records_to_frame
from . import MAX_CELL_CHARS, MAX_NESTING, MAX_ROWS, decode_text
from .columns import FIELDS, ImportOptions, prepare

TOP_LEVEL = ("name", "customer", "units", "journeys")


# ---------------------------------------------------------------- YAML
_T = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null")} | {"!"}
"""Explicit tags a scalar may carry: plain data only."""
_COLLECTION_TAGS = {_T + "seq", _T + "map"}
_TEXT_AS_WRITTEN = {_T + t for t in ("int", "float", "bool", "timestamp")}
"""Plain scalars kept as written where an id is expected (``007`` stays ``"007"``)."""
_ID_KEYS = {"unit": ("id", "parent", "serves"), "journey": ("steps",)}
_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser (shipped in PyYAML's wheels); the pure-Python one gives the same events, slower."""
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Frame:
    """A mapping or list being built, with what it is in an Orbit file (its role)."""

    __slots__ = ("container", "is_map", "key", "key_lines", "role")

    def __init__(self, container, is_map: bool, role: str):
        self.container = container
        self.is_map = is_map
        self.key = _NO_KEY
        self.key_lines: dict = {}
        self.role = role


_NO_KEY = object()


class _YamlReader:
    """Builds plain data from libyaml's events, refusing what Orbit does not take.

    One pass over the events of the C parser (no node tree, no recursion):
    aliases, merge keys (``<<``) and tags beyond plain scalars, lists and
    mappings are refused; so are duplicate keys (both lines named), nesting
    beyond :data:`~orbit.formats.MAX_NESTING`, texts beyond
    :data:`~orbit.formats.MAX_CELL_CHARS`, more than
    :data:`~orbit.formats.MAX_ROWS` units, NaN and infinity, and numbers
    Python cannot read. Ids (``id``, ``parent``, ``serves`` of units and
    ``steps`` of journeys) are kept as written.
    """

    def __init__(self, source: str):
        self.source = source
        self.unit_lines: list[int] = []
        self.journey_lines: list[int] = []
        self.top_line = 1
        self.key_lines: dict = {}

    def fail(self, event_or_line, message: str):
        line = event_or_line if isinstance(event_or_line, int) else event_or_line.start_mark.line + 1
        raise OrgError(self.source, line, message)

    def read(self, loader):
        get = loader.get_event
        get()  # stream start
        event = get()
        if type(event) is yaml.StreamEndEvent:
            raise OrgError(self.source, None, "file is empty")
        result = self.document(get)
        if result is None or result is _NO_KEY:
            raise OrgError(self.source, None, "file is empty")
        event = get()
        if type(event) is not yaml.StreamEndEvent:
            self.fail(event, "a second YAML document ('---'): an Orbit file holds one organisation")
        return result

    def document(self, get):
        stack: list[_Frame] = []
        result = _NO_KEY
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        while True:
            event = get()
            kind = type(event)
            frame = stack[-1] if stack else None
            if kind is scalar_event:
                if frame is not None and frame.is_map and frame.key is _NO_KEY:
                    self.key(frame, event)
                    continue
                value = self.scalar(event, self.as_text(frame))
                self.mark(frame, event)
            elif kind is mapping_start or kind is sequence_start:
                if frame is not None and frame.is_map and frame.key is _NO_KEY:
                    self.fail(event, "a mapping key must be a plain value, not a list or a mapping")
                if event.tag is not None and event.tag not in _COLLECTION_TAGS:
                    self.fail(event, f"YAML tag {_tag(event.tag)} is not allowed: only plain data")
                if len(stack) >= MAX_NESTING:
                    self.fail(event, f"nested more than {MAX_NESTING} levels deep")
                self.mark(frame, event)
                is_map = kind is mapping_start
                stack.append(_Frame({} if is_map else [], is_map, self.role(frame, is_map)))
                if not stack[:-1]:
                    self.top_line = event.start_mark.line + 1
                    self.key_lines = stack[0].key_lines
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop().container
                frame = stack[-1] if stack else None
            elif kind is yaml.AliasEvent:
                self.fail(event, f"YAML aliases (*{event.anchor}) are not allowed")
            elif kind is yaml.DocumentEndEvent:
                return result
            else:  # pragma: no cover - libyaml sends nothing else inside a document
                self.fail(event, f"unexpected YAML event {kind.__name__}")
            if frame is None:
                result = value
            elif frame.is_map:
                frame.container[frame.key] = value
                frame.key = _NO_KEY
            else:
                frame.container.append(value)

    def key(self, frame: _Frame, event) -> None:
        key = self.scalar(event, False)
        line = event.start_mark.line + 1
        if key is _MERGE:
            self.fail(event, "YAML merge keys (<<) are not allowed: write the fields out")
        if key in frame.container or key in frame.key_lines:
            self.fail(event, f"duplicate key {shown(key)} (lines {frame.key_lines[key]} and {line}): keep one")
        frame.key_lines[key] = line
        frame.key = key

    def role(self, parent: _Frame | None, is_map: bool) -> str:
        """What a new list or mapping is: top, units, unit, journeys, journey, ids (a list of ids) or data."""
        if parent is None:
            return "top" if is_map else "data"
        if parent.role == "top" and not is_map and parent.key in ("units", "journeys"):
            return parent.key
        if parent.role in ("units", "journeys") and is_map:
            return parent.role[:-1]
        if not is_map and parent.role in _ID_KEYS and parent.key in _ID_KEYS[parent.role]:
            return "ids"
        return "data"

    def mark(self, frame: _Frame | None, event) -> None:
        """Note the line of each unit and journey; refuse the unit past the limit."""
        if frame is None or frame.role not in ("units", "journeys"):
            return
        lines = self.unit_lines if frame.role == "units" else self.journey_lines
        lines.append(event.start_mark.line + 1)
        if len(lines) > MAX_ROWS:
            self.fail(event, f"more than {MAX_ROWS:,} {frame.role}, the limit")

    @staticmethod
    def as_text(frame: _Frame | None) -> bool:
        if frame is None:
            return False
        if frame.role == "ids":
            return True
        return frame.is_map and frame.role in _ID_KEYS and frame.key in _ID_KEYS[frame.role]

    def scalar(self, event, as_text: bool):
        value = event.value
        if len(value) > MAX_CELL_CHARS:
            self.fail(event, f"a text of {len(value):,} characters; the limit is {MAX_CELL_CHARS:,}")
        tag = event.tag
        if tag is not None:
            if tag not in _SCALAR_TAGS:
                self.fail(event, f"YAML tag {_tag(tag)} is not allowed: only plain data")
            if tag == "!" or tag == _T + "str" or as_text:
                return value
        elif not event.implicit[0]:  # quoted
            return value
        else:
            tag = _resolve(value)
            if tag is None:
                return value
            if tag == _MERGE_TAG:
                return _MERGE
            if as_text and tag in _TEXT_AS_WRITTEN:
                return value
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
        try:
            out = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, OverflowError, yaml.YAMLError) as err:
            if "digits" in str(err) or len(value) > 100:
                self.fail(event, f"the number {shown(value, 20)} has too many digits")
            self.fail(event, f"{shown(value)} is not a valid {tag.rsplit(':', 1)[-1]}: {err}")
        if isinstance(out, float) and not math.isfinite(out):
            self.fail(event, f"{value} is not a number Orbit can use: leave the field out or give a number")
        return out


_MERGE_TAG = _T + "merge"
_MERGE = object()
_STR_TAGS = {_T + "str", _T + "value", _T + "yaml"}


def _tag(tag: str) -> str:
    """A tag as it is written: ``!!binary``, ``!unit``."""
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _resolve(value: str) -> str | None:
    """The tag PyYAML's resolver gives a plain scalar; None for plain text (the usual case, decided fast)."""
    resolvers = _RESOLVERS.get(value[:1] if value else "")
    if not resolvers:
        return None
    for tag, regexp in resolvers:
        if regexp.match(value):
            return None if tag in _STR_TAGS else tag
    return None


def read_yaml(data: bytes, source: str, options: ImportOptions | None = None) -> Organisation:
    text = decode_text(data, source, options.encoding if options else None)
    reader = _YamlReader(source)
    try:
        loader = _EVENTS(text)
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text, source) from None
    try:
        doc = reader.read(loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        if line is not None:
            # an error at the end of the stream is on the last line, not after it
            line = min(line, max(1, len(text.rstrip("\r\n").splitlines())))
        problem = " ".join((err.problem or err.context or "YAML syntax error").split())
        if "maximum nesting depth" in problem:
            problem = f"nested more than {MAX_NESTING} levels deep"
        raise OrgError(source, line, problem) from None
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text, source) from None
    except yaml.YAMLError as err:
        raise OrgError(source, None, "YAML error: " + " ".join(str(err).split())) from None
    finally:
        loader.dispose()
    return _from_document(
        doc, source, reader.unit_lines, reader.journey_lines, reader.top_line, reader.key_lines, options
    )


def _reader_error(err: yaml.reader.ReaderError, text: str, source: str) -> OrgError:
    char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "\0")
    line = text.count("\n", 0, err.position) + 1
    return OrgError(source, line, f"YAML cannot hold the control character U+{char:04X}")


def document(org: Organisation) -> dict:
    """The organisation as the plain mapping written to YAML and JSON."""
    doc = {"name": org.name, "customer": org.customer}
    for key, value in org.attrs.items():
        if key not in TOP_LEVEL and key != "units":
            doc[key] = plain_data(value)
    doc["units"] = [plain_data(r) for r in org.records()]
    if org.journeys:
        doc["journeys"] = [{"name": j.name, "steps": list(j.steps)} for j in org.journeys]
    return doc


def write_yaml(org: Organisation) -> tuple[bytes, list[str]]:
    text = yaml.safe_dump(document(org), sort_keys=False, allow_unicode=True, width=100)
    return text.encode("utf-8"), []


# ---------------------------------------------------------------- JSON
_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]')
_SURROGATE_ESCAPE = re.compile(r"\\[uU][dD][89a-fA-F][0-9a-fA-F]{2}")


class _JsonProblem(ValueError):
    """Raised by the decoder's hooks; the message and the line are worked out afterwards."""

    def __init__(self, kind: str, value):
        super().__init__(kind)
        self.kind = kind
        self.value = value


def _pairs(pairs: list) -> dict:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set = set()
        raise _JsonProblem("duplicate", next(k for k, _ in pairs if k in seen or seen.add(k)))
    return obj


def _json_int(text: str) -> int:
    if len(text) > 4000:
        raise _JsonProblem("digits", text)
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _JsonProblem("range", text)
    return value


def _json_constant(name: str):
    raise _JsonProblem("constant", name)


def _strict_decoder() -> json.JSONDecoder:
    """The C decoder, refusing duplicate keys, NaN, infinity and numbers too long to read."""
    return json.JSONDecoder(
        object_pairs_hook=_pairs, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
    )


def check_json_nesting(text: str, source: str, first_line: int = 1, limit: int = MAX_NESTING) -> None:
    """Refuse JSON nested more than ``limit`` (:data:`~orbit.formats.MAX_NESTING`) deep, before a recursive parser.

    Strings are taken out, the brackets left are counted with numpy.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if len(brackets) <= limit:
        return
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    depth = np.cumsum(np.where((codes == 91) | (codes == 123), 1, -1).astype(np.int32))
    if int(depth.max()) <= limit:
        return
    level = 0
    for m in _JSON_TOKEN.finditer(text):  # find the place (only when refusing)
        tok = m.group()
        level += tok in "[{" if len(tok) == 1 else 0
        level -= tok in "]}" if len(tok) == 1 else 0
        if level > limit:
            line = first_line + text.count("\n", 0, m.start())
            raise OrgError(source, line, f"nested more than {limit} levels deep")
    raise OrgError(source, None, f"nested more than {limit} levels deep")


def parse_json_value(text: str, source: str, line: int | None = None, *, limit: int = MAX_NESTING):
    """One JSON value from ``text`` (a whole file, or JSON held in a GraphML attribute), strictly.

    ``limit`` is how deep it may nest: a value that goes inside a design
    (a GraphML attribute) has the levels above it taken off, so that every
    format Orbit writes it to still reads back.

    Raises
    ------
    OrgError
        For syntax errors, nesting too deep, duplicate keys (naming both
        lines), NaN and infinity, numbers too long, lone surrogates.
    """
    first = line or 1
    check_json_nesting(text, source, first, limit)
    decoder = _strict_decoder()
    try:
        value, end = decoder.raw_decode(text, _JSON_WS.match(text, 0).end())
        end = _JSON_WS.match(text, end).end()
        if end < len(text):
            raise json.JSONDecodeError("extra data after the document", text, end)
    except json.JSONDecodeError as err:
        raise OrgError(source, first + err.lineno - 1, f"JSON syntax error: {err.msg} (column {err.colno})") from None
    except _JsonProblem as err:
        raise _json_problem(err, text, source, first) from None
    except RecursionError:  # pragma: no cover - the nesting check comes first
        raise OrgError(source, line, f"nested more than {limit} levels deep") from None
    _check_surrogates(text, source, first)
    return value


def _json_problem(err: _JsonProblem, text: str, source: str, first: int) -> OrgError:
    def line_at(pos: int) -> int | None:
        return None if pos < 0 else first + text.count("\n", 0, pos)

    if err.kind == "duplicate":
        lines = _duplicate_key_lines(text, err.value)
        where = f" (lines {lines[0]} and {lines[1]})" if lines else ""
        return OrgError(source, lines[1] if lines else None, f"duplicate key {shown(err.value)}{where}: keep one")
    pos = _outside_strings(text, err.value)
    if err.kind == "digits":
        return OrgError(source, line_at(pos), f"the number {shown(err.value, 20)} has too many digits")
    return OrgError(source, line_at(pos), f"{shown(err.value, 30)} is not a number Orbit can use (not finite)")


def _outside_strings(text: str, needle: str) -> int:
    """Where ``needle`` first stands outside a JSON string (-1 if nowhere)."""
    pos = 0
    for m in _JSON_STRING.finditer(text):
        hit = text.find(needle, pos, m.start())
        if hit >= 0:
            return hit
        pos = m.end()
    return text.find(needle, pos)


def _duplicate_key_lines(text: str, key: str) -> tuple[int, int] | None:
    """The lines of the first key that appears twice in one JSON object (the slow way: only when refusing)."""
    stack: list[dict | None] = []
    expect_key = False
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        if tok == "{":
            stack.append({})
            expect_key = True
        elif tok == "[":
            stack.append(None)
        elif tok in "]}":
            stack.pop()
            expect_key = False
        elif tok == ",":
            expect_key = bool(stack) and stack[-1] is not None
        elif tok == ":":
            expect_key = False
        elif expect_key:
            name = json.loads(tok)
            line = text.count("\n", 0, m.start()) + 1
            keys = stack[-1]
            if name in keys and name == key:
                return keys[name], line
            keys.setdefault(name, line)
            expect_key = False
    return None


def _check_surrogates(text: str, source: str, first: int) -> None:
    r"""Refuse ``\ud800``-style escapes that are not half of a surrogate pair: they are not characters."""
    for m in _SURROGATE_ESCAPE.finditer(text):
        start = before = m.start()
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # an escaped backslash followed by the text "ud800"
            continue
        code = int(m.group()[2:], 16)
        if code <= 0xDBFF:
            nxt = text[m.end() : m.end() + 6]
            if len(nxt) == 6 and nxt[:2] in ("\\u", "\\U") and 0xDC00 <= _hex(nxt[2:]) <= 0xDFFF:
                continue
        else:
            prev = text[max(start - 6, 0) : start]
            if len(prev) == 6 and prev[:2] in ("\\u", "\\U") and 0xD800 <= _hex(prev[2:]) <= 0xDBFF:
                continue
        line = first + text.count("\n", 0, start)
        raise OrgError(source, line, f"{m.group()} is half of a surrogate pair, not a character")


def _hex(text: str) -> int:
    try:
        return int(text, 16)
    except ValueError:
        return -1


def read_json(data: bytes, source: str, options: ImportOptions | None = None) -> Organisation:
    text = decode_text(data, source, options.encoding if options else None)
    check_json_nesting(text, source)
    starts: dict[str, list[int]] = {}
    key_positions: dict[str, int] = {}
    try:
        doc, top = _top_level(text, starts, key_positions)
    except json.JSONDecodeError as err:
        raise OrgError(source, err.lineno, f"JSON syntax error: {err.msg} (column {err.colno})") from None
    except _JsonProblem as err:
        raise _json_problem(err, text, source, 1) from None
    _check_surrogates(text, source, 1)
    newlines: list[int] | None = None

    def line_at(pos: int) -> int:
        nonlocal newlines
        if newlines is None:
            newlines = [m.start() for m in re.finditer("\n", text)]
        return bisect.bisect_left(newlines, pos) + 1

    unit_lines = _LazyList(starts.get("units", []), line_at)
    journey_lines = _LazyList(starts.get("journeys", []), line_at)
    key_lines = {k: text.count("\n", 0, pos) + 1 for k, pos in key_positions.items() if k not in ("units", "journeys")}
    return _from_document(doc, source, unit_lines, journey_lines, text.count("\n", 0, top) + 1, key_lines, options)


class _LazyList:
    """Positions in the text, turned into line numbers only when an error needs one."""

    def __init__(self, positions: list[int], line_at):
        self.positions = positions
        self.line_at = line_at

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i: int) -> int:
        return self.line_at(self.positions[i])


def _top_level(text: str, starts: dict, key_positions: dict) -> tuple[object, int]:
    """The document, noting where each item of the top-level ``units`` and ``journeys`` lists starts.

    The top-level object is walked here; everything inside goes through the
    C decoder. Anything unexpected is handed to the standard decoder, whose
    error names the line and column.
    """
    decoder = _strict_decoder()
    scan = decoder.scan_once
    ws = _JSON_WS.match
    pos = ws(text, 0).end()

    def standard_error():
        decoder.raw_decode(text, ws(text, 0).end())  # raises the precise JSONDecodeError
        raise json.JSONDecodeError("unexpected text", text, pos)  # pragma: no cover

    def after_item(p: int, close: str) -> tuple[int, bool]:
        """Past the ``,`` after an item, or past ``close`` (then done)."""
        p = ws(text, p).end()
        if text[p : p + 1] == close:
            return p + 1, True
        if text[p : p + 1] != ",":
            standard_error()
        return ws(text, p + 1).end(), False

    def value_at(p):
        try:
            return scan(text, p)
        except StopIteration as err:
            raise json.JSONDecodeError("Expecting value", text, err.value) from None

    top = pos
    if text[pos : pos + 1] != "{":
        doc, end = value_at(pos)
        if ws(text, end).end() < len(text):
            raise json.JSONDecodeError("extra data after the document", text, ws(text, end).end())
        return doc, top
    doc: dict = {}
    pos = ws(text, pos + 1).end()
    if text[pos : pos + 1] == "}":
        pos += 1
    else:
        while True:
            if text[pos : pos + 1] != '"':
                standard_error()
            key_at = pos
            key, pos = json.decoder.scanstring(text, pos + 1)
            pos = ws(text, pos).end()
            if text[pos : pos + 1] != ":":
                standard_error()
            pos = ws(text, pos + 1).end()
            if key in ("units", "journeys") and text[pos : pos + 1] == "[":
                items, found = [], []
                pos = ws(text, pos + 1).end()
                if text[pos : pos + 1] == "]":
                    pos += 1
                else:
                    done = False
                    while not done:
                        found.append(pos)
                        item, pos = value_at(pos)
                        items.append(item)
                        pos, done = after_item(pos, "]")
                value = items
                starts[key] = found
            else:
                value, pos = value_at(pos)
            if key in doc:
                raise _JsonProblem("duplicate", key)
            doc[key] = value
            key_positions[key] = key_at
            pos, done = after_item(pos, "}")
            if done:
                break
    end = ws(text, pos).end()
    if end < len(text):
        raise json.JSONDecodeError("extra data after the document", text, end)
    return doc, top


def write_json(org: Organisation) -> tuple[bytes, list[str]]:
    text = json.dumps(document(org), ensure_ascii=False, indent=2, default=_json_default)
    return (text + "\n").encode("utf-8"), []


def _json_default(value):
    """Values JSON has no type for (YAML dates, sets, binary): dates as ISO text, the rest as text."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- shared
def _from_document(
    doc, source: str, unit_lines, journey_lines, top_line: int, key_lines=None, options: ImportOptions | None = None
) -> Organisation:
    if not isinstance(doc, dict):
        raise OrgError(source, top_line, f"expected a mapping with 'units' at the top, found {_kind(doc)}")
    if "units" not in doc:
        raise OrgError(source, top_line, "no 'units': the file must list its units under 'units:'")
    units = doc["units"]
    if not isinstance(units, list):
        raise OrgError(source, top_line, f"'units' must be a list, not {_kind(units)}")
    if len(units) > MAX_ROWS:
        raise OrgError(source, None, f"{len(units):,} units; the limit is {MAX_ROWS:,}")

    def line_of(i):
        return unit_lines[i] if i < len(unit_lines) else None

    for i, unit in enumerate(units):
        if not isinstance(unit, dict):
            raise OrgError(source, line_of(i), f"unit {i + 1} must be a mapping of fields, not {_kind(unit)}")
        if "id" not in unit:
            raise OrgError(source, line_of(i), f"unit {i + 1} has no 'id'")
        for key, value in unit.items():
            if isinstance(value, dict):
                raise OrgError(
                    source,
                    line_of(i),
                    f"field {shown(key)} of unit {shown(unit.get('id'))} must be a single value, not a mapping",
                )
            if isinstance(value, list) and key != "serves":
                raise OrgError(
                    source,
                    line_of(i),
                    f"field {shown(key)} of unit {shown(unit.get('id'))} must be a single value, not a list",
                )
    for key in ("name", "customer"):
        if isinstance(doc.get(key), (dict, list)):
            raise OrgError(source, top_line, f"'{key}' must be text, not {_kind(doc[key])}")
    attrs = {k: v for k, v in doc.items() if k not in TOP_LEVEL}
    if options is not None and (options.map or options.label):
        raise OrgError(
            source, None, "--map and --label name table columns (CSV, XLSX); YAML and JSON name their fields"
        )
    frame = records_to_frame(units, source, unit_lines)
    if options is not None and options.fix:
        fields = {c: c for c in frame.columns if c in FIELDS}
        frame, line_of = prepare(frame, fields, source, line_of, options)
    return build_organisation(
        frame,
        source=source,
        line_of=line_of,
        name=doc.get("name") or "",
        customer=doc.get("customer") or "Customer",
        journeys=doc.get("journeys") or [],
        journey_lines=journey_lines,
        attrs=attrs,
        attr_lines={k: v for k, v in (key_lines or {}).items() if k in attrs},
    )


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )
