"""The app's import step, without widgets: the raw table, the guessed mapping, a trial load, the design made.

An uploaded table that does not open as a tidy unit list (no ``id``
column, repeated ids, self-reports, unknown parents, an encoding that must
be named) or that nobody in it serves the customer (a people export) goes
through the import step (:mod:`orbit.app.views.importing`): the user maps
columns, switches fixes on, adds a customer-facing rule and picks a
grouping; :func:`build_design` then makes the design the diagrams show.

Settings are remembered per header set (:func:`remember`, :func:`recall`)
in a small JSON file (``ORBIT_IMPORT_MEMORY``, else
``~/.config/orbit/imports.json``), so next month's export of the same
system imports in one click.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import OrgError
from ..formats import atomic_write, decode_text, load
from ..formats.columns import FIELDS, header_fields_lenient, problems, suggest_mapping
from ..hr import group_people, rank_grouping_columns
from ..model import CUSTOMER, Organisation
from ..touchpoints import add_touchpoints, matching_rows, parse_rule
from .designs import upload_name

TABLE_TYPES = (".csv", ".xlsx")
PREVIEW_ROWS = 8
ENCODINGS = ("", "utf-8", "cp1252", "mac_roman", "latin-1", "utf-16")
"""The encodings offered ("" = detect)."""


@dataclass
class ImportSettings:
    """Everything the import step asks: the mapping, encoding, fixes, one customer-facing rule and a grouping."""

    mapping: dict[str, str] = field(default_factory=dict)
    encoding: str = ""
    fixes: list[str] = field(default_factory=list)
    rule_column: str = ""
    rule_pattern: str = ""
    group_by: str = ""

    @property
    def rule(self) -> str:
        return f"{self.rule_column}~{self.rule_pattern}" if self.rule_column and self.rule_pattern.strip() else ""


def is_table(filename: str) -> bool:
    return Path(filename).suffix.lower() in TABLE_TYPES


def raw_table(data: bytes, filename: str, encoding: str = "") -> pd.DataFrame:
    """The upload as a table of text cells, headers as written (for the preview and the guesses).

    Raises
    ------
    OrgError
        When the bytes cannot be read as a table at all.
    """
    try:
        if Path(filename).suffix.lower() == ".xlsx":
            return pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
        text = decode_text(data, filename, encoding or None)
        return pd.read_csv(io.StringIO(text), sep=None, engine="python", dtype=str, keep_default_na=False)
    except OrgError:
        raise
    except Exception as err:  # any parser's refusal: one line
        raise OrgError(filename, None, f"cannot read the table: {str(err).splitlines()[0]}") from None


def needs_import(result: Organisation | OrgError, filename: str) -> bool:
    """Whether an upload goes through the import step: a table that failed, or that nobody serves the customer from."""
    if not is_table(filename):
        return False
    if isinstance(result, OrgError):
        return True
    return not (result.serves["target"] == CUSTOMER).any()


def guessed_settings(table: pd.DataFrame) -> ImportSettings:
    """The mapping Orbit would use (headers it knows, else the likely id and parent), and a grouping."""
    headers = [str(c) for c in table.columns]
    mapping = {f: h for h, f in header_fields_lenient(headers).items()}
    if "id" not in mapping:
        mapping.update({f: h for f, h in suggest_mapping(headers, table).items() if f not in mapping})
    return ImportSettings(mapping=mapping)


def header_set_key(table: pd.DataFrame) -> str:
    """The same export system gives the same headers: the key the settings are remembered by."""
    headers = "\0".join(sorted(str(c).strip().lower() for c in table.columns))
    return hashlib.sha256(headers.encode()).hexdigest()[:20]


def memory_path() -> Path:
    return Path(os.environ.get("ORBIT_IMPORT_MEMORY") or Path.home() / ".config" / "orbit" / "imports.json")


def recall(table: pd.DataFrame) -> ImportSettings | None:
    """The settings last confirmed for a table with these headers, if any (an unreadable memory is ignored)."""
    try:
        saved = json.loads(memory_path().read_text(encoding="utf-8")).get(header_set_key(table))
    except (OSError, ValueError, AttributeError):
        return None
    if not isinstance(saved, dict):
        return None
    known = {k: v for k, v in saved.items() if k in ImportSettings.__dataclass_fields__}
    try:
        return ImportSettings(**known)
    except TypeError:
        return None


def remember(table: pd.DataFrame, settings: ImportSettings) -> None:
    """Keep ``settings`` for the next table with these headers (best effort: a read-only home is no error)."""
    path = memory_path()
    try:
        memory = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(memory, dict):
            memory = {}
        memory[header_set_key(table)] = settings.__dict__
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(memory, indent=1, ensure_ascii=False).encode("utf-8"))
    except (OSError, ValueError):
        pass


def mapped_fields(settings: ImportSettings) -> dict[str, str]:
    return {f: c for f, c in settings.mapping.items() if f in FIELDS and c}


def found_problems(table: pd.DataFrame, settings: ImportSettings) -> dict[str, list[str]]:
    """``{fix: [ids]}`` for the mapping chosen (what each fix switch would repair)."""
    fields = {c: f for f, c in mapped_fields(settings).items()}
    return problems(table, fields)


def trial(data: bytes, filename: str, settings: ImportSettings) -> tuple[Organisation, list[str]]:
    """The people or units as the settings read them (before the rule and the grouping), with the loader's notes.

    Raises
    ------
    OrgError
        The loader's one-line message.
    """
    notes: list[str] = []
    org = load(
        data,
        name=filename,
        map=mapped_fields(settings),
        encoding=settings.encoding or None,
        fix=settings.fixes,
        notes=notes,
    )
    return org, notes


def rule_count(org: Organisation, settings: ImportSettings) -> int | None:
    """How many rows the customer-facing rule matches (None without a rule)."""
    if not settings.rule:
        return None
    return int(matching_rows(org, parse_rule(settings.rule)).sum())


def grouping_choices(org: Organisation) -> list:
    """The ranked grouping columns (:func:`orbit.hr.rank_grouping_columns`)."""
    return rank_grouping_columns(org)


def build_design(
    data: bytes, filename: str, settings: ImportSettings, lang: str = "en"
) -> tuple[Organisation, list[str], str]:
    """The design the import step makes: read, touchpoints added, grouped; with its notes and a name for it.

    The name is the file's (as for any upload), with the grouping column
    when people were grouped; the library adds a suffix when it is taken.

    Raises
    ------
    OrgError
        The loader's (or the rule's, or the grouping's) one-line message.
    """
    org, notes = trial(data, filename, settings)
    if settings.rule:
        org, more = add_touchpoints(org, [parse_rule(settings.rule)])
        notes += more
    if settings.group_by:
        org, more = group_people(org, settings.group_by, lang=lang)
        notes += more
    name = upload_name(filename)
    if settings.group_by:
        name = f"{name} – {settings.group_by}"
    return org, notes, name
