"""`tiendo check`: the data check (references empty or left pointing at a dead end); exit status 1 when it finds any.

Django's system checks stay one option away (`tiendo check --system`, or any of their own options)."""

import sys

from django.core.management.commands import check as system_check

from tiendo.core.commands import DataCommand
from tiendo.ops.integrity import find_problems


class Command(DataCommand, system_check.Command):
    help = "Kiểm tra dữ liệu: tham chiếu trống hoặc trỏ tới cơ quan, đơn vị đã hết hiệu lực mà không có kế thừa."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        self.add_json_argument(parser)
        parser.add_argument("--system", action="store_true", help="run Django's system checks instead")

    def handle(self, *app_labels, **options):
        if options["system"] or app_labels or options["deploy"] or options["tags"] or options["list_tags"]:
            return super().handle(*app_labels, **options)
        problems = find_problems()
        data = {"count": len(problems), "problems": [p.as_dict() for p in problems]}
        if problems:
            text = "\n".join([*(p.sentence() for p in problems), f"Tìm thấy {len(problems)} vấn đề."])
        else:
            text = "Dữ liệu không có tham chiếu trống hay trỏ tới cơ quan, đơn vị đã hết hiệu lực."
        self.emit(options, data, text)
        if problems:
            sys.exit(1)
