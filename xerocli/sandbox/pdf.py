"""A document as a real PDF: `GET /{Collection}/{ID}` with `Accept: application/pdf`, or
`GET /{Collection}/{ID}/pdf` (Xero's spec gives both paths for one operation; `register`).

Xero renders invoices, credit notes, quotes and purchase orders as PDFs (its `/pdf` operations
are that GET with another Accept). The sandbox writes its own with a generator small enough to
read: PDF 1.4, the standard Helvetica fonts (no font files), one page per `LINES_PER_PAGE`
lines, text objects only, and a cross-reference table with each object's exact byte offset,
so any reader opens it. It shows the number, contact, dates, reference, every line and the
totals.
"""

from __future__ import annotations

from decimal import Decimal

from xerocli.sandbox import document_lookup as lookup
from xerocli.sandbox import resources
from xerocli.sandbox.http import Request, Response, Router
from xerocli.sandbox.store import Store
from xerocli.sandbox.xerojson import loads, parse_date

PDF_TYPE = "application/pdf"
LINES_PER_PAGE = 40
PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 50
LEADING = 18
FONT_SIZE = 10
#: Helvetica's advance widths (per 1000 em) for what right-aligned amounts contain.
_DIGIT_WIDTHS = {",": 278, ".": 278, "-": 333, " ": 278}
_DESCRIPTION_CHARS = 48


def wanted(kind: str, req: Request) -> bool:
    """Whether a GET by ID asks for the PDF of a document Xero renders."""
    resource = resources.by_collection(kind)
    return (
        bool(resource and resource.documents.pdf_titles)
        and PDF_TYPE in (req.header("Accept") or "").lower()
    )


def answer(kind: str, body: str) -> Response:
    record = loads(body)
    return Response(200, render(kind, record), {"Content-Type": PDF_TYPE})


class PdfPaths:
    """`GET /{Collection}/{ID}/pdf`: the same PDF as the `Accept` form, whatever Accept says."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def register(self, router: Router) -> None:
        router.add("GET", f"{lookup.API}/{{collection}}/{{record_id}}/pdf", self.get)

    def get(self, req: Request) -> Response:
        found = lookup.path_record(self.store, req, lambda documents: bool(documents.pdf_titles))
        if found is None:
            return lookup.not_found()
        kind, record = found
        return Response(200, render(kind, record), {"Content-Type": PDF_TYPE})


# --- the page's content --------------------------------------------------------------------
#: One line of the page: (x, text, bold, right-aligned) pieces.
Piece = tuple[float, str, bool, bool]


def render(kind: str, record: dict) -> bytes:
    """The document's PDF."""
    lines = _content(kind, record)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    number = str(record.get(resources.get(kind).number_field or "", "") or "")
    return _pdf([_page_stream(page, n, len(pages)) for n, page in enumerate(pages, 1)], number)


def _content(kind: str, record: dict) -> list[list[Piece]]:
    titles = resources.get(kind).documents.pdf_titles
    title = titles.get(record.get("Type"), titles[None])
    number = str(record.get(resources.get(kind).number_field or "", "") or "")
    contact = (record.get("Contact") or {}).get("Name", "")
    currency = record.get("CurrencyCode", "")
    lines: list[list[Piece]] = [
        [(MARGIN, f"{title} {number}".strip(), True, False)],
        [],
        [(MARGIN, "To:", True, False), (MARGIN + 60, contact, False, False)],
    ]
    fields = [
        ("Date:", _day(record.get("Date"))),
        ("Due:", _day(record.get("DueDate"))),
        ("Delivery:", _day(record.get("DeliveryDate"))),
        ("Reference:", str(record.get("Reference") or "")),
        ("Status:", str(record.get("Status") or "")),
    ]
    for label, value in fields:
        if value:
            lines.append([(MARGIN, label, True, False), (MARGIN + 60, value, False, False)])
    lines.append([])
    right = PAGE_WIDTH - MARGIN
    lines.append(
        [
            (MARGIN, "Description", True, False),
            (right - 200, "Qty", True, True),
            (right - 100, "Unit price", True, True),
            (right, f"Amount {currency}".strip(), True, True),
        ]
    )
    for item in record.get("LineItems") or []:
        wrapped = _wrap(str(item.get("Description") or "")) or [""]
        lines.append(
            [
                (MARGIN, wrapped[0], False, False),
                (right - 200, _number(item.get("Quantity")), False, True),
                (right - 100, _unit(item.get("UnitAmount")), False, True),
                (right, _money(item.get("LineAmount", 0)), False, True),
            ]
        )
        lines.extend([[(MARGIN + 10, more, False, False)]] for more in wrapped[1:])
    lines.append([])
    for label, field, bold in (
        ("Subtotal", "SubTotal", False),
        ("Total tax", "TotalTax", False),
        (f"Total {currency}".strip(), "Total", True),
        ("Amount due", "AmountDue", False),
        ("Remaining credit", "RemainingCredit", False),
    ):
        if record.get(field) is not None:
            lines.append(
                [(right - 200, label, bold, True), (right, _money(record[field]), bold, True)]
            )
    return lines


