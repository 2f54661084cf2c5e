"""Write realistic posting files, deterministically, at any count.

    python bench/generate.py OUT_DIR --count 1500 [--seed 1]

The files follow the seed format with the dirt real files carry (messy hashtags, locations
spelled every way, careers-page company titles, unicode, names starting with '-'). Tags follow
a skewed (Zipf-like) frequency over about 190 names; locations come from about 600 spellings
as real boards write them (remote, remote within a region, offices, hybrid, "City, Region,
Country", postcodes, junk), the common ones more often, with "Remote or <city>" variants;
companies from about 5,000 names, a few employers spelled several ways ("time-doctor", "Time
Doctor") or as careers-page titles; bodies are 1 to 17 KB with a median near 4 KB, and about
10% of postings are archived.
"""

import argparse
import json
import math
import random
import re
from datetime import UTC, datetime
from pathlib import Path

TECH = """python golang rustlang javascript typescript react vue angular node.js java kotlin swift
ruby rubylang php c++ c# .net scala elixir haskell clojure kubernetes docker terraform aws
gcp azure linux postgresql mysql mongodb redis kafka elasticsearch graphql rest grpc django
rails laravel spring flask fastapi nextjs svelte tailwind css html sass webpack git ci/cd
devops sre security machinelearning ai datascience dataengineering spark hadoop airflow dbt
snowflake bigquery tableau excel sql nosql microservices serverless blockchain web3 solidity
ios android flutter reactnative unity gamedev embedded firmware fpga networking
observability prometheus grafana ansible puppet chef jenkins github gitlab jira agile scrum
ui/ux figma sketch design productdesign research analysis content copywriting seo sem
marketing socialmedia growth sales customersupport customersuccess english german french
spanish portuguese japanese recruiting hr finance accounting legal operations management
leadership remote startup saas fintech healthtech edtech ecommerce opensource api testing qa
automation cypress selenium playwright mobile backend frontend fullstack cloud platform
architecture distributedsystems performance accessibility i18n documentation
technicalwriting community partnerships bizdev strategy consulting education nonprofit
climate biotech robotics hardware iot security-engineering compliance payments crypto
analytics experimentation""".split()

