"""Module attributes that are imported on first use (PEP 562), so that ``import orbit`` stays fast."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_getattr(module: str, namespace: dict, lazy: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``lazy[name]`` when ``name`` is first asked for.

    The value is then stored in the module's ``namespace``, so later
    lookups are plain attribute access.

    >>> ns = {}
    >>> get = lazy_getattr("demo", ns, {"sqrt": "math"})
    >>> get("sqrt")(9.0), "sqrt" in ns
    (3.0, True)
    """

    def __getattr__(name: str):
        if name in lazy:
            value = getattr(importlib.import_module(lazy[name]), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
