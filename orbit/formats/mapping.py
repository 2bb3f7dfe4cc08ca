"""YAML and JSON: a mapping with ``name``, ``customer``, ``units`` and ``journeys``.

Both are read into the same plain data while recording the line of every
unit and journey, so that errors point at the right place. YAML is read with
PyYAML's safe loader only: tags beyond plain data never run, and aliases are
refused (they are how "billion laughs" bombs are built).
"""

from __future__ import annotations

import bisect
import datetime
import json
import json.decoder
import json.scanner

import yaml

from ..errors import OrgError
from ..model import Organisation, build_organisation, plain_data, records_to_frame
from . import MAX_CELL_CHARS, MAX_ROWS, decode_text

TOP_LEVEL = ("name", "customer", "units", "journeys")


# ---------------------------------------------------------------- YAML
class _NoAliasLoader(yaml.SafeLoader):
    """Safe loading, with aliases refused before anything is built."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"YAML aliases (*{event.anchor}) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


def read_yaml(data: bytes, source: str) -> Organisation:
    text = decode_text(data, source)
    try:
        loader = _NoAliasLoader(text)  # checks for characters YAML cannot hold
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text, source) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise OrgError(source, None, "file is empty")
        _ids_as_text(root)
        doc = loader.construct_document(root)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        if line is not None:
            # an error at the end of the stream is on the last line, not after it
            line = min(line, max(1, len(text.rstrip("\r\n").splitlines())))
        problem = err.problem or err.context or "YAML syntax error"
        if "could not determine a constructor" in problem:
            problem = f"YAML tag {problem.split('tag', 1)[-1].strip()} is not allowed: only plain data"
        raise OrgError(source, line, problem.strip()) from None
    except yaml.reader.ReaderError as err:
        raise _reader_error(err, text, source) from None
    except yaml.YAMLError as err:
        raise OrgError(source, None, "YAML error: " + " ".join(str(err).split())) from None
    finally:
        loader.dispose()
    unit_lines, journey_lines = [], []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "units" and isinstance(value, yaml.SequenceNode):
                unit_lines = [item.start_mark.line + 1 for item in value.value]
            if key.value == "journeys" and isinstance(value, yaml.SequenceNode):
                journey_lines = [item.start_mark.line + 1 for item in value.value]
    top_line = root.start_mark.line + 1
    return _from_document(doc, source, unit_lines, journey_lines, top_line)


_STR_TAG = "tag:yaml.org,2002:str"
_ID_KEYS = {"units": ("id", "parent", "serves"), "journeys": ("steps",)}
_RETAG = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "timestamp")}


def _ids_as_text(root) -> None:
    """Read ids as they are written: ``007`` stays ``"007"`` (YAML would make it the number 7).

    Only plain scalars under ``units`` (``id``, ``parent``, ``serves``) and
    ``journeys`` (``steps``) are retagged as text; other fields keep their types.
    """
    if not isinstance(root, yaml.MappingNode):
        return

    def retag(node):
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.tag in _RETAG:
            node.tag = _STR_TAG
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                retag(item)

    for key, value in root.value:
        fields = _ID_KEYS.get(getattr(key, "value", None))
        if not fields or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if isinstance(item, yaml.MappingNode):
                for k, v in item.value:
                    if getattr(k, "value", None) in fields:
                        retag(v)


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
class _Located(dict):
    """A JSON object that remembers where it began."""

    __slots__ = ("pos",)


def _decoder() -> json.JSONDecoder:
    dec = json.JSONDecoder()

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)
        obj = _Located(pairs)
        obj.pos = s_and_end[1] - 1
        return obj, end

    dec.parse_object = parse_object
    dec.scan_once = json.scanner.py_make_scanner(dec)
    return dec


def read_json(data: bytes, source: str) -> Organisation:
    text = decode_text(data, source)
    try:
        doc, end = _decoder().raw_decode(text, _skip_ws(text, 0))
        if text[end:].strip():
            rest = _skip_ws(text, end)
            raise json.JSONDecodeError("extra data after the document", text, rest)
    except json.JSONDecodeError as err:
        raise OrgError(source, err.lineno, f"JSON syntax error: {err.msg} (column {err.colno})") from None
    except RecursionError:
        raise OrgError(source, None, "JSON nested too deeply") from None
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_at(pos):
        return bisect.bisect_right(starts, pos)

    unit_lines, journey_lines = [], []
    if isinstance(doc, dict):
        if isinstance(doc.get("units"), list):
            unit_lines = [line_at(u.pos) if isinstance(u, _Located) else None for u in doc["units"]]
        if isinstance(doc.get("journeys"), list):
            journey_lines = [line_at(j.pos) if isinstance(j, _Located) else None for j in doc["journeys"]]
    top_line = line_at(doc.pos) if isinstance(doc, _Located) else 1
    return _from_document(_plain_json(doc), source, unit_lines, journey_lines, top_line)


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _plain_json(value):
    if isinstance(value, dict):
        return {k: _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    return value


def write_json(org: Organisation) -> tuple[bytes, list[str]]:
    text = json.dumps(document(org), ensure_ascii=False, indent=2, default=_json_default)
    return (text + "\n").encode("utf-8"), []


def _json_default(value):
    """Values JSON has no type for (YAML dates, sets, binary): dates as ISO text, the rest as text."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------- shared
def _from_document(doc, source: str, unit_lines, journey_lines, top_line: int) -> Organisation:
    if not isinstance(doc, dict):
        raise OrgError(source, top_line, f"expected a mapping with 'units' at the top, found {_kind(doc)}")
    if "units" not in doc:
        raise OrgError(source, top_line, "no 'units': the file must list its units under 'units:'")
    units = doc["units"]
    if not isinstance(units, list):
        raise OrgError(source, top_line, f"'units' must be a list, not {_kind(units)}")
    if len(units) > MAX_ROWS:
        raise OrgError(source, None, f"{len(units)} units; the limit is {MAX_ROWS}")
    for i, unit in enumerate(units):
        line = unit_lines[i] if i < len(unit_lines) else None
        if not isinstance(unit, dict):
            raise OrgError(source, line, f"unit {i + 1} must be a mapping of fields, not {_kind(unit)}")
        if "id" not in unit:
            raise OrgError(source, line, f"unit {i + 1} has no 'id'")
        for key, value in unit.items():
            if isinstance(value, dict):
                raise OrgError(
                    source, line, f"field {key!r} of unit {unit.get('id')!r} must be a single value, not a mapping"
                )
            if isinstance(value, list) and key != "serves":
                raise OrgError(
                    source, line, f"field {key!r} of unit {unit.get('id')!r} must be a single value, not a list"
                )
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise OrgError(
                    source, line, f"field {key!r} of unit {unit.get('id')!r} is longer than {MAX_CELL_CHARS} characters"
                )
    for key in ("name", "customer"):
        if isinstance(doc.get(key), (dict, list)):
            raise OrgError(source, top_line, f"'{key}' must be text, not {_kind(doc[key])}")
    attrs = {k: v for k, v in doc.items() if k not in TOP_LEVEL}
    frame = records_to_frame(units, source, unit_lines)

    def line_of(i):
        return unit_lines[i] if i < len(unit_lines) else None

    return build_organisation(
        frame,
        source=source,
        line_of=line_of,
        name=doc.get("name") or "",
        customer=doc.get("customer") or "Customer",
        journeys=doc.get("journeys") or [],
        journey_lines=journey_lines,
        attrs=attrs,
    )


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )
