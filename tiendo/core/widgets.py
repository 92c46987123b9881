"""A <select> written in Python for the filter forms of the project list, the task board and the summary.

Django renders each <option> through its own template include: for the board's few hundred agencies and
directives that was a third of the page's time. This widget writes the very same HTML (a test compares it with
Django's templates) with string joins.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def _option(option: dict) -> str:
    value = conditional_escape(str(option["value"]))
    return f'<option value="{value}"{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n'


class QuickSelect(forms.Select):
    """forms.Select with the output of django/forms/widgets/select.html, without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f"\n  {_option(option)}" for option in options)
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """The same for a list where several options may be chosen (forms.SelectMultiple's data and `multiple`)."""