# Location spellings as boards and ATS systems write them (Greenhouse, Lever, Workable, Ashby,
# SmartRecruiters, Remote OK, We Work Remotely, LinkedIn, Indeed, Personio, Recruitee,
# BambooHR), the most common of each list first. tests/test_locations.py reads every one.
CITIES = """San Francisco|New York|London|Berlin|Amsterdam|Paris|Toronto|Vancouver|Austin|Seattle
|Boston|Chicago|Denver|Los Angeles|Dublin|Madrid|Barcelona|Lisbon|Munich|Cologne|Hamburg
|Zürich|Vienna|Stockholm|Copenhagen|Oslo|Helsinki|Warsaw|Prague|Budapest|Bucharest|Tel Aviv
|Singapore|Tokyo|Sydney|Melbourne|Auckland|Bangalore|São Paulo|Mexico City|Buenos Aires
|Montreal|Atlanta|Miami|Portland|Salt Lake City|Raleigh|Pittsburgh|Philadelphia|Rotterdam
|Frankfurt|Hong Kong|The Hague|Den Haag|München|Köln|Nürnberg|Wien|Praha|Lisboa|Milano|Roma
|Genève|Göteborg|Aarhus|Gdańsk|london|san francisco|BERLIN|FRANKFURT AM MAIN|Москва|Київ|東京
|北京|Georgia|Mexico|Taiwan|Luxembourg""".replace("\n", "").split("|")
QUALIFIED = """Plantation, FL|Austin, TX|New York, NY|Toronto, ON, Canada|Munich, Germany|London, GB
|Paris, France|Amsterdam, Netherlands|Bangalore, India|Tokyo, Japan
|Warsaw, Masovian Voivodeship, Poland|Melbourne, Victoria, Australia
|London, England, United Kingdom|Kraków, Lesser Poland Voivodeship, Poland
|Wrocław, Lower Silesian Voivodeship, Poland|Warszawa, Mazowieckie, Poland
|Sydney, New South Wales, Australia|Brisbane, Queensland, Australia
|Perth, Western Australia, Australia|Newcastle, NSW, Australia|London, City of, United Kingdom
|London, City of|Greater London, England, United Kingdom|Manchester, England, United Kingdom
|Edinburgh, Scotland, United Kingdom|Cardiff, Wales, United Kingdom
|Belfast, Northern Ireland, United Kingdom|Paris, Île-de-France, France
|Lyon, Auvergne-Rhône-Alpes, France|Amsterdam, North Holland, Netherlands
|Rotterdam, South Holland, Netherlands|Madrid, Community of Madrid, Spain|Madrid, M, Spain
|Barcelona, Catalonia, Spain|Munich, Bavaria, Germany|Berlin, Berlin, Germany
|Hamburg, Hamburg, Germany|Toronto, Ontario, Canada|Vancouver, British Columbia, Canada
|Montréal, Quebec, Canada|Bengaluru, Karnataka, India|Bengaluru, KA, India
|Mumbai, Maharashtra, India|Hyderabad, Telangana, India|Gurugram, Haryana, India
|Manila, Metro Manila, Philippines|Makati, Metro Manila, Philippines
|Lisbon, Lisbon District, Portugal|Lisbon, Lisbon, Portugal|Porto, Porto District, Portugal
|Dublin, County Dublin, Ireland|Cork, County Cork, Ireland|Milan, Lombardy, Italy
|Rome, Lazio, Italy|Zürich, Zurich, Switzerland|Geneva, Geneva, Switzerland
|Vienna, Vienna, Austria|Stockholm, Stockholm County, Sweden
|Copenhagen, Capital Region of Denmark, Denmark|Oslo, Oslo, Norway|Helsinki, Uusimaa, Finland
|Tallinn, Harju County, Estonia|Riga, Riga, Latvia|Vilnius, Vilnius County, Lithuania
|Prague, Prague, Czechia|Prague, Czech Republic|Budapest, Budapest, Hungary
|Bucharest, Bucharest, Romania|Sofia, Sofia City Province, Bulgaria|Athens, Attica, Greece
|Thessaloniki, Central Macedonia, Greece|Istanbul, Istanbul, Turkey|Istanbul, Türkiye
|Tel Aviv-Yafo, Tel Aviv District, Israel|Dubai, Dubai, United Arab Emirates
|Cairo, Cairo Governorate, Egypt|Lagos, Lagos, Nigeria|Nairobi, Nairobi County, Kenya
|Accra, Greater Accra Region, Ghana|Casablanca, Casablanca-Settat, Morocco
|Cape Town, Western Cape, South Africa|Johannesburg, Gauteng, South Africa
|São Paulo, State of São Paulo, Brazil|São Paulo, SP, Brazil|Curitiba, PR, Brazil
|Belo Horizonte, MG, Brazil|Florianópolis, Santa Catarina, Brazil
|Buenos Aires, Autonomous City of Buenos Aires, Argentina
|Santiago, Santiago Metropolitan Region, Chile|Bogotá, Bogota, Colombia
|Bogota, Bogota D.C., Colombia|Medellín, Antioquia, Colombia|Lima, Lima, Peru
|Mexico City, Mexico City, Mexico|Ciudad de México, CDMX, Mexico|Guadalajara, Jalisco, Mexico
|Montevideo, Montevideo Department, Uruguay|San José, San José Province, Costa Rica
|Tokyo, Tokyo, Japan|Seoul, Seoul, South Korea|Singapore, Singapore
|Kuala Lumpur, Federal Territory of Kuala Lumpur, Malaysia|Jakarta, Jakarta, Indonesia
|Bangkok, Bangkok, Thailand|Ho Chi Minh City, Vietnam|Taipei City, Taiwan|Hong Kong SAR
|Shanghai, Shanghai, China|Auckland, Auckland, New Zealand|Wellington, New Zealand
|Kyiv, Kyiv City, Ukraine|Kiev, Ukraine|Lviv, Lviv Oblast, Ukraine|Belgrade, Serbia
|Zagreb, City of Zagreb, Croatia|Ljubljana, Slovenia|Bratislava, Bratislava Region, Slovakia
|Brussels, Brussels-Capital Region, Belgium|Luxembourg, Luxembourg|Karachi, Sindh, Pakistan
|Colombo, Western Province, Sri Lanka|Sarajevo, Bosnia and Herzegovina
|Port of Spain, Trinidad and Tobago|St. John's, Newfoundland and Labrador, Canada
|New York, New York, United States|New York, NY, United States
|San Francisco, California, United States|Austin, Texas, United States
|Austin, TX, United States|Seattle, Washington, United States|Provo, UT, United States
|Greater Seattle Area|Greater Boston|Greater Chicago Area|San Francisco Bay Area|SF Bay Area
|Bay Area|Silicon Valley|New York City Metropolitan Area|Los Angeles Metropolitan Area
|Washington DC Metro Area|Dallas-Fort Worth Metroplex|Minneapolis-St. Paul, MN
|Raleigh-Durham, NC|Kitchener-Waterloo, ON|Berlin Metropolitan Area
|Greater Paris Metropolitan Region|Greater Toronto Area, Canada|Paris Area, France
|new york, ny|SAN FRANCISCO, CA|Seattle, WA|Bellevue, WA|Boston, MA|Somerville, MA
|Chicago, IL|Denver, CO|Boulder, CO|Los Angeles, CA|Palo Alto, CA|Mountain View, CA
|Menlo Park, CA|Redwood City, CA|Santa Monica, CA|Miami, FL|Fort Lauderdale, FL
|Salt Lake City, UT|Salt Lake City, Utah|Lehi, UT|Lehi, Utah|Raleigh, NC|Winston-Salem, NC
|Pittsburgh, PA|Philadelphia, PA|Washington, DC|Washington, D.C.|DC|McLean, VA|Reston, VA
|Nashville, TN|Minneapolis, MN|Kansas City, MO|St. Louis, MO|Saint Louis, MO|Ann Arbor, MI
|Brooklyn, NY|Jersey City, NJ|Baltimore, MD|New Orleans, LA|Honolulu, HI|Boise, ID
|Indianapolis, IN|Oklahoma City, OK|Wilmington, DE|Little Rock, AR|Salem, OR
|Research Triangle Park, NC|Montréal, QC|Ontario, Canada|Georgia, USA|London, Ontario
|London, ON, Canada|Portland, ME|Portland, OR|Cambridge, MA|Cambridge, UK
|Cambridge, England, United Kingdom|Tbilisi, Georgia|Atlanta, Georgia|Atlanta, GA
|Victoria, BC|Victoria, British Columbia, Canada|Victoria, Australia|Paris, TX|Melbourne, FL
|Perth, WA|Perth, Scotland|Vancouver, WA|Birmingham, AL|Birmingham, UK|Hyderabad, Pakistan
|Córdoba, Argentina|Córdoba, Spain|San José, Costa Rica|San Jose, CA|Hamilton, ON
|Hamilton, New Zealand|Kingston, Jamaica|Kingston, ON|Richmond, BC|Richmond, VA
|St. Gallen, Switzerland|Zürich, Switzerland|Düsseldorf, Germany|Malmö, Sweden|Łódź, Poland
|Poznań, Poland|Brno, Czechia|Cluj-Napoca, Romania|Iași, Romania|Chișinău, Moldova
|Bogotá, Colombia|Buenos Aires, Argentina|Utrecht, Netherlands|Saint Petersburg, Russia
|St. Petersburg, FL|🇩🇪 Berlin|Berlin 🇩🇪|San Francisco, CA 94105|Austin, TX 78701
|Austin, TX 78701-1234|Toronto, ON M5V 3L9|10115 Berlin|Berlin 10115|80331 München
|75008 Paris, France|London EC2A 4NE|SW1A 1AA London|London, EC1V 2NX, United Kingdom
|Amsterdam 1017 AB|1017 AB Amsterdam, Netherlands|00-001 Warszawa""".replace("\n", "").split("|")
COUNTRIES = """Netherlands|Germany|United States|Finland|Estonia|Ukraine|USA|U.S.
|United States of America|UK|GB|Great Britain|Deutschland|Bosnia and Herzegovina
|Antigua & Barbuda|Germany, Austria, Switzerland|USA Only|🇺🇸 US-only|UK Only|Canada Only
|Europe Only|North America Only|Americas Only|🇪🇺 Europe|Europe|North America|Americas|EMEA
|APAC|LATAM|European Union""".replace("\n", "").split("|")
REMOTE = [
    "Remote", "remote", "Remote job", "Remote OK", "Anywhere", "Worldwide",
    "Remote from anywhere", "Anywhere|Remote", "Remote-EMEA", "Remote - US", "Remote (Europe)",
    "Remote, Remote", "100% Remote", "Fully remote", "Remote first", "REMOTE", "Work from home",
    "WFH", "Telecommute", "Distributed", "Global", "Virtual", "Homeoffice", "Home Office",
    "Home based", "Location: Remote", "Anywhere in the World", "Remote (Anywhere)",
    "Remote, Worldwide", "Remote - Global", "Worldwide (Remote)", "🌏 Worldwide", "Remote 🌍",
    "Anywhere, Anytime", "Remote: CET +/- 3 hours", "Remote (CET)", "Remote (PST)",
    "Remote - Pacific Time", "Remote (Eastern Time)", "Remote, UTC-5 to UTC+1",
    "Remote (UTC-3 to UTC+3)", "Remote (US preferred)", "Remote (Europe preferred)",
    "Remote (non-US)", "Anywhere except China",
    "Anywhere, but European timezones preferred "
    "(or at least a significant overlap with European timezones)",
]  # fmt: skip
REMOTE_REGIONS = """Remote (US only)|Remote - EMEA|Remote (US)|Remote US|Remote-US|US Remote
|US-Remote|US - Remote|Remote - USA|Remote, US|remote, usa|remote - us
|Remote (United States)|United States - Remote|United States (Remote)|USA - Remote - Anywhere
|Remote, USA only|Remote in the US|Anywhere in the US|Remote-friendly (US)
|Remote - US: Select locations|Remote - US East Coast|Remote - US (EST)
|Remote (US, excluding CA and NY)|Remote in USA (except Hawaii and Alaska)|Virtual, US
|Remote (Canada)|Remote, Canada|Remote, United Kingdom|Remote - UK|Remote (UK)|UK Remote
|Remote, 🇬🇧 UK|Remote - must be based in the UK|Remote within Germany|Remote - Germany
|Remote (Deutschland)|Remote, Netherlands|Remote from Poland|Remote - Poland|Remote - India
|Remote, Brazil|Remote - Mexico|Remote (US & Canada)|Remote US/Canada|Remote - Canada or US
|Remote - UK & Ireland|Remote - Spain or Portugal|Remote - Portugal, Spain, Italy
|Remote - Brazil / Argentina / Colombia|Remote (Germany, Austria, Switzerland)
|Remote, California|Remote - Texas|Remote (NY, NJ, CT)|Remote - must reside in CA, NY, or TX
|Remote - Ontario, Canada|Remote in Bavaria|Remote - Europe|Remote Europe|Remote, Europe
|Europe Remote|Remote — Europe|Remote job - Europe|Remote across Europe|Anywhere in Europe
|Remote - Eastern Europe|Remote (EU timezones)|Remote - EU|Remote (EU only)
|European Union (Remote)|Remote (EU/EEA)|Remote, EMEA|EMEA (Remote)
|Remote (Europe, Middle East, Africa)|Remote (Americas & EMEA)|Remote - Americas
|Remote (Americas)|Remote, Americas|Remote — Americas or Europe|Remote - North America
|North America (Remote)|Remote - APAC|Remote - Southeast Asia|Remote (Europe or Africa)
|Remote - Sub-Saharan Africa|LATAM (Remote)|Remote - Latin America|Latin America (Remote)
|Remote (DACH)|Remote - Nordics|Remote - Benelux|Remote - APAC (Singapore, Sydney)
|Singapore (Remote - APAC)""".replace("\n", "").split("|")
REMOTE_REGIONS.append("Remote | US")  # the spelling with a "|" in it
MIXED = [
    "Remote or San Francisco", "Plantation, FL OR Remote", "London, GB - Remote OK",
    "San Francisco (Remote)", "Berlin, Cologne, Remote", "RemoteMunich,Germany",
    "Remote (European timezone preferred), London, City of", "Remote in Austin, TX",
    "Toronto / Remote", "Toronto, Ontario, Canada (Remote)", "NYC or Remote",
    "New York City; Remote", "Portland, OR or Remote", "Berlin oder Remote",
    "Hamburg, Homeoffice", "Remote, Lisbon, Portugal", "Remote\nLondon",
    "London | Berlin | Remote", "New York, NY; San Francisco, CA; Remote", "NYC, SF, or Remote",
    "Boston, MA, New York, NY, Remote", "San Francisco, New York, Remote US",
    "Austin, TX or Remote (US)", "Toronto, Vancouver or Remote (Canada)",
    "Remote or Hybrid - Toronto", "New York or London", "Seattle, WA or San Francisco, CA",
    "San Francisco, CA / New York, NY", "Berlin, Germany; Amsterdam, Netherlands",
    "Multiple locations: Berlin, Munich", "Berlin & Hamburg", "Lisbon & Porto",
    "Lisbon and Porto", "Singapore, Sydney, Tokyo", "Berlin, berlin, BERLIN",
]  # fmt: skip
HYBRID = [
    "Hybrid - Berlin", "Berlin (Hybrid)", "Hybrid (London)", "Hybrid in Amsterdam",
    "London (Hybrid, 2 days a week)", "London, UK (Hybrid)", "Amsterdam, Netherlands (Hybrid)",
    "Amsterdam, North Holland, Netherlands (Hybrid)", "Austin, Texas, United States (Hybrid)",
    "Hybrid - New York, NY", "Hybrid Remote - Chicago, IL", "Hybrid remote in Seattle, WA 98101",
    "Temporarily Remote in New York, NY", "Berlin, Berlin, Germany (On-site)",
    "New York, NY (On-site)", "On-site - Lagos, Nigeria", "Onsite, Berlin", "In-office: Tokyo",
    "Office: London", "London Office, UK", "San Francisco, CA (HQ)",
]  # fmt: skip
NOISE = [
    "Engineering", "Multiple Countries", "", "Hybrid", "TBD", "To be determined",
    "Multiple Locations", "Various locations", "See description", "Flexible", "N/A",
    "Not specified", "None", "null", "Online", "Earth", "On-site", "In office", "Field based",
    "🌍", "🚀🚀", "12345", "-", "...", "https://boards.greenhouse.io/netlify",
    "www.example.com/careers", "Apply at https://jobs.lever.co/acme", "mailto:jobs@example.com",
]  # fmt: skip
LOCATION_LISTS = (CITIES, QUALIFIED, COUNTRIES, REMOTE, REMOTE_REGIONS, MIXED, HYBRID, NOISE)
JOB_TYPES = ["software"] * 8 + ["design", "marketing", "sales", "customer-support", "other"] * 2
TITLES = """Backend Engineer|Frontend Engineer|Full Stack Developer|Site Reliability Engineer
|Data Engineer|Data Scientist|Machine Learning Engineer|Product Manager|Product Designer
|UX Researcher|DevOps Engineer|Security Engineer|Mobile Engineer (iOS)|Android Developer
|Engineering Manager|Technical Writer|Customer Support Specialist|Account Executive
|Growth Marketer|Content Marketing Manager|QA Engineer|Platform Engineer|Solutions Architect
|Developer Advocate|Recruiter""".replace("\n", "").split("|")
LEVELS = ["", "", "Senior ", "Sr. ", "Junior ", "Lead ", "Staff ", "Principal ", "Head of "]
WORDS = """we build tools teams love remote-first culture ownership impact customers platform scale
reliability growth learning mentorship benefits equity health flexible hours async
communication collaboration roadmap features deliver production systems services pipeline
infrastructure quality testing review design users data insight""".split()


