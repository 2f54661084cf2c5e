import pytest
from hypothesis import given
from hypothesis import strategies as st

from postings.locations import MAX_PLACE_LENGTH, MAX_PLACES, Location, is_region, parse_location

# (location text as found in posting files, remote, places)
CASES = [
    # Remote, spelled the many ways boards spell it.
    ("Remote", True, ()),
    ("remote", True, ()),
    ("Remote job", True, ()),
    ("Remote OK", True, ()),
    ("Anywhere", True, ()),
    ("Worldwide", True, ()),
    ("Remote from anywhere", True, ()),
    ("Anywhere|Remote", True, ()),
    ("Global", True, ()),
    ("Fully remote", True, ()),
    ("100% Remote", True, ()),
    ("Work from home", True, ()),
    ("WFH", True, ()),
    ("Telecommute", True, ()),
    ("Distributed", True, ()),
    ("Remote, Remote", True, ()),
    # Remote limited to a country or region keeps the region.
    ("Remote-EMEA", True, ("EMEA",)),
    ("Remote - US", True, ("United States",)),
    ("Remote (Europe)", True, ("Europe",)),
    ("Remote, USA only", True, ("United States",)),
    ("Remote (US only)", True, ("United States",)),
    ("Remote - Europe", True, ("Europe",)),
    ("Remote - Germany", True, ("Germany",)),
    ("Remote in the US", True, ("United States",)),
    ("Remote (US & Canada)", True, ("United States", "Canada")),
    # Remote or an office.
    ("Remote or San Francisco", True, ("San Francisco",)),
    ("Plantation, FL OR Remote", True, ("Plantation",)),
    ("London, GB - Remote OK", True, ("London",)),
    ("San Francisco (Remote)", True, ("San Francisco",)),
    ("Berlin, Cologne, Remote", True, ("Berlin", "Cologne")),
    ("RemoteMunich,Germany", True, ("Munich",)),
    ("New York, NY or Remote", True, ("New York",)),
    ("Portland, OR or Remote", True, ("Portland",)),
    # A state, province or country after a city only says which city.
    ("Plantation, FL", False, ("Plantation",)),
    ("Austin, TX", False, ("Austin",)),
    ("New York, NY", False, ("New York",)),
    ("Munich, Germany", False, ("Munich",)),
    ("Toronto, ON, Canada", False, ("Toronto",)),
    ("Amsterdam, Netherlands", False, ("Amsterdam",)),
    ("Bangalore, India", False, ("Bangalore",)),
    ("São Paulo, Brazil", False, ("São Paulo",)),
    ("Tokyo, Japan", False, ("Tokyo",)),
    ("McLean, VA", False, ("McLean",)),
    ("Washington, D.C.", False, ("Washington",)),
    ("San Francisco, CA 94103", False, ("San Francisco",)),
    ("London Office, UK", False, ("London",)),
    ("Ontario, Canada", False, ("Ontario",)),
    # Countries and regions standing alone are places, listed ones stay separate.
    ("Germany", False, ("Germany",)),
    ("USA", False, ("United States",)),
    ("UK", False, ("United Kingdom",)),
    ("Germany, Austria, Switzerland", False, ("Germany", "Austria", "Switzerland")),
    ("Bosnia and Herzegovina", False, ("Bosnia and Herzegovina",)),
    # Aliases.
    ("SF", False, ("San Francisco",)),
    ("San Francisco Bay Area", False, ("San Francisco",)),
    ("Bay Area", False, ("San Francisco",)),
    ("NYC", False, ("New York",)),
    ("New York City", False, ("New York",)),
    ("U.S.", False, ("United States",)),
    ("United States of America", False, ("United States",)),
    ("GB", False, ("United Kingdom",)),
    ("Great Britain", False, ("United Kingdom",)),
    ("Deutschland", False, ("Germany",)),
    ("München", False, ("Munich",)),
    ("Köln", False, ("Cologne",)),
    # Words that are not places.
    ("Engineering", False, ()),
    ("Multiple Countries", False, ()),
    ("Multiple Locations", False, ()),
    ("Various", False, ()),
    ("Flexible", False, ()),
    ("TBD", False, ()),
    ("Hybrid", False, ()),
    ("Office", False, ()),
    ("HQ", False, ()),
    ("On-site", False, ()),
    ("Onsite", False, ()),
    ("In-office", False, ()),
    ("Headquarters", False, ()),
    ("Nationwide", False, ()),
    ("Full-time", False, ()),
    ("Other", False, ()),
    ("N/A", False, ()),
    ("Hybrid - London", False, ("London",)),
    ("Remote (UTC-3 to UTC+3)", True, ()),
    # Casing and Unicode.
    ("san francisco", False, ("San Francisco",)),
    ("BERLIN", False, ("Berlin",)),
    ("FRANKFURT AM MAIN", False, ("Frankfurt am Main",)),
    ("São Paulo", False, ("São Paulo",)),
    ("Zürich", False, ("Zürich",)),
    ("東京", False, ("東京",)),
    ("Winston-Salem, NC", False, ("Winston-Salem",)),
    ("The Hague", False, ("The Hague",)),
    # Separators.
    ("London | Berlin; Paris / Madrid", False, ("London", "Berlin", "Paris", "Madrid")),
    ("Remote\nLondon", True, ("London",)),
    ("Berlin & Hamburg", False, ("Berlin", "Hamburg")),
    ("Lisbon and Porto", False, ("Lisbon", "Porto")),
    ("Berlin, berlin, BERLIN", False, ("Berlin",)),
    # Garbage.
    ("🚀🚀", False, ()),
    ("...", False, ()),
    ("Berlin 🇩🇪", False, ("Berlin",)),
    ("https://boards.greenhouse.io/netlify", False, ()),
]


