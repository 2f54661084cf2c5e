"""Who manages what: moderators and superusers every company, recruiters their own."""


def sees_everything(user):
    """Superusers and moderators manage every company; recruiters only their own."""
    if not user.is_active or not user.is_staff:
        return False
    if not hasattr(user, "_sees_everything"):
        user._sees_everything = user.is_superuser or user.groups.filter(name=MODERATORS).exists()
    return user._sees_everything


MODERATORS = "Moderators"
RECRUITERS = "Recruiters"
