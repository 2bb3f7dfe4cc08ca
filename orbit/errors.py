"""The one error type that loaders, validation and the CLI agree on."""

from __future__ import annotations


class OrgError(ValueError):
    """Bad input: names the file, the line (when there is one) and what is wrong.

    ``str(err)`` is the one-line message the CLI prints after ``error: ``,
    for example ``units.csv:7: unknown parent 'ops' of unit 'hotline'``.

    Parameters
    ----------
    source : str
        The file name (or a label such as ``<upload>``).
    line : int or None
        1-based line number as a text editor shows it; ``None`` when the
        problem concerns the whole file.
    message : str
        What is wrong, naming the offending id or value.
    """

    def __init__(self, source: str, line: int | None, message: str):
        self.source = source
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"
