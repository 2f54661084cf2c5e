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

from datetime import date
from typing import Any

from .job import (
    _check_context_and_type,
    _check_date,
    _check_description,
    _check_direct_apply,
    _check_employment_type,
    _check_hiring_organization,
    _check_identifier,
    _check_title,
    _check_valid_through,
)
from .locations import (
    _check_applicant_location_requirements,
    _check_job_location,
    _check_job_location_type,
    _check_remote_description,
)
from .report import EMPLOYMENT_TYPES, SALARY_UNITS, Problem, _Report
from .salary import _check_base_salary

__all__ = ["Problem", "check", "EMPLOYMENT_TYPES", "SALARY_UNITS"]


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
