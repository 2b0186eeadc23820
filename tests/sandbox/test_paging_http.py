"""A plain HTTP client, no xerocli: the whole OAuth flow with PKCE against the session sandbox,
then 10 pages of 1,000 invoices, as any Xero client would read them."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

from tests.conftest import SESSION_INVOICES
from tests.helpers import loopback

REDIRECT_URI = "http://localhost:8749/callback"
PAGE_SIZE = 1000


def test_pkce_login_then_page_through_ten_thousand_invoices(sandbox) -> None:
    client_id = "xerocli-sandbox"  # the sandbox's demo PKCE app: no registration needed
    verifier = secrets.token_urlsafe(64)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    state = secrets.token_urlsafe(16)
    with loopback.client(base_url=sandbox.url, timeout=60) as http:
        # 1. The browser goes to authorize; the sandbox consents and redirects back.
        consent = http.get(
            "/identity/connect/authorize",
            params={
                "response_type": "code",
                "client_id": client_id,
                "redirect_uri": REDIRECT_URI,
                "scope": "openid profile email offline_access accounting.invoices.read",
                "state": state,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            },
        )
        assert consent.status_code == 302
        location = urlsplit(consent.headers["location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
        callback = parse_qs(location.query)
        assert callback["state"] == [state]
        # 2. The code and the verifier buy the tokens (no client secret: PKCE).
        token = http.post(
            "/connect/token",
            data={
                "grant_type": "authorization_code",
                "client_id": client_id,
                "code": callback["code"][0],
                "redirect_uri": REDIRECT_URI,
                "code_verifier": verifier,
            },
        )
        assert token.status_code == 200, token.text
        tokens = token.json()
        assert tokens["refresh_token"]
        # 3. The tenant comes from /connections.
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        connections = http.get("/connections", headers=bearer).json()
        nz = next(c for c in connections if c["tenantName"] == "Demo Company (NZ)")
        headers = {**bearer, "xero-tenant-id": nz["tenantId"], "Accept": "application/json"}
        # 4. Page through every invoice, 1,000 at a time.
        seen: set[str] = set()
        pages = 0
        page = 1
        while True:
            answer = http.get(
                "/api.xro/2.0/Invoices",
                headers=headers,
                params={"page": page, "pageSize": PAGE_SIZE},
            )
            assert answer.status_code == 200, answer.text
            body = answer.json()
            pagination = body["pagination"]
            invoices = body["Invoices"]
            if not invoices:
                break
            pages += 1
            assert pagination["page"] == page
            assert pagination["pageSize"] == PAGE_SIZE
            # Other tests may add invoices to the session sandbox: at least the seeded ones.
            assert pagination["itemCount"] >= SESSION_INVOICES
            assert pagination["pageCount"] == -(-pagination["itemCount"] // PAGE_SIZE)
            if page < pagination["pageCount"]:
                assert len(invoices) == PAGE_SIZE
            assert all(invoice["LineItems"] for invoice in invoices), "paged lists carry lines"
            assert all(line["LineItemID"] for i in invoices for line in i["LineItems"])
            seen.update(invoice["InvoiceID"] for invoice in invoices)
            page += 1
        assert pages == pagination["pageCount"] >= SESSION_INVOICES // PAGE_SIZE
        assert len(seen) == pagination["itemCount"]
        first = http.get(
            "/api.xro/2.0/Invoices", headers=headers, params={"page": 1, "pageSize": PAGE_SIZE}
        ).json()
        assert first["Invoices"][0]["InvoiceNumber"] == "INV-0001"
