"""Write realistic posting files, deterministically, at any count.

    python bench/generate.py OUT_DIR --count 1500 [--seed 1]

The files follow the seed format with the dirt real files carry (messy hashtags, locations
spelled every way, careers-page company titles, unicode, names starting with '-'). Tags follow
a skewed (Zipf-like) frequency over about 190 names, locations come from about 200 spellings
with remote variants, companies from about 5,000 names, bodies are 1 to 17 KB with a median near
4 KB, and about 10% of postings are archived.
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

CITIES = """San Francisco|New York|London|Berlin|Amsterdam|Paris|Toronto|Vancouver|Austin|Seattle
|Boston|Chicago|Denver|Los Angeles|Dublin|Madrid|Barcelona|Lisbon|Munich|Cologne|Hamburg
|Zürich|Vienna|Stockholm|Copenhagen|Oslo|Helsinki|Warsaw|Prague|Budapest|Bucharest|Tel Aviv
|Singapore|Tokyo|Sydney|Melbourne|Auckland|Bangalore|São Paulo|Mexico City|Buenos Aires
|Montreal|Atlanta|Miami|Portland|Salt Lake City|Raleigh|Pittsburgh|Philadelphia""".replace(
    "\n", ""
).split("|")
QUALIFIED = [
    "Plantation, FL", "Austin, TX", "New York, NY", "Toronto, ON, Canada", "Munich, Germany",
    "London, GB", "Paris, France", "Amsterdam, Netherlands", "Bangalore, India", "Tokyo, Japan",
]  # fmt: skip
REMOTE = [
    "Remote", "remote", "Remote job", "Remote OK", "Anywhere", "Worldwide",
    "Remote from anywhere", "Anywhere|Remote", "Remote-EMEA", "Remote - US", "Remote (Europe)",
    "Remote, Remote", "100% Remote",
]  # fmt: skip
NOISE = ["Engineering", "Multiple Countries", "", "Hybrid"]
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


def company_names(rng, count=5000):
    first = ["Acme", "Nova", "Blue", "Bright", "Cloud", "Data", "Green", "Hyper", "Iron", "Kite"]
    second = ["Labs", "Works", "Systems", "Soft", "AI", "Health", "Pay", "Ops", "Stack", "Hub"]
    names = [f"{a}{b} {i}" if i else f"{a}{b}" for i in range(50) for a in first for b in second]
    names[:4] = ["Netlify", "GitLab", "Automattic", "Doist"]
    rng.shuffle(names)
    return names[:count]


def zipf_choice(rng, items, exponent=1.1):
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def dirty_tag(rng, tag):
    return rng.choice([f"#{tag}", f"#{tag}", f"#{tag}", f" #{tag}", f"##{tag}", tag,
                       f"#{tag.capitalize()}"])  # fmt: skip


def location(rng):
    roll = rng.random()
    if roll < 0.30:
        return rng.choice(REMOTE)
    if roll < 0.45:
        return f"{rng.choice(REMOTE[:4])} or {rng.choice(CITIES)}"
    if roll < 0.55:
        return rng.choice(QUALIFIED)
    if roll < 0.60:
        return rng.choice(NOISE)
    if roll < 0.62:
        return f"Remote{rng.choice(CITIES).replace(' ', '')},Germany"
    return rng.choice(CITIES)


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
    company = rng.choice(companies[: 50 + n // 3])  # a few companies post a lot
    shown_company = f"Current Job Openings at {company}" if rng.random() < 0.05 else company
    title = rng.choice(LEVELS) + rng.choice(TITLES)
    if rng.random() < 0.02:
        title = rng.choice(
            ["データエンジニア", "Développeur·se “Senior” 🚀", "Ingeniero/a de Datos"]
        )
    url = f"https://boards.example.com/{company.lower().replace(' ', '-')}/jobs/{100000 + n}"
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
        "companyWebsite": f"https://{company.lower().replace(' ', '')}.example.com",
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
