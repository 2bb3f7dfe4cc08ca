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
    flat diagrams compress as well or better with one filter throughout. The
    filter reads the RGBA pixels in place (no copy without the alpha
    channel) and the rows are filtered and compressed in parallel bands (:func:`_idat`).
    """
    import numpy as np

    # the canvas Agg drew is the figure's box at dpi, each side truncated (RendererAgg(int(w), int(h)))
    w, h = (int(v) for v in fig.get_size_inches() * dpi)
    pixels = np.frombuffer(rgba, dtype=np.uint8)
    if pixels.size != w * h * 4:
        raise RuntimeError(f"the figure drew {pixels.size} bytes, not {w}×{h} RGBA pixels")
    pixels = pixels.reshape(h, w, 4)
    opaque = int(pixels[..., 3].min(initial=255)) == 255
    px = pixels[..., :3] if opaque else pixels
    per_metre = int(dpi / 0.0254 + 0.5)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)),
            _chunk(b"tEXt", b"Software\x00orbit"),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", _idat(px, _row_filter(px), PNG_COMPRESSION)),
            _chunk(b"IEND", b""),
        ]
    )


_NONE, _SUB, _UP = 0, 1, 2  # PNG filter types


def _filtered(px, kind: int, first: int = 0):
    """Pixels ``px`` (rows × width × channels, any strides) as PNG rows under filter ``kind``, type byte first.

    ``px`` are the image's rows from ``first`` on. For *Up*, the row before
    the image's first row is zero (the first row stays as it is); with
    ``first`` > 0, ``px`` must start one row earlier.
    """
    import numpy as np

    body = px[1:] if first else px
    h, w, c = body.shape
    out = np.empty((h, 1 + w * c), dtype=np.uint8)
    out[:, 0] = kind
    # the pixel bytes of each row, as a view of ``out`` (made explicitly: a reshape might copy)
    view = np.ndarray((h, w, c), dtype=np.uint8, buffer=out, offset=1, strides=(1 + w * c, c, 1))
    if kind == _SUB:
        view[:, :1] = body[:, :1]
        np.subtract(body[:, 1:], body[:, :-1], out=view[:, 1:])
    elif kind == _UP:
        if first:
            np.subtract(px[1:], px[:-1], out=view)
        else:
            view[:1] = px[:1]
            np.subtract(px[1:], px[:-1], out=view[1:])
    else:
        view[...] = body
    return out


def _row_filter(px, band: int = 16, every: int = 256) -> int:
    """The PNG filter (none, sub, up) under which bands of ``band`` rows, one in ``every``, compress smallest."""
    import zlib

    import numpy as np

    h = len(px)
    starts = range(1, max(h - band, 1), every)
    sample = [px[s - 1 : s + band] for s in starts] or [px]

    def size(kind: int) -> int:
        parts = [_filtered(part, kind, first=1 if len(part) > 1 else 0) for part in sample]
        return len(zlib.compress(np.concatenate(parts), PNG_COMPRESSION))

    return min((_NONE, _SUB, _UP), key=size)


PARALLEL_FROM = 4 << 20
"""Filtered image bytes from which :func:`_idat` works in parallel bands."""


def _idat(px, kind: int, level: int) -> bytes:
    """The zlib stream of the pixels ``px`` as PNG rows under filter ``kind``, made in bands on several cores.

    As pigz does: each band of rows is filtered and compressed to a raw
    deflate stream of its own, all but the last ended by a sync flush so
    that they join into one stream; the zlib header and the Adler-32 of the
    whole (combined from the bands') follow the format. numpy and zlib let go
    of the interpreter while they work, so the threads truly run in parallel.
    Any zlib reader reads the result, a few bytes longer than one stream.
    """
    import os
    import zlib
    from concurrent.futures import ThreadPoolExecutor

    h = len(px)
    row_bytes = 1 + px.shape[1] * px.shape[2]
    parts = min(os.cpu_count() or 1, 4, h) if h * row_bytes >= PARALLEL_FROM else 1
    if parts <= 1:
        return zlib.compress(_filtered(px, kind), level)
    bounds = [h * k // parts for k in range(parts + 1)]

    def band(k: int) -> tuple[bytes, int, int]:
        start, stop = bounds[k], bounds[k + 1]
        rows = _filtered(px[start - 1 : stop], kind, first=1) if start else _filtered(px[:stop], kind)
        z = zlib.compressobj(level, zlib.DEFLATED, -15)
        body = z.compress(rows) + z.flush(zlib.Z_FINISH if k == parts - 1 else zlib.Z_SYNC_FLUSH)
        return body, zlib.adler32(rows), rows.nbytes

    with ThreadPoolExecutor(parts) as pool:
        bands = list(pool.map(band, range(parts)))
    check = 1  # the Adler-32 of nothing
    for _, a, n in bands:
        check = adler32_combine(check, a, n)
    cmf = 0x78  # deflate, 32 KiB window
    flevel = 0 if level < 2 else 1 if level < 6 else 2 if level == 6 else 3
    flg = flevel << 6
    flg += 31 - (cmf * 256 + flg) % 31
    return bytes([cmf, flg]) + b"".join(b for b, _, _ in bands) + struct.pack(">I", check)


def adler32_combine(first: int, second: int, second_len: int) -> int:
    """The Adler-32 of two byte strings joined, from theirs and the second's length (zlib's ``adler32_combine``).

    >>> import zlib
    >>> adler32_combine(zlib.adler32(b"orbit "), zlib.adler32(b"view"), 4) == zlib.adler32(b"orbit view")
    True
    """
    base = 65521
    rem = second_len % base
    sum1 = first & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (second & 0xFFFF) + base - 1
    sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + base - rem
    return (sum1 % base) | ((sum2 % base) << 16)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC."""
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))
