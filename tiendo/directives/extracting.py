"""Meeting text in, proposed tasks out: reads uploads and gives the pure extractor the agencies the database knows.

The extractor itself (tiendo.domain.extraction) knows nothing of the database; here each agency of the province,
including those merged away since, is offered under its names, keyed by the code of the agency that carries its
work today, so "Sở Kế hoạch và Đầu tư" in a 2024 text lands on the Department of Finance after the 2025 merger.
"""

import io
import re
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.domain.input_checks import Refused, decode_text
from tiendo.domain.text import normalize

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
READABLE = (".txt", ".docx", ".pdf")


def read_document(name: str, data: bytes) -> str:
    """The text of a .txt, .docx or .pdf file, NFC-normalised; a clear error for anything else."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    if suffix == ".txt":
        text = _decode(data)
    elif suffix == ".docx":
        text = _read_docx(data)
    elif suffix == ".pdf":
        text = _read_pdf(data)
    else:
        raise ValidationError(_("Only .txt, .docx and .pdf files can be read (got “%(name)s”).") % {"name": name})
    text = normalize(text).strip()
    if not text:
        raise ValidationError(_("No text could be read from “%(name)s”.") % {"name": name})
    return text


def _decode(data: bytes) -> str:
    """UTF-8, or UTF-16 with its byte-order mark (Notepad's "Unicode"); never a guess that reads nonsense."""
    try:
        return decode_text(data, accept_utf16=True)
    except Refused:
        raise ValidationError(_("The text file is not in UTF-8: save it as UTF-8 and try again.")) from None


def _read_docx(data: bytes) -> str:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as error:
        raise ValidationError(_("This .docx file cannot be opened.")) from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        raise ValidationError(_("This PDF file cannot be read.")) from error
    if not "".join(pages).strip():
        raise ValidationError(_("This PDF holds no text (a scan?): type or paste the text instead."))
    return "\n".join(pages)


_PLACE_SUFFIX = re.compile(r"\s+(tỉnh|thành phố|TP\.?)\s+[^,;()]+$", re.IGNORECASE)


def _names(agency: Agency) -> list[str]:
    names = [agency.name]
    if agency.short_name:
        names.append(agency.short_name)
    bare = _PLACE_SUFFIX.sub("", agency.name).strip()
    if bare and bare != agency.name:
        names.append(bare)
    return names


def known_bodies() -> list:
    """The province's agencies (present and merged away), each under the code of whoever carries its work today."""
    from tiendo.domain import extraction

    rows = list(
        Agency.objects.exclude(kind=Agency.Kind.CENTRAL).only(
            "pk", "code", "name", "short_name", "successor_id", "admin_unit_id"
        )
    )
    by_pk = {agency.pk: agency for agency in rows}

    def today_of(agency: Agency) -> Agency:
        seen = set()
        while agency.successor_id in by_pk and agency.pk not in seen:
            seen.add(agency.pk)
            agency = by_pk[agency.successor_id]
        return agency

    installation = Installation.current()
    local_units = None
    if installation is not None:
        province = installation.province
        local_units = {province.pk, *AdminUnit.objects.filter(parent=province).values_list("pk", flat=True)}
    bodies = []
    for agency in rows:
        heir = today_of(agency)
        if local_units is not None and heir.admin_unit_id not in local_units:
            continue
        bodies.append(extraction.KnownBody(key=heir.code, names=tuple(_names(agency))))
    return bodies


def propose(text: str, document_date: date | None = None):
    """Proposed tasks; without a database (a fresh install) the text is still read, just not matched to agencies."""
    from tiendo.domain import extraction

    try:
        known = known_bodies()
    except DatabaseError:
        known = []
    return extraction.extract(normalize(text), document_date, known)
