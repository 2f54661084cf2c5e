"""Postings' places in the database (postings/places.py): links with the places containing
them, the place filter's hierarchy and remote rule, facet counts, the JSON-LD and the admin."""

import json
import re

import pytest
from django.urls import reverse

from postings.gazetteer import ANYWHERE, CONTINENT_BITS
from postings.models import Place, PlaceAlias, PlaceKind, Posting
from tests.factories import PostingFactory, posting_form_data
from tests.google_jobposting import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """On-site jobs in three countries and remote jobs open to more or less of the world."""
    return {
        title: PostingFactory(title=title, location=location)
        for title, location in [
            ("Berlin", "Berlin, Germany"),
            ("Munich", "Munich, Bavaria, Germany"),
            ("Hamburg", "Hamburg"),
            ("Warsaw", "Warsaw, Masovian Voivodeship, Poland"),
            ("Austin", "Austin, TX"),
            ("Anywhere", "Remote"),
            ("Europe", "Remote - Europe"),
            ("Germany only", "Remote - Germany"),
            ("US only", "Remote (US only)"),
            ("EMEA", "Remote - EMEA"),
            ("Nowhere", "Engineering"),
        ]
    }


def titles(client, query):
    response = client.get(f"/?{query}")
    assert response.status_code == 200
    return {posting.title for posting in response.context["page"]}


def named(posting):
    return [(link.place.name, link.remote) for link in posting.place_links.filter(named=True)]


def test_a_posting_is_linked_to_its_place_and_every_place_containing_it(world):
    links = {link.place.name: link.named for link in world["Munich"].place_links.all()}
    assert links == {"Munich": True, "Bavaria": False, "Germany": False, "Europe": False}
    assert Place.objects.get(name="Munich").parent.name == "Bavaria"
    germany = Place.objects.get(slug="germany")
    assert (germany.kind, germany.country_code, germany.parent.slug) == ("country", "DE", "europe")
    assert germany.geonames_id == 2921044


def test_text_that_names_no_place_makes_no_place(world):
    assert named(world["Warsaw"]) == [("Warsaw", False)]
    assert named(world["Nowhere"]) == []
    assert not Place.objects.filter(name__in=["Masovian Voivodeship", "Engineering"]).exists()


def test_remote_postings_keep_the_regions_their_applicants_may_live_in(world):
    assert named(world["US only"]) == [("United States", True)]
    assert named(world["Anywhere"]) == []
    assert world["Anywhere"].remote_continents == ANYWHERE
    assert world["Europe"].remote_continents == CONTINENT_BITS["EU"]
    assert world["Germany only"].remote_continents == 0
    emea = {name for name, _ in named(world["EMEA"])}
    assert {"Europe", "Africa", "Israel", "Saudi Arabia"} <= emea


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A country finds its cities' postings, and remote ones its people may take.
        (
            "location=germany",
            {"Berlin", "Munich", "Hamburg", "Anywhere", "Europe", "Germany only", "EMEA"},
        ),
        ("location=germany&remote=1", {"Anywhere", "Europe", "Germany only", "EMEA"}),
        ("location=berlin", {"Berlin", "Anywhere", "Europe", "Germany only", "EMEA"}),
        ("location=bavaria", {"Munich", "Anywhere", "Europe", "Germany only", "EMEA"}),
        ("location=poland&remote=1", {"Anywhere", "Europe", "EMEA"}),
        (
            "location=europe",
            {"Berlin", "Munich", "Hamburg", "Warsaw", "Anywhere", "Europe", "Germany only", "EMEA"},
        ),
        ("location=texas", {"Austin", "Anywhere", "US only"}),
        ("location=united-states&remote=1", {"Anywhere", "US only"}),
        ("location=israel&remote=1", {"Anywhere", "EMEA"}),
        ("location=north-america", {"Austin", "Anywhere", "US only"}),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_a_place_filter_follows_the_hierarchy_and_the_remote_rule(client, world, query, expected):
    assert titles(client, query) == expected


def facet_counts_are_what_their_links_find(client, query, facets):
    response = client.get(f"/?{query}")
    for facet in response.context[facets]:
        link = f"?{query}&location={facet.slug}" if query else f"?location={facet.slug}"
        if facet.selected:
            continue
        found = client.get("/" + link).context["page"].paginator.count
        assert facet.count == found, (facet.slug, facet.count, found)
    return {facet.slug: facet.count for facet in response.context[facets]}


