"""A checker of Google's rules for ``JobPosting`` structured data (Google Job Search).

Source: Google Search Central, "Job posting (JobPosting) structured data for Job Search",
https://developers.google.com/search/docs/appearance/structured-data/job-posting
(stored copy read: https://developers.google.cn/search/docs/appearance/structured-data/job-posting.md.txt).
Read on 2026-12-01.

How the text was read, so that nobody takes a paraphrase for Google's words: the stored copy
of Google's page could only be read from its beginning (the introduction: postings are
eligible for a Search experience "featuring your logo, reviews, ratings, and job details").
The property definitions were read as verbatim quotations of that page made by others:
schemastats.com (which reprints Google's table per property), suzukikenichi.com (on the
addressCountry change) and source comments in public repositories quoting the page. Every
quotation below is marked "Google:"; a rule that rests on no quotation says so ("Decision",
"Recollection, not re-read", "schema.org", or an argument from a quoted rule). The
expected types come from schema.org: PostalAddress.addressCountry ("Recommended to be in
2-letter ISO 3166-1 alpha-2 format ... For backward compatibility, a 3-letter ISO 3166-1
alpha-3 country code ... or a full country name ... can also be used"), AdministrativeArea
("A geographical region, typically under the jurisdiction of a particular government";
subtypes City, Country, State, ...; a Place).

Severity: "error" means a property Google requires is missing or unusable, so the posting is
not eligible for Job Search; "warning" means a recommended property is missing or malformed,
or a content guideline that can be checked mechanically is not followed.

Paths: a property that may hold one value or a list is always reported with an index, so
``jobLocation[0].address.addressCountry`` names the first (or only) place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import pycountry

__all__ = ["Problem", "check", "EMPLOYMENT_TYPES", "SALARY_UNITS"]

ERROR = "error"
WARNING = "warning"

# Google (employmentType): "Choose one or more of the following case-sensitive values".
EMPLOYMENT_TYPES = frozenset(
    "FULL_TIME PART_TIME CONTRACTOR TEMPORARY INTERN VOLUNTEER PER_DIEM OTHER".split()
)
# Google (baseSalary): "For the unitText of the base salary, use one of the following
# case-sensitive values: HOUR, DAY, WEEK, MONTH, YEAR".
SALARY_UNITS = frozenset("HOUR DAY WEEK MONTH YEAR".split())

# Names that are real places but neither countries nor subdivisions. Continents, and the
# European Union: schema.org's own answer to "how would you restrain to only Europe"
# (schemaorg/schemaorg#2083) is an AdministrativeArea named "European Union".
CONTINENTS = frozenset(
    name.casefold()
    for name in (
        "Africa",
        "Antarctica",
        "Asia",
        "Europe",
        "North America",
        "South America",
        "Oceania",
        "Australia",
        "European Union",
    )
)

_SCHEMA_CONTEXT = re.compile(r"^https?://schema\.org/?$")
_TAG = re.compile(r"<[^>]+>")
_HTML_BREAK = re.compile(r"<\s*(p|br|ul|li)\b", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_REMOTE_WORDS = re.compile(
    r"remote|telecommut|work(ing)? from home|home[- ]based|work from anywhere", re.IGNORECASE
)
# Title guideline patterns (see _check_title).
_TITLE_SPECIAL = re.compile(r"[!*]")
_TITLE_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_TITLE_SALARY = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?(k|K)\b|\b\d[\d,.]*\s?(USD|EUR|GBP)\b|\bper (hour|year|annum|month)\b"
    r"|/\s?(hr|hour|yr|year)\b",
    re.IGNORECASE,
)
_TITLE_CODE = re.compile(
    r"#\s?\d+|\b(req|job|ref|id|requisition)\s?(no\.?|number)?\s?[-#:]?\s?\d{3,}\b"
    r"|\b[A-Z]{1,4}-\d{3,}\b|\(\s?[A-Z]*\d{4,}\s?\)",
    re.IGNORECASE,
)
_TITLE_ADDRESS = re.compile(
    r"\b\d+\s+\w+(?:\s\w+)?\s(?:street|st|avenue|ave|road|rd|boulevard|blvd|parkway|pkwy|lane|ln)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    path: str
    message: str


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(ERROR, path, message))

    def warning(self, path: str, message: str) -> None:
        self.problems.append(Problem(WARNING, path, message))

    def add(self, severity: str, path: str, message: str) -> None:
        self.problems.append(Problem(severity, path, message))


def check(data: Any, *, today: date | None = None) -> list[Problem]:
    """Return the problems Google's rules find in one JobPosting JSON-LD object.

    ``today`` is optional so that the function stays pure: when given, a ``validThrough``
    before it is reported as an expired posting.
    """
    report = _Report()
    if not isinstance(data, dict):
        report.error("", "JobPosting structured data must be a JSON object")
        return report.problems

    _check_context_and_type(data, report)
    _check_title(data, report)
    _check_description(data, report)
    posted = _check_date(data, "datePosted", report, required=True)
    _check_valid_through(data, posted, today, report)
    _check_hiring_organization(data, report)
    remote = _check_job_location_type(data, report)
    _check_job_location(data, remote, report)
    _check_applicant_location_requirements(data, remote, report)
    _check_remote_description(data, remote, report)
    _check_base_salary(data, report)
    _check_employment_type(data, report)
    _check_identifier(data, report)
    _check_direct_apply(data, report)
    return report.problems


# -- helpers ---------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    raw = node.get("@type")
    return {t for t in _as_list(raw) if isinstance(t, str)}


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _parse_iso8601(value: Any) -> datetime | None:
    """A date or date-time in ISO 8601 form, as a datetime (naive ones are taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), datetime.min.time())
        else:
            parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _plain_text(html: str) -> str:
    return " ".join(_TAG.sub(" ", html).split())


