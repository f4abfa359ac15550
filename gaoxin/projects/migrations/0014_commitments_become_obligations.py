"""The standard-parcel commitments become obligations: one 履约 mechanism for them and the agreements' clauses.

Each committed indicator of a ``Commitment`` becomes an ``Obligation`` of the commitment's project, on its parcel,
marked ``standard_parcel``, its schedule starting on the signing (``signed_on``):

- 投资强度 and 容积率 are amounts due by a date: the project's completion (竣工, recorded, else planned), else the
  end of the year of full production; the plot ratio recorded at acceptance becomes the ``recorded_value``;
- 亩均税收, value added per tce and per t of emissions are yearly measures, every year from the year of full
  production (``first_year``), or — when none was recorded — from the year production started.

Each ``CommitmentCheck`` becomes one ``ObligationCheck`` per indicator it judged, of the same year, its result
mapped (met → met, shortfall → breached, missing → missing, not due → not due) and its figures kept in the
obligations' shape (the yearly measures' under their year). An obligation takes the status and figures of its
latest check. Going back removes the standard-parcel obligations: the commitments are not rebuilt. The next migration
deletes the commitments (a separate migration: PostgreSQL alters no table with pending trigger events).
"""

import datetime as dt

from django.db import migrations

INDICATORS = ("investment_intensity", "plot_ratio", "value_added_per_tce", "value_added_per_emission_t", "tax_per_mu")
BY_DATE = ("investment_intensity", "plot_ratio")
STATUSES = {"met": "met", "shortfall": "breached", "missing": "missing", "not_due": "not_due"}


def _due_on(commitment):
    project = commitment.project
    if project.completed_on or project.planned_completion_on:
        return project.completed_on or project.planned_completion_on
    if commitment.full_production_year:
        return dt.date(commitment.full_production_year, 12, 31)
    return None


def _figures(measure, entry, year):
    """A commitment check's entry as an obligation's figures (``services.commitments.figures_json``)."""
    status = entry.get("status")
    figures = {"actual": None, "expected": None, "reached_on": None, "years": [], "missing": []}
    if measure in BY_DATE:
        figures["actual"] = entry.get("actual")
        figures["missing"] = list(entry.get("missing") or [])
    elif status != "not_due":
        figures["years"] = [
            {"year": year, "actual": entry.get("actual"), "status": status, "missing": list(entry.get("missing") or [])}
        ]
    return figures


def commitments_to_obligations(apps, schema_editor):
    Commitment = apps.get_model("projects", "Commitment")
    CommitmentCheck = apps.get_model("projects", "CommitmentCheck")
    Obligation = apps.get_model("projects", "Obligation")
    ObligationCheck = apps.get_model("projects", "ObligationCheck")
    for commitment in Commitment.objects.select_related("project").order_by("id"):
        obligations = {}
        for measure in INDICATORS:
            threshold = getattr(commitment, measure)
            if threshold is None:
                continue
            yearly = measure not in BY_DATE
            obligations[measure] = Obligation(
                project_id=commitment.project_id,
                parcel_id=commitment.parcel_id,
                standard_parcel=True,
                measure=measure,
                threshold=threshold,
                due_on=None if yearly else _due_on(commitment),
                starts_on=commitment.signed_on,
                first_year=commitment.full_production_year if yearly else None,
                from_production_year=1 if yearly and commitment.full_production_year is None else None,
                recorded_value=commitment.accepted_plot_ratio if measure == "plot_ratio" else None,
            )
        checks = list(CommitmentCheck.objects.filter(commitment=commitment).order_by("year"))
        for measure, obligation in obligations.items():
            for check in checks:  # the latest last
                entry = check.actuals.get(measure)
                if entry:
                    obligation.status = STATUSES.get(entry.get("status"), "not_due")
                    obligation.figures = _figures(measure, entry, check.year)
            obligation.save()
            ObligationCheck.objects.bulk_create(
                ObligationCheck(
                    obligation=obligation,
                    year=check.year,
                    status=STATUSES.get(check.actuals[measure].get("status"), "not_due"),
                    figures=_figures(measure, check.actuals[measure], check.year),
                )
                for check in checks
                if check.actuals.get(measure)
            )


def remove_standard_parcel_obligations(apps, schema_editor):
    apps.get_model("projects", "Obligation").objects.filter(standard_parcel=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0013_obligation_standard_parcel"),
    ]

    operations = [
        migrations.RunPython(commitments_to_obligations, remove_standard_parcel_obligations),
    ]
