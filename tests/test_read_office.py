"""Word files: .docx read whole (body, tables in reading order, page headers, footers, notes), the
older formats through LibreOffice under a time limit, and bad files refused with a one-line reason.

The files are real: the seeds written by pipeline.demo.samples (python-docx), and files LibreOffice itself
writes from an OpenDocument source built here."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pipeline.read import ReadError, read_document
from pipeline.read_office import MAX_UNZIPPED_BYTES, docx_text
from pipeline.demo.samples import layout_text, render_docx

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; make installs it")

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:master-styles><style:master-page style:name="Standard">
<style:header><text:p>ĐẢNG BỘ TỈNH TRÀ VINH</text:p></style:header>
<style:footer><text:p>Trang 1 trên 1</text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>
<table:table table:name="Header"><table:table-column table:number-columns-repeated="2"/><table:table-row>
<table:table-cell><text:p>ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG</text:p><text:p>Số: 12/KH-UBND</text:p></table:table-cell>
<table:table-cell><text:p>Càng Long, ngày 5 tháng 3 năm 2021</text:p></table:table-cell></table:table-row></table:table>
<text:p>KẾ HOẠCH</text:p>
<text:p>Căn cứ Nghị quyết số 25-NQ/TW<text:note text:note-class="footnote" text:id="n1">
<text:note-citation>1</text:note-citation><text:note-body><text:p>Được sửa đổi bởi Nghị quyết số 36-NQ/TW
ngày 01/7/2014.</text:p></text:note-body></text:note> ngày 03/6/2013 của Ban Chấp hành Trung ương.</text:p>
</office:text></office:body></office:document>
"""


def _libreoffice(source: Path, fmt: str, out: Path) -> Path:
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=300)
    return out / f"{source.stem}.{fmt.split(':')[0]}"


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> dict[str, Path]:
    """One document with a header table, a footnote, a page header and footer, as LibreOffice
    writes it in each format."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; make installs it")
    out = tmp_path_factory.mktemp("office")
    source = out / "ke-hoach.fodt"
    source.write_text(FODT, encoding="utf-8")
    return {fmt: _libreoffice(source, fmt, out) for fmt in ("docx", "doc", "odt", "rtf")}


def test_seed_docx_reads_in_the_layout_order(tmp_path):
    text = (CORPUS / "002_910c16d3ab6d948d.txt").read_text(encoding="utf-8")
    path = tmp_path / "seed.docx"
    path.write_bytes(render_docx(text))
    doc = read_document(path)
    body, footer = doc.text.rsplit("\n\n", 1)
    assert body.splitlines() == [" ".join(x.split()) for x in layout_text(text).splitlines()]
    assert footer == "Trang 1"  # the page footer comes after the body, never inside the header
    assert doc.pages[0].method == "docx"


@pytest.mark.parametrize("fmt", ["docx", "doc", "odt", "rtf"])
def test_every_part_of_a_word_file_in_reading_order(office_files, fmt):
    doc = read_document(office_files[fmt])
    lines = doc.text.splitlines()
    order = ["ỦY BAN NHÂN DÂN HUYỆN CÀNG LONG", "Số: 12/KH-UBND", "Càng Long, ngày 5 tháng 3 năm 2021", "KẾ HOẠCH"]
    assert [x for x in lines if x in order] == order
    basis = next(x for x in lines if x.startswith("Căn cứ Nghị quyết số 25-NQ/TW"))
    mark = basis.split("25-NQ/TW", 1)[1].split()[0]
    assert mark.startswith("[") and mark.endswith("]")  # where the footnote was referenced
    note = next(x for x in lines if "36-NQ/TW" in x)
    assert note.startswith(mark + " Được sửa đổi")  # the note, numbered as its mark, after the body
    assert lines.index(note) > lines.index(basis)
    assert "ĐẢNG BỘ TỈNH TRÀ VINH" in lines and "Trang 1 trên 1" in lines
    assert lines.index("Trang 1 trên 1") > lines.index(note)
    if fmt != "docx":
        assert doc.encoding == f"{fmt} via LibreOffice" and doc.pages[0].method == "converted"


def test_references_of_a_word_file_index_its_text(office_files):
    from pipeline.document import analyze_document

    result = analyze_document(office_files["doc"])
    symbols = {r.symbol for r in result.references}
    assert {"25-NQ/TW", "36-NQ/TW"} <= symbols
    for r in result.references:
        assert result.text[r.start:r.end] == r.text
    assert result.document.symbol == "12/KH-UBND" and result.document.date == "2021-03-05"


# ------------------------------------------------------------------------------------ bad files


def _docx_with(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _zip_bomb(path: Path, size: int) -> Path:
    """A .docx whose document.xml unpacks to `size` bytes of spaces (deflate: about 1000 to 1)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(size >> 20):
                f.write(block)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = _zip_bomb(tmp_path / "bomb.docx", MAX_UNZIPPED_BYTES + (16 << 20))
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value).startswith("refused: would unpack to") and "zip bomb" in str(err.value)


