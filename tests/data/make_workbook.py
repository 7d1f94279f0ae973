"""Regenerate tests/data/kumu_warts/workbook.xlsx from the two CSVs beside it.

    .venv/bin/python tests/data/make_workbook.py

The workbook holds the same rows as Elements.csv and Connections.csv (sheets
`Elements` and `Connections`, same header spelling, same row numbers, the same
duplicate rows, trailing spaces and multi-line cells), with the warts a real
Excel file has on top:

- some dates are real date cells (datetime, shown as dd/mm/yyyy) instead of text;
- the numeric IDs 1001 and 1002 are number cells, both in Elements!ID and where
  Connections!FROM refers to them.

Partial dates ("2019", "Mar 2020") and the ambiguous "03/04/2021" stay text, so
the loader must give the same graph and the same warnings as from the CSVs.
"""

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent / "kumu_warts"
FIXED_TIME = dt.datetime(2024, 6, 1, 9, 0, 0)  # openpyxl stamps `modified` itself on save

# (sheet, spreadsheet row, header as written in the file, text in the CSV) -> value in the xlsx
DATE_CELLS = {
    ("Elements", 31, "Date", "2023-11-08"): dt.datetime(2023, 11, 8),
    ("Connections", 4, "Start Date", "2021-07-01"): dt.datetime(2021, 7, 1),
    ("Connections", 4, "End date", "30/06/2023"): dt.datetime(2023, 6, 30),
    ("Connections", 8, "Start Date", "2020-03-05"): dt.datetime(2020, 3, 5),
    ("Connections", 16, "Start Date", "2023-11-08"): dt.datetime(2023, 11, 8),
    ("Connections", 19, "End date", "30/06/2025"): dt.datetime(2025, 6, 30),
    ("Connections", 26, "Start Date", "15/07/2022"): dt.datetime(2022, 7, 15),
    ("Connections", 57, "Start Date", "22/05/2024"): dt.datetime(2024, 5, 22),
}
NUMBER_CELLS = {
    ("Elements", 12, "ID", "1001"): 1001,
    ("Elements", 13, "ID", "1002"): 1002,
    ("Connections", 27, "FROM", "1002"): 1002,
    ("Connections", 29, "FROM", "1001"): 1001,
}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def build(out_path=HERE / "workbook.xlsx"):
    tweaks = {**DATE_CELLS, **NUMBER_CELLS}
    used = set()
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in ("Elements", "Connections"):
        rows = read_csv(HERE / f"{sheet}.csv")
        header = rows[0]
        ws = wb.create_sheet(sheet)
        for r, cells in enumerate(rows, start=1):
            values = list(cells)
            if r > 1:
                for c, text in enumerate(cells):
                    key = (sheet, r, header[c].strip(), text)
                    if key in tweaks:
                        values[c] = tweaks[key]
                        used.add(key)
            ws.append(values)
            if r > 1:
                for c, value in enumerate(values, start=1):
                    if isinstance(value, dt.datetime):
                        ws.cell(row=r, column=c).number_format = "dd/mm/yyyy"
        ws.freeze_panes = "A2"
    missing = set(tweaks) - used
    if missing:
        raise SystemExit(f"CSV no longer matches the tweak table: {sorted(missing)}")
    wb.properties.creator = "Partnerships desk"
    wb.properties.created = FIXED_TIME
    wb.save(out_path)
    return out_path


if __name__ == "__main__":
    print(build())
