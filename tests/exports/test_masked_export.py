"""A masked export holds no investor contact's full name, phone, WeChat ID or email; only directors and
deputies get the full file, and asking for it otherwise is refused (403) and not logged."""

import pytest
from django.urls import reverse

from exports.models import ExportLog
from tests.exports.conftest import LIU, LIU_PHONE, client_for
from tests.exports.helpers import content

pytestmark = pytest.mark.django_db
ROUTES = ["exports:project_export", "exports:company_export", "exports:activity_export", "exports:follow_up_export"]
SECRETS = (LIU, LIU_PHONE, "liudehua88", "liudehua@example.cn", "88886666", "王芳")


def _text(response) -> str:
    data = content(response)
    if data.startswith(b"PK"):  # xlsx: the text of its sheet and strings
        import io
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml"))
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize("who", ["recruiter", "director"])
def test_masked_export_holds_no_full_name_or_phone(center, route, file_format, who):
    response = client_for(center[who]).get(reverse(route), {"format": file_format, "masked": "1"})
    assert response.status_code == 200
    text = _text(response)
    for secret in SECRETS:
        assert secret not in text
    if route in ("exports:company_export", "exports:activity_export"):
        assert "刘**" in text  # the contact is there, masked
    if route == "exports:company_export":
        assert "138****5678" in text and "0571-****66" in text and "l***@example.cn" in text


def test_without_the_parameter_the_export_is_masked(center):
    response = client_for(center["director"]).get(reverse("exports:company_export"), {"format": "csv"})
    assert LIU_PHONE not in _text(response)
    assert ExportLog.objects.get().masked is True


@pytest.mark.parametrize("who", ["director", "deputy"])
def test_directors_get_the_full_file(center, who):
    response = client_for(center[who]).get(reverse("exports:company_export"), {"format": "csv", "masked": "0"})
    text = _text(response)
    assert LIU_PHONE in text and LIU in text and "liudehua@example.cn" in text
    assert ExportLog.objects.get().masked is False


@pytest.mark.parametrize("who", ["recruiter", "leader", "admin", "other"])
def test_below_director_level_the_full_file_is_refused_and_not_logged(center, who):
    client = client_for(center[who])
    for route in ROUTES:
        assert client.get(reverse(route), {"format": "csv", "masked": "0"}).status_code == 403
    assert not ExportLog.objects.exists()


def test_the_list_page_offers_the_full_file_only_to_directors(center):
    url = reverse("projects:project_list")
    assert "export-full" not in client_for(center["recruiter"]).get(url).text
    assert "export-full" not in client_for(center["admin"]).get(url).text
    page = client_for(center["director"]).get(url, {"stage": "negotiation"}).text
    assert "export-full" in page and "stage=negotiation" in page


def test_contacts_of_an_investor_another_group_holds_are_left_out(center):
    """刘洋 (group B) sees the company in the list, but not its contact people, exported or not."""
    response = client_for(center["other"]).get(reverse("exports:company_export"), {"format": "csv"})
    text = _text(response)
    assert "扬州智能底盘科技有限公司" in text and "刘**" not in text and "138****5678" not in text
