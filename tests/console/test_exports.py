import io

from openpyxl import load_workbook

from hegui.console.exports import DATASETS, to_csv, to_xlsx


def test_csv_has_bom_and_neutralises_formulas() -> None:
    body = to_csv(["a", "b"], [["=1+1", "中文"], ["@x", 3]])
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert "'=1+1" in text and "'@x" in text and "中文" in text


def test_xlsx_round_trip() -> None:
    wb = load_workbook(io.BytesIO(to_xlsx("工单 / tickets", ["h1", "h2"], [["v", 2]])))
    ws = wb.active
    assert [c.value for c in ws[1]] == ["h1", "h2"] and ws["B2"].value == 2


def test_every_dataset_is_named() -> None:
    assert set(DATASETS) == {"events", "tickets", "privacy", "incidents", "user_actions", "features",
                             "audit", "acceptances"}