# Employers that boards spell several ways: one company each (postings/companies.py).
SPELLINGS = {
    "Netlify": ["Netlify", "netlify"],
    "GitLab": ["GitLab", "GitLab Inc.", "gitlab"],
    "Automattic": ["Automattic", "automattic"],
    "Doist": ["Doist"],
    "Time Doctor": ["Time Doctor", "time doctor", "time-doctor"],
    "Jibble Group": ["Jibble Group", "jibble group", "jibble-group"],
    "Hire Space": ["Hire Space", "hire-space"],
    "Piggy LLC": ["Piggy llc", "piggy-llc", "Piggy LLC"],
    "DockYard, Inc.": ["DockYard, Inc", "DockYard, Inc.", "DockYard"],
}
# Careers-page titles that boards put where the company's name belongs.
CAREERS_PAGES = ["Current Job Openings at {}", "Jobs at {}", "{} Careers"]


def company_names(rng, count=5000):
    first = ["Acme", "Nova", "Blue", "Bright", "Cloud", "Data", "Green", "Hyper", "Iron", "Kite"]
    second = ["Labs", "Works", "Systems", "Soft", "AI", "Health", "Pay", "Ops", "Stack", "Hub"]
    names = [f"{a}{b} {i}" if i else f"{a}{b}" for i in range(50) for a in first for b in second]
    rng.shuffle(names)
    # First, so that even a small board has postings of every employer spelled several ways.
    return [*SPELLINGS, *names][:count]


