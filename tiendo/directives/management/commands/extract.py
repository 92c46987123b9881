from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from tiendo.core.commands import DataCommand, parse_day, read_text, unreadable
from tiendo.directives import extracting
from tiendo.domain.extraction import to_json


class Command(DataCommand):
    help = "Propose tasks (who / what / by when) from the text of a meeting conclusion: .txt, .docx, .pdf or - (stdin)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the document (.txt, .docx, .pdf), or - to read text from standard input")
        parser.add_argument("--date", help="date of the document (yyyy-mm-dd or dd/mm/yyyy); else read from the text")
        self.add_json_argument(parser)

    def handle(self, *args, file, date=None, **options):
        if file == "-":
            text = read_text("-")
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"Không tìm thấy tệp '{file}'.")
            try:
                text = extracting.read_document(path.name, path.read_bytes())
            except ValidationError as error:  # not UTF-8, a corrupt .docx, a scanned PDF...: the file is unreadable
                raise unreadable(" ".join(error.messages)) from None
        day = parse_day(date) if date else None
        result = to_json(extracting.propose(text, day))
        lines = [f"Ngày văn bản: {result['document_date'] or '—'}", f"{len(result['tasks'])} nhiệm vụ:"]
        for number, task in enumerate(result["tasks"], 1):
            deadline = task["deadline"] or task["deadline_text"] or "—"
            agency = f" [{task['agency']}]" if task.get("agency") else ""
            lines.append(f"{number}. {task['assignee']}{agency}: {task['action']} (hạn: {deadline})")
        self.emit(options, result, "\n".join(lines))
