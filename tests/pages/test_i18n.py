"""Every page in Simplified Chinese: interface strings from locale/ (compiled .mo committed), curriculum and
exercise texts from the models' bilingual fields; the language switcher remembers the choice in a cookie."""

from __future__ import annotations

from django.urls import reverse


def test_dashboard_in_chinese(world, as_role):
    html = as_role("learner", lang="zh-hans").get(reverse("dashboard")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert "<h1>你好，lena</h1>" in html
    assert '<h2 id="roadmap-h">路线图</h2>' in html
    assert "<title>阿尔法基础: 可开始 · 4.0 h</title>" in html
    assert '<h2 id="track-progress-h">NLP 工程师</h2>' in html
    assert "第 1 阶段" in html and "基础" in html
    assert ">概览</a>" in html and ">计划</a>" in html


def test_milestone_and_exercise_pages_in_chinese(world, as_role):
    client = as_role("learner", lang="zh-hans")
    html = client.get(reverse("milestone-detail", args=["a"])).content.decode()
    assert "<h1>阿尔法基础</h1>" in html and "<li>向量</li>" in html
    assert ">开始</button>" in html and ">跳过（我已掌握）</button>" in html
    html = client.get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert '<h1 id="exercise-h">加一</h1>' in html
    assert '对每一项返回 <code class="math">x_i + 1</code>。' in html
    assert '<span class="muted small" id="quota">今天还剩 19 / 20 次提交机会。</span>' in html


def test_plan_infeasible_message_in_chinese(world, as_role):
    import datetime as dt

    from django.utils import timezone

    client = as_role("learner", lang="zh-hans")
    target = timezone.localdate() + dt.timedelta(days=13)
    client.post(reverse("plan"), {"track": "nlp", "hours_per_week": "2", "target_date": target.isoformat()})
    html = client.get(reverse("plan")).content.decode()
    assert f"无法在目标日期 {target:%Y-%m-%d} 前完成" in html
    assert "<strong>每周 6.5 小时</strong>才能按期完成。" in html


def test_language_switcher_sets_a_cookie_that_later_pages_follow(world, as_role):
    client = as_role("learner")
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/plan/"})
    assert response.status_code == 302 and response["Location"] == "/plan/"
    assert client.cookies["django_language"].value == "zh-hans"
    assert "<h1>你好，lena</h1>" in client.get(reverse("dashboard")).content.decode()
    html = client.get(reverse("dashboard")).content.decode()
    assert '<option value="zh-hans" selected>简体中文</option>' in html


def _po_entries(text: str) -> dict[str, str]:
    """msgid -> msgstr (first plural form) of a .po file, continuation lines joined; an entry with a context is
    keyed as gettext compiles it: the context, an EOT character, the msgid."""
    import ast
    import re

    entries = {}
    for block in text.split("\n\n"):
        if "#~" in block:
            continue
        parts: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[0\]) (".*")$', line)
            if match:
                key = "msgstr" if match.group(1).startswith("msgstr") else match.group(1)
                parts[key] = parts.get(key, "") + ast.literal_eval(match.group(2))
            elif line.startswith('"') and key:
                parts[key] += ast.literal_eval(line)
        if parts.get("msgid"):
            key = f"{parts['msgctxt']}\x04{parts['msgid']}" if "msgctxt" in parts else parts["msgid"]
            entries[key] = parts.get("msgstr", "")
    return entries


def test_every_interface_string_is_translated_and_compiled():
    import gettext
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES"
    entries = _po_entries((folder / "django.po").read_text(encoding="utf-8"))
    assert len(entries) >= 250
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    with open(folder / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    compiled = {key if isinstance(key, str) else key[0] for key in catalog._catalog}
    assert set(entries) - compiled == set()  # the committed .mo is compiled from this .po


def test_notifications_read_in_chinese(world, as_role):
    from exercises.services import review_create
    from exercises.services.grading import _after_graded
    from planner.services import progress_update

    review_create(mentor=world.users["mentor"], submission=world.submission, verdict="request_changes", body="x")
    _after_graded(world.submission)
    progress_update(user=world.users["learner"], milestone=world.a, state="done")
    html = as_role("learner", lang="zh-hans").get(reverse("notifications")).content.decode()
    assert "<p>NLP 工程师：1 个里程碑可以开始。</p>" in html
    assert "<strong>里程碑已解锁</strong>" in html
    assert "<p>可以开始 贝塔评分 了：它的先修里程碑已完成或已跳过。</p>" in html
    assert "<p>阿尔法基础 已完成。</p>" in html
    # The heading says the kind once; the body does not repeat it.
    assert "<p>里程碑已解锁：" not in html and "<p>里程碑已完成：" not in html
    assert "<p>mira 评审了你的提交「加一」（第 1 次尝试）：要求修改。</p>" in html
    assert "<p>加一：第 1 次尝试未通过。</p>" in html
    english = as_role("learner").get(reverse("notifications")).content.decode()
    assert "<p>Add one: attempt 1 failed.</p>" in english
    assert "<p>mira reviewed your submission to Add one (attempt 1): Request changes.</p>" in english


def test_service_messages_with_fields_are_translated(world, as_role):
    from django.utils import translation

    from exercises.services import sign_offs
    from planner.services import progress_update

    # Translated where it is defined: no page parses the English back.
    with translation.override("zh-hans"):
        message = sign_offs.SIGN_OFF_EXERCISES_MISSING % {"slugs": "quiz-basics"}
    assert message == "学员尚未通过此里程碑的全部必做练习：quiz-basics。"
    mentor = as_role("mentor", lang="zh-hans")
    response = mentor.post(reverse("mentor-sign-off", args=[world.users["learner"].pk, "m"]), follow=True)
    assert "此里程碑对该学员尚未解锁：需要先完成或跳过 a。" in response.content.decode()
    progress_update(user=world.users["learner"], milestone=world.a, state="done")
    response = mentor.post(reverse("mentor-sign-off", args=[world.users["learner"].pk, "m"]), follow=True)
    assert "学员尚未通过此里程碑的全部必做练习：quiz-basics。" in response.content.decode()
    response = mentor.post(
        reverse("submission-review", args=[world.submission.pk]),
        {"verdict": "comment", "comment-1-line": "9", "comment-1-body": "?"},
        follow=True,
    )
    assert "第 9 行超出了代码范围（1..2）。" in response.content.decode()
