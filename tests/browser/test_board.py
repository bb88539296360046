"""The pipeline board in a browser: a move with the keyboard, a drag at phone width, a refused drag that
snaps back with its reason, and screenshots at 390 px and 1366 px in Chinese and English."""

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


@pytest.fixture
def center():
    leader = make_member(Role.TEAM_LEADER, display_name="周建国", user__username="zhoujianguo")
    recruiter = make_member(Role.RECRUITER, team=leader.team, display_name="徐磊", user__username="xulei")
    make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    projects = {
        "chassis": make_project(recruiter, name="汽车用智能底盘和感应门把手项目", planned_investment=120000),
        "glass": make_project(recruiter, stage=Stage.SITE_VISIT, name="UTG柔性玻璃项目", planned_investment=80000),
        "cable": make_project(leader, stage=Stage.NEGOTIATION, name="氢能空中缆车项目", planned_investment=3500),
        "powder": make_project(recruiter, stage=Stage.SIGNED, name="粉末冶金汽车零部件项目", planned_investment=260000),
        "lighting": make_project(recruiter, stage=Stage.CONTACT, name="汽车数字灯光系统项目", planned_investment=45000),
    }
    long_ago = timezone.now() - timedelta(days=90)
    Project.objects.filter(pk=projects["cable"].pk).update(stage_entered_at=long_ago, created_at=long_ago)
    Project.objects.filter(pk=projects["lighting"].pk).update(created_at=long_ago - timedelta(days=1))
    return projects


