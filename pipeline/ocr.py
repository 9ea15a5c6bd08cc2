"""OCR: one page image becomes text, with Tesseract's Vietnamese model.

The page is the unit of work. `ocr_page(job, settings)` is a pure, picklable function of a
`PageJob` (a PDF path and page index, an image file and frame, or image bytes) and `OcrSettings`,
so any executor can run it: `run_pages` uses a local process pool by default, and takes any object
with an executor-style `map` (a `concurrent.futures` executor, a Dask `Client.get_executor()`).

Tesseract is run with `lang="vie"` (not `vie+eng`, which loses the stroke of Đ) and
`OMP_THREAD_LIMIT=1`: its own threads make it several times slower on few cores, so parallelism
comes from running pages in separate processes instead. Each process reads its pages with
Tesseract's library (libtesseract's C API, `_library`: the model loaded once per process, the pixels
handed over without an image file), or with the `tesseract` command where the library of the command's
version cannot be loaded (or DIRECTIVES_TESSERACT=command); both give the same TSV.

Every page OCR'd is cached on disk under a key of what determines its text (the source's sha256,
the page, the resolution, the preprocessing, the Tesseract version and the language), so the same
page is never OCR'd twice. The cache lives in `$DIRECTIVES_CACHE_DIR` (default
`~/.cache/directives/ocr`); entries are written to a temporary file and renamed.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import math
import multiprocessing
import os
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Sequence

from .atomic import write_atomic
from .errors import PageError

DEFAULT_CACHE_DIR = "~/.cache/directives/ocr"
PREPROCESS_STEPS = ("gray", "stamp", "despeckle", "dewarp", "deskew", "upscale", "magnify", "background", "binarize",
                    "orient")
# What `make eval` (pipeline/scan_eval.py) measured to pay on the degraded scans (README, "Scans"):
# each step runs only where it has something to do (red ink, a skew, a low resolution, a grey
# paper, specks, a page that reads badly).
# "upscale" is left out: on the 150-200 dpi samples it made CER 0.14% -> 0.43% (make eval, lowdpi).
# "dewarp" and "magnify" are left out too. On the phone photo kaikenju_02 (600x740, 6-pixel letters, blurred,
# its lines sloping +3 to -3 degrees) they make the text much better: CER against a transcription made by eye
# (its number left out) 56.8% as read by default, 40.1% dewarped, 32.7% magnified, 23.4% both. But its
# citation's symbol stays unreadable (`42/N0-CÍ`, `42/NG-CI*`, `42/N(Q-€l*P`) and where the words before it
# come back it is reported wrong: the first version of `dewarp` gave `42/NQ-CÍ`, magnified `42/NG-CI` (a wrong
# citation instead of a missed one); the reading flips with sub-pixel changes of the image. On the real scans
# (`directives eval corpus/gold/realscans.json`, main 44d05b1: recall 140/141, precision 140/140, own symbol
# 34/40, date 33/41) "dewarp" acts on kaikenju_02 alone; "magnify" on the seven pages with letters under 11
# pixels: kaikenju_04's own number 6078 is read (symbol 35/40) but vietadmin_06's `4869/UBND-` reads
# `4§69/U BND-` (recall 139/141, precision 139/141 with kaikenju_02's `42/NG-CI`).
DEFAULT_PREPARATION = ("gray", "stamp", "deskew", "background", "despeckle", "orient")
RED_TEXT_BELOW = 0.6  # under red ink, a pixel darker than this share of the paper in red is text
RED_MARGIN = 18  # a pixel this much redder than green and blue is red (or pink) ink
SPECK_AREA = 40  # pixels at 300 dpi: a speck is smaller than a full stop of 13-point text (about 60)
# Pixels at 300 dpi: a letter's dot or mark lies nearer than this to its letter across (a full stop, a comma
# beside it) and SPECK_REACH_UP above or below (a tone mark, the dot under `ộ`). The hook above `ủ` lies 15-16
# above its letter: reaching 14 both ways, 402 of the 9,407 marks of the 150-200 dpi samples (no specks there)
# and 40 of the grey ones' 7,929 were taken for specks (`Tỉnh uy`); reaching 22 up and down, 32 and 24, but on a
# real scan a speck 17-22 pixels above a handwritten number was kept and read as a digit (`115` -> `1445`, the
# real scan vietadmin_03): 16 keeps the hook and drops that speck. Reaching 18 across as well kept the specks
# 14-18 pixels after a line's last word, read as its full stop (`tháng.`).
SPECK_REACH, SPECK_REACH_UP = 14, 16
LETTER_HEIGHT = 13  # median height in pixels of a 13-point page's ink blobs at 150 dpi (half of 300)
SPECK_TINY, SPECK_TOUCH = 10, 3  # pixels at 300 dpi: smaller than any mark, a speck unless touching ink
LETTER_AREA = 6  # pixels of the half-size copy: the smallest letter of a 100 dpi page
# A 3x3 median runs on pages with at least MEDIAN_SPECKS specks found a million pixels (the speckled samples:
# 41-112; the real scans: at most 62, clean pages 1), of which at least MEDIAN_OPEN lie in the open paper,
# farther than OPEN_REACH (pixels at 300 dpi) from any letter. At 200 dpi too: on the office samples (200 dpi,
# speckled) it takes off the one-pixel grain Tesseract reads as `.`, `'`, `:` (office 000 p4 CER 4.20% ->
# 1.31%) more than it thins the strokes; on a real 200 dpi scan whose specks are bits of thin italic strokes
# (62 a million pixels, 1 in the open) it loses slashes (`57⁄2024/TT-BYT` -> `572024/TT-BYT`, `tháng 11` ->
# `tháng II`): the open paper tells the two apart.
MEDIAN_SPECKS, MEDIAN_OPEN, OPEN_REACH = 40, 5, 54
SPARSE_SPECKS = 300  # specks taken off: fewer are painted over one by one, more through a mask of the page
NEAR_LOOKUPS = 4  # pixels looked up per pixel of the page, above which `_near_ink` dilates the page instead
DESKEW_ABOVE = 1.0  # degrees; Tesseract reads a smaller skew as well as none (and turning costs)
# A page whose text lines slope differently from place to place (a phone photo taken at an angle, a curled
# page) is straightened line by line (`dewarp`, not in the default preparation) when the lines' local slopes, 5th to 95th percentile, lie
# more than DEWARP_ABOVE degrees apart on at least DEWARP_LINES lines. Tesseract then no longer merges
# neighbouring lines into one tall line read as nothing (the phone photo kaikenju_02 of the real scans lost
# its header and `Thực hiện Nghị quyết số` so: its lines slope +3 to -3 degrees). Measured on the real scans'
# other 51 pages: at most 1.4 degrees (flatbed scans: a skew, the same everywhere, which `deskew` turns).
DEWARP_ABOVE, DEWARP_LINES = 3.0, 12
DEWARP_SIZE = 1000  # pixels: the text lines are found on a copy about this high (as the skew)
UPSCALE_BELOW, UPSCALE_TO = 250, 300  # dpi
# Text whose letters are small in pixels, whatever resolution the file states (a web-sized image, a phone
# photo: often none, or 96), is read at MAGNIFY times the size (`magnify`, not in the default): the median height of a page's ink
# blobs is 13-14 pixels on the real 150 dpi scans and the 150 dpi samples (which enlarging made worse: see
# "upscale"), 26-29 at 300 dpi, 6-9 on the real scans' web-sized pages and phone photos (576x960, 600x740),
# where reading them twice as large took CER from 11.4% to 9.2% and 13.2% to 10.0% (vietadmin_06, 07 against
# their source transcriptions).
SMALL_LETTERS, MAGNIFY = 11, 2
ORIENT_BELOW = 60  # mean word confidence under which a page's orientation is checked
UNREADABLE_BELOW = 35  # mean word confidence under which a page's words are noise, not text
BATCH_PAGES = 4  # pages a worker gives one run of Tesseract (`ocr_pages`)
# Bump when the way page text is made from Tesseract's output changes: cached pages are redone.
TEXT_FORMAT = "tsv-columns-4-marks-reach14x16-median-open-speckwords-2"


@dataclass(frozen=True)
class OcrSettings:
    lang: str = "vie"
    dpi: int = 300  # rendering resolution of PDF pages
    # Measured on the five scanned samples (mean CER against the seed text): gray 0.26%,
    # gray+deskew 0.22%, gray+deskew+binarize 0.40%. Tesseract binarizes better than a global Otsu
    # threshold and copes with the skew of a flatbed scan; deskewing buys little and costs a few
    # tenths of a second a page, so it is an option, not the default.
    preprocess: tuple[str, ...] = DEFAULT_PREPARATION
    psm: int = 3  # Tesseract page segmentation: fully automatic
    timeout: float = 120.0  # seconds per page; 0 means none
    max_pixels: int = 100_000_000  # refuse larger images / renderings
    max_pages: int = 2000
    workers: int | None = None  # parallel OCR processes; None: one per CPU
    cache_dir: str | None = None  # None: $DIRECTIVES_CACHE_DIR or the default; "": no cache

    @classmethod
    def from_env(cls, **overrides: Any) -> "OcrSettings":
        """Settings from the environment (DIRECTIVES_OCR_TIMEOUT, DIRECTIVES_MAX_PIXELS,
        DIRECTIVES_MAX_PAGES, DIRECTIVES_OCR_WORKERS, DIRECTIVES_OCR_DPI, DIRECTIVES_CACHE_DIR),
        then the keyword overrides."""
        env = os.environ
        values: dict[str, Any] = {}
        for name, var, kind in (
            ("timeout", "DIRECTIVES_OCR_TIMEOUT", float),
            ("max_pixels", "DIRECTIVES_MAX_PIXELS", int),
            ("max_pages", "DIRECTIVES_MAX_PAGES", int),
            ("workers", "DIRECTIVES_OCR_WORKERS", int),
            ("dpi", "DIRECTIVES_OCR_DPI", int),
        ):
            if env.get(var, "").strip():
                values[name] = kind(env[var])
        if "DIRECTIVES_CACHE_DIR" in env:
            values["cache_dir"] = env["DIRECTIVES_CACHE_DIR"]
        values.update(overrides)
        settings = cls(**values)
        unknown = set(settings.preprocess) - set(PREPROCESS_STEPS)
        if unknown:
            raise ValueError(f"unknown preprocessing step(s): {', '.join(sorted(unknown))}")
        return settings

    def resolved_cache_dir(self) -> Path | None:
        raw = self.cache_dir
        if raw is None:
            raw = os.environ.get("DIRECTIVES_CACHE_DIR", DEFAULT_CACHE_DIR)
        if not raw:
            return None
        return Path(raw).expanduser()

    def with_(self, **changes: Any) -> "OcrSettings":
        return replace(self, **changes)


@dataclass(frozen=True)
class PageJob:
    """One page to OCR: exactly one of `pdf_path`, `image_path`, `image` is set.

    `source_sha256` is the sha256 of the whole source file (PDF or image file); with `index` (the
    PDF page or the image frame, 0-based) it keys the cache without rendering anything."""

    index: int
    pdf_path: str | None = None
    image_path: str | None = None
    image: bytes | None = None
    source_sha256: str | None = None


@dataclass
class PageOcr:
    index: int
    text: str = ""
    cache_hit: bool = False
    seconds: float = 0.0  # time spent in tesseract
    tesseract: bool = False  # whether tesseract was run for this page
    error: str | None = None  # one-line reason when the page could not be OCR'd
    # Mean of Tesseract's word confidences (0-100) over the page's words; None when unknown (a page
    # cached before confidences were kept, or no word read).
    confidence: float | None = None
    # Each word of `text` with Tesseract's confidence and box: [start, end, confidence 0-100, left, top,
    # right, bottom] in text order (the box in pixels of the image OCR'd, `ocr_image`); None when unknown
    # (a page cached before word confidences were kept).
    words: list[list[int]] | None = None
    # Clockwise degrees (0, 90, 180, 270) the prepared page was turned before the reading kept: a page read
    # badly is read again turned by OSD (`_turned`), and then its word boxes are in the turned image.
    turned: int = 0


@dataclass
class OcrStats:
    """Counters of this process's OCR work (updated by `run_pages` from the results)."""

    pages: int = 0
    tesseract_runs: int = 0
    cache_hits: int = 0
    failures: int = 0
    tesseract_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    def add(self, result: PageOcr) -> None:
        self.pages += 1
        if result.cache_hit:
            self.cache_hits += 1
        if result.tesseract:
            self.tesseract_runs += 1
        if result.error:
            self.failures += 1
            self.errors.append(result.error)
        self.tesseract_seconds += result.seconds


