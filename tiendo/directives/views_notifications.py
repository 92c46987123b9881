"""A user's in-app notifications: reminders, new tasks, extension requests and decisions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tiendo.core import access

from . import services
from .models import Notification
from .reminders import task_path

PAGE_SIZE = 50


def _own(request):
    """Everyone sees only their own notifications (about tasks they may still see)."""
    return access.visible(request.user, Notification)


@require_GET
def notification_list(request):
    notifications = _own(request).order_by("-created_at", "-pk")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    for notification in page:
        # a task's page, or the page the notification names (a petition's)
        notification.link = task_path(notification.task_id) if notification.task_id else notification.link
    unread = _own(request).filter(read_at__isnull=True).exists()
    return render(request, "directives/notifications.html", {"page": page, "unread": unread})


def _back(request):
    url = reverse("directives:notifications")
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdecimal() else url)


@require_POST
def notifications_read(request):
    count = services.mark_read(_own(request), actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return _back(request)


@require_POST
def notification_read(request, pk):
    notification = access.get_or_404(request.user, Notification, pk=pk)
    services.mark_read(Notification.objects.filter(pk=notification.pk), actor=request.user)
    return _back(request)
