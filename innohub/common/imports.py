"""Spreadsheet imports: read .xlsx/.csv, recognise headers, preview each row, commit all or nothing.

An app describes one kind of import as an `ImportSpec` subclass (its columns with the header
names people use, in Chinese and English; how a row is checked, compared with what exists,
and written) and registers it with `register`. The same machinery then serves the upload →
preview → confirm pages, the API and `innohub import KIND FILE`. Nothing is written before
confirmation, and confirmation re-checks every row inside one transaction: a single bad row
and nothing at all is written.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_ROWS = 50_000
MAX_BYTES = 10 * 1024 * 1024
HEADER_SEARCH_ROWS = 15

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message is shown to the user."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (unreadable, too large, no header row, …)."""


# ---------------------------------------------------------------------------- cell parsers


_MESSY = re.compile(r"[\u3000\xa0\t]| {2}|^\s|\s$")


def clean_text(value: Any) -> str:
    """Text as typed, without surrounding (also ideographic) spaces or repeated inner spaces."""
    if value is None:
        return ""
    if type(value) is str and not _MESSY.search(value):
        return value  # the common case, checked once
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u3000", " ").replace("\xa0", " ")
    return re.sub(r"[ \t]+", " ", text).strip()


def clean_code(value: Any) -> str:
    """An identifier: full-width to ASCII (NFKC), no spaces, upper case."""
    text = unicodedata.normalize("NFKC", clean_text(value))
    return re.sub(r"\s+", "", text).upper()


def normalise_header(value: Any) -> str:
    text = unicodedata.normalize("NFKC", clean_text(value)).casefold()
    return re.sub(r"[\s*:：_\-/（）()\[\]]+", "", text)


def parse_text(value: Any) -> str:
    return clean_text(value)


def parse_date(value: Any) -> date | None:
    """A date from a date cell, an Excel serial, or text like 2020-12-03 or 2020年12月3日."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value <= 2958465:  # 1900-01-01 … 9999-12-31 as Excel counts
            raise CellError(gettext_lazy("“%(value)s” is not a date.") % {"value": value})
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    text = unicodedata.normalize("NFKC", clean_text(value))
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return parse_date(float(text))
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise CellError(
        gettext_lazy("“%(value)s” is not a date; write it as 2020-12-03.") % {"value": text}
    )


def parse_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise CellError(gettext_lazy("“%(value)s” is not a whole number.") % {"value": value})
    if isinstance(value, int):
        return value
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or number != number.to_integral_value():
        raise CellError(gettext_lazy("“%(value)s” is not a whole number.") % {"value": text})
    return int(number)


def parse_decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    text = unicodedata.normalize("NFKC", clean_text(value)).replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise CellError(gettext_lazy("“%(value)s” is not a number.") % {"value": text}) from exc
    if not number.is_finite():
        raise CellError(gettext_lazy("“%(value)s” is not a number.") % {"value": text})
    return number


def parse_choice(choices: dict[str, str]) -> Callable[[Any], str]:
    """A parser accepting any of the given names (case and width ignored) for each value."""
    lookup = {normalise_header(name): value for name, value in choices.items()}

    def parse(value: Any) -> str:
        if value in (None, ""):
            return ""
        found = lookup.get(normalise_header(value))
        if found is None:
            raise CellError(
                gettext_lazy("“%(value)s” is not one of the known values.")
                % {"value": clean_text(value)}
            )
        return found

    return parse


# ---------------------------------------------------------------------------- specs


def in_every_language(text: str | Promise) -> set[str]:
    """A (lazily translated) text in each platform language: what a header may say."""
    from django.conf import settings
    from django.utils import translation

    found = {str(text)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(str(text))
    return found


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    aliases: tuple[str, ...] = ()
    required: bool = False
    parse: Callable[[Any], Any] = parse_text
    export: bool = True  # False: recognised when importing, never written by an export

    def header_names(self) -> set[str]:
        # The label in every language: an export made in Chinese re-imports in an English session.
        names = {self.key, *in_every_language(self.label), *self.aliases}
        return {normalise_header(name) for name in names}


@dataclass
class ImportContext:
    user: Any
    hub: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)


@dataclass
class RowResult:
    number: int
    values: dict[str, Any]
    outcome: str = NEW
    errors: list[tuple[str, str]] = field(default_factory=list)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    existing: Any = None

    def fail(self, column: str, message: str | Promise) -> None:
        self.errors.append((column, str(message)))
        self.outcome = ERROR

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.number,
            "outcome": self.outcome,
            "values": {k: _jsonable(v) for k, v in self.values.items()},
            "errors": [{"field": f, "message": m} for f, m in self.errors],
            "changes": {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in self.changes.items()},
        }


class ImportSpec:
    """One kind of import. Subclasses set `kind`, `label`, `columns` and implement the hooks."""

    kind: ClassVar[str]
    label: ClassVar[str | Promise]
    columns: ClassVar[list[Column]]

    def can_import(self, context: ImportContext) -> bool:
        raise NotImplementedError

    def identity(self, values: dict[str, Any]) -> Hashable | None:
        """What makes two rows of one file the same record (reported as a duplicate)."""
        return None

    def prepare(self, rows: list[RowResult], context: ImportContext) -> None:
        """Load in bulk what `check` and `compare` need (existing records, reference data)."""

    def check(self, row: RowResult, context: ImportContext) -> None:
        """Add errors to the row with `row.fail(column, message)`."""

    def compare(self, row: RowResult, context: ImportContext) -> None:
        """Set row.outcome to NEW, UPDATE (with row.changes) or UNCHANGED, and row.existing."""

    def write(self, rows: list[RowResult], context: ImportContext) -> None:
        """Write the NEW and UPDATE rows (in bulk); runs inside the import's transaction."""
        raise NotImplementedError

    def example_headers(self) -> list[str]:
        return [str(column.label) for column in self.columns]


