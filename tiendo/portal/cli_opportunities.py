"""`tiendo portal opportunities list/show/save/publish/close`, `tiendo portal translations`, `translate` and `review`:
the department's moves on its investment opportunities from the command line, through the same forms, services
and access layer as the pages. Each takes --as USER (default admin) and --json; a refusal (no right, bad input, a
stale version) is one Vietnamese sentence on standard error, exit status 2."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.core.commands import read_json
from tiendo.domain.portal import translation as rules

from . import desk, services
from .forms_desk import BY_CODE, OpportunityForm
from .models import TRANSLATED_FIELDS, Opportunity

REFUSED = 2
EDITABLE = tuple(OpportunityForm.Meta.fields)


def _common(parser, version: bool = False) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--as", dest="actor", default=None, help="user name acted as (default: admin)")
    if version:
        parser.add_argument("--expect-version", type=int, default=None, help="refuse if the record changed since")


def add_arguments(sub) -> None:
    opportunities = sub.add_parser("opportunities", help="the investment opportunities (danh mục kêu gọi đầu tư)")
    what = opportunities.add_subparsers(dest="opportunities_action", required=True)

    listing = what.add_parser("list", help="the opportunities the user sees, by code")
    _common(listing)
    listing.add_argument("--state", default="", help=f"one of: {', '.join(Opportunity.State.values)}")
    listing.set_defaults(handler=list_command)

    show = what.add_parser("show", help="one opportunity with its steps, documents and translations")
    _common(show)
    show.add_argument("code")
    show.set_defaults(handler=show_command)

    save = what.add_parser("save", help="create or update an opportunity from a JSON object of its fields")
    _common(save)
    save.add_argument("file", help="a UTF-8 JSON file (or - for standard input); relations by their codes")
    save.set_defaults(handler=save_command)

    publish = what.add_parser("publish", help="open a draft to investors")
    _common(publish, version=True)
    publish.add_argument("code")
    publish.set_defaults(handler=publish_command)

    close = what.add_parser("close", help="an investor was selected, or the province withdrew it")
    _common(close, version=True)
    close.add_argument("code")
    close.add_argument("--reason", default="", help="why it is closed")
    close.set_defaults(handler=close_command)

    texts = sub.add_parser("translations", help="the texts missing or in draft, per language")
    _common(texts)
    texts.add_argument("--language", default="", help="en or zh (default: both)")
    texts.add_argument("--status", default="", help="missing or draft (default: both)")
    texts.set_defaults(handler=translations_command)

    translate = sub.add_parser("translate", help="write the translation of one text")
    _common(translate, version=True)
    _text_arguments(translate)
    translate.add_argument("--text", default="", help="the translation")
    translate.add_argument("--reviewed", action="store_true", help="reviewed at once (the writer is its reviewer)")
    translate.set_defaults(handler=translate_command)

    review = sub.add_parser("review", help="mark a draft translation reviewed")
    _common(review, version=True)
    _text_arguments(review)
    review.set_defaults(handler=review_command)


def _text_arguments(parser) -> None:
    parser.add_argument("code", help="the opportunity's code")
    parser.add_argument("field", help=f"one of: {', '.join(TRANSLATED_FIELDS)}")
    parser.add_argument("language", help=f"one of: {', '.join(rules.TARGET_LANGUAGES)}")


def guarded(command, options, run):
    """Run as the --as user in Vietnamese; every refusal one sentence, exit status 2."""
    try:
        user = command.actor(options)
    except CommandError as error:
        raise CommandError(str(error), returncode=REFUSED) from None
    with translation.override("vi"):
        try:
            if not access.can(user, "read_opportunities"):
                raise PermissionDenied
            return run(user)
        except Http404:
            message = _("No investment opportunity has the code “%(code)s” (or you may not see it).")
            raise CommandError(message % {"code": options.get("code", "")}, returncode=REFUSED) from None
        except PermissionDenied:
            message = _("%(user)s may not do this with the investment opportunities.") % {"user": user.username}
            raise CommandError(message, returncode=REFUSED) from None
        except StaleVersion as stale:
            raise CommandError(stale.messages[0], returncode=REFUSED) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=REFUSED) from None


def _line(opportunity: Opportunity) -> str:
    done = " ".join(f"{c.language.upper()} {c.reviewed}/{c.total}" for c in desk.completeness(opportunity))
    return f"{opportunity.code} · {opportunity.get_state_display()} · {opportunity.title} · {done}"


def list_command(command, options) -> None:
    def run(user):
        opportunities = desk.opportunities_for(user).prefetch_related("translations")
        if options["state"]:
            if options["state"] not in Opportunity.State.values:
                raise ValidationError(
                    _("Unknown state “%(state)s”: use one of %(states)s.")
                    % {"state": options["state"], "states": ", ".join(Opportunity.State.values)}
                )
            opportunities = opportunities.filter(state=options["state"])
        return [(desk.opportunity_data(o), _line(o)) for o in opportunities.order_by("code")]

    rows = guarded(command, options, run)
    command.emit(options, [data for data, _line in rows], "\n".join(line for _data, line in rows) or "—")


def _emit_one(command, options, opportunity: Opportunity, what: str = "") -> None:
    data = desk.opportunity_data(opportunity, detail=True)
    lines = [f"{what}: {_line(opportunity)}" if what else _line(opportunity)]
    for step in data["steps"]:
        kind = _("%(days)s days") if step["calendar_days"] else _("%(days)s working days")
        days = kind % {"days": step["working_days"]}
        lines.append(f"  {step['order']}. {step['step']} · {step['agency']} · {days}")
    lines += [f"  ! {sentence}" for sentence in data["missing_for_publication"]]
    command.emit(options, data, "\n".join(lines))


def show_command(command, options) -> None:
    opportunity = guarded(command, options, lambda user: desk.opportunity_or_404(user, options["code"]))
    with translation.override("vi"):
        _emit_one(command, options, opportunity)


def _as_form_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _form_data(opportunity: Opportunity, given: dict) -> dict:
    """The opportunity's current values as its form reads them, with the file's values over them."""
    data = {}
    for name in EDITABLE:
        value = getattr(opportunity, name, None) if opportunity.pk else None
        data[name] = value.code if name in BY_CODE and value is not None else _as_form_value(value)
    for name, value in given.items():
        if isinstance(value, bool) or isinstance(value, list | dict):
            raise ValidationError(_("“%(field)s” must be a text or a number.") % {"field": name})
        data[name] = _as_form_value(Decimal(str(value)) if isinstance(value, float) else value)
    return data


def _refusal(form) -> ValidationError:
    """The form's errors as one line: "Field: message; Field: message"."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return ValidationError("; ".join(parts))


