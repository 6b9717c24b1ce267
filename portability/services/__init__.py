"""The write side of portability: `from portability.services import learner_import, share_link_create`."""

from portability.services.importing import ImportReport, learner_import
from portability.services.sharing import share_link_create, share_link_revoke, share_links_erase

__all__ = ["ImportReport", "learner_import", "share_link_create", "share_link_revoke", "share_links_erase"]