def company_spelling(rng, company):
    """How one posting writes its employer's name."""
    shown = rng.choice(SPELLINGS.get(company, [company]))
    if rng.random() < 0.06:
        return rng.choice(CAREERS_PAGES).format(shown)
    return shown


def zipf_choice(rng, items, exponent=1.1):
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def dirty_tag(rng, tag):
    return rng.choice([f"#{tag}", f"#{tag}", f"#{tag}", f" #{tag}", f"##{tag}", tag,
                       f"#{tag.capitalize()}"])  # fmt: skip


def location(rng):
    roll = rng.random()
    if roll < 0.22:
        return zipf_choice(rng, REMOTE)
    if roll < 0.34:
        return zipf_choice(rng, REMOTE_REGIONS, exponent=0.8)
    if roll < 0.42:
        return f"{rng.choice(REMOTE[:4])} or {rng.choice(CITIES)}"
    if roll < 0.47:
        return rng.choice(MIXED)
    if roll < 0.52:
        return rng.choice(HYBRID)
    if roll < 0.72:
        return zipf_choice(rng, QUALIFIED, exponent=0.8)
    if roll < 0.76:
        return rng.choice(COUNTRIES)
    if roll < 0.80:
        return rng.choice(NOISE)
    if roll < 0.82:
        return f"Remote{rng.choice(CITIES).replace(' ', '')},Germany"
    return zipf_choice(rng, CITIES)


