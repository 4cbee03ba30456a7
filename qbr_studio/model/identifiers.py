"""What an identifier looks like, as opposed to a name: the import warns when accounts are
named like this, and ``check`` names the accounts that are (one rule for both)."""

from __future__ import annotations

import re

ID_LIKE = re.compile(r"^(?=.*\d)(?:[A-Za-z]{0,6}[-_ ]?\d[\w-]*|[0-9A-Za-z]{15}|[0-9A-Za-z]{18})$")
"""``ACCT0001``, ``001Ec00000GGw3hIAD``, ``12345``, ``S-17``: an identifier, not a name."""
