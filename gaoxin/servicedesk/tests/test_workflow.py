"""The transition table of the closed loop (DOMAIN §5.1) and the rules of extensions, rating, reopening, closing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gaoxin.servicedesk import workflow as wf

# The loop as DOMAIN §5.1 draws it, written out by hand: (state, action) → next state.
EXPECTED = {
    (wf.SUBMITTED, "accept"): wf.ACCEPTED,
    (wf.SUBMITTED, "refuse"): wf.CLOSED,
    (wf.ACCEPTED, "dispatch"): wf.DISPATCHED,
    (wf.ACCEPTED, "close_directly"): wf.CLOSED,
    (wf.DISPATCHED, "sign"): wf.IN_PROGRESS,
    (wf.DISPATCHED, "return"): wf.ACCEPTED,
    (wf.DISPATCHED, "contribute"): wf.DISPATCHED,
    (wf.IN_PROGRESS, "contribute"): wf.IN_PROGRESS,
    (wf.IN_PROGRESS, "contact"): wf.IN_PROGRESS,
    (wf.IN_PROGRESS, "interim_reply"): wf.IN_PROGRESS,
    (wf.IN_PROGRESS, "request_extension"): wf.IN_PROGRESS,
    (wf.IN_PROGRESS, "decide_extension"): wf.IN_PROGRESS,
    (wf.IN_PROGRESS, "reply"): wf.REPLIED,
    (wf.REPLIED, "approve_reply"): wf.AWAITING_CALLBACK,
    (wf.REPLIED, "reject_reply"): wf.IN_PROGRESS,
    (wf.AWAITING_CALLBACK, "callback"): wf.AWAITING_CALLBACK,
    (wf.AWAITING_CALLBACK, "rate"): wf.AWAITING_CALLBACK,
    (wf.AWAITING_CALLBACK, "reopen"): wf.IN_PROGRESS,
    (wf.AWAITING_CALLBACK, "close"): wf.CLOSED,
    **{(state, "supervise"): state for state in wf.OPEN_STATES},
}


@pytest.mark.parametrize("state", wf.STATES)
@pytest.mark.parametrize("action", wf.ACTIONS)
def test_every_state_and_action(state, action):
    if (state, action) in EXPECTED:
        assert wf.target(action, state) == EXPECTED[(state, action)]
    else:
        with pytest.raises(wf.IllegalTransition) as caught:
            wf.target(action, state)
        assert caught.value.message.params == {"action": action, "state": state}


def test_allowed_actions_agree_with_the_table():
    for state in wf.STATES:
        assert set(wf.allowed_actions(state)) == {a for (s, a) in EXPECTED if s == state}
    assert wf.allowed_actions(wf.CLOSED) == []


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown action"):
        wf.target("approve", wf.SUBMITTED)


def test_every_state_is_reachable_and_every_open_state_can_reach_closed():
    reachable = {wf.SUBMITTED}
    frontier = [wf.SUBMITTED]
    while frontier:
        state = frontier.pop()
        for action in wf.allowed_actions(state):
            nxt = wf.target(action, state)
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    assert reachable == set(wf.STATES)
    for start in wf.OPEN_STATES:
        seen, frontier = {start}, [start]
        while frontier:
            state = frontier.pop()
            for action in wf.allowed_actions(state):
                nxt = wf.target(action, state)
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert wf.CLOSED in seen


@given(st.lists(st.sampled_from(wf.ACTIONS), max_size=40))
def test_random_walks_stay_in_the_table_and_closed_is_final(actions):
    state = wf.SUBMITTED
    for action in actions:
        try:
            nxt = wf.target(action, state)
        except wf.IllegalTransition:
            assert action not in wf.allowed_actions(state)
            continue
        assert nxt in wf.STATES
        if state == wf.CLOSED:
            pytest.fail("a closed request moved")
        state = nxt


class TestExtensions:
    def test_within_the_cap(self):
        wf.check_extension(days=4, granted=6, pending=False, cap=10)

    def test_past_the_cap_says_how_much_is_left(self):
        with pytest.raises(wf.WorkflowError) as caught:
            wf.check_extension(days=5, granted=6, pending=False, cap=10)
        assert caught.value.message.params == {"cap": 10, "granted": 6, "left": 4}

    def test_one_at_a_time_and_at_least_a_day(self):
        with pytest.raises(wf.WorkflowError, match="already waiting"):
            wf.check_extension(days=1, granted=0, pending=True, cap=10)
        with pytest.raises(wf.WorkflowError, match="at least one"):
            wf.check_extension(days=0, granted=0, pending=False, cap=10)

    @given(st.integers(0, 30), st.integers(-3, 30), st.integers(0, 30))
    def test_allowed_exactly_when_the_total_stays_within_the_cap(self, granted, days, cap):
        try:
            wf.check_extension(days=days, granted=granted, pending=False, cap=cap)
        except wf.WorkflowError:
            assert days < 1 or granted + days > cap
        else:
            assert days >= 1
            assert granted + days <= cap


def test_close_needs_a_callback_or_a_rating():
    with pytest.raises(wf.WorkflowError):
        wf.check_close(callback_done=False, rating="")
    wf.check_close(callback_done=True, rating="")
    wf.check_close(callback_done=False, rating=wf.SATISFIED)


def test_only_dissatisfaction_reopens():
    wf.check_reopen(rating=wf.DISSATISFIED)
    for rating in ("", wf.SATISFIED, wf.BASICALLY_SATISFIED):
        with pytest.raises(wf.WorkflowError):
            wf.check_reopen(rating=rating)


def test_a_rating_is_one_of_three_and_given_once():
    wf.check_rating(rating=wf.BASICALLY_SATISFIED, current="")
    with pytest.raises(wf.WorkflowError):
        wf.check_rating(rating="great", current="")
    with pytest.raises(wf.WorkflowError, match="already"):
        wf.check_rating(rating=wf.SATISFIED, current=wf.DISSATISFIED)


def test_a_file_step_is_shown_with_its_files_only_when_the_enterprise_took_it() -> None:
    taken = wf.disclose("attach", "营业执照.pdf", {"attachments": [7]}, by_enterprise=True)
    assert taken == wf.PublicEntry("attach", "营业执照.pdf", (7,))
    assert wf.disclose("attach", "内部核查记录.docx", {"attachments": [8]}) is None


def test_the_files_disclosed_are_those_of_the_steps_the_enterprise_sees() -> None:
    entries = [
        wf.disclose("attach", "营业执照.pdf", {"attachments": [7]}, by_enterprise=True),
        wf.disclose("attach", "内部核查记录.docx", {"attachments": [8]}),
        None,
    ]
    assert wf.disclosed_files(entries) == frozenset({7})
