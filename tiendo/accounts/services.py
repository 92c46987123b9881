"""The one way user accounts are created, shared by `tiendo users create` and whatever page comes to do it."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from tiendo.audit.models import acted_by

from .models import User


@transaction.atomic
def create_user(user: User, *, actor, password: str) -> User:
    """Check the password against the validators and the record, then save it; the history names the creator.

    Raises ValidationError: a password the validators refuse (a list), or fields the model refuses (a dict)."""
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    acted_by(user, actor).save()
    return user


@transaction.atomic
def set_password(user: User, *, actor, password: str, reason: str = "Đặt lại mật khẩu") -> User:
    """A new password for an account, checked against the validators; the history row names who set it (the
    password itself is never kept in the history).

    Raises ValidationError: a password the validators refuse."""
    validate_password(password, user)
    user.set_password(password)
    acted_by(user, actor, reason).save()
    return user
