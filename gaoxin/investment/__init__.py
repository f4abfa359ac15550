"""招商引资 — investment attraction: leads, admission, agreements and their obligations, chains and space."""
