"""A duplicate in the demo center: 常州恒锐传动 entered a second time, before its credit code was known, as
常州恒锐传动科技股份公司 — its project (with the project's contact logs and follow-ups) and a contact person were
recorded under the second entry. The duplicates page lists the pair; a director merges it without losing a
log. Known by name: running the seed again changes nothing."""

from django.db import transaction

from activities.models import ContactLog, FollowUp
from crm.identity import normalize_company_name
from crm.models import Company, Contact, Registration
from projects.models import Project

ORIGINAL = "常州恒锐传动科技有限公司"
DUPLICATE = "常州恒锐传动科技股份公司"


@transaction.atomic
def seed_demo_duplicate() -> int:
    original = Company.objects.filter(name=ORIGINAL).first()
    if original is None or Company.objects.filter(name=DUPLICATE).exists():
        return Company.objects.filter(name=DUPLICATE).count()
    project = Project.objects.filter(company=original).order_by("-created_at").first()
    # a near-identical name that normalises differently (股份公司 kept), as in ledgers from before the rule
    duplicate = Company.objects.create(
        name=DUPLICATE, normalized_name=normalize_company_name(DUPLICATE) + "股份", city=original.city,
        created_by=original.created_by,
    )  # fmt: skip
    contact = original.contacts.order_by("pk").first()
    Contact.objects.create(company=duplicate, name=contact.name if contact else "王经理", title="财务总监")
    if project is not None:
        for registration in original.registrations.filter(team=project.owner_team, status=Registration.Status.ACTIVE):
            Registration.objects.create(
                company=duplicate, team=registration.team, registered_by=registration.registered_by,
                registered_at=registration.registered_at, expires_at=registration.expires_at,
            )  # fmt: skip
        Project.objects.filter(pk=project.pk).update(company=duplicate)
        ContactLog.objects.filter(project=project).update(company=duplicate)
        FollowUp.objects.filter(project=project).update(company=duplicate)
    return 1
