"""The service desk's pages, by subject."""
