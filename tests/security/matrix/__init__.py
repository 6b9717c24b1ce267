"""The permission matrix's table (tests/security/test_permission_matrix.py): every route, how to call it as each role,
and the rule it obeys (tests/security/matrix/rules.py)."""

from tests.security.matrix.api import API_ROUTES
from tests.security.matrix.pages import PAGE_ROUTES
from tests.security.matrix.rules import Route

ROUTES: dict[str, Route] = {**API_ROUTES, **PAGE_ROUTES}
