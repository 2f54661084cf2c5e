"""postings/locations.py against location strings as job boards and ATS systems write them.

Each row is (text, remote, where the job is, where remote applicants may live), places written
as "Name, CC" for cities and regions and "Name" for countries and continents, as a careful
reader would take the text: not as the parser happens to read it.
"""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import generate
from postings.gazetteer import CITY, REGION, gazetteer
from postings.locations import MAX_PLACES, MAX_REGIONS, Location, parse_location

MIDDLE_EAST = ["United Arab Emirates", "Bahrain", "Israel", "Iraq", "Iran", "Jordan", "Kuwait",
               "Lebanon", "Oman", "Palestinian Territory", "Qatar", "Saudi Arabia", "Syria",
               "Turkey", "Yemen"]  # fmt: skip
EMEA = ["Europe", "Africa", *MIDDLE_EAST]  # Egypt is in Africa already
AMERICAS = ["North America", "South America"]
APAC = ["Asia", "Oceania"]
LATAM = ["South America", "Mexico", "Guatemala", "Belize", "El Salvador", "Honduras",
         "Nicaragua", "Costa Rica", "Panama", "Cuba", "Dominican Republic",
         "Puerto Rico"]  # fmt: skip
EU = ["Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia",
      "Finland", "France", "Germany", "Greece", "Hungary", "Ireland", "Italy", "Latvia",
      "Lithuania", "Luxembourg", "Malta", "Netherlands", "Poland", "Portugal", "Romania",
      "Slovakia", "Slovenia", "Spain", "Sweden"]  # fmt: skip
DACH = ["Germany", "Austria", "Switzerland"]
US, UK = ["United States"], ["United Kingdom"]

ANYWHERE = (True, [], [])
NOWHERE = (False, [], [])


def onsite(*names):
    return (False, list(names), [])


def remote(*regions, offices=()):
    return (True, list(offices), list(regions))


