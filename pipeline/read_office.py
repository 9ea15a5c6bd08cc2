"""Reading word-processor files: .docx directly, .doc/.odt/.rtf through LibreOffice.

`.docx` is read with docx2python (chosen over python-docx and mammoth: it alone gives the body with
its tables in reading order *and* the page headers, footers, footnotes and endnotes; measured in
`python -m bench.compare_docx`). The text is the body (a table's cells one after
another, row by row, each cell's paragraphs on their own lines: a header's left column before its
right one, as in the PDF reader), then the footnotes and endnotes, then the page headers and footers,
each part after a blank line.

A .docx is a zip: before anything opens it, its members' declared sizes are summed and a file that
would unpack to more than MAX_UNZIPPED_BYTES, or compresses more than MAX_RATIO to one (a zip bomb),
is refused.

`.doc`, `.odt` and `.rtf` are converted to .docx by LibreOffice headless (`soffice`, Debian
`libreoffice-writer-nogui`, installed by `make`) in a temporary folder with its own profile, under a
time limit (CONVERT_TIMEOUT seconds, or the environment's DIRECTIVES_CONVERT_TIMEOUT); the process
group is killed when the limit is reached. DIRECTIVES_SOFFICE names another converter binary.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .model import Page, RawDocument, Warning
from .errors import ReadError

MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # deflate reaches ~10:1 on XML; a bomb reaches 1000:1
CONVERT_TIMEOUT = 120.0

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# docx2python marks where a footnote or endnote was referenced; the note itself follows the body.
NOTE_MARK = re.compile(r"----(?:footnote|endnote)(\d+)----")
# ... and opens each note with `footnote2)\t`; the note becomes `[2] text`, as its mark in the body.
NOTE_LABEL = re.compile(r"^\s*(?:footnote|endnote)(\d+)\)\s*")
# docx2python writes an image as ----media/image1.png----; a picture has no text.
MEDIA_MARK = re.compile(r"----media/[^-]+----")


def check_zip(data: bytes) -> zipfile.ZipFile:
    """The zip of a .docx, after its declared sizes are checked (a zip bomb is refused unopened)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError(f"not a valid .docx file (not a zip archive: {exc})") from None
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > MAX_UNZIPPED_BYTES:
        raise ReadError(f"refused: would unpack to {unpacked // (1024 * 1024)} MB "
                        f"(limit {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB; a zip bomb?)")
    if unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_RATIO:
        raise ReadError(f"refused: compressed {unpacked // packed}:1 (a zip bomb?)")
    if "word/document.xml" not in {m.filename for m in members}:
        raise ReadError("not a valid .docx file (no word/document.xml: another kind of zip?)")
    return archive


def _paragraphs(nested) -> list[str]:
    """docx2python's nested lists (tables > rows > cells > paragraphs) flattened in reading order."""
    out: list[str] = []

    def walk(item):
        if isinstance(item, str):
            out.append(item)
        else:
            for sub in item:
                walk(sub)

    walk(nested)
    return out


def _clean(paragraph: str) -> str:
    paragraph = MEDIA_MARK.sub("", paragraph)
    paragraph = NOTE_MARK.sub(lambda m: f"[{m.group(1)}]", paragraph)
    return paragraph.replace("\f", "\n").replace("\t", " ").strip()


def docx_text(data: bytes) -> tuple[str, list[Warning]]:
    """The text of a .docx: body, notes, page headers and footers (see the module's docstring)."""
    check_zip(data).close()
    try:
        from docx2python import docx2python
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ReadError(f"docx2python is not installed ({exc})") from None
    try:
        with docx2python(io.BytesIO(data)) as content:
            body = [_clean(p) for p in _paragraphs(content.body)]
            notes = [_clean(p) for p in _paragraphs(content.footnotes) + _paragraphs(content.endnotes)]
            margins = [_clean(p) for p in _paragraphs(content.header) + _paragraphs(content.footer)]
    except ReadError:
        raise
    except Exception as exc:  # docx2python raises KeyError, lxml and zip errors on damaged parts
        raise ReadError(f"not a valid .docx file ({type(exc).__name__})") from None
    warnings: list[Warning] = []
    # Footnote and endnote parts hold separators (empty notes) that docx2python numbers too.
    notes = [NOTE_LABEL.sub(lambda m: f"[{m.group(1)}] ", n) for n in notes]
    notes = [n for n in notes if n.strip() and not re.fullmatch(r"\[\d+\]\s*", n)]
    seen: set[str] = set()
    margin_lines = []
    for line in margins:  # the same header on every section is one header
        if line.strip() and line not in seen:
            seen.add(line)
            margin_lines.append(line)
    parts = ["\n".join(p for p in body if p.strip())]
    if notes:
        parts.append("\n".join(notes))
        warnings.append(Warning("notes", f"{len(notes)} footnote/endnote lines after the body"))
    if margin_lines:
        parts.append("\n".join(margin_lines))
    text = "\n\n".join(p for p in parts if p)
    if not text.strip():
        raise ReadError("no text in the .docx file")
    return text, warnings


