"""CI check of the zh-Hans catalog: complete, translated, placeholder-safe and compiled.

Run ``python -m gaoxin.core.i18n_check``. It fails (exit status 1, one line per offender) when

(a) a msgid that a fresh extraction finds in the source is missing from the committed ``django.po``;
(b) an entry of ``django.po`` is fuzzy or has an empty msgstr;
(c) the committed ``django.mo`` does not hold the same catalog as ``django.po`` compiled afresh;
(d) a msgstr does not use the same placeholders (``%(name)s``, ``%s``, ``{{ var }}``, ``{name}``) as its msgid;
(e) one msgid without a message context is used in roles whose Chinese words differ: a button (an action), a
    state (a badge, a choice's label), the label of a date, the header of a count, a name (a field label, a
    column header). A single translation cannot serve two of them ("Close" 关闭 on a dialog's button and 办结
    as a step; "Received" 受理时间 over a date and 受理数 over a count; "Overdue" 已超时 as a state and 超时数
    over a count), so each use needs its own context (``pgettext`` / ``{% translate "…" context "…" %}``).
    Msgids reviewed as reading the same in their roles are listed, with the reason, in ``SAME_MEANING``;
(f) two messages with the same Chinese, one labelling a date and the other a state, an action or a count (the
    inverse collision: "Closed" translated 已办结 over a date reads as the state, not as 办结时间).

The extraction runs Django's own ``makemessages`` (same options as the documented refresh command) on a copy
of the sources in a temporary directory, so the working tree is never touched. It needs GNU gettext
(xgettext, msguniq, msgmerge, msgattrib, msgfmt) and no Django settings.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
LOCALE = "zh_Hans"
CATALOG_DIR = PACKAGE_ROOT / "locale" / LOCALE / "LC_MESSAGES"
MAKEMESSAGES_OPTIONS = ("-l", LOCALE, "--no-obsolete", "--ignore", "*/tests/*")
REFRESH_COMMAND = (
    "cd gaoxin && GAOXIN_DEBUG=1 GAOXIN_DATA_DIR=/tmp/gx-i18n python ../manage.py makemessages "
    + " ".join(f"'{option}'" if "*" in option else option for option in MAKEMESSAGES_OPTIONS)
    + " && msgfmt --check -o locale/zh_Hans/LC_MESSAGES/django.mo locale/zh_Hans/LC_MESSAGES/django.po"
)
SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt"})
# Header fields that change on every refresh without changing any translation.
VOLATILE_HEADER_FIELDS = frozenset({"pot-creation-date", "po-revision-date"})
MAX_SHOWN = 60
# The roles of rule (e), and the pairs of them one translation cannot serve. A name reads the same over a count
# or a date (金额, 日期): those pairs are no collision.
ACTION, STATE, DATE, COUNT, NAME = "action", "state", "date", "count", "name"
CONFLICTS = frozenset(
    frozenset(pair)
    for pair in (
        (ACTION, NAME), (ACTION, STATE), (ACTION, DATE), (ACTION, COUNT),
        (STATE, NAME), (STATE, DATE), (STATE, COUNT), (DATE, COUNT),
    )
)  # fmt: skip
# Msgids reviewed as reading the same in the roles rule (e) finds them in, with the reason; keep it short.
SAME_MEANING: dict[str, str] = {
    "Enterprise service": "the module's name, as an app and as the responsibility a department holds",
    "Major projects": "the module's name, as an app and as the responsibility a department holds",
    "Per-mu evaluation": "the module's name, as an app and as the responsibility a department holds",
    "In use": "使用中: a scorecard's or a map's state, and the column that shows it",
    "Met": "达标: a criterion's state, and the column that shows it",
    "Shortfalls": "未达标: the column of the failed checks, and the badge of each",
    "Veto": "一票否决: a criterion's kind, its column and its badge",
    "active": "启用: a field (is it active?) and the badge of an active scheme",
    "regraded": "已调档: a result's flag and its badge",
    "interim reply": "阶段性答复: the deadline's name and the field holding the reply",
}


class PoSyntaxError(ValueError):
    """A line of a .po file that is not valid PO syntax."""


@dataclass(frozen=True)
class Entry:
    """One message of a .po file; ``msgstrs`` holds msgstr, or msgstr[0], msgstr[1] … for plural entries."""

    msgid: str
    msgstrs: tuple[str, ...]
    msgctxt: str | None = None
    msgid_plural: str | None = None
    flags: frozenset[str] = frozenset()
    references: tuple[str, ...] = ()
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_header(self) -> bool:
        return self.msgctxt is None and self.msgid == ""

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs)

    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 90 else self.msgid[:87] + "..."
        context = f" [context {self.msgctxt!r}]" if self.msgctxt is not None else ""
        return f"{text!r}{context}"


@dataclass
class _EntryBuilder:
    line: int
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    last_field: str | None = None

    def has_msgstr(self) -> bool:
        return any(name.startswith("msgstr") for name in self.fields)

    def build(self) -> Entry:
        if "msgid" not in self.fields:
            raise PoSyntaxError(f"line {self.line}: entry without msgid")
        plural = "msgid_plural" in self.fields
        if plural:
            indexes = sorted(int(name[7:-1]) for name in self.fields if name.startswith("msgstr["))
            if indexes != list(range(len(indexes))) or not indexes:
                raise PoSyntaxError(f"line {self.line}: plural entry needs msgstr[0], msgstr[1] …")
            msgstrs = tuple(self.fields[f"msgstr[{index}]"] for index in indexes)
        else:
            if "msgstr" not in self.fields:
                raise PoSyntaxError(f"line {self.line}: entry without msgstr")
            msgstrs = (self.fields["msgstr"],)
        return Entry(
            msgid=self.fields["msgid"],
            msgstrs=msgstrs,
            msgctxt=self.fields.get("msgctxt"),
            msgid_plural=self.fields.get("msgid_plural"),
            flags=frozenset(self.flags),
            references=tuple(self.references),
            line=self.line,
        )


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(token: str, number: int) -> str:
    if len(token) < 2 or not (token.startswith('"') and token.endswith('"')):
        raise PoSyntaxError(f"line {number}: expected a quoted string, got {token!r}")
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match.group(1), match.group(0)), token[1:-1])


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file, header included, obsolete (``#~``) entries left out."""
    entries: list[Entry] = []
    current: _EntryBuilder | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        starts_entry = line.startswith("#") or line.startswith(("msgctxt", "msgid "))
        if starts_entry and current is not None and current.has_msgstr():
            entries.append(current.build())
            current = None
        if current is None:
            current = _EntryBuilder(line=number)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#:"):
            current.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            name = match.group(1)
            if name in current.fields:
                raise PoSyntaxError(f"line {number}: {name} given twice in one entry")
            if name == "msgid":
                current.line = number
            current.fields[name] = _unquote(match.group(2), number)
            current.last_field = name
        elif line.startswith('"') and current.last_field is not None:
            current.fields[current.last_field] += _unquote(line, number)
        else:
            raise PoSyntaxError(f"line {number}: cannot parse {raw!r}")
    if current is not None and current.fields:
        entries.append(current.build())
    return entries


