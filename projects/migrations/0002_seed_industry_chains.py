"""The zone's three industry clusters and their links (reference data; admins edit them in the app)."""

from django.db import migrations

CHAINS = [
    ("高端装备", [("upstream", "关键零部件"), ("midstream", "智能装备整机"), ("midstream", "轨道交通与特种装备"),
              ("downstream", "系统集成与服务")]),
    ("汽车零部件", [("upstream", "原材料与粉末冶金"), ("midstream", "底盘系统"), ("midstream", "车身电子"),
               ("midstream", "汽车照明"), ("downstream", "整车配套")]),
    ("电子信息", [("upstream", "电子材料"), ("midstream", "显示面板与柔性玻璃"), ("midstream", "电子元器件"),
              ("downstream", "智能终端")]),
]  # fmt: skip


def seed(apps, schema_editor):
    IndustryChain = apps.get_model("projects", "IndustryChain")
    ChainLink = apps.get_model("projects", "ChainLink")
    for position, (name, links) in enumerate(CHAINS):
        chain, _ = IndustryChain.objects.get_or_create(name=name, defaults={"position": position})
        for segment, link in links:
            ChainLink.objects.get_or_create(chain=chain, name=link, defaults={"segment": segment})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