def read_docx_bytes(data: bytes, source: str, digest: str, method: str = "docx") -> RawDocument:
    text, warnings = docx_text(data)
    return RawDocument(path=source, sha256=digest, pages=[Page(1, text, method)], warnings=warnings,
                       encoding="docx")


# ------------------------------------------------------------------------------------ LibreOffice


def converter() -> str | None:
    named = os.environ.get("DIRECTIVES_SOFFICE")
    if named:
        return named
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_timeout() -> float:
    try:
        return float(os.environ.get("DIRECTIVES_CONVERT_TIMEOUT", CONVERT_TIMEOUT))
    except ValueError:
        return CONVERT_TIMEOUT


def sniff(data: bytes, ext: str) -> str:
    """What a .doc/.odt/.rtf file really holds: word (OLE2), rtf, zip (odt or docx), html (web
    portals serve HTML saved as .doc) or text; a file that is none of them is refused here, since
    LibreOffice would import anything as plain text."""
    head = data[:2048].lstrip()
    if data.startswith(OLE2_MAGIC):
        return "word"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if re.match(rb"(?i)<(?:!doctype html|html|\?xml[^>]*>\s*<html)", head):
        return "html"
    raise ReadError(f"not a {ext} file (neither a Word, OpenDocument nor RTF document)")


def convert_to_docx(path: Path, data: bytes) -> bytes:
    """The file converted by LibreOffice to .docx bytes, in a temporary folder, under a time limit."""
    binary = converter()
    if binary is None:
        raise ReadError("cannot convert: LibreOffice is not installed (Debian: apt-get install "
                        "libreoffice-writer-nogui; `make` installs it)")
    timeout = convert_timeout()
    with tempfile.TemporaryDirectory(prefix="directives-convert-") as tmp:
        tmp_path = Path(tmp)
        # A plain file name: LibreOffice chokes on some characters, and the source stays untouched.
        source = tmp_path / f"input{path.suffix.lower()}"
        source.write_bytes(data)
        out_dir = tmp_path / "out"
        out_dir.mkdir()
        profile = _profile_dir().as_uri()
        cmd = [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
               "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir),
               str(source)]
        env = dict(os.environ, HOME=tmp)
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                    start_new_session=True)
        except OSError as exc:
            raise ReadError(f"cannot run the converter {binary}: {exc.strerror or exc}") from None
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise ReadError(f"conversion by LibreOffice did not finish in {timeout:g} s (stopped)") from None
        except BaseException:
            _kill_group(proc)
            raise
        produced = out_dir / "input.docx"
        if proc.returncode != 0 or not produced.exists() or produced.stat().st_size == 0:
            # LibreOffice prints a Java warning on every run; its own error line says why.
            said = [line.strip() for line in err.decode("utf-8", "replace").splitlines()
                    if line.strip() and "javaldx" not in line]
            reason = " ".join(" ".join(said).split()).removeprefix("Error: ")[:160] or f"exit {proc.returncode}"
            raise ReadError(f"LibreOffice could not convert it ({reason})")
        return produced.read_bytes()


_PROFILE: dict[int, Path] = {}


def _profile_dir() -> Path:
    """A LibreOffice profile for this process: made once (the first conversion takes ~5 s to set it
    up, the next ~1 s), never shared between processes (LibreOffice locks its profile). Removed at
    exit; a pool's worker may end without running exit handlers, so the profiles of processes that
    are gone are removed when a new one is made."""
    pid = os.getpid()
    if pid not in _PROFILE:
        import atexit

        base = Path(tempfile.gettempdir())
        prefix = f"directives-lo-profile-{os.getuid()}-"
        for old in base.glob(prefix + "*"):
            try:
                os.kill(int(old.name[len(prefix):]), 0)
            except ProcessLookupError:
                shutil.rmtree(old, ignore_errors=True)
            except (ValueError, PermissionError):
                pass
        path = base / f"{prefix}{pid}"
        path.mkdir(exist_ok=True)
        _PROFILE[pid] = path
        atexit.register(shutil.rmtree, path, True)
    return _PROFILE[pid]


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop the converter and the processes it started (its own session, so only those)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
        pass


def read_converted(path: Path, data: bytes, digest: str) -> RawDocument:
    ext = path.suffix.lower()
    kind = sniff(data, ext)
    if kind == "html":
        from .read_web import read_html

        doc = read_html(data, str(path), digest)
        doc.warnings.append(Warning("format", f"a web page saved as {ext}; read as HTML"))
        return doc
    if kind == "zip" and ext != ".odt":
        try:
            return read_docx_bytes(data, str(path), digest)
        except ReadError:
            pass  # another zip: let LibreOffice try
    converted = convert_to_docx(path, data)
    doc = read_docx_bytes(converted, str(path), digest, method="converted")
    doc.encoding = f"{ext.lstrip('.')} via LibreOffice"
    return doc
