"""What the drawings of a folded design say about the people each box hides.

A folded box (:func:`orbit.aggregate.folded_analysis`) sits where its
nearest member reaches the customer, but it is flagged when any of its
people is. These texts explain it in every renderer alike: one note per box
(the hover of the app's figures, the deck's notes), the flagged legend entry
and the footnote line of the exported images, in both languages.
"""

from __future__ import annotations

import numpy as np

from .. import i18n as T
from .._chars import label_text
from ..analysis import Analysis

__all__ = ["box_note", "flagged_label", "folded_flags_line", "hidden_boxes", "hop_texts", "hops_key_label"]


def hidden_boxes(a: Analysis) -> np.ndarray:
    """Codes of the boxes that stand for several units and hide flagged people, most flagged people first."""
    f = a.folding
    if f is None:
        return np.zeros(0, dtype=np.int64)
    codes = np.flatnonzero(f.hidden)
    return codes[np.lexsort((codes, -f.beyond[codes]))]


def box_note(a: Analysis, i: int, lang: str = "en") -> str | None:
    """``"folded: 631 of 1,516 people beyond 3 hops; worst ring 6"`` for a box standing for several units, else None."""
    f = a.folding
    if f is None or f.units[i] <= 1:
        return None
    values = {
        "beyond": T.number(round(float(f.beyond[i])), lang),
        "people": T.number(round(float(f.people[i])), lang),
        "n": f.max_hops,
        "ring": int(f.worst_ring[i]),
        "none": T.number(round(float(f.unconnected[i])), lang),
    }
    if f.unconnected[i] >= f.people[i] and f.people[i] > 0:
        return T.text(lang, "image.folded.box.none", **values)
    if f.unconnected[i] > 0:
        return T.text(lang, "image.folded.box.nopath", **values)
    return T.text(lang, "image.folded.box", **values)


def flagged_label(a: Analysis, lang: str = "en") -> str:
    """The flagged legend entry; a folded design's says that a department is flagged for any of its people."""
    key = "image.legend.flagged.folded" if hidden_boxes(a).size else "image.legend.flagged"
    return T.text(lang, key, n=a.max_hops)


def folded_flags_line(a: Analysis, names=None, lang: str = "en", limit: int = 3) -> str | None:
    """The footnote line of a folded drawing: the people beyond N in flagged boxes and the worst boxes.

    ``names`` gives each box's display name (in the folded design's order; default its name, else its id).
    None when no box hides flagged people.
    """
    codes = hidden_boxes(a)
    if not codes.size:
        return None
    f = a.folding
    if names is None:
        t = a.org.units
        names = [label_text(n) if isinstance(n, str) and n.strip() else str(i) for n, i in zip(t["name"], t["id"])]
    flagged = f.flagged
    parts = [
        T.text(
            lang,
            "image.footnote.folded_flags",
            beyond=T.number(round(float(f.beyond[flagged].sum())), lang),
            people=T.number(round(float(f.people.sum())), lang),
            n=f.max_hops,
        )
    ]
    for i in codes[:limit]:
        values = {
            "name": str(names[i]),
            "beyond": T.number(round(float(f.beyond[i])), lang),
            "people": T.number(round(float(f.people[i])), lang),
            "ring": int(f.worst_ring[i]),
        }
        none = f.unconnected[i] >= f.people[i] > 0
        parts.append(T.text(lang, "image.folded.item.none" if none else "image.folded.item", **values))
    if codes.size > limit:
        parts.append(T.text(lang, "image.folded.more", count=T.number(int(codes.size - limit), lang)))
    return " · ".join(parts)


def hop_texts(a: Analysis) -> np.ndarray:
    """The number in each org chart box: its hops (``–`` with no path); a box hiding flagged people
    adds the farthest ring of its people (``3–7``, ``3–∞`` when some have no path)."""
    out = np.where(a.reachable, np.asarray(a.hops).astype(str), "–").astype(object)
    f = a.folding
    for i in hidden_boxes(a):
        worst = "∞" if f.unconnected[i] > 0 else str(int(f.worst_ring[i]))
        if worst != out[i]:
            out[i] = f"{out[i]}–{worst}"
    return out


def hops_key_label(a: Analysis, lang: str = "en") -> str:
    """The org chart's key to the number in a box; a folded design's names the range."""
    return T.text(lang, "image.chart.hops.folded" if hidden_boxes(a).size else "image.chart.hops")
