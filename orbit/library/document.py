"""The stored form of an organisation: its canonical JSON, and reading it back fast.

A version's document is exactly what ``orbit convert design.json`` writes
(:func:`orbit.dumps` to JSON). Reading it back goes through the same
organisation builder as :func:`orbit.load`, but skips the line-tracking JSON
scanner that the file reader needs for its error messages: the document was
written by Orbit, so the C decoder reads it, three times faster.
"""

from __future__ import annotations

import hashlib
import json

from ..errors import OrgError
from ..formats import dumps
from ..formats import load as load_file
from ..model import Organisation


class Stored:
    """What a version stores: the canonical JSON and the figures lists show without reading it.

    Attributes
    ----------
    text : str
        The canonical JSON.
    units, headcount : int
        Units, and their headcount (a unit without one counts as 1, as in the analysis).
    digest : str
        SHA-256 of the UTF-8 bytes of ``text``.
    """

    __slots__ = ("digest", "headcount", "text", "units")

    def __init__(self, text: str, units: int, headcount: int, digest: str):
        self.text, self.units, self.headcount, self.digest = text, units, headcount, digest

    @classmethod
    def of(cls, org: Organisation) -> Stored:
        """The stored form of ``org``.

        >>> s = Stored.of(Organisation.from_records([{"id": "a", "headcount": 4}, {"id": "b"}]))
        >>> s.units, s.headcount, len(s.digest)
        (2, 5, 64)
        """
        if not isinstance(org, Organisation):
            raise TypeError(f"the library saves an Organisation (from orbit.load), not {type(org).__name__}")
        data, _warnings = dumps(org, "json")
        headcount = int(org.units["headcount"].fillna(1).sum()) if len(org) else 0
        return cls(data.decode("utf-8"), len(org), headcount, digest(data))


def digest(data: bytes) -> str:
    """SHA-256 of a document, as hex."""
    return hashlib.sha256(data).hexdigest()


def parse(text: str, source: str) -> Organisation:
    """A stored document as an organisation, the same as ``orbit.load`` reads it, in a fraction of the time.

    Only when the fast path fails (a document that was damaged or written by
    hand) is the file reader asked, for its precise error with the line.

    >>> parse('{"name": "Demo", "units": [{"id": "a", "serves": ["customer"]}]}', "library:Demo@1").name
    'Demo'
    """
    try:
        doc = json.loads(text)
        attrs = {k: v for k, v in doc.items() if k not in ("name", "customer", "units", "journeys")}
        return Organisation.from_records(
            doc["units"],
            name=doc.get("name") or "",
            customer=doc.get("customer") or "Customer",
            journeys=doc.get("journeys") or [],
            attrs=attrs,
            source=source,
        )
    except (OrgError, ValueError, TypeError, KeyError, AttributeError):
        return load_file(text.encode("utf-8"), format="json", name=source)


__all__ = ["Stored", "digest", "parse"]
