"""The module's documents: the weekly meeting list of problems, the project card, the monthly bulletin's
projects part — their content read from the database, written as .xlsx, .docx and PDF."""
