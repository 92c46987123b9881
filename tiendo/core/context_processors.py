"""Templates ask capabilities (`can.manage_plans`), never roles."""

from .access import Capabilities


def capabilities(request):
    return {"can": Capabilities(getattr(request, "user", None))}
