"""Layout benchmark: edge crossings and time against Graphviz and networkx.

Usage::

    python benchmarks/layout.py [--sizes 1000 10000] [--seed 0] [--no-dot]

For each generated organisation (:func:`orbit.generate.generate_org`) it
prints one row per layout:

- radial layouts, crossings over all relations and touchpoints (the graph
  with the customer, as drawn): ``orbit_layout``, Graphviz ``twopi -Tplain``
  with ``root=customer`` on the same undirected graph, and
  ``networkx.shell_layout`` with the BFS layers from the customer;
- tree layouts, crossings over the reporting lines: ``hierarchy_layout`` and
  Graphviz ``dot -Tplain`` on the reporting forest.

Graphviz times are the whole process (``subprocess.run``), in-process times
are the best of a few runs. ``ratio`` is crossings relative to twopi.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orbit.analysis import analyse, relation_edges
from orbit.generate import generate_org
from orbit.layout import count_crossings, hierarchy_layout, orbit_layout
from orbit.model import CUSTOMER


def best_time(fn, repeat: int):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return out, best


def dot_source(nodes, edges, root=None) -> str:
    lines = ["graph G {"]
    if root is not None:
        lines.append(f'root="{root}";')
    lines += [f'"{v}";' for v in nodes]
    lines += [f'"{u}" -- "{v}";' for u, v in edges]
    lines.append("}")
    return "\n".join(lines)


def graphviz(program: str, source: str):
    t = time.perf_counter()
    out = subprocess.run([program, "-Tplain"], input=source, capture_output=True, text=True, check=True).stdout
    elapsed = time.perf_counter() - t
    pos = {}
    for line in out.splitlines():
        part = line.split()
        if part and part[0] == "node":
            pos[part[1].strip('"')] = (float(part[2]), float(part[3]))
    return pos, elapsed


def run(n: int, seed: int, with_dot: bool) -> list[dict]:
    org = generate_org(n, seed=seed)
    edges = relation_edges(org)
    pairs = list(zip(edges["source"], edges["target"], strict=True))
    reports = edges.loc[edges["relation"] == "reports_to"]
    tree_pairs = list(zip(reports["source"], reports["target"], strict=True))
    nodes = [CUSTOMER, *org.units["id"]]
    rows = []
    repeat = 5 if n <= 20_000 else 2

    a = analyse(org)
    pos, t_layout = best_time(lambda: orbit_layout(org, analysis=a), repeat)
    _, t_total = best_time(lambda: orbit_layout(org), repeat)
    rows.append(dict(layout="orbit_layout", crossings=count_crossings(pos, pairs), seconds=t_layout))
    rows.append(dict(layout="  incl. analyse()", crossings=None, seconds=t_total))
    pos, t = best_time(lambda: orbit_layout(org, analysis=a, refine=False), repeat)
    rows.append(dict(layout="orbit_layout(refine=False)", crossings=count_crossings(pos, pairs), seconds=t))

    if shutil.which("twopi"):
        pos, t = graphviz("twopi", dot_source(nodes, pairs, root=CUSTOMER))
        rows.append(dict(layout="twopi -Tplain", crossings=count_crossings(pos, pairs), seconds=t))

    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(pairs)

    def shell():
        layers = list(nx.bfs_layers(g, [CUSTOMER]))
        reached = {v for layer in layers for v in layer}
        rest = [v for v in g if v not in reached]
        return nx.shell_layout(g, nlist=layers + ([rest] if rest else []))

    pos, t = best_time(shell, 1)
    rows.append(dict(layout="nx.shell_layout (BFS layers)", crossings=count_crossings(pos, pairs), seconds=t))

    pos, t = best_time(lambda: hierarchy_layout(org), repeat)
    rows.append(dict(layout="hierarchy_layout", crossings=count_crossings(pos, tree_pairs), seconds=t))
    pos, t = best_time(lambda: hierarchy_layout(org, compact=False), repeat)
    rows.append(dict(layout="hierarchy_layout(compact=False)", crossings=count_crossings(pos, tree_pairs), seconds=t))
    if with_dot and shutil.which("dot"):
        pos, t = graphviz("dot", dot_source(list(org.units["id"]), tree_pairs))
        rows.append(dict(layout="dot -Tplain (reporting lines)", crossings=count_crossings(pos, tree_pairs), seconds=t))
    return rows


def samples(folder: Path) -> None:
    """Crossings of orbit_layout and twopi on the sample designs."""
    import orbit

    print("| sample | units | relations | orbit_layout | twopi | ratio | seconds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in sorted(folder.glob("*.yaml")):
        org = orbit.load(path)
        edges = relation_edges(org)
        pairs = list(zip(edges["source"], edges["target"], strict=True))
        pos, t = best_time(lambda org=org: orbit_layout(org), 3)
        ours = count_crossings(pos, pairs)
        if shutil.which("twopi"):
            tw = count_crossings(graphviz("twopi", dot_source([CUSTOMER, *org.units["id"]], pairs, CUSTOMER))[0], pairs)
            ratio = f"{ours / tw:.2f}" if tw else ""
        else:
            tw, ratio = "", ""
        print(f"| {path.name} | {len(org)} | {len(pairs)} | {ours:,} | {tw:,} | {ratio} | {t:.3f} |", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-dot", action="store_true", help="skip Graphviz dot (slow on large trees)")
    ap.add_argument("--samples", action="store_true", help="also compare on sample_orgs/*.yaml")
    args = ap.parse_args(argv)
    print("| units | layout | crossings | vs twopi | seconds |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for n in args.sizes:
        rows = run(n, args.seed, not args.no_dot)
        twopi = next((r["crossings"] for r in rows if r["layout"].startswith("twopi")), None)
        for r in rows:
            c = r["crossings"]
            radial = not r["layout"].startswith(("hier", "dot"))
            ratio = f"{c / twopi:.2f}" if twopi and c is not None and radial else ""
            crossings = "" if c is None else f"{c:,}"
            print(f"| {n:,} | {r['layout']} | {crossings} | {ratio} | {r['seconds']:.3f} |", flush=True)
    if args.samples:
        print()
        samples(Path(__file__).resolve().parents[1] / "sample_orgs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