def test_country_facets_count_what_following_them_finds(client, world):
    counts = facet_counts_are_what_their_links_find(client, "", "place_facets")
    # Countries first: every city, region or country a posting names is in its country's count.
    assert counts["germany"] == 7
    assert counts["united-states"] == 3
    assert set(counts) >= {"germany", "poland", "united-states", "israel"}
    assert not any(Place.objects.get(slug=slug).kind != PlaceKind.COUNTRY for slug in counts)


def test_choosing_a_country_shows_its_cities_counted_as_they_filter(client, world):
    response = client.get("/?location=germany")
    cities = {facet.slug: facet.count for facet in response.context["city_facets"]}
    assert set(cities) == {"berlin", "munich", "hamburg"}
    for slug, count in cities.items():
        found = client.get(f"/?location={slug}").context["page"].paginator.count
        assert count == found, slug
    html = response.content.decode()
    assert re.search(r"<h2[^>]*>Cities</h2>", html)
    # A city narrows the chosen country rather than adding to it.
    assert 'href="?location=berlin"' in html


def test_a_filtered_list_is_titled_by_place_names(client, world):
    html = client.get("/?location=germany&remote=1").content.decode()
    assert re.search(r"<h1[^>]*>[^<]*Germany", html)


def test_an_earlier_place_slug_redirects_to_the_place_it_names_now(client, world):
    PlaceAlias.objects.create(slug="new-york", place=Place.objects.get(slug="texas"))
    response = client.get("/?location=new-york&tag=go")
    assert response.status_code == 301
    assert response["Location"] == "/?tag=go&location=texas"


@pytest.mark.parametrize(
    "query", ["location=germany&remote=1&tag=x", "location=europe", "location=bavaria&tag=x"]
)
def test_the_location_filter_costs_no_query_of_its_own(
    client, world, django_assert_max_num_queries, query
):
    client.get("/")  # build the index
    # No more than any list: the state, the page and its tags (counts and names: the index),
    # or a query naming an unknown tag where nothing matches.
    with django_assert_max_num_queries(3):
        client.get(f"/?{query}")


def json_ld(client, posting):
    html = client.get(posting.get_absolute_url()).content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_json_ld_addresses_carry_locality_region_and_iso_country(client, world):
    data = json_ld(client, world["Munich"])
    assert data["jobLocation"] == [
        {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "Munich",
                "addressRegion": "Bavaria",
                "addressCountry": "DE",
            },
        }
    ]
    data = json_ld(client, PostingFactory(location="Netherlands"))
    assert data["jobLocation"][0]["address"] == {"@type": "PostalAddress", "addressCountry": "NL"}


def test_json_ld_of_remote_jobs_names_real_countries_or_continents(client, world):
    assert json_ld(client, world["US only"])["applicantLocationRequirements"] == [
        {"@type": "Country", "name": "United States"}
    ]
    anywhere = json_ld(client, world["Anywhere"])
    assert anywhere["jobLocationType"] == "TELECOMMUTE"
    names = {area["name"] for area in anywhere["applicantLocationRequirements"]}
    assert names == {"Africa", "Asia", "Europe", "North America", "Oceania", "South America"}


def test_every_live_posting_passes_googles_rules_or_is_flagged(client, world):
    flagged = set(Posting.objects.live().needs_location().values_list("title", flat=True))
    assert flagged == {"Nowhere"}
    for posting in Posting.objects.live():
        errors = [p for p in check(json_ld(client, posting)) if p.severity == "error"]
        assert bool(errors) == (posting.title in flagged), (posting.title, errors)


def test_the_admin_lists_and_warns_about_postings_that_need_a_location(admin_client, world):
    changelist = admin_client.get(
        reverse("admin:postings_posting_changelist") + "?location=missing"
    )
    assert [p.title for p in changelist.context["cl"].result_list] == ["Nowhere"]
    page = admin_client.get(reverse("admin:postings_posting_change", args=[world["Nowhere"].pk]))
    assert "Needs a location" in page.content.decode()
    page = admin_client.get(reverse("admin:postings_posting_change", args=[world["Berlin"].pk]))
    assert "Needs a location" not in page.content.decode()
    assert "Berlin › State of Berlin › Germany › Europe" in page.content.decode()


def test_saving_a_posting_without_a_place_asks_for_one(admin_client, world):
    posting = world["Berlin"]
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    response = admin_client.post(
        url, posting_form_data(posting, location="Head office"), follow=True
    )
    assert "Needs a location" in response.content.decode()
    response = admin_client.post(url, posting_form_data(posting, location="Oslo"), follow=True)
    assert "Needs a location" not in response.content.decode()


