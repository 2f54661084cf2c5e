"""No text, however hostile, holds a process: derivation runs under a CPU, memory and time
budget, and says why it gave up."""

import contextlib
import os
import signal
import time

import pytest

from postings.budget import TooComplex, bounded, isolated
from postings.markdown import render_markdown

SUPER_LINEAR = "[" * 49_000  # minutes of Python-Markdown's time without the budget
NESTED = "1. " * 16_333  # recursed past Python's limit


def recurse(depth=0):
    return recurse(depth + 1)


def burn():
    while True:
        pass


def allocate():
    return b"x" * (2 * 1024**3)


def crash():
    # As the kernel's OOM killer would (SIGSEGV would do as well, but faulthandler, which
    # pytest turns on, would print the child's stack into the test output).
    os.kill(os.getpid(), signal.SIGKILL)


def sleep():
    time.sleep(60)


@pytest.mark.parametrize("run", [bounded, isolated])
def test_ordinary_text_renders_as_it_would_without_a_budget(run):
    assert run(render_markdown, "Hello *world*") == render_markdown("Hello *world*")


@pytest.mark.parametrize("run", [bounded, isolated])
@pytest.mark.parametrize("text", [SUPER_LINEAR, NESTED], ids=["super-linear", "nested"])
def test_a_body_past_the_budget_is_refused_with_the_reason(run, text):
    started = time.monotonic()
    with pytest.raises(TooComplex) as refused:
        run(render_markdown, text)
    # Nested lists reach Python's recursion limit after about as much work as the budget.
    assert str(refused.value) in {
        "body too complex to render (more than 0.5 s of work)",
        "body too complex to render (nested too deeply)",
    }
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("run", [bounded, isolated])
def test_unbounded_recursion_is_refused_as_nested_too_deeply(run):
    with pytest.raises(TooComplex, match=r"body too complex to render \(nested too deeply\)"):
        run(recurse)


def test_work_that_catches_every_exception_is_still_stopped():
    def stubborn():
        while True:
            with contextlib.suppress(Exception):
                burn()

    with pytest.raises(TooComplex, match="more than 0.5 s of work"):
        bounded(stubborn)


def test_a_child_that_asks_for_too_much_memory_is_refused():
    with pytest.raises(TooComplex, match="more than 256 MB"):
        isolated(allocate)


def test_a_child_that_crashes_is_reported_not_propagated():
    with pytest.raises(TooComplex, match="the renderer stopped: exit code -9"):
        isolated(crash)


def test_a_child_that_waits_without_working_is_killed_at_the_deadline():
    started = time.monotonic()
    with pytest.raises(TooComplex, match="took more than 0.5 s"):
        isolated(sleep, deadline=0.5)
    assert time.monotonic() - started < 2


def test_a_budget_signal_swallowed_by_a_finalizer_still_stops_the_work():
    swallowed = []

    def swallow_once():
        while True:
            try:
                burn()
            except BaseException:
                if swallowed:  # the second signal is let through
                    raise
                swallowed.append(1)  # as Python does with an exception in a finalizer

    started = time.monotonic()
    with pytest.raises(TooComplex, match="more than 0.5 s of work"):
        bounded(swallow_once)
    assert swallowed and time.monotonic() - started < 2
