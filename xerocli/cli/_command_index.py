"""The command tree for TAB completion, read without importing typer.

Generated from the typer app by `python -m xerocli.cli.generate`: do not edit; a test
fails when it is stale."""

# ruff: noqa: E501
# fmt: off
COMMANDS: dict = {
    '': {
        'help': 'A command-line tool for the Xero accounting API.',
        'commands': {
            'setup': 'Set a new organisation up: its accounts (created, or updated by Code),...',
            'api': 'Call any Xero endpoint: `xero api Invoices -f where=\'Status=="PAID"\'`, `xero...',
            'limits': "Show the organisation's call budget: this minute, in flight, and the day (no...",
            'completion': 'Print the TAB completion script for bash, zsh or fish.',
            'sync': 'Mirror Xero into a local database (SQLite by default), incrementally.',
            'sql': 'Run a read-only SQL query on the mirror and print the rows (table, json, csv,...',
            'invoices': 'Work with invoices in Xero.',
            'contacts': 'Work with contacts in Xero.',
            'accounts': 'Work with accounts in Xero.',
            'bank-transactions': 'Work with bank transactions in Xero.',
            'payments': 'Work with payments in Xero.',
            'items': 'Work with items in Xero.',
            'purchase-orders': 'Work with purchase orders in Xero.',
            'credit-notes': 'Work with credit notes in Xero.',
            'manual-journals': 'Work with manual journals in Xero.',
            'tax-rates': 'Work with tax rates in Xero.',
            'contact-groups': 'Work with contact groups in Xero.',
            'tracking-categories': 'Work with tracking categories in Xero.',
            'users': 'Work with users in Xero.',
            'currencies': 'Work with currencies in Xero.',
            'branding-themes': 'Work with branding themes in Xero.',
            'payment-services': 'Work with payment services in Xero.',
            'invoice-reminders': 'Show the invoice reminder setting (one record), and its verbs.',
            'organisation': 'Show the organisation (one record), and its verbs.',
            'budgets': 'Work with budgets in Xero.',
            'journals': 'Work with journals in Xero.',
            'quotes': 'Work with quotes in Xero.',
            'overpayments': 'Work with overpayments in Xero.',
            'prepayments': 'Work with prepayments in Xero.',
            'bank-transfers': 'Work with bank transfers in Xero.',
            'batch-payments': 'Work with batch payments in Xero.',
            'repeating-invoices': 'Work with repeating invoices in Xero.',
            'linked-transactions': 'Work with linked transactions in Xero.',
            'receipts': 'Work with receipts in Xero.',
            'expense-claims': 'Work with expense claims in Xero.',
            'sandbox': 'A local Xero emulator.',
            'auth': 'Log in to Xero, show the login, print a token.',
            'tenants': 'Organisations (tenants): list, select.',
            'reports': "Xero's reports (trial balance, profit and loss, balance sheet, aged, bank,...",
            'webhooks': 'Receive, forward and trigger Xero webhook deliveries.',
            'export': 'Export every record of an object to CSV or NDJSON, in fixed documented columns.',
        },
        'options': [
            (('--profile',), True, (), '', 'Profile (app and login) to use.', False),
            (('--tenant',), True, (), '', 'Organisation name or ID for this command (XERO_TENANT_ID).', False),
            (('--sandbox',), False, (), '', 'Run against a local sandbox, logged in by itself.', False),
            (('--sandbox-url',), True, (), '', 'Send every endpoint to this sandbox (XERO_SANDBOX_URL).', False),
            (('--debug',), False, (), '', 'Trace HTTP calls on stderr (redacted).', False),
            (('--no-color',), False, (), '', 'No colour (also NO_COLOR).', False),
            (('--quiet', '-q'), False, (), '', 'Print only the data: no notes on stderr.', False),
            (('--version',), False, (), '', 'Print the version.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'setup': {
        'help': 'Set a new organisation up: its accounts (created, or updated by Code),...',
        'options': [
            (('--file',), True, (), '', 'A JSON object: ConversionDate {Month, Year}, ConversionBalances [{AccountCode, Balance}] (debits positive; they must balance) and Accounts [{Code, Name, Type}].', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key for the write (default: a new one).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'api': {
        'help': 'Call any Xero endpoint: `xero api Invoices -f where=\'Status=="PAID"\'`, `xero...',
        'options': [
            (('--field', '-f'), True, (), '', 'key=value: a query parameter for GET, a JSON field otherwise.', True),
            (('--header', '-H'), True, (), '', "'Name: value' header to add (repeatable).", True),
            (('--input',), True, (), '', 'Request body from a JSON file, or - for stdin.', False),
            (('--paginate',), False, (), '', 'Follow every page; print the records as one JSON array.', False),
            (('--idempotency-key',), True, (), '', 'Key for a write (default: a new one per command).', False),
            (('--raw',), False, (), '', 'Print the body exactly as Xero sent it.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('method_or_path', (), '', 1),
        ],
    },
    'limits': {
        'help': "Show the organisation's call budget: this minute, in flight, and the day (no...",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'completion': {
        'help': 'Print the TAB completion script for bash, zsh or fish.',
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('shell', ('bash', 'zsh', 'fish'), '', 1),
        ],
    },
    'sync': {
        'help': 'Mirror Xero into a local database (SQLite by default), incrementally.',
        'options': [
            (('--db',), True, (), '', 'The mirror: a path, sqlite:///PATH, postgresql://USER@HOST/DB or duckdb:///PATH (default: mirror.sqlite in the data directory).', False),
            (('--full',), False, (), '', 'Fetch everything again, not only what changed since the mark.', False),
            (('--all-tenants',), False, (), '', 'Every connected organisation, into the same database.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('collections', ('status', 'invoices', 'contacts', 'accounts', 'bank-transactions', 'payments', 'items', 'purchase-orders', 'credit-notes', 'manual-journals', 'tax-rates', 'contact-groups', 'tracking-categories', 'users', 'currencies', 'branding-themes', 'payment-services', 'invoice-reminders', 'organisation', 'budgets', 'journals', 'quotes', 'overpayments', 'prepayments', 'bank-transfers', 'batch-payments', 'repeating-invoices', 'linked-transactions', 'receipts', 'expense-claims'), '', -1),
        ],
    },
    'sql': {
        'help': 'Run a read-only SQL query on the mirror and print the rows (table, json, csv,...',
        'options': [
            (('--db',), True, (), '', 'The mirror: a path, sqlite:///PATH, postgresql://USER@HOST/DB or duckdb:///PATH (default: mirror.sqlite in the data directory).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('query', (), '', 1),
        ],
    },
    'invoices': {
        'help': 'Work with invoices in Xero.',
        'commands': {
            'list': 'List invoices.',
            'get': 'Show one invoice by InvoiceID or InvoiceNumber.',
            'create': 'Create invoices from options or a file.',
            'update': 'Change fields of one invoice: only the fields given are sent.',
            'attachments': 'List the files attached to an invoice.',
            'attach': 'Attach files to an invoice (a file of the same name is replaced).',
            'download': "Download an invoice's attachments, byte for byte.",
            'pdf': 'Save invoices as PDF, one file per document.',
            'history': "An invoice's history: each change, who and when.",
            'note': "Add a note to an invoice's history.",
            'url': 'The online invoice link for the customer (AUTHORISED or PAID).',
            'void': 'Void an authorised invoice.',
            'email': 'Email an invoice to its contact (Xero sends it).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'invoices list': {
        'help': 'List invoices.',
        'options': [
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales) or ACCPAY (bills). Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'invoices get': {
        'help': 'Show one invoice by InvoiceID or InvoiceNumber.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices create': {
        'help': 'Create invoices from options or a file.',
        'options': [
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales, default) or ACCPAY (bill).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--tracking',), True, (), '', 'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--due-date',), True, (), '', 'Due date (YYYY-MM-DD).', False),
            (('--number',), True, (), '', "Invoice number (default: Xero's next).", False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED'), '', 'DRAFT (default), SUBMITTED or AUTHORISED.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'invoices update': {
        'help': 'Change fields of one invoice: only the fields given are sent.',
        'options': [
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales) or ACCPAY (bill).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--due-date',), True, (), '', 'Due date (YYYY-MM-DD).', False),
            (('--number',), True, (), '', 'Invoice number.', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED'), '', 'DRAFT, SUBMITTED or AUTHORISED.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices attachments': {
        'help': 'List the files attached to an invoice.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices attach': {
        'help': 'Attach files to an invoice (a file of the same name is replaced).',
        'options': [
            (('--include-online',), False, (), '', 'Show the files to the customer with the online document.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'invoices download': {
        'help': "Download an invoice's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'invoices pdf': {
        'help': 'Save invoices as PDF, one file per document.',
        'options': [
            (('--output', '-o'), True, (), '', 'File for one PDF (- for stdout), or directory for many.', False),
            (('--all',), False, (), '', 'Every one (or, with filters, every match).', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales) or ACCPAY (bills). Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices history': {
        'help': "An invoice's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices note': {
        'help': "Add a note to an invoice's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'invoices url': {
        'help': 'The online invoice link for the customer (AUTHORISED or PAID).',
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices void': {
        'help': 'Void an authorised invoice.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'invoices email': {
        'help': 'Email an invoice to its contact (Xero sends it).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contacts': {
        'help': 'Work with contacts in Xero.',
        'commands': {
            'list': 'List contacts.',
            'get': 'Show one contact by ContactID.',
            'create': 'Create contacts from options or a file.',
            'update': 'Change fields of one contact: only the fields given are sent.',
            'attachments': 'List the files attached to a contact.',
            'attach': 'Attach files to a contact (a file of the same name is replaced).',
            'download': "Download a contact's attachments, byte for byte.",
            'history': "A contact's history: each change, who and when.",
            'note': "Add a note to a contact's history.",
            'cis-settings': "A contact's construction industry scheme settings (UK): a subcontractor and...",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'contacts list': {
        'help': 'List contacts.',
        'options': [
            (('--status',), True, ('ACTIVE', 'ARCHIVED', 'GDPRREQUEST'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--include-archived',), False, (), '', 'Every contact, archived too (Xero leaves ARCHIVED contacts out otherwise).', False),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'contacts get': {
        'help': 'Show one contact by ContactID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contacts create': {
        'help': 'Create contacts from options or a file.',
        'options': [
            (('--name',), True, (), '', 'Name (unique in Xero).', False),
            (('--email',), True, (), '', 'Email address.', False),
            (('--first-name',), True, (), '', 'First name of the contact person.', False),
            (('--last-name',), True, (), '', 'Last name of the contact person.', False),
            (('--number',), True, (), '', 'Your own contact number.', False),
            (('--account-number',), True, (), '', 'Account number.', False),
            (('--tax-number',), True, (), '', 'Tax number (GST/VAT/ABN).', False),
            (('--currency',), True, (), '', 'Default currency.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'contacts update': {
        'help': 'Change fields of one contact: only the fields given are sent.',
        'options': [
            (('--name',), True, (), '', 'Name (unique in Xero).', False),
            (('--email',), True, (), '', 'Email address.', False),
            (('--first-name',), True, (), '', 'First name of the contact person.', False),
            (('--last-name',), True, (), '', 'Last name of the contact person.', False),
            (('--number',), True, (), '', 'Your own contact number.', False),
            (('--account-number',), True, (), '', 'Account number.', False),
            (('--tax-number',), True, (), '', 'Tax number (GST/VAT/ABN).', False),
            (('--currency',), True, (), '', 'Default currency.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contacts attachments': {
        'help': 'List the files attached to a contact.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contacts attach': {
        'help': 'Attach files to a contact (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'contacts download': {
        'help': "Download a contact's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'contacts history': {
        'help': "A contact's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contacts note': {
        'help': "Add a note to a contact's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'contacts cis-settings': {
        'help': "A contact's construction industry scheme settings (UK): a subcontractor and...",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'accounts': {
        'help': 'Work with accounts in Xero.',
        'commands': {
            'list': 'List accounts.',
            'get': 'Show one account by AccountID or Code.',
            'create': 'Create accounts from options or a file.',
            'update': 'Change fields of one account: only the fields given are sent.',
            'attachments': 'List the files attached to an account.',
            'attach': 'Attach files to an account (a file of the same name is replaced).',
            'download': "Download an account's attachments, byte for byte.",
            'delete': 'Delete an account (Xero removes it).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'accounts list': {
        'help': 'List accounts.',
        'options': [
            (('--status',), True, ('ACTIVE', 'ARCHIVED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG'), '', 'Account type, e.g. BANK, REVENUE, EXPENSE. Repeat or comma-separate for several.', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'accounts get': {
        'help': 'Show one account by AccountID or Code.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'accounts create': {
        'help': 'Create accounts from options or a file.',
        'options': [
            (('--code',), True, (), '', 'Account code.', False),
            (('--name',), True, (), '', 'Account name.', False),
            (('--type',), True, ('BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG'), '', 'Account type, e.g. REVENUE, EXPENSE.', False),
            (('--tax-type',), True, (), '', 'Default tax type.', False),
            (('--description',), True, (), '', 'Description.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'accounts update': {
        'help': 'Change fields of one account: only the fields given are sent.',
        'options': [
            (('--code',), True, (), '', 'Account code.', False),
            (('--name',), True, (), '', 'Account name.', False),
            (('--type',), True, ('BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG'), '', 'Account type, e.g. REVENUE, EXPENSE.', False),
            (('--tax-type',), True, (), '', 'Default tax type.', False),
            (('--description',), True, (), '', 'Description.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'accounts attachments': {
        'help': 'List the files attached to an account.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'accounts attach': {
        'help': 'Attach files to an account (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'accounts download': {
        'help': "Download an account's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'accounts delete': {
        'help': 'Delete an account (Xero removes it).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transactions': {
        'help': 'Work with bank transactions in Xero.',
        'commands': {
            'list': 'List bank transactions.',
            'get': 'Show one bank transaction by BankTransactionID.',
            'create': 'Create bank transactions from options or a file.',
            'update': 'Change fields of one bank transaction: only the fields given are sent.',
            'attachments': 'List the files attached to a bank transaction.',
            'attach': 'Attach files to a bank transaction (a file of the same name is replaced).',
            'download': "Download a bank transaction's attachments, byte for byte.",
            'history': "A bank transaction's history: each change, who and when.",
            'note': "Add a note to a bank transaction's history.",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'bank-transactions list': {
        'help': 'List bank transactions.',
        'options': [
            (('--status',), True, ('AUTHORISED', 'DELETED', 'VOIDED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER'), '', 'RECEIVE, SPEND, or a prepayment/overpayment type. Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'bank-transactions get': {
        'help': 'Show one bank transaction by BankTransactionID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transactions create': {
        'help': 'Create bank transactions from options or a file.',
        'options': [
            (('--type',), True, ('RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT'), '', 'RECEIVE (money in), SPEND (money out), or an overpayment or prepayment (RECEIVE-OVERPAYMENT: one line, no tax).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--bank-account',), True, (), '', 'Bank account code or ID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--tracking',), True, (), '', 'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'bank-transactions update': {
        'help': 'Change fields of one bank transaction: only the fields given are sent.',
        'options': [
            (('--type',), True, ('RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT'), '', 'RECEIVE (money in), SPEND (money out), or an overpayment or prepayment (RECEIVE-OVERPAYMENT: one line, no tax).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--bank-account',), True, (), '', 'Bank account code or ID.', False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transactions attachments': {
        'help': 'List the files attached to a bank transaction.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transactions attach': {
        'help': 'Attach files to a bank transaction (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'bank-transactions download': {
        'help': "Download a bank transaction's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'bank-transactions history': {
        'help': "A bank transaction's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transactions note': {
        'help': "Add a note to a bank transaction's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'payments': {
        'help': 'Work with payments in Xero.',
        'commands': {
            'list': 'List payments.',
            'get': 'Show one payment by PaymentID.',
            'create': 'Create payments from options or a file.',
            'history': "A payment's history: each change, who and when.",
            'note': "Add a note to a payment's history.",
            'delete': 'Delete a payment (the invoice reopens).',
            'apply': 'Match each payout row to one open invoice (by number or reference, and the...',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'payments list': {
        'help': 'List payments.',
        'options': [
            (('--status',), True, ('AUTHORISED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT'), '', 'ACCRECPAYMENT, ACCPAYPAYMENT, ... Repeat or comma-separate for several.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'payments get': {
        'help': 'Show one payment by PaymentID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'payments create': {
        'help': 'Create payments from options or a file.',
        'options': [
            (('--invoice',), True, (), '', 'Invoice number or ID.', False),
            (('--account',), True, (), '', 'Bank account code or ID paid into.', False),
            (('--amount',), True, (), '', "Amount paid, in the invoice's currency.", False),
            (('--date',), True, (), '', 'Payment date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency-rate',), True, (), '', 'Exchange rate for a foreign invoice.', False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'payments history': {
        'help': "A payment's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'payments note': {
        'help': "Add a note to a payment's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'payments delete': {
        'help': 'Delete a payment (the invoice reopens).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'payments apply': {
        'help': 'Match each payout row to one open invoice (by number or reference, and the...',
        'options': [
            (('--file',), True, (), '', 'Payout CSV: invoice number or reference, amount[, date, payout id, currency]; - for stdin.', False),
            (('--account',), True, (), '', 'Bank or clearing account code (or ID) the payments go into.', False),
            (('--dry-run',), False, (), '', 'Show the matches; pay nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'items': {
        'help': 'Work with items in Xero.',
        'commands': {
            'list': 'List items.',
            'get': 'Show one item by ItemID or Code.',
            'create': 'Create items from options or a file.',
            'update': 'Change fields of one item: only the fields given are sent.',
            'history': "An item's history: each change, who and when.",
            'note': "Add a note to an item's history.",
            'delete': 'Delete an item (Xero removes it).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'items list': {
        'help': 'List items.',
        'options': [
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'items get': {
        'help': 'Show one item by ItemID or Code.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'items create': {
        'help': 'Create items from options or a file.',
        'options': [
            (('--code',), True, (), '', 'Item code (unique).', False),
            (('--name',), True, (), '', 'Item name.', False),
            (('--description',), True, (), '', 'Sales description.', False),
            (('--sale-price',), True, (), '', 'Sale unit price.', False),
            (('--sales-account',), True, (), '', 'Sales account code.', False),
            (('--purchase-price',), True, (), '', 'Purchase unit price.', False),
            (('--purchase-account',), True, (), '', 'Purchase account.', False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'items update': {
        'help': 'Change fields of one item: only the fields given are sent.',
        'options': [
            (('--code',), True, (), '', 'Item code (unique).', False),
            (('--name',), True, (), '', 'Item name.', False),
            (('--description',), True, (), '', 'Sales description.', False),
            (('--sale-price',), True, (), '', 'Sale unit price.', False),
            (('--sales-account',), True, (), '', 'Sales account code.', False),
            (('--purchase-price',), True, (), '', 'Purchase unit price.', False),
            (('--purchase-account',), True, (), '', 'Purchase account.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'items history': {
        'help': "An item's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'items note': {
        'help': "Add a note to an item's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'items delete': {
        'help': 'Delete an item (Xero removes it).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'purchase-orders': {
        'help': 'Work with purchase orders in Xero.',
        'commands': {
            'list': 'List purchase orders.',
            'get': 'Show one purchase order by PurchaseOrderID or PurchaseOrderNumber.',
            'create': 'Create purchase orders from options or a file.',
            'update': 'Change fields of one purchase order: only the fields given are sent.',
            'attachments': 'List the files attached to a purchase order.',
            'attach': 'Attach files to a purchase order (a file of the same name is replaced).',
            'download': "Download a purchase order's attachments, byte for byte.",
            'pdf': 'Save purchase orders as PDF, one file per document.',
            'history': "A purchase order's history: each change, who and when.",
            'note': "Add a note to a purchase order's history.",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'purchase-orders list': {
        'help': 'List purchase orders.',
        'options': [
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'BILLED', 'DELETED'), '', "Only purchase orders with this status (Xero's endpoint takes one).", True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'purchase-orders get': {
        'help': 'Show one purchase order by PurchaseOrderID or PurchaseOrderNumber.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'purchase-orders create': {
        'help': 'Create purchase orders from options or a file.',
        'options': [
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--tracking',), True, (), '', 'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--delivery-date',), True, (), '', 'Delivery date (YYYY-MM-DD).', False),
            (('--number',), True, (), '', 'Purchase order number.', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED'), '', 'DRAFT (default), SUBMITTED or AUTHORISED.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'purchase-orders update': {
        'help': 'Change fields of one purchase order: only the fields given are sent.',
        'options': [
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--delivery-date',), True, (), '', 'Delivery date (YYYY-MM-DD).', False),
            (('--number',), True, (), '', 'Purchase order number.', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED'), '', 'DRAFT, SUBMITTED or AUTHORISED.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'purchase-orders attachments': {
        'help': 'List the files attached to a purchase order.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'purchase-orders attach': {
        'help': 'Attach files to a purchase order (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'purchase-orders download': {
        'help': "Download a purchase order's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'purchase-orders pdf': {
        'help': 'Save purchase orders as PDF, one file per document.',
        'options': [
            (('--output', '-o'), True, (), '', 'File for one PDF (- for stdout), or directory for many.', False),
            (('--all',), False, (), '', 'Every one (or, with filters, every match).', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'BILLED', 'DELETED'), '', "Only purchase orders with this status (Xero's endpoint takes one).", True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'purchase-orders history': {
        'help': "A purchase order's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'purchase-orders note': {
        'help': "Add a note to a purchase order's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'credit-notes': {
        'help': 'Work with credit notes in Xero.',
        'commands': {
            'list': 'List credit notes.',
            'get': 'Show one credit note by CreditNoteID or CreditNoteNumber.',
            'create': 'Create credit notes from options or a file.',
            'update': 'Change fields of one credit note: only the fields given are sent.',
            'attachments': 'List the files attached to a credit note.',
            'attach': 'Attach files to a credit note (a file of the same name is replaced).',
            'download': "Download a credit note's attachments, byte for byte.",
            'pdf': 'Save credit notes as PDF, one file per document.',
            'history': "A credit note's history: each change, who and when.",
            'note': "Add a note to a credit note's history.",
            'allocate': "Allocate a credit note's credit to an invoice.",
            'unallocate': "Delete one allocation of a credit note's credit.",
            'refund': "Refund a credit note's credit to its contact (a payment).",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'credit-notes list': {
        'help': 'List credit notes.',
        'options': [
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('ACCRECCREDIT', 'ACCPAYCREDIT'), '', 'ACCRECCREDIT (sales) or ACCPAYCREDIT (bills). Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'credit-notes get': {
        'help': 'Show one credit note by CreditNoteID or CreditNoteNumber.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'credit-notes create': {
        'help': 'Create credit notes from options or a file.',
        'options': [
            (('--type',), True, ('ACCRECCREDIT', 'ACCPAYCREDIT'), '', 'ACCRECCREDIT (sales, default) or ACCPAYCREDIT.', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--tracking',), True, (), '', 'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--number',), True, (), '', 'Credit note number.', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED'), '', 'DRAFT (default), SUBMITTED or AUTHORISED.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'credit-notes update': {
        'help': 'Change fields of one credit note: only the fields given are sent.',
        'options': [
            (('--type',), True, ('ACCRECCREDIT', 'ACCPAYCREDIT'), '', 'ACCRECCREDIT (sales) or ACCPAYCREDIT.', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--number',), True, (), '', 'Credit note number.', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED'), '', 'DRAFT, SUBMITTED or AUTHORISED.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'credit-notes attachments': {
        'help': 'List the files attached to a credit note.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'credit-notes attach': {
        'help': 'Attach files to a credit note (a file of the same name is replaced).',
        'options': [
            (('--include-online',), False, (), '', 'Show the files to the customer with the online document.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'credit-notes download': {
        'help': "Download a credit note's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'credit-notes pdf': {
        'help': 'Save credit notes as PDF, one file per document.',
        'options': [
            (('--output', '-o'), True, (), '', 'File for one PDF (- for stdout), or directory for many.', False),
            (('--all',), False, (), '', 'Every one (or, with filters, every match).', False),
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('ACCRECCREDIT', 'ACCPAYCREDIT'), '', 'ACCRECCREDIT (sales) or ACCPAYCREDIT (bills). Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'credit-notes history': {
        'help': "A credit note's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'credit-notes note': {
        'help': "Add a note to a credit note's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'credit-notes allocate': {
        'help': "Allocate a credit note's credit to an invoice.",
        'options': [
            (('--invoice',), True, (), '', 'The invoice (number or ID) the credit pays.', False),
            (('--amount',), True, (), '', "How much to allocate, in the record's currency.", False),
            (('--date',), True, (), '', 'Allocation date (default today).', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'credit-notes unallocate': {
        'help': "Delete one allocation of a credit note's credit.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('allocation', (), '', 1),
        ],
    },
    'credit-notes refund': {
        'help': "Refund a credit note's credit to its contact (a payment).",
        'options': [
            (('--account',), True, (), '', 'Bank account code or ID the refund is paid from.', False),
            (('--amount',), True, (), '', 'How much to pay back.', False),
            (('--date',), True, (), '', 'Refund date (default today).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'manual-journals': {
        'help': 'Work with manual journals in Xero.',
        'commands': {
            'list': 'List manual journals.',
            'get': 'Show one manual journal by ManualJournalID.',
            'create': 'Create manual journals from options or a file.',
            'attachments': 'List the files attached to a manual journal.',
            'attach': 'Attach files to a manual journal (a file of the same name is replaced).',
            'download': "Download a manual journal's attachments, byte for byte.",
            'history': "A manual journal's history: each change, who and when.",
            'note': "Add a note to a manual journal's history.",
            'post': 'Post a draft manual journal to the ledger.',
            'void': 'Void a posted manual journal.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'manual-journals list': {
        'help': 'List manual journals.',
        'options': [
            (('--status',), True, ('DRAFT', 'POSTED', 'DELETED', 'VOIDED', 'ARCHIVED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'manual-journals get': {
        'help': 'Show one manual journal by ManualJournalID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'manual-journals create': {
        'help': 'Create manual journals from options or a file.',
        'options': [
            (('--narration',), True, (), '', 'What the journal is for (required).', False),
            (('--line',), True, (), '', 'A line: "description,amount,account code[,tax type]"; a positive amount is a debit, a negative one a credit (repeatable; the lines must balance).', True),
            (('--tracking',), True, (), '', 'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD; default today).', False),
            (('--status',), True, ('DRAFT', 'POSTED'), '', 'DRAFT (default) or POSTED.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'NoTax (default), Exclusive or Inclusive.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'manual-journals attachments': {
        'help': 'List the files attached to a manual journal.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'manual-journals attach': {
        'help': 'Attach files to a manual journal (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'manual-journals download': {
        'help': "Download a manual journal's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'manual-journals history': {
        'help': "A manual journal's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'manual-journals note': {
        'help': "Add a note to a manual journal's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'manual-journals post': {
        'help': 'Post a draft manual journal to the ledger.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'manual-journals void': {
        'help': 'Void a posted manual journal.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tax-rates': {
        'help': 'Work with tax rates in Xero.',
        'commands': {
            'list': 'List tax rates.',
            'get': 'Show one tax rate by TaxType.',
            'create': 'Create tax rates from options or a file.',
            'update': 'Change fields of one tax rate: only the fields given are sent.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tax-rates list': {
        'help': 'List tax rates.',
        'options': [
            (('--status',), True, ('ACTIVE', 'DELETED', 'ARCHIVED', 'PENDING'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, (), '', 'Only this tax type, e.g. OUTPUT2. Repeat or comma-separate for several.', True),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tax-rates get': {
        'help': 'Show one tax rate by TaxType.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tax-rates create': {
        'help': 'Create tax rates from options or a file.',
        'options': [
            (('--name',), True, (), '', 'Name of the rate (unique), e.g. Reduced VAT.', False),
            (('--component',), True, (), '', 'A component: "name,rate[,compound]", the rate a percentage to 4 places (repeatable; the rate is their sum, a compound one applied on the others).', True),
            (('--report-tax-type',), True, ('OUTPUT', 'INPUT', 'EXEMPTOUTPUT', 'EXEMPTINPUT', 'NONE', 'ECOUTPUT', 'ECINPUT', 'GSTONIMPORTS', 'CAPITALSALESOUTPUT', 'CAPITALEXPENSESINPUT'), '', "How the tax return reports it, e.g. OUTPUT or INPUT (the country's list).", False),
            (('--status',), True, ('ACTIVE', 'DELETED'), '', "ACTIVE (a new rate's) or DELETED (`update KEY --status DELETED` deletes it).", False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tax-rates update': {
        'help': 'Change fields of one tax rate: only the fields given are sent.',
        'options': [
            (('--name',), True, (), '', 'Name of the rate (unique), e.g. Reduced VAT.', False),
            (('--report-tax-type',), True, ('OUTPUT', 'INPUT', 'EXEMPTOUTPUT', 'EXEMPTINPUT', 'NONE', 'ECOUTPUT', 'ECINPUT', 'GSTONIMPORTS', 'CAPITALSALESOUTPUT', 'CAPITALEXPENSESINPUT'), '', "How the tax return reports it, e.g. OUTPUT or INPUT (the country's list).", False),
            (('--status',), True, ('ACTIVE', 'DELETED'), '', "ACTIVE (a new rate's) or DELETED (`update KEY --status DELETED` deletes it).", False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contact-groups': {
        'help': 'Work with contact groups in Xero.',
        'commands': {
            'list': 'List contact groups.',
            'get': 'Show one contact group by ContactGroupID.',
            'create': 'Create contact groups from options or a file.',
            'update': 'Change fields of one contact group: only the fields given are sent.',
            'delete': 'Delete a contact group (its contacts stay).',
            'add': 'Add contacts to a group.',
            'remove': 'Remove contacts from a group (one request each).',
            'clear': 'Remove every contact from a group (one request; the group stays).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'contact-groups list': {
        'help': 'List contact groups.',
        'options': [
            (('--status',), True, ('ACTIVE', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'contact-groups get': {
        'help': 'Show one contact group by ContactGroupID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contact-groups create': {
        'help': 'Create contact groups from options or a file.',
        'options': [
            (('--name',), True, (), '', 'Name of the group (unique).', False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'contact-groups update': {
        'help': 'Change fields of one contact group: only the fields given are sent.',
        'options': [
            (('--name',), True, (), '', 'Name of the group (unique).', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contact-groups delete': {
        'help': 'Delete a contact group (its contacts stay).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'contact-groups add': {
        'help': 'Add contacts to a group.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('items', (), '', -1),
        ],
    },
    'contact-groups remove': {
        'help': 'Remove contacts from a group (one request each).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('items', (), '', -1),
        ],
    },
    'contact-groups clear': {
        'help': 'Remove every contact from a group (one request; the group stays).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tracking-categories': {
        'help': 'Work with tracking categories in Xero.',
        'commands': {
            'list': 'List tracking categories.',
            'get': 'Show one tracking category by TrackingCategoryID.',
            'create': 'Create tracking categories from options or a file.',
            'update': 'Change fields of one tracking category: only the fields given are sent.',
            'archive': 'Archive a tracking category (its options stay on lines).',
            'restore': 'Make an archived tracking category active again.',
            'delete': 'Delete a tracking category (Xero refuses one in use: archive it).',
            'add-options': 'Add options to a tracking category.',
            'rename-option': 'Rename an option of a tracking category.',
            'delete-options': 'Delete options of a tracking category (one request each).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tracking-categories list': {
        'help': 'List tracking categories.',
        'options': [
            (('--status',), True, ('ACTIVE', 'ARCHIVED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--include-archived',), False, (), '', 'Archived categories too (Xero leaves them out otherwise).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tracking-categories get': {
        'help': 'Show one tracking category by TrackingCategoryID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tracking-categories create': {
        'help': 'Create tracking categories from options or a file.',
        'options': [
            (('--name',), True, (), '', 'Name of the category, e.g. Region.', False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tracking-categories update': {
        'help': 'Change fields of one tracking category: only the fields given are sent.',
        'options': [
            (('--name',), True, (), '', 'Name of the category, e.g. Region.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tracking-categories archive': {
        'help': 'Archive a tracking category (its options stay on lines).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tracking-categories restore': {
        'help': 'Make an archived tracking category active again.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tracking-categories delete': {
        'help': 'Delete a tracking category (Xero refuses one in use: archive it).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'tracking-categories add-options': {
        'help': 'Add options to a tracking category.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('items', (), '', -1),
        ],
    },
    'tracking-categories rename-option': {
        'help': 'Rename an option of a tracking category.',
        'options': [
            (('--name',), True, (), '', 'The new Name.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('items', (), '', -1),
        ],
    },
    'tracking-categories delete-options': {
        'help': 'Delete options of a tracking category (one request each).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('items', (), '', -1),
        ],
    },
    'users': {
        'help': 'Work with users in Xero.',
        'commands': {
            'list': 'List users.',
            'get': 'Show one user by UserID.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'users list': {
        'help': 'List users.',
        'options': [
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'users get': {
        'help': 'Show one user by UserID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'currencies': {
        'help': 'Work with currencies in Xero.',
        'commands': {
            'list': 'List currencies.',
            'get': 'Show one currency by Code or Code.',
            'create': 'Create currencies from options or a file.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'currencies list': {
        'help': 'List currencies.',
        'options': [
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'currencies get': {
        'help': 'Show one currency by Code or Code.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'currencies create': {
        'help': 'Create currencies from options or a file.',
        'options': [
            (('--code',), True, (), '', 'ISO 4217 currency code, e.g. USD.', False),
            (('--description',), True, (), '', "Name (default: Xero's for the code).", False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'branding-themes': {
        'help': 'Work with branding themes in Xero.',
        'commands': {
            'list': 'List branding themes.',
            'get': 'Show one branding theme by BrandingThemeID.',
            'payment-services': "List the payment services a branding theme's invoices offer.",
            'add-payment-services': "Offer payment services on a branding theme's invoices.",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'branding-themes list': {
        'help': 'List branding themes.',
        'options': [
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'branding-themes get': {
        'help': 'Show one branding theme by BrandingThemeID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'branding-themes payment-services': {
        'help': "List the payment services a branding theme's invoices offer.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'branding-themes add-payment-services': {
        'help': "Offer payment services on a branding theme's invoices.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('items', (), '', -1),
        ],
    },
    'payment-services': {
        'help': 'Work with payment services in Xero.',
        'commands': {
            'list': 'List payment services.',
            'create': 'Create payment services from options or a file.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'payment-services list': {
        'help': 'List payment services.',
        'options': [
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'payment-services create': {
        'help': 'Create payment services from options or a file.',
        'options': [
            (('--name',), True, (), '', 'Name of the service.', False),
            (('--url',), True, (), '', 'Payment URL; Xero fills in [INVOICENUMBER] etc.', False),
            (('--pay-now-text',), True, (), '', "The button's text on invoices.", False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'invoice-reminders': {
        'help': 'Show the invoice reminder setting (one record), and its verbs.',
        'commands': {
        },
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'organisation': {
        'help': 'Show the organisation (one record), and its verbs.',
        'commands': {
            'actions': 'What the API may do in this organisation (ALLOWED or NOT-ALLOWED).',
            'cis-settings': "The organisation's construction industry scheme settings (UK).",
        },
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'organisation actions': {
        'help': 'What the API may do in this organisation (ALLOWED or NOT-ALLOWED).',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'organisation cis-settings': {
        'help': "The organisation's construction industry scheme settings (UK).",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'budgets': {
        'help': 'Work with budgets in Xero.',
        'commands': {
            'list': 'List budgets.',
            'get': 'Show one budget by BudgetID.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'budgets list': {
        'help': 'List budgets.',
        'options': [
            (('--from',), True, (), '', 'Periods from this date (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Periods up to this date (YYYY-MM-DD).', True),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'budgets get': {
        'help': 'Show one budget by BudgetID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'journals': {
        'help': 'Work with journals in Xero.',
        'commands': {
            'list': 'List journals.',
            'get': 'Show one journal by JournalID or JournalNumber.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'journals list': {
        'help': 'List journals.',
        'options': [
            (('--payments-only',), False, (), '', "Only the journals of payments (Xero's paymentsOnly).", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'journals get': {
        'help': 'Show one journal by JournalID or JournalNumber.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes': {
        'help': 'Work with quotes in Xero.',
        'commands': {
            'list': 'List quotes.',
            'get': 'Show one quote by QuoteID or QuoteNumber.',
            'create': 'Create quotes from options or a file.',
            'update': 'Change fields of one quote: only the fields given are sent.',
            'attachments': 'List the files attached to a quote.',
            'attach': 'Attach files to a quote (a file of the same name is replaced).',
            'download': "Download a quote's attachments, byte for byte.",
            'pdf': 'Save quotes as PDF, one file per document.',
            'history': "A quote's history: each change, who and when.",
            'note': "Add a note to a quote's history.",
            'send': 'Mark a draft quote sent to the customer.',
            'accept': 'Mark a sent quote accepted.',
            'decline': 'Mark a sent quote declined.',
            'delete': 'Delete a quote (Xero keeps it as DELETED).',
            'invoice': 'Make the sales invoice of an accepted quote; mark it INVOICED.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'quotes list': {
        'help': 'List quotes.',
        'options': [
            (('--status',), True, ('DRAFT', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'DELETED'), '', "Only quotes with this status (Xero's endpoint takes one).", True),
            (('--contact',), True, (), '', 'Only quotes to this ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--expiry-from',), True, (), '', 'Expiring on or after (YYYY-MM-DD).', True),
            (('--expiry-to',), True, (), '', 'Expiring on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'quotes get': {
        'help': 'Show one quote by QuoteID or QuoteNumber.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes create': {
        'help': 'Create quotes from options or a file.',
        'options': [
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--expiry-date',), True, (), '', 'Expiry date (YYYY-MM-DD).', False),
            (('--number',), True, (), '', "Quote number (default: Xero's next).", False),
            (('--title',), True, (), '', 'Title shown on the quote.', False),
            (('--summary',), True, (), '', 'Summary shown under the title.', False),
            (('--terms',), True, (), '', 'Terms and conditions.', False),
            (('--status',), True, ('DRAFT', 'SENT'), '', 'DRAFT (default) or SENT.', False),
            (('--line-amount-types',), True, ('EXCLUSIVE', 'INCLUSIVE', 'NOTAX'), '', "EXCLUSIVE, INCLUSIVE or NOTAX (a quote's are upper case).", False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'quotes update': {
        'help': 'Change fields of one quote: only the fields given are sent.',
        'options': [
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--currency-rate',), True, (), '', 'Units of currency per base currency.', False),
            (('--expiry-date',), True, (), '', 'Expiry date (YYYY-MM-DD).', False),
            (('--number',), True, (), '', 'Quote number.', False),
            (('--title',), True, (), '', 'Title shown on the quote.', False),
            (('--summary',), True, (), '', 'Summary shown under the title.', False),
            (('--terms',), True, (), '', 'Terms and conditions.', False),
            (('--status',), True, ('DRAFT', 'SENT'), '', 'DRAFT or SENT.', False),
            (('--line-amount-types',), True, ('EXCLUSIVE', 'INCLUSIVE', 'NOTAX'), '', "EXCLUSIVE, INCLUSIVE or NOTAX (a quote's are upper case).", False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes attachments': {
        'help': 'List the files attached to a quote.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes attach': {
        'help': 'Attach files to a quote (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'quotes download': {
        'help': "Download a quote's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'quotes pdf': {
        'help': 'Save quotes as PDF, one file per document.',
        'options': [
            (('--output', '-o'), True, (), '', 'File for one PDF (- for stdout), or directory for many.', False),
            (('--all',), False, (), '', 'Every one (or, with filters, every match).', False),
            (('--status',), True, ('DRAFT', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'DELETED'), '', "Only quotes with this status (Xero's endpoint takes one).", True),
            (('--contact',), True, (), '', 'Only quotes to this ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--expiry-from',), True, (), '', 'Expiring on or after (YYYY-MM-DD).', True),
            (('--expiry-to',), True, (), '', 'Expiring on or before (YYYY-MM-DD).', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes history': {
        'help': "A quote's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes note': {
        'help': "Add a note to a quote's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'quotes send': {
        'help': 'Mark a draft quote sent to the customer.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes accept': {
        'help': 'Mark a sent quote accepted.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes decline': {
        'help': 'Mark a sent quote declined.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes delete': {
        'help': 'Delete a quote (Xero keeps it as DELETED).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'quotes invoice': {
        'help': 'Make the sales invoice of an accepted quote; mark it INVOICED.',
        'options': [
            (('--status',), True, ('DRAFT', 'AUTHORISED'), '', "The invoice's status: DRAFT (default) or AUTHORISED.", False),
            (('--due-date',), True, (), '', 'Due date (YYYY-MM-DD; AUTHORISED needs one).', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'overpayments': {
        'help': 'Work with overpayments in Xero.',
        'commands': {
            'list': 'List overpayments.',
            'get': 'Show one overpayment by OverpaymentID.',
            'history': "An overpayment's history: each change, who and when.",
            'note': "Add a note to an overpayment's history.",
            'allocate': "Allocate an overpayment's credit to an invoice.",
            'unallocate': "Delete one allocation of an overpayment's credit.",
            'refund': "Refund an overpayment's credit to its contact (a payment).",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'overpayments list': {
        'help': 'List overpayments.',
        'options': [
            (('--status',), True, ('AUTHORISED', 'PAID', 'VOIDED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('RECEIVE-OVERPAYMENT', 'SPEND-OVERPAYMENT'), '', 'RECEIVE-OVERPAYMENT or SPEND-OVERPAYMENT. Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'overpayments get': {
        'help': 'Show one overpayment by OverpaymentID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'overpayments history': {
        'help': "An overpayment's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'overpayments note': {
        'help': "Add a note to an overpayment's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'overpayments allocate': {
        'help': "Allocate an overpayment's credit to an invoice.",
        'options': [
            (('--invoice',), True, (), '', 'The invoice (number or ID) the credit pays.', False),
            (('--amount',), True, (), '', "How much to allocate, in the record's currency.", False),
            (('--date',), True, (), '', 'Allocation date (default today).', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'overpayments unallocate': {
        'help': "Delete one allocation of an overpayment's credit.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('allocation', (), '', 1),
        ],
    },
    'overpayments refund': {
        'help': "Refund an overpayment's credit to its contact (a payment).",
        'options': [
            (('--account',), True, (), '', 'Bank account code or ID the refund is paid from.', False),
            (('--amount',), True, (), '', 'How much to pay back.', False),
            (('--date',), True, (), '', 'Refund date (default today).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'prepayments': {
        'help': 'Work with prepayments in Xero.',
        'commands': {
            'list': 'List prepayments.',
            'get': 'Show one prepayment by PrepaymentID.',
            'history': "A prepayment's history: each change, who and when.",
            'note': "Add a note to a prepayment's history.",
            'allocate': "Allocate a prepayment's credit to an invoice.",
            'unallocate': "Delete one allocation of a prepayment's credit.",
            'refund': "Refund a prepayment's credit to its contact (a payment).",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'prepayments list': {
        'help': 'List prepayments.',
        'options': [
            (('--status',), True, ('AUTHORISED', 'PAID', 'VOIDED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('RECEIVE-PREPAYMENT', 'SPEND-PREPAYMENT'), '', 'RECEIVE-PREPAYMENT or SPEND-PREPAYMENT. Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'prepayments get': {
        'help': 'Show one prepayment by PrepaymentID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'prepayments history': {
        'help': "A prepayment's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'prepayments note': {
        'help': "Add a note to a prepayment's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'prepayments allocate': {
        'help': "Allocate a prepayment's credit to an invoice.",
        'options': [
            (('--invoice',), True, (), '', 'The invoice (number or ID) the credit pays.', False),
            (('--amount',), True, (), '', "How much to allocate, in the record's currency.", False),
            (('--date',), True, (), '', 'Allocation date (default today).', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'prepayments unallocate': {
        'help': "Delete one allocation of a prepayment's credit.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('allocation', (), '', 1),
        ],
    },
    'prepayments refund': {
        'help': "Refund a prepayment's credit to its contact (a payment).",
        'options': [
            (('--account',), True, (), '', 'Bank account code or ID the refund is paid from.', False),
            (('--amount',), True, (), '', 'How much to pay back.', False),
            (('--date',), True, (), '', 'Refund date (default today).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transfers': {
        'help': 'Work with bank transfers in Xero.',
        'commands': {
            'list': 'List bank transfers.',
            'get': 'Show one bank transfer by BankTransferID.',
            'create': 'Create bank transfers from options or a file.',
            'attachments': 'List the files attached to a bank transfer.',
            'attach': 'Attach files to a bank transfer (a file of the same name is replaced).',
            'download': "Download a bank transfer's attachments, byte for byte.",
            'history': "A bank transfer's history: each change, who and when.",
            'note': "Add a note to a bank transfer's history.",
            'delete': 'Delete bank transfers (they leave the books); several in one request.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'bank-transfers list': {
        'help': 'List bank transfers.',
        'options': [
            (('--status',), True, ('AUTHORISED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--include-deleted',), False, (), '', 'Deleted transfers too (Xero leaves them out otherwise).', False),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'bank-transfers get': {
        'help': 'Show one bank transfer by BankTransferID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transfers create': {
        'help': 'Create bank transfers from options or a file.',
        'options': [
            (('--from',), True, (), '', 'Bank account code or ID paid from.', False),
            (('--to',), True, (), '', 'Bank account code or ID paid into.', False),
            (('--amount',), True, (), '', "Amount, in the From account's currency.", False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD; default today).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency-rate',), True, (), '', "From-account currency units per base currency unit, for a foreign account (default: Xero's rate).", False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'bank-transfers attachments': {
        'help': 'List the files attached to a bank transfer.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transfers attach': {
        'help': 'Attach files to a bank transfer (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'bank-transfers download': {
        'help': "Download a bank transfer's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'bank-transfers history': {
        'help': "A bank transfer's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'bank-transfers note': {
        'help': "Add a note to a bank transfer's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'bank-transfers delete': {
        'help': 'Delete bank transfers (they leave the books); several in one request.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('keys', (), '', -1),
        ],
    },
    'batch-payments': {
        'help': 'Work with batch payments in Xero.',
        'commands': {
            'list': 'List batch payments.',
            'get': 'Show one batch payment by BatchPaymentID.',
            'create': 'Create batch payments from options or a file.',
            'history': "A batch payment's history: each change, who and when.",
            'note': "Add a note to a batch payment's history.",
            'delete': 'Delete batch payments and each of their payments (the invoices reopen);...',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'batch-payments list': {
        'help': 'List batch payments.',
        'options': [
            (('--status',), True, ('AUTHORISED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('RECBATCH', 'PAYBATCH'), '', 'RECBATCH (sales) or PAYBATCH (bills). Repeat or comma-separate for several.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'batch-payments get': {
        'help': 'Show one batch payment by BatchPaymentID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'batch-payments create': {
        'help': 'Create batch payments from options or a file.',
        'options': [
            (('--account',), True, (), '', 'Bank account code or ID of the one line.', False),
            (('--pay',), True, (), '', 'An invoice paid: "invoice number or ID,amount" (repeatable; one kind and currency).', True),
            (('--date',), True, (), '', 'Payment date (YYYY-MM-DD; default today).', False),
            (('--reference',), True, (), '', 'Reference of the bank line.', False),
            (('--narrative',), True, (), '', 'Narrative (at most 18 characters).', False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'batch-payments history': {
        'help': "A batch payment's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'batch-payments note': {
        'help': "Add a note to a batch payment's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'batch-payments delete': {
        'help': 'Delete batch payments and each of their payments (the invoices reopen);...',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('keys', (), '', -1),
        ],
    },
    'repeating-invoices': {
        'help': 'Work with repeating invoices in Xero.',
        'commands': {
            'list': 'List repeating invoices.',
            'get': 'Show one repeating invoice by RepeatingInvoiceID.',
            'create': 'Create repeating invoices from options or a file.',
            'update': 'Change fields of one repeating invoice: only the fields given are sent.',
            'attachments': 'List the files attached to a repeating invoice.',
            'attach': 'Attach files to a repeating invoice (a file of the same name is replaced).',
            'download': "Download a repeating invoice's attachments, byte for byte.",
            'history': "A repeating invoice's history: each change, who and when.",
            'note': "Add a note to a repeating invoice's history.",
            'delete': 'Delete a repeating invoice (no more invoices).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'repeating-invoices list': {
        'help': 'List repeating invoices.',
        'options': [
            (('--status',), True, ('DRAFT', 'AUTHORISED', 'DELETED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales) or ACCPAY (bills). Repeat or comma-separate for several.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'repeating-invoices get': {
        'help': 'Show one repeating invoice by RepeatingInvoiceID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'repeating-invoices create': {
        'help': 'Create repeating invoices from options or a file.',
        'options': [
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales, default) or ACCPAY (bill).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--every',), True, ('WEEKLY', 'MONTHLY'), '', 'WEEKLY or MONTHLY (required).', False),
            (('--period',), True, (), '', 'Every how many weeks or months (default 1).', False),
            (('--start-date',), True, (), '', 'First invoice date (YYYY-MM-DD).', False),
            (('--end-date',), True, (), '', 'Last invoice date (YYYY-MM-DD).', False),
            (('--due-days',), True, (), '', 'Due this many days (or on this day).', False),
            (('--due-type',), True, ('DAYSAFTERBILLDATE', 'DAYSAFTERBILLMONTH', 'DAYSAFTERINVOICEDATE', 'DAYSAFTERINVOICEMONTH', 'OFCURRENTMONTH', 'OFFOLLOWINGMONTH'), '', 'How --due-days counts: DAYSAFTERBILLDATE (default), OFFOLLOWINGMONTH, ...', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--status',), True, ('DRAFT', 'AUTHORISED'), '', 'DRAFT (default) or AUTHORISED.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'repeating-invoices update': {
        'help': 'Change fields of one repeating invoice: only the fields given are sent.',
        'options': [
            (('--type',), True, ('ACCREC', 'ACCPAY'), '', 'ACCREC (sales) or ACCPAY (bill).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--every',), True, ('WEEKLY', 'MONTHLY'), '', 'WEEKLY or MONTHLY.', False),
            (('--period',), True, (), '', 'Every how many weeks or months.', False),
            (('--start-date',), True, (), '', 'First invoice date (YYYY-MM-DD).', False),
            (('--end-date',), True, (), '', 'Last invoice date (YYYY-MM-DD).', False),
            (('--due-days',), True, (), '', 'Due this many days (or on this day).', False),
            (('--due-type',), True, ('DAYSAFTERBILLDATE', 'DAYSAFTERBILLMONTH', 'DAYSAFTERINVOICEDATE', 'DAYSAFTERINVOICEMONTH', 'OFCURRENTMONTH', 'OFFOLLOWINGMONTH'), '', 'How --due-days counts: DAYSAFTERBILLDATE, OFFOLLOWINGMONTH,...', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--currency',), True, (), '', 'Currency code, e.g. USD.', False),
            (('--status',), True, ('DRAFT', 'AUTHORISED'), '', 'DRAFT or AUTHORISED.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'repeating-invoices attachments': {
        'help': 'List the files attached to a repeating invoice.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'repeating-invoices attach': {
        'help': 'Attach files to a repeating invoice (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'repeating-invoices download': {
        'help': "Download a repeating invoice's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'repeating-invoices history': {
        'help': "A repeating invoice's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'repeating-invoices note': {
        'help': "Add a note to a repeating invoice's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'repeating-invoices delete': {
        'help': 'Delete a repeating invoice (no more invoices).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'linked-transactions': {
        'help': 'Work with linked transactions in Xero.',
        'commands': {
            'list': 'List linked transactions.',
            'get': 'Show one linked transaction by LinkedTransactionID.',
            'create': 'Create linked transactions from options or a file.',
            'update': 'Change fields of one linked transaction: only the fields given are sent.',
            'delete': 'Delete a linked transaction (Xero removes it).',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'linked-transactions list': {
        'help': 'List linked transactions.',
        'options': [
            (('--status',), True, ('DRAFT', 'APPROVED', 'ONDRAFT', 'BILLED', 'VOIDED'), '', "Only links with this status (Xero's endpoint takes one).", True),
            (('--contact',), True, (), '', 'Only links to bill to this ContactID.', True),
            (('--source',), True, (), '', 'Only links from this bill or spend.', True),
            (('--target',), True, (), '', 'Only links billed on this invoice.', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'linked-transactions get': {
        'help': 'Show one linked transaction by LinkedTransactionID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'linked-transactions create': {
        'help': 'Create linked transactions from options or a file.',
        'options': [
            (('--source',), True, (), '', 'The bill (ACCPAY) or SPEND it is from.', False),
            (('--source-line',), True, (), '', 'The LineItemID of the billable line.', False),
            (('--contact',), True, (), '', 'The customer (ContactID) to bill it to.', False),
            (('--target',), True, (), '', 'The sales invoice it is billed on.', False),
            (('--target-line',), True, (), '', 'The LineItemID on that invoice.', False),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'linked-transactions update': {
        'help': 'Change fields of one linked transaction: only the fields given are sent.',
        'options': [
            (('--source',), True, (), '', 'The bill (ACCPAY) or SPEND it is from.', False),
            (('--source-line',), True, (), '', 'The LineItemID of the billable line.', False),
            (('--contact',), True, (), '', 'The customer (ContactID) to bill it to.', False),
            (('--target',), True, (), '', 'The sales invoice it is billed on.', False),
            (('--target-line',), True, (), '', 'The LineItemID on that invoice.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'linked-transactions delete': {
        'help': 'Delete a linked transaction (Xero removes it).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'receipts': {
        'help': 'Work with receipts in Xero.',
        'commands': {
            'list': 'List receipts.',
            'get': 'Show one receipt by ReceiptID.',
            'create': 'Create receipts from options or a file.',
            'update': 'Change fields of one receipt: only the fields given are sent.',
            'attachments': 'List the files attached to a receipt.',
            'attach': 'Attach files to a receipt (a file of the same name is replaced).',
            'download': "Download a receipt's attachments, byte for byte.",
            'history': "A receipt's history: each change, who and when.",
            'note': "Add a note to a receipt's history.",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'receipts list': {
        'help': 'List receipts.',
        'options': [
            (('--status',), True, ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'DECLINED', 'VOIDED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--user',), True, (), '', 'Only receipts of this UserID.', True),
            (('--contact',), True, (), '', 'Contact name or ContactID.', True),
            (('--from',), True, (), '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, (), '', 'Date on or before (YYYY-MM-DD).', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'receipts get': {
        'help': 'Show one receipt by ReceiptID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'receipts create': {
        'help': 'Create receipts from options or a file.',
        'options': [
            (('--user',), True, (), '', 'The UserID who spent it (`xero users list`).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--line',), True, (), '', 'A line: "description,quantity,unit amount,account code[,tax type]" (repeatable).', True),
            (('--tracking',), True, (), '', 'Tracking of every line: "Category=Option", e.g. "Region=North" (repeatable, at most two).', True),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--attach',), True, (), '', 'A file to attach to the new record (repeatable; with --file use its Attachment column).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'receipts update': {
        'help': 'Change fields of one receipt: only the fields given are sent.',
        'options': [
            (('--user',), True, (), '', 'The UserID who spent it (`xero users list`).', False),
            (('--contact',), True, (), '', 'Contact name or ContactID.', False),
            (('--date',), True, (), '', 'Date (YYYY-MM-DD).', False),
            (('--reference',), True, (), '', 'Reference.', False),
            (('--line-amount-types',), True, ('Exclusive', 'Inclusive', 'NoTax'), '', 'Exclusive, Inclusive or NoTax.', False),
            (('--file',), True, (), '', 'The change as one JSON or CSV record (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--dry-run',), False, (), '', 'Validate and print the change; look up and send nothing.', False),
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'receipts attachments': {
        'help': 'List the files attached to a receipt.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'receipts attach': {
        'help': 'Attach files to a receipt (a file of the same name is replaced).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('files', (), '', -1),
        ],
    },
    'receipts download': {
        'help': "Download a receipt's attachments, byte for byte.",
        'options': [
            (('--output', '-o'), True, (), '', 'Where to write: a file, or a directory (- for stdout: one file only).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('name', (), '', 1),
        ],
    },
    'receipts history': {
        'help': "A receipt's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'receipts note': {
        'help': "Add a note to a receipt's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'expense-claims': {
        'help': 'Work with expense claims in Xero.',
        'commands': {
            'list': 'List expense claims.',
            'get': 'Show one expense claim by ExpenseClaimID.',
            'create': 'Create expense claims from options or a file.',
            'history': "An expense claim's history: each change, who and when.",
            'note': "Add a note to an expense claim's history.",
            'authorise': 'Authorise a submitted claim (it posts).',
            'void': 'Void a claim that is not paid.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'expense-claims list': {
        'help': 'List expense claims.',
        'options': [
            (('--status',), True, ('SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED'), '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--user',), True, (), '', 'Only claims of this UserID.', True),
            (('--since',), True, (), '', 'Only records changed since this date/time (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--order',), True, (), '', "Xero order, e.g. 'Date DESC'.", False),
            (('--all',), False, (), '', 'Follow every page (streamed).', False),
            (('--limit',), True, (), '', 'At most N records (default 100).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'expense-claims get': {
        'help': 'Show one expense claim by ExpenseClaimID.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'expense-claims create': {
        'help': 'Create expense claims from options or a file.',
        'options': [
            (('--user',), True, (), '', 'The UserID whose receipts are claimed.', False),
            (('--receipt',), True, (), '', 'A draft receipt of that user, by ReceiptID (repeatable).', True),
            (('--file',), True, (), '', 'Records from a JSON, NDJSON or CSV file (- for stdin).', False),
            (('--format',), True, ('json', 'ndjson', 'csv'), '', 'json, ndjson or csv (default: from the file).', False),
            (('--upsert',), False, (), '', 'Update records that exist (by ID, or number) instead of failing: POST.', False),
            (('--idempotency-key',), True, (), '', 'Run the same command again with the same key to create nothing twice.', False),
            (('--dry-run',), False, (), '', 'Validate and print what would be sent; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'expense-claims history': {
        'help': "An expense claim's history: each change, who and when.",
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'expense-claims note': {
        'help': "Add a note to an expense claim's history.",
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
            ('text', (), '', 1),
        ],
    },
    'expense-claims authorise': {
        'help': 'Authorise a submitted claim (it posts).',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'expense-claims void': {
        'help': 'Void a claim that is not paid.',
        'options': [
            (('--idempotency-key',), True, (), '', 'Key that makes a retry a no-op.', False),
            (('--dry-run',), False, (), '', 'Find the record and say what would change; send nothing.', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('key', (), '', 1),
        ],
    },
    'sandbox': {
        'help': 'A local Xero emulator.',
        'commands': {
            'serve': 'Serve OAuth, /connections and the Accounting API of a seeded demo company.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'sandbox serve': {
        'help': 'Serve OAuth, /connections and the Accounting API of a seeded demo company.',
        'options': [
            (('--port',), True, (), '', 'Port on 127.0.0.1 (0 picks a free one).', False),
            (('--data',), True, (), 'file', "SQLite file for the sandbox's state (default: in the data dir).", False),
            (('--reset',), False, (), '', 'Delete the data file and seed anew.', False),
            (('--invoices',), True, (), '', 'Invoices per demo company from the generator; the quotes, credits and batches seeded beside them add a few of their own (a data file seeded with another count needs --reset).', False),
            (('--contacts',), True, (), '', 'Contacts per demo company.', False),
            (('--seed',), True, (), '', 'Seed for the deterministic demo data.', False),
            (('--token-ttl',), True, (), '', 'Access token lifetime, seconds.', False),
            (('--refresh-grace',), True, (), '', 'Seconds a used refresh token is still answered.', False),
            (('--minute-seconds',), True, (), '', "Length of a rate-limit 'minute' (a day is 1,440 of them).", False),
            (('--minute-limit',), True, (), '', 'Calls a minute per app and tenant.', False),
            (('--concurrent-limit',), True, (), '', 'Calls in flight per app and tenant.', False),
            (('--day-limit',), True, (), '', 'Calls a day per app+tenant.', False),
            (('--app-minute-limit',), True, (), '', 'Calls a minute per app, all tenants.', False),
            (('--latency-ms',), True, (), '', 'Added latency per API call.', False),
            (('--error-rate',), True, (), '', 'Share of API calls answered 500.', False),
            (('--unavailable-rate',), True, (), '', 'Share answered 503 (maintenance).', False),
            (('--drop-rate',), True, (), '', 'Share cut off mid-response.', False),
            (('--fault-seed',), True, (), '', 'Seed for the fault dice, for repeatable runs.', False),
            (('--deny-consent',), False, (), '', 'Refuse every login.', False),
            (('--us-company',), False, (), '', 'Add Demo Company (US) beside the two demo companies (USD, a US chart and sales tax rates, its 1099 setup); once added, a data file keeps it.', False),
            (('--verbose',), False, (), '', 'Log each request on stderr.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'auth': {
        'help': 'Log in to Xero, show the login, print a token.',
        'commands': {
            'login': 'Log in: a browser login with PKCE (default) or a custom connection.',
            'status': 'Show the profile, login, organisations, scopes, token expiry and storage.',
            'token': 'Print a valid access token (refreshed first if needed) and nothing else.',
            'logout': "Revoke the profile's refresh token at Xero and remove its secrets from storage.",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'auth login': {
        'help': 'Log in: a browser login with PKCE (default) or a custom connection.',
        'options': [
            (('--client-id',), True, (), '', "The app's client id (else XERO_CLIENT_ID, else the profile, else a sandbox's demo app when XERO_SANDBOX_URL or --sandbox-url is set).", False),
            (('--client-credentials',), False, (), '', 'Log in as a custom connection (client id and secret; the secret from XERO_CLIENT_SECRET, the keyring or a hidden prompt, never a flag).', False),
            (('--port',), True, (), '', "Loopback port of the redirect URI (default 8749 or the profile's).", False),
            (('--timeout',), True, (), '', "Seconds to wait for the browser's answer.", False),
            (('--no-browser',), False, (), '', 'Print the login URL on stderr instead of opening a browser.', False),
            (('--scopes',), True, (), '', 'Space-separated scopes, instead of the default set.', False),
            (('--legacy-scopes',), False, (), '', 'Ask for the legacy scopes (apps made before March 2026).', False),
            (('--ask-secret',), False, (), '', 'The app has a client secret: ask for it (hidden) unless XERO_CLIENT_SECRET is set.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'auth status': {
        'help': 'Show the profile, login, organisations, scopes, token expiry and storage.',
        'options': [
            (('--json',), False, (), '', 'As JSON.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'auth token': {
        'help': 'Print a valid access token (refreshed first if needed) and nothing else.',
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'auth logout': {
        'help': "Revoke the profile's refresh token at Xero and remove its secrets from storage.",
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tenants': {
        'help': 'Organisations (tenants): list, select.',
        'commands': {
            'list': 'List the connected organisations; `selected` marks the one commands use.',
            'select': "Select the organisation this profile's commands use (with --sandbox: the...",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tenants list': {
        'help': 'List the connected organisations; `selected` marks the one commands use.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'tenants select': {
        'help': "Select the organisation this profile's commands use (with --sandbox: the...",
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('tenant', (), '', 1),
        ],
    },
    'reports': {
        'help': "Xero's reports (trial balance, profit and loss, balance sheet, aged, bank,...",
        'commands': {
            'trial-balance': 'Debit or credit of every account, for the month and the year to date.',
            'profit-and-loss': 'Income, cost of sales, expenses and net profit for a period (and earlier ones).',
            'balance-sheet': 'Assets, liabilities and equity as at a date (and earlier ones).',
            'aged-receivables': 'What customers owe as at a date, aged by due date (per contact or per invoice).',
            'aged-payables': 'What is owed to suppliers as at a date, aged by due date.',
            'bank-summary': "Each bank account's opening balance, money in and out, and closing balance.",
            'budget-summary': "The overall budget, a column per period from --date's month.",
            'executive-summary': 'Cash, profitability, position and performance: a month beside the one before.',
            'ten-ninety-nine': 'US 1099 amounts paid to contractors in a year (US organisations only).',
            'published': 'The published reports (GST, BAS or VAT returns); with an ID, its rows.',
            'consolidate': 'One report across organisations: a column each, eliminations and consolidated.',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports trial-balance': {
        'help': 'Debit or credit of every account, for the month and the year to date.',
        'options': [
            (('--date',), True, (), '', 'As at this date (YYYY-MM-DD; default today).', False),
            (('--payments-only',), False, (), '', 'Cash basis (only what is paid).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports profit-and-loss': {
        'help': 'Income, cost of sales, expenses and net profit for a period (and earlier ones).',
        'options': [
            (('--from',), True, (), '', "First day (YYYY-MM-DD; default the 1st of --to's month).", False),
            (('--to',), True, (), '', 'Last day (YYYY-MM-DD; default today).', False),
            (('--periods',), True, (), '', 'Earlier periods to compare, a column each (1-12).', False),
            (('--timeframe',), True, (), '', 'Length of each period: MONTH, QUARTER or YEAR.', False),
            (('--tracking-category',), True, (), '', 'A column per option of this tracking category (its ID).', False),
            (('--tracking-category-2',), True, (), '', 'A second category (its ID).', False),
            (('--tracking-option',), True, (), '', 'Only lines with this option (ID).', False),
            (('--tracking-option-2',), True, (), '', 'And with this option (ID).', False),
            (('--standard-layout',), False, (), '', "Xero's standard layout, not a custom one.", False),
            (('--payments-only',), False, (), '', 'Cash basis (only what is paid).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports balance-sheet': {
        'help': 'Assets, liabilities and equity as at a date (and earlier ones).',
        'options': [
            (('--date',), True, (), '', 'As at this date (YYYY-MM-DD; default today).', False),
            (('--periods',), True, (), '', 'Earlier periods to compare, a column each (1-12).', False),
            (('--timeframe',), True, (), '', 'Length of each period: MONTH, QUARTER or YEAR.', False),
            (('--tracking-option',), True, (), '', 'Only lines with this option (ID).', False),
            (('--tracking-option-2',), True, (), '', 'And with this option (ID).', False),
            (('--standard-layout',), False, (), '', "Xero's standard layout, not a custom one.", False),
            (('--payments-only',), False, (), '', 'Cash basis (only what is paid).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports aged-receivables': {
        'help': 'What customers owe as at a date, aged by due date (per contact or per invoice).',
        'options': [
            (('--contact',), True, (), '', "One contact's documents (its ContactID).", False),
            (('--date',), True, (), '', 'As at this date (YYYY-MM-DD; default today).', False),
            (('--from',), True, (), '', 'Only documents dated from this day (YYYY-MM-DD).', False),
            (('--to',), True, (), '', 'Only documents dated up to this day (YYYY-MM-DD).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports aged-payables': {
        'help': 'What is owed to suppliers as at a date, aged by due date.',
        'options': [
            (('--contact',), True, (), '', "One contact's documents (its ContactID).", False),
            (('--date',), True, (), '', 'As at this date (YYYY-MM-DD; default today).', False),
            (('--from',), True, (), '', 'Only documents dated from this day (YYYY-MM-DD).', False),
            (('--to',), True, (), '', 'Only documents dated up to this day (YYYY-MM-DD).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports bank-summary': {
        'help': "Each bank account's opening balance, money in and out, and closing balance.",
        'options': [
            (('--from',), True, (), '', "First day (YYYY-MM-DD; default the 1st of --to's month).", False),
            (('--to',), True, (), '', 'Last day (YYYY-MM-DD; default today).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports budget-summary': {
        'help': "The overall budget, a column per period from --date's month.",
        'options': [
            (('--date',), True, (), '', "The first period is this date's month (YYYY-MM-DD).", False),
            (('--periods',), True, (), '', 'How many periods (1-12).', False),
            (('--timeframe',), True, (), '', 'Each period: MONTH, QUARTER or YEAR.', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports executive-summary': {
        'help': 'Cash, profitability, position and performance: a month beside the one before.',
        'options': [
            (('--date',), True, (), '', 'The month of this date (YYYY-MM-DD; default today).', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports ten-ninety-nine': {
        'help': 'US 1099 amounts paid to contractors in a year (US organisations only).',
        'options': [
            (('--year',), True, (), '', 'The tax year, e.g. 2026.', False),
            (('--param', '-p'), True, (), '', 'Any other Xero parameter, KEY=VALUE (repeatable).', True),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'reports published': {
        'help': 'The published reports (GST, BAS or VAT returns); with an ID, its rows.',
        'options': [
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('report_id', (), '', 1),
        ],
    },
    'reports consolidate': {
        'help': 'One report across organisations: a column each, eliminations and consolidated.',
        'options': [
            (('--tenants',), True, (), '', 'Organisations to consolidate, names or IDs, comma-separated.', False),
            (('--all-tenants',), False, (), '', 'Every connected organisation.', False),
            (('--currency',), True, (), '', 'The reporting currency, e.g. NZD.', False),
            (('--rates',), True, (), '', 'CSV of date,currency,rate (reporting units per unit).', False),
            (('--map',), True, (), '', 'CSV of organisation,account code,group account.', False),
            (('--eliminate',), True, (), '', 'An intercompany pair ORG:CODE=ORG:CODE, or ORG:@CONTACT=ORG:@CONTACT (repeatable).', True),
            (('--date',), True, (), '', 'As at (YYYY-MM-DD; default today).', False),
            (('--from',), True, (), '', 'P&L first day (default the 1st).', False),
            (('--to',), True, (), '', 'P&L last day (default today).', False),
            (('--output', '-o'), True, ('table', 'json', 'ndjson', 'csv', 'tsv', 'xlsx'), '', 'table, json, ndjson, csv, tsv or xlsx (a workbook, to a file: > out.xlsx; default: table on a terminal, json when piped).', False),
            (('--json',), False, (), '', 'Short for --output json.', False),
            (('--fields',), True, (), '', 'Comma-separated fields to show, dotted for nested (Contact.Name).', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('kind', (), '', 1),
        ],
    },
    'webhooks': {
        'help': 'Receive, forward and trigger Xero webhook deliveries.',
        'commands': {
            'listen': 'Receive deliveries, verify x-xero-signature, print every event as an NDJSON...',
            'trigger': 'Make the sandbox send a signed test delivery (signed with XERO_WEBHOOK_KEY).',
            'subscribe': 'Make the sandbox send a URL a delivery when invoices, contacts or credit...',
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'webhooks listen': {
        'help': 'Receive deliveries, verify x-xero-signature, print every event as an NDJSON...',
        'options': [
            (('--host',), True, (), '', 'Address to listen on.', False),
            (('--port',), True, (), '', 'Port to listen on (0 picks a free one).', False),
            (('--path',), True, (), '', 'The path Xero posts to.', False),
            (('--forward-to',), True, (), '', 'Relay each verified delivery, re-signed, to this URL.', False),
            (('--fetch',), False, (), '', "Print each event's invoice, contact or credit note instead of the event.", False),
            (('--max-body',), True, (), '', 'Largest body accepted, in bytes (else 413).', False),
            (('--read-timeout',), True, (), '', 'Seconds a client has to send its body, and the longest pause it may make (408).', False),
            (('--header-timeout',), True, (), '', 'Seconds a client has to send its request line and headers, in all (408).', False),
            (('--max-connections',), True, (), '', 'Open connections served at once; past them a new one is answered 503.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'webhooks trigger': {
        'help': 'Make the sandbox send a signed test delivery (signed with XERO_WEBHOOK_KEY).',
        'options': [
            (('--to',), True, (), '', "Receiver URL (default: the sandbox's subscriptions).", False),
            (('--category',), True, ('INVOICE', 'CONTACT', 'CREDITNOTE'), '', 'INVOICE, CONTACT or CREDITNOTE.', False),
            (('--event-type',), True, ('CREATE', 'UPDATE'), '', 'CREATE or UPDATE.', False),
            (('--resource-id',), True, (), '', "The record the event names (default: one of the sandbox's).", False),
            (('--tenant-id',), True, (), '', "The organisation (default: the sandbox's first).", False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'webhooks subscribe': {
        'help': 'Make the sandbox send a URL a delivery when invoices, contacts or credit...',
        'options': [
            (('--to',), True, (), '', "Receiver URL for the sandbox's deliveries.", False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'export': {
        'help': 'Export every record of an object to CSV or NDJSON, in fixed documented columns.',
        'commands': {
            'csv': 'Export OBJECT as CSV (RFC 4180, UTF-8, one header row, fixed columns).',
            'ndjson': 'Export OBJECT as NDJSON: one object per row, keyed by the same columns as CSV.',
            'xlsx': 'Export OBJECT as an Excel workbook (needs xerocli[xlsx]): the CSV columns,...',
            'columns': "Print OBJECT's export columns, one a line, in file order.",
        },
        'options': [
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
        ],
    },
    'export csv': {
        'help': 'Export OBJECT as CSV (RFC 4180, UTF-8, one header row, fixed columns).',
        'options': [
            (('--output', '-o'), True, (), '', "File to write ('-' for stdout). {tenant} in the name: one file per organisation.", False),
            (('--lines',), False, (), '', 'One row per line (LineItem.* or JournalLine.* columns).', False),
            (('--fields',), True, (), '', 'Columns to write, in this order (A,B,...).', False),
            (('--excel',), False, (), '', "UTF-8 BOM and 'YYYY-MM-DD HH:MM:SS' times, for Excel.", False),
            (('--incremental',), False, (), '', 'Only records changed since the last --incremental run (mark kept in the state dir).', False),
            (('--all-tenants',), False, (), '', 'Every connected organisation, with TenantId/TenantName columns.', False),
            (('--since',), True, (), '', 'Only records changed since (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--status',), True, {'': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED', 'ACTIVE', 'ARCHIVED', 'GDPRREQUEST', 'BILLED', 'POSTED', 'PENDING', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'APPROVED', 'ONDRAFT'), 'invoices': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), 'contacts': ('ACTIVE', 'ARCHIVED', 'GDPRREQUEST'), 'accounts': ('ACTIVE', 'ARCHIVED', 'DELETED'), 'bank-transactions': ('AUTHORISED', 'DELETED', 'VOIDED'), 'payments': ('AUTHORISED', 'DELETED'), 'items': (), 'purchase-orders': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'BILLED', 'DELETED'), 'credit-notes': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), 'manual-journals': ('DRAFT', 'POSTED', 'DELETED', 'VOIDED', 'ARCHIVED'), 'tax-rates': ('ACTIVE', 'DELETED', 'ARCHIVED', 'PENDING'), 'contact-groups': ('ACTIVE', 'DELETED'), 'tracking-categories': ('ACTIVE', 'ARCHIVED'), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': ('DRAFT', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'DELETED'), 'overpayments': ('AUTHORISED', 'PAID', 'VOIDED'), 'prepayments': ('AUTHORISED', 'PAID', 'VOIDED'), 'bank-transfers': ('AUTHORISED', 'DELETED'), 'batch-payments': ('AUTHORISED', 'DELETED'), 'repeating-invoices': ('DRAFT', 'AUTHORISED', 'DELETED'), 'linked-transactions': ('DRAFT', 'APPROVED', 'ONDRAFT', 'BILLED', 'VOIDED'), 'receipts': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'DECLINED', 'VOIDED'), 'expense-claims': ('SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED')}, '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, {'': ('ACCREC', 'ACCPAY', 'BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG', 'RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER', 'ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT', 'ACCRECCREDIT', 'ACCPAYCREDIT', 'RECBATCH', 'PAYBATCH'), 'invoices': ('ACCREC', 'ACCPAY'), 'contacts': (), 'accounts': ('BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG'), 'bank-transactions': ('RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER'), 'payments': ('ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT'), 'items': (), 'purchase-orders': (), 'credit-notes': ('ACCRECCREDIT', 'ACCPAYCREDIT'), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': ('RECEIVE-OVERPAYMENT', 'SPEND-OVERPAYMENT'), 'prepayments': ('RECEIVE-PREPAYMENT', 'SPEND-PREPAYMENT'), 'bank-transfers': (), 'batch-payments': ('RECBATCH', 'PAYBATCH'), 'repeating-invoices': ('ACCREC', 'ACCPAY'), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only records of this type (e.g. ACCREC); repeat or comma-separate for several.', True),
            (('--contact',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Contact name or ContactID.', True),
            (('--from',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Date on or before (YYYY-MM-DD).', True),
            (('--include-archived',), False, (), '', 'Every contact, archived too (Xero leaves ARCHIVED contacts out otherwise).', False),
            (('--payments-only',), False, (), '', "Only the journals of payments (Xero's paymentsOnly).", False),
            (('--expiry-from',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Expiring on or after (YYYY-MM-DD).', True),
            (('--expiry-to',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Expiring on or before (YYYY-MM-DD).', True),
            (('--include-deleted',), False, (), '', 'Deleted transfers too (Xero leaves them out otherwise).', False),
            (('--source',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only links from this bill or spend.', True),
            (('--target',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only links billed on this invoice.', True),
            (('--user',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only receipts of this UserID.', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('noun', ('invoices', 'contacts', 'accounts', 'bank-transactions', 'payments', 'items', 'purchase-orders', 'credit-notes', 'manual-journals', 'tax-rates', 'contact-groups', 'tracking-categories', 'users', 'currencies', 'branding-themes', 'payment-services', 'invoice-reminders', 'organisation', 'budgets', 'journals', 'quotes', 'overpayments', 'prepayments', 'bank-transfers', 'batch-payments', 'repeating-invoices', 'linked-transactions', 'receipts', 'expense-claims'), '', 1),
        ],
    },
    'export ndjson': {
        'help': 'Export OBJECT as NDJSON: one object per row, keyed by the same columns as CSV.',
        'options': [
            (('--output', '-o'), True, (), '', "File to write ('-' for stdout). {tenant} in the name: one file per organisation.", False),
            (('--lines',), False, (), '', 'One row per line (LineItem.* or JournalLine.* columns).', False),
            (('--fields',), True, (), '', 'Columns to write, in this order (A,B,...).', False),
            (('--incremental',), False, (), '', 'Only records changed since the last --incremental run (mark kept in the state dir).', False),
            (('--all-tenants',), False, (), '', 'Every connected organisation, with TenantId/TenantName columns.', False),
            (('--since',), True, (), '', 'Only records changed since (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--status',), True, {'': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED', 'ACTIVE', 'ARCHIVED', 'GDPRREQUEST', 'BILLED', 'POSTED', 'PENDING', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'APPROVED', 'ONDRAFT'), 'invoices': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), 'contacts': ('ACTIVE', 'ARCHIVED', 'GDPRREQUEST'), 'accounts': ('ACTIVE', 'ARCHIVED', 'DELETED'), 'bank-transactions': ('AUTHORISED', 'DELETED', 'VOIDED'), 'payments': ('AUTHORISED', 'DELETED'), 'items': (), 'purchase-orders': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'BILLED', 'DELETED'), 'credit-notes': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), 'manual-journals': ('DRAFT', 'POSTED', 'DELETED', 'VOIDED', 'ARCHIVED'), 'tax-rates': ('ACTIVE', 'DELETED', 'ARCHIVED', 'PENDING'), 'contact-groups': ('ACTIVE', 'DELETED'), 'tracking-categories': ('ACTIVE', 'ARCHIVED'), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': ('DRAFT', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'DELETED'), 'overpayments': ('AUTHORISED', 'PAID', 'VOIDED'), 'prepayments': ('AUTHORISED', 'PAID', 'VOIDED'), 'bank-transfers': ('AUTHORISED', 'DELETED'), 'batch-payments': ('AUTHORISED', 'DELETED'), 'repeating-invoices': ('DRAFT', 'AUTHORISED', 'DELETED'), 'linked-transactions': ('DRAFT', 'APPROVED', 'ONDRAFT', 'BILLED', 'VOIDED'), 'receipts': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'DECLINED', 'VOIDED'), 'expense-claims': ('SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED')}, '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, {'': ('ACCREC', 'ACCPAY', 'BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG', 'RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER', 'ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT', 'ACCRECCREDIT', 'ACCPAYCREDIT', 'RECBATCH', 'PAYBATCH'), 'invoices': ('ACCREC', 'ACCPAY'), 'contacts': (), 'accounts': ('BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG'), 'bank-transactions': ('RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER'), 'payments': ('ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT'), 'items': (), 'purchase-orders': (), 'credit-notes': ('ACCRECCREDIT', 'ACCPAYCREDIT'), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': ('RECEIVE-OVERPAYMENT', 'SPEND-OVERPAYMENT'), 'prepayments': ('RECEIVE-PREPAYMENT', 'SPEND-PREPAYMENT'), 'bank-transfers': (), 'batch-payments': ('RECBATCH', 'PAYBATCH'), 'repeating-invoices': ('ACCREC', 'ACCPAY'), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only records of this type (e.g. ACCREC); repeat or comma-separate for several.', True),
            (('--contact',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Contact name or ContactID.', True),
            (('--from',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Date on or before (YYYY-MM-DD).', True),
            (('--include-archived',), False, (), '', 'Every contact, archived too (Xero leaves ARCHIVED contacts out otherwise).', False),
            (('--payments-only',), False, (), '', "Only the journals of payments (Xero's paymentsOnly).", False),
            (('--expiry-from',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Expiring on or after (YYYY-MM-DD).', True),
            (('--expiry-to',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Expiring on or before (YYYY-MM-DD).', True),
            (('--include-deleted',), False, (), '', 'Deleted transfers too (Xero leaves them out otherwise).', False),
            (('--source',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only links from this bill or spend.', True),
            (('--target',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only links billed on this invoice.', True),
            (('--user',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only receipts of this UserID.', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('noun', ('invoices', 'contacts', 'accounts', 'bank-transactions', 'payments', 'items', 'purchase-orders', 'credit-notes', 'manual-journals', 'tax-rates', 'contact-groups', 'tracking-categories', 'users', 'currencies', 'branding-themes', 'payment-services', 'invoice-reminders', 'organisation', 'budgets', 'journals', 'quotes', 'overpayments', 'prepayments', 'bank-transfers', 'batch-payments', 'repeating-invoices', 'linked-transactions', 'receipts', 'expense-claims'), '', 1),
        ],
    },
    'export xlsx': {
        'help': 'Export OBJECT as an Excel workbook (needs xerocli[xlsx]): the CSV columns,...',
        'options': [
            (('--output', '-o'), True, (), '', "File to write ('-' for stdout). {tenant} in the name: one file per organisation.", False),
            (('--lines',), False, (), '', 'One row per line (LineItem.* or JournalLine.* columns).', False),
            (('--fields',), True, (), '', 'Columns to write, in this order (A,B,...).', False),
            (('--incremental',), False, (), '', 'Only records changed since the last --incremental run (mark kept in the state dir).', False),
            (('--all-tenants',), False, (), '', 'Every connected organisation, with TenantId/TenantName columns.', False),
            (('--since',), True, (), '', 'Only records changed since (If-Modified-Since).', False),
            (('--where',), True, (), '', "Raw Xero filter, e.g. 'AmountDue>1000'.", False),
            (('--status',), True, {'': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED', 'ACTIVE', 'ARCHIVED', 'GDPRREQUEST', 'BILLED', 'POSTED', 'PENDING', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'APPROVED', 'ONDRAFT'), 'invoices': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), 'contacts': ('ACTIVE', 'ARCHIVED', 'GDPRREQUEST'), 'accounts': ('ACTIVE', 'ARCHIVED', 'DELETED'), 'bank-transactions': ('AUTHORISED', 'DELETED', 'VOIDED'), 'payments': ('AUTHORISED', 'DELETED'), 'items': (), 'purchase-orders': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'BILLED', 'DELETED'), 'credit-notes': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED', 'DELETED'), 'manual-journals': ('DRAFT', 'POSTED', 'DELETED', 'VOIDED', 'ARCHIVED'), 'tax-rates': ('ACTIVE', 'DELETED', 'ARCHIVED', 'PENDING'), 'contact-groups': ('ACTIVE', 'DELETED'), 'tracking-categories': ('ACTIVE', 'ARCHIVED'), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': ('DRAFT', 'SENT', 'DECLINED', 'ACCEPTED', 'INVOICED', 'DELETED'), 'overpayments': ('AUTHORISED', 'PAID', 'VOIDED'), 'prepayments': ('AUTHORISED', 'PAID', 'VOIDED'), 'bank-transfers': ('AUTHORISED', 'DELETED'), 'batch-payments': ('AUTHORISED', 'DELETED'), 'repeating-invoices': ('DRAFT', 'AUTHORISED', 'DELETED'), 'linked-transactions': ('DRAFT', 'APPROVED', 'ONDRAFT', 'BILLED', 'VOIDED'), 'receipts': ('DRAFT', 'SUBMITTED', 'AUTHORISED', 'DECLINED', 'VOIDED'), 'expense-claims': ('SUBMITTED', 'AUTHORISED', 'PAID', 'VOIDED')}, '', 'Only records with this status; repeat or comma-separate for several.', True),
            (('--type',), True, {'': ('ACCREC', 'ACCPAY', 'BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG', 'RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER', 'ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT', 'ACCRECCREDIT', 'ACCPAYCREDIT', 'RECBATCH', 'PAYBATCH'), 'invoices': ('ACCREC', 'ACCPAY'), 'contacts': (), 'accounts': ('BANK', 'CURRENT', 'CURRLIAB', 'DEPRECIATN', 'DIRECTCOSTS', 'EQUITY', 'EXPENSE', 'FIXED', 'INVENTORY', 'LIABILITY', 'NONCURRENT', 'OTHERINCOME', 'OVERHEADS', 'PREPAYMENT', 'REVENUE', 'SALES', 'TERMLIAB', 'PAYG'), 'bank-transactions': ('RECEIVE', 'RECEIVE-OVERPAYMENT', 'RECEIVE-PREPAYMENT', 'RECEIVE-TRANSFER', 'SPEND', 'SPEND-OVERPAYMENT', 'SPEND-PREPAYMENT', 'SPEND-TRANSFER'), 'payments': ('ACCRECPAYMENT', 'ACCPAYPAYMENT', 'ARCREDITPAYMENT', 'APCREDITPAYMENT', 'AROVERPAYMENTPAYMENT', 'ARPREPAYMENTPAYMENT', 'APPREPAYMENTPAYMENT', 'APOVERPAYMENTPAYMENT'), 'items': (), 'purchase-orders': (), 'credit-notes': ('ACCRECCREDIT', 'ACCPAYCREDIT'), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': ('RECEIVE-OVERPAYMENT', 'SPEND-OVERPAYMENT'), 'prepayments': ('RECEIVE-PREPAYMENT', 'SPEND-PREPAYMENT'), 'bank-transfers': (), 'batch-payments': ('RECBATCH', 'PAYBATCH'), 'repeating-invoices': ('ACCREC', 'ACCPAY'), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only records of this type (e.g. ACCREC); repeat or comma-separate for several.', True),
            (('--contact',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Contact name or ContactID.', True),
            (('--from',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Date on or after (YYYY-MM-DD).', True),
            (('--to',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Date on or before (YYYY-MM-DD).', True),
            (('--include-archived',), False, (), '', 'Every contact, archived too (Xero leaves ARCHIVED contacts out otherwise).', False),
            (('--payments-only',), False, (), '', "Only the journals of payments (Xero's paymentsOnly).", False),
            (('--expiry-from',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Expiring on or after (YYYY-MM-DD).', True),
            (('--expiry-to',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Expiring on or before (YYYY-MM-DD).', True),
            (('--include-deleted',), False, (), '', 'Deleted transfers too (Xero leaves them out otherwise).', False),
            (('--source',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only links from this bill or spend.', True),
            (('--target',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only links billed on this invoice.', True),
            (('--user',), True, {'': (), 'invoices': (), 'contacts': (), 'accounts': (), 'bank-transactions': (), 'payments': (), 'items': (), 'purchase-orders': (), 'credit-notes': (), 'manual-journals': (), 'tax-rates': (), 'contact-groups': (), 'tracking-categories': (), 'users': (), 'currencies': (), 'branding-themes': (), 'payment-services': (), 'invoice-reminders': (), 'organisation': (), 'budgets': (), 'journals': (), 'quotes': (), 'overpayments': (), 'prepayments': (), 'bank-transfers': (), 'batch-payments': (), 'repeating-invoices': (), 'linked-transactions': (), 'receipts': (), 'expense-claims': ()}, '', 'Only receipts of this UserID.', True),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('noun', ('invoices', 'contacts', 'accounts', 'bank-transactions', 'payments', 'items', 'purchase-orders', 'credit-notes', 'manual-journals', 'tax-rates', 'contact-groups', 'tracking-categories', 'users', 'currencies', 'branding-themes', 'payment-services', 'invoice-reminders', 'organisation', 'budgets', 'journals', 'quotes', 'overpayments', 'prepayments', 'bank-transfers', 'batch-payments', 'repeating-invoices', 'linked-transactions', 'receipts', 'expense-claims'), '', 1),
        ],
    },
    'export columns': {
        'help': "Print OBJECT's export columns, one a line, in file order.",
        'options': [
            (('--lines',), False, (), '', 'Include the line columns.', False),
            (('--help', '-h'), False, (), '', 'Show this message and exit.', False),
        ],
        'arguments': [
            ('noun', ('invoices', 'contacts', 'accounts', 'bank-transactions', 'payments', 'items', 'purchase-orders', 'credit-notes', 'manual-journals', 'tax-rates', 'contact-groups', 'tracking-categories', 'users', 'currencies', 'branding-themes', 'payment-services', 'invoice-reminders', 'organisation', 'budgets', 'journals', 'quotes', 'overpayments', 'prepayments', 'bank-transfers', 'batch-payments', 'repeating-invoices', 'linked-transactions', 'receipts', 'expense-claims'), '', 1),
        ],
    },
}
# fmt: on
