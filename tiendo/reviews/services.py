"""Review rounds (rà soát): the one way a round is opened, edited, submitted and decided.

The pages and `tiendo reviews` call these functions, so every change lands in the history with its author and
reason. A round evaluates the rules live on its date (not a stored scan), so it never depends on whether the
nightly scan ran. A leader's decision is written into the round's conclusion notice (a directive of kind
"conclusion") and its follow-up tasks hang from that notice and from the project, where the directives app
tracks them like any other task.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tiendo.agencies.models import Agency, Installation
from tiendo.audit.models import acted_by
from tiendo.core import access as core_access
from tiendo.directives import services as directive_services
from tiendo.directives.models import Directive, Task
from tiendo.domain import schedule_rules
from tiendo.domain.projects import ProjectKind
from tiendo.domain.schedule_rules import ProposalCode
from tiendo.domain.text import clean, search_key
from tiendo.projects.models import RUNNING, Project

from .models import ReviewItem, ReviewRound
from .scan import iter_facts

SCOPE_KINDS: dict[str, tuple[str, ...] | None] = {
    ReviewRound.Scope.ALL: None,
    ReviewRound.Scope.BUSINESS: (ProjectKind.PRIVATE.value, ProjectKind.FDI.value),
    ReviewRound.Scope.PUBLIC: (ProjectKind.PUBLIC.value,),
}
_BATCH = 500

DECISION_VI = {
    ReviewItem.Decision.AGREED: "Đồng ý với đề xuất",
    ReviewItem.Decision.OTHER: "Biện pháp khác",
    ReviewItem.Decision.DEFERRED: "Xem xét lại ở đợt rà soát sau",
}


@dataclass(frozen=True)
class FollowUp:
    """One follow-up task a decision gives: who leads, what, by when."""

    agency: Agency
    title: str
    deadline: date


# ---------------------------------------------------------------------------------------------------------------
# Proposals as the specialist puts them


def main_proposal(proposals: Sequence[schedule_rules.Proposal]) -> schedule_rules.Proposal:
    """The gravest handling a finding of its own grounds (not a mere next step): what the leaders decide on.

    `propose` ranks mildest first; the milder ones stay in the findings snapshot. Proposing "remind" for a project
    the law lets the province terminate would be the opposite of "mạnh tay với các dự án chậm tiến độ".
    """
    direct = [p for p in proposals if not p.follow_up]
    return (direct or list(proposals))[-1]


def proposal_sentence(code: schedule_rules.ProposalCode, project_name: str, citations: Iterable[str] = ()) -> str:
    """The sentence put to the leaders: "Đề nghị chấm dứt hoạt động dự án X theo Luật Đầu tư 2020, Điều 48 ..."."""
    label = code.label.vi
    verb = label[:1].lower() + label[1:]
    target = f"{verb} {project_name}" if verb.endswith("dự án") else f"{verb} đối với dự án {project_name}"
    cited = list(dict.fromkeys(c for c in citations if c))
    return f"Đề nghị {target}" + (f" theo {'; '.join(cited)}" if cited else "") + "."


def citations_for(findings: Iterable[dict], code: str) -> list[str]:
    """The citations of the snapshot's findings that lead to a handling (directly or as a next step)."""
    return list(
        dict.fromkeys(f["citation"] for f in findings if f.get("proposal") == code or code in (f.get("then") or ()))
    )


# ---------------------------------------------------------------------------------------------------------------
# Opening a round


def snapshot(finding: schedule_rules.Finding) -> dict:
    """A finding as a review item keeps it: the CLI's JSON, and its message to read the reasoning in any language."""
    data = finding.to_json()
    if finding.message is not None:
        data["message"] = finding.message.to_json()
    return data


