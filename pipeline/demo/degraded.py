"""Degraded scans of the seeds: the damage a provincial office's copier or a phone adds, one kind at a time.

`generate_degraded(corpus_dir, out_dir)` renders every seed `corpus_dir/0*.txt` as a text PDF (the
same layout as `samples.render_text_pdf`) and writes, for each kind of damage in `KINDS`, a folder
of page images `out_dir/degraded/<kind>/<stem>/page-001.jpg` (one document per folder, the way
`pipeline.read` reads page folders):

    rotation     300 dpi, the page turned by 1-3 degrees either way
    blur         300 dpi, out of focus (Gaussian blur of radius 1.1-1.5 pixels)
    speckle      300 dpi, toner specks and dust blobs (5,000-10,000 a page), dropouts in the strokes
    jpeg         300 dpi, stored at JPEG quality 30-60
    lowdpi       150-200 dpi
    stamp        300 dpi in colour, a red circular seal with text over the signature block
    upside-down  300 dpi, one page of the document turned 180 degrees
    grey         300 dpi, a grey, uneven background (a copy of a copy)
    office       all of the above at once, milder each, at 200 dpi in colour, JPEG quality 40-55

Every choice (angles, amounts, which page) is drawn from a generator seeded by the seed's name, the
kind and the page, so the files are the same bytes on every run. A folder is regenerated only when
it is missing or older than its source.
"""
from __future__ import annotations

import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import write_atomic

from .samples import _register_fonts, parse_layout, render_text_pdf

DEGRADED_DIR = "degraded"
KINDS = ("rotation", "blur", "speckle", "jpeg", "lowdpi", "stamp", "upside-down", "grey", "office")
STAMP_RED = (205, 35, 45)
STORE_QUALITY = 92  # JPEG quality of the kinds whose damage is not the compression


@dataclass(frozen=True)
class Damage:
    """What one kind of damage does to the pages of one document (drawn from its generator)."""

    dpi: int = 300
    angle: float = 0.0  # degrees, counter-clockwise; per page it varies a little around this
    blur: float = 0.0  # Gaussian radius in pixels at `dpi`
    speckle: float = 0.0  # density of dark specks (fraction of pixels)
    quality: int = STORE_QUALITY
    stamp: bool = False
    upside_down: int | None = None  # the page (0-based) turned 180 degrees
    background: int | None = None  # grey level of the paper (255: white)


def _rng(*parts: object):
    import numpy as np

    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def damage_for(kind: str, stem: str, pages: int) -> Damage:
    """The damage of `kind` for the seed `stem` with `pages` pages: deterministic."""
    rng = _rng(stem, kind)
    sign = 1 if rng.integers(2) else -1
    if kind == "rotation":
        return Damage(angle=sign * float(rng.uniform(1.0, 3.0)))
    if kind == "blur":
        return Damage(blur=float(rng.uniform(1.1, 1.5)))
    if kind == "speckle":
        return Damage(speckle=float(rng.uniform(0.0005, 0.001)))
    if kind == "jpeg":
        return Damage(quality=int(rng.integers(30, 61)))
    if kind == "lowdpi":
        return Damage(dpi=int(rng.choice([150, 175, 200])))
    if kind == "stamp":
        return Damage(stamp=True)
    if kind == "upside-down":
        return Damage(upside_down=int(rng.integers(pages)))
    if kind == "grey":
        return Damage(background=int(rng.integers(150, 191)))
    if kind == "office":
        return Damage(dpi=200, angle=sign * float(rng.uniform(0.5, 3.0)), blur=0.6,
                      speckle=float(rng.uniform(0.0003, 0.0006)), quality=int(rng.integers(40, 56)), stamp=True,
                      upside_down=int(rng.integers(pages)), background=int(rng.integers(185, 216)))
    raise ValueError(f"unknown kind of damage: {kind} (known: {', '.join(KINDS)})")


# ------------------------------------------------------------------------------------ the seal


def _seal_text(text: str) -> str:
    """The name on the seal: the issuing body from the header, else a generic one."""
    layout = parse_layout(text)
    for line in layout.header_left:
        if line.isupper() and len(line) > 6 and not line.startswith(("SỐ", "*")):
            return line
    return "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"