# Python %-directives: %(name)s, %5.2f, %s, %% …; only "%(name)<conversion>" counts outside python-format.
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])")
_TEMPLATE_VARIABLE = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_BRACE_FIELD = re.compile(r"(?<!\{)\{(\w*(?:\.\w+|\[\w+\])*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


@dataclass(frozen=True)
class Placeholders:
    """What a string substitutes: named fields as a set, positional %-directives in order."""

    named: frozenset[str]
    positional: tuple[str, ...]

    def __str__(self) -> str:
        items = sorted(self.named) + list(self.positional)
        return "{" + ", ".join(items) + "}" if items else "{}"


def placeholders(text: str, flags: Iterable[str] = ()) -> Placeholders:
    """The placeholders in ``text``; positional %-directives and {name} fields count only if flagged."""
    flag_set = frozenset(flags)
    named: set[str] = set()
    positional: list[str] = []
    for match in _PERCENT.finditer(text):
        name, conversion = match.group(1), match.group(2)
        if conversion == "%":
            continue
        if name is not None:
            named.add(match.group(0))
        elif "python-format" in flag_set:
            positional.append(match.group(0))
    named.update(f"{{{{ {variable} }}}}" for variable in _TEMPLATE_VARIABLE.findall(text))
    if "python-brace-format" in flag_set:
        named.update(f"{{{name}}}" for name in _BRACE_FIELD.findall(text))
    return Placeholders(named=frozenset(named), positional=tuple(positional))


def entry_problems(entries: Sequence[Entry], *, filename: str = "django.po") -> list[str]:
    """Offenders of rules (b) fuzzy or empty and (d) placeholders differing between msgid and msgstr."""
    problems: list[str] = []
    for entry in entries:
        where = f"{filename}:{entry.line}"
        if entry.is_fuzzy:
            what = "the header" if entry.is_header else entry.label()
            problems.append(f"(b) fuzzy: {where} {what}")
        if entry.is_header:
            if not entry.msgstrs[0]:
                problems.append(f"(b) empty header: {where}")
            continue
        if not entry.is_translated:
            problems.append(f"(b) not translated: {where} {entry.label()}")
            continue
        source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
        expected = placeholders(source, entry.flags)
        for index, msgstr in enumerate(entry.msgstrs):
            found = placeholders(msgstr, entry.flags)
            if found != expected:
                problems.append(
                    f"(d) placeholders differ: {where} {entry.label()}: msgid has {expected}, "
                    f"msgstr{f'[{index}]' if entry.msgid_plural is not None else ''} has {found}"
                )
    return problems


def missing_entries(source: Sequence[Entry], catalog: Sequence[Entry]) -> list[str]:
    """Offenders of rule (a): msgids extracted from the source that the catalog does not hold."""
    known = {entry.key for entry in catalog}
    return [
        f"(a) missing from django.po: {entry.label()} ({', '.join(entry.references[:3]) or 'no reference'})"
        for entry in source
        if not entry.is_header and entry.key not in known
    ]


_PY_CALL = r"(?:(?:_|gettext_lazy|gettext)\(|pgettext(?:_lazy)?\(\s*[\"'][^\"']*[\"'],\s*)$"
_PY_CHOICE = re.compile(r"^\s*[A-Z][A-Z0-9_]*\s*=\s*[^=].*,\s*" + _PY_CALL)
_PY_NAME = re.compile(
    r"(?:\b(?:label|verbose_name|verbose_name_plural)\s*=\s*|\bmodels\.\w+\(\s*)" + _PY_CALL
)
_DATE_FIELD = re.compile(r'field="\w+_(?:at|on)"')
_NEXT_VALUE = re.compile(r"\{\{([^}]*)\}\}")
_NUMBER_FILTERS = ("|number", "|floatformat", "|intcomma", "|percent")


def _quoted_at(line: str, msgid: str) -> tuple[int, int] | None:
    for quoted in (f'"{msgid}"', f"'{msgid}'"):
        index = line.find(quoted)
        if index >= 0:
            return index, index + len(quoted)
    return None


def _template_role(before: str, after: str) -> str | None:
    tag = before[before.rfind("<") :] if "<" in before else ""
    if tag.startswith("<button") or (tag.startswith("<input") and "submit" in tag):
        return ACTION
    if tag.startswith("<span") and "badge" in tag:
        return STATE
    sorted_header = "sort_th.html" in after[:120]
    if tag.startswith("<th") or sorted_header:
        near = after[:240] if sorted_header else ""
        if 'class="num"' in tag or 'th_class="num"' in near:
            return COUNT
        return DATE if _DATE_FIELD.search(near) else NAME
    if tag.startswith(("<dt", "<label", "<legend")):
        value = _NEXT_VALUE.search(after)  # what the label labels: the first value shown after it
        if value and "|date" in value.group(1):
            return DATE
        if value and any(f in value.group(1) for f in _NUMBER_FILTERS):
            return COUNT
        return NAME
    return None


def _role(line: str, msgid: str, path: str = "") -> str | None:
    """The role ``msgid`` plays on this source line (rule (e)): an action (a button), a state (a badge, a
    choice's label), the label of a date, the header of a count, a name (a label, a header); None when the line
    does not tell."""
    found = _quoted_at(line, msgid)
    if found is None:
        return None
    before, after = line[: found[0]], line[found[1] :]
    if not path.endswith(".py"):
        return _template_role(before, after)
    if _PY_CHOICE.search(before):
        return STATE
    if _PY_NAME.search(before) or "Column(" in before:
        return NAME
    return None


def _roles(entry: Entry, source_root: Path) -> dict[str, str]:
    """Each role the entry plays in the source, with the first place it plays it."""
    found: dict[str, str] = {}
    for reference in entry.references:
        path, _sep, number = reference.rpartition(":")
        try:
            lines = (source_root / path).read_text(encoding="utf-8").splitlines()
            line = lines[int(number) - 1]
        except (OSError, ValueError, IndexError):
            continue
        role = _role(line, entry.msgid, path)
        if role is not None:
            found.setdefault(role, reference)
    return found


def collision_problems(
    source: Sequence[Entry], source_root: Path, catalog: Sequence[Entry] = ()
) -> list[str]:
    """Offenders of rule (e), msgids without context used in roles one translation cannot serve, and of rule
    (f), one Chinese text labelling a date for one message and a state, an action or a count for another."""
    problems = []
    roles = {entry.key: _roles(entry, source_root) for entry in source if not entry.is_header}
    for entry in source:
        if entry.is_header or entry.msgctxt is not None or entry.msgid in SAME_MEANING:
            continue
        found = roles[entry.key]
        clashes = sorted(
            (first, second) for first in found for second in found if frozenset((first, second)) in CONFLICTS
        )
        if clashes:
            first, second = clashes[0]
            problems.append(
                f"(e) one translation used as {first} ({found[first]}) and as {second} ({found[second]}): "
                f"{entry.label()}; give each use a message context"
            )
    translations = {entry.key: entry.msgstrs[0] for entry in catalog if not entry.is_header and entry.msgstrs}
    by_text: dict[str, list[tuple[Entry, str, str]]] = {}
    for entry in source:
        text = translations.get(entry.key, "")
        for role, reference in roles.get(entry.key, {}).items():
            if text:
                by_text.setdefault(text, []).append((entry, role, reference))
    for text, uses in by_text.items():
        dates = [use for use in uses if use[1] == DATE]
        others = [use for use in uses if use[1] in (STATE, ACTION, COUNT)]
        for date_entry, _role_name, date_reference in dates[:1]:
            other = next((use for use in others if use[0].key != date_entry.key), None)
            if other is not None:
                problems.append(
                    f"(f) {text!r} labels a date ({date_reference}, {date_entry.label()}) and is a {other[1]} "
                    f"({other[2]}, {other[0].label()}): the date's label needs its own words"
                )
    return problems


def extract(source_root: Path, options: Sequence[str] = MAKEMESSAGES_OPTIONS) -> list[Entry]:
    """The entries ``makemessages`` would extract from ``source_root``, found in a temporary copy of it."""
    with tempfile.TemporaryDirectory(prefix="gaoxin-i18n-") as temp:
        copy = Path(temp) / "src"
        _copy_sources(source_root, copy)
        (copy / "locale" / LOCALE).mkdir(parents=True)
        environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        result = subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "--verbosity", "0", *options],
            cwd=copy,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"makemessages failed:\n{result.stdout}{result.stderr}")
        return parse_po((copy / "locale" / LOCALE / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))


