"""The optional preparation steps for phone photos and web-sized pages (pipeline/ocr.py): `dewarp` straightens
text lines whose slope changes over the page, `magnify` enlarges text whose letters are small in pixels.
Pages drawn here: lines of text, then bent the way a photo taken at an angle bends them."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import (DEWARP_ABOVE, MAGNIFY, SMALL_LETTERS, _cv2, _dewarped, _magnified, _text_lines, dewarp,
                          letter_height, magnify, prepare)

LINE = "Thực hiện Nghị quyết số 42/NQ-CP ngày 09 tháng 4 năm 2020 của Chính phủ về các biện pháp"


def _page(size: int = 15, lines: int = 30, width: int = 1000) -> np.ndarray:
    """A grey page of `lines` lines of text in a font of `size` pixels."""
    font = ImageFont.load_default(size=size)
    height = round(lines * size * 1.8 + 4 * size)
    img = Image.new("L", (width, height), 235)
    draw = ImageDraw.Draw(img)
    for i in range(lines):
        draw.text((size * 2, size * 2 + i * size * 1.8), LINE, fill=40, font=font)
    return np.asarray(img).copy()


def _bent(a: np.ndarray, top: float, bottom: float) -> np.ndarray:
    """The page's lines sloping `top` degrees at its top and `bottom` at its bottom (turned about the page's
    middle column), as a photo taken at an angle shows them."""
    h, w = a.shape
    rows = np.arange(h, dtype=np.float32)[:, None]
    slope = np.tan(np.radians(top + (bottom - top) * rows / h))
    map_y = rows - slope * (np.arange(w, dtype=np.float32)[None, :] - w / 2)
    map_x = np.broadcast_to(np.arange(w, dtype=np.float32), a.shape)
    return _cv2().remap(a, np.ascontiguousarray(map_x), map_y.astype(np.float32), _cv2().INTER_LINEAR, borderValue=235)


def _slope_spread(a: np.ndarray) -> float:
    """Degrees between the 5th and 95th percentile of the page's text lines' slopes (a straight line fitted
    to each line's centre)."""
    ink = (a < 140).astype(np.uint8)
    xs, ys, ids = _text_lines(ink, letter_height(a))
    slopes = [math.degrees(math.atan(np.polyfit(xs[ids == i], ys[ids == i], 1)[0])) for i in np.unique(ids)]
    low, high = np.percentile(slopes, [5, 95])
    return float(high - low)


@pytest.mark.parametrize("top, bottom, straightened", [
    (3.0, -3.0, True),    # the real phone photo's lines: +3 at the top, -3 at the bottom
    (-2.5, 2.5, True),
    (0.0, 0.0, False),    # a straight page is left as it is
    (2.0, 2.0, False),    # a skew, the same everywhere: `deskew`'s work, not this one's
])
def test_lines_that_slope_differently_are_straightened(top, bottom, straightened):
    page = _bent(_page(), top, bottom)
    before = _slope_spread(page)
    out = _dewarped(page)
    assert (out is not page) is straightened
    if straightened:
        assert before > DEWARP_ABOVE
        assert _slope_spread(out) < 1.0
        assert out.shape == page.shape


def test_dewarp_is_a_preparation_step():
    page = _bent(_page(), 3.0, -3.0)
    img = Image.fromarray(page, "L")
    straight, dpi = prepare(img, 96, ("gray", "dewarp"))
    assert dpi == 96 and _slope_spread(np.asarray(straight)) < 1.0
    same, _ = prepare(img, 96, ("gray",))
    assert np.array_equal(np.asarray(same), page)
    assert _slope_spread(np.asarray(dewarp(img))) < 1.0
    straight_page = Image.fromarray(_page(), "L")
    assert dewarp(straight_page) is straight_page


@pytest.mark.parametrize("size, enlarged", [
    (8, True),     # letters of a 576x960 page or a 600x740 phone photo
    (10, True),
    (16, False),   # letters of a 150 dpi scan: enlarging made the samples worse ("upscale")
    (30, False),   # 300 dpi
])
def test_small_letters_are_enlarged(size, enlarged):
    page = _page(size, lines=12, width=round(size * 60))
    assert (letter_height(page) < SMALL_LETTERS) is enlarged
    out, dpi = _magnified(page, 96)
    if enlarged:
        assert out.shape == (page.shape[0] * MAGNIFY, page.shape[1] * MAGNIFY) and dpi == 96 * MAGNIFY
    else:
        assert out is page and dpi == 96
    img = Image.fromarray(page, "L")
    enlarged_img, told = magnify(img, 150)
    assert (enlarged_img.size, told) == ((img.size[0] * MAGNIFY, img.size[1] * MAGNIFY), 300) if enlarged else \
        (enlarged_img is img and told == 150)
