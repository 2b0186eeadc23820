"""Bank transactions (`/BankTransactions`): money received (RECEIVE) or spent (SPEND)."""

from __future__ import annotations

from xerocli.sandbox.resources.declaration import TRANSACTION_FIELDS, Listing, Resource

RESOURCE = Resource(
    collection="BankTransactions",
    type_name="BankTransaction",
    id_field="BankTransactionID",
    date_field="Date",
    fields=TRANSACTION_FIELDS
    | {"BankTransactionID", "BankAccount", "IsReconciled", "PrepaymentID", "OverpaymentID"},
    nested={"Contact": "Contacts", "BankAccount": "Accounts"},
    listing=Listing(paged=True, line_field="LineItems", empty_lines_unpaged=True),
    scopes=("accounting.transactions", "accounting.banktransactions"),
    seeded_by="seed._OtherBuilder.bank_transaction",
)
