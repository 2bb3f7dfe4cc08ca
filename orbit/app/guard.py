"""No traceback ever reaches the screen (issue 11): each part of the page runs guarded.

A part of the page (the sidebar's upload and edit handling, preparing the
open design, each tab) that raises shows one line in its place and the rest
of the page carries on: the design and the sidebar stay as they were. A
refusal (:class:`~orbit.errors.OrgError`) shows its own one-line message;
anything else is a bug, logged with its traceback on the server (logger
``orbit.app``) and shown to the user as one translated line without any
detail. Streamlit's own control flow (``st.rerun``, ``st.stop``) derives
from ``BaseException`` and passes through untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from ..errors import OrgError, escape_controls
from ..i18n import Translator
from .display import md_escape

log = logging.getLogger("orbit.app")

T = TypeVar("T")


def failure_text(tr: Translator, part: str, err: Exception) -> str:
    """The one line a user sees for ``err`` raised while showing ``part``.

    >>> tr = Translator("en")
    >>> failure_text(tr, "Analysis", OrgError("a.csv", 3, "bad headcount"))
    'a.csv:3: bad headcount'
    >>> failure_text(tr, "Analysis", KeyError("/srv/secret/path"))
    'Analysis could not be shown. The design is unchanged; the details are in the server log.'
    """
    if isinstance(err, OrgError):
        return escape_controls(str(err)).splitlines()[0]
    return tr("app.failed", part=part)


def report(tr: Translator, part: str, err: Exception) -> None:
    """Log ``err`` (with its traceback unless it is a refusal) and show its one line."""
    if not isinstance(err, OrgError):
        log.exception("orbit app: %s failed", part, exc_info=err)
    st.error(md_escape(failure_text(tr, part, err)), icon=":material/error:")


@contextmanager
def guarded(tr: Translator, part: str) -> Iterator[None]:
    """Run a part of the page; if it raises, show one line in its place (see :func:`report`)."""
    try:
        yield
    except Exception as err:  # the point: nothing reaches the screen as a traceback
        report(tr, part, err)


def attempt(tr: Translator, part: str, fn: Callable[..., T], *args, **kwargs) -> tuple[bool, T | None]:
    """``(True, fn(*args, **kwargs))``, or ``(False, None)`` after :func:`report` when it raised."""
    try:
        return True, fn(*args, **kwargs)
    except Exception as err:
        report(tr, part, err)
        return False, None


__all__ = ["attempt", "failure_text", "guarded", "report"]