_REGISTRY: dict[str, type[ImportSpec]] = {}


def register(spec: type[ImportSpec]) -> type[ImportSpec]:
    _REGISTRY[spec.kind] = spec
    return spec


def spec_for(kind: str) -> ImportSpec:
    from django.apps import apps

    apps.check_apps_ready()
    try:
        return _REGISTRY[kind]()
    except KeyError:
        raise ImportFileError(_("Unknown kind of import: %(kind)s") % {"kind": kind}) from None


def registered_kinds() -> list[str]:
    return sorted(_REGISTRY)


# ---------------------------------------------------------------------------- reading


@dataclass
class Table:
    columns: dict[int, Column]  # sheet column index → spec column
    unknown_headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (sheet row number, cells)


def _raw_rows(data: bytes, filename: str) -> Iterator[tuple[int, list[Any]]]:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("This is not a readable .xlsx file.")) from exc
        try:
            sheet = workbook.worksheets[0]
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(row)
        finally:
            workbook.close()
    elif name.endswith((".csv", ".txt")):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes any byte sequence
            raise ImportFileError(_("The file's text encoding is not UTF-8 or GB18030."))
        sample = text[:4096]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","

        # Only the delimiter is guessed: the sniffer's guesses about quoting go wrong on text
        # with quote marks in it (Hebrew abbreviations such as מ"ר), and Excel quotes the
        # standard way anyway.
        class dialect(csv.excel):
            pass

        dialect.delimiter = delimiter
        try:
            for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
                yield number, list(row)
        except csv.Error as exc:
            raise ImportFileError(
                _("The CSV file cannot be read: %(error)s") % {"error": exc}
            ) from exc
    else:
        raise ImportFileError(_("Upload an .xlsx or .csv file."))


