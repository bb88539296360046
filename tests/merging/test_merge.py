"""Merging duplicates: every relation moves to the company kept (row counts before and after), nothing is
lost, the merge is recorded; the rules a unique constraint would refuse are settled or refused; only the
leadership merges."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from activities.models import ContactLog, FollowUp
from aftercare.models import ServiceRequest
from crm.models import Company, ConflictClaim, Contact, Registration
from merging import services
from merging.models import MergeRecord
from merging.selectors import likely_duplicates
from projects.models import Project
from teams.models import Membership
from tests.factories import ContactFactory, RegistrationFactory, make_member, valid_credit_code
from tests.projects.builders import make_company, make_project

pytestmark = pytest.mark.django_db
Role = Membership.Role
TABLES = (Project, Contact, ContactLog, FollowUp, Registration, ConflictClaim, ServiceRequest)


@pytest.fixture
def pair():
    """浙江智驰 twice: the second entered before its credit code was known, with its own project, contact,
    log, follow-up, registration and service request."""
    recruiter = make_member(Role.RECRUITER, display_name="王帅")
    director = make_member(Role.DIRECTOR, display_name="马翔")
    kept = make_company("浙江智驰汽车科技有限公司", credit_code=None, city="杭州")
    duplicate = make_company("浙江智驰汽车科技股份公司", credit_code=valid_credit_code(3), industry="汽车零部件")
    for company in (kept, duplicate):
        project = make_project(recruiter, company=company, name=f"{company.name}项目")
        RegistrationFactory(company=company, team=recruiter.team, registered_by=recruiter.user,
                            expires_at=timezone.now() + timedelta(days=30 if company is kept else 90))  # fmt: skip
        contact = ContactFactory(company=company, name="刘振宇" if company is kept else "刘总")
        log = ContactLog.objects.create(
            project=project, company=company, channel="video", summary="视频洽谈", author=recruiter.user,
            team=recruiter.team, occurred_at=timezone.now(),
        )  # fmt: skip
        log.contacts.add(contact)
        FollowUp.objects.create(
            title="回访", due_date=timezone.localdate(), owner=recruiter.user, team=recruiter.team, project=project,
            company=company, created_by=recruiter.user,
        )  # fmt: skip
    ServiceRequest.objects.create(company=duplicate, kind="land", title="用地", responsible=recruiter.user,
                                  created_by=recruiter.user, opened_on=timezone.localdate(),
                                  due_on=timezone.localdate() + timedelta(days=5))  # fmt: skip
    return {"recruiter": recruiter, "director": director, "kept": kept, "duplicate": duplicate}


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_every_relation_moves_to_the_company_kept_and_nothing_is_lost(pair):
    kept, duplicate = pair["kept"], pair["duplicate"]
    before = _counts()
    record = services.company_merge(actor=pair["director"].user, survivor=kept, merged=duplicate)
    assert _counts() == before  # no row lost
    assert not Company.objects.filter(pk=duplicate.pk).exists()
    for model in (Project, Contact, ContactLog, FollowUp, Registration, ServiceRequest):
        assert model.objects.filter(company=kept).count() == model.objects.count(), model.__name__
    kept.refresh_from_db()
    # its empty fields take the duplicate's: the credit code and the industry; its own city stays
    assert (kept.credit_code, kept.industry, kept.city) == (valid_credit_code(3), "汽车零部件", "杭州")
    # one group protected both: the later protection stays, the other is released, saying why
    active = Registration.objects.filter(company=kept, status="active")
    assert active.count() == 1 and active.get().expires_at > timezone.now() + timedelta(days=80)
    assert "合并" in Registration.objects.get(company=kept, status="released").note
    assert record.moved_rows and dict(record.moved)["projects.Project.company"] == 1
    assert record.merged_details["credit_code"] == valid_credit_code(3) and record.merged_label == duplicate.name


def test_two_groups_keep_their_protection(pair):
    other = make_member(Role.RECRUITER)
    Registration.objects.filter(company=pair["duplicate"]).update(team=other.team)
    services.company_merge(actor=pair["director"].user, survivor=pair["kept"], merged=pair["duplicate"])
    teams = set(Registration.objects.filter(company=pair["kept"], status="active").values_list("team", flat=True))
    assert teams == {pair["recruiter"].team_id, other.team_id}


def test_two_pending_claims_of_one_group_refuse_the_merge_and_nothing_moves(pair):
    claimant = make_member(Role.RECRUITER)
    for company in (pair["kept"], pair["duplicate"]):
        ConflictClaim.objects.create(company=company, holder=company.registrations.first(), reason="先接触",
                                     claimant_team=claimant.team, claimed_by=claimant.user)  # fmt: skip
    with pytest.raises(ValidationError, match="待处理的撞单申诉|pending conflict claim"):
        services.company_merge(actor=pair["director"].user, survivor=pair["kept"], merged=pair["duplicate"])
    assert Company.objects.filter(pk=pair["duplicate"].pk).exists()
    assert Project.objects.filter(company=pair["duplicate"]).count() == 1 and not MergeRecord.objects.exists()


@pytest.mark.parametrize("role", [Role.RECRUITER, Role.TEAM_LEADER])
def test_below_the_leadership_nobody_merges(pair, role, client):
    member = make_member(role, team=pair["recruiter"].team)
    with pytest.raises(PermissionDenied):
        services.company_merge(actor=member.user, survivor=pair["kept"], merged=pair["duplicate"])
    client.force_login(member.user)
    url = reverse("merging:company_merge") + f"?a={pair['kept'].pk}&b={pair['duplicate'].pk}"
    assert client.post(url, {"keep": "a", "confirm": "on"}).status_code == 403
    assert Company.objects.filter(pk=pair["duplicate"].pk).exists()


def test_the_page_compares_and_merges(pair, client):
    client.force_login(pair["director"].user)
    url = reverse("merging:company_merge") + f"?a={pair['kept'].pk}&b={pair['duplicate'].pk}"
    page = client.get(url).content.decode()
    assert "浙江智驰汽车科技股份公司" in page and "企业诉求" in page  # the duplicate's rows, counted
    refused = client.post(url, {"keep": "a"})  # the confirmation is required
    assert refused.status_code == 400 and Company.objects.count() == 2
    response = client.post(url, {"keep": "a", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == pair["kept"].get_absolute_url()
    listing = client.get(reverse("merging:merge_list")).content.decode()
    assert "浙江智驰汽车科技股份公司" in listing and "浙江智驰汽车科技有限公司" in listing


def test_two_contacts_of_a_company_merge_and_the_logs_follow(pair):
    kept = pair["kept"]
    first = kept.contacts.get()
    second = ContactFactory(company=kept, name="刘振宇", phone="", wechat_id="liuzy")
    log = ContactLog.objects.filter(company=kept).first()
    log.contacts.add(second)  # the log names both
    services.contact_merge(actor=pair["director"].user, survivor=first, merged=second)
    first.refresh_from_db()
    assert list(log.contacts.all()) == [first] and first.wechat_id == "liuzy"
    other_company_contact = pair["duplicate"].contacts.get()
    with pytest.raises(ValidationError):
        services.contact_merge(actor=pair["director"].user, survivor=first, merged=other_company_contact)


def test_likely_duplicates_are_found(pair):
    make_company("江苏精工轴承有限公司")
    found = {(p.first.pk, p.second.pk) for p in likely_duplicates()}
    assert (pair["kept"].pk, pair["duplicate"].pk) in found
    assert all(p.first.pk != p.second.pk for p in likely_duplicates())


def test_the_demo_center_has_a_duplicate_to_merge_once():
    from django.core.management import call_command

    for _run in range(2):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    duplicate = Company.objects.get(name="常州恒锐传动科技股份公司")
    original = Company.objects.get(name="常州恒锐传动科技有限公司")
    assert {(p.first.pk, p.second.pk) for p in likely_duplicates()} >= {(original.pk, duplicate.pk)}
    director = Membership.objects.get(user__username="maxiang").user
    logs = ContactLog.objects.count()
    services.company_merge(actor=director, survivor=original, merged=duplicate)
    assert ContactLog.objects.count() == logs and ContactLog.objects.filter(company=original).count() >= 1


def test_the_histories_say_what_went_where(pair):
    kept, duplicate = pair["kept"], pair["duplicate"]
    services.company_merge(actor=pair["director"].user, survivor=kept, merged=duplicate)
    assert kept.history.first().history_change_reason == "已将浙江智驰汽车科技股份公司合并到本企业"
    gone = Company.history.filter(id=duplicate.pk).first()  # the deletion, newest first
    assert gone.history_type == "-" and gone.history_change_reason == "已合并到浙江智驰汽车科技有限公司"
    assert gone.history_user == pair["director"].user
