from learning.views.notes import note_list_page, note_save_page
from learning.views.review import review_answer_page, review_page
from learning.views.rhythm import rhythm_page

__all__ = ["note_list_page", "note_save_page", "review_answer_page", "review_page", "rhythm_page"]
