"""The house style of tiendo's printable .xlsx reports, shared by the task summary and the review list."""

from dataclasses import dataclass
from typing import Any


@dataclass
class ReportBook:
    book: Any
    title: Any
    note: Any
    head: Any
    text: Any
    count: Any


def report_book(target) -> ReportBook:
    """A workbook that keeps every cell as typed (no formulas, numbers or links guessed from text), with the
    formats each report uses: a title, a grey note, a header row, wrapped text and thousands-grouped counts."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        target, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    return ReportBook(
        book=book,
        title=book.add_format({"bold": True, "font_size": 14}),
        note=book.add_format({"italic": True, "font_color": "#5F6B7A"}),
        head=book.add_format(
            {
                "bold": True,
                "bg_color": "#E8EEF7",
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        ),
        text=book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
        count=book.add_format({"border": 1, "num_format": "#,##0", "valign": "top"}),
    )


def print_on_a4(ws, header_row: int) -> None:
    """Landscape A4, one page wide, the header repeated on each page, "Trang n/m" in the footer."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&CTrang &P/&N")
