"""A heatmap's PNG written from rows of pixels kept between graphs.

One member's graph differs from the next member's only in the colours of its
cells, and making its PNG is mostly compressing its pixels. So a ``GraphCanvas``
keeps, for one day's graph in one language, the rows of the background (labels
and empty cells, drawn once with Pillow) and of the five cell tiles as 4-bit
palette indexes; a graph's rows are joined from those pieces (the rows inside a
band of cells repeat, so each distinct one is joined once) and compressed once
into a 4-bit palette PNG: half the bytes of the 8-bit PNG Pillow writes for the
same image, and Pillow's own 4-bit writer packs its rows a pixel at a time. The
pixels are those of pasting the tiles onto the background. The compression is
ISA-L's deflate (``isal``) where its wheels exist, five times as fast as zlib's
fastest level on these rows and smaller; elsewhere the standard library's zlib
(the same format, ``deflate``).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Sequence
from functools import cache, partial

from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Palette indexes are packed two to a byte (the palette has at most 16 colours).
BITS = 4
MAX_COLOURS = 1 << BITS
# The fastest levels: a graph's rows are long runs, and a member waits for it.
ZLIB_LEVEL = 1
ISAL_LEVEL = 1

Compress = Callable[[bytes], bytes]


@cache
def deflate() -> Compress:
    """What compresses a PNG's rows into a zlib stream: ISA-L's where installed (see
    the module's docstring), else the standard library's. Chosen on first use."""
    try:
        from isal import isal_zlib
    except ImportError:  # no wheel for this machine (pyproject.toml's marker)
        return partial(zlib.compress, level=ZLIB_LEVEL)
    return partial(isal_zlib.compress, level=ISAL_LEVEL)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC of type and data."""
    return b"".join((struct.pack(">I", len(data)), kind, data,
                     struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))))


def palette_png(size: tuple[int, int], palette: Sequence[tuple[int, ...]],
                rows: bytes, compress: Compress | None = None) -> bytes:
    """A PNG of 4-bit palette indexes: ``rows`` holds each row with its filter byte
    (0, none) before its packed indexes; ``compress`` makes their zlib stream
    (``deflate()`` by default)."""
    width, height = size
    header = struct.pack(">IIBBBBB", width, height, BITS, 3, 0, 0, 0)  # 3: palette
    return b"".join((
        PNG_SIGNATURE,
        png_chunk(b"IHDR", header),
        png_chunk(b"PLTE", bytes(channel for colour in palette for channel in colour)),
        png_chunk(b"IDAT", (compress or deflate())(rows)),
        png_chunk(b"IEND", b""),
    ))


def packed_rows(image: Image.Image) -> list[bytes]:
    """The rows of a palette image, two 4-bit indexes to a byte."""
    stride = (image.width * BITS + 7) // 8
    data = image.tobytes("raw", "P;4")
    return [data[row * stride:(row + 1) * stride] for row in range(image.height)]


class GraphCanvas:
    """One day's graph in one language: ``png(levels)`` is the graph whose cells
    (oldest day first) have those levels.

    ``background`` (a palette image with at most 16 colours) has every cell drawn
    at level 0; ``tiles[level]`` is a cell at that level and ``origins`` the
    top-left pixel of each day's cell; cells have an even width and start at even
    x (whole bytes when packed)."""

    def __init__(self, background: Image.Image, tiles: Sequence[Image.Image],
                 origins: Sequence[tuple[int, int]],
                 palette: Sequence[tuple[int, ...]]) -> None:
        cell_width, self._cell_height = tiles[0].size
        if len(palette) > MAX_COLOURS or cell_width % 2 or any(x % 2 for x, _ in origins):
            raise ValueError("a canvas needs at most 16 colours, and cells of even width "
                             "at even x")
        self._size = background.size
        self._palette = tuple(palette)
        self._cell_bytes = cell_width * BITS // 8
        rows = packed_rows(background)
        self._tile_rows = [packed_rows(tile) for tile in tiles]
        # Each row in three pieces: filter byte (0: none) and what is left of the
        # cells, the part the cells span, what is right of them.
        starts = [x * BITS // 8 for x, _ in origins]
        self._left, self._right = min(starts), max(starts) + self._cell_bytes
        self._pieces = [piece for row in rows for piece in (
            b"\0" + row[:self._left], row[self._left:self._right], row[self._right:])]
        # Cells by band (the pixel row of their top): (day, first byte within the span).
        bands: dict[int, list[tuple[int, int]]] = {}
        for day, ((_, top), start) in enumerate(zip(origins, starts, strict=True)):
            bands.setdefault(top, []).append((day, start - self._left))
        self._bands = sorted(bands.items())
        # Within a band, the span ``k`` rows down is the span of row ``same_as[k]``
        # when neither the tiles nor the background differ there.
        self._same_as = {top: self._repeats(top) for top, _ in self._bands}

    def png(self, levels: Sequence[int]) -> bytes:
        """The PNG of the graph whose days have ``levels`` (0 to 4), oldest first."""
        pieces = list(self._pieces)
        for top, cells in self._bands:
            coloured = [(start, self._tile_rows[levels[day]])
                        for day, start in cells if levels[day]]
            if not coloured:
                continue
            spans: dict[int, bytes] = {}
            same_as = self._same_as[top]
            for k in range(self._cell_height):
                source = same_as[k]
                span = spans.get(source)
                if span is None:
                    span = spans[source] = self._span(pieces[3 * (top + k) + 1], coloured, k)
                pieces[3 * (top + k) + 1] = span
        return palette_png(self._size, self._palette, b"".join(pieces))

    def _span(self, background: bytes, coloured: list[tuple[int, list[bytes]]],
              k: int) -> bytes:
        """Row ``k`` of a band's cells: the background's, with the coloured cells'
        tile rows."""
        pieces: list[bytes] = []
        position = 0
        for start, tile_rows in coloured:
            pieces += (background[position:start], tile_rows[k])
            position = start + self._cell_bytes
        pieces.append(background[position:])
        return b"".join(pieces)

    def _repeats(self, top: int) -> list[int]:
        """For each row ``k`` of the band at ``top``: the first row whose span of
        the background and tile rows are all the same as row ``k``'s."""
        first_of: dict[tuple[bytes, ...], int] = {}
        return [first_of.setdefault(
                    (self._pieces[3 * (top + k) + 1], *(rows[k] for rows in self._tile_rows)),
                    k)
                for k in range(self._cell_height)]
