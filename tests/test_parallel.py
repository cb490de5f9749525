"""Work on the second core (atlas/parallel.py): the same result as doing it all here."""
from __future__ import annotations

import os

import pytest

from atlas import parallel

pytestmark = pytest.mark.skipif(not parallel.enabled(), reason="one CPU, or no fork: the build does everything in one process")


def where(items):
    return [(item * item, os.getpid()) for item in items]


def test_the_second_half_is_done_by_another_process():
    out = parallel.in_halves(list(range(10)), where, minimum=2)
    assert [square for square, _ in out] == [i * i for i in range(10)]
    assert {pid for _, pid in out[:5]} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in out[5:]}


def test_few_items_stay_in_this_process():
    assert {pid for _, pid in parallel.in_halves([1, 2, 3], where, minimum=64)} == {os.getpid()}


def test_a_failure_in_the_other_process_is_raised_here():
    def picky(items):
        if os.getpid() != me and 7 in items:
            raise ValueError("only the child fails")
        return [item for item in items]

    me = os.getpid()
    assert parallel.in_halves(list(range(10)), picky, minimum=2) == list(range(10))  # done again here

    def always(items):
        if 7 in items:
            raise ValueError("item 7 is bad")
        return list(items)

    with pytest.raises(ValueError, match="item 7 is bad"):
        parallel.in_halves(list(range(10)), always, minimum=2)


def test_a_process_that_dies_leaves_its_half_to_this_one():
    me = os.getpid()

    def dying(items):
        if os.getpid() != me:
            os._exit(3)
        return list(items)

    assert parallel.in_halves(list(range(10)), dying, minimum=2) == list(range(10))


def test_it_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("ATLAS_PARALLEL", "0")
    assert not parallel.enabled()
    assert {pid for _, pid in parallel.in_halves(list(range(100)), where, minimum=2)} == {os.getpid()}
