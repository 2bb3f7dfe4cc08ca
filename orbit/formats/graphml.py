"""GraphML, as yEd and Gephi read and write it.

Nodes carry the unit fields as data; the customer is the node ``customer``.
Edges carry ``relation``: ``reports_to`` (unit → parent) or ``serves``.
Journeys and design attributes are kept as graph data (JSON text where
they are not plain values).

Reading streams the file through expat, the XML parser of the standard
library, once: entity declarations ("billion laughs") and external
references are refused before anything is expanded (as defusedxml does),
and every error names the line of its element. One flat graph per file:
a second ``<graph>``, a nested graph (a group in yEd) or a hyperedge is
refused. From yEd's node graphics the label, position and shape are kept,
as networkx keeps them. Writing streams the XML text out directly, so
500,000 units take seconds and a few hundred MiB, not minutes and GiBs.
"""

from __future__ import annotations

import datetime
import json
import math
from xml.parsers import expat

from ..errors import OrgError, shown
from ..model import CUSTOMER, Organisation, _plain, organisation_from_graph, plain_data
from . import MAX_NESTING
from .columns import ImportOptions
from .mapping import parse_json_value

MAX_XML_DEPTH = 64
"""Deepest nesting of XML elements read (GraphML needs 4, yEd's graphics about 8)."""

_TYPES = {"boolean": "boolean", "int": "int", "long": "int", "float": "float", "double": "float", "string": "string"}
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False}
_YFILES_NODES = {"GenericNode", "ShapeNode", "SVGNode", "ImageNode"}