@cache
def _subdivision_names() -> frozenset[str]:
    names: set[str] = set()
    for sub in pycountry.subdivisions:
        names.add(sub.name.casefold())
        names.add(sub.code.casefold())
    return frozenset(names)


def _country(value: Any) -> Any | None:
    """The pycountry country a name or ISO code (alpha-2, alpha-3) stands for, or None."""
    if not _nonempty_str(value):
        return None
    try:
        return pycountry.countries.lookup(value.strip())
    except LookupError:
        return None


def _is_subdivision(name: str) -> bool:
    """A state, province or other ISO 3166-2 subdivision: "Michigan", "US-MI", or
    "Michigan, USA" (a subdivision qualified by a country pycountry knows)."""
    text = name.strip()
    if text.casefold() in _subdivision_names():
        return True
    head, sep, tail = text.partition(",")
    return bool(sep) and head.strip().casefold() in _subdivision_names() and bool(_country(tail))


def _is_real_area(name: str) -> bool:
    return bool(_country(name)) or _is_subdivision(name) or name.strip().casefold() in CONTINENTS


# -- @context / @type ------------------------------------------------------------------------


def _check_context_and_type(data: dict, report: _Report) -> None:
    # Google's examples all open with "@context": "https://schema.org/" and
    # "@type": "JobPosting"; without them the object is not schema.org JobPosting at all.
    context = data.get("@context")
    if context is None:
        report.error("@context", 'Missing "@context"; Google\'s examples use "https://schema.org/"')
    elif not (isinstance(context, str) and _SCHEMA_CONTEXT.match(context.strip())):
        report.error("@context", f'"@context" must be "https://schema.org/", not {context!r}')
    if "@type" not in data:
        report.error("@type", 'Missing "@type": "JobPosting"')
    elif "JobPosting" not in _types(data):
        report.error("@type", f'"@type" must be "JobPosting", not {data.get("@type")!r}')


# -- title -----------------------------------------------------------------------------------


def _check_title(data: dict, report: _Report) -> None:
    # Google (required): "title — The title of the job (not the title of the posting). For
    # example, "Software Engineer" or "Barista"".
    title = data.get("title")
    if title is None:
        report.error("title", "Missing required property title (Google: the title of the job)")
        return
    if not _nonempty_str(title):
        report.error("title", "title must be a non-empty string")
        return
    # Google (title best practices, as quoted by others): "Don't include job codes,
    # addresses, dates, salaries, or company names." Recollection, not re-read: the same
    # list advises against special characters such as "!" and "*". These are content
    # guidelines, found by pattern, so they are warnings.
    org = data.get("hiringOrganization")
    org_name = org.get("name") if isinstance(org, dict) else None
    checks = (
        (_TITLE_SPECIAL.search(title), 'avoid special characters such as "!" and "*"'),
        (_TITLE_DATE.search(title), "don't include dates in the title"),
        (_TITLE_SALARY.search(title), "don't include salaries in the title"),
        (_TITLE_CODE.search(title), "don't include job codes in the title"),
        (_TITLE_ADDRESS.search(title), "don't include addresses in the title"),
        (
            _nonempty_str(org_name)
            and re.search(rf"\b{re.escape(org_name.strip())}\b", title, re.IGNORECASE),
            "don't include company names in the title",
        ),
    )
    for found, rule in checks:
        if found:
            report.warning("title", f"The title should contain only the job title: {rule}")


