"""schema.org JobPosting for a detail page, as search engines read it."""

import json

from .models import PlaceKind

# Google has no value for "anywhere" and requires applicantLocationRequirements of a job that
# is 100% remote; "Worldwide" names no place. Anywhere is every inhabited continent (GeoNames'
# names, as the gazetteer has them).
CONTINENTS = ("Africa", "Asia", "Europe", "North America", "Oceania", "South America")
ANYWHERE = [{"@type": "AdministrativeArea", "name": name} for name in CONTINENTS]

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def job_posting(posting, request) -> dict:
    company = posting.company
    organization = {"@type": "Organization", "name": company.name}
    if company.website:
        organization["sameAs"] = company.website
    if company.logo_url:
        organization["logo"] = company.logo_url
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.body_html or posting.summary or posting.title,
        "datePosted": posting.posted_at.isoformat(),
        "hiringOrganization": organization,
        "identifier": {"@type": "PropertyValue", "name": company.name, "value": posting.url},
        "url": request.build_absolute_uri(posting.get_absolute_url()),
        "directApply": False,
    }
    if posting.has_salary:
        value = {"@type": "QuantitativeValue", "unitText": posting.salary_period.upper()}
        if posting.salary_min is not None:
            value["minValue"] = posting.salary_min
        if posting.salary_max is not None:
            value["maxValue"] = posting.salary_max
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": posting.salary_currency,
            "value": value,
        }
    if posting.employment_type:
        data["employmentType"] = posting.employment_type
    data.update(locations(posting))
    if posting.expires_at:
        data["validThrough"] = posting.expires_at.isoformat()
    return data


def locations(posting) -> dict:
    """jobLocation for each place of the job, and for a remote job where applicants may live,
    from the places the posting names (Posting.objects.for_detail() prefetches them)."""
    data = {}
    onsite = [link.place for link in posting.named_links if not link.remote]
    addresses = [address(place) for place in onsite if place.kind != PlaceKind.CONTINENT]
    if addresses:
        data["jobLocation"] = [{"@type": "Place", "address": a} for a in addresses]
    if posting.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        regions = [link.place for link in posting.named_links if link.remote]
        data["applicantLocationRequirements"] = [
            {
                "@type": "Country" if place.kind == PlaceKind.COUNTRY else "AdministrativeArea",
                "name": place.name,
            }
            for place in regions
        ] or ANYWHERE
    return data


def address(place) -> dict:
    """A PostalAddress as precise as the place: city, region and ISO country code."""
    fields = {"@type": "PostalAddress"}
    if place.kind == PlaceKind.CITY:
        fields["addressLocality"] = place.name
    region = place.region
    if region is not None:
        fields["addressRegion"] = region.name
    fields["addressCountry"] = place.country_code
    return fields


def as_script_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