STATS = OcrStats()


@functools.lru_cache(maxsize=1)
def tesseract_version() -> str:
    """The version `tesseract --version` states (`5.3.0`), as pytesseract's `get_tesseract_version` gives it
    (a part of every cache key), asked of the command directly: importing pytesseract imports pandas,
    0.35 s of CPU at the start of every OCR run."""
    import re
    import subprocess

    try:
        run = subprocess.run(["tesseract", "--version"], stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise PageError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)") from None
    except subprocess.TimeoutExpired:
        raise PageError("tesseract --version did not answer") from None
    found = re.search(r"\d+(?:\.\d+)*", (run.stdout or run.stderr).decode("utf-8", "replace"))
    if run.returncode != 0 or not found:
        raise PageError("tesseract --version gave no version (is tesseract-ocr installed?)")
    return found.group()


def cache_key(job: PageJob, settings: OcrSettings) -> str:
    if job.source_sha256:
        source = job.source_sha256
    elif job.image is not None:
        source = hashlib.sha256(job.image).hexdigest()
    else:
        path = job.pdf_path or job.image_path
        h = hashlib.sha256()
        with open(path, "rb") as f:  # type: ignore[arg-type]
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        source = h.hexdigest()
    kind = "pdf" if job.pdf_path else "image"
    parts = [kind, source, str(job.index), str(settings.dpi), "+".join(settings.preprocess),
             f"psm{settings.psm}", tesseract_version(), settings.lang, TEXT_FORMAT]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _cache_path(directory: Path, key: str) -> Path:
    return directory / key[:2] / f"{key}.txt"


def cache_get(settings: OcrSettings, key: str) -> str | None:
    directory = settings.resolved_cache_dir()
    if directory is None:
        return None
    try:
        return _cache_path(directory, key).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError):
        return None  # an unreadable entry is a miss; it will be rewritten


def cache_put(settings: OcrSettings, key: str, text: str, confidence: float | None = None) -> None:
    directory = settings.resolved_cache_dir()
    if directory is None:
        return
    path = _cache_path(directory, key)
    try:
        if confidence is not None:  # beside the text, so entries written before it stay valid
            write_atomic(path.with_suffix(".conf"), f"{confidence:.2f}", fsync=False)
        write_atomic(path, text, fsync=False)  # losing a cache entry in a crash only costs time
    except OSError:
        pass  # a cache that cannot be written only costs time


def cache_put_words(settings: OcrSettings, key: str, words: list[list[int]]) -> None:
    """The word confidences of a page (`PageOcr.words`) beside its cached text, as JSON."""
    directory = settings.resolved_cache_dir()
    if directory is None:
        return
    try:
        write_atomic(_cache_path(directory, key).with_suffix(".words"),
                     json.dumps(words, separators=(",", ":")), fsync=False)
    except OSError:
        pass


