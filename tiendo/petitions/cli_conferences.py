"""`tiendo petitions conferences/conference-show/conference-create/conference-question/conference-conclusion`:
the dialogue conferences from the command line, through the same services and access layer as the pages. Each
takes --as USER (default admin) and --json; refusals are one Vietnamese sentence.

`conference-conclusion` records the conclusion and prints the commitments the directives' engine reads in it; with
--accept it accepts those whose lead agency was recognised (the person who runs it has read them first, as on the
review page, which remains the place to correct a proposal)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import timezone

from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.core.commands import parse_day, read_text
from tiendo.directives.forms import current_agencies
from tiendo.enterprises.models import Enterprise

from . import services_conferences as services
from .models import Conference, Petition, Topic


def _common(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--as", dest="actor", default=None, help="user name acted as (default: admin)")


def add_arguments(sub) -> None:
    listing = sub.add_parser("conferences", help="the dialogue conferences of a year")
    _common(listing)
    listing.add_argument("--year", type=int, default=None, help="the year (default: this year; 0: every year)")
    listing.set_defaults(handler=list_command)

    show = sub.add_parser("conference-show", help="a conference: questions, spot answers, commitments")
    _common(show)
    show.add_argument("id", type=int)
    show.set_defaults(handler=show_command)

    create = sub.add_parser("conference-create", help="record a dialogue conference")
    _common(create)
    create.add_argument("--title", required=True)
    create.add_argument("--date", required=True, help="the day it was held, dd/mm/yyyy")
    create.add_argument("--chair", required=True)
    create.add_argument("--place", default="")
    create.add_argument("--participants", default="", help="one per line, or separated by ';'")
    create.set_defaults(handler=create_command)

    question = sub.add_parser("conference-question", help="a question of a conference (new, or a petition)")
    _common(question)
    question.add_argument("id", type=int, help="the conference's id")
    question.add_argument("--petition", default="", help="the number of a petition already received")
    question.add_argument("--title", default="")
    question.add_argument("--text", default="")
    question.add_argument("--enterprise", default="", help="the enterprise's tax code")
    question.add_argument("--petitioner", default="", help="the petitioner's name (no enterprise)")
    question.add_argument("--topic", default=Topic.OTHER, choices=Topic.values)
    question.add_argument("--spot-answer", default="", help="the answer given on the spot")
    question.set_defaults(handler=question_command)

    conclusion = sub.add_parser("conference-conclusion", help="the conclusion and its commitments")
    _common(conclusion)
    conclusion.add_argument("id", type=int, help="the conference's id")
    conclusion.add_argument("--file", required=True, help="a UTF-8 text file, or - for standard input")
    conclusion.add_argument("--number", default="")
    conclusion.add_argument("--date", required=True, help="the conclusion's date, dd/mm/yyyy")
    conclusion.add_argument("--issuer", default="Ủy ban nhân dân tỉnh")
    conclusion.add_argument("--signer", default="")
    conclusion.add_argument("--accept", action="store_true", help="accept the commitments whose agency was found")
    conclusion.set_defaults(handler=conclusion_command)


def _guarded(command, options, action: str, what: str, run):
    user = command.actor(options)
    try:
        return user, run(user)
    except Http404:
        raise CommandError(f"Không tìm thấy {what} (hoặc không có quyền).") from None
    except PermissionDenied:
        raise CommandError(f"Không có quyền {action}: {user.username}.") from None
    except StaleVersion as stale:
        raise CommandError(stale.messages[0]) from None
    except ValidationError as error:
        raise CommandError(" ".join(error.messages)) from None


def _day(value):
    return value.isoformat() if value else None


def conference_json(conference: Conference) -> dict:
    directive = conference.conclusion
    return {
        "id": conference.pk,
        "title": conference.title,
        "held_on": _day(conference.held_on),
        "place": conference.place,
        "chair": conference.chair,
        "participants": [line for line in conference.participants.splitlines() if line.strip()],
        "conclusion": None
        if directive is None
        else {"id": directive.pk, "number": directive.number, "issued_on": _day(directive.issued_on),
              "issuer": directive.issuer, "signer": directive.signer, "title": directive.title},
        "version": conference.version,
    }  # fmt: skip


def _conference(user, pk) -> Conference:
    return access.get_or_404(user, Conference, queryset=Conference.objects.select_related("conclusion"), pk=pk)


def list_command(command, options) -> None:
    year = timezone.localdate().year if options.get("year") is None else options["year"]

    def run(user):
        access.require(user, "read_conferences")
        conferences = access.visible(user, Conference).select_related("conclusion")
        return list(conferences.filter(held_on__year=year) if year else conferences)

    _, conferences = _guarded(command, options, "xem hội nghị đối thoại", "", run)
    data = {"year": year or None, "conferences": [conference_json(c) for c in conferences]}
    lines = [f"#{c.pk} {c.held_on:%d/%m/%Y} {c.title} — {c.chair}" for c in conferences] or ["Không có hội nghị."]
    command.emit(options, data, "\n".join(lines))


def show_command(command, options) -> None:
    def run(user):
        access.require(user, "read_conferences")
        conference = _conference(user, options["id"])
        rows, counts = services.follow_up(conference, user)
        return conference, rows, counts

    _, (conference, rows, counts) = _guarded(
        command, options, "xem hội nghị đối thoại", f"hội nghị #{options['id']}", run
    )
    questions = [
        {"number": r.record.number, "title": r.record.title, "state": r.record.state,
         "raised_on_the_day": r.record.raised_on_the_day, "spot_answer": r.record.spot_answer,
         "due_on": _day(r.deadline), "answered_on": _day(r.done_on), "status": r.status.value}
        for r in rows if r.kind == "question"
    ]  # fmt: skip
    commitments = [
        {"task": r.record.pk, "title": r.record.title, "lead_agency": r.record.lead_agency.code,
         "deadline": _day(r.deadline), "completed_on": _day(r.done_on), "status": r.status.value}
        for r in rows if r.kind == "commitment"
    ]  # fmt: skip
    data = {**conference_json(conference), "questions": questions, "commitments": commitments, "counts": counts}
    lines = [f"#{conference.pk} {conference.held_on:%d/%m/%Y} {conference.title}", f"Chủ trì: {conference.chair}"]
    lines += [f"Câu hỏi {q['number']} [{q['status']}] {q['title']}" for q in questions]
    lines += [f"Cam kết #{c['task']} [{c['status']}] {c['lead_agency']}: {c['title']}" for c in commitments]
    command.emit(options, data, "\n".join(lines))


def create_command(command, options) -> None:
    held_on = parse_day(options["date"])
    participants = "\n".join(p.strip() for p in options["participants"].replace(";", "\n").splitlines() if p.strip())

    def run(user):
        conference = Conference(
            title=options["title"], held_on=held_on, chair=options["chair"], place=options["place"],
            participants=participants,
        )  # fmt: skip
        return services.save_conference(conference, actor=user)

    _, conference = _guarded(command, options, "ghi hội nghị đối thoại (chuyên viên)", "", run)
    command.emit(options, conference_json(conference), f"Đã ghi hội nghị #{conference.pk}: {conference.title}.")


def question_command(command, options) -> None:
    def run(user):
        conference = _conference(user, options["id"])
        if options["petition"]:
            petition = access.get_or_404(user, Petition, number=options["petition"].strip())
            if petition.conference_id != conference.pk:
                petition = services.link_question(conference, petition, actor=user)
            if options["spot_answer"]:
                petition = services.record_spot_answer(petition, actor=user, answer=options["spot_answer"])
            return petition
        enterprise = None
        if options["enterprise"]:
            enterprise = access.get_or_404(user, Enterprise, tax_code=options["enterprise"].strip())
        return services.add_question(
            conference, actor=user, title=options["title"], text=options["text"], enterprise=enterprise,
            petitioner_name=options["petitioner"], topic=options["topic"], spot_answer=options["spot_answer"],
        )  # fmt: skip

    what = f"hội nghị #{options['id']}, kiến nghị hoặc doanh nghiệp đã ghi"
    _, petition = _guarded(command, options, "ghi câu hỏi của hội nghị (chuyên viên)", what, run)
    data = {"number": petition.number, "conference": petition.conference_id, "state": petition.state,
            "raised_on_the_day": petition.raised_on_the_day, "spot_answer": petition.spot_answer,
            "due_on": _day(petition.due_on)}  # fmt: skip
    command.emit(options, data, f"Câu hỏi {petition.number} của hội nghị #{petition.conference_id}.")


def _accepted(proposals) -> list[dict]:
    """The proposals whose lead agency was recognised, in the shape the review page's forms give."""
    agencies = {agency.code: agency for agency in current_agencies()}
    return [
        {"title": t.action, "assignee_text": t.assignee, "lead_agencies": [agencies[t.agency]],
         "cooperating_text": ", ".join(t.cooperating), "deadline": None if t.standing else t.deadline,
         "deadline_text": t.deadline_text or "", "standing": t.standing, "sentence": t.sentence}
        for t in proposals if t.agency in agencies
    ]  # fmt: skip


