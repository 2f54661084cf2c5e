"""Where the job is (jobLocation) and, for a remote job, where applicants may live."""

from __future__ import annotations

from typing import Any

from .report import (
    _REMOTE_WORDS,
    ERROR,
    WARNING,
    _as_list,
    _country,
    _is_real_area,
    _is_subdivision,
    _nonempty_str,
    _plain_text,
    _Report,
    _types,
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
