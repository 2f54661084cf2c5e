"""Table tests for tests/google_jobposting/, the checker of Google's JobPosting rules.

Each broken variant changes one thing in a valid posting and lists, exactly, the
(severity, path) pairs the checker must report: a rule that fires too often fails as surely
as one that doesn't fire.
"""

import copy
from datetime import date

import pytest

from tests.google_jobposting import Problem, check

# Modelled on the JSON-LD example in Google's guideline (the "Software Engineer" posting for
# Google in Mountain View), with directApply added so that no recommended property is missing.
FULL = {
    "@context": "https://schema.org/",
    "@type": "JobPosting",
    "title": "Software Engineer",
    "description": (
        "<p>Google aspires to be an organization that reflects the globally diverse audience "
        "that our products and technology serve. We believe that in addition to hiring the "
        "best talent, a diversity of perspectives, ideas and cultures leads to the creation "
        "of better products and services.</p>"
    ),
    "identifier": {"@type": "PropertyValue", "name": "Google", "value": "1234567"},
    "datePosted": "2024-01-18",
    "validThrough": "2024-03-18T00:00",
    "employmentType": "CONTRACTOR",
    "directApply": True,
    "hiringOrganization": {
        "@type": "Organization",
        "name": "Google",
        "sameAs": "https://www.google.com",
        "logo": "https://www.example.com/images/logo.png",
    },
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "1600 Amphitheatre Pkwy",
            "addressLocality": "Mountain View",
            "addressRegion": "CA",
            "postalCode": "94043",
            "addressCountry": "US",
        },
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "value": 40.00, "unitText": "HOUR"},
    },
}

# A 100% remote job: TELECOMMUTE, no office, and the country applicants may work from, as in
# Google's applicantLocationRequirements example ({"@type": "Country", "name": "USA"}).
REMOTE = {
    **copy.deepcopy({k: v for k, v in FULL.items() if k != "jobLocation"}),
    "description": (
        "<p>This position is 100% remote: you can work from home anywhere in the United "
        "States.</p><ul><li>Build services</li><li>Review code</li></ul>"
    ),
    "jobLocationType": "TELECOMMUTE",
    "applicantLocationRequirements": {"@type": "Country", "name": "USA"},
}

DELETE = object()


def variant(base, **changes):
    """A deep copy of base with dotted paths set (or removed, with DELETE).

    Keyword names use "__" for "." and "_N" digits are list indexes: jobLocation__address__x.
    """
    data = copy.deepcopy(base)
    for dotted, value in changes.items():
        keys = [int(k) if k.isdigit() else k for k in dotted.split("__")]
        keys = ["@" + k[3:] if isinstance(k, str) and k.startswith("at_") else k for k in keys]
        node = data
        for key in keys[:-1]:
            node = node[key]
        if value is DELETE:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return data


def pairs(problems):
    return sorted((p.severity, p.path) for p in problems)


E, W = "error", "warning"

VALID = [
    pytest.param(FULL, id="full-google-example"),
    pytest.param(REMOTE, id="remote-usa"),
    # Google's second example: a job that can be done from Michigan or California.
    pytest.param(
        variant(
            REMOTE,
            applicantLocationRequirements=[
                {"@type": "State", "name": "Michigan"},
                {"@type": "State", "name": "California"},
            ],
        ),
        id="remote-two-states",
    ),
    # A continent is a real geographic area: accepted as an AdministrativeArea.
    pytest.param(
        variant(
            REMOTE, applicantLocationRequirements={"@type": "AdministrativeArea", "name": "Europe"}
        ),
        id="remote-europe",
    ),
    # A remote job that also names an office: TELECOMMUTE plus a jobLocation.
    pytest.param(
        {**copy.deepcopy(REMOTE), "jobLocation": copy.deepcopy(FULL["jobLocation"])},
        id="remote-with-office",
    ),
    # jobLocation may be a list of places.
    pytest.param(
        variant(FULL, jobLocation=[FULL["jobLocation"], FULL["jobLocation"]]), id="two-places"
    ),
    pytest.param(
        variant(FULL, employmentType=["FULL_TIME", "PART_TIME"]), id="two-employment-types"
    ),
    pytest.param(
        variant(
            FULL,
            baseSalary={
                "@type": "MonetaryAmount",
                "currency": "EUR",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": 40000,
                    "maxValue": 50000,
                    "unitText": "YEAR",
                },
            },
        ),
        id="salary-range",
    ),
    pytest.param(variant(FULL, datePosted="2024-01-18T19:33:17+00:00"), id="date-time-with-offset"),
    # Google: "If a job posting never expires, or you do not know when the job will expire,
    # do not include this property" - so its absence is no problem.
    pytest.param(variant(FULL, validThrough=DELETE), id="no-validThrough"),
    # Anonymous hiring: the string "confidential" stands for the hiring organization.
    pytest.param(variant(FULL, hiringOrganization="confidential"), id="confidential-employer"),
]