# -- description -----------------------------------------------------------------------------


def _check_description(data: dict, report: _Report) -> None:
    # Google (required): "description — The full description of the job in HTML format. The
    # description must be a complete representation of the job ... The description can't be
    # the same as the title."
    description = data.get("description")
    if description is None:
        report.error(
            "description", "Missing required property description (full job description in HTML)"
        )
        return
    if not _nonempty_str(description) or not _plain_text(description):
        report.error("description", "description must be a non-empty string")
        return
    title = data.get("title")
    if _nonempty_str(title) and _plain_text(description).casefold() == title.strip().casefold():
        report.error("description", "Google: the description can't be the same as the title")
    # Google: "You must format the description in HTML. At minimum, add paragraph breaks
    # using <br>, <p>, or \n."
    if not _HTML_BREAK.search(description) and "\n" not in description:
        report.warning(
            "description",
            "Google: format the description in HTML; at minimum add paragraph breaks "
            "using <br>, <p>, or \\n",
        )


# -- dates -----------------------------------------------------------------------------------


def _check_date(data: dict, key: str, report: _Report, *, required: bool) -> datetime | None:
    # Google (required): "datePosted — The original date that employer posted the job in
    # ISO 8601 format. For example, "2017-01-24" or "2017-01-24T19:33:17+00:00"."
    value = data.get(key)
    if value is None:
        if required:
            report.error(key, f"Missing required property {key} (ISO 8601 date)")
        return None
    parsed = _parse_iso8601(value)
    if parsed is None:
        report.add(
            ERROR if required else WARNING,
            key,
            f'{key} must be an ISO 8601 date or date-time, e.g. "2017-01-24" or '
            f'"2017-01-24T19:33:17+00:00"; got {value!r}',
        )
    return parsed


def _check_valid_through(
    data: dict, posted: datetime | None, today: date | None, report: _Report
) -> None:
    # Google (recommended): "validThrough — The date when the job posting will expire in
    # ISO 8601 format" and "if you do not know when the job will expire, do not include
    # this property." So a missing validThrough is not reported at all: asking for it
    # would ask sites to invent an expiry date.
    if "validThrough" not in data:
        return
    until = _check_date(data, "validThrough", report, required=False)
    if until is None:
        return
    # Google (removing a job posting): a job is expired by making sure "the validThrough
    # property is populated and in the past". A validThrough before datePosted therefore
    # describes a posting that was expired from its first day: not eligible.
    if posted is not None and until < posted:
        report.error(
            "validThrough", "validThrough is before datePosted: the posting is already expired"
        )
    elif today is not None and until.date() < today:
        report.error(
            "validThrough", "validThrough is in the past: Google treats the posting as expired"
        )


# -- hiringOrganization ----------------------------------------------------------------------


def _check_hiring_organization(data: dict, report: _Report) -> None:
    # Google (required): "hiringOrganization — Organization. The organization offering the
    # job position. This must be the name of the company (for example, "Starbucks, Inc"),
    # and not the specific location that is hiring". Google's example carries "name",
    # "sameAs" and "logo"; the introduction promises results "featuring your logo".
    org = data.get("hiringOrganization")
    if org is None:
        report.error("hiringOrganization", "Missing required property hiringOrganization")
        return
    if isinstance(org, str):
        # Google: "If the organization is hiring anonymously (for example, a staffing
        # agency on behalf of an anonymous employer ...)" - read as far as this sentence;
        # other readers of the page quote the value "confidential" for that case.
        if org.strip().casefold() == "confidential":
            return
        report.error(
            "hiringOrganization", "hiringOrganization must be an Organization object with a name"
        )
        return
    if not isinstance(org, dict):
        report.error(
            "hiringOrganization", "hiringOrganization must be an Organization object with a name"
        )
        return
    if "Organization" not in _types(org):
        report.warning(
            "hiringOrganization.@type", 'hiringOrganization should have "@type": "Organization"'
        )
    if not _nonempty_str(org.get("name")):
        report.error(
            "hiringOrganization.name", "hiringOrganization.name (the company's name) is required"
        )
    for key, what in (("sameAs", "the company's website"), ("logo", "the company's logo")):
        value = org.get(key)
        if value is None:
            report.warning(
                f"hiringOrganization.{key}",
                f"Add hiringOrganization.{key} ({what}), as in Google's example",
            )
        elif not (isinstance(value, str) and _URL.match(value.strip())):
            report.warning(
                f"hiringOrganization.{key}", f"hiringOrganization.{key} should be an absolute URL"
            )