def save_command(command, options) -> None:
    given = read_json(options["file"])

    def run(user):
        if not isinstance(given, dict):
            raise ValidationError(_("The file must hold one JSON object: the opportunity's fields."))
        unknown = sorted(set(given) - {*EDITABLE, "version"})
        if unknown:
            raise ValidationError(
                _("Unknown fields: %(fields)s (the fields are: %(known)s).")
                % {"fields": ", ".join(unknown), "known": ", ".join(EDITABLE)}
            )
        code = str(given.get("code") or "").strip()
        if not code:
            raise ValidationError(_("Give the opportunity's code."))
        found = desk.opportunities_for(user).filter(code=code.upper()).first()
        if found is None and Opportunity.objects.filter(code=code.upper()).exists():
            raise PermissionDenied  # it exists but the user may not see it
        opportunity = found or Opportunity()
        form = OpportunityForm(_form_data(opportunity, given), instance=opportunity, user=user)
        if not form.is_valid() or (saved := form.save_with(services.save_opportunity, actor=user)) is None:
            raise _refusal(form)
        saved.refresh_from_db()  # the values as stored (an area of 12.5 ha reads 12.50)
        return saved, found is None

    opportunity, created = guarded(command, options, run)
    with translation.override("vi"):
        _emit_one(command, options, opportunity, _("Created") if created else _("Saved"))


def publish_command(command, options) -> None:
    def run(user):
        opportunity = desk.opportunity_or_404(user, options["code"])
        return services.publish(opportunity, actor=user, expected_version=options["expect_version"])

    opportunity = guarded(command, options, run)
    with translation.override("vi"):
        _emit_one(command, options, opportunity, _("Published"))


def close_command(command, options) -> None:
    def run(user):
        opportunity = desk.opportunity_or_404(user, options["code"])
        return services.close(
            opportunity, actor=user, reason=options["reason"], expected_version=options["expect_version"]
        )

    opportunity = guarded(command, options, run)
    with translation.override("vi"):
        _emit_one(command, options, opportunity, _("Closed"))


def _text_line(text: desk.Text) -> str:
    return f"{text.opportunity.code} · {text.field} · {text.language} · {text.status.value} · {text.original[:60]}"


def translations_command(command, options) -> None:
    def run(user):
        language, status = options["language"], options["status"]
        if language and language not in rules.TARGET_LANGUAGES:
            raise ValidationError(_("Translations are written in English or Chinese."))
        if status and status not in desk.STATUS_FILTERS:
            raise ValidationError(_("The status to list is “missing” or “draft”."))
        languages = [language] if language else list(rules.TARGET_LANGUAGES)
        return [text for code in languages for text in desk.waiting_texts(user, code, status)]

    texts = guarded(command, options, run)
    command.emit(options, [t.as_dict() for t in texts], "\n".join(_text_line(t) for t in texts) or "—")


def _text(user, options) -> desk.Text:
    opportunity = desk.opportunity_or_404(user, options["code"])
    found = desk.text_of(opportunity, options["field"], options["language"])
    if found is None:
        if options["language"] not in rules.TARGET_LANGUAGES:
            raise ValidationError(_("Translations are written in English or Chinese."))
        raise ValidationError(
            _("“%(field)s” is not a translated text (they are: %(fields)s).")
            % {"field": options["field"], "fields": ", ".join(TRANSLATED_FIELDS)}
        )
    return found


def _emit_text(command, options, text: desk.Text, what: str) -> None:
    command.emit(options, text.as_dict(), f"{what}: {_text_line(text)}")


def translate_command(command, options) -> None:
    def run(user):
        text = _text(user, options)
        services.translate(
            text.opportunity, text.field, text.language, options["text"], actor=user,
            reviewed=options["reviewed"], expected_version=options["expect_version"],
        )  # fmt: skip
        return desk.text_of(text.opportunity, text.field, text.language)

    text = guarded(command, options, run)
    with translation.override("vi"):
        _emit_text(command, options, text, _("The translation was saved."))


def review_command(command, options) -> None:
    def run(user):
        text = _text(user, options)
        if text.translation is None:
            raise ValidationError(_("There is no translation to review."))
        services.review(text.translation, actor=user, expected_version=options["expect_version"])
        return desk.text_of(text.opportunity, text.field, text.language)

    text = guarded(command, options, run)
    with translation.override("vi"):
        _emit_text(command, options, text, _("Reviewed"))