CASES = [
    # --- the issue -----------------------------------------------------------------------
    ("Warsaw, Masovian Voivodeship, Poland", *onsite("Warsaw, PL")),
    ("Melbourne, Victoria, Australia", *onsite("Melbourne, AU")),
    ("Remote (European timezone preferred), London, City of", *remote(offices=["London, GB"])),
    (
        "Anywhere, but European timezones preferred "
        "(or at least a significant overlap with European timezones)",
        *ANYWHERE,
    ),
    ("London, England, United Kingdom", *onsite("London, GB")),
    ("Netherlands", *onsite("Netherlands")),
    ("Germany", *onsite("Germany")),
    ("United States", *onsite("United States")),
    ("Finland", *onsite("Finland")),
    ("Estonia", *onsite("Estonia")),
    ("Ukraine", *onsite("Ukraine")),
    ("Remote (US only)", *remote(*US)),
    ("Remote - EMEA", *remote(*EMEA)),
    # --- product.md: remote spelled many ways, mixed, glued, noise -------------------------
    ("Remote", *ANYWHERE),
    ("remote", *ANYWHERE),
    ("Remote job", *ANYWHERE),
    ("Remote OK", *ANYWHERE),
    ("Anywhere", *ANYWHERE),
    ("Worldwide", *ANYWHERE),
    ("Remote from anywhere", *ANYWHERE),
    ("Anywhere|Remote", *ANYWHERE),
    ("Remote-EMEA", *remote(*EMEA)),
    ("Remote or San Francisco", *remote(offices=["San Francisco, US"])),
    ("Plantation, FL OR Remote", *remote(offices=["Plantation, US"])),
    ("London, GB - Remote OK", *remote(offices=["London, GB"])),
    ("San Francisco (Remote)", *remote(offices=["San Francisco, US"])),
    ("Berlin, Cologne, Remote", *remote(offices=["Berlin, DE", "Köln, DE"])),
    ("Remote, Remote", *ANYWHERE),
    ("RemoteMunich,Germany", *remote(offices=["Munich, DE"])),
    ("Engineering", *NOWHERE),
    ("Multiple Countries", *NOWHERE),
    ("", *NOWHERE),
    ("Hybrid", *NOWHERE),
    # --- more ways to say remote ---------------------------------------------------------
    ("100% Remote", *ANYWHERE),
    ("Fully remote", *ANYWHERE),
    ("Remote first", *ANYWHERE),
    ("REMOTE", *ANYWHERE),
    ("Work from home", *ANYWHERE),
    ("WFH", *ANYWHERE),
    ("Telecommute", *ANYWHERE),
    ("Distributed", *ANYWHERE),
    ("Global", *ANYWHERE),
    ("Virtual", *ANYWHERE),
    ("Homeoffice", *ANYWHERE),
    ("Home Office", *ANYWHERE),
    ("Home based", *ANYWHERE),
    ("Location: Remote", *ANYWHERE),
    ("Anywhere in the World", *ANYWHERE),
    ("Remote (Anywhere)", *ANYWHERE),
    ("Remote, Worldwide", *ANYWHERE),
    ("Remote - Global", *ANYWHERE),
    ("Worldwide (Remote)", *ANYWHERE),
    ("🌏 Worldwide", *ANYWHERE),
    ("Remote 🌍", *ANYWHERE),
    ("Anywhere, Anytime", *ANYWHERE),
    # Time zones are not places; a wish is not a limit; an exception names no place.
    ("Remote: CET +/- 3 hours", *ANYWHERE),
    ("Remote (CET)", *ANYWHERE),
    ("Remote (PST)", *ANYWHERE),
    ("Remote - Pacific Time", *ANYWHERE),
    ("Remote (Eastern Time)", *ANYWHERE),
    ("Remote, UTC-5 to UTC+1", *ANYWHERE),
    ("Remote (UTC-3 to UTC+3)", *ANYWHERE),
    ("Remote (US preferred)", *ANYWHERE),
    ("Remote (Europe preferred)", *ANYWHERE),
    ("Remote (non-US)", *ANYWHERE),
    ("Anywhere except China", *ANYWHERE),
    # --- remote within a country, a region or a group of countries -----------------------
    ("Remote - US", *remote(*US)),
    ("Remote (US)", *remote(*US)),
    ("Remote US", *remote(*US)),
    ("Remote-US", *remote(*US)),
    ("US Remote", *remote(*US)),
    ("US-Remote", *remote(*US)),
    ("US - Remote", *remote(*US)),
    ("Remote - USA", *remote(*US)),
    ("Remote, US", *remote(*US)),
    ("Remote | US", *remote(*US)),
    ("remote, usa", *remote(*US)),
    ("remote - us", *remote(*US)),
    ("Remote (United States)", *remote(*US)),
    ("United States - Remote", *remote(*US)),
    ("United States (Remote)", *remote(*US)),
    ("USA - Remote - Anywhere", *remote(*US)),
    ("Remote, USA only", *remote(*US)),
    ("Remote in the US", *remote(*US)),
    ("Anywhere in the US", *remote(*US)),
    ("Remote-friendly (US)", *remote(*US)),
    ("Remote - US: Select locations", *remote(*US)),
    ("Remote - US East Coast", *remote(*US)),
    ("Remote - US (EST)", *remote(*US)),
    ("Remote (US, excluding CA and NY)", *remote(*US)),
    ("Remote in USA (except Hawaii and Alaska)", *remote(*US)),
    ("Virtual, US", *remote(*US)),
    ("Remote (Canada)", *remote("Canada")),
    ("Remote, Canada", *remote("Canada")),
    ("Remote, United Kingdom", *remote(*UK)),
    ("Remote - UK", *remote(*UK)),
    ("Remote (UK)", *remote(*UK)),
    ("UK Remote", *remote(*UK)),
    ("Remote, 🇬🇧 UK", *remote(*UK)),
    ("Remote - must be based in the UK", *remote(*UK)),
    ("Remote within Germany", *remote("Germany")),
    ("Remote - Germany", *remote("Germany")),
    ("Remote (Deutschland)", *remote("Germany")),
    ("Remote, Netherlands", *remote("Netherlands")),
    ("Remote from Poland", *remote("Poland")),
    ("Remote - Poland", *remote("Poland")),
    ("Remote - India", *remote("India")),
    ("Remote, Brazil", *remote("Brazil")),
    ("Remote - Mexico", *remote("Mexico")),
    ("Remote (US & Canada)", *remote("United States", "Canada")),
    ("Remote US/Canada", *remote("United States", "Canada")),
    ("Remote - Canada or US", *remote("Canada", "United States")),
    ("Remote - UK & Ireland", *remote("United Kingdom", "Ireland")),
    ("Remote - Spain or Portugal", *remote("Spain", "Portugal")),
    ("Remote - Portugal, Spain, Italy", *remote("Portugal", "Spain", "Italy")),
    ("Remote - Brazil / Argentina / Colombia", *remote("Brazil", "Argentina", "Colombia")),
    ("Remote (Germany, Austria, Switzerland)", *remote(*DACH)),
    ("Remote, California", *remote("California, US")),
    ("Remote - Texas", *remote("Texas, US")),
    ("Remote (NY, NJ, CT)", *remote("New York, US", "New Jersey, US", "Connecticut, US")),
    ("Remote - Ontario, Canada", *remote("Ontario, CA")),
    ("Remote in Bavaria", *remote("Bavaria, DE")),
    ("Remote - Europe", *remote("Europe")),
    ("Remote (Europe)", *remote("Europe")),
    ("Remote Europe", *remote("Europe")),
    ("Remote, Europe", *remote("Europe")),
    ("Europe Remote", *remote("Europe")),
    ("Remote — Europe", *remote("Europe")),
    ("Remote job - Europe", *remote("Europe")),
    ("Remote across Europe", *remote("Europe")),
    ("Anywhere in Europe", *remote("Europe")),
    ("Remote - Eastern Europe", *remote("Europe")),
    ("Remote (EU timezones)", *remote("Europe")),
    ("Remote - EU", *remote(*EU)),
    ("Remote (EU only)", *remote(*EU)),
    ("European Union (Remote)", *remote(*EU)),
    ("Remote (EU/EEA)", *remote(*EU, "Iceland", "Liechtenstein", "Norway")),
    ("Remote, EMEA", *remote(*EMEA)),
    ("EMEA (Remote)", *remote(*EMEA)),
    ("Remote (Europe, Middle East, Africa)", *remote(*EMEA)),
    ("Remote (Americas & EMEA)", *remote(*AMERICAS, *EMEA)),
    ("Remote - Americas", *remote(*AMERICAS)),
    ("Remote (Americas)", *remote(*AMERICAS)),
    ("Remote, Americas", *remote(*AMERICAS)),
    ("Remote — Americas or Europe", *remote(*AMERICAS, "Europe")),
    ("Remote - North America", *remote("North America")),
    ("North America (Remote)", *remote("North America")),
    ("Remote - APAC", *remote(*APAC)),
    ("Remote - Southeast Asia", *remote("Asia")),
    ("Remote (Europe or Africa)", *remote("Europe", "Africa")),
    ("Remote - Sub-Saharan Africa", *remote("Africa")),
    ("LATAM (Remote)", *remote(*LATAM)),
    ("Remote - Latin America", *remote(*LATAM)),
    ("Latin America (Remote)", *remote(*LATAM)),
    ("Remote (DACH)", *remote(*DACH)),
    ("Remote - Nordics", *remote("Denmark", "Finland", "Iceland", "Norway", "Sweden")),
    ("Remote - Benelux", *remote("Belgium", "Netherlands", "Luxembourg")),
    (
        "Remote - APAC (Singapore, Sydney)",
        *remote(*APAC, offices=["Singapore, SG", "Sydney, AU"]),
    ),
    ("Singapore (Remote - APAC)", *remote(*APAC, offices=["Singapore, SG"])),
    pytest.param(
        "Remote - must reside in CA, NY, or TX",
        *remote("California, US", "New York, US", "Texas, US"),
        marks=pytest.mark.xfail(
            strict=True,
            reason='"CA" glued to words names nothing, and alone it is Canada: the state '
            "codes beside it are not read as context",
        ),
        id="Remote - must reside in CA, NY, or TX",
    ),
    # --- remote or an office, several offices --------------------------------------------
    ("Remote in Austin, TX", *remote(offices=["Austin, US"])),
    ("Toronto / Remote", *remote(offices=["Toronto, CA"])),
    ("Toronto, Ontario, Canada (Remote)", *remote(offices=["Toronto, CA"])),
    ("NYC or Remote", *remote(offices=["New York City, US"])),
    ("New York City; Remote", *remote(offices=["New York City, US"])),
    ("Portland, OR or Remote", *remote(offices=["Portland, US"])),
    ("Berlin oder Remote", *remote(offices=["Berlin, DE"])),
    ("Hamburg, Homeoffice", *remote(offices=["Hamburg, DE"])),
    ("Remote, Lisbon, Portugal", *remote(offices=["Lisbon, PT"])),
    ("Remote\nLondon", *remote(offices=["London, GB"])),
    ("London | Berlin | Remote", *remote(offices=["London, GB", "Berlin, DE"])),
    (
        "New York, NY; San Francisco, CA; Remote",
        *remote(offices=["New York City, US", "San Francisco, US"]),
    ),
    ("NYC, SF, or Remote", *remote(offices=["New York City, US", "San Francisco, US"])),
    ("Boston, MA, New York, NY, Remote", *remote(offices=["Boston, US", "New York City, US"])),
    (
        "San Francisco, New York, Remote US",
        *remote(*US, offices=["San Francisco, US", "New York City, US"]),
    ),
    ("Austin, TX or Remote (US)", *remote(*US, offices=["Austin, US"])),
    (
        "Toronto, Vancouver or Remote (Canada)",
        *remote("Canada", offices=["Toronto, CA", "Vancouver, CA"]),
    ),
    ("Remote or Hybrid - Toronto", *remote(offices=["Toronto, CA"])),
    ("New York or London", *onsite("New York City, US", "London, GB")),
    ("Seattle, WA or San Francisco, CA", *onsite("Seattle, US", "San Francisco, US")),
    ("San Francisco, CA / New York, NY", *onsite("San Francisco, US", "New York City, US")),
    ("Berlin, Germany; Amsterdam, Netherlands", *onsite("Berlin, DE", "Amsterdam, NL")),
    ("Multiple locations: Berlin, Munich", *onsite("Berlin, DE", "Munich, DE")),
    ("Berlin & Hamburg", *onsite("Berlin, DE", "Hamburg, DE")),
    ("Lisbon & Porto", *onsite("Lisbon, PT", "Porto, PT")),
    ("Lisbon and Porto", *onsite("Lisbon, PT", "Porto, PT")),
    ("Singapore, Sydney, Tokyo", *onsite("Singapore, SG", "Sydney, AU", "Tokyo, JP")),
    ("Berlin, berlin, BERLIN", *onsite("Berlin, DE")),
    # --- hybrid and on-site: not remote ---------------------------------------------------
    ("Hybrid - Berlin", *onsite("Berlin, DE")),
    ("Berlin (Hybrid)", *onsite("Berlin, DE")),
    ("Hybrid (London)", *onsite("London, GB")),
    ("Hybrid in Amsterdam", *onsite("Amsterdam, NL")),
    ("London (Hybrid, 2 days a week)", *onsite("London, GB")),
    ("London, UK (Hybrid)", *onsite("London, GB")),
    ("Amsterdam, Netherlands (Hybrid)", *onsite("Amsterdam, NL")),
    ("Amsterdam, North Holland, Netherlands (Hybrid)", *onsite("Amsterdam, NL")),
    ("Austin, Texas, United States (Hybrid)", *onsite("Austin, US")),
    ("Hybrid - New York, NY", *onsite("New York City, US")),
    ("Hybrid Remote - Chicago, IL", *onsite("Chicago, US")),
    ("Hybrid remote in Seattle, WA 98101", *onsite("Seattle, US")),
    ("Temporarily Remote in New York, NY", *onsite("New York City, US")),
    ("Berlin, Berlin, Germany (On-site)", *onsite("Berlin, DE")),
    ("New York, NY (On-site)", *onsite("New York City, US")),
    ("On-site - Lagos, Nigeria", *onsite("Lagos, NG")),
    ("Onsite, Berlin", *onsite("Berlin, DE")),
    ("In-office: Tokyo", *onsite("Tokyo, JP")),
    ("Office: London", *onsite("London, GB")),
    ("London Office, UK", *onsite("London, GB")),
    ("San Francisco, CA (HQ)", *onsite("San Francisco, US")),
    # --- Greenhouse, Workable, LinkedIn: "City, Region, Country" --------------------------
    ("Kraków, Lesser Poland Voivodeship, Poland", *onsite("Kraków, PL")),
    ("Wrocław, Lower Silesian Voivodeship, Poland", *onsite("Wrocław, PL")),
    ("Warszawa, Mazowieckie, Poland", *onsite("Warsaw, PL")),
    ("Sydney, New South Wales, Australia", *onsite("Sydney, AU")),
    ("Brisbane, Queensland, Australia", *onsite("Brisbane, AU")),
    ("Perth, Western Australia, Australia", *onsite("Perth, AU")),
    ("Newcastle, NSW, Australia", *onsite("Newcastle, AU")),
    ("London, City of, United Kingdom", *onsite("London, GB")),
    ("London, City of", *onsite("London, GB")),
    ("Greater London, England, United Kingdom", *onsite("London, GB")),
    ("Manchester, England, United Kingdom", *onsite("Manchester, GB")),
    ("Edinburgh, Scotland, United Kingdom", *onsite("Edinburgh, GB")),
    ("Cardiff, Wales, United Kingdom", *onsite("Cardiff, GB")),
    ("Belfast, Northern Ireland, United Kingdom", *onsite("Belfast, GB")),
    ("Paris, Île-de-France, France", *onsite("Paris, FR")),
    ("Lyon, Auvergne-Rhône-Alpes, France", *onsite("Lyon, FR")),
    ("Amsterdam, North Holland, Netherlands", *onsite("Amsterdam, NL")),
    ("Rotterdam, South Holland, Netherlands", *onsite("Rotterdam, NL")),
    ("Madrid, Community of Madrid, Spain", *onsite("Madrid, ES")),
    ("Madrid, M, Spain", *onsite("Madrid, ES")),
    ("Barcelona, Catalonia, Spain", *onsite("Barcelona, ES")),
    ("Munich, Bavaria, Germany", *onsite("Munich, DE")),
    ("Berlin, Berlin, Germany", *onsite("Berlin, DE")),
    ("Hamburg, Hamburg, Germany", *onsite("Hamburg, DE")),
    ("Toronto, Ontario, Canada", *onsite("Toronto, CA")),
    ("Vancouver, British Columbia, Canada", *onsite("Vancouver, CA")),
    ("Montréal, Quebec, Canada", *onsite("Montréal, CA")),
    ("Bengaluru, Karnataka, India", *onsite("Bengaluru, IN")),
    ("Bengaluru, KA, India", *onsite("Bengaluru, IN")),
    ("Mumbai, Maharashtra, India", *onsite("Mumbai, IN")),
    ("Hyderabad, Telangana, India", *onsite("Hyderabad, IN")),
    ("Gurugram, Haryana, India", *onsite("Gurugram, IN")),
    ("Manila, Metro Manila, Philippines", *onsite("Manila, PH")),
    ("Makati, Metro Manila, Philippines", *onsite("Makati City, PH")),
    ("Lisbon, Lisbon District, Portugal", *onsite("Lisbon, PT")),
    ("Lisbon, Lisbon, Portugal", *onsite("Lisbon, PT")),
    ("Porto, Porto District, Portugal", *onsite("Porto, PT")),
    ("Dublin, County Dublin, Ireland", *onsite("Dublin, IE")),
    ("Cork, County Cork, Ireland", *onsite("Cork, IE")),
    ("Milan, Lombardy, Italy", *onsite("Milan, IT")),
    ("Rome, Lazio, Italy", *onsite("Rome, IT")),
    ("Zürich, Zurich, Switzerland", *onsite("Zürich, CH")),
    ("Geneva, Geneva, Switzerland", *onsite("Geneva, CH")),
    ("Vienna, Vienna, Austria", *onsite("Vienna, AT")),
    ("Stockholm, Stockholm County, Sweden", *onsite("Stockholm, SE")),
    ("Copenhagen, Capital Region of Denmark, Denmark", *onsite("Copenhagen, DK")),
    ("Oslo, Oslo, Norway", *onsite("Oslo, NO")),
    ("Helsinki, Uusimaa, Finland", *onsite("Helsinki, FI")),
    ("Tallinn, Harju County, Estonia", *onsite("Tallinn, EE")),
    ("Riga, Riga, Latvia", *onsite("Riga, LV")),
    ("Vilnius, Vilnius County, Lithuania", *onsite("Vilnius, LT")),
    ("Prague, Prague, Czechia", *onsite("Prague, CZ")),
    ("Prague, Czech Republic", *onsite("Prague, CZ")),
    ("Budapest, Budapest, Hungary", *onsite("Budapest, HU")),
    ("Bucharest, Bucharest, Romania", *onsite("Bucharest, RO")),
    ("Sofia, Sofia City Province, Bulgaria", *onsite("Sofia, BG")),
    ("Athens, Attica, Greece", *onsite("Athens, GR")),
    ("Thessaloniki, Central Macedonia, Greece", *onsite("Thessaloníki, GR")),
    ("Istanbul, Istanbul, Turkey", *onsite("Istanbul, TR")),
    ("Istanbul, Türkiye", *onsite("Istanbul, TR")),
    ("Tel Aviv-Yafo, Tel Aviv District, Israel", *onsite("Tel Aviv, IL")),
    ("Dubai, Dubai, United Arab Emirates", *onsite("Dubai, AE")),
    ("Cairo, Cairo Governorate, Egypt", *onsite("Cairo, EG")),
    ("Lagos, Lagos, Nigeria", *onsite("Lagos, NG")),
    ("Nairobi, Nairobi County, Kenya", *onsite("Nairobi, KE")),
    ("Accra, Greater Accra Region, Ghana", *onsite("Accra, GH")),
    ("Casablanca, Casablanca-Settat, Morocco", *onsite("Casablanca, MA")),
    ("Cape Town, Western Cape, South Africa", *onsite("Cape Town, ZA")),
    ("Johannesburg, Gauteng, South Africa", *onsite("Johannesburg, ZA")),
    ("São Paulo, State of São Paulo, Brazil", *onsite("São Paulo, BR")),
    ("São Paulo, SP, Brazil", *onsite("São Paulo, BR")),
    ("Curitiba, PR, Brazil", *onsite("Curitiba, BR")),
    ("Belo Horizonte, MG, Brazil", *onsite("Belo Horizonte, BR")),
    ("Florianópolis, Santa Catarina, Brazil", *onsite("Florianópolis, BR")),
    ("Buenos Aires, Autonomous City of Buenos Aires, Argentina", *onsite("Buenos Aires, AR")),
    ("Santiago, Santiago Metropolitan Region, Chile", *onsite("Santiago, CL")),
    ("Bogotá, Bogota, Colombia", *onsite("Bogotá, CO")),
    ("Bogota, Bogota D.C., Colombia", *onsite("Bogotá, CO")),
    ("Medellín, Antioquia, Colombia", *onsite("Medellín, CO")),
    ("Lima, Lima, Peru", *onsite("Lima, PE")),
    ("Mexico City, Mexico City, Mexico", *onsite("Mexico City, MX")),
    ("Ciudad de México, CDMX, Mexico", *onsite("Mexico City, MX")),
    ("Guadalajara, Jalisco, Mexico", *onsite("Guadalajara, MX")),
    ("Montevideo, Montevideo Department, Uruguay", *onsite("Montevideo, UY")),
    ("San José, San José Province, Costa Rica", *onsite("San José, CR")),
    ("Tokyo, Tokyo, Japan", *onsite("Tokyo, JP")),
    ("Seoul, Seoul, South Korea", *onsite("Seoul, KR")),
    ("Singapore, Singapore", *onsite("Singapore, SG")),
    ("Kuala Lumpur, Federal Territory of Kuala Lumpur, Malaysia", *onsite("Kuala Lumpur, MY")),
    ("Jakarta, Jakarta, Indonesia", *onsite("Jakarta, ID")),
    ("Bangkok, Bangkok, Thailand", *onsite("Bangkok, TH")),
    ("Ho Chi Minh City, Vietnam", *onsite("Ho Chi Minh City, VN")),
    ("Taipei City, Taiwan", *onsite("Taipei, TW")),
    ("Hong Kong SAR", *onsite("Hong Kong, HK")),
    ("Shanghai, Shanghai, China", *onsite("Shanghai, CN")),
    ("Auckland, Auckland, New Zealand", *onsite("Auckland, NZ")),
    ("Wellington, New Zealand", *onsite("Wellington, NZ")),
    ("Kyiv, Kyiv City, Ukraine", *onsite("Kyiv, UA")),
    ("Kiev, Ukraine", *onsite("Kyiv, UA")),
    ("Lviv, Lviv Oblast, Ukraine", *onsite("Lviv, UA")),
    ("Belgrade, Serbia", *onsite("Belgrade, RS")),
    ("Zagreb, City of Zagreb, Croatia", *onsite("Zagreb, HR")),
    ("Ljubljana, Slovenia", *onsite("Ljubljana, SI")),
    ("Bratislava, Bratislava Region, Slovakia", *onsite("Bratislava, SK")),
    ("Brussels, Brussels-Capital Region, Belgium", *onsite("Brussels, BE")),
    ("Luxembourg, Luxembourg", *onsite("Luxembourg, LU")),
    ("Karachi, Sindh, Pakistan", *onsite("Karachi, PK")),
    ("Colombo, Western Province, Sri Lanka", *onsite("Colombo, LK")),
    ("Sarajevo, Bosnia and Herzegovina", *onsite("Sarajevo, BA")),
    ("Port of Spain, Trinidad and Tobago", *onsite("Port of Spain, TT")),
    ("St. John's, Newfoundland and Labrador, Canada", *onsite("St. John's, CA")),
    ("New York, New York, United States", *onsite("New York City, US")),
    ("New York, NY, United States", *onsite("New York City, US")),
    ("San Francisco, California, United States", *onsite("San Francisco, US")),
    ("Austin, Texas, United States", *onsite("Austin, US")),
    ("Austin, TX, United States", *onsite("Austin, US")),
    ("Seattle, Washington, United States", *onsite("Seattle, US")),
    ("Provo, UT, United States", *onsite("Provo, US")),
    # LinkedIn's surroundings of a city.
    ("Greater Seattle Area", *onsite("Seattle, US")),
    ("Greater Boston", *onsite("Boston, US")),
    ("Greater Chicago Area", *onsite("Chicago, US")),
    ("San Francisco Bay Area", *onsite("San Francisco, US")),
    ("SF Bay Area", *onsite("San Francisco, US")),
    ("Bay Area", *onsite("San Francisco, US")),
    ("Silicon Valley", *onsite("San Jose, US")),
    ("New York City Metropolitan Area", *onsite("New York City, US")),
    ("Los Angeles Metropolitan Area", *onsite("Los Angeles, US")),
    ("Washington DC Metro Area", *onsite("Washington, US")),
    ("Dallas-Fort Worth Metroplex", *onsite("Dallas, US", "Fort Worth, US")),
    ("Minneapolis-St. Paul, MN", *onsite("Minneapolis, US", "Saint Paul, US")),
    ("Raleigh-Durham, NC", *onsite("Raleigh, US", "Durham, US")),
    ("Kitchener-Waterloo, ON", *onsite("Kitchener, CA", "Waterloo, CA")),
    ("Berlin Metropolitan Area", *onsite("Berlin, DE")),
    ("Greater Paris Metropolitan Region", *onsite("Paris, FR")),
    ("Greater Toronto Area, Canada", *onsite("Toronto, CA")),
    ("Paris Area, France", *onsite("Paris, FR")),
    # --- US and Canada: "City, ST" --------------------------------------------------------
    ("Plantation, FL", *onsite("Plantation, US")),
    ("Austin, TX", *onsite("Austin, US")),
    ("New York, NY", *onsite("New York City, US")),
    ("new york, ny", *onsite("New York City, US")),
    ("SAN FRANCISCO, CA", *onsite("San Francisco, US")),
    ("Seattle, WA", *onsite("Seattle, US")),
    ("Bellevue, WA", *onsite("Bellevue, US")),
    ("Boston, MA", *onsite("Boston, US")),
    ("Somerville, MA", *onsite("Somerville, US")),
    ("Chicago, IL", *onsite("Chicago, US")),
    ("Denver, CO", *onsite("Denver, US")),
    ("Boulder, CO", *onsite("Boulder, US")),
    ("Los Angeles, CA", *onsite("Los Angeles, US")),
    ("Palo Alto, CA", *onsite("Palo Alto, US")),
    ("Mountain View, CA", *onsite("Mountain View, US")),
    ("Menlo Park, CA", *onsite("Menlo Park, US")),
    ("Redwood City, CA", *onsite("Redwood City, US")),
    ("Santa Monica, CA", *onsite("Santa Monica, US")),
    ("Miami, FL", *onsite("Miami, US")),
    ("Fort Lauderdale, FL", *onsite("Fort Lauderdale, US")),
    ("Salt Lake City, UT", *onsite("Salt Lake City, US")),
    ("Salt Lake City, Utah", *onsite("Salt Lake City, US")),
    ("Lehi, UT", *onsite("Lehi, US")),
    ("Lehi, Utah", *onsite("Lehi, US")),
    ("Raleigh, NC", *onsite("Raleigh, US")),
    ("Winston-Salem, NC", *onsite("Winston-Salem, US")),
    ("Pittsburgh, PA", *onsite("Pittsburgh, US")),
    ("Philadelphia, PA", *onsite("Philadelphia, US")),
    ("Washington, DC", *onsite("Washington, US")),
    ("Washington, D.C.", *onsite("Washington, US")),
    ("DC", *onsite("Washington, US")),
    ("McLean, VA", *onsite("McLean, US")),
    ("Reston, VA", *onsite("Reston, US")),
    ("Nashville, TN", *onsite("Nashville, US")),
    ("Minneapolis, MN", *onsite("Minneapolis, US")),
    ("Kansas City, MO", *onsite("Kansas City, US")),
    ("St. Louis, MO", *onsite("St. Louis, US")),
    ("Saint Louis, MO", *onsite("St. Louis, US")),
    ("Ann Arbor, MI", *onsite("Ann Arbor, US")),
    ("Brooklyn, NY", *onsite("Brooklyn, US")),
    ("Jersey City, NJ", *onsite("Jersey City, US")),
    ("Baltimore, MD", *onsite("Baltimore, US")),
    ("New Orleans, LA", *onsite("New Orleans, US")),
    ("Honolulu, HI", *onsite("Honolulu, US")),
    ("Boise, ID", *onsite("Boise, US")),
    ("Indianapolis, IN", *onsite("Indianapolis, US")),
    ("Oklahoma City, OK", *onsite("Oklahoma City, US")),
    ("Wilmington, DE", *onsite("Wilmington, US")),
    ("Little Rock, AR", *onsite("Little Rock, US")),
    ("Salem, OR", *onsite("Salem, US")),
    ("Research Triangle Park, NC", *onsite("North Carolina, US")),
    ("Montréal, QC", *onsite("Montréal, CA")),
    ("Ontario, Canada", *onsite("Ontario, CA")),
    ("Georgia, USA", *onsite("Georgia, US")),
    # --- ambiguous names: the qualifier decides (the region is checked below too) --------
    ("London, Ontario", *onsite("London, CA")),
    ("London, ON, Canada", *onsite("London, CA")),
    ("Portland, ME", *onsite("Portland, US")),
    ("Portland, OR", *onsite("Portland, US")),
    ("Cambridge, MA", *onsite("Cambridge, US")),
    ("Cambridge, UK", *onsite("Cambridge, GB")),
    ("Cambridge, England, United Kingdom", *onsite("Cambridge, GB")),
    ("Georgia", *onsite("Georgia")),
    ("Tbilisi, Georgia", *onsite("Tbilisi, GE")),
    ("Atlanta, Georgia", *onsite("Atlanta, US")),
    ("Atlanta, GA", *onsite("Atlanta, US")),
    ("Victoria, BC", *onsite("Victoria, CA")),
    ("Victoria, British Columbia, Canada", *onsite("Victoria, CA")),
    ("Victoria, Australia", *onsite("Victoria, AU")),
    ("Paris, TX", *onsite("Paris, US")),
    ("Paris, France", *onsite("Paris, FR")),
    ("Melbourne, FL", *onsite("Melbourne, US")),
    ("Perth, WA", *onsite("Perth, AU")),
    ("Perth, Scotland", *onsite("Perth, GB")),
    ("Vancouver, WA", *onsite("Vancouver, US")),
    ("Birmingham, AL", *onsite("Birmingham, US")),
    ("Birmingham, UK", *onsite("Birmingham, GB")),
    ("Hyderabad, Pakistan", *onsite("Hyderabad, PK")),
    ("Córdoba, Argentina", *onsite("Córdoba, AR")),
    ("Córdoba, Spain", *onsite("Córdoba, ES")),
    ("San José, Costa Rica", *onsite("San José, CR")),
    ("San Jose, CA", *onsite("San Jose, US")),
    ("Hamilton, ON", *onsite("Hamilton, CA")),
    ("Hamilton, New Zealand", *onsite("Hamilton, NZ")),
    ("Kingston, Jamaica", *onsite("Kingston, JM")),
    ("Kingston, ON", *onsite("Kingston, CA")),
    ("Richmond, BC", *onsite("Richmond, CA")),
    ("Richmond, VA", *onsite("Richmond, US")),
    ("Mexico", *onsite("Mexico")),
    ("Taiwan", *onsite("Taiwan")),
    pytest.param(
        "Luxembourg",
        *onsite("Luxembourg"),
        marks=pytest.mark.xfail(
            strict=True,
            reason="a city-state's name means its city (Singapore, Monaco, Hong Kong), and "
            "the gazetteer cannot tell Luxembourg, whose city holds a fifth of its people, "
            "from them",
        ),
        id="Luxembourg",
    ),
    # --- countries, aliases, groups, standing alone ---------------------------------------
    ("USA", *onsite("United States")),
    ("U.S.", *onsite("United States")),
    ("United States of America", *onsite("United States")),
    ("UK", *onsite("United Kingdom")),
    ("GB", *onsite("United Kingdom")),
    ("Great Britain", *onsite("United Kingdom")),
    ("Deutschland", *onsite("Germany")),
    ("Bosnia and Herzegovina", *onsite("Bosnia and Herzegovina")),
    ("Antigua & Barbuda", *onsite("Antigua and Barbuda")),
    ("Germany, Austria, Switzerland", *onsite(*DACH)),
    ("USA Only", *onsite("United States")),
    ("🇺🇸 US-only", *onsite("United States")),
    ("UK Only", *onsite("United Kingdom")),
    ("Canada Only", *onsite("Canada")),
    ("Europe Only", *onsite("Europe")),
    ("North America Only", *onsite("North America")),
    ("Americas Only", *onsite(*AMERICAS)),
    ("🇪🇺 Europe", *onsite("Europe")),
    ("Europe", *onsite("Europe")),
    ("North America", *onsite("North America")),
    ("Americas", *onsite(*AMERICAS)),
    ("EMEA", *onsite(*EMEA)),
    ("APAC", *onsite(*APAC)),
    ("LATAM", *onsite(*LATAM)),
    ("European Union", *onsite(*EU)),
    # --- cities alone, unicode and local spellings ----------------------------------------
    ("San Francisco", *onsite("San Francisco, US")),
    ("san francisco", *onsite("San Francisco, US")),
    ("New York", *onsite("New York City, US")),
    ("London", *onsite("London, GB")),
    ("london", *onsite("London, GB")),
    ("Berlin", *onsite("Berlin, DE")),
    ("BERLIN", *onsite("Berlin, DE")),
    ("Amsterdam", *onsite("Amsterdam, NL")),
    ("Paris", *onsite("Paris, FR")),
    ("Toronto", *onsite("Toronto, CA")),
    ("Vancouver", *onsite("Vancouver, CA")),
    ("Austin", *onsite("Austin, US")),
    ("Seattle", *onsite("Seattle, US")),
    ("Boston", *onsite("Boston, US")),
    ("Chicago", *onsite("Chicago, US")),
    ("Denver", *onsite("Denver, US")),
    ("Los Angeles", *onsite("Los Angeles, US")),
    ("Dublin", *onsite("Dublin, IE")),
    ("Madrid", *onsite("Madrid, ES")),
    ("Barcelona", *onsite("Barcelona, ES")),
    ("Lisbon", *onsite("Lisbon, PT")),
    ("Munich", *onsite("Munich, DE")),
    ("Cologne", *onsite("Köln, DE")),
    ("Hamburg", *onsite("Hamburg, DE")),
    ("Zürich", *onsite("Zürich, CH")),
    ("Vienna", *onsite("Vienna, AT")),
    ("Stockholm", *onsite("Stockholm, SE")),
    ("Copenhagen", *onsite("Copenhagen, DK")),
    ("Oslo", *onsite("Oslo, NO")),
    ("Helsinki", *onsite("Helsinki, FI")),
    ("Warsaw", *onsite("Warsaw, PL")),
    ("Prague", *onsite("Prague, CZ")),
    ("Budapest", *onsite("Budapest, HU")),
    ("Bucharest", *onsite("Bucharest, RO")),
    ("Tel Aviv", *onsite("Tel Aviv, IL")),
    ("Singapore", *onsite("Singapore, SG")),
    ("Hong Kong", *onsite("Hong Kong, HK")),
    ("Tokyo", *onsite("Tokyo, JP")),
    ("Sydney", *onsite("Sydney, AU")),
    ("Melbourne", *onsite("Melbourne, AU")),
    ("Auckland", *onsite("Auckland, NZ")),
    ("Bangalore", *onsite("Bengaluru, IN")),
    ("São Paulo", *onsite("São Paulo, BR")),
    ("Mexico City", *onsite("Mexico City, MX")),
    ("Buenos Aires", *onsite("Buenos Aires, AR")),
    ("Montreal", *onsite("Montréal, CA")),
    ("Atlanta", *onsite("Atlanta, US")),
    ("Miami", *onsite("Miami, US")),
    ("Portland", *onsite("Portland, US")),
    ("Salt Lake City", *onsite("Salt Lake City, US")),
    ("Raleigh", *onsite("Raleigh, US")),
    ("Pittsburgh", *onsite("Pittsburgh, US")),
    ("Philadelphia", *onsite("Philadelphia, US")),
    ("Rotterdam", *onsite("Rotterdam, NL")),
    ("Frankfurt", *onsite("Frankfurt am Main, DE")),
    ("FRANKFURT AM MAIN", *onsite("Frankfurt am Main, DE")),
    ("The Hague", *onsite("The Hague, NL")),
    ("Den Haag", *onsite("The Hague, NL")),
    ("München", *onsite("Munich, DE")),
    ("Köln", *onsite("Köln, DE")),
    ("Nürnberg", *onsite("Nuremberg, DE")),
    ("Wien", *onsite("Vienna, AT")),
    ("Praha", *onsite("Prague, CZ")),
    ("Lisboa", *onsite("Lisbon, PT")),
    ("Milano", *onsite("Milan, IT")),
    ("Roma", *onsite("Rome, IT")),
    ("Genève", *onsite("Geneva, CH")),
    ("Göteborg", *onsite("Gothenburg, SE")),
    ("Aarhus", *onsite("Århus, DK")),
    ("Gdańsk", *onsite("Gdańsk, PL")),
    ("St. Gallen, Switzerland", *onsite("Sankt Gallen, CH")),
    ("Zürich, Switzerland", *onsite("Zürich, CH")),
    ("Düsseldorf, Germany", *onsite("Düsseldorf, DE")),
    ("Munich, Germany", *onsite("Munich, DE")),
    ("Malmö, Sweden", *onsite("Malmö, SE")),
    ("Łódź, Poland", *onsite("Łódź, PL")),
    ("Poznań, Poland", *onsite("Poznań, PL")),
    ("Brno, Czechia", *onsite("Brno, CZ")),
    ("Cluj-Napoca, Romania", *onsite("Cluj-Napoca, RO")),
    ("Iași, Romania", *onsite("Iaşi, RO")),
    ("Chișinău, Moldova", *onsite("Chisinau, MD")),
    ("Bogotá, Colombia", *onsite("Bogotá, CO")),
    ("Buenos Aires, Argentina", *onsite("Buenos Aires, AR")),
    ("Amsterdam, Netherlands", *onsite("Amsterdam, NL")),
    ("Utrecht, Netherlands", *onsite("Utrecht, NL")),
    ("Bangalore, India", *onsite("Bengaluru, IN")),
    ("Tokyo, Japan", *onsite("Tokyo, JP")),
    ("Toronto, ON, Canada", *onsite("Toronto, CA")),
    ("London, GB", *onsite("London, GB")),
    ("Saint Petersburg, Russia", *onsite("Saint Petersburg, RU")),
    ("St. Petersburg, FL", *onsite("St. Petersburg, US")),
    ("Москва", *onsite("Moscow, RU")),
    ("Київ", *onsite("Kyiv, UA")),
    ("東京", *onsite("Tokyo, JP")),
    ("北京", *onsite("Beijing, CN")),
    ("🇩🇪 Berlin", *onsite("Berlin, DE")),
    ("Berlin 🇩🇪", *onsite("Berlin, DE")),
    # --- postcodes ------------------------------------------------------------------------
    ("San Francisco, CA 94105", *onsite("San Francisco, US")),
    ("Austin, TX 78701", *onsite("Austin, US")),
    ("Austin, TX 78701-1234", *onsite("Austin, US")),
    ("Toronto, ON M5V 3L9", *onsite("Toronto, CA")),
    ("10115 Berlin", *onsite("Berlin, DE")),
    ("Berlin 10115", *onsite("Berlin, DE")),
    ("80331 München", *onsite("Munich, DE")),
    ("75008 Paris, France", *onsite("Paris, FR")),
    ("London EC2A 4NE", *onsite("London, GB")),
    ("SW1A 1AA London", *onsite("London, GB")),
    ("London, EC1V 2NX, United Kingdom", *onsite("London, GB")),
    ("Amsterdam 1017 AB", *onsite("Amsterdam, NL")),
    ("1017 AB Amsterdam, Netherlands", *onsite("Amsterdam, NL")),
    ("00-001 Warszawa", *onsite("Warsaw, PL")),
    # --- no place: junk and words about the job -------------------------------------------
    ("TBD", *NOWHERE),
    ("To be determined", *NOWHERE),
    ("Multiple Locations", *NOWHERE),
    ("Various locations", *NOWHERE),
    ("See description", *NOWHERE),
    ("Flexible", *NOWHERE),
    ("N/A", *NOWHERE),
    ("Not specified", *NOWHERE),
    ("None", *NOWHERE),
    ("null", *NOWHERE),
    ("Online", *NOWHERE),
    ("Earth", *NOWHERE),
    ("On-site", *NOWHERE),
    ("In office", *NOWHERE),
    ("Field based", *NOWHERE),
    ("🌍", *NOWHERE),
    ("🚀🚀", *NOWHERE),
    ("12345", *NOWHERE),
    ("-", *NOWHERE),
    ("...", *NOWHERE),
    ("https://boards.greenhouse.io/netlify", *NOWHERE),
    ("www.example.com/careers", *NOWHERE),
    ("Apply at https://jobs.lever.co/acme", *NOWHERE),
    ("mailto:jobs@example.com", *NOWHERE),
]


