"""Services of the projects module: every change, checked, validated and logged."""
