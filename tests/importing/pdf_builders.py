"""Small hand-built PDFs for the importer's tests: well-formed or hostile on purpose."""

from __future__ import annotations

import zlib


def build(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"", xref: bool = True) -> bytes:
    """A PDF from object bodies (object n is objects[n-1]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for off in offsets:
            out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        start,
    )
    return bytes(out)


def text_pdf(lines: list[str]) -> bytes:
    """One page showing ``lines`` in Helvetica, a line each."""
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")
        ops.append(b"(" + safe + b") Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


PROFILE_LINES = [
    "Job Title: Records Clerk",
    "Grade: SO1",
    "Behaviours",
    "We take ownership - Level 1",
    "All behaviours will be assessed at interview.",
]


def stream_bomb(inflated_mb: int = 200) -> bytes:
    """A page whose content stream is small on disk but inflates to ``inflated_mb`` MB."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(comp.compress(chunk) for _ in range(inflated_mb)) + comp.flush()
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        ]
    )


def many_pages(pages: int = 5000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (n + 4) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"] * pages
    return build(objects)


def with_javascript() -> bytes:
    base = text_pdf(PROFILE_LINES)
    return base.replace(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>",
    )


def broken_xref() -> bytes:
    """Every xref offset wrong, /Prev pointing back at itself, startxref past the end."""
    good = text_pdf(PROFILE_LINES)
    head, _, _ = good.partition(b"xref\n")
    bad_xref = b"xref\n0 6\n" + b"".join(b"%010d 00000 n \n" % (999_999 + n) for n in range(6))
    return (
        head + bad_xref + b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(head), 10**9)
    )


def image_only() -> bytes:
    """A scanned page: one grey image, no text."""
    pixels = bytes(range(64)) * 64
    content = b"q 400 0 0 400 100 200 cm /Im1 Do Q"
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 "
            b"/Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
        ]
    )


def encrypted() -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf(PROFILE_LINES))))
    writer.encrypt(user_password="hollowmere", owner_password="owner", algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
