"""/portal/translations/…: the translator's page. Per language, every text of an opportunity still missing or in
draft (a draft includes a reviewed translation whose Vietnamese has changed since), and the editor of one text:
the Vietnamese beside the translation, saved as a draft or reviewed at once, or a draft marked reviewed. htmx
swaps the editor in place; without JavaScript the forms post and the page comes back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tiendo.audit.versions import StaleVersion
from tiendo.core import access
from tiendo.domain.portal import translation as rules

from . import desk, services
from .forms_desk import TranslationForm
from .models import TRANSLATED_FIELDS
from .pages_desk import require_reader


def _editor_url(text: desk.Text) -> str:
    return reverse("portal_desk:translate", args=[text.opportunity.code, text.field, text.language])


@require_GET
def translations(request):
    require_reader(request.user)
    language = request.GET.get("language", "")
    language = language if language in rules.TARGET_LANGUAGES else rules.TARGET_LANGUAGES[0]
    status = request.GET.get("status", "")
    status = status if status in desk.STATUS_FILTERS else ""
    counts = desk.waiting_counts(request.user)
    rows = desk.waiting_texts(request.user, language, status)
    context = {
        "language": language,
        "status": status,
        "tabs": [
            {"code": code, "label": desk.language_label(code), "count": sum(counts[code].values())}
            for code in rules.TARGET_LANGUAGES
        ],
        "counts": counts[language],
        "rows": rows,
        "portal_url": desk.public_portal(),
        "section": "translations",
    }
    return render(request, "portal/desk/translations.html", context)


def _next_waiting(user, text: desk.Text) -> str:
    """The next text waiting in the same language after this one (by code, then field), for a translator at work."""
    waiting = desk.waiting_texts(user, text.language)

    def place(t: desk.Text) -> tuple[str, int]:
        return t.opportunity.code, TRANSLATED_FIELDS.index(t.field)

    others = [t for t in waiting if place(t) != place(text)]
    later = [t for t in others if place(t) > place(text)] or others  # from the top again
    return _editor_url(later[0]) if later else ""


def _act(request, text: desk.Text, form: TranslationForm):
    """Save, review at once, or mark reviewed; a refusal becomes the form's error with the entries kept."""
    data = form.cleaned_data
    try:
        if data["action"] == TranslationForm.REVIEW:
            if text.translation is None:
                raise ValidationError(_("There is no translation to review."))
            services.review(text.translation, actor=request.user, expected_version=data["version"])
        else:
            services.translate(
                text.opportunity,
                text.field,
                text.language,
                data["text"],
                actor=request.user,
                reviewed=data["action"] == TranslationForm.REVIEWED,
                expected_version=data["version"],
            )
    except StaleVersion as stale:
        form.add_error(None, stale.messages[0])
        form.data = form.data.copy()
        form.data["version"] = stale.current
    except ValidationError as error:
        form.add_error(None, error.messages)
    else:
        return True
    return False


@require_http_methods(["GET", "POST"])
def translate(request, code, field, language):
    require_reader(request.user)
    opportunity = desk.opportunity_or_404(request.user, code)
    text = desk.text_of(opportunity, field, language)
    if text is None:
        raise Http404
    can_translate = access.can(request.user, "translate_opportunities")
    saved = False
    found = text.translation
    initial = {"text": found.text if found else "", "version": found.version if found else 0}
    form = TranslationForm(request.POST or None, initial=initial, language=language)
    if request.method == "POST":
        if not can_translate:
            raise PermissionDenied
        if form.is_valid() and _act(request, text, form):
            saved = True
            if not request.htmx:
                messages.success(request, _("The translation was saved."))
                return redirect(_editor_url(text))
            text = desk.text_of(opportunity, field, language)
            form = TranslationForm(initial={"text": text.translation.text, "version": text.translation.version},
                                   language=language)  # fmt: skip
    context = {
        "opportunity": opportunity,
        "text": text,
        "form": form,
        "saved": saved,
        "can_translate": can_translate,
        "html_lang": "zh-Hans" if language == "zh" else language,
        "language_name": desk.language_label(language),
        "next_url": _next_waiting(request.user, text),
        "section": "translations",
    }
    template = "portal/desk/translate.html#editor" if request.htmx else "portal/desk/translate.html"
    return render(request, template, context, status=400 if form.errors else 200)


urlpatterns = [
    path("translations/", translations, name="translations"),
    path("translations/<str:code>/<str:field>/<str:language>/", translate, name="translate"),
]