class _Stop(Exception):
    """Raised inside expat's callbacks to end parsing with an :class:`OrgError`."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _Key:
    __slots__ = ("default", "domain", "id", "name", "type", "yfiles")

    def __init__(self, attrs: dict):
        self.id = attrs.get("id", "")
        self.domain = attrs.get("for", "all")
        self.yfiles = attrs.get("yfiles.type")
        self.name = attrs.get("attr.name") or self.yfiles or self.id
        self.type = _TYPES.get(attrs.get("attr.type", "string"), "string")
        self.default = None


class _GraphmlReader:
    """expat callbacks that collect keys, graph data, nodes and edges with their lines."""

    def __init__(self, source: str):
        self.source = source
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self.keys: dict[str, list[_Key]] = {}
        self.graph_data: dict = {}
        self.nodes: list[tuple[str, dict]] = []
        self.node_lines: dict[str, int] = {}
        self.edges: list[tuple[str, str, dict]] = []
        self.edge_lines: list[int] = []
        self.path: list[str] = []
        self.graph_line: int | None = None
        self.target: dict | None = None  # the data of the element being read
        self.data_key: _Key | None = None
        self.data_depth = 0
        self.text: list[str] | None = None
        self.data_children = False
        self.label: list[str] | None = None
        self.current_key: _Key | None = None
        p = self.parser
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.characters
        # what defusedxml refuses: entity declarations and anything external
        p.EntityDeclHandler = self.entity
        p.UnparsedEntityDeclHandler = self.unparsed_entity
        p.ExternalEntityRefHandler = self.external
        p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def entity(self, name, *_):
        raise _Stop(self.line(), f"XML entity declarations are not allowed ({name})")

    def unparsed_entity(self, name, *_):
        raise _Stop(self.line(), f"XML entity declarations are not allowed ({name})")

    def external(self, *_):
        raise _Stop(self.line(), "XML external references are not allowed")

    # ------------------------------------------------------------ elements
    def start(self, tag: str, attrs: dict) -> None:
        name = tag.rsplit(" ", 1)[-1]
        parent = self.path[-1] if self.path else None
        self.path.append(name)
        if len(self.path) > MAX_XML_DEPTH:
            raise _Stop(self.line(), f"XML nested more than {MAX_XML_DEPTH} elements deep")
        if self.data_key is not None:  # inside <data>: yEd graphics
            self.data_children = True
            self.yfiles(name, attrs)
            return
        if name == "key" and parent == "graphml":
            key = _Key(attrs)
            self.keys.setdefault(key.id, []).append(key)
            self.current_key = key
        elif name == "default" and parent == "key":
            self.text = []
        elif name == "graph":
            if parent != "graphml":
                where = f" inside node {shown(self.nodes[-1][0])}" if parent == "node" and self.nodes else ""
                raise _Stop(
                    self.line(),
                    f"a nested graph{where} (a group in yEd): Orbit reads flat graphs; ungroup it first",
                )
            if self.graph_line is not None:
                raise _Stop(
                    self.line(),
                    f"a second <graph> (the first is on line {self.graph_line}): one organisation per file",
                )
            self.graph_line = self.line()
            self.target = self.graph_data
        elif name == "node" and parent == "graph":
            node = attrs.get("id")
            if node is None:
                raise _Stop(self.line(), "a <node> without an id")
            if node in self.node_lines:
                raise _Stop(self.line(), f"duplicate id {shown(node)} (first defined on line {self.node_lines[node]})")
            self.node_lines[node] = self.line()
            self.target = {}
            self.nodes.append((node, self.target))
        elif name == "edge" and parent == "graph":
            if "source" not in attrs or "target" not in attrs:
                raise _Stop(self.line(), "an <edge> needs a source and a target")
            self.target = {}
            self.edges.append((attrs["source"], attrs["target"], self.target))
            self.edge_lines.append(self.line())
        elif name == "hyperedge":
            raise _Stop(self.line(), "hyperedges are not supported: draw one edge per relation")
        elif name == "data" and parent in ("graph", "node", "edge") and self.target is not None:
            domain = {"graph": "graph", "node": "node", "edge": "edge"}[parent]
            self.data_key = self.key_for(attrs.get("key"), domain)
            self.data_depth = len(self.path)
            self.text = []
            self.data_children = False
            self.label = None

    def end(self, tag: str) -> None:
        name = self.path.pop()
        if name == "data" and self.data_key is not None and len(self.path) + 1 == self.data_depth:
            self.finish_data()
        elif name == "default" and self.current_key is not None and self.text is not None:
            self.current_key.default = "".join(self.text)
            self.text = None
        elif name == "key":
            self.current_key = None
        elif name in ("node", "edge"):
            self.target = self.graph_data
        elif name == "NodeLabel" and self.label is not None:
            self.target.setdefault("label", "".join(self.label))
            self.label = None

    def characters(self, text: str) -> None:
        if self.label is not None:
            self.label.append(text)
        elif self.text is not None and not self.data_children:
            self.text.append(text)

    def yfiles(self, name: str, attrs: dict) -> None:
        """yEd's graphics inside a node's ``<data>``: label, geometry and shape, as networkx reads them."""
        if self.label is not None:  # a label's text is what comes before its first child element
            self.target.setdefault("label", "".join(self.label))
            self.label = None
        if self.path[self.data_depth - 2] != "node":
            return
        below = len(self.path) - self.data_depth  # 1: a child of <data>
        if below == 1 and name == "GenericNode" and "configuration" in attrs:
            self.target["shape_type"] = attrs["configuration"]
        if below != 2 or self.path[self.data_depth] not in _YFILES_NODES:
            return
        if name == "Geometry":
            self.target["x"], self.target["y"] = attrs.get("x"), attrs.get("y")
        elif name == "Shape" and "type" in attrs:
            self.target["shape_type"] = attrs["type"]
        elif name == "NodeLabel" and "label" not in self.target:
            self.label = []

    # ------------------------------------------------------------ values
    def key_for(self, key_id, domain: str) -> _Key:
        for key in self.keys.get(key_id, ()):
            if key.domain in (domain, "all"):
                return key
        if key_id in self.keys:
            return self.keys[key_id][0]
        raise _Stop(self.line(), f"<data> refers to key {shown(key_id)}, which no <key> declares")

    def finish_data(self) -> None:
        key, self.data_key = self.data_key, None
        text = "".join(self.text or ())
        self.text = None
        if self.data_children or not text:  # yEd graphics (handled), or empty
            return
        self.target[key.name] = self.value(key, text, self.line())

    def value(self, key: _Key, text: str, line: int):
        kind = key.type
        if kind == "string":
            return text
        if kind == "boolean":
            value = _BOOLEANS.get(text.strip().lower())
            if value is None:
                raise _Stop(line, f"data {shown(key.name)} must be true or false, not {shown(text)}")
            return value
        try:
            value = int(text) if kind == "int" else float(text)
        except ValueError:
            what = "a whole number" if kind == "int" else "a number"
            raise _Stop(line, f"data {shown(key.name)} must be {what}, not {shown(text)}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise _Stop(line, f"data {shown(key.name)} is {text.strip()}, not a number Orbit can use")
        return value

    def defaults(self, domain: str) -> dict:
        """GraphML ``<default>`` values: they hold for every element that leaves the data out."""
        out = {}
        for keys in self.keys.values():
            for key in keys:
                if key.domain in (domain, "all") and key.default not in (None, ""):
                    out[key.name] = self.value(key, key.default, None)
        return out


def read_graphml(data: bytes, source: str, options: ImportOptions | None = None) -> Organisation:
    if options is not None and not options.plain:
        raise OrgError(
            source, None, "--map, --label, --fix and --encoding do not apply to GraphML (XML names its encoding)"
        )
    reader = _GraphmlReader(source)
    try:
        reader.parser.Parse(data, True)
    except _Stop as err:
        raise OrgError(source, err.line, err.message) from None
    except expat.ExpatError as err:
        raise OrgError(source, err.lineno, f"XML syntax error: {expat.ErrorString(err.code)}") from None
    except (LookupError, ValueError) as err:  # an unknown or wrong encoding in the XML declaration
        raise OrgError(source, 1, f"XML encoding error: {err}") from None
    if reader.graph_line is None:
        raise OrgError(source, None, "not GraphML: no <graph> element")
    try:
        node_defaults, edge_defaults = reader.defaults("node"), reader.defaults("edge")
    except _Stop as err:
        raise OrgError(source, err.line, err.message) from None
    graph = {}
    for key, value in reader.graph_data.items():
        if (key == "journeys" or key.startswith("json:")) and isinstance(value, str):
            # a design's own data sits one level down in YAML and JSON: it may nest one level less
            value = parse_json_value(value, source, _data_line(data, key), limit=MAX_NESTING - 1)
            key = key.removeprefix("json:")
        graph[key] = value
    declared = reader.node_lines
    for k, (u, v, _) in enumerate(reader.edges):
        for end in (u, v):
            if end not in declared and end != CUSTOMER:
                raise OrgError(
                    source, reader.edge_lines[k], f"edge {shown(u)} -> {shown(v)} names unknown node {shown(end)}"
                )
    nodes = ((node, {**node_defaults, **values}) for node, values in reader.nodes)
    edges = [(u, v, {**edge_defaults, **values}) for u, v, values in reader.edges]
    return organisation_from_graph(
        graph,
        nodes,
        edges,
        source=source,
        line_of=lambda node: declared.get(node),
        edge_line=lambda k: reader.edge_lines[k],
    )


def _data_line(data: bytes, key: str) -> int | None:
    """The line of the graph data ``key`` (only when its JSON is refused)."""
    pos = data.find(f'attr.name="{key}"'.encode())
    return None if pos < 0 else data.count(b"\n", 0, pos) + 1


# ---------------------------------------------------------------- writing
def _graphml_value(value):
    value = _plain(value)
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value).translate(_TEXT_ESCAPES)


def _attr(value) -> str:
    return str(value).translate(_ATTR_ESCAPES)


def write_graphml(org: Organisation) -> tuple[bytes, list[str]]:
    """The organisation as GraphML text, written piece by piece (no XML tree is built)."""
    graph: dict = {"name": org.name, "customer": org.customer}
    for key, value in org.attrs.items():
        if isinstance(value, (str, int, float, bool)):
            graph[str(key)] = value
        else:
            graph["json:" + str(key)] = json.dumps(plain_data(value), ensure_ascii=False, default=str)
    if org.journeys:
        graph["journeys"] = json.dumps(
            [{"name": j.name, "steps": list(j.steps)} for j in org.journeys], ensure_ascii=False
        )
    records = org.records()
    # one type per attribute key, as GraphML declares keys with a type
    types: dict[str, set] = {"name": {str}, "kind": {str}}
    for rec in records:
        for k, v in rec.items():
            if k not in ("id", "serves"):
                types.setdefault(k, set()).add(type(_graphml_value(v)))
    node_type = {}
    for k, found in types.items():
        if len(found) > 1 and not found <= {int, float}:
            node_type[k] = str
        elif found == {int, float}:
            node_type[k] = float
        else:
            node_type[k] = next(iter(found))
    node_ids = {k: f"d{i}" for i, k in enumerate(node_type)}
    graph_ids = {k: f"d{len(node_ids) + i}" for i, k in enumerate(graph)}
    relation_id = f"d{len(node_ids) + len(graph_ids)}"

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    ]
    for k, kind in node_type.items():
        out.append(f'  <key id="{node_ids[k]}" for="node" attr.name="{_attr(k)}" attr.type="{_XML_TYPES[kind]}" />\n')
    for k, value in graph.items():
        kind = _XML_TYPES[type(value)]
        out.append(f'  <key id="{graph_ids[k]}" for="graph" attr.name="{_attr(k)}" attr.type="{kind}" />\n')
    out.append(f'  <key id="{relation_id}" for="edge" attr.name="relation" attr.type="string" />\n')
    out.append('  <graph edgedefault="directed">\n')
    for k, value in graph.items():
        out.append(f'    <data key="{graph_ids[k]}">{_text(value)}</data>\n')
    name_id, kind_id = node_ids["name"], node_ids["kind"]
    out.append(
        f'    <node id="{CUSTOMER}">\n      <data key="{name_id}">{_text(org.customer)}</data>\n'
        f'      <data key="{kind_id}">customer</data>\n    </node>\n'
    )
    for rec in records:
        parts = [f'    <node id="{_attr(rec["id"])}">\n']
        for k, v in rec.items():
            if k in ("id", "serves"):
                continue
            v = _graphml_value(v)
            kind = node_type[k]
            if kind is str:
                v = str(v)
            elif kind is float:
                v = float(v)
            parts.append(f'      <data key="{node_ids[k]}">{_text(v)}</data>\n')
        parts.append("    </node>\n")
        out.append("".join(parts))
    served = set()
    for src, tgt in zip(org.serves["source"], org.serves["target"], strict=True):
        served.add((src, tgt))
        out.append(
            f'    <edge source="{_attr(src)}" target="{_attr(tgt)}">\n'
            f'      <data key="{relation_id}">serves</data>\n    </edge>\n'
        )
    # a unit that serves its own parent has one edge (``serves``); its ``parent`` data keeps the line
    for uid, parent in zip(org.units["id"], org.units["parent"], strict=True):
        if parent is not None and parent == parent and (uid, parent) not in served:
            out.append(
                f'    <edge source="{_attr(uid)}" target="{_attr(parent)}">\n'
                f'      <data key="{relation_id}">reports_to</data>\n    </edge>\n'
            )
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8"), []
