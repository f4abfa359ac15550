"""Project-wide fixtures: personas, logged-in clients, and the switches for PostgreSQL and browser tests."""

from __future__ import annotations

import os

import pytest
from django.test import Client

from gaoxin.testing.changelog_guard import ChangeLogGuard
from gaoxin.testing.factories import EnterpriseFactory
from gaoxin.testing.personas import NAMES, Personas, make_personas


@pytest.fixture(autouse=True)
def changelog_guard(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Fails the test when the code under test writes a logged model without a change-log entry."""
    guard = ChangeLogGuard()
    guard.install(monkeypatch)
    yield guard
    guard.uninstall()
    problems = guard.problems()
    if problems:
        pytest.fail("Changes missing from the change log:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas(
        own_enterprise=EnterpriseFactory(name="自有光伏科技有限公司"),
        other_enterprise=EnterpriseFactory(name="他家汽车部件有限公司", industry_code="3670"),
    )


@pytest.fixture
def client_for(personas: Personas):  # type: ignore[no-untyped-def]
    """``client_for("officer_a")`` → a test client logged in as that persona (anonymous: not logged in)."""

    def make(name: str) -> Client:
        client = Client()
        user = personas.by_name(name)
        if user is not None:
            client.force_login(user)
        return client

    return make


ALL_PERSONAS = NAMES


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """PostgreSQL tests run only on a PostgreSQL database; the reason says how to enable them."""
    engine_url = os.environ.get("GAOXIN_DATABASE_URL", "")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set GAOXIN_DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords and not engine_url.startswith(("postgres", "postgresql")):
            item.add_marker(skip_pg)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (GAOXIN_FORBID_SKIPS=1) a skipped test fails the run: PostgreSQL and browser tests must execute."""
    if os.environ.get("GAOXIN_FORBID_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        if reporter:
            reporter.write_line(
                f"GAOXIN_FORBID_SKIPS: {len(skipped)} test(s) were skipped; failing the run.", red=True
            )
            for report in skipped:
                reporter.write_line(f"  skipped: {report.nodeid}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


pytest_plugins = ["gaoxin.testing.browser", "gaoxin.testing.commits"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# Property tests must not fail for being slow on a loaded two-core machine: no per-example deadline.
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile("gaoxin", deadline=None)
hypothesis_settings.load_profile("gaoxin")
