"""The check-in heatmap PNG."""

from __future__ import annotations

import io
import random
import zlib
from datetime import date, timedelta
from functools import partial

import pytest
from PIL import Image, ImageDraw

from bot.streaks import heatmap_png
from bot.streaks.heatmap import (
    BACKGROUND,
    HEATMAP_SIZE,
    LEVEL_COLOURS,
    STEP,
    WEEKS,
    HeatmapRenderer,
    _draw_background,
    _to_palette,
    cell_box,
    cell_origins,
    first_day,
    level_for,
    render_heatmap,
)

END = date(2026, 11, 25)  # a Wednesday


def open_png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def centre_pixel(image: Image.Image, day: date) -> tuple[int, ...]:
    box = cell_box(day, END)
    assert box is not None
    return image.getpixel(((box[0] + box[2]) // 2, (box[1] + box[3]) // 2))  # type: ignore[return-value]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_renders_a_png_of_the_expected_size(lang) -> None:
    image = open_png(render_heatmap({}, END, lang))
    assert image.format == "PNG"
    assert image.size == HEATMAP_SIZE
    # 26 week columns of square cells fit in the width.
    assert HEATMAP_SIZE[0] > WEEKS * (cell_box(END, END)[2] - cell_box(END, END)[0])  # type: ignore[index]


def test_a_day_with_checkins_is_coloured_differently_from_an_empty_day() -> None:
    busy, quiet = END - timedelta(days=3), END - timedelta(days=4)
    image = open_png(render_heatmap({busy: 2}, END, "en")).convert("RGB")
    assert centre_pixel(image, busy) == LEVEL_COLOURS[2]
    assert centre_pixel(image, quiet) == LEVEL_COLOURS[0]
    assert centre_pixel(image, busy) != centre_pixel(image, quiet)


def test_more_checkins_mean_a_more_intense_colour() -> None:
    days = [END - timedelta(days=n) for n in range(1, 6)]
    counts = {d: n for n, d in enumerate(days, start=1)}
    image = open_png(render_heatmap(counts, END, "ko")).convert("RGB")
    seen = [centre_pixel(image, d) for d in days]
    assert seen == [LEVEL_COLOURS[level_for(n)] for n in range(1, 6)]
    assert len(set(seen)) == 4  # 4 and 5 check-ins share the top level


def test_days_outside_the_window_are_not_drawn() -> None:
    assert cell_box(first_day(END) - timedelta(days=1), END) is None
    assert cell_box(END + timedelta(days=1), END) is None
    image = open_png(render_heatmap({END + timedelta(days=1): 3}, END, "en")).convert("RGB")
    # The Thursday after END sits where a cell would be, and stays background.
    thursday_box = cell_box(END, END)
    assert thursday_box is not None
    x = (thursday_box[0] + thursday_box[2]) // 2
    y = (thursday_box[1] + thursday_box[3]) // 2 + STEP
    assert image.getpixel((x, y)) == BACKGROUND


def test_grid_starts_on_a_monday_26_weeks_back() -> None:
    start = first_day(END)
    assert start.weekday() == 0
    assert (END - start).days // 7 == WEEKS - 1
    assert cell_box(start, END)[:2] < cell_box(END, END)[:2]  # type: ignore[index]


def test_renderer_draws_the_same_pixels_as_a_fresh_render() -> None:
    renderer = HeatmapRenderer()
    counts = {END - timedelta(days=n): n % 6 for n in range(0, 150, 2)}
    for lang in ("ko", "en"):
        fresh = open_png(render_heatmap(counts, END, lang)).convert("RGB")
        reused = open_png(renderer.render(counts, END, lang)).convert("RGB")
        assert fresh.tobytes() == reused.tobytes()


@pytest.mark.parametrize("end", [END, END + timedelta(days=4)])  # a Wednesday, a Sunday
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_graph_is_its_tiles_pasted_on_its_background(end: date, lang: str) -> None:
    # The PNG is written from rows kept between graphs (heatmap_png.GraphCanvas):
    # its pixels must be those of pasting each day's tile onto the background.
    renderer = HeatmapRenderer(max_cached=0)
    background = _to_palette(_draw_background(end, lang))  # type: ignore[arg-type]
    tiles = renderer._cell_tiles()
    rng = random.Random(f"{end}{lang}")
    for share in (0.0, 0.3, 1.0):
        counts = {end - timedelta(days=n): rng.randint(1, 6)
                  for n in range(200) if rng.random() < share}
        expected = background.copy()
        for origin, level in zip(cell_origins(end), renderer.levels(counts, end), strict=True):
            if level:
                expected.paste(tiles[level], origin)
        drawn = open_png(renderer.render(counts, end, lang))  # type: ignore[arg-type]
        assert drawn.size == expected.size
        assert drawn.convert("RGB").tobytes() == expected.convert("RGB").tobytes()


def test_a_small_canvas_is_its_tiles_pasted_on_its_background() -> None:
    # A band of one cell, a band of two with a gap between them, cells at both
    # edges of the span, and tiles whose rows differ (each distinct row is joined
    # once and reused for the rows equal to it).
    palette = [(n * 16, n * 8, 255 - n * 16) for n in range(6)]
    background = Image.new("P", (12, 7), 0)
    background.putpalette([channel for colour in palette for channel in colour])
    for x in range(12):
        background.putpixel((x, 6), 5)  # a label row below the cells
    tiles = []
    for level in range(5):
        tile = Image.new("P", (2, 3), level)
        tile.putpixel((1, 1), 5 - level)  # a middle row unlike the others
        tiles.append(tile)
    background.paste(tiles[0], (2, 0))
    background.paste(tiles[0], (2, 3))
    background.paste(tiles[0], (8, 3))
    origins = [(2, 0), (2, 3), (8, 3)]
    canvas = heatmap_png.GraphCanvas(background, tiles, origins, palette)
    for levels in [(0, 0, 0), (1, 0, 0), (0, 2, 4), (3, 4, 1), (4, 4, 4)]:
        expected = background.copy()
        for origin, level in zip(origins, levels, strict=True):
            if level:
                expected.paste(tiles[level], origin)
        drawn = open_png(canvas.png(levels))
        assert drawn.convert("RGB").tobytes() == expected.convert("RGB").tobytes(), levels


def test_the_standard_librarys_zlib_writes_the_same_picture(monkeypatch) -> None:
    # Where ISA-L has no wheel, graphs are compressed by zlib: same format, same pixels.
    counts = {END - timedelta(days=n): n % 6 for n in range(0, 150, 2)}
    usual = render_heatmap(counts, END, "ko")
    monkeypatch.setattr(heatmap_png, "deflate", lambda: partial(zlib.compress, level=1))
    fallback = render_heatmap(counts, END, "ko")
    assert open_png(fallback).convert("RGB").tobytes() == \
        open_png(usual).convert("RGB").tobytes()


def test_a_png_holds_its_rows_as_one_zlib_stream_whichever_compressor() -> None:
    rows = b"".join(b"\0" + bytes([0x01, 0x23, 0x45, 0x67]) * 4 for _ in range(3))
    palette = [(n, n, n) for n in range(16)]
    for compress in (heatmap_png.deflate(), partial(zlib.compress, level=1)):
        png = heatmap_png.palette_png((32, 3), palette, rows, compress)
        image = open_png(png)
        assert (image.size, image.mode) == ((32, 3), "P")
        assert [image.getpixel((x, 0)) for x in range(8)] == [0, 1, 2, 3, 4, 5, 6, 7]
        idat = png.index(b"IDAT")
        length = int.from_bytes(png[idat - 4:idat], "big")
        assert zlib.decompress(png[idat + 4:idat + 4 + length]) == rows


def test_renderer_remembers_a_graph_until_the_checkins_change() -> None:
    renderer = HeatmapRenderer()
    counts = {END - timedelta(days=1): 1}
    first = renderer.render(counts, END, "en")
    assert renderer.render(dict(counts), END, "en") is first
    after_checkin = renderer.render({**counts, END: 1}, END, "en")
    assert after_checkin != first
    assert centre_pixel(open_png(after_checkin).convert("RGB"), END) == LEVEL_COLOURS[1]
    # A check-in outside the drawn 26 weeks does not change the picture.
    old = {**counts, first_day(END) - timedelta(days=1): 4}
    assert renderer.render(old, END, "en") is first


def test_renderer_keeps_at_most_max_cached_graphs() -> None:
    renderer = HeatmapRenderer(max_cached=2)
    graphs = [renderer.render({END: n}, END, "ko") for n in (1, 2, 3)]
    assert renderer.render({END: 3}, END, "ko") is graphs[2]
    assert renderer.render({END: 1}, END, "ko") is not graphs[0]  # evicted, drawn again


async def test_png_renders_a_miss_off_the_loop_and_returns_a_hit_directly() -> None:
    renderer = HeatmapRenderer()
    counts = {END: 2}
    drawn = await renderer.png(counts, END, "en")
    assert open_png(drawn).size == HEATMAP_SIZE
    assert await renderer.png(counts, END, "en") is drawn


def test_the_shipped_font_has_every_glyph_a_label_uses() -> None:
    from bot.streaks.heatmap import _MONTHS_EN, _WEEKDAYS, LABEL_FONT, label_font

    font, hangul = label_font()
    assert hangul and LABEL_FONT.stat().st_size < 16_000, "a small subset, not a whole font"
    assert (LABEL_FONT.parent / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") == 1
    labels = ["".join(_MONTHS_EN), *(f"{m}월" for m in range(1, 13)), "0", "4+",
              *_WEEKDAYS["ko"].values(), *_WEEKDAYS["en"].values()]

    def drawn(text: str) -> bytes:
        image = Image.new("L", (40, 40))
        ImageDraw.Draw(image).text((4, 4), text, fill=255, font=font)
        return image.tobytes()

    missing = drawn("가")  # not in the subset: the .notdef box
    for char in sorted(set("".join(labels))):
        assert drawn(char) != missing, f"no glyph for {char!r}"