def body_text(rng, tags):
    # Log-normal sizes: median ~4 KB, clipped to 1..17 KB like real boards.
    size = min(17_000, max(1_000, int(rng.lognormvariate(math.log(4_000), 0.6))))
    parts = ["## About the role\n"]
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        if rng.random() < 0.2 and tags:
            sentence += f" Experience with {rng.choice(tags)} is a plus."
        if rng.random() < 0.1:
            parts.append("\n## What you'll do\n")
        parts.append(("* " if rng.random() < 0.3 else "") + sentence.capitalize() + ".\n")
        length += len(sentence) + 3
    return "\n".join(parts)


def posting(rng, n, companies, start, span):
    tags = list(dict.fromkeys(zipf_choice(rng, TECH) for _ in range(rng.randint(0, 10))))
    # A few companies post a lot, the ones spelled several ways among them.
    if rng.random() < 0.1:
        company = rng.choice(list(SPELLINGS))
    else:
        company = rng.choice(companies[: 50 + n // 3])
    shown_company = company_spelling(rng, company)
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    if rng.random() < 0.02:
        title = rng.choice(
            ["データエンジニア", "Développeur·se “Senior” 🚀", "Ingeniero/a de Datos"]
        )
    slug = re.sub(r"[^a-z0-9]+", "-", company.lower()).strip("-")
    url = f"https://boards.example.com/{slug}/jobs/{100000 + n}"
    meta = {
        "title": title,
        "location": location(rng),
        "host": "https://boards.example.com",
        "companyName": shown_company,
        "url": url,
        "applyUrl": rng.choice([url + "#app", url, "mailto:jobs@example.com"]),
        "timestamp": int((start + rng.random() * span) * 1000),
        "hashtags": ",".join(dirty_tag(rng, t) for t in tags + tags[:1]),  # one duplicate
        "jobType": rng.choice(JOB_TYPES),
        "companyWebsite": f"https://{slug.replace('-', '')}.example.com",
        "summary": f"Excited about {', '.join('#' + t for t in tags[:3]) or 'this'}? Apply!",
        "featured": rng.randint(-3, 20),
    }
    if rng.random() < 0.10:
        meta["archived"] = rng.choice(["true", True])
    elif rng.random() < 0.2:
        meta["archived"] = "false"
    keys = list(meta)
    if rng.random() < 0.2:
        rng.shuffle(keys)
    # json.dumps writes valid YAML scalars for strings, with unicode kept as it is.
    front = "\n".join(f"{k}: {json.dumps(meta[k], ensure_ascii=False)}" for k in keys)
    return title, f"---\n{front}\n---\n\n{body_text(rng, tags)}"


def posting_texts(count, seed=1):
    """Yield `count` posting files' text; the same seed gives the same postings."""
    rng = random.Random(seed)
    companies = company_names(rng)
    start = datetime(2019, 1, 1, tzinfo=UTC).timestamp()
    span = datetime(2024, 12, 31, tzinfo=UTC).timestamp() - start
    for n in range(count):
        yield posting(rng, n, companies, start, span)


def generate(out_dir, count, seed=1):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for n, (title, text) in enumerate(posting_texts(count, seed)):
        prefix = "-" if n % 97 == 0 else ""
        name = re.sub(r"[^\w]+", "-", title[:20].lower()).strip("-")
        (out_dir / f"{prefix}{n:06d}-{name}.md").write_text(text, encoding="utf-8")
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--count", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out_dir, args.count, args.seed)
    print(f"wrote {args.count} postings to {args.out_dir}")


if __name__ == "__main__":
    main()
