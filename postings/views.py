from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from jobboard import database
from jobboard.cache import cache_works

from . import facets
from .cache import catalogue_index, shows
from .catalogue import counting
from .catalogue.listing import cards, listing
from .catalogue.ordering import Results
from .filters import PostingFilter, display_names, names_on
from .models import Company, CompanyAlias, PlaceAlias, Posting
from .pagination import SizedQuerySet, paginate
from .search import html_to_text, parse_query, snippet
from .structured_data import as_script_json, job_posting
from .vocabulary import chips, describe, linked_values

SITE_DESCRIPTION = "Job postings you can search and filter by tag, location, remote and job type."


def page_meta(request, title, description=SITE_DESCRIPTION, query="", kind="website"):
    """Title, description and canonical URL for <head>, OpenGraph and Twitter cards."""
    return {
        "title": title,
        "description": Truncator(" ".join(description.split())).chars(300),
        "canonical": request.build_absolute_uri(request.path) + query,
        "type": kind,
    }


def page_suffix(page):
    return f"?page={page.number}" if page.number > 1 else ""


def posting_list(request):
    filterset = PostingFilter(request.GET, queryset=Posting.objects.live())
    selected = filterset.selected
    index = catalogue_index(request)
    if index is None:
        numbers, results = sql_listing(filterset)
    else:
        found, _, results = listing(index, filterset)
        numbers = counting.summary(index, found, selected)
    page = paginate(request, results)
    if index is not None:
        shows(request, page, selected["q"])
    if selected["q"]:
        query = parse_query(selected["q"])
        for posting in page:
            posting.snippet = snippet(posting.body_html, query)
    names = display_names(selected, known=names_at_hand(numbers, page))
    moved = renamed(selected, names)
    if moved:
        return redirect_renamed(request, moved)
    context = {
        "meta": page_meta(
            request, describe(selected, names), query=filterset.canonical_query(page.number)
        ),
        "filter": filterset,
        "feed_query": filterset.canonical_query(),
        "selected": selected,
        "filtered": bool(filterset.result_set_key()),
        "chips": chips(selected, names),
        "linked_values": linked_values(selected),
        "page": page,
        **numbers,
    }
    return render(request, "postings/posting_list.html", context)


def sql_listing(filterset):
    """The numbers and results of a list in SQL alone: where the index may not be used."""
    numbers = facets.summary(filterset.qs, filterset.selected)
    # The page's own query names the chosen tags by id, which lets PostgreSQL see from its
    # statistics how common each is; by slug it assumed an average tag and, for two popular
    # ones, joined all of both tags' postings (150 ms instead of 8 at 100,000 postings).
    tag_ids = {facet.slug: facet.pk for facet in numbers["tag_facets"] if facet.selected}
    postings = PostingFilter(filterset.data, Posting.objects.live(), tag_ids=tag_ids).qs
    return numbers, SizedQuerySet(postings.for_cards(), numbers["total"])


def names_at_hand(numbers, page):
    """Names the list has loaded anyway: its postings' companies and tags, its tag, place and
    job type facets' labels.

    A chosen tag is on every result and a chosen company or job type on some, so they cost a
    query only when nothing matches (or a company has no posting on this page).
    """
    known = names_on(page)
    known["location"] = {f.slug: f.label for f in numbers["place_facets"] + numbers["city_facets"]}
    known["location"].update(numbers["chosen_place_names"])
    known["tag"].update((facet.slug, facet.label) for facet in numbers["tag_facets"])
    known["type"].update((facet.slug, facet.label) for facet in numbers["type_facets"])
    return known


# The places and companies whose old slugs live on as aliases, after the gazetteer or a merge.
ALIASES = {"location": (PlaceAlias, "place"), "company": (CompanyAlias, "company")}


def renamed(selected, names):
    """{filter: {old slug: its place's or company's slug now}} for chosen slugs that name
    nothing any more ("new-york" -> "new-york-city"); a query only when there are some."""
    moved = {}
    for key, (alias, target) in ALIASES.items():
        unknown = set(selected[key]) - names.get(key, {}).keys()
        if unknown:
            rows = alias.objects.filter(slug__in=unknown).select_related(target)
            moved[key] = {row.slug: getattr(row, target).slug for row in rows}
    return {key: slugs for key, slugs in moved.items() if slugs}


def redirect_renamed(request, moved):
    """A permanent redirect to the same list with the current slugs."""
    query = request.GET.copy()
    for key, slugs in moved.items():
        query.setlist(key, [slugs.get(slug, slug) for slug in query.getlist(key)])
    canonical = PostingFilter(query, queryset=Posting.objects.none()).canonical_query()
    return HttpResponsePermanentRedirect(reverse("postings:list") + canonical)


