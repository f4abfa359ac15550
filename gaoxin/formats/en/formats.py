"""Numbers grouped by thousands with a comma (see ``gaoxin.formats``); other formats are Django's."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
