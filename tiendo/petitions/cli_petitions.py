"""`tiendo petitions list/show/create/classify/assign/start/answer/publish/close`: the desk's and the agency's moves
from the command line, through the same services and access layer as the pages. Each takes --as USER (default
admin) and --json; a refusal (no right, bad input, a stale version) is one Vietnamese sentence on standard error,
exit status 2."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import translation

from tiendo.audit.versions import StaleVersion
from tiendo.domain.tabular import parse_date

from . import listing, services
from .models import Channel, Kind, Petition, State, Topic

REFUSED = 2


def _common(parser, version: bool = False) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--as", dest="actor", default=None, help="user name acted as (default: admin)")
    if version:
        parser.add_argument("--expect-version", type=int, default=None, help="refuse if the petition changed since")
        parser.add_argument("--on", default="", help="the day of the move, dd/mm/yyyy (default: today)")


def add_arguments(sub) -> None:
    listing_ = sub.add_parser("list", help="the petitions the user sees, newest first")
    _common(listing_)
    listing_.add_argument("--state", default="", help=f"one of: {', '.join(State.values)}")
    listing_.add_argument("--agency", default="", help="the responsible agency's code")
    listing_.add_argument("--topic", default="", help=f"one of: {', '.join(Topic.values)}")
    listing_.add_argument("--overdue", action="store_true", help="only open petitions past their deadline")
    listing_.add_argument("--year", type=int, default=None, help="received in this year")
    listing_.add_argument("--q", default="", help="words of the number, title or text")
    listing_.set_defaults(handler=list_command)

    show = sub.add_parser("show", help="one petition with its text, answer and timeline")
    _common(show)
    show.add_argument("petition", help="its number (KN-2026-0001) or id")
    show.set_defaults(handler=show_command)

    create = sub.add_parser("create", help="record a petition received by letter, hotline, e-mail, the national system")
    _common(create)
    create.add_argument("text", nargs="?", default="", help="the petition's text (or --text-file)")
    create.add_argument("--text-file", default="", help="a UTF-8 file holding the text")
    create.add_argument("--title", default="", help="a short title (default: the text's first line)")
    create.add_argument("--enterprise", default="", help="the enterprise's tax code or id")
    create.add_argument("--petitioner", default="", help="the petitioner's name (no enterprise in the registry)")
    create.add_argument("--contact", default="", help="the petitioner's phone or e-mail")
    create.add_argument("--channel", default=Channel.LETTER, choices=Channel.values)
    create.add_argument("--reference", default="", help="the letter's number, the call's log or the system's code")
    create.add_argument("--received", default="", help="dd/mm/yyyy (default: today)")
    create.add_argument("--topic", default=Topic.OTHER, choices=Topic.values)
    create.add_argument("--project", action="append", default=[], help="a project's code (repeatable)")
    create.set_defaults(handler=create_command)

    classify = sub.add_parser("classify", help="the desk classifies: kind, topic, responsible agency")
    _common(classify, version=True)
    classify.add_argument("petition")
    classify.add_argument("--kind", required=True, choices=Kind.values)
    classify.add_argument("--topic", default="", help="default: the petition's topic")
    classify.add_argument("--agency", default="", help="the responsible agency's code")
    classify.add_argument("--complaint", action="store_true", help="a complaint or denunciation: redirected")
    classify.add_argument("--redirect-note", default="", help="where the petitioner should go instead")
    classify.add_argument("--reason", default="")
    classify.set_defaults(handler=classify_command)

    assign = sub.add_parser("assign", help="route to the agency (and an officer of it)")
    _common(assign, version=True)
    assign.add_argument("petition")
    assign.add_argument("--agency", default="", help="the agency's code (default: the one classified)")
    assign.add_argument("--officer", default="", help="the officer's user name")
    assign.add_argument("--reason", default="")
    assign.set_defaults(handler=assign_command)

    start = sub.add_parser("start", help="the agency starts working on it")
    _common(start, version=True)
    start.add_argument("petition")
    start.set_defaults(handler=start_command)

    answer = sub.add_parser("answer", help="the answer with its legal basis")
    _common(answer, version=True)
    answer.add_argument("petition")
    answer.add_argument("text", nargs="?", default="", help="the answer (or --text-file)")
    answer.add_argument("--text-file", default="")
    answer.add_argument("--legal-basis", default="")
    answer.add_argument("--document", default="", help="the answering document, e.g. Công văn 12/SXD-QLXD")
    answer.add_argument("--consent", action="store_true", help="the petitioner agrees to publication")
    answer.set_defaults(handler=answer_command)

    publish = sub.add_parser("publish", help="publish the answer without personal data")
    _common(publish, version=True)
    publish.add_argument("petition")
    publish.add_argument("--required-by-law", action="store_true")
    publish.set_defaults(handler=publish_command)

    close = sub.add_parser("close", help="close a petition")
    _common(close, version=True)
    close.add_argument("petition")
    close.add_argument("--reason", default="")
    close.set_defaults(handler=close_command)


def guarded(command, options, action: str, run):
    """Run as the --as user in Vietnamese; every refusal one sentence, exit status 2."""
    try:
        user = command.actor(options)
    except CommandError as error:
        raise CommandError(str(error), returncode=REFUSED) from None
    with translation.override("vi"):
        try:
            return user, run(user)
        except Http404:
            raise CommandError(
                f"Không tìm thấy kiến nghị '{options.get('petition', '')}' (hoặc không có quyền).", returncode=REFUSED
            ) from None
        except PermissionDenied:
            raise CommandError(f"Không có quyền {action}: {user.username}.", returncode=REFUSED) from None
        except StaleVersion as stale:
            raise CommandError(stale.messages[0], returncode=REFUSED) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=REFUSED) from None


def _day(value: str):
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise ValidationError(f"Ngày không hợp lệ: '{value}' (dùng dd/mm/yyyy).") from None


def _read_text(options) -> str:
    if options.get("text_file"):
        path = Path(options["text_file"])
        try:
            return path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise ValidationError(f"Không tìm thấy tệp '{path}'.") from None
        except (OSError, UnicodeDecodeError):
            raise ValidationError(f"Không đọc được tệp '{path}' (cần văn bản UTF-8).") from None
    return options.get("text") or ""


def _line(petition: Petition) -> str:
    agency = petition.agency.name if petition.agency_id else "—"
    due = f"hạn {petition.due_on:%d/%m/%Y}" if petition.due_on else ""
    return f"{petition.number} · {State(petition.state).label} · {agency} · {due} · {petition.title}".replace(
        " ·  ·", " ·"
    )


def list_command(command, options) -> None:
    def run(user):
        agency = listing.agency_from(user, options["agency"]) if options["agency"] else None
        petitions = listing.filtered(
            listing.petitions_for(user), state=options["state"], agency=agency, topic=options["topic"],
            overdue=options["overdue"], year=options["year"], q=options["q"],
        )  # fmt: skip
        return [(listing.petition_data(p), _line(p)) for p in petitions]

    _, rows = guarded(command, options, "xem kiến nghị", run)
    command.emit(
        options, [data for data, _line in rows], "\n".join(line for _data, line in rows) or "Không có kiến nghị."
    )


def show_command(command, options) -> None:
    def run(user):
        petition = listing.petition_or_404(user, options["petition"])
        return listing.petition_data(petition, detail=True), petition

    _, (data, petition) = guarded(command, options, "xem kiến nghị", run)
    lines = [_line(petition), "", petition.text]
    if petition.answer:
        lines += ["", f"Trả lời ({petition.answered_on:%d/%m/%Y}): {petition.answer}"]
    lines += [""] + [
        f"{c['day']:%d/%m/%Y} {c['from_state'] or '—'} → {c['to_state']} {c['reason']}".rstrip()
        for c in data["changes"]
    ]
    command.emit(options, data, "\n".join(lines))


def _emit_moved(command, options, petition: Petition, what: str) -> None:
    command.emit(options, listing.petition_data(petition, detail=True), f"{what}: {_line(petition)}")


def create_command(command, options) -> None:
    def run(user):
        text = _read_text(options).strip()
        title = options["title"].strip() or (text.splitlines()[0][:300] if text else "")
        enterprise = listing.enterprise_from(user, options["enterprise"]) if options["enterprise"] else None
        petition = Petition(
            title=title, text=text, channel=options["channel"], channel_reference=options["reference"],
            received_on=_day(options["received"]), enterprise=enterprise, petitioner_name=options["petitioner"],
            petitioner_contact=options["contact"], topic=options["topic"],
        )  # fmt: skip
        projects = listing.projects_from(user, options["project"])
        return services.receive(petition, actor=user, projects=projects)

    _, petition = guarded(command, options, "tiếp nhận kiến nghị", run)
    _emit_moved(command, options, petition, "Đã tiếp nhận")


def _moved(command, options, action: str, what: str, move) -> None:
    def run(user):
        petition = listing.petition_or_404(user, options["petition"])
        return move(user, petition, {"expected_version": options.get("expect_version"), "at": _day(options["on"])})

    _, petition = guarded(command, options, action, run)
    _emit_moved(command, options, petition, what)


def classify_command(command, options) -> None:
    def move(user, petition, extra):
        agency = listing.agency_from(user, options["agency"]) if options["agency"] else None
        return services.classify(
            petition, actor=user, kind=options["kind"], topic=options["topic"] or petition.topic, agency=agency,
            is_complaint=options["complaint"], redirect_note=options["redirect_note"], reason=options["reason"],
            **extra,
        )  # fmt: skip

    _moved(command, options, "phân loại kiến nghị", "Đã phân loại", move)


def _officer(username: str):
    if not username:
        return None
    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        raise ValidationError(f"Không có người dùng đang hoạt động tên '{username}'.")
    return found


def assign_command(command, options) -> None:
    def move(user, petition, extra):
        agency = listing.agency_from(user, options["agency"]) if options["agency"] else None
        officer = _officer(options["officer"])
        return services.assign(petition, actor=user, agency=agency, officer=officer, reason=options["reason"], **extra)

    _moved(command, options, "giao xử lý kiến nghị", "Đã giao", move)


def start_command(command, options) -> None:
    _moved(
        command, options, "xử lý kiến nghị", "Đang xử lý",
        lambda user, petition, extra: services.start_work(petition, actor=user, **extra),
    )  # fmt: skip


def answer_command(command, options) -> None:
    def move(user, petition, extra):
        return services.answer(
            petition, actor=user, text=_read_text(options), legal_basis=options["legal_basis"],
            document=options["document"], publish_consent=True if options["consent"] else None, **extra,
        )  # fmt: skip

    _moved(command, options, "trả lời kiến nghị", "Đã trả lời", move)


def publish_command(command, options) -> None:
    _moved(
        command, options, "công khai câu trả lời", "Đã công khai",
        lambda user, petition, extra: services.publish(
            petition, actor=user, required_by_law=options["required_by_law"], **extra
        ),
    )  # fmt: skip


def close_command(command, options) -> None:
    _moved(
        command, options, "đóng kiến nghị", "Đã đóng",
        lambda user, petition, extra: services.close(petition, actor=user, reason=options["reason"], **extra),
    )  # fmt: skip
