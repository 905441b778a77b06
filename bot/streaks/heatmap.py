"""A contribution-graph style PNG of a member's check-ins over the last 26 weeks.

Columns are weeks (Monday first), rows Monday..Sunday; a cell's colour has one of
five levels: no check-in, 1, 2, 3, or 4 and more check-ins that day.

Labels are drawn with ``fonts/heatmap-labels.ttf``, a few-KB subset of the OFL
font NanumGothic shipped with the package (digits, ``+``, Latin letters and the
weekday syllables), so Korean graphs read 월/수/금 beside the rows and ``11월``
above the months, English ones Mon/Wed/Fri and ``Nov``. The font is loaded once
per process (``label_font``); should the file be missing, Pillow's bundled
default font (Latin only) draws month numbers and no Korean weekdays. The legend
is numeric ("0" ... "4+"); the caption the bot posts with the image carries the
translated words.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections import OrderedDict
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.i18n import Lang
from bot.streaks.heatmap_png import GraphCanvas

log = logging.getLogger(__name__)

WEEKS = 26
CELL = 20
GAP = 4
STEP = CELL + GAP
LEFT = 56
TOP = 34
RIGHT = 16
BOTTOM = 46
FONT_SIZE = 18

WIDTH = LEFT + WEEKS * STEP - GAP + RIGHT
HEIGHT = TOP + 7 * STEP - GAP + BOTTOM
HEATMAP_SIZE = (WIDTH, HEIGHT)

BACKGROUND = (13, 17, 23)
TEXT = (139, 148, 158)
# Index = intensity level: 0 is "no check-in", 4 is "four or more".
LEVEL_COLOURS = (
    (33, 38, 45),
    (14, 68, 41),
    (0, 109, 50),
    (38, 166, 65),
    (57, 211, 83),
)

# Few enough for a 16-colour palette (4 bits a pixel, see heatmap_png).
_TEXT_SHADES = 10
_PALETTE = (
    BACKGROUND,
    *LEVEL_COLOURS,
    *(
        tuple(b + (t - b) * step // _TEXT_SHADES for b, t in zip(BACKGROUND, TEXT, strict=True))
        for step in range(1, _TEXT_SHADES + 1)
    ),
)

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = {"en": {0: "Mon", 2: "Wed", 4: "Fri"}, "ko": {0: "월", 2: "수", 4: "금"}}
LABEL_FONT = Path(__file__).with_name("fonts") / "heatmap-labels.ttf"

LabelFont = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.cache
def label_font() -> tuple[LabelFont, bool]:
    """The labels' font and whether it has Hangul (the shipped subset does; Pillow's
    default, used only if the file is missing, does not). Loaded once."""
    try:
        return ImageFont.truetype(str(LABEL_FONT), FONT_SIZE), True
    except OSError:
        log.warning("heatmap font %s not found; labels fall back to Latin only", LABEL_FONT)
        return ImageFont.load_default(size=FONT_SIZE), False


def level_for(count: int) -> int:
    """The intensity level (0..4) of a day with ``count`` check-ins."""
    return max(0, min(count, len(LEVEL_COLOURS) - 1))


def first_day(end: date) -> date:
    """The Monday that starts the first column of the graph ending at ``end``."""
    return end - timedelta(days=end.weekday()) - timedelta(weeks=WEEKS - 1)


def cell_box(day: date, end: date) -> tuple[int, int, int, int] | None:
    """The pixel box (left, top, right, bottom; inclusive) of ``day``'s cell, or
    None when the day is outside the graph ending at ``end``."""
    offset = (day - first_day(end)).days
    if offset < 0 or day > end:
        return None
    left = LEFT + (offset // 7) * STEP
    top = TOP + (offset % 7) * STEP
    return left, top, left + CELL - 1, top + CELL - 1


def cell_origins(end: date) -> list[tuple[int, int]]:
    """The top-left pixel of every day's cell in the graph ending at ``end``, oldest first."""
    start = first_day(end)
    origins = []
    for offset in range((end - start).days + 1):
        box = cell_box(start + timedelta(days=offset), end)
        assert box is not None
        origins.append(box[:2])
    return origins