def draw_seal(diameter: int, text: str, rng):
    """A red round seal (two rings, the body's name around the edge, a star in the middle) as a
    mask: a PIL image of mode L, 255 where the seal's ink is, with the patchy inking of a rubber stamp."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    size = diameter + 8
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    r = diameter / 2
    ring = max(3, diameter // 60)
    draw.ellipse((c - r, c - r, c + r, c + r), outline=255, width=ring)
    inner = r * 0.68
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(2, ring // 2))
    # The star of a State seal.
    points = []
    for i in range(10):
        radius = r * (0.28 if i % 2 == 0 else 0.11)
        a = -math.pi / 2 + i * math.pi / 5
        points.append((c + radius * math.cos(a), c + radius * math.sin(a)))
    draw.polygon(points, fill=255)
    regular, bold, _ = _register_fonts()
    font_path = _font_path(bold)
    letter = max(10, int(r * 0.17))
    font = ImageFont.truetype(font_path, letter) if font_path else ImageFont.load_default()
    chars = list(text)
    arc = 1.75 * math.pi  # the name runs round most of the ring, from the bottom left
    start = math.pi / 2 + (2 * math.pi - arc) / 2
    radius = (r + inner) / 2
    for i, ch in enumerate(chars):
        if ch == " ":
            continue
        a = start + arc * (i + 0.5) / len(chars)
        glyph = Image.new("L", (letter * 2, letter * 2), 0)
        ImageDraw.Draw(glyph).text((letter, letter), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x, y = c + radius * math.cos(a) - letter, c + radius * math.sin(a) - letter
        mask.paste(255, (int(x), int(y)), glyph)
    # Patchy ink: some of the seal prints faintly.
    a = np.asarray(mask.filter(ImageFilter.GaussianBlur(0.8)), dtype=np.float32)
    patch = rng.uniform(0.55, 1.0, size=(size // 16 + 1, size // 16 + 1))
    patch = np.asarray(Image.fromarray((patch * 255).astype(np.uint8)).resize((size, size), Image.BILINEAR),
                       dtype=np.float32) / 255
    return Image.fromarray(np.clip(a * patch, 0, 255).astype(np.uint8), "L")


def _font_path(name: str) -> str | None:
    from reportlab.pdfbase import pdfmetrics

    try:
        return pdfmetrics.getFont(name).face.filename
    except Exception:  # reportlab keeps the path on the face; any failure: default font
        return None


def _signature_box(pdf, index: int, signer: str | None, scale: float) -> tuple[float, float] | None:
    """Centre (pixels) of the signer's name on a page, where the seal goes, or None."""
    if not signer:
        return None
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        searcher = textpage.search(signer, match_case=True)
        hit = searcher.get_next()
        if not hit:
            return None
        first, count = hit
        boxes = [textpage.get_charbox(i) for i in range(first, first + count)]
        height = page.get_height()
        left = min(b[0] for b in boxes)
        right = max(b[2] for b in boxes)
        top = max(b[3] for b in boxes)
        return ((left + right) / 2 * scale, (height - top) * scale)
    finally:
        page.close()


def apply_seal(img, centre: tuple[float, float], diameter: int, text: str, rng):
    """The page in colour (RGB) with a red seal centred at `centre`: the seal's ink multiplies the
    page, so black text under it stays black, as with a real stamp."""
    import numpy as np
    from PIL import Image

    seal = draw_seal(diameter, text, rng).rotate(float(rng.uniform(-25, 25)), resample=Image.BICUBIC)
    rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    alpha = np.zeros(rgb.shape[:2], dtype=np.float32)
    x0, y0 = int(centre[0] - seal.size[0] / 2), int(centre[1] - seal.size[1] / 2)
    s = np.asarray(seal, dtype=np.float32) / 255
    h, w = alpha.shape
    xs, ys = max(0, x0), max(0, y0)
    xe, ye = min(w, x0 + seal.size[0]), min(h, y0 + seal.size[1])
    if xe > xs and ye > ys:
        alpha[ys:ye, xs:xe] = s[ys - y0:ye - y0, xs - x0:xe - x0]
    ink = np.array(STAMP_RED, dtype=np.float32) / 255
    factor = 1 - alpha[..., None] * (0.92 * (1 - ink))
    return Image.fromarray(np.clip(rgb * factor, 0, 255).astype(np.uint8), "RGB")


# ------------------------------------------------------------------------------------ damage


