"""``python -m orbit.cli``: the same as the ``orbit`` command."""

from . import run

run()
