"""Imports of the investment module: the bureau's existing 招商台账 (``ledger``)."""
