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


# ISO 4217 codes of currencies in use (2024), for salaries.
ISO_4217 = frozenset(
    """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN
    BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
    GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
    KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR
    MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF
    SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD
    TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL""".split()
)


def validate_currency(value):
    if value not in ISO_4217:
        raise ValidationError(
            "Enter an ISO 4217 currency code in capitals, such as EUR or USD.", code="invalid"
        )
