"""A recruiter creates a project and asks for 意向; the director approves it from the sign-off inbox."""

import pytest

from projects import services
from projects.models import Project
from projects.stages import Stage
from teams.models import Membership
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_requests_intention_and_director_approves_from_the_inbox(browser, live_server, login, screenshot):
    leader = make_member(Membership.Role.TEAM_LEADER, display_name="周建国", user__username="zhoujianguo")
    recruiter = make_member(Membership.Role.RECRUITER, team=leader.team, display_name="徐磊", user__username="xulei")
    make_member(Membership.Role.DIRECTOR, display_name="马翔", user__username="maxiang")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "xulei")

    # The recruiter creates the project.
    page.locator("#main-nav").get_by_role("link", name="项目", exact=True).click()
    page.get_by_role("link", name="新建项目").click()
    page.get_by_label("投资方企业").fill("浙江智驰汽车科技（中国）有限公司")
    page.get_by_label("项目名称").fill("汽车用智能底盘和感应门把手项目")
    page.get_by_label("计划总投资").fill("120000")
    page.get_by_label("高技术制造业").check()
    page.get_by_label("层高（米）").fill("10")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("heading", name="汽车用智能底盘和感应门把手项目").wait_for()
    assert page.locator("#fact-planned").inner_text() == "12.00 亿元"
    project = Project.objects.get(name="汽车用智能底盘和感应门把手项目")
    assert (project.owner, project.is_high_tech, project.ceiling_height_m) == (recruiter.user, True, 10)

    # Weeks of work later (the early moves are the group leader's), it reaches 考察.
    for stage in (Stage.CONTACT, Stage.NEGOTIATION, Stage.SITE_VISIT):
        services.project_request_stage(actor=leader.user, project=project, to_stage=stage, comment="按进度推进")

    page.reload()
    page.get_by_label("申请调整至").select_option(label="意向")
    page.get_by_label("申请理由").fill("刘总确认意向，准备框架协议")
    page.get_by_role("button", name="提交申请").click()
    page.locator("#pending-request").wait_for()
    assert "等待主任或副主任签批" in page.locator("#pending-request").inner_text()
    screenshot(page, "project-pending-intention-zh")

    # The director approves from the inbox.
    context.clear_cookies()
    login(page, "maxiang")
    page.locator("#main-nav").get_by_role("link", name="签批").click()
    card = page.locator(f"#signoff-{project.stage_requests.get(status='pending').pk}")
    card.get_by_role("textbox").fill("同意，抓紧签约")
    card.get_by_role("button", name="批准").click()
    page.get_by_text("已批准").wait_for()
    assert card.count() == 0
    page.goto(live_server.url + project.get_absolute_url())
    page.locator("#stage-bar").wait_for()
    current = page.locator("#stage-bar [aria-current=step]").inner_text()
    assert current.startswith("意向")
    screenshot(page, "project-intention-approved-zh")
    project.refresh_from_db()
    assert project.stage == Stage.INTENTION
    context.close()
