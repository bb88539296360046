from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from activities import services as activity_services
from activities.models import Channel
from projects.stages import Stage
from teams.models import Membership
from tests.factories import TEST_PASSWORD, ContactFactory, RegistrationFactory, make_member
from tests.projects.builders import make_company, make_project

Role = Membership.Role
LIU_PHONE = "13812345678"
LIU = "刘德华"


def client_for(membership: Membership) -> Client:
    client = Client()
    assert client.login(username=membership.user.username, password=TEST_PASSWORD)
    return client


@pytest.fixture
def center(db):
    """Two groups: A holds 扬州智能底盘 (contact 刘德华, 13812345678) with two projects and logs naming him;
    B has one project. A director, a deputy and an administrator."""
    director = make_member(Role.DIRECTOR, display_name="马翔")
    deputy = make_member(Role.DEPUTY_DIRECTOR, display_name="谢树人")
    admin = make_member(Role.ADMIN, display_name="陈静")
    recruiter = make_member(Role.RECRUITER, display_name="王帅")
    leader = make_member(Role.TEAM_LEADER, team=recruiter.team, display_name="周建国")
    other = make_member(Role.RECRUITER, display_name="刘洋")
    company = make_company("扬州智能底盘科技有限公司", created_by=recruiter.user)
    RegistrationFactory(company=company, team=recruiter.team, registered_by=recruiter.user,
                        expires_at=timezone.now() + timedelta(days=100))  # fmt: skip
    liu = ContactFactory(company=company, name=LIU, phone=LIU_PHONE, wechat_id="liudehua88",
                         email="liudehua@example.cn")  # fmt: skip
    ContactFactory(company=company, name="王芳", phone="0571-88886666")
    chassis = make_project(recruiter, company=company, name="智能底盘项目", stage=Stage.NEGOTIATION,
                           planned_investment=150000)  # fmt: skip
    handles = make_project(recruiter, company=company, name="感应门把手项目", stage=Stage.LEAD, is_high_tech=True)
    glass = make_project(other, name="UTG柔性玻璃项目", stage=Stage.SITE_VISIT, planned_investment=20000)
    now = timezone.now()
    activity_services.contact_log_create(
        actor=recruiter.user, channel=Channel.VIDEO, project=chassis, contacts=[liu],
        summary=f"与{LIU}视频洽谈，他的手机 {LIU_PHONE}，邮箱 liudehua@example.cn",
        occurred_at=now - timedelta(hours=2),
        follow_up_title=f"给{LIU}（{LIU_PHONE}）寄资料", follow_up_due_date=timezone.localdate() + timedelta(days=2),
    )  # fmt: skip
    activity_services.contact_log_create(
        actor=recruiter.user, channel=Channel.PHONE, project=handles, summary="=HYPERLINK(\"http://x\")",
        occurred_at=now - timedelta(days=3),
    )  # fmt: skip
    activity_services.contact_log_create(
        actor=other.user, channel=Channel.WECHAT, project=glass, summary="微信沟通样品",
        occurred_at=now - timedelta(hours=1),
        follow_up_title="寄样品", follow_up_due_date=timezone.localdate() + timedelta(days=1),
    )  # fmt: skip
    return {"director": director, "deputy": deputy, "admin": admin, "recruiter": recruiter, "leader": leader,
            "other": other, "company": company, "chassis": chassis, "handles": handles, "glass": glass}  # fmt: skip
