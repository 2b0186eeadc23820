"""PKCE (RFC 7636) with S256, the only method Xero accepts."""

from __future__ import annotations

import base64
import hashlib
import secrets


def new_verifier() -> str:
    """64 URL-safe characters: inside Xero's 43-128 and of its alphabet."""
    return secrets.token_urlsafe(48)


def challenge_for(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_state() -> str:
    return secrets.token_urlsafe(24)
