"""graph.collection: the cycle collector held off for a block, and given back as it was."""

import gc
import threading

import pytest

from graph.collection import collector_held

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_held_inside_and_given_back_after():
    with collector_held():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_holds_give_it_back_when_the_last_one_leaves():
    with collector_held():
        with collector_held():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_gives_it_back():
    with pytest.raises(ValueError), collector_held():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with collector_held():
        pass
    assert not gc.isenabled()


def test_threads_overlapping_give_it_back_after_the_last():
    inside, leave = threading.Event(), threading.Event()

    def other():
        with collector_held():
            inside.set()
            leave.wait(5)

    worker = threading.Thread(target=other)
    worker.start()
    inside.wait(5)
    with collector_held():
        pass
    assert not gc.isenabled()  # the other thread's analysis is still running
    leave.set()
    worker.join(5)
    assert gc.isenabled()
