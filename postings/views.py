from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from . import facets
from .filters import PostingFilter
from .models import Company, Posting
from .search import parse_query, snippet
from .structured_data import as_script_json, job_posting

PER_PAGE = 25


def paginate(request, queryset, per_page=PER_PAGE):
    # get_page() turns "abc" into page 1 and 99999 into the last page, never an error.
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def posting_list(request):
    filterset = PostingFilter(request.GET, queryset=Posting.objects.live())
    postings = filterset.qs
    selected = filterset.selected
    page = paginate(request, postings.for_cards())
    if selected["q"]:
        query = parse_query(selected["q"])
        for posting in page:
            posting.snippet = snippet(posting.body_html, query)
    context = {
        "filter": filterset,
        "selected": selected,
        "page": page,
        "tag_facets": facets.tag_facets(postings, selected["tag"]),
        "place_facets": facets.place_facets(postings, selected["location"]),
        "type_facets": facets.type_facets(postings, selected["type"]),
        "remote_count": facets.remote_count(postings),
    }
    return render(request, "postings/posting_list.html", context)


def posting_detail(request, slug):
    posting = get_object_or_404(
        Posting.objects.select_related("company").prefetch_related("tags", "places"), slug=slug
    )
    context = {"posting": posting}
    if posting.is_live:
        context["json_ld"] = mark_safe(as_script_json(job_posting(posting, request)))
    return render(request, "postings/posting_detail.html", context)


def company_list(request):
    companies = paginate(request, Company.objects.hiring(), per_page=100)
    return render(request, "postings/company_list.html", {"page": companies})


def company_detail(request, slug):
    company = get_object_or_404(Company, slug=slug)
    postings = Posting.objects.live().filter(company=company).for_cards()
    return render(
        request,
        "postings/company_detail.html",
        {"company": company, "page": paginate(request, postings)},
    )


def archive(request):
    postings = Posting.objects.closed().for_cards()
    return render(request, "postings/archive.html", {"page": paginate(request, postings)})


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any database failure means "not healthy"
        return HttpResponse(
            f"database unavailable: {type(error).__name__}", status=503, content_type="text/plain"
        )
    return HttpResponse("ok", content_type="text/plain")
