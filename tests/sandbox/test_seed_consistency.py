"""The seeded company agrees with itself: totals by the write path's rules, payments with
invoices, every status present."""

from __future__ import annotations

from decimal import Decimal

import simplejson

from xerocli.sandbox import totals


def all_of(client, kind: str) -> list[dict]:
    answer = client.get(kind, params={"page": 1, "pageSize": 1000, "unitdp": 4})
    return simplejson.loads(answer.text, use_decimal=True)[kind]


def tax_table(client) -> dict[str, Decimal]:
    return {
        r["TaxType"]: Decimal(str(r["EffectiveRate"]))
        for r in client.get("TaxRates").json()["TaxRates"]
    }


def test_seeded_totals_equal_totals_compute_on_their_own_lines(nz, glob) -> None:
    for client in (nz, glob):
        rates = tax_table(client)
        for kind in ("Invoices", "CreditNotes", "PurchaseOrders", "BankTransactions"):
            for record in all_of(client, kind):
                lines = [
                    {
                        "Quantity": li["Quantity"],
                        "UnitAmount": li["UnitAmount"],
                        "TaxType": li["TaxType"],
                    }
                    for li in record["LineItems"]
                ]
                sums = totals.compute(lines, record["LineAmountTypes"], rates)
                for field in ("SubTotal", "TotalTax", "Total"):
                    assert sums[field] == record[field], (kind, record.get("InvoiceNumber"))
                for line, shown in zip(lines, record["LineItems"], strict=True):
                    assert line["LineAmount"] == shown["LineAmount"]
                    assert line["TaxAmount"] == shown["TaxAmount"]


def test_seeded_payments_match_their_invoices(nz, glob) -> None:
    for client in (nz, glob):
        payments = {p["PaymentID"]: p for p in all_of(client, "Payments")}
        seen = {  # refunds of credit notes (test_every_paid_credit_note_was_refunded)
            summary["PaymentID"]
            for note in all_of(client, "CreditNotes")
            for summary in note["Payments"]
        }
        for invoice in all_of(client, "Invoices"):
            listed = invoice["Payments"]
            paid = sum((p["Amount"] for p in listed), Decimal("0.00"))
            assert paid == invoice["AmountPaid"]
            credited = invoice["AmountCredited"]
            if invoice["Status"] in ("AUTHORISED", "PAID"):
                assert invoice["AmountDue"] == invoice["Total"] - paid - credited
            if invoice["Status"] == "PAID":
                assert listed or credited
                assert invoice["AmountDue"] == 0 and "FullyPaidOnDate" in invoice
            for summary in listed:
                payment = payments[summary["PaymentID"]]
                seen.add(summary["PaymentID"])
                assert payment["Invoice"]["InvoiceID"] == invoice["InvoiceID"]
                assert payment["Amount"] == summary["Amount"]
                assert payment["PaymentType"] == (
                    "ACCRECPAYMENT" if invoice["Type"] == "ACCREC" else "ACCPAYPAYMENT"
                )
                assert payment["Invoice"]["CurrencyCode"] == invoice["CurrencyCode"]
        live = {pid for pid, p in payments.items() if p["Status"] == "AUTHORISED"}
        assert seen == live  # every live payment is listed on its invoice, and only those


