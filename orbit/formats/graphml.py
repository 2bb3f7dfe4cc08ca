"""GraphML, as yEd and Gephi read and write it.

Nodes carry the unit fields as data; the customer is the node ``customer``.
Edges carry ``relation``: ``reports_to`` (unit → parent) or ``serves``.
The bytes pass through defusedxml first, which refuses entity declarations
("billion laughs") and external references before networkx sees them.
Journeys and design attributes are kept as graph data.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from xml.sax.saxutils import escape

import networkx as nx

from ..errors import OrgError
from ..model import CUSTOMER, Organisation, _plain, plain_data
from . import decode_text


def read_graphml(data: bytes, source: str) -> Organisation:
    import defusedxml
    import defusedxml.ElementTree as DET

    text = decode_text(data, source)
    try:
        tree = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as err:
        line = _line_of(text, "<!ENTITY")
        raise OrgError(source, line, f"XML entity declarations are not allowed ({err.name})") from None
    except defusedxml.DefusedXmlException as err:
        raise OrgError(source, None, f"unsafe XML refused: {err}") from None
    except DET.ParseError as err:
        line = err.position[0] if getattr(err, "position", None) else None
        raise OrgError(source, line, f"XML syntax error: {_xml_message(err)}") from None
    except (LookupError, ValueError) as err:  # an unknown or wrong encoding in the XML declaration
        raise OrgError(source, 1, f"XML encoding error: {err}") from None
    try:
        graph = nx.read_graphml(io.BytesIO(data), node_type=str, force_multigraph=False)
    except nx.NetworkXError as err:
        raise OrgError(source, None, f"not valid GraphML: {err}") from None
    except Exception as err:  # networkx raises plain exceptions on odd files
        raise OrgError(source, None, f"not valid GraphML: {type(err).__name__}: {err}") from None

    node_ids = [el.get("id") for el in tree.iter() if str(el.tag).rsplit("}", 1)[-1] == "node"]
    declared = set(node_ids)
    if len(declared) < len(node_ids):
        # networkx would merge the two nodes without a word
        seen: set[str] = set()
        dup = next(node for node in node_ids if node in seen or seen.add(node))  # first id seen twice
        second = [m.start() for m in _node_tags(text, dup)][1]
        raise OrgError(source, text.count("\n", 0, second) + 1, f"duplicate id {dup!r}")
    for u, v in graph.edges():
        for end in (u, v):
            if end not in declared and end != CUSTOMER:
                raise OrgError(source, _edge_line(text, u, v), f"edge {u!r} -> {v!r} names unknown node {end!r}")
    graph = graph if graph.is_directed() else graph.to_directed(as_view=False)
    for key in ("node_default", "edge_default"):  # networkx's record of key defaults, not design data
        graph.graph.pop(key, None)
    if "journeys" in graph.graph and isinstance(graph.graph["journeys"], str):
        try:
            graph.graph["journeys"] = json.loads(graph.graph["journeys"])
        except json.JSONDecodeError:
            raise OrgError(source, _line_of(text, "journeys"), "graph data 'journeys' is not a JSON list") from None
    for key, value in list(graph.graph.items()):
        if key.startswith("json:") and isinstance(value, str):
            graph.graph.pop(key)
            try:
                graph.graph[key[5:]] = json.loads(value)
            except json.JSONDecodeError:
                graph.graph[key[5:]] = value
    if not graph.is_directed():
        raise OrgError(source, None, "GraphML graph must be directed")
    return Organisation.from_networkx(graph, source=source, line_of=lambda node: _node_line(text, node))


def _xml_message(err) -> str:
    return re.sub(r": line \d+, column \d+$", "", str(err))


def _line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return None if pos < 0 else text.count("\n", 0, pos) + 1


def _attr_value(value: str) -> str:
    """A regex for ``value`` as it may stand in an XML attribute (plain or with entities)."""
    forms = {value, escape(value), escape(value, {'"': "&quot;"}), escape(value, {'"': "&quot;", "'": "&apos;"})}
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms)) + ")"


def _node_tags(text: str, node: str):
    return re.finditer(r"<(?:\w+:)?node\b[^>]*\bid\s*=\s*[\"']" + _attr_value(node) + r"[\"']", text)


def _node_line(text: str, node: str) -> int | None:
    m = next(_node_tags(text, node), None)
    return None if m is None else text.count("\n", 0, m.start()) + 1


def _edge_line(text: str, u: str, v: str) -> int | None:
    for m in re.finditer(r"<(?:\w+:)?edge\b[^>]*>", text):
        tag = m.group(0)
        if re.search(r"\bsource\s*=\s*[\"']" + _attr_value(u) + "[\"']", tag) and re.search(
            r"\btarget\s*=\s*[\"']" + _attr_value(v) + "[\"']", tag
        ):
            return text.count("\n", 0, m.start()) + 1
    return None


def _graphml_value(value):
    value = _plain(value)
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def write_graphml(org: Organisation) -> tuple[bytes, list[str]]:
    g = nx.DiGraph()
    g.graph["name"] = org.name
    g.graph["customer"] = org.customer
    for key, value in org.attrs.items():
        if isinstance(value, (str, int, float, bool)):
            g.graph[str(key)] = value
        else:
            g.graph["json:" + str(key)] = json.dumps(plain_data(value), ensure_ascii=False, default=str)
    if org.journeys:
        g.graph["journeys"] = json.dumps(
            [{"name": j.name, "steps": list(j.steps)} for j in org.journeys], ensure_ascii=False
        )
    g.add_node(CUSTOMER, name=org.customer, kind="customer")
    # one type per attribute key, as GraphML declares keys with a type
    records = org.records()
    types: dict[str, set] = {}
    for rec in records:
        for k, v in rec.items():
            if k not in ("id", "serves"):
                types.setdefault(k, set()).add(type(_graphml_value(v)))
    as_text = {k for k, t in types.items() if len(t) > 1 and not t <= {int, float}}
    as_float = {k for k, t in types.items() if t == {int, float}}
    for rec in records:
        data = {}
        for k, v in rec.items():
            if k in ("id", "serves"):
                continue
            v = _graphml_value(v)
            if k in as_text:
                v = str(v)
            elif k in as_float:
                v = float(v)
            data[k] = v
        g.add_node(rec["id"], **data)
    for src, tgt in zip(org.serves["source"], org.serves["target"], strict=True):
        g.add_edge(src, tgt, relation="serves")
    # a unit that serves its own parent has one edge (``serves``); its ``parent`` data keeps the line
    for uid, parent in zip(org.units["id"], org.units["parent"], strict=True):
        if parent is not None and parent == parent and not g.has_edge(uid, parent):
            g.add_edge(uid, parent, relation="reports_to")
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    # XML reads a raw CR as a line break (LF): write it as a character reference
    return buf.getvalue().replace(b"\r", b"&#13;"), []
