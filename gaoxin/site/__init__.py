"""The site: the pages above the domain apps (home, change log, job progress, the working-day calendar, errors)."""
