from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    """A learner's data taken along and shown: the export (JSON, CSV), its import into another instance, and the
    public progress page behind a revocable random link. Above planner, exercises and accounts: it reads through
    their selectors and restores through their models, and none of them imports it."""

    name = "portability"
    verbose_name = "Export, import and sharing"

    def ready(self) -> None:
        from accounts.extensions import registry
        from portability.services.sharing import share_links_erase

        registry.personal_data_erasers.append(share_links_erase)