def test_every_paid_credit_note_was_refunded_by_a_payment_that_exists(nz, glob) -> None:
    """A PAID credit note is settled by records the API returns, as a PAID invoice is: here
    refunds (the seed makes no allocations), each a payment of the note's type and currency."""
    refund_types = {"ACCRECCREDIT": "ARCREDITPAYMENT", "ACCPAYCREDIT": "APCREDITPAYMENT"}
    for client in (nz, glob):
        payments = {p["PaymentID"]: p for p in all_of(client, "Payments")}
        paid = [n for n in all_of(client, "CreditNotes") if n["Status"] == "PAID"]
        assert paid
        for note in paid:
            listed = note["Payments"]
            allocated = sum((a["Amount"] for a in note["Allocations"]), Decimal("0.00"))
            refunded = sum((p["Amount"] for p in listed), Decimal("0.00"))
            assert refunded + allocated == note["Total"], note["CreditNoteNumber"]
            assert note["RemainingCredit"] == 0 and "FullyPaidOnDate" in note
            for summary in listed:
                payment = payments[summary["PaymentID"]]
                assert payment["Status"] == "AUTHORISED"
                assert payment["CreditNote"]["CreditNoteID"] == note["CreditNoteID"]
                assert payment["PaymentType"] == refund_types[note["Type"]]
                assert payment["CreditNote"]["CurrencyCode"] == note["CurrencyCode"]
                assert payment["Amount"] == summary["Amount"]
                assert payment["Date"] == note["FullyPaidOnDate"]


def test_every_status_is_seeded(nz) -> None:
    expected = {
        "CreditNotes": {"DRAFT", "SUBMITTED", "AUTHORISED", "PAID", "VOIDED", "DELETED"},
        "PurchaseOrders": {"DRAFT", "SUBMITTED", "AUTHORISED", "BILLED", "DELETED"},
        "BankTransactions": {"AUTHORISED", "DELETED"},
    }
    for kind, statuses in expected.items():
        assert {r["Status"] for r in all_of(nz, kind)} == statuses, kind
    notes = all_of(nz, "CreditNotes")
    assert all(
        n["RemainingCredit"]
        == (n["Total"] if n["Status"] in ("DRAFT", "SUBMITTED", "AUTHORISED") else 0)
        for n in notes
    )
    items = {i["Code"]: i for i in nz.get("Items").json()["Items"]}
    assert items["DESK-STD"]["IsTrackedAsInventory"] is True
    assert items["CONSULT-HR"]["IsTrackedAsInventory"] is False


def test_seeded_credit_is_allocated_to_invoices_that_list_it(nz, glob) -> None:
    """Overpayments and prepayments: each allocation is on an invoice of the same contact and
    currency that lists the credit with the same amount; what is credited on every invoice adds
    up to its allocations; a fully allocated credit is PAID; each was made by a bank
    transaction of its Type that exists."""
    for client in (nz, glob):
        invoices = {i["InvoiceID"]: i for i in all_of(client, "Invoices")}
        made = {
            (t.get("OverpaymentID") or t.get("PrepaymentID")): t
            for t in all_of(client, "BankTransactions")
            if t.get("OverpaymentID") or t.get("PrepaymentID")
        }
        credited: dict[str, Decimal] = {}
        for kind, id_field in (("Overpayments", "OverpaymentID"), ("Prepayments", "PrepaymentID")):
            records = all_of(client, kind)
            assert {r["Status"] for r in records} == {"AUTHORISED", "PAID"}, kind
            for credit in records:
                source = made[credit[id_field]]
                assert (source["Type"], source["Total"]) == (credit["Type"], credit["Total"])
                allocated = sum((a["Amount"] for a in credit["Allocations"]), Decimal("0.00"))
                assert credit["RemainingCredit"] == credit["Total"] - allocated
                assert (credit["Status"] == "PAID") == (credit["RemainingCredit"] == 0)
                for allocation in credit["Allocations"]:
                    invoice = invoices[allocation["Invoice"]["InvoiceID"]]
                    assert invoice["Contact"]["ContactID"] == credit["Contact"]["ContactID"]
                    assert invoice["CurrencyCode"] == credit["CurrencyCode"]
                    [listed] = [c for c in invoice[kind] if c[id_field] == credit[id_field]]
                    assert listed["AppliedAmount"] == allocation["Amount"]
                    credited[invoice["InvoiceID"]] = (
                        credited.get(invoice["InvoiceID"], Decimal("0.00")) + allocation["Amount"]
                    )
        assert credited, "some seeded credit is allocated"
        for invoice_id, amount in credited.items():
            assert invoices[invoice_id]["AmountCredited"] == amount
