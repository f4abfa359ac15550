"""The project's number formats (settings ``FORMAT_MODULE_PATH``): thousands grouped by commas in every language.

Django's zh_Hans formats set no thousands separator; a figure such as 33,558 亩 must show one. The separator
applies where a template asks for grouping (``floatformat``, which ``core.templatetags.numbers`` makes group);
``USE_THOUSAND_SEPARATOR`` stays off so that ids and years printed as they are (URLs, 2026年) are untouched.
"""
