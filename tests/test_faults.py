"""Bad input and faults: every bad file gets a one-line reason naming what is wrong, the rest of the
run goes on, and a killed or failing run never leaves a corrupt or half-written output."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline import ingest as ingest_mod
from pipeline.ingest import ingest, process_file
from pipeline.demo.synthetic import write_corpus

ROOT = Path(__file__).resolve().parent.parent
CITATION = "Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI;"
GOOD = ("TỈNH ỦY TRÀ VINH\nSố 12-KH/TU\nTrà Vinh, ngày 10 tháng 3 năm 2020\nKẾ HOẠCH\n"
        "thực hiện Nghị quyết số 25-NQ/TW\n" + CITATION + "\nThực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 "
        "của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n")
ENGLISH = ("The committee met on Tuesday to review the annual budget and the plans for the coming year. "
           "Members discussed the maintenance of roads, the opening hours of the public library, and the "
           "new recycling programme that starts in the spring. The chair thanked the volunteers who "
           "organised the summer festival and asked the secretary to circulate the minutes by Friday.\n") * 3
FRENCH = ("Le conseil municipal s'est réuni mardi pour examiner le budget annuel et les projets de l'année "
          "à venir. Les membres ont discuté de l'entretien des routes, des horaires de la bibliothèque "
          "et du nouveau programme de recyclage qui commencera au printemps. Le président a remercié les "
          "bénévoles qui ont organisé la fête de l'été et a demandé au secrétaire de diffuser le compte rendu.\n") * 3
NO_REFERENCES = ("Chi bộ tổ chức sinh hoạt định kỳ vào ngày mùng năm hằng tháng. Các đảng viên báo cáo kết quả "
                 "công tác, nêu những khó khăn, vướng mắc và đề xuất giải pháp khắc phục. Bí thư chi bộ tổng "
                 "hợp ý kiến, phân công nhiệm vụ cho tháng tiếp theo và nhắc nhở đảng viên gương mẫu.\n") * 3


def _pdf(path: Path, pages: int = 1, encrypt: str | None = None, size=None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size or A4, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 720, f"Trang {i + 1}")
        c.showPage()
    c.save()
    return path


def _one_line(reason: str | None) -> bool:
    return bool(reason) and "\n" not in reason and len(reason) < 300


# ------------------------------------------------------------------------------- bad files, one at a time


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("garbage.txt", bytes(range(256)) * 64, "binary data, not text"),
    ("garbage.pdf", os.urandom(4096).replace(b"%PDF-", b"xxxxx"), "corrupt PDF: no %PDF header"),
    ("garbage.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "not a readable image"),
], ids=["zero-bytes", "binary-txt", "binary-pdf", "binary-png"])
def test_bad_bytes_fail_with_a_one_line_reason(tmp_path, name, data, reason):
    f = tmp_path / name
    f.write_bytes(data)
    o = process_file(f, tmp_path / "build")
    assert o.status == "failed" and o.reason.startswith(reason) and _one_line(o.reason)
    assert not (tmp_path / "build" / "docs").exists() or not list((tmp_path / "build" / "docs").iterdir())


def test_truncated_pdf(tmp_path):
    whole = _pdf(tmp_path / "whole.pdf", pages=3).read_bytes()
    f = tmp_path / "truncated.pdf"
    f.write_bytes(whole[: len(whole) // 2])
    o = process_file(f, tmp_path / "build")
    assert o.status == "failed" and o.reason.startswith("corrupt PDF") and _one_line(o.reason)


def test_encrypted_pdf(tmp_path):
    o = process_file(_pdf(tmp_path / "locked.pdf", encrypt="secret"), tmp_path / "build")
    assert (o.status, o.reason) == ("failed", "encrypted PDF (password required)")


def test_pdf_with_thousands_of_pages_is_refused_by_the_default_limit(tmp_path, monkeypatch):
    monkeypatch.delenv("DIRECTIVES_MAX_PAGES", raising=False)
    o = process_file(_pdf(tmp_path / "huge.pdf", pages=2100), tmp_path / "build")
    assert (o.status, o.reason) == ("failed", "too many pages (2100 > 2000)")


def test_page_limit_is_configurable(tmp_path, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_MAX_PAGES", "5")
    o = process_file(_pdf(tmp_path / "six.pdf", pages=6), tmp_path / "build")
    assert (o.status, o.reason) == ("failed", "too many pages (6 > 5)")


def test_image_of_huge_dimensions_is_refused_before_decoding(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.delenv("DIRECTIVES_MAX_PIXELS", raising=False)
    f = tmp_path / "poster.png"
    Image.new("1", (12000, 10000), 1).save(f)  # 120 megapixels, a few kB on disk
    o = process_file(f, tmp_path / "build")
    assert o.status == "failed" and "too large" in o.reason and _one_line(o.reason), o.reason


def test_pdf_page_of_huge_dimensions_is_not_rendered(tmp_path, monkeypatch):
    """A scanned-looking page (an image, no text) 5 m on a side: rendering it at 300 dpi would need
    billions of pixels; the page is refused and, being the only page, so is the document."""
    from reportlab.pdfgen import canvas
    from PIL import Image

    monkeypatch.setenv("DIRECTIVES_CACHE_DIR", str(tmp_path / "ocr-cache"))
    img = tmp_path / "dot.png"
    Image.new("L", (8, 8), 0).save(img)
    f = tmp_path / "wall.pdf"
    c = canvas.Canvas(str(f), pagesize=(14000, 14000))
    c.drawImage(str(img), 0, 0, 100, 100)
    c.showPage()
    c.save()
    o = process_file(f, tmp_path / "build")
    assert o.status == "failed" and "too large" in o.reason and _one_line(o.reason), o.reason


def test_text_file_over_the_size_limit_fails_clearly(tmp_path, monkeypatch):
    import pipeline.read

    monkeypatch.setattr(pipeline.read, "MAX_TEXT_BYTES", 1024 * 1024)
    f = tmp_path / "big.txt"
    f.write_text(GOOD * (2 * 1024 * 1024 // len(GOOD.encode()) + 1), encoding="utf-8")
    o = process_file(f, tmp_path / "build")
    assert (o.status, o.reason) == ("failed", "text file too large (2 MB > 1 MB)")


@pytest.mark.slow
def test_fifty_megabyte_text_file(tmp_path):
    """Within the default limit: ingested, with every reference, in bounded memory."""
    import resource

    f = tmp_path / "fifty.txt"
    block = GOOD + NO_REFERENCES
    n = 50 * 1024 * 1024 // len(block.encode())
    f.write_text(block * n, encoding="utf-8")
    code = ("import json,resource,sys; from pipeline.ingest import process_file; "
            "o=process_file(sys.argv[1], sys.argv[2]); "
            "print(json.dumps([o.status,o.reason,o.references,resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))")
    run = subprocess.run([sys.executable, "-c", code, str(f), str(tmp_path / "build")], capture_output=True,
                         text=True, cwd=ROOT, timeout=3600)
    status, reason, refs, maxrss_kb = json.loads(run.stdout.strip().splitlines()[-1])
    from pipeline.document import analyze_text

    assert (status, reason) == ("ok", None)
    assert refs == n * len(analyze_text(block).references)
    assert maxrss_kb < 4 * 1024 * 1024, f"{maxrss_kb / 1024:.0f} MB"
    del resource


def test_legacy_encodings_mixed_with_unicode_in_one_file(tmp_path):
    from test_normalize import encode_tcvn3, encode_vni

    lines = [CITATION,
             encode_tcvn3("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập;"),
             encode_vni("Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện;")]
    text = "\n".join(lines) + "\n"
    f = tmp_path / "mixed.txt"
    f.write_text(text, encoding="utf-8")
    o = process_file(f, tmp_path / "build")
    assert o.status == "ok" and not o.warnings
    result = json.loads((tmp_path / "build" / "docs" / f"{o.id}.json").read_text(encoding="utf-8"))
    refs = {r["symbol"]: r for r in result["references"]}
    assert {s: refs[s]["date"] for s in refs} == {"25-NQ/TW": "2013-06-03", "05-CT/TW": "2016-05-15",
                                                  "01-KL/TW": "2021-05-18"}
    assert refs["05-CT/TW"]["issuer_body"] == "Bộ Chính trị"
    for r in result["references"]:  # offsets index the text as it is in the file (legacy bytes included)
        assert result["text"][r["start"]:r["end"]] == r["text"]


@pytest.mark.parametrize("text", [ENGLISH, FRENCH], ids=["english", "french"])
def test_text_in_another_language_is_ingested_with_a_warning(tmp_path, text):
    f = tmp_path / "minutes.txt"
    f.write_text(text, encoding="utf-8")
    o = process_file(f, tmp_path / "build")
    assert o.status == "ok" and o.references == 0 and o.warnings == ["not_vietnamese"]
    result = json.loads((tmp_path / "build" / "docs" / f"{o.id}.json").read_text(encoding="utf-8"))
    assert "not_vietnamese" in [w["code"] for w in result["warnings"]]


@pytest.mark.parametrize("text", [NO_REFERENCES, GOOD], ids=["no-references", "plan"])
def test_vietnamese_text_has_no_language_warning(tmp_path, text):
    f = tmp_path / "doc.txt"
    f.write_text(text, encoding="utf-8")
    o = process_file(f, tmp_path / "build")
    assert o.status == "ok" and o.warnings == []
    assert (o.references == 0) == (text is NO_REFERENCES)


def test_legacy_encoded_vietnamese_is_not_taken_for_another_language(tmp_path):
    from test_normalize import encode_tcvn3, encode_vni

    f = tmp_path / "old.txt"
    f.write_text(encode_tcvn3(NO_REFERENCES) + encode_vni(NO_REFERENCES), encoding="utf-8")
    assert process_file(f, tmp_path / "build").warnings == []


# ------------------------------------------------------------------------------- a whole folder of trouble


def test_a_folder_of_bad_files_fails_each_alone_and_ingests_the_rest(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "Kế hoạch số 12 của Tỉnh ủy.txt").write_text(GOOD, encoding="utf-8")
    (src / "sinh hoạt chi bộ.txt").write_text(NO_REFERENCES, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "garbage.pdf").write_bytes(b"\x00\x01garbage" * 100)
    (src / "notes.docx").write_bytes(b"PK\x03\x04")
    (src / "loop1.txt").symlink_to(src / "loop2.txt")
    (src / "loop2.txt").symlink_to(src / "loop1.txt")
    (src / "sub").mkdir()
    (src / "sub" / "back").symlink_to(src, target_is_directory=True)  # a folder loop: not followed
    os.mkfifo(src / "pipe.txt")  # reading it would block forever: refused, not read
    (src / "gone.txt").write_text(GOOD, encoding="utf-8")

    def remove_after_discovery(n: int) -> None:
        (src / "gone.txt").unlink()

    summary = ingest([src], tmp_path / "build", workers=1, on_start=remove_after_discovery)
    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert by_name["Kế hoạch số 12 của Tỉnh ủy.txt"].status == "ok"
    assert by_name["Kế hoạch số 12 của Tỉnh ủy.txt"].id.startswith("ke-hoach-so-12-cua-tinh-uy-")
    assert by_name["sinh hoạt chi bộ.txt"].status == "ok"
    expected = {
        "notes.docx": "not a valid .docx file (not a zip archive",
        "empty.txt": "empty file",
        "garbage.pdf": "corrupt PDF",
        "loop1.txt": "broken symbolic link (or a link loop)",
        "loop2.txt": "broken symbolic link (or a link loop)",
        "pipe.txt": "not a regular file",
        "gone.txt": "file not found (removed during the run?)",
    }
    assert {Path(o.path).name for o in summary.failed} == set(expected)
    for name, reason in expected.items():
        assert by_name[name].reason.startswith(reason) and _one_line(by_name[name].reason)
    docs = pd.read_parquet(tmp_path / "build" / "documents.parquet")
    assert len(docs) == 2 + len(expected)  # failed files are rows too, with their error
    assert set(docs.loc[docs.status == "failed", "error"]) == {by_name[n].reason for n in expected}
    manifest = json.loads((tmp_path / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"] == len(expected) and manifest["documents"] == 2


def test_unsupported_extension_named_explicitly_fails(tmp_path):
    f = tmp_path / "budget.xlsx"
    f.write_bytes(b"PK\x03\x04")
    summary = ingest([f], tmp_path / "build", workers=1)
    assert [(o.status, o.reason) for o in summary.outcomes] == [("failed", "unsupported file type '.xlsx'")]


# ------------------------------------------------------------------------------- a full disk


def test_full_disk_while_writing_the_tables_keeps_the_earlier_outputs(tmp_path, monkeypatch):
    src = tmp_path / "in"
    write_corpus(src, 4, seed=1)
    out = tmp_path / "build"
    ingest([src], out, workers=1)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (src / "syn_000000.txt").write_text(GOOD, encoding="utf-8")  # a change, so the tables are rewritten

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import pyarrow.parquet as pq

    monkeypatch.setattr(pq, "write_table", no_space)
    with pytest.raises(OSError) as info:
        ingest([src], out, workers=1)
    assert info.value.errno == errno.ENOSPC
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # every table as it was; no temporary file left beside them
    assert not list(out.glob(".*.tmp"))


def test_full_disk_on_a_real_small_filesystem(tmp_path):
    """A 300 kB tmpfs: the per-document results of a small corpus fit, the run's later writes do
    not. Each failure is reported; whatever is on disk stays readable; a later run with room works."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN)")
    try:
        src = tmp_path / "in"
        write_corpus(src, 40, seed=2)
        run = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(src), "--out", str(mnt / "build"),
                              "-j", "1", "-q"], capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert run.returncode == 1
        assert run.stdout == ""
        lines = [line for line in run.stderr.splitlines() if "no space left on device" in line.lower()]
        assert lines
        for line in lines:  # one line each, naming the file or the folder
            assert line.startswith(("failed: ", f"error: {mnt}")), line
        for p in (mnt / "build" / "docs").glob("*.json"):
            json.loads(p.read_text(encoding="utf-8"))
        tables = {p.name for p in (mnt / "build").glob("*.parquet")}
        # All the tables of a run or none of them (never new documents beside old or missing edges).
        assert tables in (set(), {f"{n}.parquet" for n in ("documents", "references", "chains", "nodes", "edges")})
        for name in tables:
            pd.read_parquet(mnt / "build" / name)
        assert not list((mnt / "build").rglob("*.tmp"))
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    out = tmp_path / "roomy"
    summary = ingest([src], out, workers=1)
    assert summary.documents == 40 and not summary.failed