# What a drawn graph depends on: its last day, the language, and each day's level.
_GraphKey = tuple[date, Lang, tuple[int, ...]]


# Graphs kept in memory: a PNG is about 4.5 KB, so at most about 18 MiB.
GRAPHS_KEPT = 4096


class HeatmapRenderer:
    """Renders heatmaps and remembers the most recent ones.

    A member's graph only changes when they check in or a day passes, so asking
    twice returns the same bytes from memory. A graph is remembered by what it
    shows (its last day, language and every day's level), so a change to the
    member's data can never be answered with an old picture. The labels and
    empty cells of each day's graph are drawn once; a graph is then written from
    their rows and those of the cell tiles (``heatmap_png.GraphCanvas``), several
    times faster than drawing 182 rounded rectangles and having Pillow encode the
    image; the pixels are the same. ``render`` may run in a worker thread
    (``HeatmapAhead``).
    """

    def __init__(self, max_cached: int = GRAPHS_KEPT) -> None:
        self._max_cached = max_cached
        self._pngs: OrderedDict[_GraphKey, bytes] = OrderedDict()
        self._canvases: OrderedDict[tuple[date, Lang], GraphCanvas] = OrderedDict()
        self._tiles: list[Image.Image] | None = None
        # Guards the kept graphs and canvases against a render in a worker thread.
        self._lock = threading.Lock()

    def levels(self, counts_by_date: Mapping[date, int], end: date) -> tuple[int, ...]:
        """The level (0..4) of every day drawn in the graph ending at ``end``, oldest first."""
        first = first_day(end).toordinal()
        levels = [0] * (end.toordinal() - first + 1)
        top = len(LEVEL_COLOURS) - 1
        for day, count in counts_by_date.items():
            offset = day.toordinal() - first
            if 0 <= offset < len(levels) and count > 0:
                # level_for, inlined: a call per day was 20 us of a 150 us graph
                levels[offset] = count if count < top else top
        return tuple(levels)

    async def png(self, counts_by_date: Mapping[date, int], end: date, lang: Lang) -> bytes:
        """``render`` for the event loop. A new graph is drawn right here: it takes about
        0.1-0.15 ms (0.23 ms where zlib compresses it), less than handing it to a worker
        thread and back costs."""
        return self.render(counts_by_date, end, lang)

    def has(self, counts_by_date: Mapping[date, int], end: date, lang: Lang) -> bool:
        """Whether this graph is remembered (``png`` would not draw it)."""
        with self._lock:
            return self._key(counts_by_date, end, lang) in self._pngs

    def render(self, counts_by_date: Mapping[date, int], end: date, lang: Lang) -> bytes:
        """The PNG bytes of the 26 weeks up to ``end`` (the member's current local day)."""
        key = self._key(counts_by_date, end, lang)
        remembered = self._recall(key)
        return remembered if remembered is not None else self._draw_and_keep(key)

    def _key(self, counts_by_date: Mapping[date, int], end: date, lang: Lang) -> _GraphKey:
        return end, lang, self.levels(counts_by_date, end)

    def _recall(self, key: _GraphKey) -> bytes | None:
        with self._lock:
            png = self._pngs.get(key)
            if png is not None:
                self._pngs.move_to_end(key)
        return png

    def _draw_and_keep(self, key: _GraphKey) -> bytes:
        png = self._draw(*key)
        if self._max_cached:
            with self._lock:
                self._pngs[key] = png
                if len(self._pngs) > self._max_cached:
                    self._pngs.popitem(last=False)
        return png

    def _draw(self, end: date, lang: Lang, levels: tuple[int, ...]) -> bytes:
        return self._canvas(end, lang).png(levels)

    def _canvas(self, end: date, lang: Lang) -> GraphCanvas:
        """The labels, legend and empty cells of the graph ending at ``end``, ready
        for its cells; only a few are kept (members in several time zones can be on
        different days)."""
        key = (end, lang)
        with self._lock:
            kept = self._canvases.get(key)
        if kept is None:
            kept = GraphCanvas(_to_palette(_draw_background(end, lang)), self._cell_tiles(),
                               cell_origins(end), _PALETTE)
            with self._lock:
                self._canvases[key] = kept
                if len(self._canvases) > 4:
                    self._canvases.popitem(last=False)
        return kept

    def _cell_tiles(self) -> list[Image.Image]:
        tiles = self._tiles
        if tiles is None:
            tiles = self._tiles = [_to_palette(_cell_tile(colour)) for colour in LEVEL_COLOURS]
        return tiles


