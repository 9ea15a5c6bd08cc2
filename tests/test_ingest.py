"""Ingest at scale: incremental re-runs, parallel runs equal to serial ones, a streamed corpus pass,
workers that die. End to end on synthetic corpora (pipeline.demo.synthetic) written to disk."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import ingest as ingest_mod
from pipeline.ingest import INDEX_NAME, OUTPUT_FILES, ingest, ocr_workers_per_document
from pipeline.tables import corpus_tables, load_light_results, load_results
from pipeline.demo.synthetic import write_corpus

TIMING = {"seconds"}


def _age(folder: Path, seconds: float = 3600) -> None:
    """Make the files look written an hour ago (as a corpus that existed before the run would be)."""
    past = time.time() - seconds
    for p in folder.iterdir():
        os.utime(p, (past, past))


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "references", "chains")}


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = tables(a), tables(b)
    for name in ta:
        x = ta[name].drop(columns=[c for c in TIMING if c in ta[name]])
        y = tb[name].drop(columns=[c for c in TIMING if c in tb[name]])
        key = [c for c in ("document", "id", "start") if c in x.columns]
        x = x.sort_values(key).reset_index(drop=True)
        y = y.sort_values(key).reset_index(drop=True)
        pd.testing.assert_frame_equal(x, y, check_dtype=False, obj=name)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("syn")
    write_corpus(folder, 16, seed=3)
    _age(folder)
    return folder


def test_unchanged_rerun_reads_no_file_and_leaves_the_tables(corpus, tmp_path, monkeypatch):
    out = tmp_path / "build"
    first = ingest([corpus], out, workers=1)
    assert first.documents == 16 and first.corpus_pass and not first.failed
    mtimes = {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES}

    def must_not_run(*args, **kwargs):
        raise AssertionError(f"process_file ran on an unchanged file: {args[0]}")

    monkeypatch.setattr(ingest_mod, "process_file", must_not_run)
    hashed = []
    import pipeline.read

    real_sha = pipeline.read.sha256_file
    monkeypatch.setattr(pipeline.read, "sha256_file", lambda p: hashed.append(p) or real_sha(p))
    again = ingest([corpus], out, workers=1)
    assert not again.corpus_pass
    assert hashed == []
    assert again.documents == 16 and all(o.cached for o in again.outcomes if o.status == "ok")
    assert (again.references, again.nodes, again.edges) == (first.references, first.nodes, first.edges)
    assert {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES} == mtimes


def test_added_changed_and_removed_files_update_every_output(corpus, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for p in sorted(corpus.glob("*.txt"))[:6]:
        (src / p.name).write_bytes(p.read_bytes())
    _age(src)
    out = tmp_path / "build"
    ingest([src], out, workers=1)
    names = sorted(p.name for p in src.glob("*.txt"))
    removed, changed = names[0], names[1]
    (src / removed).unlink()
    text = (src / changed).read_text(encoding="utf-8")
    (src / changed).write_text(text + "\nCăn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.\n",
                               encoding="utf-8")
    added = sorted(corpus.glob("*.txt"))[7]
    (src / added.name).write_bytes(added.read_bytes())
    summary = ingest([src], out, workers=1)
    assert summary.corpus_pass
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(Path(s).name for s in docs.source) == sorted(p.name for p in src.glob("*.txt"))
    assert removed not in {Path(s).name for s in docs.source}
    # One result per current document on disk, none for the removed or the old version of the changed one.
    assert sorted(p.stem for p in (out / "docs").glob("*.json")) == sorted(docs.id)
    refs = pd.read_parquet(out / "references.parquet")
    changed_id = docs.loc[docs.source.str.endswith(changed), "id"].item()
    assert "25-NQ/TW" in set(refs.loc[refs.document == changed_id, "symbol"])
    assert set(refs.document) <= set(docs.id)
    edges = pd.read_parquet(out / "edges.parquet")
    assert set(edges.document.dropna()) <= set(docs.id)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {Path(i["path"]).name for i in manifest["inputs"]} == {p.name for p in src.glob("*.txt")}
    # The same corpus from scratch gives the same tables.
    fresh = tmp_path / "fresh"
    ingest([src], fresh, workers=1)
    assert_same_tables(out, fresh)


def test_a_same_size_rewrite_within_the_clock_tick_is_seen(tmp_path, monkeypatch):
    # The rewrite must fall within RACY_SECONDS of when the first run recorded the file; on a loaded
    # machine the first run alone can take longer than 2 s, so the window is widened for this test.
    monkeypatch.setattr(ingest_mod, "RACY_SECONDS", 3600.0)
    src = tmp_path / "src"
    src.mkdir()
    f = src / "a.txt"
    f.write_text("Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.\n", encoding="utf-8")
    st = f.stat()
    out = tmp_path / "build"
    ingest([src], out, workers=1)
    # Same size, same mtime: only the content hash can tell (the index entry is too recent to trust).
    f.write_text("Căn cứ Chỉ thị số 06-CT/TW ngày 15/5/2016 của Bộ Chính trị.\n", encoding="utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    ingest([src], out, workers=1)
    refs = pd.read_parquet(out / "references.parquet")
    assert list(refs.symbol) == ["06-CT/TW"]


def test_parallel_run_equals_serial_run(corpus, tmp_path):
    one = ingest([corpus], tmp_path / "one", workers=1)
    two = ingest([corpus], tmp_path / "two", workers=2)
    assert [o.path for o in one.outcomes] == [o.path for o in two.outcomes]
    assert_same_tables(tmp_path / "one", tmp_path / "two")


def test_streamed_corpus_pass_equals_the_full_one(corpus, tmp_path):
    out = tmp_path / "build"
    summary = ingest([corpus], out, workers=1)
    ids = [o.id for o in summary.outcomes if o.status == "ok"]
    light = list(load_light_results(out, ids))
    assert all(r.text == "" and r.warnings == [] for r in light)
    full = list(load_results(out, ids))
    for a, b in zip(corpus_tables(light, summary.outcomes), corpus_tables(full, summary.outcomes)):
        pd.testing.assert_frame_equal(a, b)
    assert sum(len(r.chains) for r in full) > 0  # the chain page came from the dropped text


def test_a_worker_that_dies_is_replaced_and_its_file_done(corpus, tmp_path, monkeypatch):
    """The pool's processes are forked from this one, so they run the patched unit: it kills its
    process the first time it meets one file (a crash in a C library, the OOM killer)."""
    victim = sorted(corpus.glob("*.txt"))[3]
    marker = tmp_path / "died-once"
    real = ingest_mod.process_file

    def dies_once(path, out_dir, explicit=True, light=None, fsync=True):
        if Path(path) == victim and not marker.exists():
            marker.write_text("x")
            os._exit(9)
        return real(path, out_dir, explicit, light, fsync)

    monkeypatch.setattr(ingest_mod, "process_file", dies_once)
    summary = ingest([corpus], tmp_path / "build", workers=2)
    assert marker.exists()
    assert not summary.failed and summary.documents == 16
    assert len(pd.read_parquet(tmp_path / "build" / "documents.parquet")) == 16


def test_a_file_that_always_kills_its_worker_fails_alone(corpus, tmp_path, monkeypatch):
    victim = sorted(corpus.glob("*.txt"))[5]
    real = ingest_mod.process_file

    def always_dies(path, out_dir, explicit=True, light=None, fsync=True):
        if Path(path) == victim:
            os._exit(9)
        return real(path, out_dir, explicit, light, fsync)

    monkeypatch.setattr(ingest_mod, "process_file", always_dies)
    summary = ingest([corpus], tmp_path / "build", workers=2)
    assert [o.path for o in summary.failed] == [str(victim)]
    assert "worker process died" in summary.failed[0].reason
    assert summary.documents == 15


def test_documents_in_parallel_leave_page_ocr_the_remaining_cores(monkeypatch):
    monkeypatch.delenv("DIRECTIVES_OCR_WORKERS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert ocr_workers_per_document(8, 100) == 1
    assert ocr_workers_per_document(2, 100) == 4
    assert ocr_workers_per_document(8, 2) == 4  # only two documents: their pages get the cores
    assert ocr_workers_per_document(1, 1) == 8
    monkeypatch.setenv("DIRECTIVES_OCR_WORKERS", "3")
    assert ocr_workers_per_document(8, 100) == 3


def test_pool_workers_run_tesseract_single_threaded(monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    with ProcessPoolExecutor(1, initializer=ingest_mod._worker_init, initargs=(2,)) as pool:
        omp = pool.submit(os.getenv, "OMP_THREAD_LIMIT").result()
        ocr = pool.submit(os.getenv, "DIRECTIVES_OCR_WORKERS").result()
    assert (omp, ocr) == ("1", "2")


def test_same_file_named_twice_is_one_document(corpus, tmp_path):
    f = sorted(corpus.glob("*.txt"))[0]
    summary = ingest([f, f], tmp_path / "build", workers=1)
    assert [o.status for o in summary.outcomes] == ["ok", "skipped"]
    assert "same content" in summary.outcomes[1].reason
    assert len(pd.read_parquet(tmp_path / "build" / "documents.parquet")) == 1


def test_index_is_not_trusted_across_pipeline_versions(corpus, tmp_path, monkeypatch):
    out = tmp_path / "build"
    ingest([corpus], out, workers=1)
    data = json.loads((out / INDEX_NAME).read_text())
    assert len(data["files"]) == 16
    monkeypatch.setattr(ingest_mod, "PIPELINE_VERSION", "0-test")
    summary = ingest([corpus], out, workers=1)
    assert summary.corpus_pass and not any(o.cached for o in summary.outcomes)


def test_results_handed_back_by_the_pool_are_those_read_back(corpus, tmp_path):
    """A pool process hands back each result it wrote as the corpus pass would read it from docs/:
    real files, one of them a gazette issue of two documents, and synthetic ones."""
    import numpy as np
    from pipeline.tables import load_light_result

    fixtures = Path(__file__).parent / "fixtures" / "real"
    batch = [(fixtures / "gazette_two_documents.txt", True), (fixtures / "portal_page.md", True)]
    batch += [(p, True) for p in sorted(corpus.glob("*.txt"))[:4]]
    out = tmp_path / "build"
    outcomes, light = ingest_mod._units(batch, out)
    ids = [d for o in outcomes for d in o.document_ids]
    assert all(o.status == "ok" for o in outcomes) and len(ids) == 7  # the gazette holds two
    assert sorted(light) == sorted(ids)
    for doc_id in ids:
        read = load_light_result(out, doc_id)
        handed = light[doc_id]
        assert handed == read
        assert handed.chain_pages == read.chain_pages
        assert (handed.signature is None) == (read.signature is None)
        assert handed.signature is None or np.array_equal(handed.signature, read.signature)
    assert any(light[d].references for d in ids) and any(light[d].chains for d in ids)
    # Equal strings of the batch's references are one object: the pickle handed back carries each once.
    values = [v for d in ids for r in light[d].references for v in vars(r).values() if isinstance(v, str)]
    assert len({id(v) for v in values}) == len(set(values)) < len(values)


def test_scans_whose_process_died_in_tesseract_library_are_read_by_the_command(tmp_path, monkeypatch):
    """A crash inside libtesseract kills the document's process; the file redone alone is read by the
    `tesseract` command (a crash there would be one page's error), so its references are not lost."""
    from PIL import Image, ImageDraw, ImageFont

    import pipeline.ocr as ocr
    from pipeline.demo.samples import FONT_DIRS

    assert ocr._library() is not None, "libtesseract, which the tesseract-ocr package installs"
    font = ImageFont.truetype(str(FONT_DIRS[0] / "LiberationSerif-Regular.ttf"), 40)
    folder = tmp_path / "scans"
    folder.mkdir()
    for name, line in [("a.png", "Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013"),
                       ("b.png", "Thực hiện Kế hoạch số 27-KH/ĐUK ngày 19/3/2020")]:
        img = Image.new("L", (1700, 400), 255)
        ImageDraw.Draw(img).text((60, 150), line, font=font, fill=0)
        img.save(folder / name, dpi=(300, 300))
    monkeypatch.setenv("DIRECTIVES_CACHE_DIR", str(tmp_path / "ocr-cache"))
    monkeypatch.setattr(ocr, "_library_tsv", lambda *args, **kwargs: os._exit(1))
    summary = ingest([folder], tmp_path / "build", workers=2)
    assert not summary.failed and summary.documents == 2
    refs = pd.read_parquet(tmp_path / "build" / "references.parquet")
    assert {"25-NQ/TW", "27-KH/ĐUK"} <= set(refs["symbol"])


@pytest.mark.parametrize("workers", [1, 2])
def test_results_are_flushed_together_once_not_each_alone(corpus, tmp_path, monkeypatch, workers):
    """A local run writes each docs/<id>.json without a flush of its own (a thousand fsyncs were seconds
    of waiting that two processes do not share out) and flushes them all with one syncfs, before the
    index and the manifest that point to them are written; the tables and the graph keep their fsync."""
    from pipeline import atomic

    flushed: list[str] = []
    events: list[str] = []
    real_fsync, real_sync = os.fsync, atomic.sync_files

    def fsync(fd):
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    def sync_files(folder):
        events.append(f"sync {Path(folder).name}")
        return real_sync(folder)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(ingest_mod, "sync_files", sync_files)
    real_write = ingest_mod.write_atomic
    monkeypatch.setattr(ingest_mod, "write_atomic",
                        lambda path, data, fsync=True: (events.append(Path(path).name), real_write(path, data, fsync))[1])
    out = tmp_path / "build"
    summary = ingest([corpus], out, workers=workers)
    assert summary.documents == 16 and not summary.failed
    # (the pool's processes flush nothing of docs/ either: their fsync calls are not seen here, the
    # parent's are; the serial run's are all here)
    assert not [f for f in flushed if "/docs/" in f]
    assert any(f.endswith(".parquet.tmp") or ".parquet." in f for f in flushed)
    assert events.count("sync docs") == 1
    assert events.index("sync docs") < events.index("manifest.json") < events.index(INDEX_NAME)
    # A re-run that writes no result flushes nothing.
    events.clear()
    assert ingest([corpus], out, workers=workers).documents == 16
    assert "sync docs" not in events


def test_write_atomic_writes_whole_files_with_the_umask_mode(tmp_path):
    from pipeline.atomic import sync_files, write_atomic

    big = "Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013. " * 50_000  # a few MB: more than one os.write may take
    for fsync in (True, False):
        target = tmp_path / f"sub{fsync}" / "doc.json"
        write_atomic(target, big, fsync=fsync)
        assert target.read_text(encoding="utf-8") == big
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask
        assert [p.name for p in target.parent.iterdir()] == ["doc.json"]  # no temporary file left
    sync_files(tmp_path)
    sync_files(tmp_path / "no such folder")  # falls back to a sync of all


def test_the_corpus_pass_is_prepared_only_once_the_pool_has_forked(corpus, tmp_path, monkeypatch):
    """What the corpus pass loads on first use is loaded in a thread while the pool's processes extract:
    only after they were forked (a fork while another thread imports can leave a child on the import
    lock), and finished before the pass."""
    import multiprocessing

    seen: list[int] = []
    monkeypatch.setattr(ingest_mod, "_prepare_corpus_pass", lambda: seen.append(len(multiprocessing.active_children())))
    summary = ingest([corpus], tmp_path / "build", workers=2)
    assert summary.documents == 16 and seen == [2]
