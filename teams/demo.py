"""The demo center: five groups of four recruiters (one leading each group), a director, a deputy director
and an administrator, named as in the article about the 广陵 development zone's investment promotion center."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from teams.models import Membership, Team

DEMO_PASSWORD = "juneng-demo-2026"
DEMO_EMAIL_DOMAIN = "juneng.example"  # a reserved name: demo mail can never reach anyone

Role = Membership.Role

# (code, name, [(username, display name, phone), ...]); the first person leads the group.
DEMO_TEAMS = [
    ("G1", "招商一组", [("zhoujianguo", "周建国", "13805140101"), ("xulei", "徐磊", "13805140102"),
                    ("lina", "李娜", "13805140103"), ("zhangwei", "张伟", "13805140104")]),
    ("G2", "招商二组", [("sunhao", "孙浩", "13805140201"), ("liuyang", "刘洋", "13805140202"),
                    ("chenchen", "陈晨", "13805140203"), ("yangfan", "杨帆", "13805140204")]),
    ("G3", "招商三组", [("huangtao", "黄涛", "13805140301"), ("zhaomin", "赵敏", "13805140302"),
                    ("wujing", "吴静", "13805140303"), ("zhengkai", "郑凯", "13805140304")]),
    ("G4", "招商四组", [("qianfeng", "钱峰", "13805140401"), ("wangshuai", "王帅", "13805140402"),
                    ("tanxu", "谈旭", "13805140403"), ("fengxue", "冯雪", "13805140404")]),
    ("G5", "招商五组", [("hejun", "何军", "13805140501"), ("gaoyuan", "高远", "13805140502"),
                    ("linfang", "林芳", "13805140503"), ("guotao", "郭涛", "13805140504")]),
]  # fmt: skip

DEMO_CENTER_STAFF = [
    ("maxiang", "马翔", "13805140001", Role.DIRECTOR),
    ("xieshuren", "谢树人", "13805140002", Role.DEPUTY_DIRECTOR),
    ("admin", "陈静", "13805140003", Role.ADMIN),
]


def _person(
    username: str, display_name: str, phone: str, role: str, team: Team | None, password_hash: str
) -> tuple[User, bool]:
    email = f"{username}@{DEMO_EMAIL_DOMAIN}"  # reminders go out by (console) email too
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": display_name, "password": password_hash, "email": email}
    )
    if not user.email:
        User.objects.filter(pk=user.pk).update(email=email)
    Membership.objects.update_or_create(
        user=user, defaults={"display_name": display_name, "phone": phone, "role": role, "team": team}
    )
    return user, created


@transaction.atomic
def seed_demo_center() -> list[tuple[str, str, str, str]]:
    """Create (or restore) the demo center. Running it again changes nothing that is already right and
    never duplicates anyone; passwords are set only for people it creates. Returns the logins."""
    logins = []
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: a slow hash, 23 people
    for username, display_name, phone, role in DEMO_CENTER_STAFF:
        _person(username, display_name, phone, role, None, password_hash)
        logins.append((username, display_name, str(role.label), ""))
    for code, team_name, people in DEMO_TEAMS:
        team, _created = Team.objects.update_or_create(code=code, defaults={"name": team_name, "is_active": True})
        for index, (username, display_name, phone) in enumerate(people):
            role = Role.TEAM_LEADER if index == 0 else Role.RECRUITER
            user, _created = _person(username, display_name, phone, role, team, password_hash)
            if index == 0 and team.leader_id != user.pk:
                team.leader = user
                team.save(update_fields=["leader"])
            logins.append((username, display_name, str(role.label), team_name))
    return logins
