"""Real PDF files built byte by byte for the tests and `bench/bench_resume_pdf.py`, so no binary fixture is checked in.

`text_pdf` writes a minimal but valid PDF (catalog, pages, Helvetica, one text stream per page) with a
correct cross-reference table; pypdf reads it as any viewer would. The bad inputs are built from it:
encrypted with pypdf's own writer, truncated, an image-only page, a PNG under a `.pdf` name.
"""

from __future__ import annotations

import io
import zlib

from pypdf import PdfReader, PdfWriter


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _document(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object 1 must be the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _stream(content: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(content)} {extra}>>\nstream\n".encode() + content + b"\nendstream"


def text_pdf(pages: list[list[str]] | list[str]) -> bytes:
    """A PDF whose pages carry the given lines as real text (a list of lines is one page)."""
    page_lines: list[list[str]] = [pages] if pages and isinstance(pages[0], str) else pages  # type: ignore[assignment]
    count = len(page_lines)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for index, lines in enumerate(page_lines):
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
        for line in lines:
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        content = "\n".join(ops).encode("cp1252")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * index} 0 R >>".encode()
        )
        objects.append(_stream(content))
    return _document(objects)


def image_only_pdf() -> bytes:
    """A scanned-looking page: one grey image XObject drawn full page, and no text at all."""
    width, height = 64, 64
    pixels = bytes((x * 4 + y) % 256 for y in range(height) for x in range(width))
    image = zlib.compress(pixels)
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        _stream(
            image,
            f"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray "
            "/BitsPerComponent 8 /Filter /FlateDecode ",
        ),
        _stream(content),
    ]
    return _document(objects)


def encrypted_pdf(source: bytes, *, user_password: str, owner_password: str = "owner-secret") -> bytes:
    """`source` re-written by pypdf with AES-256 encryption; an empty user password opens without asking."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes() -> bytes:
    """A real PNG (a photo someone renamed to resume.pdf)."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


RESUME_LINES = [
    "Alex Rivera",
    "alex@example.com | +1 555 0100",
    "SUMMARY",
    "Platform engineer who likes reliable systems.",
    "TECHNICAL SKILLS",
    "Languages: Python, Go, SQL",
    "Infrastructure: Kubernetes | Terraform | AWS",
    "EXPERIENCE",
    "Senior Platform Engineer, Acme Corp (2021 - 2024)",
    "- Moved 40 services onto Kubernetes and cut deploy time from 2 hours to 10 minutes.",
    "- Led the on-call rotation for six engineers.",
    "Software Engineer, Beta Labs (2018 - 2021)",
    "- Built the billing API in Python.",
    "PROJECTS",
    "- Cluster cost dashboard: Grafana panels that show each team its cloud spend.",
    "- Open-source Helm charts for a queue service.",
    "EDUCATION",
    "BSc Computer Science, State University",
]


def content_bomb_pdf(*, pages: int = 20, stream_mb: float = 2.0, op: bytes = b"BT /F1 1 Tf () Tj ET\n") -> bytes:
    """About 7 KB that cost a text extractor minutes: `pages` pages sharing one Flate stream of `stream_mb` MB of
    empty text operators (``BT /F1 1 Tf () Tj ET``, repeated), which compresses about 400:1 and draws nothing.
    The page size and font sit on the page tree (pages inherit them), so each extra page costs a few bytes."""
    compressed = zlib.compress(op * int(stream_mb * 1024 * 1024 / len(op)), 9)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> >>".encode(),
        _stream(compressed, "/Filter /FlateDecode "),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * pages
    return _document(objects)