def _text(case):
    return case.values[0] if hasattr(case, "values") else case[0]


def _id(case):
    text = _text(case).replace("\n", "\\n")
    return (text[:40] + "..." if len(text) > 40 else text) or "empty"


TEXTS = [_text(case) for case in CASES]


def display(key):
    place = gazetteer()[key]
    return f"{place.name}, {place.country_code}" if place.kind in (CITY, REGION) else place.name


@pytest.mark.parametrize(
    ("text", "remote", "onsite", "regions"), CASES, ids=[_id(c) for c in CASES]
)
def test_location_text_reads_as_a_careful_reader_would(text, remote, onsite, regions):
    location = parse_location(text)
    got = (location.remote, sorted(map(display, location.onsite)))
    assert got == (remote, sorted(onsite))
    assert sorted(map(display, location.regions)) == sorted(regions)


def test_the_table_has_at_least_200_strings_and_no_repeats():
    assert len(TEXTS) >= 200
    assert len(set(TEXTS)) == len(TEXTS)


def test_every_location_spelling_the_generator_writes_is_in_the_table():
    spellings = {text for spellings in generate.LOCATION_LISTS for text in spellings}
    assert spellings - set(TEXTS) == set()


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Portland, ME", "Maine"),
        ("Portland, OR", "Oregon"),
        ("Portland", "Oregon"),
        ("Salem, OR", "Oregon"),
        ("Cambridge, MA", "Massachusetts"),
        ("Cambridge, UK", "England"),
        ("London, Ontario", "Ontario"),
        ("London, ON, Canada", "Ontario"),
        ("Victoria, BC", "British Columbia"),
        ("Paris, TX", "Texas"),
        ("Atlanta, Georgia", "Georgia"),
        ("Perth, WA", "Western Australia"),
        ("Vancouver, WA", "Washington"),
        ("Saint Louis, MO", "Missouri"),
        ("Birmingham, AL", "Alabama"),
        ("Kingston, ON", "Ontario"),
        ("Richmond, VA", "Virginia"),
        ("Wilmington, DE", "Delaware"),
        ("Melbourne, FL", "Florida"),
        ("Hyderabad, Telangana, India", "Telangana"),
    ],
)
def test_a_qualifier_picks_the_city_of_that_state_or_province(text, region):
    (key,) = parse_location(text).onsite
    assert region in [place.name for place in gazetteer().lineage(key)]