def _wrap(text: str) -> list[str]:
    words, out, current = text.split(), [], ""
    for word in words:
        while len(word) > _DESCRIPTION_CHARS:
            if current:
                out.append(current)
                current = ""
            out.append(word[:_DESCRIPTION_CHARS])
            word = word[_DESCRIPTION_CHARS:]
        if current and len(current) + 1 + len(word) > _DESCRIPTION_CHARS:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    return out


def _day(value: object) -> str:
    try:
        day = parse_date(value)
    except (ValueError, TypeError):
        return ""
    return day.isoformat() if day else ""


def _number(value: object) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if number == number.to_integral():
        return f"{number.to_integral():f}"
    two = number.quantize(Decimal("0.01"))
    return f"{two:f}" if two == number else f"{number.normalize():f}"


def _unit(value: object) -> str:
    """A unit price to 2 places, or to 4 where it has them."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    two = number.quantize(Decimal("0.01"))
    return f"{two:,}" if two == number else f"{number.normalize():,}"


def _money(value: object) -> str:
    return f"{Decimal(str(value)).quantize(Decimal('0.01')):,}"


# --- PDF syntax ----------------------------------------------------------------------------
def _text_width(text: str, size: float) -> float:
    return sum(_DIGIT_WIDTHS.get(ch, 556) for ch in text) * size / 1000


def _literal(text: str) -> bytes:
    """A PDF string literal in WinAnsi (what a standard font reads); others become `?`."""
    raw = text.encode("cp1252", "replace")
    out = bytearray(b"(")
    for byte in raw:
        if byte in (0x28, 0x29, 0x5C):  # ( ) \
            out += b"\\" + bytes([byte])
        elif byte < 0x20 or byte == 0x7F:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def _page_stream(lines: list[list[Piece]], page: int, pages: int) -> bytes:
    parts = []
    y = PAGE_HEIGHT - MARGIN
    for line in lines:
        for x, text, bold, right_aligned in line:
            if not text:
                continue
            size = FONT_SIZE + (4 if bold and line is lines[0] and page == 1 else 0)
            left = x - _text_width(text, size) if right_aligned else x
            font = b"/F2" if bold else b"/F1"
            parts.append(
                b"BT %s %d Tf %.2f %.2f Td %s Tj ET" % (font, size, left, y, _literal(text))
            )
        y -= LEADING
    if pages > 1:
        footer = f"Page {page} of {pages}"
        parts.append(
            b"BT /F1 8 Tf %.2f %d Td %s Tj ET"
            % (PAGE_WIDTH - MARGIN - _text_width(footer, 8), MARGIN // 2, _literal(footer))
        )
    return b"\n".join(parts)


def _pdf(streams: list[bytes], title: str) -> bytes:
    """Objects 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content each."""
    count = len(streams)
    kids = " ".join(f"{6 + 2 * i} 0 R" for i in range(count))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _literal(title) + b" /Producer (xerocli sandbox) >>",
    ]
    for i, stream in enumerate(streams):
        content = 7 + 2 * i
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]"
                " /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >>"
                f" /Contents {content} 0 R >>"
            ).encode("ascii")
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream) + 0, stream))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