def test_a_changed_location_relinks_the_places(world):
    posting = world["Berlin"]
    posting.location = "Remote (US only)"
    posting.save()
    assert named(posting) == [("United States", True)]
    assert not posting.place_links.filter(place__slug="germany").exists()
    assert titles_of(Posting.objects.search("germany")) == {"Munich", "Hamburg", "Germany only"}


def titles_of(postings):
    return {posting.title for posting in postings}


@pytest.mark.django_db(transaction=True)
def test_migration_reads_every_location_again_and_keeps_old_slugs_working():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        ("postings", "0009_company_key_aliases"),
        [("postings", "0011_place_key_required")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    apps = executor.loader.project_state([before]).apps
    OldCompany, OldPosting, OldPlace = (
        apps.get_model("postings", name) for name in ("Company", "Posting", "Place")
    )
    company = OldCompany.objects.create(name="Acme", slug="acme", key="acme")
    old_places = [
        ("Masovian Voivodeship", "masovian-voivodeship"),
        ("Warsaw", "warsaw"),
        ("München", "münchen"),
    ]
    invented = [OldPlace.objects.create(name=name, slug=slug) for name, slug in old_places]
    for i, (location, places) in enumerate(
        [("Warsaw, Masovian Voivodeship, Poland", invented[:2]), ("München", invented[2:])]
    ):
        posting = OldPosting.objects.create(
            title=f"Job {i}", slug=f"job-{i}", company=company, location=location,
            url=f"https://jobs.example/{i}", apply_url=f"https://jobs.example/{i}",
            status="published",
        )  # fmt: skip
        posting.places.set(places)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Place_, Alias, Link = (
        apps.get_model("postings", name) for name in ("Place", "PlaceAlias", "PostingPlace")
    )
    named = set(Link.objects.filter(named=True).values_list("posting__title", "place__slug"))
    assert named == {("Job 0", "warsaw"), ("Job 1", "munich")}
    assert not Place_.objects.filter(slug="masovian-voivodeship").exists()
    assert dict(Alias.objects.values_list("slug", "place__slug")) == {"münchen": "munich"}
    assert Place_.objects.get(slug="munich").parent.name == "Bavaria"

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


def test_every_live_posting_of_a_realistic_board_is_eligible_for_google_or_flagged(
    client, tmp_path
):
    from bench.generate import generate
    from postings.importers import import_paths

    generate(tmp_path, count=300, seed=11)
    assert import_paths([tmp_path]).summary.endswith("failed 0")
    live = Posting.objects.live()
    flagged = set(live.needs_location().values_list("pk", flat=True))
    assert len(flagged) < live.count() / 5
    for posting in live.exclude(pk__in=flagged):
        errors = [p for p in check(json_ld(client, posting)) if p.severity == "error"]
        assert errors == [], (posting.location, errors)
    # And only those Google would refuse are flagged.
    for posting in live.filter(pk__in=flagged):
        errors = [p for p in check(json_ld(client, posting)) if p.severity == "error"]
        assert errors, posting.location


def test_a_slug_another_place_holds_already_gets_a_suffix(client):
    from postings.models import Place as PlaceRow

    PlaceRow.objects.create(key="city:0", name="Someplace", slug="oslo", kind=PlaceKind.CITY)
    posting = PostingFactory(location="Oslo, Norway")
    (link,) = posting.place_links.filter(named=True)
    assert link.place.slug == "oslo-3143244"
    assert titles(client, "location=oslo-3143244") >= {posting.title}


def test_a_citys_count_takes_in_remote_jobs_open_to_its_state_by_name(client):
    for title, location in [
        ("SF office", "San Francisco, CA"),
        ("LA office", "Los Angeles, CA"),
        ("Austin office", "Austin, TX"),
        ("California only", "Remote - California"),
        ("Texas only", "Remote - Texas"),
        ("US only", "Remote (US only)"),
        ("Europe only", "Remote - Europe"),
    ]:
        PostingFactory(title=title, location=location)
    response = client.get("/?location=united-states")
    cities = {facet.slug: facet.count for facet in response.context["city_facets"]}
    assert cities == {"san-francisco": 3, "los-angeles": 3, "austin": 3}
    assert titles(client, "location=san-francisco") == {"SF office", "California only", "US only"}
