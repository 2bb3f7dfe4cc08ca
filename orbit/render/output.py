"""A figure as bytes: PNG, SVG (text stays text) or PDF (fonts embedded).

Writing the bytes to a file, atomically, is :func:`orbit.formats.atomic_write`'s job.
"""

from __future__ import annotations

import io
import struct

__all__ = ["FORMATS", "figure_bytes"]


FORMATS = ("png", "svg", "pdf")
"""Formats :func:`figure_bytes` writes."""
PNG_COMPRESSION = 1
"""zlib level of PNG images: diagrams are mostly flat colour, so the fastest level loses little."""


def figure_bytes(fig, fmt: str, *, dpi: float = 200) -> bytes:
    """The figure as PNG, SVG or PDF bytes.

    SVG keeps text as ``<text>`` elements (``svg.fonttype = 'none'``) and PDF
    embeds TrueType fonts, so text stays selectable and editable. PNG holds
    the pixels matplotlib's Agg renderer draws; an opaque figure (every
    figure here has a white background) is written without its alpha
    channel, a quarter less to compress.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`.
    """
    import matplotlib

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unsupported format {fmt!r}: use one of {', '.join(FORMATS)}")
    buf = io.BytesIO()
    rc = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "orbit"}
    meta = {"svg": {"Date": None}, "pdf": {"Creator": "orbit", "CreationDate": None}}
    with matplotlib.rc_context(rc):
        if fmt == "png":
            fig.savefig(buf, format="rgba", dpi=dpi, facecolor="white")
            return _png(buf.getbuffer(), fig, dpi)
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=meta[fmt])
    return buf.getvalue()


def _png(rgba, fig, dpi: float) -> bytes:
    """PNG bytes of the raw RGBA pixels Agg drew for ``fig`` at ``dpi`` (RGB when every pixel is opaque).

    One PNG row filter for the whole image, the one that compresses a sample
    of row bands best (:func:`_row_filter`): Pillow tries all five filters
    on every row, which is half its encoding time on a 15 Mpx diagram, and
    flat diagrams compress as well or better with one filter throughout.
    """
    import zlib

    import numpy as np

    # the canvas Agg drew is the figure's box at dpi, each side truncated (RendererAgg(int(w), int(h)))
    w, h = (int(v) for v in fig.get_size_inches() * dpi)
    pixels = np.frombuffer(rgba, dtype=np.uint8)
    if pixels.size != w * h * 4:
        raise RuntimeError(f"the figure drew {pixels.size} bytes, not {w}×{h} RGBA pixels")
    pixels = pixels.reshape(h, w, 4)
    opaque = int(pixels[..., 3].min(initial=255)) == 255
    channels = 3 if opaque else 4
    rows = np.ascontiguousarray(pixels[..., :channels]).reshape(h, w * channels)
    data = _filtered(rows, channels, _row_filter(rows, channels))
    per_metre = int(dpi / 0.0254 + 0.5)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)),
            _chunk(b"tEXt", b"Software\x00orbit"),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(data, PNG_COMPRESSION)),
            _chunk(b"IEND", b""),
        ]
    )


_NONE, _SUB, _UP = 0, 1, 2  # PNG filter types


def _filtered(rows, channels: int, kind: int, first: int = 0):
    """``rows`` (bytes of pixels, the image's rows from ``first`` on) with PNG filter ``kind`` and its type byte.

    For *Up*, the row before ``first`` is ``rows``' own first row when
    ``first`` is 0; otherwise ``rows`` must start one row earlier.
    """
    import numpy as np

    body = rows[1:] if first else rows
    out = np.empty((len(body), 1 + rows.shape[1]), dtype=np.uint8)
    out[:, 0] = kind
    if kind == _SUB:
        out[:, 1 : 1 + channels] = body[:, :channels]
        np.subtract(body[:, channels:], body[:, :-channels], out=out[:, 1 + channels :])
    elif kind == _UP:
        if first:
            np.subtract(rows[1:], rows[:-1], out=out[:, 1:])
        else:
            out[0, 1:] = rows[0]
            np.subtract(rows[1:], rows[:-1], out=out[1:, 1:])
    else:
        out[:, 1:] = body
    return out


def _row_filter(rows, channels: int, band: int = 16, every: int = 128) -> int:
    """The PNG filter (none, sub, up) under which bands of ``band`` rows, one in ``every``, compress smallest."""
    import zlib

    import numpy as np

    h = len(rows)
    starts = range(1, max(h - band, 1), every)
    sample = [rows[s - 1 : s + band] for s in starts] or [rows]

    def size(kind: int) -> int:
        parts = [_filtered(part, channels, kind, first=1 if len(part) > 1 else 0) for part in sample]
        return len(zlib.compress(np.concatenate(parts), PNG_COMPRESSION))

    return min((_NONE, _SUB, _UP), key=size)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