@pytest.mark.parametrize(("text", "remote", "places"), CASES, ids=[case[0] for case in CASES])
def test_location_text_yields_remote_flag_and_normalized_places(text, remote, places):
    assert parse_location(text) == Location(remote, places)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_missing_location_is_not_remote_and_has_no_places(text):
    assert parse_location(text) == Location(False, ())


def test_location_from_yaml_list_is_read_not_rejected():
    assert parse_location(["Berlin", "Remote"]) == Location(True, ("Berlin",))


def test_many_places_are_capped():
    cities = ["Berlin", "Paris", "Rome", "Madrid", "Lisbon", "Vienna", "Prague", "Warsaw"]
    location = parse_location(" | ".join(cities + ["Oslo", "Dublin", "Athens", "Sofia"]))
    assert len(location.places) == MAX_PLACES
    assert location.places[:8] == tuple(cities)


def test_ten_kilobyte_word_is_not_a_place():
    assert parse_location("x" * 10_000) == Location(False, ())


@pytest.mark.parametrize(
    "place", ["United States", "Germany", "United Kingdom", "Europe", "EMEA", "APAC", "Texas"]
)
def test_countries_regions_and_states_are_regions(place):
    assert is_region(place)


@pytest.mark.parametrize("place", ["San Francisco", "Berlin", "New York", "Washington", "東京"])
def test_cities_are_not_regions(place):
    assert not is_region(place)


@pytest.mark.parametrize(
    ("text", "region"),
    [("Remote - US", True), ("Remote (Europe)", True), ("Munich, Germany", False)],
)
def test_is_region_accepts_parsed_places(text, region):
    (place,) = parse_location(text).places
    assert is_region(place) is region


def test_place_name_longer_than_the_cap_is_dropped_not_truncated():
    longest = "Llanfair" + "o" * (MAX_PLACE_LENGTH - len("Llanfair"))
    assert parse_location(f"{longest}, {longest}o").places == (longest,)


LOCATION_LIKE = st.text(alphabet="Remote, |()-–/orUSA\n🚀é東", max_size=300)


@given(st.one_of(st.none(), st.text(), LOCATION_LIKE))
def test_parse_location_never_raises_and_caps_places(text):
    location = parse_location(text)
    assert isinstance(location.remote, bool)
    assert len(location.places) <= MAX_PLACES
    assert all(0 < len(place) <= MAX_PLACE_LENGTH for place in location.places)
    assert len({place.casefold() for place in location.places}) == len(location.places)
