"""PDFs are read in a limited subprocess; Word and PDF versions are compared."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.entries.documents import _pdf_worker, pdf
from bot.entries.documents.compare import compare_texts
from bot.entries.documents.pdf import extract_pdf_text_safely
from tests.documents.docfactory import DOCS, FIXTURES, make_pdf


def test_ordinary_pdf_text_is_extracted() -> None:
    result = extract_pdf_text_safely((DOCS / "pdf-ordinary-two-pages.pdf").read_bytes())
    assert result.ok and result.pages == 2
    assert "page about France" in result.text
    assert not result.javascript


def test_javascript_on_page_open_is_found() -> None:
    result = extract_pdf_text_safely((DOCS / "pdf-javascript-action-on-page.pdf").read_bytes())
    assert result.ok and result.javascript


def test_javascript_is_found_through_the_object_graph() -> None:
    # Without the raw byte scan: the JS name sits in an action dictionary of page /AA.
    data = (DOCS / "pdf-javascript-action-on-page.pdf").read_bytes()
    import io

    from pypdf import PdfReader

    assert _pdf_worker._has_javascript(PdfReader(io.BytesIO(data)))


def test_encrypted_pdf_is_encrypted_not_corrupt() -> None:
    result = extract_pdf_text_safely((DOCS / "pdf-encrypted-user-password.pdf").read_bytes())
    assert result.fault == "encrypted"


def test_truncated_pdf_from_a_real_mail_is_a_clear_fault() -> None:
    path = FIXTURES / "mail" / "human-truncated-pdf-attachment.eml"
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    data = next(message.iter_attachments()).get_content()
    result = extract_pdf_text_safely(data)
    assert result.fault == "corrupt"
    assert "avkortad" in result.detail


def test_garbage_and_empty_input_are_faults_not_exceptions() -> None:
    assert extract_pdf_text_safely(b"%PDF-1.7\nnonsense\n%%EOF").fault == "corrupt"
    assert extract_pdf_text_safely(b"").fault == "corrupt"


def _slow_pdf() -> bytes:
    # One page of 100,000 text lines: pypdf needs several CPU seconds for it.
    return make_pdf("\n".join(f"Rad {i}" for i in range(100_000)), lines_per_page=100_000)


PDF_MEMORY = 768 * 1024 * 1024  # extract_pdf_text_safely's default


def test_timeout_and_memory_limit_end_in_a_fault() -> None:
    data = (DOCS / "pdf-ordinary-two-pages.pdf").read_bytes()
    assert extract_pdf_text_safely(_slow_pdf(), timeout=0.5).fault == "timeout"
    assert extract_pdf_text_safely(data, memory_bytes=8 * 1024 * 1024).fault == "corrupt"


def test_the_next_pdf_is_read_after_a_timeout_and_the_slow_worker_is_gone() -> None:
    data = (DOCS / "pdf-ordinary-two-pages.pdf").read_bytes()
    assert extract_pdf_text_safely(data).ok
    worker = pdf._workers.get(PDF_MEMORY)
    assert worker is not None
    assert extract_pdf_text_safely(_slow_pdf(), timeout=0.5).fault == "timeout"
    assert worker.process.poll() is not None  # killed, not left running
    assert extract_pdf_text_safely(data).ok
    assert pdf._workers.get(PDF_MEMORY) is not None and pdf._workers.get(PDF_MEMORY) is not worker


def _cpu_seconds(pid: int) -> float:
    """The CPU time a process has used so far (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_one_worker_reads_many_pdfs_each_with_its_own_cpu_allowance() -> None:
    # Each file may use 1 CPU second; the worker reads files until together they used more
    # than two such allowances, so it must move its CPU limit up for each file instead of
    # dying of SIGXCPU. CPU time is counted, not wall time, and the wall-clock timeout is
    # generous, so a slow or busy machine reads more files, not fewer.
    data = make_pdf("\n".join(f"Rad {i} om kvalitet" for i in range(4_000)), lines_per_page=90)
    first = extract_pdf_text_safely(data, timeout=120, cpu_seconds=1)
    worker = pdf._workers.get(PDF_MEMORY)
    assert worker is not None
    results = [first]
    while _cpu_seconds(worker.process.pid) < 2.5 and len(results) < pdf.MAX_FILES:
        results.append(extract_pdf_text_safely(data, timeout=120, cpu_seconds=1))
        assert pdf._workers.get(PDF_MEMORY) is worker
    assert _cpu_seconds(worker.process.pid) >= 2.5
    assert all(r.ok and r.pages == first.pages for r in results)


def test_the_worker_dies_of_its_cpu_limit_without_a_wall_clock_timeout() -> None:
    # The worker itself, driven directly: 1 CPU second for a file that needs many.
    data = _slow_pdf()
    script = Path(pdf.__file__).with_name("_pdf_worker.py")
    command = [sys.executable, "-I", str(script), str(512 * 1024 * 1024)]
    worker = subprocess.run(
        command,
        input=_pdf_worker.HEADER.pack(len(data), 1, 2) + b"{}" + data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert worker.returncode == -signal.SIGXCPU
    assert worker.stdout == b""


def test_generated_pdf_round_trips_swedish_text() -> None:
    result = extract_pdf_text_safely(make_pdf("Förskolan Solrosen\nÅtgärder för ökad nöjdhet"))
    assert "Solrosen" in result.text and "Åtgärder" in result.text


_TEXT = " ".join(
    f"Stycke {i}: vi arbetar systematiskt med kvalitet och uppföljning." for i in range(80)
)


def test_pdf_extraction_noise_still_counts_as_same_version() -> None:
    noisy = _TEXT.replace("systematiskt", "syste matiskt").replace("uppföljning", "upp-\nföljning")
    noisy += " Sida 1 av 3 Kvalitetsutmärkelsen 2024"
    assert compare_texts(_TEXT, noisy).same_version


def test_a_rewritten_version_differs() -> None:
    other = " ".join(
        f"Avsnitt {i}: nya mål för året beslutades av ledningsgruppen i mars." for i in range(80)
    )
    result = compare_texts(_TEXT, _TEXT[: len(_TEXT) // 3] + other)
    assert result.comparable and not result.same_version


def test_scanned_pdf_without_text_is_not_comparable() -> None:
    assert not compare_texts(_TEXT, "").comparable


def test_a_shutdown_signal_to_the_process_group_does_not_cost_the_pdf_in_hand() -> None:
    # The bot finishes the message in hand on SIGTERM or Ctrl-C, so its worker must not
    # die of the same signal and turn a good PDF into an unreadable one.
    data = (DOCS / "pdf-ordinary-two-pages.pdf").read_bytes()
    assert extract_pdf_text_safely(data).ok
    worker = pdf._workers.get(PDF_MEMORY)
    assert worker is not None
    worker.process.send_signal(signal.SIGTERM)
    worker.process.send_signal(signal.SIGINT)
    assert extract_pdf_text_safely(data).ok
    assert pdf._workers.get(PDF_MEMORY) is worker and worker.process.poll() is None
