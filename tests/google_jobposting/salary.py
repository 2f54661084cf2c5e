"""baseSalary: a MonetaryAmount in an ISO 4217 currency, per hour, day, week, month or year."""

from __future__ import annotations

import pycountry

from .report import (
    _SCHEMA_CONTEXT,
    SALARY_UNITS,
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