# -- jobLocationType / jobLocation -----------------------------------------------------------


def _check_job_location_type(data: dict, report: _Report) -> bool:
    # Google (recommended): "jobLocationType — Set this property with the value TELECOMMUTE
    # for jobs in which the employee may or must work remotely 100% of the time (from home
    # or another location of their choosing). ... The jobLocationType property is required if
    # the job is 100% remote." TELECOMMUTE is the only value Google describes.
    value = data.get("jobLocationType")
    if value is None:
        return False
    remote = False
    for i, item in enumerate(_as_list(value)):
        path = f"jobLocationType[{i}]" if isinstance(value, list) else "jobLocationType"
        if item == "TELECOMMUTE":
            remote = True
        else:
            report.warning(
                path,
                f'jobLocationType: the only value Google describes is "TELECOMMUTE", not {item!r}',
            )
    return remote


def _check_job_location(data: dict, remote: bool, report: _Report) -> None:
    # Google (required): "jobLocation — Place. The physical location(s) of the business where
    # the employee will report to work (such as an office or worksite), not the location
    # where the job was posted. Include as many properties as possible. The more properties
    # you provide, the higher quality the job posting is to our users. Note that you must
    # include the addressCountry property." Google: "Note that the addressCountry property
    # must be specified if this [jobLocation] property is used."
    value = data.get("jobLocation")
    if value is None:
        if not remote:
            # A 100% remote job has no place to report to; every other job must have one.
            report.error(
                "jobLocation",
                "Missing jobLocation: required unless the job is 100% remote "
                '("jobLocationType": "TELECOMMUTE")',
            )
        return
    places = _as_list(value)
    if not places:
        report.error("jobLocation", "jobLocation is an empty list")
        return
    for i, place in enumerate(places):
        _check_place(place, f"jobLocation[{i}]", report)


def _check_place(place: Any, path: str, report: _Report) -> None:
    if not isinstance(place, dict):
        report.error(path, "jobLocation must be a Place object with a PostalAddress")
        return
    if "Place" not in _types(place):
        report.warning(f"{path}.@type", 'jobLocation should have "@type": "Place"')
    address = place.get("address")
    if address is None:
        report.error(
            f"{path}.address", "jobLocation needs an address (a PostalAddress with addressCountry)"
        )
        return
    if not isinstance(address, dict):
        report.error(
            f"{path}.address",
            "address must be a PostalAddress object with addressCountry, not text",
        )
        return
    if "PostalAddress" not in _types(address):
        report.warning(f"{path}.address.@type", 'address should have "@type": "PostalAddress"')
    _check_address_country(address.get("addressCountry"), f"{path}.address.addressCountry", report)
    # Google: "Include as many properties as possible." The other PostalAddress fields are
    # recommended, so a missing one is a warning.
    for key in ("streetAddress", "addressLocality", "addressRegion", "postalCode"):
        if key not in address:
            report.warning(
                f"{path}.address.{key}",
                f"Add {key}: Google asks for as many address properties as possible",
            )
        elif not _nonempty_str(address[key]) and not isinstance(address[key], int):
            report.warning(f"{path}.address.{key}", f"{key} should be a non-empty string")


def _check_address_country(value: Any, path: str, report: _Report) -> None:
    if value is None:
        report.error(path, "Google: you must include the addressCountry property")
        return
    if isinstance(value, dict):
        # schema.org allows a Country object; its name must be a country.
        name = value.get("name")
        if _country(name) is None:
            report.error(f"{path}.name", f"addressCountry names no known country: {name!r}")
        return
    if not _nonempty_str(value):
        report.error(path, 'addressCountry must be an ISO 3166-1 alpha-2 code such as "US"')
        return
    text = value.strip()
    country = _country(text)
    if country is None:
        # "XX", "Worldwide", "Remote": Google gets no country, so the required property is
        # effectively missing.
        report.error(
            path, f"addressCountry {value!r} is not a country (use an ISO 3166-1 alpha-2 code)"
        )
    elif text != country.alpha_2:
        # schema.org still accepts alpha-3 codes and full names "for backward
        # compatibility" and recommends alpha-2; Google's examples use "US". A country is
        # there, so this is a warning.
        report.warning(
            path,
            f"addressCountry should be the ISO 3166-1 alpha-2 code {country.alpha_2!r}, "
            f"not {value!r}",
        )