def test_a_dense_bomb_under_the_size_limit_is_refused_by_its_ratio(tmp_path):
    path = _zip_bomb(tmp_path / "dense.docx", 64 << 20)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value).startswith("refused: compressed") and "zip bomb" in str(err.value)


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04" + b"\x00" * 40, "not a valid .docx file (not a zip archive"),
    (b"Plain text saved with the wrong name.", "not a valid .docx file (not a zip archive"),
    (_docx_with({"content.xml": b"<office:document/>", "mimetype": b"application/vnd.oasis.opendocument.text"}),
     "not a valid .docx file (no word/document.xml"),
    # docx2python's parser recovers what it can of broken XML: here nothing.
    (_docx_with({"word/document.xml": b"<w:document><w:body><w:p>unclosed", "[Content_Types].xml": b"<Types/>"}),
     "no text in the .docx file"),
], ids=["truncated-zip", "not-a-zip", "an-odt-named-docx", "broken-xml"])
def test_a_corrupt_docx_fails_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value).startswith(reason) and "\n" not in str(err.value)


def test_a_truncated_real_docx_fails_with_a_reason(tmp_path):
    text = (CORPUS / "001_e91816b876997450.txt").read_text(encoding="utf-8")
    data = render_docx(text)
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as err:
        docx_text(path.read_bytes())
    assert str(err.value).startswith("not a valid .docx file")


def test_a_doc_that_is_no_word_file_is_refused_before_conversion(tmp_path):
    path = tmp_path / "scan.doc"
    path.write_bytes(os.urandom(4096).replace(b"\xd0\xcf", b"xx").replace(b"PK", b"xx").replace(b"{\\", b"xx"))
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value) == "not a .doc file (neither a Word, OpenDocument nor RTF document)"


def test_a_web_page_saved_as_doc_is_read_as_html(tmp_path):
    path = tmp_path / "vanban.doc"
    path.write_bytes("<html><body><div><p>Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh "
                     "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.</p></div></body></html>"
                     .encode("utf-8"))
    doc = read_document(path)
    assert doc.text.startswith("Căn cứ Chỉ thị số 05-CT/TW")
    assert any(w.code == "format" and "read as HTML" in w.message for w in doc.warnings)


@needs_libreoffice
def test_a_damaged_doc_the_converter_cannot_read(tmp_path, office_files):
    path = tmp_path / "damaged.doc"
    path.write_bytes(office_files["doc"].read_bytes()[:3000])  # an OLE2 header, the rest cut off
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value).startswith("LibreOffice could not convert it (") and "javaldx" not in str(err.value)


def _hanging_converter(tmp_path: Path) -> Path:
    script = tmp_path / "soffice-hangs"
    script.write_text("#!/bin/sh\nsleep 600\n")  # and its child: the whole group must be stopped
    script.chmod(0o755)
    return script


