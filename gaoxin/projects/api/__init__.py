"""REST API of the projects module."""
