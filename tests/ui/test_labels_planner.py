"""The Labels dialog's planner: newest request only, the user's message for a bad choice, a logged crash."""

from __future__ import annotations

import threading

from crm_desktop.ui.labels.workers import Planner


def test_a_newer_request_drops_the_answer_of_the_one_it_overtook(qtbot):
    planner = Planner()
    release = threading.Event()
    answers = []
    planner.planned.connect(lambda generation, result: answers.append((generation, result)))
    first = planner.request(lambda: release.wait(5) and "old")
    second = planner.request(lambda: "new")
    with qtbot.waitSignal(planner.planned, timeout=5000):
        release.set()
    assert planner.wait(5)
    qtbot.wait(20)  # any late (wrong) answer would arrive as a queued signal meanwhile
    assert answers == [(second, "new")] and first < second == planner.generation
    planner.stop()


def test_a_bad_choice_says_why_and_a_crash_says_see_the_log(qtbot, caplog):
    planner = Planner()
    with qtbot.waitSignal(planner.failed, timeout=5000) as told:
        generation = planner.request(lambda: (_ for _ in ()).throw(ValueError("Start at label 1 to 30")))
    assert told.args == [generation, "Start at label 1 to 30"]

    def crash():
        raise RuntimeError("a bug")

    with qtbot.waitSignal(planner.failed, timeout=5000) as told:
        generation = planner.request(crash)
    assert told.args == [generation, "The labels could not be planned (see the log)."]
    assert "Could not plan the labels" in caplog.text and "a bug" in caplog.text
    planner.stop()