# -- applicantLocationRequirements -----------------------------------------------------------


def _check_applicant_location_requirements(data: dict, remote: bool, report: _Report) -> None:
    # Google (recommended): "applicantLocationRequirements — AdministrativeArea. The
    # geographic location(s) in which employees may be located for to be eligible for the
    # Work from home job. The job description must clearly state that the applicant may be
    # located in certain geographical location(s). This property is required if applicants
    # may be located in one or more geographic locations and the job is 100% remote."
    # Google's examples: {"@type": "Country", "name": "USA"} and a list of
    # {"@type": "State", "name": "Michigan"} / {"@type": "State", "name": "California"}.
    value = data.get("applicantLocationRequirements")
    if value is None:
        if remote:
            report.error(
                "applicantLocationRequirements",
                "A 100% remote (TELECOMMUTE) job needs applicantLocationRequirements: "
                "the country or state(s) applicants may work from",
            )
        return
    if not remote:
        report.warning(
            "jobLocationType",
            'applicantLocationRequirements describes a Work from home job: set "jobLocationType": '
            '"TELECOMMUTE" if the job is 100% remote',
        )
    entries = _as_list(value)
    if not entries:
        if remote:
            report.error(
                "applicantLocationRequirements", "applicantLocationRequirements is an empty list"
            )
        return
    found: list[tuple[str, str]] = []
    valid = 0
    for i, entry in enumerate(entries):
        issue = _area_issue(entry, f"applicantLocationRequirements[{i}]")
        if issue is None:
            valid += 1
        else:
            found.append(issue)
    # Decision (see the test module): Google gives no "anywhere" or region value; it asks
    # for the geographic location(s) applicants may be in, and shows Country and State
    # names. An entry that names no real place ("Worldwide", "EMEA") gives Google nothing
    # to match. If no entry is usable, a remote posting is missing a property Google
    # requires for it: error. If another entry is usable, the bad one is a warning.
    severity = ERROR if remote and valid == 0 else WARNING
    for path, message in found:
        report.add(severity, path, message)


def _area_issue(entry: Any, path: str) -> tuple[str, str] | None:
    if not isinstance(entry, dict):
        return (
            path,
            "Each applicantLocationRequirements entry must be an object with @type and name",
        )
    types = _types(entry)
    name = entry.get("name")
    if not types:
        return (
            f"{path}.@type",
            'Give the entry a "@type": "Country", "State" or "AdministrativeArea"',
        )
    if not _nonempty_str(name):
        return f"{path}.name", 'The entry needs a name (for example "USA" or "Michigan")'
    if "Country" in types:
        if _country(name) is None:
            hint = ' (a state: use "@type": "State")' if _is_subdivision(name) else ""
            return f"{path}.name", f"{name!r} is not a country ISO 3166 knows{hint}"
        return None
    if "State" in types:
        if not _is_subdivision(name):
            return f"{path}.name", f"{name!r} is not a state or other ISO 3166-2 subdivision"
        return None
    if "AdministrativeArea" in types:
        if not _is_real_area(name):
            return (
                f"{path}.name",
                f"{name!r} names no country, state or continent; Google asks for the "
                "geographic location(s) applicants may be located in",
            )
        return None
    return (
        f"{path}.@type",
        f"@type {sorted(types)} cannot be checked; Google's examples use Country and State "
        "(schema.org: an AdministrativeArea)",
    )


def _check_remote_description(data: dict, remote: bool, report: _Report) -> None:
    # Google: "In addition to adding jobLocationType, the job description must clearly state
    # that the job is 100% remote." Only a word can be looked for, so this is a warning.
    description = data.get("description")
    if remote and _nonempty_str(description) and not _REMOTE_WORDS.search(_plain_text(description)):
        report.warning(
            "description",
            "Google: the job description must clearly state that the job is 100% remote",
        )


# -- baseSalary ------------------------------------------------------------------------------


