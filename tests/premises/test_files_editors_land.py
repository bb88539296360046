"""Photos and floor plans of a building (checked by content, served only to the center), who keeps the
inventory (administrators grant it), land plots and their matching, and a 实地考察 naming the buildings shown."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Channel, ContactLog
from premises import matching
from premises.models import BuildingFile, LandPlot, Showing
from teams.models import Membership
from tests.factories import make_member

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _upload(client, building, name, data, kind="photo"):
    url = reverse("premises:building_file_add", args=[building.pk])
    return client.post(url, {"kind": kind, "file": SimpleUploadedFile(name, data)}, follow=True)


def test_an_editor_adds_photos_and_plans_checked_by_content(client, park, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    building = park["buildings"]["fits"]
    client.force_login(park["admin"].user)
    assert _upload(client, building, "外观.png", PNG).status_code == 200
    assert _upload(client, building, "平面图.pdf", PDF, kind="plan").status_code == 200
    refused = [
        _upload(client, building, "平面图.pdf", PDF, kind="photo"),  # a PDF is no photo
        _upload(client, building, "病毒.png", b"MZ\x90\x00" + b"\x00" * 64),  # an .exe renamed
        _upload(client, building, "说明.docx", b"PK\x03\x04", kind="plan"),
    ]
    assert [f.original_name for f in BuildingFile.objects.order_by("pk")] == ["外观.png", "平面图.pdf"]
    texts = [response.content.decode() for response in refused]
    assert "照片须为 JPG 或 PNG 文件。" in texts[0]
    assert "病毒.png" in texts[1] and "PNG" in texts[1]
    stored = BuildingFile.objects.get(original_name="外观.png")
    assert "外观" not in stored.file.name  # a random name on disk


def test_files_are_served_to_the_center_only_and_removed_by_editors(client, park, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    building = park["buildings"]["fits"]
    client.force_login(park["admin"].user)
    _upload(client, building, "外观.png", PNG)
    _upload(client, building, "平面图.pdf", PDF, kind="plan")
    photo, plan = BuildingFile.objects.order_by("pk")
    client.force_login(park["liuyang"].user)  # any member of the center reads
    page = client.get(building.get_absolute_url()).content.decode()
    assert f'src="{photo.get_absolute_url()}"' in page and "平面图.pdf" in page
    shown = client.get(photo.get_absolute_url())
    assert shown.status_code == 200 and b"".join(shown.streaming_content) == PNG
    assert "inline" in shown["Content-Disposition"] and shown["Content-Type"] == "image/png"
    assert "attachment" in client.get(plan.get_absolute_url())["Content-Disposition"]
    assert client.post(reverse("premises:file_remove", args=[photo.pk])).status_code == 403
    upload = {"kind": "photo", "file": SimpleUploadedFile("外观2.png", PNG)}
    assert client.post(reverse("premises:building_file_add", args=[building.pk]), upload).status_code == 403
    assert BuildingFile.objects.count() == 2
    client.logout()
    assert client.get(photo.get_absolute_url()).status_code == 302  # to the login page
    client.force_login(park["admin"].user)
    client.post(reverse("premises:file_remove", args=[photo.pk]))
    assert list(BuildingFile.objects.values_list("original_name", flat=True)) == ["平面图.pdf"]
    assert client.get(reverse("premises:file_download", args=[photo.pk])).status_code == 404


def test_administrators_grant_and_revoke_keeping_the_inventory(client, park):
    building = park["buildings"]["fits"]
    edit = reverse("premises:building_edit", args=[building.pk])
    wangshuai = park["wangshuai"]
    client.force_login(wangshuai.user)
    assert client.get(edit).status_code == 403
    assert client.get(reverse("premises:editor_list")).status_code == 403
    assert client.post(reverse("premises:editor_list"), {"user": park["liuyang"].user_id}).status_code == 403
    client.force_login(park["admin"].user)
    response = client.post(reverse("premises:editor_list"), {"user": wangshuai.user_id}, follow=True)
    assert "王帅" in response.content.decode()
    client.force_login(wangshuai.user)
    assert client.get(edit).status_code == 200
    leaver = make_member(Membership.Role.RECRUITER, display_name="离职者")
    leaver.user.is_active = False
    leaver.user.save()
    client.force_login(park["admin"].user)
    refused = client.post(reverse("premises:editor_list"), {"user": leaver.user_id})
    assert refused.status_code == 400 and not leaver.user.user_permissions.exists()
    client.post(reverse("premises:editor_revoke", args=[wangshuai.user_id]))
    client.force_login(wangshuai.user)
    assert client.get(edit).status_code == 403


def _plot(name, mu, status=LandPlot.Status.VACANT, **fields):
    return LandPlot.objects.create(name=name, area_mu=Decimal(mu), status=status,
                                   created_by=make_member(Membership.Role.ADMIN).user, **fields)  # fmt: skip


def test_land_plots_match_a_project_by_its_land_need(park):
    project = park["project"]
    assert matching.plots_for(project) is None  # no land need stated
    project.land_mu = Decimal("40")
    big, exact = _plot("纬四路工业地块", "120"), _plot("纬五路地块", "40")
    small, held = _plot("经二路地块", "30"), _plot("沿江地块", "80", status=LandPlot.Status.RESERVED)
    plots = matching.plots_for(project)
    assert plots.fitting == [exact, big] and plots.fitting_count == 2  # the smallest that fits first
    reasons = dict((plot.name, reasons) for plot, reasons in plots.excluded)
    assert reasons == {small.name: ["30 亩 < 需要 40 亩"], held.name: ["预留"]}


def test_land_plots_are_listed_filtered_and_edited_with_bounds(client, park):
    _plot("纬四路工业地块", "120", use="工业用地")
    _plot("经二路地块", "30")
    client.force_login(park["wangshuai"].user)
    listed = client.get(reverse("premises:land_plot_list"), {"min_area": "100"}).content.decode()
    assert "纬四路工业地块" in listed and "经二路地块" not in listed
    assert client.get(reverse("premises:land_plot_create")).status_code == 403
    client.force_login(park["admin"].user)
    bad = client.post(reverse("premises:land_plot_create"), {"name": "负地块", "area_mu": "-5", "status": "vacant"})
    assert bad.status_code == 400 and not LandPlot.objects.filter(name="负地块").exists()
    good = client.post(reverse("premises:land_plot_create"), {"name": "新地块", "area_mu": "55.5", "status": "vacant",
                                                               "plot_ratio": "1.5", "use": "工业用地"})  # fmt: skip
    assert good.status_code == 302 and LandPlot.objects.get(name="新地块").area_mu == Decimal("55.5")


def test_a_site_visit_names_the_buildings_shown(client, park):
    project, fits, bigger = park["project"], park["buildings"]["fits"], park["buildings"]["bigger"]
    url = reverse("premises:project_site_visit", args=[project.pk])
    client.force_login(park["wangshuai"].user)
    data = {
        "visit-buildings": [fits.pk, bigger.pk],
        "visit-summary": "带客商看了三号和九号厂房",
        "visit-outcome": "倾向三号",
    }
    assert client.post(url, data).status_code == 302
    log = ContactLog.objects.get()
    assert log.channel == Channel.SITE_VISIT and log.project == project and log.outcome == "倾向三号"
    assert set(Showing.objects.values_list("building_id", flat=True)) == {fits.pk, bigger.pk}
    matching_page = client.get(reverse("premises:project_matching", args=[project.pk])).content.decode()
    assert matching_page.count("已带看") + matching_page.count("shown at a site visit") == 2
    building_page = client.get(fits.get_absolute_url()).content.decode()
    assert "UTG柔性玻璃项目" in building_page.split('id="building-showings"')[1]
    low = park["buildings"]["low1"]  # excluded by the matching: not offered, refused if sent
    client.post(url, data | {"visit-buildings": [low.pk]})
    client.post(url, data | {"visit-buildings": []})
    assert ContactLog.objects.count() == 1
    client.force_login(park["liuyang"].user)  # another group's project
    assert client.post(url, data).status_code == 404
    assert ContactLog.objects.count() == 1