def _item(pk: int, findings: list[schedule_rules.Finding]) -> ReviewItem:
    proposal = main_proposal(schedule_rules.propose(findings))
    # days behind schedule (a milestone's); a project late only in its reports or deposit shows those days
    days = [f.days_behind for f in findings if f.days_behind is not None and f.milestone is not None]
    days = days or [f.days_behind for f in findings if f.days_behind is not None]
    scheduled = [f for f in findings if f.milestone is not None and "current_due" in f.facts]
    late = max(scheduled, key=lambda f: (f.rule == "LATE", f.days_behind or 0), default=None)
    item = ReviewItem(
        project_id=pk,
        findings=[snapshot(f) for f in findings],
        days_behind=max(days) if days else None,
        milestone=late.milestone.value if late else "",
        first_due=late.facts.get("first_due") if late else None,
        current_due=late.facts.get("current_due") if late else None,
        proposal=proposal.code.value,
        rank=proposal.code.rank,
        legal_ground="; ".join(dict.fromkeys(f.citation for f in findings)),
    )
    item._citations = proposal.citations
    return item


def evaluate_scope(as_of: date, scope: str) -> tuple[int, list[ReviewItem]]:
    """Every running project of the scope through the rules, live: (projects evaluated, unsaved items)."""
    projects = Project.objects.alive().filter(status__in=RUNNING)
    kinds = SCOPE_KINDS[scope]
    if kinds is not None:
        projects = projects.filter(kind__in=kinds)
    count = 0
    items: list[ReviewItem] = []
    for pk, facts in iter_facts(projects):
        count += 1
        findings = schedule_rules.evaluate(facts, as_of)
        if findings:
            items.append(_item(pk, findings))
    return count, items


def _name_items(items: list[ReviewItem]) -> None:
    """The proposal sentence and the search key need the projects' names and investors: read them in chunks."""
    for start in range(0, len(items), 900):
        chunk = items[start : start + 900]
        names = {
            pk: (code, name, investor or "")
            for pk, code, name, investor in Project.objects.filter(pk__in=[i.project_id for i in chunk]).values_list(
                "pk", "code", "name", "investor__name"
            )
        }
        for item in chunk:
            code, name, investor = names[item.project_id]
            item.proposal_text = proposal_sentence(ProposalCode(item.proposal), name, item._citations)
            item.search_key = search_key(f"{code} {name} {investor}")[:900]


@transaction.atomic
def open_round(*, actor, title: str, as_of: date | None = None, scope: str = "all", note: str = "") -> ReviewRound:
    """A specialist opens a round: one item per project the rules find behind, with the gravest proposal."""
    core_access.require(actor, "prepare_reviews")
    title = clean(title)
    if not title:
        raise ValidationError(_("Give the review a title."))
    if scope not in SCOPE_KINDS:
        raise ValidationError(_("Unknown scope: %(scope)s.") % {"scope": scope})
    as_of = as_of or timezone.localdate()
    count, items = evaluate_scope(as_of, scope)
    review = ReviewRound(title=title, as_of=as_of, scope=scope, note=note.strip(), projects=count, opened_by=actor)
    acted_by(review, actor).save()
    _name_items(items)
    for item in items:
        item.round = review
    bulk_create_with_history(
        items,
        ReviewItem,
        batch_size=_BATCH,
        default_user=actor,
        default_change_reason=f"Mở đợt rà soát: {title}"[:200],
    )
    return review


# ---------------------------------------------------------------------------------------------------------------
# The specialist's work


def _open_for_editing(review: ReviewRound) -> None:
    if review.state != ReviewRound.State.OPEN:
        raise ValidationError(_("This review has been submitted to the leaders: its proposals can no longer change."))