def _copy_sources(source_root: Path, target: Path) -> None:
    """Copy the files makemessages reads (.py, .html, .txt), leaving out caches and locale directories."""
    for directory, dirnames, filenames in os.walk(source_root):
        dirnames[:] = [name for name in dirnames if name not in {"__pycache__", "locale"} and name[0] != "."]
        relative = Path(directory).relative_to(source_root)
        for filename in filenames:
            if Path(filename).suffix in SOURCE_SUFFIXES:
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(directory) / filename, target / relative / filename)


class _LoadedCatalog(gettext.GNUTranslations):
    """A compiled catalog read by the standard library, as Django reads it at run time."""

    _catalog: dict[Any, str]


def _load_mo(path: Path) -> _LoadedCatalog:
    with path.open("rb") as stream:
        return _LoadedCatalog(stream)


def _stable_header(catalog: _LoadedCatalog) -> dict[str, str]:
    return {key: value for key, value in catalog.info().items() if key not in VOLATILE_HEADER_FIELDS}


def compiled_problems(po_path: Path, mo_path: Path) -> list[str]:
    """Offenders of rule (c): the committed .mo holds another catalog than the .po compiled afresh."""
    if not mo_path.exists():
        return [f"(c) {mo_path.name} is missing: compile {po_path.name} with msgfmt"]
    with tempfile.TemporaryDirectory(prefix="gaoxin-i18n-") as temp:
        fresh_path = Path(temp) / "django.mo"
        result = subprocess.run(
            ["msgfmt", "--check-format", "--check-domain", "-o", str(fresh_path), str(po_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            return [f"(c) msgfmt rejects {po_path.name}:\n{result.stderr.strip()}"]
        fresh = _load_mo(fresh_path)
    try:
        committed = _load_mo(mo_path)
    except (OSError, UnicodeDecodeError) as error:
        return [f"(c) {mo_path.name} cannot be read: {error}"]
    problems: list[str] = []
    if _stable_header(committed) != _stable_header(fresh):
        problems.append(f"(c) {mo_path.name} has another header than {po_path.name}")
    fresh_messages = {key: value for key, value in fresh._catalog.items() if key != ""}
    committed_messages = {key: value for key, value in committed._catalog.items() if key != ""}
    for key in sorted(fresh_messages.keys() | committed_messages.keys(), key=repr):
        if fresh_messages.get(key) != committed_messages.get(key):
            msgid = key[0] if isinstance(key, tuple) else key
            state = (
                "missing" if key not in committed_messages else "stale" if key in fresh_messages else "extra"
            )
            problems.append(f"(c) {mo_path.name} is out of date ({state}): {msgid!r}")
    return problems


def check(source_root: Path = PACKAGE_ROOT, catalog_dir: Path = CATALOG_DIR) -> list[str]:
    """Every offender against rules (a)–(f), as lines of text; empty when the catalog is in order."""
    po_path = catalog_dir / "django.po"
    if not po_path.exists():
        return [f"{po_path} is missing"]
    catalog = parse_po(po_path.read_text(encoding="utf-8"))
    source = extract(source_root)
    return [
        *missing_entries(source, catalog),
        *collision_problems(source, source_root, catalog),
        *entry_problems(catalog),
        *compiled_problems(po_path, catalog_dir / "django.mo"),
    ]


def main() -> int:
    for program in ("xgettext", "msguniq", "msgmerge", "msgattrib", "msgfmt"):
        if shutil.which(program) is None:
            print(f"i18n check: {program} (GNU gettext) is not installed.", file=sys.stderr)
            return 1
    try:
        problems = check()
    except (RuntimeError, PoSyntaxError) as error:
        print(f"i18n check: {error}", file=sys.stderr)
        return 1
    if not problems:
        count = sum(
            1 for entry in parse_po((CATALOG_DIR / "django.po").read_text("utf-8")) if not entry.is_header
        )
        print(f"i18n check: {count} messages, all translated, placeholders consistent, django.mo up to date.")
        return 0
    for problem in problems[:MAX_SHOWN]:
        print(problem, file=sys.stderr)
    if len(problems) > MAX_SHOWN:
        print(f"… and {len(problems) - MAX_SHOWN} more.", file=sys.stderr)
    print(f"i18n check: {len(problems)} problem(s). Refresh and compile the catalog with:", file=sys.stderr)
    print(f"  {REFRESH_COMMAND}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
