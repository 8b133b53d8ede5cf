"""Helpers to look for anything that could identify a sender: in rows, in logs, in text."""

import re

# A time of day (09:41, 9:41:07), not a port (":8000") or part of an address.
TIME_OF_DAY = re.compile(r"(?<![\d.:])([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?(?![\d])")


def plain(value):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def snapshot(connection):
    """Every row of every table, as {table: set of rows}, read with raw SQL."""
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            tables[table] = {tuple(plain(value) for value in row) for row in cursor.fetchall()}
    return tables


def changes(before, after):
    """{table: rows that are new or changed}."""
    return {
        table: rows - before.get(table, set())
        for table, rows in after.items()
        if rows - before.get(table, set())
    }


def findings(text, needles):
    """Which needles (case-insensitive) and times of day appear in `text`."""
    found = [needle for needle in needles if needle.lower() in text.lower()]
    found += [match.group(0) for match in TIME_OF_DAY.finditer(text)]
    return found