@pytest.mark.parametrize("text", ["the", "The", "in", "BOG", "TLV", "Downtown", "Creek"])
def test_connectors_airport_codes_and_common_words_are_no_places(text):
    # GeoNames lists "THE" (Teresina's airport) and "Downtown" (Śródmieście) as other names.
    assert parse_location(text) == Location(False)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_missing_location_is_not_remote_and_has_no_places(text):
    assert parse_location(text) == Location(False)


def test_location_from_yaml_list_is_read_not_rejected():
    location = parse_location(["Berlin", "Remote"])
    assert location.remote
    assert [display(key) for key in location.onsite] == ["Berlin, DE"]


def test_location_from_yaml_number_is_no_place():
    assert parse_location(12345) == Location(False)


def test_many_offices_are_capped_in_order():
    cities = ["Berlin", "Paris", "Rome", "Madrid", "Lisbon", "Vienna", "Prague", "Warsaw"]
    location = parse_location(" | ".join([*cities, "Oslo", "Dublin", "Athens", "Sofia"]))
    assert len(location.onsite) == MAX_PLACES
    assert [gazetteer()[key].name for key in location.onsite[:8]] == cities


def test_a_group_named_as_the_place_of_the_job_is_kept_whole():
    location = parse_location("Berlin, Paris, Rome, Madrid, Lisbon, Vienna | European Union")
    assert len(location.onsite) == 6 + len(EU) <= MAX_REGIONS


