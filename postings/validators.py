from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

_http = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


def validate_apply_url(value):
    """Candidates click this link: only http(s) pages and mailto: addresses are allowed."""
    if value.lower().startswith("mailto:"):
        address = value[len("mailto:") :].split("?", 1)[0]
        try:
            _email(address)
        except ValidationError:
            raise ValidationError("Enter a valid mailto: address.", code="invalid") from None
        return
    try:
        _http(value)
    except ValidationError:
        raise ValidationError(
            "Enter an http(s) URL or a mailto: address.", code="invalid"
        ) from None