def _check_base_salary(data: dict, report: _Report) -> None:
    # Google (recommended): "baseSalary — MonetaryAmount. The actual base salary for the
    # job, as provided by the employer (not an estimate)." Example: {"@type":
    # "MonetaryAmount", "currency": "USD", "value": {"@type": "QuantitativeValue",
    # "value": 40.00, "unitText": "HOUR"}}, or minValue/maxValue for a range.
    salary = data.get("baseSalary")
    if salary is None:
        report.warning(
            "baseSalary",
            "Add baseSalary (recommended): the actual base salary, as provided by the employer",
        )
        return
    if not isinstance(salary, dict):
        report.warning("baseSalary", "baseSalary should be a MonetaryAmount object")
        return
    if "MonetaryAmount" not in _types(salary):
        report.warning("baseSalary.@type", 'baseSalary should have "@type": "MonetaryAmount"')
    currency = salary.get("currency")
    if currency is None:
        report.warning(
            "baseSalary.currency", 'baseSalary needs a currency (ISO 4217 code such as "USD")'
        )
    elif not (
        isinstance(currency, str) and pycountry.currencies.get(alpha_3=currency.strip()) is not None
    ):
        report.warning(
            "baseSalary.currency", f"baseSalary.currency {currency!r} is not an ISO 4217 code"
        )
    value = salary.get("value")
    if value is None:
        report.warning(
            "baseSalary.value",
            "baseSalary needs a QuantitativeValue with value or minValue/maxValue",
        )
        return
    if not isinstance(value, dict):
        report.warning(
            "baseSalary.value", "baseSalary.value should be a QuantitativeValue with a unitText"
        )
        return
    if "QuantitativeValue" not in _types(value):
        report.warning(
            "baseSalary.value.@type", 'baseSalary.value should have "@type": "QuantitativeValue"'
        )
    amounts = {}
    for key in ("value", "minValue", "maxValue"):
        if key in value:
            amount = value[key]
            if isinstance(amount, bool) or not isinstance(amount, int | float) or amount <= 0:
                report.warning(
                    f"baseSalary.value.{key}", f"{key} should be a positive number, not {amount!r}"
                )
            else:
                amounts[key] = amount
    if not any(key in value for key in ("value", "minValue", "maxValue")):
        report.warning(
            "baseSalary.value", "QuantitativeValue needs value, or minValue and maxValue"
        )
    if (
        "minValue" in amounts
        and "maxValue" in amounts
        and amounts["minValue"] > amounts["maxValue"]
    ):
        report.warning("baseSalary.value.minValue", "minValue is greater than maxValue")
    unit = value.get("unitText")
    if unit not in SALARY_UNITS:
        report.warning(
            "baseSalary.value.unitText",
            f"unitText must be one of HOUR, DAY, WEEK, MONTH, YEAR (case-sensitive), not {unit!r}",
        )


# -- employmentType / identifier / directApply -----------------------------------------------


def _check_employment_type(data: dict, report: _Report) -> None:
    value = data.get("employmentType")
    if value is None:
        report.warning("employmentType", 'Add employmentType (recommended), e.g. "FULL_TIME"')
        return
    items = _as_list(value)
    for i, item in enumerate(items):
        if item not in EMPLOYMENT_TYPES:
            report.warning(
                f"employmentType[{i}]",
                f"employmentType {item!r} is not one of Google's case-sensitive values "
                + ", ".join(sorted(EMPLOYMENT_TYPES)),
            )


def _check_identifier(data: dict, report: _Report) -> None:
    # Google (recommended): "identifier — PropertyValue. The hiring organization's unique
    # identifier for the job."
    value = data.get("identifier")
    if value is None:
        report.warning(
            "identifier", "Add identifier (recommended): the hiring organization's id for the job"
        )
        return
    if not isinstance(value, dict) or "PropertyValue" not in _types(value):
        report.warning(
            "identifier",
            'identifier should be a {"@type": "PropertyValue", "name", "value"} object',
        )
        return
    if value.get("value") in (None, ""):
        report.warning("identifier.value", "identifier needs a value")
    if not _nonempty_str(value.get("name")):
        report.warning("identifier.name", "identifier needs a name")


def _check_direct_apply(data: dict, report: _Report) -> None:
    # Google (recommended): "directApply — Boolean. Indicates whether the URL that's
    # associated with this job posting enables direct application for the job."
    value = data.get("directApply")
    if value is None:
        report.warning("directApply", "Add directApply (recommended): true or false")
    elif not isinstance(value, bool):
        report.warning("directApply", f"directApply must be a boolean, not {value!r}")