@transaction.atomic
def edit_item(
    item: ReviewItem,
    *,
    actor,
    proposal: str | None = None,
    proposal_text: str | None = None,
    note: str | None = None,
    confirmed: bool | None = None,
) -> ReviewItem:
    """Choose another handling, reword the proposal, add a note, confirm it for the leaders' brief."""
    core_access.require(actor, "prepare_reviews")
    item = ReviewItem.objects.select_related("round", "project").select_for_update(of=("self",)).get(pk=item.pk)
    _open_for_editing(item.round)
    changed: list[str] = []
    if proposal is not None and proposal != item.proposal:
        try:
            code = ProposalCode(proposal)
        except ValueError:
            raise ValidationError(_("Unknown handling: %(code)s.") % {"code": proposal}) from None
        item.proposal, item.rank = code.value, code.rank
        changed += ["proposal", "rank"]
        if proposal_text is None:  # the sentence follows the new handling unless the specialist rewords it
            citations = citations_for(item.findings, code.value)
            item.proposal_text = proposal_sentence(code, item.project.name, citations)
            changed.append("proposal_text")
    if proposal_text is not None:
        text = proposal_text.strip()
        if not text:
            raise ValidationError(_("The proposal put to the leaders cannot be empty."))
        if text != item.proposal_text:
            item.proposal_text = text
            changed.append("proposal_text")
    if note is not None and note.strip() != item.note:
        item.note = note.strip()
        changed.append("note")
    if confirmed is not None and confirmed != item.confirmed:
        item.confirmed = confirmed
        changed.append("confirmed")
    if changed:
        acted_by(item, actor).save(update_fields=list(dict.fromkeys(changed)))
    return item


@transaction.atomic
def confirm_items(review: ReviewRound, *, actor, proposal: str = "") -> int:
    """Confirm every item not yet confirmed (of one handling when given); returns how many."""
    core_access.require(actor, "prepare_reviews")
    review = ReviewRound.objects.select_for_update().get(pk=review.pk)
    _open_for_editing(review)
    items = review.items.filter(confirmed=False)
    if proposal:
        items = items.filter(proposal=proposal)
    items = list(items)
    for item in items:
        item.confirmed = True
    bulk_update_with_history(
        items,
        ReviewItem,
        ["confirmed"],
        batch_size=_BATCH,
        default_user=actor,
        default_change_reason=_("Confirmed with the others of the review"),
    )
    return len(items)


@transaction.atomic
def submit_round(review: ReviewRound, *, actor) -> ReviewRound:
    """Put the confirmed proposals to the leaders; the rest stay in the round but out of the brief."""
    core_access.require(actor, "prepare_reviews")
    review = ReviewRound.objects.select_for_update().get(pk=review.pk)
    _open_for_editing(review)
    if not review.items.filter(confirmed=True).exists():
        raise ValidationError(_("Confirm at least one proposal before submitting the review to the leaders."))
    review.state = ReviewRound.State.SUBMITTED
    review.submitted_by, review.submitted_at = actor, timezone.now()
    acted_by(review, actor, _("Submitted to the leaders")).save(update_fields=["state", "submitted_by", "submitted_at"])
    return review


# ---------------------------------------------------------------------------------------------------------------
# The leaders' decisions


def issuer_name() -> str:
    """The province's People's Committee, in whose name the conclusion notice is issued."""
    installation = Installation.current()
    if installation is None:
        return "Ủy ban nhân dân tỉnh"
    province = installation.province
    return clean(f"Ủy ban nhân dân {province.unit_type} {province.name}")


def _conclusion(review: ReviewRound, actor) -> Directive:
    """The round's conclusion notice, made on the first decision: the follow-up tasks are tracked under it."""
    if review.conclusion_id:
        return review.conclusion
    directive = Directive(
        kind=Directive.Kind.CONCLUSION,
        issued_on=timezone.localdate(),
        issuer=issuer_name(),
        signer=actor.get_full_name() or actor.username,
        title=f"Kết luận về kết quả rà soát: {review.title}"[:500],
        source=f"Rà soát #{review.pk} ({review.as_of:%d/%m/%Y})",
        created_by=actor,
    )
    directive.full_clean()
    acted_by(directive, actor, _("Conclusion of the review")).save()
    review.conclusion = directive
    acted_by(review, actor).save(update_fields=["conclusion"])
    return directive


