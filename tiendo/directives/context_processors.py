from functools import cache

from tiendo.core import access

from .models import Notification

UNREAD_CAP = 100  # the bell shows "99+" beyond this, so the count never has to scan a long backlog


def notifications(request):
    """The header bell's unread count: a callable, so only pages that show the bell run the (indexed) count."""
    user = getattr(request, "user", None)

    @cache
    def unread() -> int:
        if user is None or not user.is_authenticated:
            return 0
        return access.visible(user, Notification).filter(read_at__isnull=True)[:UNREAD_CAP].count()

    return {"unread_notifications": unread}