def degrade_page(img, damage: Damage, rng, index: int):
    """One rendered page (mode L or RGB, white paper) with the damage applied."""
    import numpy as np
    from PIL import Image, ImageFilter

    if damage.background is not None:
        # A grey, uneven paper: ink stays dark, the paper goes to `background` with a slow gradient
        # and grain.
        a = np.asarray(img, dtype=np.float32) / 255
        h, w = a.shape[:2]
        ramp = np.linspace(-1, 1, h, dtype=np.float32)[:, None] * rng.uniform(-12, 12)
        ramp = ramp + np.linspace(-1, 1, w, dtype=np.float32)[None, :] * rng.uniform(-8, 8)
        paper = damage.background + ramp + rng.normal(0, 3, (h, w)).astype(np.float32)
        if a.ndim == 3:
            paper = paper[..., None]
        ink = 25.0
        a = ink + (paper - ink) * a
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), img.mode)
    if damage.blur:
        img = img.filter(ImageFilter.GaussianBlur(damage.blur))
    if damage.speckle:
        a = np.asarray(img).copy()
        gray = a if a.ndim == 2 else a.min(axis=2)
        h, w = gray.shape
        dark = rng.random((h, w)) < damage.speckle
        # Dust: a few specks grow into blobs of 2-4 pixels.
        seeds = rng.random((h, w)) < damage.speckle / 8
        blobs = np.asarray(Image.fromarray(seeds.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(3))) > 0
        dropout = (rng.random((h, w)) < 0.02) & (gray < 110)
        level = rng.integers(0, 90, (h, w)).astype(np.uint8)
        if a.ndim == 2:
            a[dark | blobs] = level[dark | blobs]
            a[dropout] = 225
        else:
            a[dark | blobs] = level[dark | blobs][:, None]
            a[dropout] = 225
        img = Image.fromarray(a, img.mode)
    if damage.angle:
        angle = damage.angle + float(rng.uniform(-0.3, 0.3))
        fill = 255 if img.mode == "L" else (255, 255, 255)
        if damage.background is not None:
            fill = damage.background if img.mode == "L" else (damage.background,) * 3
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if damage.upside_down == index:
        img = img.rotate(180)
    return img


def degrade_pdf(pdf_bytes: bytes, text: str, kind: str, stem: str) -> list[tuple[bytes, int]]:
    """The pages of a rendered seed with the damage of `kind`: (JPEG bytes, dpi) per page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    out: list[tuple[bytes, int]] = []
    try:
        damage = damage_for(kind, stem, len(pdf))
        scale = damage.dpi / 72
        layout = parse_layout(text)
        signer = layout.signer[0] if layout.signer else None
        last = len(pdf) - 1
        seal_at = _signature_box(pdf, last, signer, scale) if damage.stamp else None
        for index in range(len(pdf)):
            rng = _rng(stem, kind, index)
            page = pdf[index]
            img = page.render(scale=scale, grayscale=not damage.stamp).to_pil()
            page.close()
            img = img.convert("RGB" if damage.stamp else "L")
            if damage.stamp and index == last:
                w, h = img.size
                # Over the signature block: left of the signer's name and above it, where the seal
                # of the body overlaps the signer's title and signature; without a signer, the lower right.
                centre = seal_at or (w * 0.68, h * 0.8)
                centre = (centre[0] - 0.06 * w, centre[1] - 0.035 * h)
                diameter = int(36 / 25.4 * damage.dpi)  # a 36 mm seal
                img = apply_seal(img, centre, diameter, _seal_text(text), rng)
            img = degrade_page(img, damage, rng, index)
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=damage.quality, optimize=False, dpi=(damage.dpi, damage.dpi))
            out.append((buf.getvalue(), damage.dpi))
    finally:
        pdf.close()
    return out


def _fresh(folder: Path, source: Path) -> bool:
    pages = sorted(folder.glob("page-*.jpg")) if folder.is_dir() else []
    return bool(pages) and all(p.stat().st_mtime >= source.stat().st_mtime for p in pages)


def generate_degraded(corpus_dir: Path, out_dir: Path, kinds: tuple[str, ...] = KINDS) -> list[Path]:
    """Write the degraded scans of every seed for every kind; returns the page files (written or
    already up to date)."""
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    written: list[Path] = []
    for source in sorted(corpus_dir.glob("0*.txt")):
        stem = source.stem
        text = None
        pdf_bytes = None
        for kind in kinds:
            folder = out_dir / DEGRADED_DIR / kind / stem
            if _fresh(folder, source):
                written += sorted(folder.glob("page-*.jpg"))
                continue
            if text is None:
                text = source.read_text(encoding="utf-8")
                pdf_bytes = render_text_pdf(text, title=stem)
            # Written in a side folder and renamed, so a killed run never leaves half a document.
            import shutil

            partial = folder.with_name(f".{stem}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            names = []
            for i, (data, _dpi) in enumerate(degrade_pdf(pdf_bytes, text, kind, stem), 1):
                write_atomic(partial / f"page-{i:03d}.jpg", data, fsync=False)
                names.append(f"page-{i:03d}.jpg")
            shutil.rmtree(folder, ignore_errors=True)
            partial.rename(folder)
            written += [folder / name for name in names]
    return written
