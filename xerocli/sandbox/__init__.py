"""`xero sandbox`: a local emulator of Xero's OAuth, connections and Accounting API.

It shares nothing with the client (`xerocli.api`) but the wire format, so a misunderstanding of
Xero is not baked into both sides. Standard library HTTP server and SQLite only.
"""
