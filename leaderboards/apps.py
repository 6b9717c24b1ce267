from django.apps import AppConfig


class LeaderboardsConfig(AppConfig):
    name = "leaderboards"
    verbose_name = "Leaderboards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.extensions import registry
        from leaderboards.services import leaderboard_data_erase

        registry.personal_data_erasers.append(leaderboard_data_erase)