def read_table(data: bytes, filename: str, spec: ImportSpec) -> Table:
    """Find the header row (title rows above it are skipped) and the data rows below it."""
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    names = {name: column for column in spec.columns for name in column.header_names()}
    rows = _raw_rows(data, filename)
    header: list[Any] | None = None
    required = {column for column in spec.columns if column.required}
    best: set[Column] = set()
    for number, cells in rows:
        found = {
            names[normalise_header(c)]
            for c in cells
            if c not in (None, "") and normalise_header(c) in names
        }
        filled = sum(1 for c in cells if c not in (None, ""))
        best = found if len(found) > len(best) else best
        # The header row names every required column (a title row above it names none of them).
        if found and required <= found and (required or len(found) >= min(2, filled)):
            header = cells
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if header is None and len(best) >= 2:
        missing = [str(c.label) for c in spec.columns if c in required - best]
        raise ImportFileError(
            _("Required columns are missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    if header is None:
        raise ImportFileError(
            _(
                "No header row found. The first row of the table must name the columns, "
                "e.g. %(names)s."
            )
            % {"names": ", ".join(spec.example_headers()[:4])}
        )
    columns: dict[int, Column] = {}
    unknown = []
    for index, cell in enumerate(header):
        if cell in (None, ""):
            continue
        column = names.get(normalise_header(cell))
        if column is None:
            unknown.append(clean_text(cell))
        elif column not in columns.values():
            columns[index] = column
    missing = [str(c.label) for c in spec.columns if c.required and c not in columns.values()]
    if missing:
        raise ImportFileError(
            _("Required columns are missing: %(names)s.") % {"names": ", ".join(missing)}
        )
    body = []
    for number, cells in rows:
        if all(cell in (None, "") or clean_text(cell) == "" for cell in cells):
            continue
        body.append((number, cells))
        if len(body) > MAX_ROWS:
            raise ImportFileError(
                _("At most %(count)d rows can be imported at once.") % {"count": MAX_ROWS}
            )
    return Table(columns=columns, unknown_headers=unknown, rows=body)


# ---------------------------------------------------------------------------- preview and commit


@dataclass
class Preview:
    kind: str
    rows: list[RowResult]
    unknown_headers: list[str]
    problems: list[str] = field(default_factory=list)  # about the import as a whole

    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def ok(self) -> bool:
        return not self.problems and all(row.outcome != ERROR for row in self.rows)

    def errors(self) -> list[dict[str, Any]]:
        errors = [{"row": 0, "field": "", "message": message} for message in self.problems]
        return errors + [
            {"row": row.number, "field": column, "message": message}
            for row in self.rows
            for column, message in row.errors
        ]

    def summary(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "new": counts[NEW],
            "update": counts[UPDATE],
            "unchanged": counts[UNCHANGED],
            "errors": self.errors(),
        }


def build_preview(spec: ImportSpec, data: bytes, filename: str, context: ImportContext) -> Preview:
    """Read, parse, check and compare every row; writes nothing."""
    table = read_table(data, filename, spec)
    results: list[RowResult] = []
    for number, cells in table.rows:
        row = RowResult(number=number, values={})
        for index, column in table.columns.items():
            raw = cells[index] if index < len(cells) else None
            try:
                row.values[column.key] = column.parse(raw)
            except CellError as exc:
                row.values[column.key] = clean_text(raw)
                row.fail(column.key, exc.message)
        for column in spec.columns:
            if (
                column.required
                and row.values.get(column.key) in (None, "")
                and not any(f == column.key for f, _m in row.errors)
            ):
                row.fail(column.key, _("%(column)s is required.") % {"column": column.label})
        results.append(row)
    spec.prepare(results, context)
    seen: dict[Hashable, int] = {}
    for row in results:
        if row.outcome != ERROR:
            spec.check(row, context)
        identity = spec.identity(row.values)
        if identity is not None:
            if identity in seen:
                row.fail("", _("Duplicate of row %(row)d in this file.") % {"row": seen[identity]})
            else:
                seen[identity] = row.number
        if row.outcome != ERROR:
            spec.compare(row, context)
    return Preview(kind=spec.kind, rows=results, unknown_headers=table.unknown_headers)


class ImportRejected(Exception):
    def __init__(self, preview: Preview) -> None:
        super().__init__(f"{len(preview.errors())} rows have errors; nothing was imported")
        self.preview = preview


def commit_import(spec: ImportSpec, data: bytes, filename: str, context: ImportContext) -> Preview:
    """Check every row again and write them all in one transaction, or nothing at all."""
    with transaction.atomic():
        preview = build_preview(spec, data, filename, context)
        if not preview.ok:
            raise ImportRejected(preview)
        try:
            spec.write([row for row in preview.rows if row.outcome in (NEW, UPDATE)], context)
        except ValidationError as exc:
            # A rule only the database could see (e.g. a concurrent change): undo everything.
            transaction.set_rollback(True)
            preview.problems.extend(exc.messages)
            raise ImportRejected(preview) from exc
    return preview


def iter_export_rows(
    spec: ImportSpec, records: Iterable[dict[str, Any]], *, omit: Iterable[str] = ()
) -> Iterator[list[Any]]:
    """Rows for an export that the same spec imports back: the header, then each record.

    Import-only columns and the keys in `omit` (e.g. what the reader may not see) are left out.
    """
    skipped = set(omit)
    columns = [c for c in spec.columns if c.export and c.key not in skipped]
    yield [str(column.label) for column in columns]
    for record in records:
        yield [record.get(column.key, "") for column in columns]


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "pk"):
        return str(value)
    return value


def write_xlsx(rows: Iterable[list[Any]], *, title: str = "innohub") -> bytes:
    """An .xlsx file of the rows (the first is the header); dates stay date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "innohub")
    for number, row in enumerate(rows):
        if number == 0:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                cell.font = Font(bold=True)
                cells.append(cell)
            sheet.append(cells)
            sheet.freeze_panes = "A2"
        else:
            # Empty cells are left out of the file, not written as empty strings (twice as fast).
            sheet.append([None if value == "" else value for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_csv(rows: Iterable[list[Any]]) -> bytes:
    """A UTF-8 .csv with a byte-order mark, which Excel needs to read Chinese and Hebrew."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row])
    return out.getvalue().encode("utf-8-sig")