def _assign(task: Task, actor, reason: str) -> Task:
    """A follow-up task the deciding leader gives: the same save as every task (history, notification)."""
    return directive_services.save_task(task, actor=actor, reason=reason, decided_by_leader=True)


def check_follow_ups(follow_ups: Sequence[FollowUp], today: date | None = None) -> None:
    today = today or timezone.localdate()
    for number, follow_up in enumerate(follow_ups, start=1):
        if not clean(follow_up.title):
            raise ValidationError(_("Follow-up task %(n)d: say what is to be done.") % {"n": number})
        if follow_up.deadline < today:
            raise ValidationError(
                _("Follow-up task %(n)d: the deadline %(day)s is already past.")
                % {"n": number, "day": f"{follow_up.deadline:%d/%m/%Y}"}
            )


@transaction.atomic
def decide_item(
    item: ReviewItem, *, actor, decision: str, text: str = "", follow_ups: Sequence[FollowUp] = ()
) -> list[Task]:
    """A leader decides one project: the decision, its follow-up tasks; the last decision closes the round."""
    core_access.require(actor, "decide_reviews")
    review = ReviewRound.objects.select_for_update().get(pk=item.round_id)
    item = ReviewItem.objects.select_related("project").get(pk=item.pk)
    if review.state == ReviewRound.State.OPEN:
        raise ValidationError(_("This review has not been submitted to the leaders yet."))
    if review.state == ReviewRound.State.CLOSED:
        raise ValidationError(_("This review is closed: every proposal has been decided."))
    if not item.confirmed:
        raise ValidationError(_("This proposal was not confirmed by the specialist: it is not before the leaders."))
    if decision not in ReviewItem.Decision.values:
        raise ValidationError(_("Unknown decision: %(value)s.") % {"value": decision})
    text = text.strip()
    if decision == ReviewItem.Decision.OTHER and not text:
        raise ValidationError(_("Describe the other measure decided."))
    check_follow_ups(follow_ups)
    if decision == ReviewItem.Decision.AGREED and not text:
        text = item.proposal_text
    item.decision, item.decision_text = decision, text
    item.decided_by, item.decided_at = actor, timezone.now()
    acted_by(item, actor, DECISION_VI[decision]).save(
        update_fields=["decision", "decision_text", "decided_by", "decided_at"]
    )
    conclusion = _conclusion(review, actor)
    project = item.project
    tasks = [
        _assign(
            Task(
                directive=conclusion,
                title=clean(follow_up.title),
                lead_agency=follow_up.agency,
                assignee_text=follow_up.agency.name,
                deadline=follow_up.deadline,
                project=project,
                expected_result_kind=Task.ResultKind.REPORT,
                source_sentence=text,
            ),
            actor,
            f"Kết luận rà soát: {project.code}",
        )
        for follow_up in follow_ups
    ]
    _record_in_conclusion(conclusion, item, actor)
    if not review.items.filter(confirmed=True, decision="").exists():
        review.state = ReviewRound.State.CLOSED
        acted_by(review, actor, _("Every proposal decided")).save(update_fields=["state"])
    return tasks


def _record_in_conclusion(conclusion: Directive, item: ReviewItem, actor) -> None:
    """The notice's text lists the decisions, one line per project, as the leaders' conclusion would."""
    line = f"- {item.project.code} {item.project.name}: {DECISION_VI[item.decision]}"
    if item.decision_text:
        line += f" — {item.decision_text}"
    prefix = f"- {item.project.code} "
    lines = [existing for existing in conclusion.text.split("\n") if existing and not existing.startswith(prefix)]
    conclusion.text = "\n".join([*lines, line])
    acted_by(conclusion, actor, f"Kết luận đối với dự án {item.project.code}").save(update_fields=["text"])
