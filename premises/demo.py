"""The demo park's premises, from the article: most idle buildings are 6.5 m high, one is an 8 m concrete
building, and one 10 m steel building of about 4,300 m² is the one that fits the powder-metallurgy project;
a plot of industrial land. Known by name: running the seed again adds nothing."""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from premises.models import Building, LandPlot
from premises.services import building_save, land_plot_save

ADMIN = "admin"
BUILDINGS = [
    # name, address, area m², height m, structure, power kVA, wharf km, price, owner, notes
    ("园区一号标准厂房", "扬子江北路18号", 3200, "6.5", "concrete", 800, None, "18元/平方米·月", "platform", ""),
    ("园区二号标准厂房", "扬子江北路20号", 3600, "6.5", "concrete", 800, None, "18元/平方米·月", "platform", ""),
    ("园区四号标准厂房", "科技园路6号", 5000, "6.5", "steel", 1250, "8", "20元/平方米·月", "state", ""),
    ("园区六号标准厂房", "科技园路8号", 2800, "6.5", "concrete", 630, None, "16元/平方米·月", "platform", ""),
    ("园区五号厂房", "沿江大道66号", 6500, "8", "concrete", 2000, "2", "22元/平方米·月", "state", "临江，可走水运"),
    ("园区三号厂房", "纬三路9号", 4300, "10", "steel", 2500, "6", "面议", "private",
     "原企业腾退的钢结构厂房，带10吨行车"),
]  # fmt: skip

PLOTS = [
    # name, location, 亩, use, plot ratio, status
    ("纬四路工业地块", "纬四路以南", 45, "工业用地", "1.2", "vacant"),
    ("沿江大道北侧地块", "沿江大道北侧", 120, "工业用地", "1.0", "vacant"),
    ("科技园路东侧地块", "科技园路东侧", 28, "科研用地", "2.0", "reserved"),
]  # fmt: skip


@transaction.atomic
def seed_demo_premises() -> int:
    admin = User.objects.get(username=ADMIN)
    existing = set(Building.objects.values_list("name", flat=True))
    for name, address, area, height, structure, power, wharf, price, owner, notes in BUILDINGS:
        if name in existing:
            continue
        building_save(
            actor=admin, name=name, address=address, floor_area_m2=Decimal(area), ceiling_height_m=Decimal(height),
            structure=structure, power_kva=power, water_transport_km=Decimal(wharf) if wharf else None,
            price_note=price, owner=owner, notes=notes, floors=1, available_from=timezone.localdate(),
            crane_t=Decimal(10) if height == "10" else None,
        )  # fmt: skip
    existing_plots = set(LandPlot.objects.values_list("name", flat=True))
    for name, address, mu, use, ratio, status in PLOTS:
        if name not in existing_plots:
            land_plot_save(actor=admin, name=name, address=address, area_mu=Decimal(mu), use=use,
                           plot_ratio=Decimal(ratio), status=status)  # fmt: skip
    return Building.objects.count()
