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


# the Oracle HR sample's departments: (name, department_id, state, people)
ORACLE_DEPARTMENTS = (
    ("Executive", 90, "Washington", 3),
    ("IT", 60, "Texas", 5),
    ("Finance", 100, "Washington", 6),
    ("Purchasing", 30, "Washington", 6),
    ("Shipping", 50, "California", 45),
    ("Sales", 80, "Oxford", 34),
    ("Administration", 10, "Washington", 1),
    ("Marketing", 20, "Ontario", 2),
    ("Human Resources", 40, "London", 1),
    ("Public Relations", 70, "Bavaria", 1),
    ("Accounting", 110, "Washington", 2),
)
ORACLE_HEADER = (
    "id,parentId,name,lastName,position,email,phone_number,hire_date,job_id,salary,"
    "commission_pct,department_id,location_state,department_name"
)


def oracle_like_hr_export(seed: int = 11) -> str:
    """A person-level export in the shape of the Oracle HR sample (107 people), as CSV text.

    Used where ``../shared/data/oracle_hr_sample.csv`` is not there (a clone outside the
    workspace), so that the tests of real exports always run. Like the real file: Steven
    King (id 100, e-mail ``SKING``) on top, eleven departments of the same sizes, the
    Shipping and Sales managers reporting to him (ties for the head of each), one person
    without a department under a Sales manager, nobody serving anybody.
    """
    rnd = random.Random(seed)
    rows = [ORACLE_HEADER]
    next_id = iter(range(100, 1000))

    def person(parent, department, position, job):
        uid = next(next_id)
        first, last = ("Steven", "King") if uid == 100 else (rnd.choice(FIRST), rnd.choice(LAST))
        email = "SKING" if uid == 100 else f"{first[0]}{last}{uid}".upper()
        name, dep_id, state = department if department else ("", "", "")
        commission = "0.2" if name == "Sales" else ""
        rows.append(
            f"{uid},{'' if parent is None else parent},{first},{last},{position},{email},515.123.{uid:04d},"
            f"2005-0{1 + uid % 9}-1{uid % 10}T00:00:00.000Z,{job},{4000 + 37 * uid},"
            f"{commission},{dep_id},{state},{name}"
        )
        return uid

    deps = {name: (name, dep_id, state) for name, dep_id, state, _ in ORACLE_DEPARTMENTS}
    size = {name: n for name, _, _, n in ORACLE_DEPARTMENTS}
    king = person(None, deps["Executive"], "Chief Executive Officer", "AD_PRES")
    kochhar = person(king, deps["Executive"], "Vice President", "AD_VP")
    de_haan = person(king, deps["Executive"], "Vice President", "AD_VP")
    team_of = {  # the head's manager, the head's title and job, the members' title and job
        "IT": (de_haan, "IT Manager", "IT_PROG", "Programmer", "IT_PROG"),
        "Finance": (kochhar, "Finance Manager", "FI_MGR", "Accountant", "FI_ACCOUNT"),
        "Purchasing": (king, "Purchasing Manager", "PU_MAN", "Purchasing Clerk", "PU_CLERK"),
        "Administration": (kochhar, "Administration Assistant", "AD_ASST", "", ""),
        "Marketing": (king, "Marketing Manager", "MK_MAN", "Marketing Representative", "MK_REP"),
        "Human Resources": (kochhar, "Human Resources Representative", "HR_REP", "", ""),
        "Public Relations": (kochhar, "Public Relations Representative", "PR_REP", "", ""),
        "Accounting": (kochhar, "Accounting Manager", "AC_MGR", "Public Accountant", "AC_ACCOUNT"),
    }
    for name, (boss, title, job, member, member_job) in team_of.items():
        head = person(boss, deps[name], title, job)
        for _ in range(size[name] - 1):
            person(head, deps[name], member, member_job)
    for name, managers, title, job, member, member_job in (
        ("Shipping", 5, "Stock Manager", "ST_MAN", "Shipping Clerk", "SH_CLERK"),
        ("Sales", 5, "Sales Manager", "SA_MAN", "Sales Representative", "SA_REP"),
    ):
        heads = [person(king, deps[name], title, job) for _ in range(managers)]
        for k in range(size[name] - managers):
            person(heads[k % managers], deps[name], member, member_job)
    person(heads[-1], None, "Sales Representative", "SA_REP")  # no department, under a Sales manager
    return "\n".join(rows) + "\n"
