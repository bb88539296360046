"""A director opens the chain map from the top bar, sees the link nobody works on marked as a gap, drills
into its target companies and sees them; a recruiter then turns one of them into a lead in one submit and
the link is no longer a gap — on a desktop in Chinese, and on a phone."""

import pytest

from chainmap.models import TargetCompany
from projects.models import ChainLink, IndustryChain, Project
from projects.stages import Stage
from teams.models import Membership
from tests.chainmap.conftest import make_target
from tests.factories import make_member
from tests.projects.builders import make_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


def test_a_director_reads_the_gaps_and_a_recruiter_turns_a_target_into_a_lead(browser, live_server, login, screenshot):
    maxiang = make_member(Role.DIRECTOR, display_name="马翔", user__username="maxiang")
    wangshuai = make_member(Role.RECRUITER, display_name="王帅", user__username="wangshuai")
    chain = IndustryChain.objects.create(name="高端装备（演练）", position=0)
    parts = ChainLink.objects.create(chain=chain, name="关键零部件", segment="upstream")
    software = ChainLink.objects.create(chain=chain, name="工业软件与控制系统", segment="upstream")
    machines = ChainLink.objects.create(chain=chain, name="智能装备整机", segment="midstream")
    make_project(wangshuai, stage=Stage.NEGOTIATION, chain=chain, chain_link=parts, name="精密减速器项目")
    for n in range(2):
        make_project(wangshuai, stage=Stage.SIGNED, chain=chain, chain_link=machines, name=f"整机项目{n}")
    make_target(software, "浙江中控技术股份有限公司", created_by=maxiang.user, is_chain_leader=True, location="杭州市")
    make_target(software, "上海宝信软件股份有限公司", created_by=maxiang.user, location="上海市")

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, "maxiang")
    page.locator("nav").get_by_role("link", name="招商图谱").click()
    page.get_by_role("link", name="高端装备（演练）").click()
    gap = page.locator(f"#link-{software.pk}")
    assert gap.get_attribute("data-strength") == "gap" and "缺链" in gap.inner_text()
    assert page.locator(f"#link-{machines.pk}").get_attribute("data-strength") == "strong"
    assert page.locator(f"#link-{parts.pk}").get_attribute("data-strength") == "thin"
    assert page.locator("#count-gap").inner_text().endswith("1")
    screenshot(page, "chainmap-map-desktop-zh")
    gap.locator("a.cell-targets").click()
    rows = page.locator("#targets .target-row")
    rows.first.wait_for()
    assert rows.count() == 2 and "浙江中控技术股份有限公司" in rows.first.inner_text()
    assert "链主/龙头" in rows.first.inner_text()
    screenshot(page, "chainmap-targets-desktop-zh")
    context.close()

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    page.set_default_timeout(10_000)
    login(page, "wangshuai")
    page.goto(live_server.url + f"/chainmap/targets/?link={software.pk}")
    page.locator(".target-row", has_text="浙江中控").get_by_role("link", name="转为线索").click()
    page.get_by_role("button", name="创建线索").click()
    page.wait_for_url("**/projects/*/")
    project = Project.objects.get(chain_link=software)
    assert project.stage == Stage.LEAD and project.owner == wangshuai.user
    assert TargetCompany.objects.get(name="浙江中控技术股份有限公司").project == project
    screenshot(page, "chainmap-lead-phone-zh")
    page.goto(live_server.url + f"/chainmap/chains/{chain.pk}/")
    assert page.locator(f"#link-{software.pk}").get_attribute("data-strength") == "thin"
    phone.close()
