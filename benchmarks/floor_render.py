"""The floor for ``orbit render FILE -o OUT``: a minimal matplotlib script drawing the same points and segments.

Reads what :mod:`benchmarks.render` saved from Orbit's own figure (an
``.npz``: the unit markers' positions, areas and colours, the relation
segments with their colours and widths, the figure's size, the diagram's
box and limits) and draws them with one ``scatter`` and one
``LineCollection`` per relation kind, without pyplot, then writes PNG (zlib
level 1, as Orbit does) or SVG at the same dpi. No layout, no labels, no
rings, legend or title: this is what Orbit's renderer is measured against,
not a substitute.

Usage: python benchmarks/floor_render.py DRAWING.npz OUT.png|OUT.svg [DPI]
"""

from __future__ import annotations

import sys

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure


def main(source: str, out: str, dpi: float = 200.0) -> None:
    d = np.load(source)
    fig = Figure(figsize=tuple(d["figsize"]), dpi=100, facecolor="white")
    ax = fig.add_axes(tuple(d["axes"]))
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    x0, x1, y0, y1 = d["limits"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    for k in range(int(d["kinds"])):
        segs = d[f"segments{k}"]
        ax.add_collection(LineCollection(segs, colors=d[f"colours{k}"], linewidths=float(d[f"width{k}"])))
    ax.scatter(d["xy"][:, 0], d["xy"][:, 1], s=d["area"], c=d["fill"], edgecolors="white", linewidths=0.2)
    extra = {"pil_kwargs": {"compress_level": 1}} if out.endswith(".png") else {}
    fig.savefig(out, dpi=dpi, facecolor="white", **extra)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(float(v) for v in sys.argv[3:4]))