def _open_board(browser, live_server, login, username, *, width, locale="zh-CN", height=900):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.problems = []  # refused scripts or styles (the CSP) and script errors: none expected
    page.on("console", lambda m: "Content Security Policy" in m.text and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    login(page, username)
    page.goto(live_server.url + "/board/")
    page.locator("#board-columns .board-card").first.wait_for()
    page.wait_for_function("() => window.Sortable && document.querySelector('.board-cards[data-sortable]')")
    return page


def _column(page, stage: str):
    return page.locator(f'.board-cards[data-stage="{stage}"]')


def _drag(page, card, target):
    """Press, move in steps (SortableJS's pointer fallback follows the pointer), release."""
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    page.mouse.down()
    drop = target.bounding_box()
    x, y = drop["x"] + min(40, drop["width"] / 2), drop["y"] + drop["height"] / 2
    page.mouse.move(x, y, steps=20)
    page.mouse.move(x + 2, y + 2, steps=2)
    page.mouse.up()


def test_recruiter_asks_for_intention_with_the_keyboard_and_sees_pending(browser, live_server, login, center):
    page = _open_board(browser, live_server, login, "xulei", width=1366)
    card = page.locator(f"#card-{center['glass'].pk}")
    card.focus()
    page.keyboard.press("ArrowRight")
    dialog = page.locator("#board-move-modal")
    dialog.get_by_label("申请理由").wait_for()
    assert dialog.get_by_label("申请调整至").input_value() == Stage.INTENTION
    page.wait_for_function("() => document.activeElement.id === 'board-move-comment'")  # typing goes there
    page.keyboard.type("刘总确认意向，准备框架协议")
    for _ in range(5):  # to the "提交申请" button, by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "board-move-submit":
            break
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    card = _column(page, Stage.SITE_VISIT).locator(f"#card-{center['glass'].pk}")
    assert "待签批 → 意向" in card.inner_text()
    assert "已提交签批" in page.locator("#board-message").inner_text()
    assert center["glass"].stage_requests.get().status == "pending"
    # focus comes back to the card: the next move is one key away
    page.wait_for_function(f"() => document.activeElement.id === 'card-{center['glass'].pk}'")
    assert page.problems == []


def test_leader_drags_a_card_at_phone_width_and_it_lands_in_the_column(browser, live_server, login, center, screenshot):
    page = _open_board(browser, live_server, login, "zhoujianguo", width=390, height=844)
    card = page.locator(f"#card-{center['chassis'].pk}")
    _drag(page, card, _column(page, Stage.CONTACT))
    dialog = page.locator("#board-move-modal")
    dialog.get_by_label("申请理由").wait_for()
    assert dialog.get_by_label("申请调整至").input_value() == Stage.CONTACT
    dialog.get_by_label("申请理由").fill("已与刘总视频洽谈")
    dialog.get_by_role("button", name="提交申请").click()
    dialog.wait_for(state="hidden")
    _column(page, Stage.CONTACT).locator(f"#card-{center['chassis'].pk}").wait_for()
    center["chassis"].refresh_from_db()
    assert center["chassis"].stage == Stage.CONTACT
    assert page.locator("#col-head-contact [data-board-count]").inner_text() == "2"
    page.locator(".modal-backdrop").wait_for(state="detached")
    assert page.problems == []
    screenshot(page, "board-phone-zh")


def test_a_refused_drag_snaps_back_with_the_reason(browser, live_server, login, center, screenshot):
    page = _open_board(browser, live_server, login, "xulei", width=1366)
    card = page.locator(f"#card-{center['chassis'].pk}")
    _drag(page, card, _column(page, Stage.NEGOTIATION))  # skips 接洽: only a director may
    dialog = page.locator("#board-move-modal")
    dialog.get_by_label("申请理由").fill("想直接进入洽谈")
    dialog.get_by_role("button", name="提交申请").click()
    reason = dialog.locator('[data-board-outcome="refused"]')
    reason.wait_for()
    assert "只有主任" in reason.inner_text() or "主任" in reason.inner_text()
    _column(page, Stage.LEAD).locator(f"#card-{center['chassis'].pk}").wait_for()
    screenshot(page, "board-refused-zh")
    dialog.get_by_role("button", name="关闭").last.click()
    dialog.wait_for(state="hidden")
    assert _column(page, Stage.NEGOTIATION).locator(f"#card-{center['chassis'].pk}").count() == 0
    assert not center["chassis"].stage_requests.exists()


@pytest.mark.parametrize(("locale", "language"), [("zh-CN", "zh"), ("en-US", "en")])
@pytest.mark.parametrize("width", [390, 1366])
def test_board_screenshots(browser, live_server, login, center, screenshot, locale, language, width):
    page = _open_board(browser, live_server, login, "maxiang", width=width, locale=locale)
    # the browser's language picks the page's (Accept-Language)
    assert page.locator("h1").inner_text() == {"zh": "项目看板", "en": "Pipeline board"}[language]
    assert page.locator(".board-column").count() == 8
    screenshot(page, f"board-{width}-{language}")


def test_a_touch_drag_on_a_tablet_opens_the_dialog(browser, live_server, login, center):
    """A finger: press, hold a moment (a quick swipe scrolls the columns instead), move, lift."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 820, "height": 1180}, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "zhoujianguo")
    page.goto(live_server.url + "/board/")
    page.wait_for_function("() => window.Sortable && document.querySelector('.board-cards[data-sortable]')")
    card = page.locator(f"#card-{center['chassis'].pk}").bounding_box()
    target = _column(page, Stage.CONTACT).bounding_box()
    cdp = context.new_cdp_session(page)

    def touch(kind, x, y):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    x, y = card["x"] + card["width"] / 2, card["y"] + 20
    touch("touchStart", x, y)
    page.wait_for_timeout(400)
    to_x, to_y = target["x"] + 40, target["y"] + target["height"] / 2
    for step in range(1, 21):
        touch("touchMove", x + (to_x - x) * step / 20, y + (to_y - y) * step / 20)
        page.wait_for_timeout(20)
    touch("touchEnd", to_x, to_y)
    dialog = page.locator("#board-move-modal")
    dialog.get_by_label("申请理由").wait_for()
    assert dialog.get_by_label("申请调整至").input_value() == Stage.CONTACT
    context.close()
