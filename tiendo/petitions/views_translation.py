"""The translator's page: the desk enters or corrects the English and Chinese translations of a petition and of
its answer, which the enterprise's page shows below the text as written."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tiendo.audit.versions import StaleVersion
from tiendo.core import access

from .forms_investor import TranslationForm
from .models import Petition
from .services_translation import save_translations

FIELDS = ("text_en", "text_zh", "answer_en", "answer_zh")


@require_http_methods(["GET", "POST"])
def translate(request, pk):
    if not access.can(request.user, "manage_petitions"):
        raise PermissionDenied
    petition = access.get_or_404(request.user, Petition, pk=pk)
    initial = {name: getattr(petition, name) for name in FIELDS} | {"version": petition.version}
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_translations(
                petition, actor=request.user, expected_version=data["version"], **{n: data[n] for n in FIELDS}
            )
        except StaleVersion as stale:
            form.add_error(None, stale.messages[0])
            form.data = form.data.copy()
            form.data["version"] = stale.current
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The translations were saved."))
            return redirect("petitions:translate", pk=petition.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/translate.html", {"petition": petition, "form": form}, status=status)