def cache_words(settings: OcrSettings, key: str) -> list[list[int]] | None:
    """The word confidences recorded with a cached page, if any."""
    directory = settings.resolved_cache_dir()
    if directory is None:
        return None
    try:
        words = json.loads(_cache_path(directory, key).with_suffix(".words").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return words if isinstance(words, list) else None


def cache_put_turned(settings: OcrSettings, key: str, turned: int) -> None:
    """The turn a page was read with (`PageOcr.turned`) beside its cached text; none when 0."""
    directory = settings.resolved_cache_dir()
    if directory is None or not turned:
        return
    try:
        write_atomic(_cache_path(directory, key).with_suffix(".turn"), str(turned), fsync=False)
    except OSError:
        pass


def cache_turned(settings: OcrSettings, key: str) -> int:
    """The turn recorded with a cached page: 0 when none was."""
    directory = settings.resolved_cache_dir()
    if directory is None:
        return 0
    try:
        return int(_cache_path(directory, key).with_suffix(".turn").read_text(encoding="utf-8")) % 360
    except (OSError, ValueError, UnicodeDecodeError):
        return 0


def cache_confidence(settings: OcrSettings, key: str) -> float | None:
    """The word confidence recorded with a cached page, if any."""
    directory = settings.resolved_cache_dir()
    if directory is None:
        return None
    try:
        return float(_cache_path(directory, key).with_suffix(".conf").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


# ------------------------------------------------------------------------------------ images


def check_pixels(width: int, height: int, settings: OcrSettings, what: str = "image") -> None:
    pixels = width * height
    if pixels > settings.max_pixels:
        raise PageError(
            f"{what} too large ({width}x{height} = {pixels / 1e6:.0f} megapixels > "
            f"{settings.max_pixels / 1e6:.0f})"
        )


def render_pdf_page(path: str, index: int, settings: OcrSettings):
    """Render one PDF page at `settings.dpi` as a PIL image: RGB when the preparation takes red
    ink off ("stamp"), else grey (mode L)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        try:
            width, height = page.get_size()
            scale = settings.dpi / 72
            check_pixels(math.ceil(round(width * scale, 3)), math.ceil(round(height * scale, 3)), settings,
                         f"page {index + 1} at {settings.dpi} dpi")
            # In colour when red ink is to be taken off (a seal over the signature), else in grey.
            colour = "stamp" in settings.preprocess
            bitmap = page.render(scale=scale, grayscale=not colour)
            img = bitmap.to_pil()
            img.load()
            if colour:
                return img.convert("RGB") if img.mode != "RGB" else img
            return img.convert("L") if img.mode != "L" else img
        finally:
            page.close()
    finally:
        pdf.close()


@contextlib.contextmanager
def own_pixel_limit():
    """Open images with PIL's decompression-bomb check off: `check_pixels` applies the configured
    limit (with a clearer message) on the size in the header, before anything is decoded."""
    from PIL import Image

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def load_image_frame(source: str | bytes, frame: int, settings: OcrSettings):
    """One frame of an image file, refusing oversized images before decoding them."""
    from PIL import Image

    with own_pixel_limit():
        img = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
        if frame:
            img.seek(frame)
        check_pixels(img.size[0], img.size[1], settings)
        img.load()
    from PIL import ImageOps

    # Phone photos are stored sideways with an orientation tag; Tesseract ignores the tag. (Without
    # one, exif_transpose would only copy the page.)
    if img.getexif().get(0x0112, 1) not in (2, 3, 4, 5, 6, 7, 8):
        return img
    upright = ImageOps.exif_transpose(img)
    upright.info.setdefault("dpi", img.info.get("dpi"))
    return upright


def preprocess(img, steps: Sequence[str], dpi: int | None = None):
    """Clean a page image for OCR (`prepare` without the resolution): the image, mode L."""
    return prepare(img, dpi or 300, steps)[0]


def _cv2():
    """OpenCV, single-threaded: pages run in parallel processes (see the module's doc)."""
    import cv2

    cv2.setNumThreads(1)
    return cv2


def _flatten(img):
    """RGB or L, with any transparency laid on white paper."""
    from PIL import Image

    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        background = Image.new("RGBA", img.size, (255, 255, 255, 255))
        background.alpha_composite(img.convert("RGBA"))
        return background.convert("RGB")
    if img.mode in ("L", "RGB"):
        return img
    if img.mode in ("1", "I", "I;16", "F"):
        return img.convert("L")
    return img.convert("RGB")


def drop_red(img):
    """A colour page in grey with red and pink ink (seals, receipt stamps, a red rule) turned to
    paper: in and around pixels clearly redder than green or blue, what is dark in the red channel
    (black text under the seal) is kept and the rest becomes paper. Blue or
    black ink (signatures, text) is left as it is. Other pixels get the usual luminance."""
    from PIL import Image

    return Image.fromarray(_red_dropped(img), "L")


def _red_dropped(img):
    """`drop_red`'s grey pixels, as a NumPy array."""
    import numpy as np

    cv2 = _cv2()
    rgb = np.asarray(img if img.mode == "RGB" else img.convert("RGB"))
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    sample = rgb[::4, ::4]
    if not (cv2.subtract(sample[..., 0], cv2.max(sample[..., 1], sample[..., 2])) > RED_MARGIN).any():
        return gray  # no red ink on the page: nothing to do
    r = np.ascontiguousarray(rgb[..., 0])
    redness = cv2.subtract(r, cv2.max(np.ascontiguousarray(rgb[..., 1]), np.ascontiguousarray(rgb[..., 2])))
    # JPEG keeps colour at half the resolution: the edges of red strokes are barely red, so the zone
    # is grown by a few pixels (black text in it keeps its dark red channel).
    core = redness > RED_MARGIN
    red = cv2.dilate(core.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    # In the red channel, red ink is nearly as light as the paper, and black text under it stays
    # dark: in the red zone, what is dark in red is text, the rest is paper.
    paper = int(np.percentile(gray[::8, ::8], 90))
    zone_r = r[red]
    gray[red] = np.where(zone_r < paper * RED_TEXT_BELOW, zone_r, paper).astype(np.uint8)
    return gray


def page_problem(img) -> str | None:
    """Why a page image has nothing to read (blank, all black), judged on a small copy; or None."""
    import numpy as np

    small = img if img.mode == "L" else img.convert("L")
    factor = max(1, round(max(small.size) / 800))
    a = np.asarray(small.reduce(factor) if factor > 1 else small, dtype=np.int16)
    if a.size == 0:
        return "empty image"
    paper = float(np.percentile(a, 90))
    if paper < 64:
        return "all black page"
    ink = a < paper - 64
    if ink.mean() < 0.0002:  # fewer dark pixels than a page number has
        return "blank page (no ink)"
    if ink.mean() > 0.6:
        return "all black page"
    return None


def despeckle(gray):
    """Specks (dust, toner, the grain of a copy) taken off: dark blobs smaller than a full stop of
    body text whose centre lies farther than `SPECK_REACH` from any larger ink. The dots and marks
    of Vietnamese letters sit within that distance of their letter, so they stay. Found on a copy
    at half the size (a quarter of the work), taken off at full size."""
    from PIL import Image

    a = _pixels(gray)
    out = _despeckled(a)
    return gray if out is a else Image.fromarray(out, "L")


def _despeckled(a):
    """`despeckle` of a grey page's pixels: `a` itself when nothing is taken off."""
    import numpy as np

    cv2 = _cv2()
    paper = float(np.percentile(a[::8, ::8], 90))
    half = cv2.resize(a, (a.shape[1] // 2, a.shape[0] // 2), interpolation=cv2.INTER_AREA)
    # Ink is darker than 60% of the paper: for whole pixel values, at most the threshold below.
    ink = cv2.threshold(half, math.ceil(paper * 0.6) - 1, 1, cv2.THRESH_BINARY_INV)[1]
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return a
    areas = stats[:, cv2.CC_STAT_AREA]
    # The size of the text, from the letters themselves: a stated resolution can be missing or wrong
    # (a web-sized image said to be 300 dpi), and on small text a speck and a tone mark are alike.
    letters = stats[1:, cv2.CC_STAT_HEIGHT][areas[1:] >= 3]
    if (areas[1:] < LETTER_AREA).sum() > letters.size / 2:
        # Specks outnumber the letters (a speckled page with little text): their height would be taken
        # for the text's and the page left alone. A letter is at least this large even at 100 dpi.
        letters = stats[1:, cv2.CC_STAT_HEIGHT][areas[1:] >= LETTER_AREA]
    if letters.size < 50:
        return a
    scale = float(np.median(letters)) / LETTER_HEIGHT / 2  # pixels of the half-size copy per pixel at 300 dpi
    if scale < 0.3:  # text smaller than at about 180 dpi: leave the page alone
        return a
    small = areas <= max(2.0, SPECK_AREA * scale * scale)
    small[0] = False
    if not small.any():
        return a
    tiny = areas <= max(1.0, SPECK_TINY * scale * scale)
    big = (~small).astype(np.uint8)
    big[0] = 0
    cx = np.clip(centroids[:, 0].astype(int), 0, labels.shape[1] - 1)
    cy = np.clip(centroids[:, 1].astype(int), 0, labels.shape[0] - 1)
    # A tone mark or a letter's dot is small but near its letter; a speck as small as a broken
    # piece of stroke goes unless it touches a letter.
    drop = small.copy()
    drop[drop] = ~_near_ink(labels, big, cx, cy, np.flatnonzero(drop), SPECK_REACH * scale, SPECK_REACH_UP * scale)
    touch = tiny & ~drop
    drop[touch] = ~_near_ink(labels, big, cx, cy, np.flatnonzero(touch), SPECK_TOUCH * scale)
    if not drop.any():
        return a
    if drop.sum() >= MEDIAN_SPECKS * a.size / 1e6 and _open_specks(labels, big, cx, cy, drop, scale) >= MEDIAN_OPEN * a.size / 1e6:
        # A speckled page: the one-pixel grain around the specks found here is too small to show on the
        # half-size copy; a 3x3 median takes it off (and fills pinholes in the strokes).
        out = cv2.medianBlur(a, 3)
    else:
        out = a.copy()
    dropped = np.flatnonzero(drop)
    if dropped.size > SPARSE_SPECKS:
        mask = cv2.dilate(drop.astype(np.uint8)[labels], np.ones((2, 2), np.uint8))
        mask = cv2.resize(mask, (a.shape[1], a.shape[0]), interpolation=cv2.INTER_NEAREST)
        out[mask > 0] = int(paper)
    else:
        _paint_blobs(out, labels, stats, dropped, int(paper))
    return out



def _open_specks(labels, big, cx, cy, drop, scale: float) -> int:
    """How many of the specks `drop` lie in the open paper, farther than OPEN_REACH from any letter: dust
    and toner of a copy, not bits of thin strokes beside their letters. (A distance transform of the page:
    dilating it by so wide an ellipse, or looking it up around each speck, costs ten times more.)"""
    import numpy as np

    cv2 = _cv2()
    distance = cv2.distanceTransform((big[labels] == 0).astype(np.uint8), cv2.DIST_L2, 3)
    which = np.flatnonzero(drop)
    return int((distance[cy[which], cx[which]] > OPEN_REACH * scale).sum())


def _near_ink(labels, big, cx, cy, which, reach_300: float, up_300: float | None = None):
    """For the blobs `which`, whether a pixel of a `big` blob lies within `reach_300` across and `up_300`
    (default: the same) above or below (pixels at 300 dpi, an ellipse of OpenCV's) the blob's centre: what
    dilating the big blobs' mask by that ellipse and reading it at the centre tells, looked up at the
    centres only (a page has a few hundred small blobs: dilating the whole page costs several times
    more). Many blobs: the dilation."""
    import numpy as np

    cv2 = _cv2()
    reach = max(1, round(reach_300))
    up = reach if up_300 is None else max(1, round(up_300))
    element = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * up + 1))
    if which.size * int(element.sum()) > NEAR_LOOKUPS * labels.size:
        grown = cv2.dilate(big[labels], element)
        return grown[cy[which], cx[which]] > 0
    dy, dx = np.nonzero(element)
    ys = cy[which, None] + (dy - up)
    xs = cx[which, None] + (dx - reach)
    inside = (ys >= 0) & (ys < labels.shape[0]) & (xs >= 0) & (xs < labels.shape[1])
    hits = big[labels[np.clip(ys, 0, labels.shape[0] - 1), np.clip(xs, 0, labels.shape[1] - 1)]]
    return (hits.astype(bool) & inside).any(axis=1)


def _paint_blobs(out, labels, stats, dropped, paper: int) -> None:
    """Paint the blobs `dropped` of the half-size `labels` over with `paper` in the full-size `out`, each
    grown by a pixel right and down, as the whole page's mask dilated by a 2x2 square and resized to
    full size (nearest pixel, OpenCV's rounding) would: a few blobs at a time, not the whole page."""
    import numpy as np

    cv2 = _cv2()
    h, w = labels.shape
    ymap = _nearest_map(h, out.shape[0])
    xmap = _nearest_map(w, out.shape[1])
    for label in dropped:
        x0, y0, bw, bh = (int(v) for v in stats[label, :4])
        blob = labels[y0:y0 + bh, x0:x0 + bw] == label
        grown = np.zeros((bh + 1, bw + 1), bool)
        grown[:bh, :bw] |= blob
        grown[1:, :bw] |= blob
        grown[:bh, 1:] |= blob
        grown[1:, 1:] |= blob
        grown = grown[:h - y0, :w - x0]
        top, bottom = np.searchsorted(ymap, [y0, y0 + grown.shape[0]])
        left, right = np.searchsorted(xmap, [x0, x0 + grown.shape[1]])
        region = out[top:bottom, left:right]
        region[grown[ymap[top:bottom, None] - y0, xmap[None, left:right] - x0]] = paper


def _nearest_map(small: int, large: int):
    """The pixel of a row (column) of `small` pixels that each of `large` pixels takes in OpenCV's
    nearest-pixel resize (resizeNN: floor(x / scale), scale = large / small)."""
    import numpy as np

    scale = large / small
    return np.minimum(np.floor(np.arange(large) * (1.0 / scale)).astype(np.int64), small - 1)


def flatten_background(gray):
    """Paper made white: each pixel divided by the local paper level (a closing of the page wide
    enough to erase text, on a small copy), so a grey or uneven copy has a white background."""
    from PIL import Image

    a = _pixels(gray)
    out = _flattened_background(a)
    return gray if out is a else Image.fromarray(out, "L")


def _flattened_background(a):
    """`flatten_background` of a grey page's pixels: `a` itself when the paper is white already."""
    import numpy as np

    cv2 = _cv2()
    paper_level = float(np.percentile(a[::8, ::8], 90))
    if paper_level > 225:  # white enough already
        return a
    small = cv2.resize(a, (a.shape[1] // 4, a.shape[0] // 4), interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    paper = cv2.GaussianBlur(paper, (0, 0), 8)
    paper = cv2.resize(paper, (a.shape[1], a.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(a, np.maximum(paper, 1), scale=255)


def upscale(gray, dpi: int) -> tuple[Any, int]:
    """A page below `UPSCALE_BELOW` dpi resized to `UPSCALE_TO` dpi (Tesseract's models are
    trained on text of about 300 dpi; small text loses its tone marks)."""
    from PIL import Image

    if dpi >= UPSCALE_BELOW:
        return gray, dpi
    out, dpi = _upscaled(_pixels(gray), dpi)
    return Image.fromarray(out, "L"), dpi


def _upscaled(a, dpi: int):
    """`upscale` of a grey page's pixels: `a` itself when its resolution is high enough."""
    if dpi >= UPSCALE_BELOW:
        return a, dpi
    cv2 = _cv2()
    factor = UPSCALE_TO / dpi
    size = (round(a.shape[1] * factor), round(a.shape[0] * factor))
    return cv2.resize(a, size, interpolation=cv2.INTER_CUBIC), UPSCALE_TO


def letter_height(a) -> float | None:
    """The median height in pixels of a grey page's ink blobs (its letters, mostly), measured on a copy
    about 1000 pixels high (a few milliseconds); None for a page with too few blobs to tell."""
    import numpy as np

    cv2 = _cv2()
    factor = max(1, round(max(a.shape) / 1000))
    small = cv2.resize(a, (a.shape[1] // factor, a.shape[0] // factor), interpolation=cv2.INTER_AREA) if factor > 1 else a
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT][stats[1:, cv2.CC_STAT_AREA] >= 3]
    if heights.size < 50:
        return None
    return float(np.median(heights)) * factor


def magnify(gray, dpi: int) -> tuple[Any, int]:
    """A page whose letters are smaller than `SMALL_LETTERS` pixels enlarged `MAGNIFY` times (the
    resolution told to Tesseract with it); others as they are."""
    from PIL import Image

    a = _pixels(gray)
    out, dpi = _magnified(a, dpi)
    return (gray if out is a else Image.fromarray(out, "L")), dpi


def _magnified(a, dpi: int):
    """`magnify` of a grey page's pixels: `a` itself when its letters are large enough."""
    height = letter_height(a)
    if height is None or height >= SMALL_LETTERS:
        return a, dpi
    cv2 = _cv2()
    return cv2.resize(a, (a.shape[1] * MAGNIFY, a.shape[0] * MAGNIFY), interpolation=cv2.INTER_CUBIC), dpi * MAGNIFY


def _pixels(img):
    """A PIL image's grey pixels as a NumPy array (a copy: PIL hands its pixels over as bytes)."""
    import numpy as np

    return np.asarray(img if img.mode == "L" else img.convert("L"))


def prepare(img, dpi: int, steps: Sequence[str]) -> tuple[Any, int]:
    """A page image made ready for Tesseract, mode L, with the resolution to tell it. Steps, always
    in this order: stamp (red ink out, on colour pages), despeckle, background, upscale, magnify, deskew,
    binarize; "gray" alone only converts. Raises PageError for a page with nothing to read.
    The steps hand one array of pixels along (each PIL image handed to NumPy is a copy: 5 ms a page)."""
    from PIL import Image

    img = _flatten(img)
    if img.mode == "RGB" and "stamp" in steps:
        a = _red_dropped(img)
        img = Image.fromarray(a, "L")  # the same pixels, not a copy
    else:
        img = img.convert("L") if img.mode == "RGB" else img
        a = _pixels(img)
    problem = page_problem(img)
    if problem:
        raise PageError(problem)
    start = a
    if "despeckle" in steps:  # before any resampling, while specks are sharp
        a = _despeckled(a)
    if "background" in steps:
        a = _flattened_background(a)
    if "dewarp" in steps:  # on the flattened page: its text lines are found by a threshold of the whole page
        a = _dewarped(a)
    if "upscale" in steps:  # before turning: turning small text blurs it
        a, dpi = _upscaled(a, dpi)
    if "magnify" in steps:  # on the flattened page: its letters are found by a threshold of the whole page
        a, dpi = _magnified(a, dpi)
    if "deskew" in steps:
        a = _deskewed(a)
    if "binarize" in steps:
        a = _binarized(a)
    return (img if a is start else Image.fromarray(a, "L")), dpi


def skew_angle(img, max_angle: float = 3.0, step: float = 0.1) -> float:
    """Skew of a text page in degrees, by the projection profile: rows of text are sharpest
    (largest variance of row sums) when the page is rotated back by the skew. Measured on a copy
    about 1000 pixels high, where a line of text is still several rows apart from the next."""
    score, coarse = _skew_scores(_pixels(img), max_angle)
    return _fine_skew(score, coarse, step)


def _skew_scores(a, max_angle: float = 3.0):
    """The score of an angle for `skew_angle` (how sharp the rows of ink are, turned by it), and the
    best of the angles every half degree."""
    import numpy as np

    cv2 = _cv2()
    factor = max(1, round(max(a.shape) / 1000))
    small = cv2.resize(a, (a.shape[1] // factor, a.shape[0] // factor), interpolation=cv2.INTER_AREA) if factor > 1 else a
    ink = (small < 160).astype(np.uint8)
    h, w = ink.shape

    def score(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        rows = turned.sum(axis=1, dtype=np.float32)
        return float(np.square(np.diff(rows)).sum())

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    return score, max(coarse, key=score)


def _fine_skew(score, coarse: float, step: float = 0.1) -> float:
    """The best angle within 0.4 degree of the best of the coarse ones."""
    import numpy as np

    fine = np.arange(coarse - 0.4, coarse + 0.4 + 1e-9, step)
    return float(max(fine, key=score))


def deskew(img):
    from PIL import Image

    a = _pixels(img)
    out = _deskewed(a)
    return img if out is a else Image.fromarray(out, "L")


def _deskewed(a):
    """`deskew` of a grey page's pixels: `a` itself when the page is straight enough."""
    import numpy as np

    score, coarse = _skew_scores(a)
    if abs(coarse) + 0.4 + 1e-6 < DESKEW_ABOVE:
        return a  # the fine angle lies within 0.4 degree of the coarse one: under DESKEW_ABOVE whatever it is
    angle = _fine_skew(score, coarse)
    if abs(angle) < DESKEW_ABOVE:
        return a
    cv2 = _cv2()
    paper = int(np.percentile(a[::8, ::8], 90))
    h, w = a.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(a, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=paper)


def dewarp(img):
    """A page whose text lines are not straight, or not parallel (a photo of a page at an angle, a curled
    page), straightened: each text line's centre is found (ink smeared along the line on a small copy), a
    smooth vertical displacement over the page (a polynomial of degree 3 across and 2 down) fitted so that
    every line's centre comes out straight, and the page's columns moved up or down by it. Pages whose
    lines all slope alike (a flatbed scan, at most skewed: `deskew`) are left as they are."""
    from PIL import Image

    a = _pixels(img)
    out = _dewarped(a)
    return img if out is a else Image.fromarray(out, "L")


_DEWARP_TERMS = [(i, j) for i in range(4) for j in range(3) if i > 0]  # x^i y^j; no term without x (see below)


def _dewarp_basis(u, v):
    import numpy as np

    return np.stack([u ** i * v ** j for i, j in _DEWARP_TERMS], axis=-1)


def _text_lines(ink, letter: float):
    """The centre lines of a binary page's text lines: (x, y, line) samples (x, y in pixels of `ink`), lines
    as long as an eighth of the page at least, each a least-squares parabola through its ink's mean rows."""
    import numpy as np

    cv2 = _cv2()
    h, w = ink.shape
    reach = max(3, round(letter * 1.2))  # joins the letters and words of a line, not two lines
    smear = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, reach), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(smear, connectivity=8)
    xs, ys, ids = [], [], []
    for label in range(1, count):
        x0, y0, bw, bh, _ = (int(v) for v in stats[label])
        if bw < w / 8 or bh > 3.5 * letter or bw < 6 * bh:
            continue  # not a line of text: a word, a picture, a seal, two lines run together
        mask = (labels[y0:y0 + bh, x0:x0 + bw] == label) & (ink[y0:y0 + bh, x0:x0 + bw] > 0)
        per_column = mask.sum(axis=0)
        inked = per_column > 0
        if inked.sum() < bw / 2:
            continue
        rows = (mask * np.arange(bh)[:, None]).sum(axis=0)[inked] / per_column[inked] + y0
        columns = np.flatnonzero(inked) + x0
        fit = np.polyfit(columns, rows, 2)
        off = np.abs(rows - np.polyval(fit, columns))
        keep = off < 2.5 * max(1.0, float(off.std()))  # a descender or a tone mark far from the line
        fit = np.polyfit(columns[keep], rows[keep], 2)
        x = np.linspace(x0, x0 + bw - 1, max(4, bw // 10))
        xs.append(x)
        ys.append(np.polyval(fit, x))
        ids.append(np.full(x.size, len(ids)))
    if not xs:
        return None
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ids)


def _dewarped(a):
    """`dewarp` of a grey page's pixels: `a` itself when its lines are straight and parallel enough."""
    import numpy as np

    cv2 = _cv2()
    factor = max(1, round(max(a.shape) / DEWARP_SIZE))
    small = cv2.resize(a, (a.shape[1] // factor, a.shape[0] // factor), interpolation=cv2.INTER_AREA) if factor > 1 else a
    threshold, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT][stats[1:, cv2.CC_STAT_AREA] >= 3]
    if heights.size < 50:
        return a
    found = _text_lines(ink, float(np.median(heights)))
    if found is None or found[2][-1] + 1 < DEWARP_LINES:
        return a
    xs, ys, ids = found
    h, w = small.shape
    lines = int(ids[-1]) + 1
    # Unknowns: the displacement's terms and each line's straight row; each sample says: its row, less the
    # displacement there, is its line's row. A displacement without x (a shift or a stretch down the page)
    # straightens nothing, so it has no such term. The lines' rows are taken out by measuring every sample
    # from its line's mean (the least-squares row of a line is the mean of its samples less the
    # displacement): the same solution as with a column per line, without solving for them (0.4 s a page).
    u, v = xs / w * 2 - 1, ys / h * 2 - 1
    terms = _dewarp_basis(u, v)
    per_line = np.bincount(ids, minlength=lines).astype(np.float64)

    def from_line_mean(values):
        return values - np.bincount(ids, weights=values, minlength=lines)[ids] / per_line[ids]

    centred = np.stack([from_line_mean(terms[:, k]) for k in range(terms.shape[1])], axis=1)
    coef = np.linalg.lstsq(centred, from_line_mean(ys), rcond=None)[0]
    step = 2.0 / w  # one pixel across, in u
    slopes = np.degrees(np.arctan((_dewarp_basis(u + step, v) - terms) @ coef))
    low, high = np.percentile(slopes, [5, 95])
    if high - low <= DEWARP_ABOVE:
        return a
    # The displacement at every 4th pixel of the small copy (it changes slowly), held constant beyond the
    # lines found (a polynomial runs away outside its samples), then for each pixel of the page: a row y of
    # the result is taken from y + d(x, y) of the page (d at the source row, found by one step from the
    # result's row).
    grid_y, grid_x = np.mgrid[0:h:4, 0:w:4].astype(np.float64)
    gu = np.clip(grid_x / w * 2 - 1, u.min(), u.max())

    def displacement(rows):
        gv = np.clip(rows / h * 2 - 1, v.min(), v.max())
        return _dewarp_basis(gu, gv) @ coef

    shift = displacement(grid_y + displacement(grid_y)).astype(np.float32)
    shift = cv2.resize(shift, (a.shape[1], a.shape[0]), interpolation=cv2.INTER_LINEAR) * factor
    map_y = np.arange(a.shape[0], dtype=np.float32)[:, None] + shift
    map_x = np.broadcast_to(np.arange(a.shape[1], dtype=np.float32), a.shape)
    paper = int(np.percentile(a[::8, ::8], 90))
    return cv2.remap(a, np.ascontiguousarray(map_x), map_y, cv2.INTER_CUBIC, borderValue=paper)


def binarize(img):
    """Otsu threshold."""
    from PIL import Image

    return Image.fromarray(_binarized(_pixels(img)), "L")


def _binarized(a):
    import numpy as np

    hist = np.bincount(a.ravel(), minlength=256).astype(np.float64)
    total = a.size
    cum = np.cumsum(hist)
    cum_mean = np.cumsum(hist * np.arange(256))
    w0 = cum / total
    w1 = 1 - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        m0 = cum_mean / cum
        m1 = (cum_mean[-1] - cum_mean) / (total - cum)
        between = w0 * w1 * (m0 - m1) ** 2
    threshold = int(np.nanargmax(between)) if np.isfinite(between).any() else 128
    return ((a > threshold) * 255).astype(np.uint8)



# ---------------------------------------------------------------------------------- reading order


def _lines_of_words(words: list[dict]) -> list[list[dict]]:
    """Group boxes (x0, x1, top, bottom) into visual lines: tops within half a box height."""
    heights = sorted(w["bottom"] - w["top"] for w in words)
    tolerance = max(1.0, 0.5 * heights[len(heights) // 2])
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1][0]["top"]) <= tolerance:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def columns_text(words: list[dict]) -> str:
    return "\n".join(_join_items(line) for line in columns_lines(words))


def _join_items(items: list[dict]) -> str:
    # Boxes that touch are one word cut in pieces (a PDF writes "TT&TT" as three runs).
    out_text = items[0]["text"]
    for before, item in zip(items, items[1:]):
        touching = item["x0"] - before["x1"] < 0.1 * (item["bottom"] - item["top"])
        out_text += ("" if touching else " ") + item["text"]
    return out_text


def columns_lines(words: list[dict]) -> list[list[dict]]:
    """Text of boxes (words of a PDF page, or lines of an OCR'd page: dicts with text, x0, x1, top,
    bottom) in reading order. A run of visual lines that have text left and right of the middle of
    the text area with a wide gap between, and nothing crossing the middle, is a two-column block
    (the header: issuer and number | motto and place-date; the signature: recipients | signer): it
    reads as its left column, then its right column. Other lines read top to bottom.
    (`columns_lines` gives the boxes of each output line, in order; `columns_text` joins them.)"""
    words = [w for w in words if w["text"].strip()]
    if not words:
        return []
    mid = (min(w["x0"] for w in words) + max(w["x1"] for w in words)) / 2
    out: list[list[dict]] = []
    left: list[list[dict]] = []
    right: list[list[dict]] = []

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for line in _lines_of_words(words):
        crossing = any(w["x0"] < mid < w["x1"] for w in line)
        l_words = [w for w in line if w["x1"] <= mid]
        r_words = [w for w in line if w["x0"] >= mid]
        gap = (min(w["x0"] for w in r_words) - max(w["x1"] for w in l_words)) if l_words and r_words else None
        height = max(w["bottom"] - w["top"] for w in line)
        if crossing or (gap is not None and gap <= 2.0 * height):
            flush()
            out.append(line)
            continue
        if l_words:
            left.append(l_words)
        if r_words:
            right.append(r_words)
    flush()
    return out


# Specks of a scan that Tesseract reads as punctuation: alone, with low confidence.
_SPECKS = {"|", "_", "~", "¦", "`"}
# A word no wider and no taller than this share of the page's word height is a speck Tesseract read as a
# mark (`°`, `l`, `)` beside the signer of office 001 p4, 3x3 pixels at 200 dpi; words are 21-34 high).
SPECK_WORD = 0.15
_KEPT_MARKS = {"-", "–", "—", "_"}


def tsv_text(tsv: str) -> str:
    """Page text from Tesseract's TSV: its lines, split where a gap between words is wider than
    twice the line height (two columns that happen to share a baseline), put in reading order by
    `columns_text`."""
    return tsv_page(tsv)[0]


def tsv_page(tsv: str) -> tuple[str, list[tuple]]:
    """`tsv_text`'s text, and its words with their confidence (rounded 0-100) and box (left, top, right,
    bottom) in the order the text has them (`word_spans` finds them in the page's cleaned text)."""
    lines: dict[tuple[int, int, int], list[dict]] = {}
    rows = tsv.splitlines()
    found: list[tuple[tuple[int, int, int], dict]] = []
    for row in rows[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        try:
            left, top, width, height = (int(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        if text in _SPECKS and conf < 50:
            continue
        found.append(((int(cols[2]), int(cols[3]), int(cols[4])),
                      {"text": text, "x0": left, "x1": left + width, "top": top, "bottom": top + height, "conf": conf}))
    # A word whose box is a speck's (a fraction of the text's height both ways) is a speck Tesseract read
    # as `.`, `'`, `°`, `l`: a full stop or comma of the text is read with its word. A list's dash, or a
    # colon read as one, may get a box of a few pixels: those stay. So does `_`, left to the rules that know
    # it (`_SPECKS` above, `patterns.OCR_SPECK_RE`): taking it off before a header's `Số:` made the number
    # line's second reading (`ocr_blanks`) lose the code's `U` (`754-CT/Đ Ư`, office copy of seed 002).
    heights = sorted(w["bottom"] - w["top"] for _, w in found if sum(c.isalnum() for c in w["text"]) >= 2)
    speck = heights[len(heights) // 2] * SPECK_WORD if len(heights) >= 5 else 0
    for key, word in found:
        if word["x1"] - word["x0"] <= speck and word["bottom"] - word["top"] <= speck and word["text"] not in _KEPT_MARKS:
            continue
        lines.setdefault(key, []).append(word)
    items: list[dict] = []
    for words in lines.values():
        words.sort(key=lambda w: w["x0"])
        height = max(w["bottom"] - w["top"] for w in words)
        segment = [words[0]]
        for word in words[1:]:
            if word["x0"] - segment[-1]["x1"] > 2.0 * height:
                items.append(_merge(segment))
                segment = []
            segment.append(word)
        items.append(_merge(segment))
    ordered = columns_lines(items)
    words = [(w["text"], max(0, round(w["conf"])), w["x0"], w["top"], w["x1"], w["bottom"])
             for line in ordered for item in line for w in item["words"]]
    return "\n".join(_join_items(line) for line in ordered), words


def word_spans(text: str, words: list[tuple]) -> list[list[int]]:
    """[start, end, confidence, left, top, right, bottom] of each word (`tsv_page`) in `text` (the page
    text after `clean_ocr_text`), found in order; a word that cannot be found is left out."""
    spans: list[list[int]] = []
    pos = 0
    for word, conf, *box in words:
        word = unicodedata.normalize("NFC", word)
        at = text.find(word, pos)
        if at < 0 or text[pos:at].strip():  # only white space may lie between two words of the text
            at = text.find(word, pos, pos + len(word) + 64)
            if at < 0:
                continue
        spans.append([at, at + len(word), conf, *box])
        pos = at + len(word)
    return spans


def tsv_confidence(tsv: str) -> float | None:
    """Mean of Tesseract's word confidences (0-100) in its TSV, over the words with text."""
    confs = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        try:
            conf = float(cols[10])
        except ValueError:
            continue
        if conf >= 0:
            confs.append(conf)
    return round(sum(confs) / len(confs), 2) if confs else None


def _merge(words: list[dict]) -> dict:
    return {
        "text": " ".join(w["text"] for w in words),
        "words": words,
        "x0": min(w["x0"] for w in words),
        "x1": max(w["x1"] for w in words),
        # The middle band of the words, so that a tall initial does not change the line's top.
        "top": sorted(w["top"] for w in words)[len(words) // 2],
        "bottom": sorted(w["bottom"] for w in words)[len(words) // 2],
    }


# --------------------------------------------------------------------------------------- OCR


def clean_ocr_text(text: str) -> str:
    """Tesseract output as page text: NFC, no form feed (it ends every page with one), no trailing
    spaces."""
    text = unicodedata.normalize("NFC", text.replace("\f", "\n"))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def image_dpi(img, settings: OcrSettings) -> int:
    """The resolution to tell Tesseract: the image's own when it states a plausible one."""
    dpi = img.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 70 <= value <= 1200 else settings.dpi


def tesseract_image(img, settings: OcrSettings, dpi: int | None = None) -> str:
    """Run Tesseract on a PIL image; its words (TSV output, with boxes) are put in reading order
    like a text PDF's (`columns_text`). The image goes to Tesseract as an uncompressed BMP file (`run_tesseract`)."""
    return tesseract_data(img, settings, dpi)[0]


def tesseract_data(img, settings: OcrSettings, dpi: int | None = None) -> tuple[str, float | None]:
    """`tesseract_image`'s text and the page's mean word confidence (`tsv_confidence`)."""
    text, confidence, _ = tesseract_words(img, settings, dpi)
    return text, confidence


def tesseract_words(img, settings: OcrSettings, dpi: int | None = None,
                    config: str = "") -> tuple[str, float | None, list[tuple[str, int]]]:
    """`tesseract_data`, and the words of the text with their confidences (`tsv_page`). `config`
    adds Tesseract options (a character whitelist: `pipeline.ocr_blanks`). `img` is a PIL image or
    the path of an image file Tesseract reads as it is."""
    tsv = run_tesseract(img, settings, dpi, config)
    text, words = tsv_page(tsv)
    return text, tsv_confidence(tsv), words


# The first line of Tesseract's TSV (the command writes it; the library's `GetTsvText` gives the rows alone).
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
# Variables a `config` of `run_tesseract` may set on the library's loaded model for one image, with the
# value each is put back to after it (Tesseract reads them at each recognition); any other option goes
# to the command, which reads it before loading the model.
LIBRARY_VARIABLES = {"tessedit_char_whitelist": ""}


@functools.lru_cache(maxsize=1)
def _library():
    """libtesseract through its C API (ctypes), when it is the version the `tesseract` command runs (the
    Debian package of the command brings it; cache keys name the command's version): a page is then read
    in this process, the model loaded once per process (0.07 s of CPU each time the command starts) and
    the pixels handed over as they are, no image file written and read back. Its TSV is the command's,
    byte for byte (same library, same settings). None when it cannot be loaded or is another version, or
    when DIRECTIVES_TESSERACT=command: the command is run then."""
    import ctypes
    import ctypes.util

    if os.environ.get("DIRECTIVES_TESSERACT", "").strip().lower() == "command":
        return None
    # Tesseract's OpenMP reads its thread limit once, when the library is loaded: pages run in processes.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("tesseract") or "libtesseract.so.5")
    except OSError:
        return None
    handle, text, string, integer = ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for name, restype, argtypes in (
        ("TessVersion", string, []),
        ("TessBaseAPICreate", handle, []),
        ("TessBaseAPIDelete", None, [handle]),
        ("TessBaseAPIEnd", None, [handle]),
        ("TessBaseAPIInit3", integer, [handle, string, string]),
        ("TessBaseAPISetVariable", integer, [handle, string, string]),
        ("TessBaseAPISetPageSegMode", None, [handle, integer]),
        ("TessBaseAPISetImage", None, [handle, string, integer, integer, integer, integer]),
        ("TessBaseAPIRecognize", integer, [handle, handle]),
        ("TessBaseAPIGetTsvText", text, [handle, integer]),
        ("TessBaseAPIClear", None, [handle]),
        ("TessDeleteText", None, [text]),
        ("TessMonitorCreate", handle, []),
        ("TessMonitorDelete", None, [handle]),
        ("TessMonitorSetDeadlineMSecs", None, [handle, integer]),
    ):
        try:
            function = getattr(lib, name)
        except AttributeError:
            return None
        function.restype, function.argtypes = restype, argtypes
    import re

    # Leptonica's messages ("Error in pixScanForForeground: invalid box", harmless on some scans) are
    # written to stderr by Leptonica itself: the command's stderr was read and dropped.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("lept") or ctypes.util.find_library("leptonica")
                    or "liblept.so.5").setMsgSeverity(6)  # L_SEVERITY_NONE
    found = re.search(r"\d+(?:\.\d+)*", lib.TessVersion().decode("ascii", "replace"))
    try:
        command = tesseract_version()
    except PageError:
        return None
    return lib if found and found.group() == command else None


def use_tesseract_command() -> None:
    """From now on this process reads pages by the `tesseract` command, not the library (a pool's
    initializer where a process died inside the library: the command's crash is one page's error)."""
    os.environ["DIRECTIVES_TESSERACT"] = "command"
    _library.cache_clear()


_MODELS: dict[tuple[int, int, str], int] = {}  # (process, thread, language) -> a loaded TessBaseAPI


def _model(lib, lang: str) -> int:
    """This thread's TessBaseAPI with `lang` loaded (one per process and thread: a forked worker loads its
    own, a model is never used by two threads at once)."""
    import threading

    key = (os.getpid(), threading.get_ident(), lang)
    api = _MODELS.get(key)
    if api is None:
        api = lib.TessBaseAPICreate()
        # Tesseract's messages ("Detected 54 diacritics", a missing model) would go to this process's
        # stderr; the command's were read and dropped, or made the error.
        lib.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())
        if lib.TessBaseAPIInit3(api, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(api)
            raise PageError(f"tesseract failed: the language model {lang!r} cannot be loaded "
                            f"(apt-get install tesseract-ocr-{lang.split('+')[0]})")
        if not _MODELS:
            import atexit

            atexit.register(_unload_models)
        _MODELS[key] = api
    return api


def _unload_models() -> None:
    lib = _library()
    for key in [k for k in _MODELS if k[0] == os.getpid()]:
        api = _MODELS.pop(key)
        lib.TessBaseAPIEnd(api)
        lib.TessBaseAPIDelete(api)


def _library_options(config: str) -> dict[str, str] | None:
    """The variables of a `config` the loaded model takes (`LIBRARY_VARIABLES`), or None for a config the
    command must be run with."""
    import shlex

    words, options = shlex.split(config), {}
    while words:
        if len(words) < 2 or words[0] != "-c" or "=" not in words[1]:
            return None
        name, value = words[1].split("=", 1)
        if name not in LIBRARY_VARIABLES:
            return None
        options[name] = value
        words = words[2:]
    return options


def _library_tsv(lib, img, settings: OcrSettings, dpi: int, options: dict[str, str]) -> str:
    """`run_tesseract` by the library: the image's pixels to the process's loaded model."""
    if isinstance(img, str):
        from PIL import Image

        with own_pixel_limit(), Image.open(img) as opened:
            check_pixels(opened.size[0], opened.size[1], settings)
            img = opened.convert("L") if opened.mode not in ("L", "RGB") else opened.copy()
    elif img.mode not in ("L", "RGB"):
        img = img.convert("L")
    width, height = img.size
    depth = 3 if img.mode == "RGB" else 1
    api = _model(lib, settings.lang)
    monitor = lib.TessMonitorCreate()
    try:
        lib.TessBaseAPISetPageSegMode(api, settings.psm)
        lib.TessBaseAPISetVariable(api, b"user_defined_dpi", str(dpi).encode())  # the command's --dpi
        for name, value in options.items():
            lib.TessBaseAPISetVariable(api, name.encode(), value.encode())
        lib.TessBaseAPISetImage(api, img.tobytes(), width, height, depth, width * depth)
        if settings.timeout:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, round(settings.timeout * 1000)))
        started = time.perf_counter()
        if lib.TessBaseAPIRecognize(api, monitor) != 0:
            if settings.timeout and time.perf_counter() - started >= settings.timeout:
                raise PageError(f"OCR timed out after {settings.timeout:g} s")
            raise PageError("tesseract failed: recognition failed")
        rows = lib.TessBaseAPIGetTsvText(api, 0)
        if not rows:
            raise PageError("tesseract failed: no output")
        try:
            import ctypes

            return TSV_HEADER + ctypes.string_at(rows).decode("utf-8", "replace")
        finally:
            lib.TessDeleteText(rows)
    finally:
        lib.TessMonitorDelete(monitor)
        for name in options:
            lib.TessBaseAPISetVariable(api, name.encode(), LIBRARY_VARIABLES[name].encode())
        lib.TessBaseAPIClear(api)  # the page's image and results: a worker keeps only the model


def run_tesseract(img, settings: OcrSettings, dpi: int | None = None, config: str = "") -> str:
    """Tesseract's TSV of one image (a PIL image, or the path of an image file): read by the library in
    this process where it serves (`_library`), else by the `tesseract` command (`_run_command`)."""
    lib = _library()
    options = _library_options(config) if lib is not None else None
    if options is not None:
        return _library_tsv(lib, img, settings, dpi or settings.dpi, options)
    return _run_command(img, settings, dpi, config)


def _run_command(img, settings: OcrSettings, dpi: int | None = None, config: str = "") -> str:
    """Tesseract's TSV of one image, read from its standard output: the `tesseract` command run once
    on the image's file (or a file listing image files), or on the PIL image written as an uncompressed BMP. Of the formats Leptonica
    reads, BMP is the quickest: a 300 dpi page costs Tesseract about 0.18 s of CPU less than the same
    pixels as PNG (decoding) or as PGM (read a pixel at a time), and 0.13 s less than handing them over
    on standard input (read a byte at a time); the text is the same. OMP_THREAD_LIMIT=1: pages run in
    parallel processes instead."""
    import shlex
    import subprocess

    os.environ["OMP_THREAD_LIMIT"] = "1"  # for the orientation check (pytesseract) too
    owned = not isinstance(img, str)
    if owned:
        fd, path = tempfile.mkstemp(prefix="directives-ocr-", suffix=".bmp")
        os.close(fd)
    else:
        path = img
    try:
        if owned:
            (img if img.mode in ("L", "1", "RGB") else img.convert("L")).save(path, "BMP")
        command = ["tesseract", path, "stdout", "-l", settings.lang, "--psm", str(settings.psm),
                   "--dpi", str(dpi or settings.dpi), *shlex.split(config), "tsv"]
        try:
            run = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True,
                                 timeout=settings.timeout or None)
        except subprocess.TimeoutExpired:
            raise PageError(f"OCR timed out after {settings.timeout:g} s") from None
        except FileNotFoundError:
            raise PageError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)") from None
    finally:
        if owned:
            os.unlink(path)
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip() or f"exit status {run.returncode}"
        raise PageError(f"tesseract failed: {_one_line(message)}")
    return run.stdout.decode("utf-8", "replace")


def _one_line(value: object) -> str:
    text = " ".join(str(value).split())
    return text[:200] or "unknown error"


def page_image(job: PageJob, settings: OcrSettings):
    if job.pdf_path:
        return render_pdf_page(job.pdf_path, job.index, settings)
    if job.image is not None:
        return load_image_frame(job.image, job.index, settings)
    if job.image_path:
        return load_image_frame(job.image_path, job.index, settings)
    raise PageError("empty page job")


def _direct_file(job: PageJob, settings: OcrSettings) -> tuple[str, int] | None:
    """An image file Tesseract can take as it is (a grayscale or bilevel PNG/TIFF page, upright,
    with nothing to preprocess): its path and resolution, so it is not decoded and written again."""
    if not job.image_path or job.index != 0 or set(settings.preprocess) - {"gray"}:
        return None
    from PIL import Image

    with own_pixel_limit(), Image.open(job.image_path) as img:
        check_pixels(img.size[0], img.size[1], settings)
        if img.format not in ("PNG", "TIFF") or img.mode not in ("L", "1") or getattr(img, "n_frames", 1) != 1:
            return None
        if img.getexif().get(0x0112, 1) != 1:  # an orientation tag: must be turned upright first
            return None
        return job.image_path, image_dpi(img, settings)


def ocr_image(job: PageJob, settings: OcrSettings, turned: int = 0):
    """The page's image as Tesseract reads it (rendered, prepared: `prepare`), and its resolution:
    the word boxes of `PageOcr.words` are in its pixels (`pipeline.ocr_blanks` cuts regions from it).
    `turned`: the page's `PageOcr.turned`, the image turned as the reading kept was made."""
    img = page_image(job, settings)
    dpi = image_dpi(img, settings) if job.pdf_path is None else settings.dpi
    img, dpi = prepare(img, dpi, settings.preprocess)
    return (_turn(img, turned, settings) if turned else img), dpi


def _turn(img, rotate: int, settings: OcrSettings):
    """A prepared page turned clockwise by `rotate` degrees (OSD's answer), deskewed again when it was
    turned sideways."""
    from PIL import Image

    turned = img.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                            270: Image.Transpose.ROTATE_90}[rotate])
    if rotate in (90, 270) and "deskew" in settings.preprocess:
        turned = deskew(turned)
    return turned


def reads_badly(text: str, confidence: float | None) -> bool:
    """Whether a page's OCR looks like a page read the wrong way up (or not a page of text): few
    words, or a low mean word confidence. Only such pages pay for Tesseract's orientation check."""
    return confidence is None or confidence < ORIENT_BELOW or len(text.split()) < 20


def orientation(img) -> int:
    """Tesseract's orientation and script detection: the clockwise rotation (0, 90, 180, 270) that
    puts the page upright; 0 when it cannot tell."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(img, config="--psm 0 -c min_characters_to_try=20",
                                       output_type=pytesseract.Output.DICT, timeout=60)
    except (pytesseract.TesseractError, RuntimeError):
        return 0  # too little text to tell
    if float(osd.get("orientation_conf", 0)) < 1.0:
        return 0
    return int(osd.get("rotate", 0)) % 360


def _turned(img, settings: OcrSettings, dpi: int, raw: str, confidence: float | None,
            words: list) -> tuple[str, float | None, list, int]:
    """A badly read page read again turned upright, when OSD says it is not; the better reading, and
    the turn it was read with (0: as it was)."""
    rotate = orientation(img)
    if not rotate:
        return raw, confidence, words, 0
    again, again_confidence, again_words = tesseract_words(_turn(img, rotate, settings), settings, dpi)
    if (again_confidence or 0) > (confidence or 0):
        return again, again_confidence, again_words, rotate
    return raw, confidence, words, 0


def ocr_page(job: PageJob, settings: OcrSettings) -> PageOcr:
    """OCR one page (the unit of work): from the cache if it was done before, else render,
    preprocess and run Tesseract. Never raises for a page problem: the reason is in `.error`."""
    return ocr_pages([job], settings)[0]


def ocr_pages(jobs: Sequence[PageJob], settings: OcrSettings) -> list[PageOcr]:
    """`ocr_page` of a few pages in one process: each answered from the cache, or rendered and prepared;
    then the prepared pages read by one run of Tesseract (`read_together`), its model loaded once."""
    out: list[PageOcr | None] = [None] * len(jobs)
    ready: list[tuple[int, str, Any, int, bool]] = []  # position, cache key, image, dpi, direct
    for position, job in enumerate(jobs):
        try:
            key = cache_key(job, settings)
            cached = cache_get(settings, key)
            if cached is not None:
                out[position] = PageOcr(job.index, cached, cache_hit=True, confidence=cache_confidence(settings, key),
                                        words=cache_words(settings, key), turned=cache_turned(settings, key))
                continue
            direct = _direct_file(job, settings)
            img, dpi = direct if direct else ocr_image(job, settings)
            ready.append((position, key, img, dpi, bool(direct)))
        except PageError as exc:
            out[position] = PageOcr(job.index, error=str(exc))
        except Exception as exc:  # a broken page must not stop the others
            out[position] = PageOcr(job.index, error=f"{type(exc).__name__}: {_one_line(exc)}")
    read = read_together([(img, dpi) for _, _, img, dpi, _ in ready], settings)
    for (position, key, img, dpi, direct), (tsv, seconds) in zip(ready, read):
        out[position] = _page_result(jobs[position], settings, key, img, dpi, direct, tsv, seconds)
    return out  # type: ignore[return-value]


def _page_result(job: PageJob, settings: OcrSettings, key: str, img, dpi: int, direct: bool,
                 tsv: str | None, seconds: float) -> PageOcr:
    """A prepared page's result from Tesseract's TSV of it (read alone here when `tsv` is None), read
    again turned when it reads badly; cached."""
    try:
        started = time.perf_counter()
        try:
            if tsv is None:
                raw, confidence, words = tesseract_words(img, settings, dpi)
            else:
                raw, words = tsv_page(tsv)
                confidence = tsv_confidence(tsv)
            turned = 0
            if "orient" in settings.preprocess and not direct and reads_badly(raw, confidence):
                raw, confidence, words, turned = _turned(img, settings, dpi, raw, confidence, words)
            if confidence is None:
                raise PageError("no text found on the page (a picture?)")
            if confidence < UNREADABLE_BELOW:
                raise PageError(f"no readable text (mean word confidence {confidence:.0f}): a photo or a drawing?")
        except PageError as exc:
            return PageOcr(job.index, error=str(exc), tesseract=True,
                           seconds=seconds + time.perf_counter() - started)
        seconds += time.perf_counter() - started
        text = clean_ocr_text(raw)
        spans = word_spans(text, words)
        cache_put_words(settings, key, spans)  # before the text: a cached text finds its words and turn
        cache_put_turned(settings, key, turned)
        cache_put(settings, key, text, confidence)
        return PageOcr(job.index, text, seconds=seconds, tesseract=True, confidence=confidence, words=spans,
                       turned=turned)
    except PageError as exc:
        return PageOcr(job.index, error=str(exc))
    except Exception as exc:  # a broken page must not stop the others
        return PageOcr(job.index, error=f"{type(exc).__name__}: {_one_line(exc)}")


def read_together(pages: Sequence[tuple[Any, int]], settings: OcrSettings) -> list[tuple[str | None, float]]:
    """Tesseract's TSV of each (image, dpi), and the seconds of Tesseract's run it takes: pages of the
    same resolution next to each other are read by one run of the command (a list of their files), the
    model loaded once: measured on the bench's pages, 0.1 s of CPU a page less than a run for each, the
    same TSV. A page left alone, or a run that fails (a timeout, an unreadable page), gives None: the
    page is then read alone (`tesseract_words`), so that its error is its own."""
    out: list[tuple[str | None, float]] = [(None, 0.0)] * len(pages)
    if _library() is not None:
        return out  # the library reads each page with the model this process loaded once: nothing to share
    start = 0
    while start < len(pages):
        end = start + 1
        while end < len(pages) and pages[end][1] == pages[start][1]:
            end += 1
        if end - start > 1:
            out[start:end] = _read_run([img for img, _ in pages[start:end]], settings, pages[start][1])
        start = end
    return out


def _read_run(images: list, settings: OcrSettings, dpi: int) -> list[tuple[str | None, float]]:
    import subprocess

    failed: list[tuple[str | None, float]] = [(None, 0.0)] * len(images)
    paths, owned = [], []
    try:
        for img in images:
            if isinstance(img, str):
                if "\n" in img:
                    return failed
                paths.append(img)
            else:
                fd, path = tempfile.mkstemp(prefix="directives-ocr-", suffix=".bmp")
                os.close(fd)
                owned.append(path)
                (img if img.mode in ("L", "1", "RGB") else img.convert("L")).save(path, "BMP")
                paths.append(path)
        fd, listing = tempfile.mkstemp(prefix="directives-ocr-", suffix=".txt")
        owned.append(listing)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")
        started = time.perf_counter()
        try:
            tsv = _run_command(listing, settings.with_(timeout=settings.timeout * len(images)), dpi)
        except PageError:
            return failed
        seconds = (time.perf_counter() - started) / len(images)
    finally:
        for path in owned:
            with contextlib.suppress(OSError):
                os.unlink(path)
    rows = tsv.splitlines()
    header, by_page = rows[:1], [[] for _ in images]
    for row in rows[1:]:
        page = row.split("\t", 2)[1] if "\t" in row else ""
        if not page.isdigit() or not 1 <= int(page) <= len(images):
            return failed
        by_page[int(page) - 1].append(row)
    if any(not page for page in by_page):  # every page has its own row, even a blank one
        return failed
    return [("\n".join(header + page) + "\n", seconds) for page in by_page]


def _workers(settings: OcrSettings, jobs: int) -> int:
    wanted = settings.workers or os.cpu_count() or 1
    if multiprocessing.current_process().daemon:
        return 1  # daemonic pool workers cannot start children
    return max(1, min(wanted, jobs))


def _batches(jobs: list[PageJob], workers: int) -> list[list[PageJob]]:
    """Consecutive pages in batches, each read by one run of Tesseract (`ocr_pages`): at most
    `BATCH_PAGES`, and small enough that every worker gets two batches or more (pages take 0.5-3 s
    each: a worker left with the one long batch would leave the others idle). With Tesseract's library
    (`_library`) a worker loads the model once whatever its batches: a page at a time, so that the last
    pages go to whichever worker is free first."""
    size = 1 if _library() is not None else max(1, min(BATCH_PAGES, math.ceil(len(jobs) / (2 * workers))))
    return [jobs[i:i + size] for i in range(0, len(jobs), size)]


def library_in_main_process() -> bool:
    """Whether pages read here would go through libtesseract in a main process (a `directives extract`,
    an ingest run with one worker, a notebook's kernel). A crash inside the library would end it, with
    every result not yet written: such pages are read in a child process even one at a time (a fork and
    the model's load, 0.1 s, against 2-3 s a page), and the command reads them again if it dies. A pool's
    process reads its pages itself: its parent redoes them when it dies."""
    return multiprocessing.parent_process() is None and _library() is not None


def in_child_process(fn, *args):
    """fn(*args) in a process of its own, its value handed back; if that process dies (a crash inside
    libtesseract or another C library), once more in another one that runs the `tesseract` command,
    where a crash is one page's error. For a main process's readings (`_library_in_main_process`)."""
    try:
        with ProcessPoolExecutor(max_workers=1) as child:
            return child.submit(fn, *args).result()
    except BrokenProcessPool:
        with ProcessPoolExecutor(max_workers=1, initializer=use_tesseract_command) as child:
            return child.submit(fn, *args).result()


def _load_in_parent(jobs: Sequence[PageJob]) -> None:
    """Import what `ocr_page` needs (NumPy, OpenCV, PIL's readers, pdfium) here, before the pool forks:
    each worker would otherwise import them itself, about half a second of CPU per worker, as much as
    a third of a page's OCR on a short document."""
    if multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        return  # workers start afresh (spawn, forkserver): nothing is inherited
    import numpy  # noqa: F401
    from PIL import Image, ImageOps  # noqa: F401

    Image.preinit()
    _cv2()
    if any(job.pdf_path for job in jobs):
        import pypdfium2  # noqa: F401


def run_pages(jobs: Iterable[PageJob], settings: OcrSettings | None = None, executor: Any = None,
              stats: OcrStats | None = None) -> list[PageOcr]:
    """OCR pages, in parallel processes: with `executor` (anything with an executor-style
    `map(fn, *iterables)`) or a process pool of its own. Cached pages are answered here without
    starting any process. Results come back in the order of the jobs."""
    settings = settings or OcrSettings.from_env()
    jobs = list(jobs)
    results: dict[int, PageOcr] = {}
    todo: list[PageJob] = []
    for position, job in enumerate(jobs):
        try:
            key = cache_key(job, settings)
            cached = cache_get(settings, key)
        except (PageError, OSError):
            cached = None
        if cached is not None:
            results[position] = PageOcr(job.index, cached, cache_hit=True, confidence=cache_confidence(settings, key),
                                        words=cache_words(settings, key), turned=cache_turned(settings, key))
        else:
            todo.append(job)
    positions = [i for i in range(len(jobs)) if i not in results]
    if todo:
        workers = (settings.workers or os.cpu_count() or 1) if executor is not None else _workers(settings, len(todo))
        batches = _batches(todo, workers)
        if executor is not None:
            done = list(executor.map(ocr_pages, batches, [settings] * len(batches)))
        elif workers == 1 and not library_in_main_process():
            done = [ocr_pages(batch, settings) for batch in batches]
        else:
            _load_in_parent(todo)
            try:
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    done = list(pool.map(ocr_pages, batches, [settings] * len(batches)))
            except BrokenProcessPool:
                # A crash inside libtesseract kills the process reading the page, not the page: the
                # pages are read again by the command, where a crash is the one page's error.
                with ProcessPoolExecutor(max_workers=workers, initializer=use_tesseract_command) as pool:
                    done = list(pool.map(ocr_pages, batches, [settings] * len(batches)))
        results.update(zip(positions, (result for batch in done for result in batch)))
    ordered = [results[i] for i in range(len(jobs))]
    for result in ordered:
        STATS.add(result)
        if stats is not None:
            stats.add(result)
    return ordered
