"""Writing records as Xero does: the engine every resource's writer runs in.

Every write runs inside one store transaction (see `Accounting._write`). Each element of a batch
is checked completely before anything of it is stored, so a failing element leaves nothing
behind; with `summarizeErrors` on, one failing element rolls the whole batch back. What an
element means (validation, defaults, totals, numbering, status rules) is its resource's writer
(`Resource.writer`, in `resources/`); this module holds what they share: the request's
`Context` (the tenant's accounts, currencies and tax rates, read once; lookups; storing, which
also records what webhooks report), and finding the record a POST element updates.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from functools import cached_property

from xerocli.sandbox import history, journal_log, resources
from xerocli.sandbox.records import set_updated
from xerocli.sandbox.resources.currencies import codes_in_use
from xerocli.sandbox.resources.declaration import Resource
from xerocli.sandbox.rows import row_for
from xerocli.sandbox.seed import TENANT_SPECS, stored_tax_rates
from xerocli.sandbox.store import Store
from xerocli.sandbox.validate import Element
from xerocli.sandbox.xerojson import loads, money

FOUR = Decimal("0.0001")


class NotFound(Exception):
    """The record a single-record write names does not exist (answered with 404)."""


class Context:
    """What the elements of one write request need to know about the tenant, read once."""

    def __init__(
        self, store: Store, tenant_id: str, now: datetime | None = None, unitdp: int = 2
    ) -> None:
        self.store = store
        #: Places a unit amount or price sent is kept to: Xero rounds the input to 2 unless the
        #: request asks for `unitdp=4`, so a line's amount is what its shown unit amount gives.
        self.unit_step = FOUR if unitdp == 4 else Decimal("0.01")
        self.tenant_id = tenant_id
        self.now = now or datetime.now(timezone.utc)
        self.today = self.now.date()
        tenant = store.tenant(tenant_id) or {}
        spec = TENANT_SPECS.get(tenant.get("name", ""))
        self.base_currency = tenant.get("base_currency", "NZD")
        self.accounts = [loads(b) for b in store.select_bodies(tenant_id, "Accounts")]
        #: The base currency, the accounts' and those added with `PUT /Currencies`.
        self.currencies = (
            {self.base_currency}
            | {a["CurrencyCode"] for a in self.accounts if a.get("CurrencyCode")}
            | codes_in_use(store, tenant_id)
        )
        self.rates = dict(spec.rates) if spec else {}
        self.tax_rates, self.usable_tax_types = stored_tax_rates(store, tenant_id)
        #: What this request stored that webhooks report, in order: (kind, ID) -> (CREATE or
        #: UPDATE, the record). A payment or allocation that changes an invoice is an update.
        self.changes: dict[tuple[str, str], tuple[str, dict]] = {}
        #: Who the write acts as, for its history records (set from the request's token).
        self.user = history.SYSTEM_USER

    def unit_amount(self, value: Decimal) -> Decimal:
        """A unit amount as stored: rounded to the request's unit places, held with 4."""
        return money(value, self.unit_step).quantize(FOUR)

    # --- lookups ---------------------------------------------------------------------------
    def account(self, code: object = None, account_id: object = None) -> dict | None:
        for account in self.accounts:
            if account_id and str(account_id).lower() == account["AccountID"].lower():
                return account
            if code and str(code) == account.get("Code") and account["Status"] != "DELETED":
                return account
        return None

    @cached_property
    def tracking_categories(self) -> list[dict]:
        """The tenant's tracking categories with their options (archived ones too: a line
        naming one is told so), read once a request and only by one that tags a line."""
        return [loads(b) for b in self.store.select_bodies(self.tenant_id, "TrackingCategories")]

    def get(self, kind: str, record_id: str) -> dict | None:
        body = self.store.get_body(self.tenant_id, kind, str(record_id))
        return loads(body) if body is not None else None

    def by_number(self, kind: str, number: str) -> dict | None:
        body = self.store.get_body_by_number(self.tenant_id, kind, number)
        return loads(body) if body is not None else None

    def next_number(self, kind: str) -> str:
        prefix = resources.get(kind).number_prefix or ""
        rows = self.store.execute(
            "SELECT MAX(CAST(SUBSTR(number, ?) AS INTEGER)) FROM records"
            " WHERE tenant_id=? AND kind=? AND number LIKE ?",
            (len(prefix) + 1, self.tenant_id, kind, prefix + "%"),
        )
        return f"{prefix}{(rows[0][0] or 0) + 1:04d}"

    def number_taken(
        self, kind: str, number: str, except_id: str | None, type_: str | None
    ) -> bool:
        sql = "SELECT id FROM records WHERE tenant_id=? AND kind=? AND number=? COLLATE NOCASE"
        params: list = [self.tenant_id, kind, number]
        if type_:
            sql += " AND type=?"
            params.append(type_)
        sql += " AND status NOT IN ('DELETED', 'VOIDED')"
        return any(row[0] != except_id for row in self.store.execute(sql, params))

    # --- storing ---------------------------------------------------------------------------
    def save(self, kind: str, record: dict, is_new: bool) -> None:
        set_updated(record, self.now)
        if "UpdatedDateUTCString" in record:
            record["UpdatedDateUTCString"] = self.now.strftime("%Y-%m-%dT%H:%M:%SZ")
        history.record_save(self, kind, record, is_new)  # before the old state is replaced
        row = row_for(self.tenant_id, kind, record)
        resource = resources.get(kind)
        if resource.webhook_category is not None:
            key = (kind, str(record[resource.id_field]))
            created = is_new or self.changes.get(key, ("",))[0] == "CREATE"
            self.changes[key] = ("CREATE" if created else "UPDATE", record)
        # Before the row is stored: a journal log begun now begins with the books as they were.
        journal_log.record_saved(self, kind, record)
        if is_new:
            self.store.insert_rows([row])
        else:
            self.store.update_row(row)


def find_existing(ctx: Context, resource: Resource, sent: dict) -> dict | None:
    """The record an element of a create-or-update (POST) batch names, if any: by ID, or by
    number where the resource allows it (and then of the same Type, where it has types)."""
    kind, id_field, number_field = resource.collection, resource.id_field, resource.number_field
    if sent.get(id_field):
        found = ctx.get(kind, str(sent[id_field]))
        if found is None:
            raise NotFound(f"{resource.label} {sent[id_field]} could not be found")
        return found
    if resource.upsert_by_number and number_field and sent.get(number_field):
        found = ctx.by_number(kind, str(sent[number_field]).strip())
        if found and "Type" in found and found["Type"] != sent.get("Type", found["Type"]):
            return None
        return found
    return None


def write_one(ctx: Context, resource: Resource, el: Element, existing: dict | None) -> dict | None:
    """Create (`existing` None) or update one element with its resource's writer."""
    if not el.ok or resource.writer is None:
        return None
    return resource.writer(ctx, el, existing)
