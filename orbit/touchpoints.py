"""Who meets the customer: touchpoints from rules on columns (``--customer-facing COLUMN~PATTERN``).

Exports rarely say who serves the customer, but their columns often tell:
``positionName~sales|account`` gives every row whose job title contains
*sales* or *account* (case ignored, a regular expression) a touchpoint.
Rules work on people and on units; grouped afterwards
(:func:`orbit.hr.group_people`), a group meets the customer when any of its
people does, because people's touchpoints are lifted to their units.

:func:`touchpoint_hint` is the one line shown when nobody serves the
customer, saying how to add touchpoints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .errors import OrgError
from .formats.columns import header_key
from .model import CUSTOMER, Organisation

RULE_MARK = "~"
"""What separates the column from the pattern in a rule."""


@dataclass(frozen=True)
class FacingRule:
    """Rows whose ``column`` matches ``pattern`` (a case-insensitive regular expression) meet the customer."""

    column: str
    pattern: str

    def __str__(self) -> str:
        return f"{self.column}{RULE_MARK}{self.pattern}"


def is_rule(text: str) -> bool:
    """Whether a ``--customer-facing`` value is a rule (``COLUMN~PATTERN``) rather than group values."""
    return RULE_MARK in str(text)


def parse_rule(text: str, source: str = "--customer-facing") -> FacingRule:
    """``"positionName~sales|account"`` → a :class:`FacingRule`, its pattern checked.

    Raises
    ------
    OrgError
        For an empty column or pattern, or a pattern that is no regular expression.

    >>> parse_rule("positionName ~ sales|account")
    FacingRule(column='positionName', pattern='sales|account')
    """
    column, _, pattern = str(text).partition(RULE_MARK)
    column, pattern = column.strip(), pattern.strip()
    if not column or not pattern:
        raise OrgError(source, None, f"--customer-facing {text!r}: give COLUMN~PATTERN, e.g. positionName~sales")
    try:
        re.compile(pattern)
    except re.error as err:
        raise OrgError(source, None, f"--customer-facing {text!r}: not a regular expression ({err})") from None
    return FacingRule(column, pattern)


def rule_column(org: Organisation, column: str) -> str:
    """The column of ``org.units`` a rule names (case, spaces, ``_``, ``-`` and ``.`` ignored).

    Raises
    ------
    OrgError
        Listing the columns there are.
    """
    if column in org.units.columns:
        return column
    wanted = header_key(column)
    for col in org.units.columns:
        if header_key(col) == wanted:
            return col
    choices = ", ".join(c for c in org.units.columns if org.units[c].notna().any())
    raise OrgError(org.source, 1, f"--customer-facing: no column {column!r} (columns: {choices})")


def matching_rows(org: Organisation, rule: FacingRule) -> np.ndarray:
    """Which rows the rule matches, as a boolean array (the app's live count uses it too)."""
    col = rule_column(org, rule.column)
    values = org.units[col].astype("string").fillna("")
    return values.str.contains(rule.pattern, case=False, regex=True).to_numpy(dtype=bool, na_value=False)


def add_touchpoints(org: Organisation, rules: Iterable[FacingRule]) -> tuple[Organisation, list[str]]:
    """``org`` with a touchpoint for every row a rule matches, and one note per rule (how many rows it matched).

    >>> org = Organisation.from_records([{"id": "1", "title": "Head of Sales"}, {"id": "2", "title": "Clerk"}])
    >>> org, notes = add_touchpoints(org, [parse_rule("title~sales")])
    >>> org.unit("1")["serves"], org.unit("2")["serves"], notes
    (['customer'], [], ['customer-facing: title~sales matches 1 of 2 rows'])
    """
    rules = list(rules)
    if not rules:
        return org, []
    hit = np.zeros(len(org), dtype=bool)
    notes = []
    for rule in rules:
        rows = matching_rows(org, rule)
        hit |= rows
        found = int(rows.sum())
        if found:
            notes.append(f"customer-facing: {rule} matches {found:,} of {len(org):,} rows")
        else:
            notes.append(f"customer-facing: {rule} matches no row; check the column and the pattern")
    ids = org.units["id"].to_numpy(dtype=object)[hit]
    extra = pd.DataFrame({"source": ids, "target": CUSTOMER})
    serves = pd.concat([org.serves, extra], ignore_index=True).drop_duplicates(ignore_index=True)
    return replace(org, serves=serves, _index=None), notes


_TITLE_WORDS = re.compile(r"(title|position|role|job|function|stelle|funktion)", re.I)


def touchpoint_hint(org: Organisation) -> str | None:
    """One line when nobody in ``org`` serves the customer, saying how to add touchpoints; else None."""
    if (org.serves["target"] == CUSTOMER).any():
        return None
    column = next((c for c in org.attribute_columns if _TITLE_WORDS.search(str(c))), None)
    example = f"{column}~sales" if column else "COLUMN~PATTERN"
    return (
        "nobody serves the customer, so every unit has no path: add touchpoints with "
        f"--customer-facing {example} (rows whose column matches the pattern) or a 'serves' column listing customer"
    )