def conclusion_command(command, options) -> None:
    text = read_text(options["file"])
    issued_on = parse_day(options["date"])

    def run(user):
        conference = _conference(user, options["id"])
        conference = services.set_conclusion(
            conference, actor=user, number=options["number"], issued_on=issued_on, issuer=options["issuer"],
            signer=options["signer"], text=text, source="" if options["file"] == "-" else options["file"],
        )  # fmt: skip
        proposals = services.propose_commitments(conference).tasks
        tasks = services.accept_commitments(conference, _accepted(proposals), actor=user) if options["accept"] else []
        return conference, proposals, tasks

    _, (conference, proposals, tasks) = _guarded(
        command, options, "ghi kết luận hội nghị (chuyên viên)", f"hội nghị #{options['id']}", run
    )
    data = {
        "conference": conference.pk,
        "conclusion": conference.conclusion_id,
        "proposed": [
            {"assignee": t.assignee, "agency": t.agency, "action": t.action, "deadline_text": t.deadline_text,
             "deadline": _day(t.deadline), "standing": t.standing, "sentence": t.sentence}
            for t in proposals
        ],
        "accepted": [{"task": t.pk, "lead_agency": t.lead_agency.code, "deadline": _day(t.deadline)} for t in tasks],
    }  # fmt: skip
    lines = [f"Đã ghi kết luận của hội nghị #{conference.pk}: {len(proposals)} cam kết đọc được."]
    lines += [
        f"- {t.assignee} ({t.agency or 'chưa nhận ra cơ quan'}): {t.action} — {t.deadline_text or ''}"
        for t in proposals
    ]
    if options["accept"]:
        lines.append(f"Đã nhận {len(tasks)} nhiệm vụ.")
    command.emit(options, data, "\n".join(lines))
