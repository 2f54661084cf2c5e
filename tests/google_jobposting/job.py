"""The posting's own properties: type, title, description, dates, employer, terms."""

from __future__ import annotations

import re
from datetime import date, datetime

from .report import (
    _HTML_BREAK,
    _SCHEMA_CONTEXT,
    _TITLE_ADDRESS,
    _TITLE_CODE,
    _TITLE_DATE,
    _TITLE_SALARY,
    _TITLE_SPECIAL,
    _URL,
    EMPLOYMENT_TYPES,
    ERROR,
    WARNING,
    _as_list,
    _nonempty_str,
    _parse_iso8601,
    _plain_text,
    _Report,
    _types,
)

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
