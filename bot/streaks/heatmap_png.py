"""A heatmap's PNG written from rows of pixels kept between graphs.

One member's graph differs from the next member's only in the colours of its
cells, and making its PNG is mostly compressing its pixels. So a ``GraphCanvas``
keeps, for one day's graph in one language, the rows of the background (labels
and empty cells, drawn once with Pillow) and of the five cell tiles as 4-bit
palette indexes; a graph's rows are joined from those pieces (the rows inside a
band of cells repeat, so each distinct one is joined once, from one chunk per
cell picked by the cell's level) and compressed once
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
from operator import getitem, itemgetter

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
        cell_width, cell_height = tiles[0].size
        if len(palette) > MAX_COLOURS or cell_width % 2 or any(x % 2 for x, _ in origins):
            raise ValueError("a canvas needs at most 16 colours, and cells of even width "
                             "at even x")
        self._size = background.size
        self._palette = tuple(palette)
        cell_bytes = cell_width * BITS // 8
        rows = packed_rows(background)
        tile_rows = [packed_rows(tile) for tile in tiles]
        # Each row in three pieces: filter byte (0: none) and what is left of the
        # cells, the part the cells span, what is right of them.
        starts = [x * BITS // 8 for x, _ in origins]
        left, right = min(starts), max(starts) + cell_bytes
        self._pieces = [piece for row in rows for piece in (
            b"\0" + row[:left], row[left:right], row[right:])]
        # Cells by band (the pixel row of their top), left to right: (day, byte in the span).
        bands: dict[int, list[tuple[int, int]]] = {}
        for day, ((_, top), start) in enumerate(zip(origins, starts, strict=True)):
            bands.setdefault(top, []).append((day, start - left))
        self._bands = [_Band(top, sorted(cells, key=lambda cell: cell[1]),
                             [self._pieces[3 * (top + k) + 1] for k in range(cell_height)],
                             tile_rows, cell_bytes)
                       for top, cells in sorted(bands.items())]

    def png(self, levels: Sequence[int]) -> bytes:
        """The PNG of the graph whose days have ``levels`` (0 to 4), oldest first."""
        pieces = list(self._pieces)
        for band in self._bands:
            band_levels = band.levels_of(levels)
            if any(band_levels):
                # The band's spans are every third piece, from its top row on.
                first = 3 * band.top + 1
                pieces[first:first + 3 * len(band.same_as):3] = band.spans(band_levels)
        return palette_png(self._size, self._palette, b"".join(pieces))


class _Band:
    """The cells whose tops share a pixel row: a graph's rows there are joined from
    one chunk per cell, each the background up to the cell and the cell's row at
    its level (the background's own at level 0), picked by ``map`` rather than
    a Python loop over the cells."""

    def __init__(self, top: int, cells: Sequence[tuple[int, int]],
                 background_rows: Sequence[bytes], tile_rows: Sequence[Sequence[bytes]],
                 cell_bytes: int) -> None:
        self.top = top
        days = [day for day, _ in cells]
        self._days: Callable[[Sequence[int]], tuple[int, ...]] = (
            itemgetter(*days) if len(days) > 1 else lambda levels: (levels[days[0]],))
        # Row ``k`` of the band's span is row ``same_as[k]``'s when neither the
        # background nor any tile differs there; each distinct row is joined once.
        first_of: dict[tuple[bytes, ...], int] = {}
        self.same_as = [
            first_of.setdefault((background_rows[k], *(rows[k] for rows in tile_rows)), k)
            for k in range(len(background_rows))]
        self._chunks = {k: self._row_chunks(background_rows[k], [rows[k] for rows in tile_rows],
                                            [start for _, start in cells], cell_bytes)
                        for k in set(self.same_as)}

    def levels_of(self, levels: Sequence[int]) -> tuple[int, ...]:
        """The levels of this band's cells, left to right."""
        return self._days(levels)

    def spans(self, band_levels: tuple[int, ...]) -> list[bytes]:
        """Each of the band's rows within the cells' span, top to bottom, its cells at
        ``band_levels``."""
        joined = {k: b"".join(map(getitem, chunks, band_levels))
                  for k, chunks in self._chunks.items()}
        return [joined[k] for k in self.same_as]

    @staticmethod
    def _row_chunks(background: bytes, tiles: Sequence[bytes], starts: Sequence[int],
                    cell_bytes: int) -> list[tuple[bytes, ...]]:
        """Per cell, by level: the background from the end of the cell before, and
        the cell's row (the last cell's chunks also hold the background after it)."""
        chunks = []
        position = 0
        for start in starts:
            end = start + cell_bytes
            gap = background[position:start]
            chunks.append((gap + background[start:end], *(gap + tile for tile in tiles[1:])))
            position = end
        rest = background[position:]
        chunks[-1] = tuple(chunk + rest for chunk in chunks[-1])
        return chunks
