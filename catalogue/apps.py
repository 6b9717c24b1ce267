from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    """The public catalogue pages: browse and search milestones and exercises, filtered by stage, kind, the reader's
    progress and whether there is graded work.

    They combine planner (milestones, progress) and exercises (exercises, submissions), so they live above both;
    neither imports this app.
    """

    name = "catalogue"
    verbose_name = "Catalogue"
