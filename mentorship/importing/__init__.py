"""Import of people from XLSX and CSV: the file, its headers and values, and the typed preview.

The engine reads any file a school clerk is likely to have (Excel, CSV from Excel or from
a school information system), finds the header row, maps the Russian headers onto the
fields of ``Person`` and hands the rows to ``mentorship.resources.PersonResource``
(django-import-export), which matches, validates and saves them. ``run()`` turns the
result into an ``ImportPreview``: per row its number in the file, a status and the
reason in Russian. The curator's pages and ``manage.py import_people`` both use it.

* ``reading`` — the file as sheets of rows (XLSX, CSV) and the refusals for anything else;
  its checks and decoding are shared with ``roadmap.importing``;
* ``values`` — cell values: text, dates, years of teaching, categories, full names;
* ``columns`` — the header row mapped onto the fields, and the dataset built from it;
* ``preview`` — the rows run through the resource, with a status and a reason each.
"""

from mentorship.importing.columns import (
    COLUMN_NAMES,
    FIELD_LABELS,
    FIO,
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    IMPORT_KIND_LABELS,
    IMPORT_KINDS,
    NAME_FIELDS,
    ColumnMap,
    PreparedImport,
    header_key,
    map_columns,
    prepare,
)
from mentorship.importing.preview import (
    Change,
    ImportPreview,
    ImportRowsError,
    PreviewRow,
    RowStatus,
    row_label,
    run,
    validation_messages,
)
from mentorship.importing.reading import (
    DELIMITER_NAMES,
    EMPTY_RUN_LIMIT,
    MAX_FILE_BYTES,
    NOT_A_TABLE,
    OLE2_SIGNATURE,
    ImportFileError,
    Sheet,
    decode_text,
    foreign_format,
    open_workbook,
    read_sheets,
)
from mentorship.importing.values import (
    clean_text,
    is_empty,
    parse_date,
    parse_kind,
    parse_years,
    split_full_name,
    value_text,
)

__all__ = [
    "COLUMN_NAMES",
    "DELIMITER_NAMES",
    "EMPTY_RUN_LIMIT",
    "FIELD_LABELS",
    "FIO",
    "HEADER_ALIASES",
    "HEADER_SEARCH_ROWS",
    "IMPORT_KINDS",
    "IMPORT_KIND_LABELS",
    "MAX_FILE_BYTES",
    "NAME_FIELDS",
    "NOT_A_TABLE",
    "OLE2_SIGNATURE",
    "Change",
    "ColumnMap",
    "ImportFileError",
    "ImportPreview",
    "ImportRowsError",
    "PreparedImport",
    "PreviewRow",
    "RowStatus",
    "Sheet",
    "clean_text",
    "decode_text",
    "foreign_format",
    "header_key",
    "is_empty",
    "map_columns",
    "open_workbook",
    "parse_date",
    "parse_kind",
    "parse_years",
    "prepare",
    "read_sheets",
    "row_label",
    "run",
    "split_full_name",
    "validation_messages",
    "value_text",
]
