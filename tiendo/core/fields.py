"""Form fields for numbers as Vietnamese users type them ("1.234.567", "1,5 tỷ", "42,5"), and choice lists that keep
a record's current value."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tiendo.domain import money


class VndField(forms.CharField):
    """An amount in đồng: Vietnamese separators and a unit word ("triệu", "tỷ") are understood."""

    default_error_messages = {"invalid": _("Enter an amount in VND, e.g. 1.500.000.000.")}

    def __init__(self, *, min_value: int | None = 0, **kwargs):
        self.min_value = min_value
        kwargs.setdefault("help_text", _("In VND: dots group thousands (1.500.000.000), a comma marks decimals."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return money.format_number(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            amount = money.parse_vnd(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if self.min_value is not None and amount < self.min_value:
            raise forms.ValidationError(_("The amount cannot be negative."), code="min_value")
        return amount


class DecimalCommaField(forms.DecimalField):
    """A decimal number with "," or "." as the decimal mark."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        try:
            return super().to_python(value)
        except (InvalidOperation, forms.ValidationError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        return str(value).replace(".", ",") if isinstance(value, Decimal) else value


class DayField(forms.DateField):
    """A day typed as dd/mm/yyyy (tiendo/formats accept it, and ISO, in every language) and shown the same way."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        )
        super().__init__(**kwargs)


# ---------------------------------------------------------------------------------------------------------------
# Choice lists that keep a record's current value


def with_current(queryset, pks):
    """The choices `queryset` gives (however it was obtained) plus the records `pks`, in the queryset's order."""
    pks = [pk for pk in pks if pk is not None]
    if not pks or queryset is None:
        return queryset
    model = queryset.model
    ordering = queryset.query.order_by or model._meta.ordering
    return model._default_manager.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=pks)).order_by(*ordering)


def marked_label(obj, label: str, today: date | None = None) -> str:
    """A choice's label, marked when the record has ended (with its end date and successor) or was deleted."""
    today = today or timezone.localdate()
    valid_to = getattr(obj, "valid_to", None)
    if valid_to is not None and valid_to < today:
        successor = getattr(obj, "successor", None)
        values = {"name": label, "day": valid_to.strftime("%d/%m/%Y"), "successor": str(successor or "")}
        if successor is not None:
            return gettext("%(name)s (ended %(day)s → %(successor)s)") % values
        return gettext("%(name)s (ended %(day)s)") % values
    deleted_at = getattr(obj, "deleted_at", None)
    if deleted_at is not None:
        day = timezone.localtime(deleted_at).strftime("%d/%m/%Y")
        return gettext("%(name)s (deleted %(day)s)") % {"name": label, "day": day}
    return label


class KeepsCurrentMixin:
    """The choices in force plus the record's current value, which an unchanged save must keep even when it has
    ended: whoever sets `queryset` (a form, the access layer) sets only the base, the kept records are added."""

    _kept: tuple = ()
    _base_queryset = None

    def _set_kept_queryset(self, queryset):
        self._base_queryset = queryset
        forms.ModelChoiceField._set_queryset(self, with_current(queryset, self._kept))

    queryset = property(forms.ModelChoiceField._get_queryset, _set_kept_queryset)

    def keep(self, pks) -> None:
        self._kept = tuple(pks)
        self.queryset = self._base_queryset

    def label_from_instance(self, obj):
        return marked_label(obj, super().label_from_instance(obj))


class KeepCurrentChoiceField(KeepsCurrentMixin, forms.ModelChoiceField):
    pass


class KeepCurrentMultipleChoiceField(KeepsCurrentMixin, forms.ModelMultipleChoiceField):
    pass


def keeping_formfield(model_field, **kwargs):
    """`Meta.formfield_callback` of edit forms: their relations are fields that keep the current value."""
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", KeepCurrentMultipleChoiceField)
    elif isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", KeepCurrentChoiceField)
    return model_field.formfield(**kwargs)


class KeepsCurrentValues:
    """ModelForm mixin: every relation field offers the record's current value, so that saving without touching
    it keeps it (an agency merged since, a commune that no longer exists, a deleted enterprise)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep_current_values(self)


def keep_current_values(form) -> None:
    instance = form.instance
    for name, field in form.fields.items():
        if not isinstance(field, KeepsCurrentMixin):
            continue
        try:
            model_field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if instance.pk is None:
            pks = []
        elif model_field.many_to_many:
            pks = list(getattr(instance, name).values_list("pk", flat=True))
        else:
            pks = [getattr(instance, model_field.attname)]
            if field.to_field_name and pks[0] is not None and form.initial.get(name) == pks[0]:
                form.initial[name] = getattr(instance, name)  # the option's value is the code, not the key
        field.keep(pks)
