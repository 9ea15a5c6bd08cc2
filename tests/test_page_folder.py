"""A folder of page images (page-001.png, ...) is one document: ingested whole, with its metadata from
page 1 and references on later pages carrying their page number."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.discover import discover
from pipeline.ingest import ingest
from pipeline.read import ReadError, page_images, read_document
from pipeline.demo.samples import render_text_pdf, scan_pages

ROOT = Path(__file__).resolve().parent.parent
SEED = "002_910c16d3ab6d948d"


@pytest.fixture(scope="module")
def page_folder(tmp_path_factory) -> Path:
    """Seed 002 rendered, scanned and saved as page images, as a researcher's scanner would."""
    text = (ROOT / "corpus" / f"{SEED}.txt").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("scans") / SEED
    folder.mkdir()
    for i, image in enumerate(scan_pages(render_text_pdf(text), seed=2), start=1):
        image.save(folder / f"page-{i:03d}.png")
    return folder


def test_page_folders_are_recognised_by_their_names(tmp_path, page_folder):
    assert [p.name for p in page_images(page_folder)][:2] == ["page-001.png", "page-002.png"]
    mixed = tmp_path / "mixed"
    shutil.copytree(page_folder, mixed)
    (mixed / "notes.txt").write_text("ghi chú", encoding="utf-8")
    assert page_images(mixed) is None  # anything else in it: a folder to walk, not a document
    with pytest.raises(ReadError, match="is a folder"):
        read_document(mixed)


def test_a_page_folder_is_one_document(tmp_path, page_folder, monkeypatch):
    monkeypatch.setenv("DIRECTIVES_CACHE_DIR", str(tmp_path / "ocr-cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copytree(page_folder, corpus / page_folder.name)
    assert [p for p, _ in discover([corpus])] == [corpus / page_folder.name]
    summary = ingest([corpus], tmp_path / "build", workers=1)
    assert [o.status for o in summary.outcomes] == ["ok"]
    docs = pd.read_parquet(tmp_path / "build" / "documents.parquet")
    [doc] = docs.to_dict("records")
    assert doc["symbol"] == "754-CT/ĐU" and doc["date"] == "2013-08-28" and doc["pages"] >= 2
    assert list(doc["ocr_pages"]) == list(range(1, doc["pages"] + 1))
    refs = pd.read_parquet(tmp_path / "build" / "references.parquet")
    # 290-QĐ/TW is cited near the end of the plan, on a later page than the header.
    row = refs[refs.symbol == "290-QĐ/TW"].iloc[0]
    assert row.page > 1
    assert set(refs.resolved_symbol.dropna()) >= {"25-NQ/TW", "290-QĐ/TW", "02-NQ/ĐUK"}