def render_heatmap(counts_by_date: Mapping[date, int], end: date, lang: Lang) -> bytes:
    """The PNG bytes of the 26 weeks up to ``end``, drawn without a cache."""
    return HeatmapRenderer(max_cached=0).render(counts_by_date, end, lang)


def _cell_tile(colour: tuple[int, int, int]) -> Image.Image:
    tile = Image.new("RGB", (CELL, CELL), BACKGROUND)
    ImageDraw.Draw(tile).rounded_rectangle((0, 0, CELL - 1, CELL - 1), radius=3, fill=colour)
    return tile


def _to_palette(image: Image.Image) -> Image.Image:
    """``image`` with a fixed palette: the background, the level colours exactly, and
    a ramp of greys for the anti-aliased text. A palette PNG encodes about six times
    faster than an RGB one and is a third of the size."""
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in _PALETTE for channel in colour])
    return image.quantize(palette=palette, dither=Image.Dither.NONE)


def _draw_background(end: date, lang: Lang) -> Image.Image:
    image = Image.new("RGB", HEATMAP_SIZE, BACKGROUND)
    empty_cell = _cell_tile(LEVEL_COLOURS[0])
    draw = ImageDraw.Draw(image)
    font, hangul = label_font()
    start = first_day(end)
    day = start
    while day <= end:  # days after ``end`` in the last week stay background
        box = cell_box(day, end)
        assert box is not None
        image.paste(empty_cell, box[:2])
        day += timedelta(days=1)
    _draw_month_labels(draw, font, start, lang, hangul)
    if lang == "en" or hangul:
        for row, name in _WEEKDAYS[lang].items():
            draw.text((6, TOP + row * STEP + CELL // 2), name, fill=TEXT, font=font, anchor="lm")
    _draw_legend(draw, font)
    return image


def _draw_month_labels(
    draw: ImageDraw.ImageDraw, font: LabelFont, start: date, lang: Lang, hangul: bool,
) -> None:
    # A label sits above the first column whose Monday is in a new month; the very
    # first column is labelled only if the next label is far enough away.
    columns = []
    for week in range(WEEKS):
        monday = start + timedelta(weeks=week)
        previous = monday - timedelta(weeks=1)
        if week == 0 or monday.month != previous.month:
            columns.append((week, monday.month))
    if len(columns) > 1 and columns[1][0] - columns[0][0] < 3:
        columns.pop(0)
    for week, month in columns:
        label = _MONTHS_EN[month - 1] if lang == "en" else f"{month}월" if hangul \
            else str(month)
        draw.text((LEFT + week * STEP, TOP - 8), label, fill=TEXT, font=font, anchor="ls")


def _draw_legend(draw: ImageDraw.ImageDraw, font: LabelFont) -> None:
    top = HEIGHT - BOTTOM + 16
    right = WIDTH - RIGHT
    high_label = f"{len(LEVEL_COLOURS) - 1}+"
    high_width = int(draw.textlength(high_label, font=font))
    swatches_left = right - high_width - 8 - len(LEVEL_COLOURS) * STEP
    draw.text((right, top + CELL // 2), high_label, fill=TEXT, font=font, anchor="rm")
    for level, colour in enumerate(LEVEL_COLOURS):
        left = swatches_left + level * STEP
        draw.rounded_rectangle((left, top, left + CELL - 1, top + CELL - 1), radius=3, fill=colour)
    draw.text((swatches_left - 8, top + CELL // 2), "0", fill=TEXT, font=font, anchor="rm")