# ------------------------------------------------------------------------------- kill -9 and run again


def test_killed_run_then_the_same_command_completes_without_loss_or_corruption(tmp_path):
    src = tmp_path / "in"
    write_corpus(src, 300, seed=4)
    out = tmp_path / "build"
    cmd = [sys.executable, "-m", "pipeline.cli", "ingest", str(src), "--out", str(out), "-j", "2", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "docs").glob("*.json"))) >= 40 if (out / "docs").is_dir() else False:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed: make the corpus bigger"
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its worker processes, as kill -9 of the job would
    proc.wait()
    done_before = {p.stem for p in (out / "docs").glob("*.json")}
    assert 40 <= len(done_before) < 300
    assert not (out / "documents.parquet").exists()

    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "300 documents" in run.stderr
    assert f"({len(done_before)} unchanged)" in " ".join(run.stderr.split())  # finished ones were not redone
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == 300 and docs.id.is_unique and docs.source.is_unique and set(docs.status) == {"ok"}
    for name in ("references", "chains", "nodes", "edges"):
        pd.read_parquet(out / f"{name}.parquet")
    results = sorted((out / "docs").glob("*.json"))
    assert {p.stem for p in results} == set(docs.id)
    for p in results:
        data = json.loads(p.read_text(encoding="utf-8"))
        assert data["document"]["id"] == p.stem
    assert not list(out.rglob("*.tmp"))  # temporary files of the killed run were cleared
    refs = pd.read_parquet(out / "references.parquet")
    assert refs.groupby("document").size().sum() == len(refs) == docs.n_references.sum()


def test_a_second_ingest_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    import fcntl

    out = tmp_path / "build"
    out.mkdir()
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with open(out / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ingest_mod.IngestBusy, match="another ingest"):
            ingest([tmp_path / "a.txt"], out, workers=1)
    assert ingest([tmp_path / "a.txt"], out, workers=1).documents == 1
