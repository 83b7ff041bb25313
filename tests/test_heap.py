"""The collector tools of the parallel stages: paused, and the heap frozen for forked workers."""

from __future__ import annotations

import gc

import pytest

from timeline.heap import collector_paused, heap_frozen


def test_the_heap_is_frozen_inside_the_block_and_thawed_after_even_on_error() -> None:
    assert gc.get_freeze_count() == 0
    with heap_frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), heap_frozen():
        raise RuntimeError("stage failed")
    assert gc.get_freeze_count() == 0


def test_the_collector_is_paused_inside_the_block_and_restored_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