@pytest.mark.parametrize("data", VALID)
def test_valid_postings_have_no_problems(data):
    assert check(data) == []


BROKEN = [
    # --- @context / @type
    ("no-context", variant(FULL, at_context=DELETE), [(E, "@context")]),
    ("wrong-type", variant(FULL, at_type="Job"), [(E, "@type")]),
    ("not-an-object", ["JobPosting"], [(E, "")]),
    # --- title (required)
    ("no-title", variant(FULL, title=DELETE), [(E, "title")]),
    ("blank-title", variant(FULL, title="   "), [(E, "title")]),
    # Google: don't include company names; avoid special characters such as "!" and "*".
    (
        "title-company-and-bangs",
        variant(FULL, title="Google Software Engineer!!!"),
        [(W, "title"), (W, "title")],
    ),
    ("title-job-code", variant(FULL, title="Software Engineer (REQ-12345)"), [(W, "title")]),
    ("title-salary", variant(FULL, title="Software Engineer $120k"), [(W, "title")]),
    ("title-date", variant(FULL, title="Software Engineer 2024-01-18"), [(W, "title")]),
    ("title-address", variant(FULL, title="Barista, 555 Clancy St"), [(W, "title")]),
    # --- description (required, HTML)
    ("no-description", variant(FULL, description=DELETE), [(E, "description")]),
    (
        "description-is-title",
        variant(FULL, description="Software Engineer"),
        [(E, "description"), (W, "description")],
    ),
    (
        "description-no-breaks",
        variant(FULL, description="Write code. Review code."),
        [(W, "description")],
    ),
    # --- dates
    ("no-datePosted", variant(FULL, datePosted=DELETE), [(E, "datePosted")]),
    ("datePosted-not-iso", variant(FULL, datePosted="18/01/2024"), [(E, "datePosted")]),
    ("datePosted-not-a-date", variant(FULL, datePosted="2024-02-30"), [(E, "datePosted")]),
    (
        "validThrough-before-datePosted",
        variant(FULL, validThrough="2024-01-01"),
        [(E, "validThrough")],
    ),
    ("validThrough-not-iso", variant(FULL, validThrough="next month"), [(W, "validThrough")]),
    # --- hiringOrganization (required)
    (
        "no-hiringOrganization",
        variant(FULL, hiringOrganization=DELETE),
        [(E, "hiringOrganization")],
    ),
    (
        "no-hiringOrganization-name",
        variant(FULL, hiringOrganization__name=DELETE),
        [(E, "hiringOrganization.name")],
    ),
    (
        "hiringOrganization-plain-string",
        variant(FULL, hiringOrganization="Google"),
        [(E, "hiringOrganization")],
    ),
    (
        "no-logo-no-sameAs",
        variant(FULL, hiringOrganization__logo=DELETE, hiringOrganization__sameAs=DELETE),
        [(W, "hiringOrganization.logo"), (W, "hiringOrganization.sameAs")],
    ),
    (
        "logo-not-url",
        variant(FULL, hiringOrganization__logo="logo.png"),
        [(W, "hiringOrganization.logo")],
    ),
    # --- jobLocation (required unless 100% remote) and its PostalAddress
    (
        "jobLocation-without-address",
        variant(FULL, jobLocation__address=DELETE),
        [(E, "jobLocation[0].address")],
    ),
    (
        "address-as-text",
        variant(FULL, jobLocation__address="1600 Amphitheatre Pkwy, Mountain View"),
        [(E, "jobLocation[0].address")],
    ),
    (
        "address-without-addressCountry",
        variant(FULL, jobLocation__address__addressCountry=DELETE),
        [(E, "jobLocation[0].address.addressCountry")],
    ),
    # schema.org still accepts a full country name "for backward compatibility", and the
    # country is unambiguous, so it is a warning: use the alpha-2 code "GB".
    (
        "addressCountry-full-name",
        variant(FULL, jobLocation__address__addressCountry="United Kingdom"),
        [(W, "jobLocation[0].address.addressCountry")],
    ),
    # "XX" is no country at all: Google gets no addressCountry, which it requires.
    (
        "addressCountry-XX",
        variant(FULL, jobLocation__address__addressCountry="XX"),
        [(E, "jobLocation[0].address.addressCountry")],
    ),
    (
        "country-only-address",
        variant(
            FULL,
            jobLocation__address={"@type": "PostalAddress", "addressCountry": "DE"},
        ),
        [
            (W, "jobLocation[0].address.addressLocality"),
            (W, "jobLocation[0].address.addressRegion"),
            (W, "jobLocation[0].address.postalCode"),
            (W, "jobLocation[0].address.streetAddress"),
        ],
    ),
    (
        "second-place-without-country",
        variant(
            FULL,
            jobLocation=[
                FULL["jobLocation"],
                {
                    "@type": "Place",
                    "address": {
                        "@type": "PostalAddress",
                        "streetAddress": "6 Pancras Square",
                        "addressLocality": "London",
                        "addressRegion": "England",
                        "postalCode": "N1C 4AG",
                    },
                },
            ],
        ),
        [(E, "jobLocation[1].address.addressCountry")],
    ),
    ("no-location-not-remote", variant(FULL, jobLocation=DELETE), [(E, "jobLocation")]),
    # "REMOTE" is not a value Google knows, so the job is not marked remote and has no place.
    (
        "jobLocationType-REMOTE",
        variant(FULL, jobLocation=DELETE, jobLocationType="REMOTE"),
        [(E, "jobLocation"), (W, "jobLocationType")],
    ),
    # --- remote jobs: TELECOMMUTE + applicantLocationRequirements
    # Google: applicantLocationRequirements "is required if applicants may be located in one
    # or more geographic locations and the job is 100% remote".
    (
        "remote-without-applicantLocationRequirements",
        variant(REMOTE, applicantLocationRequirements=DELETE),
        [(E, "applicantLocationRequirements")],
    ),
    # "Worldwide" and "EMEA" are errors when they are the only entry. Google's text gives no
    # "anywhere" value and no regions: the property holds "the geographic location(s) in
    # which employees may be located", its examples are a Country ("USA") and States
    # ("Michigan", "California"), and schema.org's AdministrativeArea is "a geographical
    # region, typically under the jurisdiction of a particular government". "Worldwide" is no
    # such region, and "EMEA" is a sales-territory acronym no gazetteer resolves. Either way
    # Google is left without a location it can match, i.e. without a property it requires for
    # a TELECOMMUTE job, so the posting is not eligible. A job open everywhere has to list
    # the countries (or continents) it is open to.
    (
        "applicant-location-worldwide",
        variant(
            REMOTE,
            applicantLocationRequirements={"@type": "AdministrativeArea", "name": "Worldwide"},
        ),
        [(E, "applicantLocationRequirements[0].name")],
    ),
    (
        "applicant-location-EMEA",
        variant(
            REMOTE, applicantLocationRequirements={"@type": "AdministrativeArea", "name": "EMEA"}
        ),
        [(E, "applicantLocationRequirements[0].name")],
    ),
    # Next to a usable country, the unusable entry only costs precision: a warning.
    (
        "applicant-location-usa-and-EMEA",
        variant(
            REMOTE,
            applicantLocationRequirements=[
                {"@type": "Country", "name": "USA"},
                {"@type": "AdministrativeArea", "name": "EMEA"},
            ],
        ),
        [(W, "applicantLocationRequirements[1].name")],
    ),
    (
        "applicant-country-is-a-state",
        variant(REMOTE, applicantLocationRequirements={"@type": "Country", "name": "California"}),
        [(E, "applicantLocationRequirements[0].name")],
    ),
    (
        "applicant-location-without-name",
        variant(REMOTE, applicantLocationRequirements={"@type": "Country"}),
        [(E, "applicantLocationRequirements[0].name")],
    ),
    (
        "applicant-location-without-type",
        variant(REMOTE, applicantLocationRequirements={"name": "USA"}),
        [(E, "applicantLocationRequirements[0].@type")],
    ),
    (
        "applicantLocationRequirements-without-TELECOMMUTE",
        variant(FULL, applicantLocationRequirements={"@type": "Country", "name": "USA"}),
        [(W, "jobLocationType")],
    ),
    # Google: "the job description must clearly state that the job is 100% remote".
    (
        "remote-description-silent",
        variant(REMOTE, description="<p>Build services and review code.</p>"),
        [(W, "description")],
    ),
    # --- baseSalary (recommended)
    ("no-baseSalary", variant(FULL, baseSalary=DELETE), [(W, "baseSalary")]),
    (
        "baseSalary-without-currency",
        variant(FULL, baseSalary__currency=DELETE),
        [(W, "baseSalary.currency")],
    ),
    (
        "baseSalary-bad-currency",
        variant(FULL, baseSalary__currency="DOLLARS"),
        [(W, "baseSalary.currency")],
    ),
    (
        "baseSalary-bad-unit",
        variant(FULL, baseSalary__value__unitText="HOURLY"),
        [(W, "baseSalary.value.unitText")],
    ),
    (
        "baseSalary-min-above-max",
        variant(
            FULL,
            baseSalary__value={
                "@type": "QuantitativeValue",
                "minValue": 60,
                "maxValue": 50,
                "unitText": "HOUR",
            },
        ),
        [(W, "baseSalary.value.minValue")],
    ),
    (
        "baseSalary-amount-as-text",
        variant(FULL, baseSalary__value__value="40 dollars"),
        [(W, "baseSalary.value.value")],
    ),
    # --- employmentType, identifier, directApply (recommended)
    (
        "unknown-employmentType",
        variant(FULL, employmentType="FULLTIME"),
        [(W, "employmentType[0]")],
    ),
    (
        "employmentType-wrong-case",
        variant(FULL, employmentType=["FULL_TIME", "part_time"]),
        [(W, "employmentType[1]")],
    ),
    ("no-employmentType", variant(FULL, employmentType=DELETE), [(W, "employmentType")]),
    ("identifier-as-text", variant(FULL, identifier="1234567"), [(W, "identifier")]),
    ("no-identifier", variant(FULL, identifier=DELETE), [(W, "identifier")]),
    ("directApply-as-text", variant(FULL, directApply="yes"), [(W, "directApply")]),
    ("no-directApply", variant(FULL, directApply=DELETE), [(W, "directApply")]),
]


