import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postings import classify
from postings.classify import (
    BODY_SCAN_CHARS,
    CONTRACT_LABELS,
    LEVEL_LABELS,
    SCHEMA_EMPLOYMENT_TYPES,
    Contract,
    Level,
    classify_contract,
    classify_level,
)

INT, JUN, MID, SEN, LEAD, EXEC = (
    Level.INTERN,
    Level.JUNIOR,
    Level.MID,
    Level.SENIOR,
    Level.LEAD,
    Level.EXECUTIVE,
)
FT, PT, CT, INTERNSHIP = (
    Contract.FULL_TIME,
    Contract.PART_TIME,
    Contract.CONTRACT,
    Contract.INTERNSHIP,
)

TITLES = [
    ("Sr. Backend Engineer", SEN, FT),
    ("Senior Backend Engineer", SEN, FT),
    ("Head of Growth", EXEC, FT),
    ("Working Student (m/f/d) Marketing", INT, INTERNSHIP),
    ("Werkstudent Softwareentwicklung (m/w/d)", INT, INTERNSHIP),
    ("Junior Frontend Developer", JUN, FT),
    ("Jr. Data Analyst", JUN, FT),
    ("Software Engineer I", JUN, FT),
    ("Software Engineer II", MID, FT),
    ("Software Engineer III", SEN, FT),
    ("Software Engineer IV", LEAD, FT),
    ("Staff Software Engineer", LEAD, FT),
    ("Principal Product Designer", LEAD, FT),
    ("Lead Developer", LEAD, FT),
    ("Tech Lead, Payments", LEAD, FT),
    ("Engineering Manager, Platform", LEAD, FT),
    ("VP of Engineering", EXEC, FT),
    ("CTO", EXEC, FT),
    ("Director of Sales", EXEC, FT),
    ("Co-founder & CTO", EXEC, FT),
    ("Summer Intern 2024 – Data Science", INT, INTERNSHIP),
    ("Graduate Software Engineer", JUN, FT),
    ("Entry Level Sales Representative", JUN, FT),
    ("Part-Time Customer Support Agent", MID, PT),
    ("Freelance Copywriter", MID, CT),
    ("Contract DevOps Engineer (6 months)", MID, CT),
    # Legal roles about contracts are permanent jobs; managers rank as lead.
    ("Contracts Manager", LEAD, FT),
    ("Senior Contract Manager", SEN, FT),
    ("Data Engineer", MID, FT),
    ("Product Designer", MID, FT),
    ("Associate Product Manager", JUN, FT),
    ("Apprentice Electrician", JUN, FT),
    ("Full Stack Developer (Freelance, Remote)", MID, CT),
    ("Customer Success Manager (Contract)", LEAD, CT),
    ("Temporary Warehouse Associate", JUN, CT),
    ("Mid-Level Python Developer", MID, FT),
    ("Experienced iOS Engineer", SEN, FT),
    ("Chief Marketing Officer", EXEC, FT),
    ("Principal Engineer – Contract", LEAD, CT),
    ("Teilzeit Buchhalter (m/w/d)", MID, PT),
    # Words that look like signals but are not.
    ("Staff Accountant", MID, FT),
    ("Executive Assistant to the CEO", MID, FT),
    ("Account Executive", MID, FT),
    ("Senior Care Assistant", MID, FT),
    ("Lead Generation Specialist", MID, FT),
    ("Internal Audit Manager", LEAD, FT),
    ("International Sales Representative", MID, FT),
    ("B2B Sales Manager", LEAD, FT),
    ("Architect", MID, FT),
    ("Solutions Architect", LEAD, FT),
    ("Founder's Associate", JUN, FT),
    ("Associate Professor of Chemistry", MID, FT),
    ("Internship Program Coordinator", MID, FT),
    # Variants in other spellings and languages.
    ("SENIOR DATA SCIENTIST (PART TIME)", SEN, PT),
    ("Pflichtpraktikum Marketing (m/w/d)", INT, INTERNSHIP),
    ("Sales Associate (20 hours/week)", JUN, PT),
    ("Registered Nurse (40 hours/week)", MID, FT),
    ("Seasonal Retail Associate", JUN, CT),
    ("Java Developer – C2C", MID, CT),
    ("Senior Director, Product", EXEC, FT),
    ("Senior Staff Engineer", LEAD, FT),
    ("Part\u2011time Barista", MID, PT),  # non-breaking hyphen, as pasted from Word
    ("Warehouse Operative (FT)", MID, FT),
    ("Ｓｅｎｉｏｒ Engineer", SEN, FT),  # fullwidth letters from Asian job boards
]