def posting_detail(request, slug):
    posting = get_object_or_404(Posting.objects.public().for_detail(), slug=slug)
    return render_posting(request, posting)


@staff_member_required
def posting_preview(request, slug):
    """The public page of any posting, drafts included, for those who manage its company."""
    posting = get_object_or_404(Posting.objects.editable_by(request.user).for_detail(), slug=slug)
    return render_posting(request, posting, preview=True)


def render_posting(request, posting, preview=False):
    related = list(posting.related()[:5])
    shows(request, [posting, *related])
    context = {
        "posting": posting,
        "preview": preview,
        "meta": page_meta(
            request,
            f"{posting.title} at {posting.company.name}",
            posting.summary or html_to_text(posting.body_html)[:300] or posting.title,
            kind="article",
        ),
        "related": related,
    }
    if posting.is_live:
        context["json_ld"] = mark_safe(as_script_json(job_posting(posting, request)))
    return render(request, "postings/posting_detail.html", context)


def company_list(request):
    index = catalogue_index(request)
    companies = Company.objects.hiring() if index is None else Hiring(index)
    page = paginate(request, companies, per_page=100)
    if index is not None:
        shows(request, [])  # counts only
    meta = page_meta(request, "Companies hiring", query=page_suffix(page))
    return render(request, "postings/company_list.html", {"page": page, "meta": meta})


class Hiring:
    """Company.objects.hiring() from the index: companies by name, with their live counts."""

    def __init__(self, index):
        live = index.live()
        counts = {pk: live.intersection_cardinality(p) for pk, p in index.by_company.items()}
        named = (index.companies.by_id.get(pk) for pk, n in counts.items() if n)
        self.companies = sorted((c for c in named if c), key=lambda c: (c.name, c.pk))
        self.counts = counts

    def __len__(self):
        return len(self.companies)

    def __getitem__(self, item):
        ids = [company.pk for company in self.companies[item]]
        rows = Company.objects.in_bulk(ids)
        for pk, company in rows.items():
            company.live_count = self.counts[pk]
        return [rows[pk] for pk in ids if pk in rows]


def company_detail(request, slug):
    company = Company.objects.filter(slug=slug).first()
    if company is None:
        # The page of a company since merged into another: its address moved for good.
        aliases = CompanyAlias.objects.filter(slug=slug).select_related("company")
        alias = aliases.order_by("-pk").first()  # the latest, should a slug have been reused
        if alias is None:
            raise Http404("No such company.")
        return redirect(alias.company, permanent=True)
    index = catalogue_index(request)
    if index is None:
        postings = Posting.objects.live().filter(company=company).for_cards()
    else:
        postings = Results(index, [index.live() & index.by_company[company.pk]], cards)
    page = paginate(request, postings)
    if index is not None:
        shows(request, page)
    meta = page_meta(
        request,
        f"Jobs at {company.name}",
        f"Open positions at {company.name}.",
        query=page_suffix(page),
    )
    context = {"company": company, "page": page, "meta": meta, "feed_query": f"?company={slug}"}
    return render(request, "postings/company_detail.html", context)


def archive(request):
    index = catalogue_index(request)
    if index is None:
        postings = Posting.objects.closed().for_cards()
    else:
        postings = Results(index, [index.closed()], cards)
    page = paginate(request, postings)
    if index is not None:
        shows(request, page)
    meta = page_meta(
        request,
        "Archive of closed postings",
        "Postings that have closed or expired, kept for reference.",
        query=page_suffix(page),
    )
    return render(request, "postings/archive.html", {"page": page, "meta": meta})


def tag_list(request):
    index = catalogue_index(request)
    if index is None:
        tags = facets.tag_facets(Posting.objects.live(), limit=None)
    else:
        tags = counting.tag_facets(index, index.live(), limit=None)
        shows(request, [])  # counts only
    meta = page_meta(request, "Tags", "Every tag on an open posting, with its number of jobs.")
    tags = sorted(tags, key=lambda f: f.label)
    return render(request, "postings/tag_list.html", {"tags": tags, "meta": meta})


@database.checks_database_itself
def healthz(request):
    """Readiness for a load balancer: 503 when the database does not answer in time, else 200.

    The cache is reported too, but a dead cache only makes pages slower: the node stays in.
    """
    try:
        database.ping(settings.DATABASE_HEALTH_TIMEOUT)
    except DatabaseError as error:
        status, lines = 503, [f"database unavailable: {type(error).__name__}"]
    else:
        status, lines = 200, ["database ok"]
    lines.append("cache ok" if cache_works() else "cache unavailable")
    response = HttpResponse("\n".join(lines) + "\n", status=status, content_type="text/plain")
    add_never_cache_headers(response)
    return response
