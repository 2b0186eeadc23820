"""The baseline: the same export written the way a user would without xerocli.

Xero's official SDK (`xero-python`), paging Invoices with page=N until a short page, one CSV
row per line item. Run by export_bench.py as: sdk_export.py API_BASE ACCESS_TOKEN TENANT OUT
"""

from __future__ import annotations

import csv
import sys

from xero_python.accounting import AccountingApi
from xero_python.api_client import ApiClient, Configuration
from xero_python.api_client.oauth2 import OAuth2Token


def main(api_base: str, access_token: str, tenant_id: str, out_path: str) -> None:
    token = {"access_token": access_token, "token_type": "Bearer", "expires_in": 1800,
             "scope": ["accounting.transactions"]}  # fmt: skip
    client = ApiClient(Configuration(oauth2_token=OAuth2Token()), pool_threads=1)
    client.oauth2_token_getter(lambda: token)
    client.oauth2_token_saver(lambda new: token.update(new))
    client.set_oauth2_token(token)
    api = AccountingApi(client, base_url=api_base)
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["InvoiceID", "InvoiceNumber", "Type", "Status", "ContactName", "Date",
                         "DueDate", "CurrencyCode", "SubTotal", "TotalTax", "Total", "AmountDue",
                         "UpdatedDateUTC", "Description", "Quantity", "UnitAmount", "AccountCode",
                         "TaxType", "TaxAmount", "LineAmount"])  # fmt: skip
        page = 1
        while True:
            invoices = api.get_invoices(tenant_id, page=page, unitdp=4).invoices or []
            for inv in invoices:
                for line in inv.line_items or []:
                    writer.writerow([inv.invoice_id, inv.invoice_number, inv.type, inv.status,
                                     inv.contact.name, inv.date, inv.due_date, inv.currency_code,
                                     inv.sub_total, inv.total_tax, inv.total, inv.amount_due,
                                     inv.updated_date_utc, line.description, line.quantity,
                                     line.unit_amount, line.account_code, line.tax_type,
                                     line.tax_amount, line.line_amount])  # fmt: skip
            if len(invoices) < 100:  # the SDK's default page size
                break
            page += 1


if __name__ == "__main__":
    main(*sys.argv[1:5])