@pytest.mark.parametrize(("title", "level", "contract"), TITLES)
def test_title_determines_level_and_contract(title, level, contract):
    assert (classify_level(title), classify_contract(title)) == (level, contract)


def test_title_table_is_large_and_unique():
    titles = [title for title, _, _ in TITLES]
    assert len(titles) >= 40
    assert len(set(titles)) == len(titles)


BODIES = [
    ("Data Engineer", "This is a contract position for 6 months.", MID, CT),
    (
        "Backend Engineer",
        "You will mentor junior engineers and work with senior staff.",
        MID,
        FT,
    ),
    ("Marketing Coordinator", "This is an entry-level position in our Berlin office.", JUN, FT),
    ("Platform Engineer", "Note: this is a senior role with on-call duties.", SEN, FT),
    ("Backend Engineer", "We're looking for a Senior Backend Engineer to join us.", SEN, FT),
    ("Data Analyst", "This is a paid summer internship in our data team.", INT, INTERNSHIP),
    ("Designer", "This is a part-time role, about two days a week.", MID, PT),
    ("Copywriter", "You will work on a freelance basis with our content team.", MID, CT),
    ("Recruiter", "This is a full-time position. You will negotiate contracts.", MID, FT),
    ("Recruiter", "This is a full-time, 6-month contract with possible extension.", MID, CT),
    ("Analyst", "This is a full-time position, not a contract position.", MID, FT),
    ("Legal Counsel", "We offer a permanent contract and 30 days of holiday.", MID, FT),
    ("Accountant", "Prepare 1099 forms and review contract terms.", MID, FT),
    ("Engineer", "Our internship program runs every summer; this is not part of it.", MID, FT),
    ("Backend Engineer", "At Acme, we’re looking for a senior engineer.", SEN, FT),
    ("Engineer", "Code review by peers such as a senior engineer or a lead.", MID, FT),
    ("Java Developer", "W2 only, no third parties. Onsite in Austin.", MID, FT),
    ("Java Developer", "12 month contract, W2 or C2C.", MID, CT),
    ("Consultant", "Engagement on a consulting basis, invoiced monthly.", MID, CT),
    ("Designer", "This is a full\u2011time position with benefits.", MID, FT),
    ("Barista", "This is a part\u00adtime role.", MID, PT),  # soft hyphen
]


@pytest.mark.parametrize(("title", "body", "level", "contract"), BODIES)
def test_body_speaks_only_when_explicit(title, body, level, contract):
    assert (classify_level(title, body), classify_contract(title, body)) == (level, contract)


def test_keyword_windows_find_what_a_full_scan_finds():
    # Body rules only search near their keywords; that must never change an answer.
    rules = classify._BODY_LEVEL_RULES + classify._BODY_CONTRACT_RULES
    padding = " lorem ipsum dolor sit amet," * 20
    for _, body, _, _ in BODIES:
        for text in (body, padding + body + padding, (body + padding) * 3):
            prepared = classify._prepare(text, classify.BODY_SCAN_CHARS)
            for rule in rules:
                assert rule.keywords
                assert rule.matches(prepared) == bool(rule.pattern.search(prepared)), (rule, text)


def test_title_wins_over_body():
    body = "This is a senior role. This is a contract position."
    assert classify_level("Junior Developer", body) == JUN
    assert classify_contract("Developer (Full-time)", body) == FT


