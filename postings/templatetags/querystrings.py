from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def toggle_query(context, key, value, narrows=""):
    """The current query string with one filter value added or removed (and page reset).

    Facet links and the "remove" chips use it, so every link changes exactly one filter. A
    value that `narrows` another (a city its chosen country) takes that one's place.
    """
    query = context["request"].GET.copy()
    query.pop("page", None)
    values = query.getlist(key)
    if value in values:
        values = [v for v in values if v != value]
    else:
        values = [v for v in values if v != narrows] + [value]
    query.setlist(key, values)
    return "?" + query.urlencode() if query else "?"


@register.simple_tag(takes_context=True)
def without_query(context, key):
    """The current query string without one parameter (and page reset)."""
    query = context["request"].GET.copy()
    for name in (key, "page"):
        query.pop(name, None)
    return "?" + query.urlencode() if query else "?"
