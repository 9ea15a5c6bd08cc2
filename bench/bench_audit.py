"""Audit: `directives audit` on an ingest of 10,000 synthetic documents, its HTML page's size and load time in headless Chromium.

The corpus (pipeline.synthetic) is ingested with 2 workers first (not timed here: see bench_ingest);
the audit runs in a fresh process, imports included, as the command does. The page is loaded by
headless Chromium with the network cut off; the load time is the page's own navigation timing
(navigationStart to the end of the load event), the browser's start-up left out.
BENCH_AUDIT_DOCS (default 10000) sets the size.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")

TIMING = ("<script>window.addEventListener('load',function(){setTimeout(function(){var t=performance.timing;"
          "document.body.setAttribute('data-load-ms',String(t.loadEventEnd-t.navigationStart));},0);});</script>")


def _audit_in_subprocess(build: Path, page: Path) -> dict:
    code = (
        "import json, resource, sys, time\n"
        "t = time.perf_counter()\n"
        "from pipeline.audit import audit\n"
        "from pipeline.audit_html import write_html\n"
        "a = audit(sys.argv[1])\n"
        "audit_s = time.perf_counter() - t\n"
        "write_html(a, sys.argv[2])\n"
        "print(json.dumps({'audit_seconds': audit_s, 'seconds': time.perf_counter() - t,\n"
        "  'json_bytes': len(json.dumps(a.to_json(), ensure_ascii=False).encode()),\n"
        "  'summary': a.summary(), 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(build), str(page)], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def load_ms(page: Path, profile: Path) -> tuple[float, float]:
    """(navigation-to-load ms as the page measures it, wall seconds of the whole headless run)."""
    timed = page.with_name(page.stem + "-timed.html")
    timed.write_text(page.read_text(encoding="utf-8").replace("</body>", TIMING + "</body>"), encoding="utf-8")
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", f"--user-data-dir={profile}",
           "--virtual-time-budget=5000", "--dump-dom", timed.as_uri()]
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True).stdout
    wall = time.perf_counter() - t
    m = re.search(r'data-load-ms="(\d+)"', out)
    return (float(m.group(1)) if m else float("nan")), wall


def run() -> list[tuple[str, str, str]]:
    from pipeline.ingest import ingest
    from pipeline.demo.synthetic import write_corpus

    n = int(os.environ.get("BENCH_AUDIT_DOCS", "10000"))
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="bench-audit-") as tmp:
        tmp = Path(tmp)
        src, build = tmp / "corpus", tmp / "build"
        write_corpus(src, n, seed=16)
        t = time.perf_counter()
        summary = ingest([src], build, workers=2)
        ingest_s = time.perf_counter() - t
        assert not summary.failed and summary.documents == n
        page = tmp / "audit.html"
        r = _audit_in_subprocess(build, page)
        s = r["summary"]
        rows.append((f"audit of {n} documents", f"{r['audit_seconds']:.1f} s",
                     f"{summary.references} references; with the HTML page {r['seconds']:.1f} s; peak "
                     f"{r['rss_mb']:.0f} MB (ingest before it: {ingest_s:.0f} s, 2 workers)"))
        rows.append(("audit page size", f"{page.stat().st_size / 1e6:.2f} MB",
                     f"JSON {r['json_bytes'] / 1e6:.1f} MB; {s['unextracted_symbols']} unextracted, "
                     f"{s['incomplete_references']} incomplete references"))
        if CHROMIUM.exists():
            ms, wall = load_ms(page, tmp / "profile")
            rows.append(("audit page load (headless Chromium)", f"{ms / 1000:.2f} s",
                         f"navigation to load event; whole headless run {wall:.1f} s with start-up"))
        else:
            rows.append(("audit page load", "skipped", "no /usr/bin/chromium"))
    return rows


if __name__ == "__main__":
    for row in run():
        print(*row, sep="  ")