@pytest.mark.parametrize(
    ("job_type", "contract"),
    [
        ("FULL_TIME", FT),
        ("PART_TIME", PT),
        ("CONTRACTOR", CT),
        ("TEMPORARY", CT),
        ("INTERN", INTERNSHIP),
        ("Freelance", CT),
        (["PART_TIME", "FULL_TIME"], PT),
        ("OTHER", FT),
        ("software", FT),  # some feeds put the job category here
        ("", FT),
        (None, FT),
    ],
)
def test_feed_job_type_is_the_last_resort(job_type, contract):
    assert classify_contract("Data Engineer", "", job_type) == contract


def test_feed_job_type_does_not_override_title_or_body():
    assert classify_contract("Data Engineer (Part-time)", "", "FULL_TIME") == PT
    assert classify_contract("Data Engineer", "This is a contract role.", "FULL_TIME") == CT


def test_signals_beyond_the_scan_window_are_ignored():
    # Long bodies are cut so that a bulk import stays fast; only the opening counts.
    padding = "We build tools for teams. " * (BODY_SCAN_CHARS // 20)
    late = padding + "This is a contract position. This is a senior role."
    assert classify_contract("Engineer", late) == FT
    assert classify_level("Engineer", late) == MID
    early = "This is a contract position. This is a senior role. " + padding
    assert classify_contract("Engineer", early) == CT
    assert classify_level("Engineer", early) == SEN


def test_bulk_classification_is_fast():
    # The importer runs this over ~100,000 postings with bodies up to 20 KB; a generous bound
    # catches an accidental full-body scan or a pathological regex, not small slowdowns.
    body = ("Lorem ipsum dolor sit amet, work with senior engineers on contracts. " * 300)[:20_000]
    start = time.perf_counter()
    for _ in range(2_000):
        classify_level("Backend Engineer", body)
        classify_contract("Backend Engineer", body, "")
    assert time.perf_counter() - start < 10


def test_labels_and_schema_types_cover_every_value():
    levels = {value for name, value in vars(Level).items() if name.isupper()}
    contracts = {value for name, value in vars(Contract).items() if name.isupper()}
    assert set(LEVEL_LABELS) == levels
    assert set(CONTRACT_LABELS) == contracts == set(SCHEMA_EMPLOYMENT_TYPES)
    assert set(SCHEMA_EMPLOYMENT_TYPES.values()) == {
        "FULL_TIME",
        "PART_TIME",
        "CONTRACTOR",
        "INTERN",
    }


def test_unusual_input_types_do_not_raise():
    assert classify_level(None, None) == MID
    assert classify_contract(None, None, None) == FT
    assert classify_level(b"Senior Engineer") == SEN
    assert classify_contract(12345, 3.5, object()) == FT
    assert classify_level("🚀 Senior Rockstar Ninja 🚀", "💼" * 10_000) == SEN


_anything = st.one_of(
    st.none(),
    st.text(),
    st.text(alphabet=st.characters(codec=None), max_size=5_000),
    st.binary(max_size=200),
    st.integers(),
    st.lists(st.text(max_size=20), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(title=_anything, body=_anything, job_type=_anything)
def test_classifiers_never_raise_and_return_known_values(title, body, job_type):
    assert classify_level(title, body) in LEVEL_LABELS
    assert classify_contract(title, body, job_type) in CONTRACT_LABELS


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.sampled_from(
            "senior junior intern lead contract contracts part-time full-time this is a role "
            "position freelance head of cto staff engineer ii iii manager associate 20 hours/week "
            "- – ( ) , . & the we're looking for as a such this role will be paid summer "
            "6-month permanent entry-level basis c2c 1099 w2 only".split()
        ),
        max_size=120,
    )
)
def test_signal_word_soup_never_raises_and_windows_agree_with_a_full_scan(words):
    text = " ".join(words)
    assert classify_level(text, text) in LEVEL_LABELS
    assert classify_contract(text, text, text) in CONTRACT_LABELS
    prepared = classify._prepare(text, BODY_SCAN_CHARS)
    for rule in classify._BODY_LEVEL_RULES + classify._BODY_CONTRACT_RULES:
        assert rule.matches(prepared) == bool(rule.pattern.search(prepared))
