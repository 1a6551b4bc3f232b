"""The core's one answer to "is this a verified citizen": a signed-in, active account with at
least one email address it has confirmed (django-allauth's `EmailAddress.verified`). Comments,
consultations and event registrations ask here; what else an app lets staff do is the
app's own rule."""

from allauth.account.models import EmailAddress


def is_verified_citizen(user):
    """Whether `user` (any user, anonymous too) is signed in, active and has confirmed an
    email address."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def verified_citizen(request):
    """The signed-in user of `request` when a verified citizen, else None."""
    user = getattr(request, "user", None)
    return user if is_verified_citizen(user) else None