@pytest.mark.parametrize(("data", "expected"), [pytest.param(d, e, id=i) for i, d, e in BROKEN])
def test_broken_variants_report_exactly(data, expected):
    problems = check(data)
    assert pairs(problems) == sorted(expected), problems
    assert all(isinstance(p, Problem) and p.message for p in problems)


def test_at_least_twenty_broken_variants():
    assert len(BROKEN) >= 20


def test_one_place_and_a_list_of_one_place_report_the_same_paths():
    single = variant(FULL, jobLocation__address__addressCountry="XX")
    listed = variant(single, jobLocation=[single["jobLocation"]])
    assert (
        pairs(check(single))
        == pairs(check(listed))
        == [(E, "jobLocation[0].address.addressCountry")]
    )


def test_expired_posting_is_an_error_when_today_is_given():
    assert pairs(check(FULL, today=date(2024, 3, 19))) == [(E, "validThrough")]
    assert check(FULL, today=date(2024, 3, 18)) == []


def test_alpha3_and_country_object_for_addressCountry():
    alpha3 = variant(FULL, jobLocation__address__addressCountry="USA")
    assert pairs(check(alpha3)) == [(W, "jobLocation[0].address.addressCountry")]
    as_object = variant(
        FULL, jobLocation__address__addressCountry={"@type": "Country", "name": "US"}
    )
    assert check(as_object) == []


def test_state_qualified_by_country_is_accepted():
    data = variant(
        REMOTE, applicantLocationRequirements={"@type": "State", "name": "Michigan, USA"}
    )
    assert check(data) == []
