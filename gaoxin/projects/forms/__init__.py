"""Forms of the projects module."""