def test_a_converter_that_hangs_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_SOFFICE", str(_hanging_converter(tmp_path)))
    monkeypatch.setenv("DIRECTIVES_CONVERT_TIMEOUT", "1")
    path = tmp_path / "old.rtf"
    path.write_bytes(b"{\\rtf1\\ansi Ke hoach so 12}")
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value) == "conversion by LibreOffice did not finish in 1 s (stopped)"
    left = subprocess.run(["pgrep", "-f", str(tmp_path / "soffice-hangs")], capture_output=True, text=True)
    assert left.stdout.strip() == ""


def test_without_libreoffice_the_reason_says_so(tmp_path, monkeypatch):
    monkeypatch.delenv("DIRECTIVES_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    path = tmp_path / "old.odt"
    path.write_bytes(_docx_with({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}))
    with pytest.raises(ReadError) as err:
        read_document(path)
    assert str(err.value).startswith("cannot convert: LibreOffice is not installed")


def test_ingest_goes_on_past_every_bad_word_file_and_exits_1(tmp_path):
    """End to end through `directives ingest`: each bad file gets its one-line reason in the summary
    and manifest.json, the good files are ingested, the exit code is 1."""
    import json

    src = tmp_path / "in"
    src.mkdir()
    seed = (CORPUS / "001_e91816b876997450.txt").read_text(encoding="utf-8")
    (src / "ke-hoach.docx").write_bytes(render_docx(seed))
    shutil.copy(CORPUS / "002_910c16d3ab6d948d.txt", src / "chuong-trinh.txt")
    (src / "corrupt.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    _zip_bomb(src / "bomb.docx", MAX_UNZIPPED_BYTES + (16 << 20))
    (src / "empty.html").write_bytes(b"<html><body><script>x()</script></body></html>")
    (src / "unknown.doc").write_bytes(b"\x00\x01\x02 not a word file " * 50)
    (src / "hangs.rtf").write_bytes(b"{\\rtf1\\ansi Ke hoach}")
    env = dict(os.environ, DIRECTIVES_SOFFICE=str(_hanging_converter(tmp_path)), DIRECTIVES_CONVERT_TIMEOUT="2",
               PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "pipeline.cli", "ingest", str(src), "--out", str(tmp_path / "b"),
                          "-q"], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 1, run.stderr
    expected = {
        "corrupt.docx": "not a valid .docx file (not a zip archive",
        "bomb.docx": "refused: would unpack to",
        "empty.html": "no text in the page",
        "unknown.doc": "not a .doc file",
        "hangs.rtf": "conversion by LibreOffice did not finish in 2 s",
    }
    failed = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in run.stderr.splitlines()
              if line.startswith("failed:")}
    assert {Path(p).name for p in failed} == set(expected)
    for path, reason in failed.items():
        assert reason.startswith(expected[Path(path).name]), (path, reason)
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text(encoding="utf-8"))
    files = {Path(f["path"]).name: f for f in manifest["inputs"]}
    for name, reason in expected.items():
        assert files[name]["status"] == "failed" and files[name]["reason"].startswith(reason)
    assert files["ke-hoach.docx"]["status"] == "ok" and files["chuong-trinh.txt"]["status"] == "ok"
    assert manifest["documents"] == 2


def test_profiles_of_finished_processes_are_removed(tmp_path, monkeypatch):
    """A pool's worker can end without exit handlers; its LibreOffice profile goes at the next one."""
    import tempfile

    from pipeline import read_office

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(read_office, "_PROFILE", {})
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True).stdout.strip()
    stale = tmp_path / f"directives-lo-profile-{os.getuid()}-{finished}"
    (stale / "user").mkdir(parents=True)
    alive = tmp_path / f"directives-lo-profile-{os.getuid()}-1"  # init never ends
    alive.mkdir()
    mine = read_office._profile_dir()
    assert mine == tmp_path / f"directives-lo-profile-{os.getuid()}-{os.getpid()}" and mine.is_dir()
    assert not stale.exists() and alive.exists()
