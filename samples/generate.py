#!/usr/bin/env python3
"""Regenerate samples/pdf/*.pdf and samples/truth/*.json (see samples/README.md).

Needs LibreOffice (soffice), Chromium, Ghostscript, qpdf and poppler-utils.  Every document is
built from one data model (samples/gen/model.py); the truth JSON is emitted from the same objects
and then checked against the rendered PDF (samples/gen/verify.py), so a layout surprise fails the
run instead of producing wrong truth.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen import invented, render_docx, render_html, render_xlsx, seed, verify  # noqa: E402
from gen.model import Document  # noqa: E402

PDF = HERE / "pdf"
TRUTH = HERE / "truth"
WORK = Path(tempfile.mkdtemp(prefix="budgetpdf-samples-"))


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr}")


def soffice(src: Path) -> Path:
    profile = WORK / "lo-profile"
    run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(WORK), str(src)])
    return src.with_suffix(".pdf")


def chromium(src: Path) -> Path:
    out = src.with_suffix(".pdf")
    profile = tempfile.mkdtemp(prefix="chromium-", dir=WORK)
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()])
    return out


def render(doc: Document, how: str) -> tuple[Path, str]:
    """Render with a real producer; return the PDF and a description of the pipeline."""
    if how == "writer":
        src = WORK / f"{doc.stem}.docx"
        render_docx.render(doc, str(src))
        return soffice(src), "DOCX (python-docx) → LibreOffice Writer PDF export"
    if how == "calc":
        src = WORK / f"{doc.stem}.xlsx"
        render_xlsx.render(doc, str(src))
        return soffice(src), "XLSX (openpyxl) → LibreOffice Calc PDF export"
    if how == "chromium":
        src = WORK / f"{doc.stem}.html"
        src.write_text(render_html.render(doc), encoding="utf-8")
        return chromium(src), "HTML → headless Chromium --print-to-pdf (Skia)"
    raise ValueError(how)


def truth_of(doc: Document, pdf: Path, pipeline: str) -> dict:
    tables = [t.truth() for t in doc.tables()]
    verify.locate(str(pdf), tables)
    forms = [f.truth() for f in doc.forms()]
    form_tables = iter(t for t in tables if t["kind"] == "performance_targets")
    for f in forms:
        f["pages"] = next(form_tables)["pages"]
    return {
        "file": f"{doc.stem}.pdf",
        "producer": verify.producer(str(pdf)),
        "pipeline": pipeline,
        "encrypted": False,
        "text_layer": True,
        "page_count": verify.page_count(str(pdf)),
        "unit": doc.unit,
        "year": doc.year,
        "document_kind": doc.document_kind,
        "tables": tables,
        "forms": forms,
    }


def dump(value, indent: str = "") -> str:
    """JSON with one table row (a list of scalars) per line: readable diffs, small files."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}" if items else "{}"
    if isinstance(value, list) and any(isinstance(v, (list, dict)) for v in value):
        return "[\n" + ",\n".join(inner + dump(v, inner) for v in value) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def write(truth: dict, pdf: Path) -> None:
    stem = Path(truth["file"]).stem
    shutil.copyfile(pdf, PDF / f"{stem}.pdf")
    (TRUTH / f"{stem}.json").write_text(dump(truth) + "\n", encoding="utf-8")
    print(f"{stem}: {truth['page_count']} pages, {len(truth['tables'])} tables, {(PDF / f'{stem}.pdf').stat().st_size // 1024} KiB")


def derive(base: dict, src: Path, stem: str, how: str) -> None:
    """A copy of `src` made by gs / qpdf; its truth is the source's, re-verified on the copy."""
    out = WORK / f"{stem}.pdf"
    truth = json.loads(json.dumps(base))
    truth["file"] = f"{stem}.pdf"
    if how == "gs":
        run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", str(src)])
        truth["pipeline"] = base["pipeline"] + " → Ghostscript pdfwrite (re-distilled)"
    elif how in ("aes128", "aes256"):
        bits = how[3:]
        aes = ["--use-aes=y"] if bits == "128" else []
        run(["qpdf", "--encrypt", "", f"owner-{stem}", bits, *aes, "--extract=n", "--modify=none", "--",
             str(src), str(out)])
        truth["pipeline"] = base["pipeline"] + f" → qpdf AES-{bits} (empty user password, owner password, extraction not allowed)"
        truth["encrypted"] = True
    elif how == "rotate":
        run(["qpdf", "--rotate=+90", str(src), str(out)])
        truth["pipeline"] = base["pipeline"] + " → qpdf --rotate=+90 (/Rotate 90 on every page)"
        truth["rotation"] = 90
    elif how == "image":
        run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfimage8", "-r100",
             f"-sOutputFile={out}", str(src)])
        truth["pipeline"] = base["pipeline"] + " → Ghostscript pdfimage8 at 100 dpi (pages are images, no text layer)"
        truth["text_layer"] = False
    else:
        raise ValueError(how)
    truth["producer"] = verify.producer(str(out))
    if truth["text_layer"]:
        verify.check_same(str(out), truth["tables"], by_line=how != "rotate")
    elif verify.has_text(str(out)):
        raise verify.Mismatch(f"{out}: image-only copy still has text")
    if verify.page_count(str(out)) != base["page_count"]:
        raise verify.Mismatch(f"{out}: page count changed")
    write(truth, out)


# (document, producer, derived copies: (stem suffix, how))
PLAN = [
    (lambda: seed.document("changzhi_2023_unit_budget_writer"), "writer",
     [("gs", "gs"), ("aes128", "aes128"), ("rotated", "rotate")]),
    (lambda: seed.document("changzhi_2023_unit_budget_chromium"), "chromium",
     []),
] + invented.PLAN


def main() -> None:
    only = set(sys.argv[1:])
    PDF.mkdir(exist_ok=True)
    TRUTH.mkdir(exist_ok=True)
    for make, how, copies in PLAN:
        doc = make()
        if only and doc.stem not in only:
            continue
        pdf, pipeline = render(doc, how)
        truth = truth_of(doc, pdf, pipeline)
        write(truth, pdf)
        for suffix, kind in copies:
            derive(truth, pdf, f"{doc.stem}_{suffix}", kind)
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
