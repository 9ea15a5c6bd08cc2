"""OCR and PDF reading speed: our pipeline against plain tesseract and OCRmyPDF, side by side.

Rows (all measured in this one run, on the same generated samples):
* OCR pages/s of `pipeline.ocr.run_pages` on pre-rendered PNG pages vs the `tesseract` command
  on the same PNGs, in the same number of parallel processes (OMP_THREAD_LIMIT=1 for both);
* OCR of the scanned PDFs (render + OCR) vs `ocrmypdf --jobs N --skip-text --sidecar`, with the
  character error rate of each against the seed text (whitespace normalized);
* text-PDF reading pages/s (pdfium, pdfplumber only for two-column pages) on a long text PDF.

The preparation (pipeline/ocr.py: red ink, specks, skew, resolution, grey paper, orientation) is
timed against the same pipeline with no preparation on the same pages, and the tesseract CLI and our
pipeline are compared on degraded pages too (CER of each).

`python -m bench.bench_ocr --realscans DIR` reads real scanned pages (e.g. ../shared/realscans/images;
never copied into the project) with the tesseract CLI and with our pipeline and prints, per page, the
words read, the symbol-shaped strings found (`patterns.SYMBOL_WIDE_RE`) and the mean confidence.

OCRmyPDF is not a dependency: the OCRmyPDF row is skipped, with a note, when it is not installed
(`.venv/bin/pip install ocrmypdf`). Set BENCH_OCR_PREPROCESS=1 to add the CER and speed of each
preprocessing choice (slow).
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
WORK = ROOT / ".cache" / "bench-ocr"
SEEDS = ("001_e91816b876997450", "002_910c16d3ab6d948d")
WORKERS = max(1, min(2, os.cpu_count() or 1))
# Rounds of A-B-B-A (tesseract CLI, ours, ours, CLI) behind the ratio of the two (BENCH_OCR_ROUNDS).
ROUNDS = max(1, int(os.environ.get("BENCH_OCR_ROUNDS", "2")))


def _samples() -> Path:
    from pipeline.demo.samples import generate_samples

    corpus = WORK / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for stem in SEEDS:
        target = corpus / f"{stem}.txt"
        if not target.exists() or target.stat().st_mtime < (CORPUS / f"{stem}.txt").stat().st_mtime:
            shutil.copy2(CORPUS / f"{stem}.txt", target)
    out = WORK / "samples"
    generate_samples(corpus, out)
    return out


def _reference(stem: str) -> str:
    from pipeline.demo.samples import layout_text

    return layout_text((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))


def _mean_cer(texts: dict[str, str]) -> tuple[float, str]:
    from pipeline.demo.samples import cer

    per = {stem: cer(text, _reference(stem)) for stem, text in texts.items()}
    detail = ", ".join(f"{stem[:3]} {value:.2%}" for stem, value in per.items())
    return sum(per.values()) / len(per), detail


def _cpu() -> float:
    """CPU seconds of this process and of its children waited for (pool workers, tesseract runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _tsv_words(tsv: str) -> str:
    """The words of Tesseract's TSV, a line of text per line it found (its plain text output, whose
    CER is the same: `cer` normalizes white space)."""
    lines: dict[tuple[str, ...], list[str]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            lines.setdefault(tuple(cols[1:5]), []).append(cols[11])
    return "\n".join(" ".join(words) for words in lines.values())


def _tesseract_cli(pngs: list[Path]) -> tuple[float, list[str]]:
    """The `tesseract` command on each PNG, asked for what our pipeline needs of it: the words with
    their boxes and confidences (TSV; the plain text output costs it about 0.1 s less a page)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(png: Path) -> str:
        return _tsv_words(subprocess.run(["tesseract", str(png), "stdout", "-l", "vie", "tsv"], env=env, check=True,
                                         capture_output=True).stdout.decode("utf-8"))

    started = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        texts = list(pool.map(one, pngs))
    return time.perf_counter() - started, texts


def _ours_pngs(pngs: list[Path], settings) -> tuple[float, list[str]]:
    from pipeline.ocr import PageJob, run_pages
    from pipeline.read import sha256_file

    jobs = [PageJob(index=0, image_path=str(p), source_sha256=sha256_file(p)) for p in pngs]
    started = time.perf_counter()
    results = run_pages(jobs, settings)
    seconds = time.perf_counter() - started
    bad = [r.error for r in results if r.error]
    if bad:
        raise RuntimeError(f"OCR failed: {bad[0]}")
    return seconds, [r.text for r in results]


def _ours_pdfs(pdfs: list[Path], settings) -> tuple[float, dict[str, str], int]:
    from pipeline.pdf import read_pdf
    from pipeline.read import sha256_file

    texts, pages = {}, 0
    started = time.perf_counter()
    for pdf in pdfs:
        doc = read_pdf(pdf, sha256_file(pdf), settings=settings)
        texts[pdf.stem] = doc.text
        pages += len(doc.pages)
    return time.perf_counter() - started, texts, pages


def _ocrmypdf(pdfs: list[Path]) -> tuple[float, dict[str, str]] | str:
    exe = Path(sys.executable).with_name("ocrmypdf")
    command = [str(exe)] if exe.exists() else ([shutil.which("ocrmypdf")] if shutil.which("ocrmypdf") else None)
    if not command:
        return "OCRmyPDF not installed (.venv/bin/pip install ocrmypdf): row skipped"
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    texts = {}
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        started = time.perf_counter()
        for pdf in pdfs:
            sidecar = Path(tmp) / f"{pdf.stem}.txt"
            run = subprocess.run(
                command + ["--jobs", str(WORKERS), "--skip-text", "-l", "vie", "--output-type", "pdf",
                           "--sidecar", str(sidecar), "--quiet", str(pdf), str(Path(tmp) / f"{pdf.stem}.pdf")],
                env=env, capture_output=True)
            if run.returncode != 0:
                message = (run.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
                return f"OCRmyPDF failed (exit {run.returncode}: {message}): row skipped"
            texts[pdf.stem] = sidecar.read_text(encoding="utf-8")
        return time.perf_counter() - started, texts


def _degraded_pngs(out: Path) -> list[Path]:
    from pipeline.demo.degraded import generate_degraded

    generate_degraded(WORK / "corpus", out, kinds=("office",))
    return [p for stem in SEEDS for p in sorted((out / "degraded" / "office" / stem).glob("page-*.jpg"))]


def _degraded_references(out: Path, pages: list[Path]) -> list[str]:
    from pipeline.ocr import OcrSettings
    from pipeline.pdf import read_pdf
    from pipeline.read import sha256_file

    texts: dict[str, list[str]] = {}
    for page in pages:
        stem = page.parent.name
        if stem not in texts:
            pdf = out / "text-pdf" / f"{stem}.pdf"
            texts[stem] = [p.text for p in read_pdf(pdf, sha256_file(pdf), settings=OcrSettings(cache_dir="")).pages]
    return [texts[p.parent.name][int(p.stem.split("-")[1]) - 1] for p in pages]


def realscans(folder: Path) -> None:
    """Per real scanned page: words, symbol-shaped strings and confidence, tesseract CLI vs ours."""
    from pipeline.ocr import OcrSettings, PageJob, run_pages
    from pipeline.patterns import SYMBOL_WIDE_RE
    from pipeline.read import sha256_file

    pages = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".tif", ".tiff"))
    cli_seconds, cli_texts = _tesseract_cli(pages)
    settings = OcrSettings(cache_dir="", workers=WORKERS)
    started = time.perf_counter()
    ours = run_pages([PageJob(0, image_path=str(p), source_sha256=sha256_file(p)) for p in pages], settings)
    ours_seconds = time.perf_counter() - started
    print(f"{'page':<22} {'words cli/ours':>15} {'symbols cli/ours':>17} {'conf':>5}  note")
    totals = [0, 0, 0, 0]
    for page, cli, result in zip(pages, cli_texts, ours):
        counts = (len(cli.split()), len(result.text.split()), len(SYMBOL_WIDE_RE.findall(cli)),
                  len(SYMBOL_WIDE_RE.findall(result.text)))
        totals = [a + b for a, b in zip(totals, counts)]
        conf = f"{result.confidence:.0f}" if result.confidence is not None else "–"
        print(f"{page.name:<22} {counts[0]:>7}/{counts[1]:<7} {counts[2]:>8}/{counts[3]:<8} {conf:>5}  {result.error or ''}")
    print(f"{'total':<22} {totals[0]:>7}/{totals[1]:<7} {totals[2]:>8}/{totals[3]:<8}")
    print(f"seconds: tesseract CLI {cli_seconds:.1f}, ours {ours_seconds:.1f} ({len(pages)} pages, {WORKERS} procs)")


def _long_text_pdf() -> Path:
    from pipeline.demo.samples import render_text_pdf

    path = WORK / "long-text.pdf"
    if not path.exists():
        # Seed 001 (two-column header, signature block) with every seed's text inserted before its
        # signature block, four times over: the first and last pages need the column reading.
        frame = (CORPUS / "001_e91816b876997450.txt").read_text(encoding="utf-8")
        at = frame.index("Nơi nhận:")
        others = "\n\n".join((CORPUS / f"{stem}.txt").read_text(encoding="utf-8")
                              for stem in sorted(p.stem for p in CORPUS.glob("0*.txt")))
        text = frame[:at] + ("\n\n" + others) * 4 + "\n\n" + frame[at:]
        path.write_bytes(render_text_pdf(text, title="long"))
    return path


def run() -> list[tuple[str, str, str]]:
    from pipeline.ocr import OcrSettings
    from pipeline.pdf import read_pdf
    from pipeline.read import sha256_file

    WORK.mkdir(parents=True, exist_ok=True)
    out = _samples()
    pngs = [p for stem in SEEDS for p in sorted((out / "png" / stem).glob("page-*.png"))]
    pdfs = [out / "scan-pdf" / f"{stem}.pdf" for stem in SEEDS]
    settings = OcrSettings(cache_dir="", workers=WORKERS)  # no cache: every page is OCR'd
    rows: list[tuple[str, str, str]] = []

    def page_texts(texts: list[str]) -> dict[str, str]:
        joined: dict[str, list[str]] = {}
        for png, text in zip(pngs, texts):
            joined.setdefault(png.parent.name, []).append(text)
        return {stem: "\f".join(parts) for stem, parts in joined.items()}

    # A-B-B-A order, repeated ROUNDS times, so that a change of load on a shared machine weighs on both
    # alike; the figure is the ratio of the median wall times (other jobs on the machine make single runs
    # vary by a third), and the CPU seconds of each side (its processes and their children) are summed.
    wall: dict[str, list[float]] = {"cli": [], "ours": []}
    cpu = {"cli": 0.0, "ours": 0.0}
    first: dict[str, list[str]] = {}
    for side in ("cli", "ours", "ours", "cli") * ROUNDS:
        started = _cpu()
        seconds, texts = _tesseract_cli(pngs) if side == "cli" else _ours_pngs(pngs, settings)
        cpu[side] += _cpu() - started
        wall[side].append(seconds)
        first.setdefault(side, texts)
    cli_texts, ours_texts = first["cli"], first["ours"]
    runs = len(wall["cli"])
    cli_rate, ours_rate = len(pngs) / statistics.median(wall["cli"]), len(pngs) / statistics.median(wall["ours"])
    cli_cer, cli_detail = _mean_cer(page_texts(cli_texts))
    ours_cer, ours_detail = _mean_cer(page_texts(ours_texts))
    per_page = {side: seconds / (runs * len(pngs)) for side, seconds in cpu.items()}
    rows.append((f"tesseract CLI, PNG pages, {WORKERS} procs", f"{cli_rate:.3f} pages/s",
                 f"{len(pngs)} pages x {runs} runs (A-B-B-A x {ROUNDS}), median wall; TSV out; "
                 f"CPU {per_page['cli']:.2f} s/page; CER {cli_cer:.2%} ({cli_detail})"))
    rows.append((f"ours run_pages, same PNGs, {WORKERS} procs", f"{ours_rate:.3f} pages/s",
                 f"median wall; CPU {per_page['ours']:.2f} s/page; CER {ours_cer:.2%} ({ours_detail})"))
    rows.append(("ours / tesseract CLI", f"{ours_rate / cli_rate:.2f}x",
                 f"target >= 0.95x at the same or lower CER ({ours_cer:.2%} vs {cli_cer:.2%}); "
                 f"in CPU {cpu['cli'] / cpu['ours']:.2f}x; runs' walls cli "
                 f"{' '.join(f'{w:.1f}' for w in wall['cli'])}, ours {' '.join(f'{w:.1f}' for w in wall['ours'])} s"))

    # What the preparation costs: the same pages with no preparation, in the same A-B-B-A order.
    plain = settings.with_(preprocess=("gray",))
    plain_a, plain_texts = _ours_pngs(pngs, plain)
    prep_a, _ = _ours_pngs(pngs, settings)
    prep_b, _ = _ours_pngs(pngs, settings)
    plain_b, _ = _ours_pngs(pngs, plain)
    plain_cer, _ = _mean_cer(page_texts(plain_texts))
    share = (prep_a + prep_b) / (plain_a + plain_b) - 1
    rows.append(("preparation's share of OCR time", f"{share:+.1%}",
                 f"prepared {2 * len(pngs) / (prep_a + prep_b):.3f} pages/s (CER {ours_cer:.2%}) vs none "
                 f"{2 * len(pngs) / (plain_a + plain_b):.3f} pages/s (CER {plain_cer:.2%}); target <= +20%"))

    # Degraded pages (the office kind: every damage at once): CLI and ours, same pages.
    office = _degraded_pngs(out)
    if office:
        cli_s, cli_office = _tesseract_cli(office)
        ours_s, ours_office = _ours_pngs(office, settings)
        refs = _degraded_references(out, office)
        from pipeline.demo.samples import cer

        cli_c = sum(cer(t, r) for t, r in zip(cli_office, refs)) / len(refs)
        ours_c = sum(cer(t, r) for t, r in zip(ours_office, refs)) / len(refs)
        rows.append((f"degraded 'office' pages: tesseract CLI", f"{len(office) / cli_s:.3f} pages/s",
                     f"{len(office)} pages; CER {cli_c:.2%}"))
        rows.append((f"degraded 'office' pages: ours", f"{len(office) / ours_s:.3f} pages/s", f"CER {ours_c:.2%}"))

    pdf_seconds, pdf_texts, pdf_pages = _ours_pdfs(pdfs, settings)
    pdf_rate = pdf_pages / pdf_seconds
    pdf_cer, pdf_detail = _mean_cer(pdf_texts)
    rows.append((f"ours read_pdf, scanned PDFs (render+OCR)", f"{pdf_rate:.3f} pages/s",
                 f"{pdf_pages} pages; CER {pdf_cer:.2%} ({pdf_detail})"))
    result = _ocrmypdf(pdfs)
    if isinstance(result, str):
        rows.append(("OCRmyPDF --skip-text --sidecar", "skipped", result))
    else:
        omp_seconds, omp_texts = result
        omp_rate = pdf_pages / omp_seconds
        omp_cer, omp_detail = _mean_cer(omp_texts)
        rows.append((f"OCRmyPDF --jobs {WORKERS} --skip-text --sidecar", f"{omp_rate:.3f} pages/s",
                     f"CER {omp_cer:.2%} ({omp_detail})"))
        rows.append(("ours / OCRmyPDF", f"{pdf_rate / omp_rate:.2f}x",
                     f"target > 1x with CER no worse ({pdf_cer:.2%} vs {omp_cer:.2%})"))

    long_pdf = _long_text_pdf()
    digest = sha256_file(long_pdf)
    read_pdf(long_pdf, digest, settings=settings)  # warm-up: imports, file cache
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        doc = read_pdf(long_pdf, digest, settings=settings)
        best = min(best, time.perf_counter() - started)
    assert not doc.ocr_pages
    first, last = doc.pages[0].text.splitlines(), doc.pages[-1].text.splitlines()
    in_order = first[:2] == ["Số 27-KH/ĐUK", "Trà Vinh, ngày 19 tháng 3 năm 2020"] and last[-1] == "Trương Thanh Long"
    rows.append(("text PDF read_pdf", f"{len(doc.pages) / best:.0f} pages/s",
                 f"{len(doc.pages)} pages, best of 3, columns read on first/last page: "
                 f"{'yes' if in_order else 'NO'}; target >= 100 pages/s"))
    import pdfplumber

    started = time.perf_counter()
    with pdfplumber.open(long_pdf) as plumber:
        for page in plumber.pages[:10]:
            page.extract_text()
    rows.append(("pdfplumber extract_text (reference)", f"{10 / (time.perf_counter() - started):.0f} pages/s",
                 "first 10 pages"))

    if os.environ.get("BENCH_OCR_PREPROCESS"):
        for steps in (("gray",), ("gray", "deskew"), ("gray", "binarize"), ("gray", "deskew", "binarize")):
            seconds, texts, pages = _ours_pdfs(pdfs, settings.with_(preprocess=steps))
            value, detail = _mean_cer(texts)
            rows.append((f"preprocess {'+'.join(steps)}", f"{pages / seconds:.3f} pages/s",
                         f"CER {value:.2%} ({detail})"))
    return rows


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="OCR benchmark; --realscans DIR: real scanned pages")
    parser.add_argument("--realscans", type=Path, help="a folder of real scanned page images")
    args = parser.parse_args()
    if args.realscans:
        realscans(args.realscans)
    else:
        for row in run():
            print("  ".join(row))
