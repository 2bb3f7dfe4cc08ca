"""Big organisations in the shapes of public exports, made here so the tests need no downloads.

:func:`d3_demo_org` is shaped like the d3-org-chart demo org (one row per
person: ``id,parentId,name,positionName,area,office``; a CEO, a handful of
divisions, six or seven levels, sales people only in one division);
:func:`agency_forest` like a list of government agencies after
``--fix self-reports`` (hundreds of top units, most of them alone).
"""

from __future__ import annotations

import random

FIRST = ("Ana", "Ben", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena")
LAST = ("Okafor", "Schmidt", "Rossi", "Nakamura", "Lindqvist", "García", "Novak", "Dubois", "Kowalski", "Yilmaz")

DIVISIONS = ("Sales", "Engineering", "Operations", "Finance", "People", "Legal", "Product", "Support")
"""The d3 demo org's divisions below the CEO."""


def d3_demo_org(n: int = 1516, seed: int = 7) -> str:
    """A person-level export of ``n`` people in the d3-org-chart demo shape, as CSV text.

    Only the Sales division's titles contain "Sales" (``--customer-facing positionName~sales``);
    ``area`` and ``office`` hold one value for nearly everyone, as in the demo.
    """
    rnd = random.Random(seed)
    rows = ["id,parentId,name,positionName,area,office"]
    rows.append("1,,Ian Devling,Chief Executive Officer,Corporate,CEO office")
    division = {1: None}
    level = [1]
    next_id = 2
    fan = (len(DIVISIONS), 5, 4, 4, 3, 3, 3)
    depth = 0
    while next_id <= n and level:
        nxt = []
        for boss in level:
            k = fan[min(depth, len(fan) - 1)]
            if depth:
                k = max(1, k + rnd.randint(-1, 1))
            for j in range(k):
                if next_id > n:
                    break
                div = DIVISIONS[j] if depth == 0 else division[boss]
                division[next_id] = div
                role = ("Director", "Head", "Manager", "Team Lead", "Specialist", "Associate", "Assistant")[
                    min(depth, 6)
                ]
                title = f"{div} {role}" if div == "Sales" else f"{role} {div}".replace("Sales", "")
                area = "Corporate" if rnd.random() > 0.001 else "Field"
                name = f"{rnd.choice(LAST)} {rnd.choice(FIRST)}"
                rows.append(f"{next_id},{boss},{name},{title},{area},CEO office")
                nxt.append(next_id)
                next_id += 1
        level = nxt
        depth += 1
    return "\n".join(rows) + "\n"


def agency_forest(n: int = 500, seed: int = 3) -> str:
    """``n`` agencies as a unit list, most of them top units (a forest), some with a few sub-agencies."""
    rnd = random.Random(seed)
    words = ("Federal", "National", "Office of", "Bureau of", "Council on", "Commission for", "Agency for")
    topics = ("Justice", "Labor", "Energy", "Transport", "Health", "Housing", "Trade", "Water", "Arts", "Science")
    rows = ["id,name,parent,serves"]
    tops: list[str] = []
    for k in range(n):
        name = f"{rnd.choice(words)} {rnd.choice(topics)} {k + 1}"
        uid = f"a{k + 1:04d}"
        parent = rnd.choice(tops) if tops and rnd.random() < 0.25 else ""
        if not parent:
            tops.append(uid)
        serves = "customer" if rnd.random() < 0.3 else ""
        rows.append(f"{uid},{name},{parent},{serves}")
    return "\n".join(rows) + "\n"
