"""schema.org JobPosting for a detail page, as search engines read it."""

import json

from .locations import is_region

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
    places = list(posting.places.all())
    cities = [p.name for p in places if not is_region(p.name)]
    if cities:
        data["jobLocation"] = [
            {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": name}}
            for name in cities
        ]
    if posting.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        regions = [p.name for p in places if is_region(p.name)] or ["Worldwide"]
        # AdministrativeArea covers countries, states and regions such as "EMEA" alike.
        data["applicantLocationRequirements"] = [
            {"@type": "AdministrativeArea", "name": name} for name in regions
        ]
    if posting.expires_at:
        data["validThrough"] = posting.expires_at.isoformat()
    return data


def as_script_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
