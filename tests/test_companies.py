"""postings.companies: which spellings are one employer, and which spelling is shown."""

import pytest

from postings.companies import KEY_LENGTH, better_name, company_key

# Spellings of one employer seen on the board (issue 11), and others like them.
SAME_EMPLOYER = [
    ("time doctor", "time-doctor"),
    ("jibble group", "jibble-group"),
    ("Hire Space", "hire-space"),
    ("Piggy llc", "piggy-llc"),
    ("DockYard, Inc", "DockYard, Inc."),
    ("Time Doctor", "TimeDoctor"),
    ("time_doctor", "time.doctor"),
    ("  Time   Doctor ", "time doctor"),
    ("Café Central", "Cafe Central"),
    ("Ñandú", "nandu"),
    ("Straße", "STRASSE"),
    ("ＡＣＭＥ", "acme"),  # full-width letters
    ("McDonald's", "McDonalds"),
    ("Acme", "Acme Inc"),
    ("Acme", "Acme, Inc."),
    ("Acme", "ACME INCORPORATED"),
    ("Acme", "Acme L.L.C."),
    ("Acme", "Acme Ltd."),
    ("Acme", "Acme Limited"),
    ("Acme", "Acme GmbH"),
    ("Acme", "Acme AG"),
    ("Acme", "Acme Corp."),
    ("Acme", "Acme Corporation"),
    ("Acme", "Acme & Co."),
    ("Acme", "Acme plc"),
    ("Acme", "Acme S.A."),
    ("Acme", "Acme SA"),
    ("Acme", "Acme SAS"),
    ("Acme", "Acme S.L."),
    ("Acme", "Acme BV"),
    ("Acme", "Acme B.V."),
    ("Acme", "Acme N.V."),
    ("Acme", "Acme Oy"),
    ("Acme", "Acme AB"),
    ("Acme", "Acme AS"),
    ("Acme", "Acme ApS"),
    ("Acme", "Acme Pty Ltd"),
    ("Acme", "Acme S.r.l."),
    ("Acme", "Acme KG"),
    ("Acme", "Acme UG"),
    ("Acme", "Acme LLP"),
    ("Acme", "Acme LP"),
    ("Acme", "Acme Sp. z o.o."),
    ("Acme", "Acme GmbH & Co. KG"),  # repeated legal forms
    ("Acme", "Acme Inc. Ltd"),
    ("Acme Group", "acme-group"),
    ("Acme Labs", "Acme Labs, Inc."),
]

DIFFERENT_EMPLOYERS = [
    ("Acme", "Acme Labs"),
    ("Acme", "Acme Group"),
    ("Acme", "Acme Studio"),
    ("Apple", "Applied"),
    ("Apple", "Apple Pie"),
    ("Time Doctor", "Time Doctors"),
    ("Inc", "Ltd"),  # nothing but a legal form: not folded away
    ("Coinbase", "Base"),
    ("Visa", "Vi"),  # "sa" is only a legal form as a word of its own
    ("Kinesis", "Kine"),
    ("Co-op", "Op"),
    ("Pty Labs", "Labs"),
    ("Ltd Studios", "Studios"),  # a legal form is folded only at the end
    ("A", "B"),
]


@pytest.mark.parametrize(("one", "other"), SAME_EMPLOYER)
def test_spellings_of_one_employer_share_a_key(one, other):
    assert company_key(one) == company_key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT_EMPLOYERS)
def test_different_employers_keep_different_keys(one, other):
    assert company_key(one) != company_key(other)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Time Doctor", "timedoctor"),
        ("DockYard, Inc.", "dockyard"),
        ("Inc", "inc"),
        ("Inc.", "inc"),
        ("Inc LLC", "inc"),
        ("Co. Ltd", "co"),
        ("37signals", "37signals"),
        ("株式会社", "株式会社"),
        ("- careers", "careers"),
        # No letter or digit at all: the name itself, never an empty key.
        (":", ":"),
        ("!!  ??", "!! ??"),
    ],
)
def test_key_of_a_name(name, key):
    assert company_key(name) == key


def test_key_fits_its_column():
    # NFKD can lengthen a name: one Arabic ligature decomposes into eighteen characters.
    assert len(company_key("\ufdfa" * 200)) == KEY_LENGTH


@pytest.mark.parametrize(
    ("worse", "better"),
    [
        ("time-doctor", "time doctor"),
        ("time doctor", "Time Doctor"),
        ("time-doctor", "Time Doctor"),
        ("jibble-group", "jibble group"),
        ("hire-space", "Hire Space"),
        ("piggy-llc", "Piggy llc"),
        ("DockYard, Inc", "DockYard, Inc."),
        ("timedoctor", "time-doctor"),
        ("Acme", "Acme Inc"),
    ],
)
def test_the_better_spelling_wins_whichever_comes_first(worse, better):
    assert better_name(worse, better) == better
    assert better_name(better, worse) == better


@pytest.mark.parametrize(
    ("current", "candidate"), [("Time doctor", "time Doctor"), ("Cafe Central", "Café Central")]
)
def test_a_tie_keeps_the_current_spelling(current, candidate):
    # Re-importing the other spelling never flips the name back and forth.
    assert better_name(current, candidate) == current
    assert better_name(candidate, current) == candidate


def test_the_same_spelling_changes_nothing():
    assert better_name("Netlify", "Netlify") == "Netlify"
