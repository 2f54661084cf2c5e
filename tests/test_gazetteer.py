"""The gazetteer (postings/gazetteer/): built from the packages in a child process, and here
when no child can be had. What it finds for names is tested through tests/test_locations.py."""

import os

from postings.gazetteer import build, gazetteer

PARENT = os.getpid()


def read_in_the_parent_only():
    if os.getpid() != PARENT:
        os._exit(1)  # the child dies, as one killed for its memory would
    return "what the packages say"


def test_a_child_that_dies_building_the_gazetteer_is_replaced_by_building_here(monkeypatch, caplog):
    monkeypatch.setattr(build, "read_packages", read_in_the_parent_only)
    assert build.packages_data() == "what the packages say"
    assert "its child process failed" in caplog.text


def test_no_fork_at_all_builds_here(monkeypatch):
    def no_fork(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(build, "ProcessPoolExecutor", no_fork)
    monkeypatch.setattr(build, "read_packages", lambda: "what the packages say")
    assert build.packages_data() == "what the packages say"


PARENT_KINDS = {"city": {"region", "country"}, "region": {"country"}, "country": {"continent"}}


def test_every_place_but_a_continent_has_a_parent_one_rank_up_and_a_slug_of_its_own():
    places = gazetteer()
    assert len(places.slug_of) == len(places.places)
    for place in places.places.values():
        if place.kind == "continent":
            assert place.parent is None
        else:
            assert places[place.parent].kind in PARENT_KINDS[place.kind], place