# --- robustness ---------------------------------------------------------------------------

JUNK = {
    "one long word": "x" * 100_000,
    "dashes": "-" * 100_000,
    "dashed letters": "a-" * 50_000,
    "brackets": "(" * 100_000,
    "commas": "," * 100_000,
    "remote": "Remote " * 14_000,
    "one city": "Berlin, " * 12_500,
    "separated cities": "Berlin | " * 11_000,
    "conjunctions": "a or " * 20_000,
    "connectors": "x" + " or" * 30_000,
    "surroundings": "Seattle" + " Area" * 20_000,
    "groups": "EMEA, " * 16_000,
    "mixed": "Remote (US) / Berlin, DE; EMEA - " * 3_000,
    "postcodes": "1a" * 50_000,
    "emoji": "🚀" * 50_000,
}


@pytest.fixture(scope="module")
def warm_gazetteer():
    gazetteer()


def _seconds(text):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse_location(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("text", JUNK.values(), ids=JUNK.keys())
def test_long_junk_is_read_in_linear_time(warm_gazetteer, text):
    tenth = _seconds(text[: len(text) // 10])
    # Ten times the text in at most twenty times the time: quadratic would be a hundred.
    assert _seconds(text) < 20 * tenth + 0.05


LOCATION_LIKE = st.text(alphabet="Remote, |()-–/orUSA&EMEA\n🚀é東0", max_size=300)
NAMES = st.lists(st.sampled_from([*TEXTS[:150], "or", "and", "OR", "CA", "Greater"]), max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.none(),
        st.text(),
        LOCATION_LIKE,
        NAMES.map(", ".join),
        NAMES.map(" / ".join),
        st.integers(),
        st.lists(st.text(max_size=20), max_size=5),
    )
)
def test_parse_location_never_raises_and_makes_only_known_bounded_places(text):
    location = parse_location(text)
    places = gazetteer()
    assert isinstance(location.remote, bool)
    assert len(location.onsite) <= MAX_REGIONS
    assert len(location.regions) <= MAX_REGIONS
    assert len(set(location.onsite)) == len(location.onsite)
    assert len(set(location.regions)) == len(location.regions)
    assert all(key in places.places for key in (*location.onsite, *location.regions))
    if location.remote:
        assert len(location.onsite) <= MAX_PLACES
        assert all(places[key].kind == CITY for key in location.onsite)
        assert all(places[key].kind != CITY for key in location.regions)
    else:
        assert location.regions == ()
