"""The demo chain map, for the article's three chains (高端装备, 汽车零部件, 电子信息): target companies per
link, a few chain leaders (链主/龙头), and three links nobody works on yet — gaps (补链) the director reads on
the map. Known by name: running the seed again adds nothing."""

from django.contrib.auth.models import User
from django.db import transaction

from chainmap.models import TargetCompany
from chainmap.services import target_create
from crm.identity import normalize_company_name
from projects.models import ChainLink, IndustryChain
from projects.services import chain_link_save

DIRECTOR, ADMIN = "maxiang", "admin"
# Links added for the demo, with no project: the map's gaps.
GAP_LINKS = {
    "高端装备": [("upstream", "工业软件与控制系统")],
    "汽车零部件": [("midstream", "动力电池与电驱系统")],
    "电子信息": [("upstream", "半导体材料与设备")],
}
# chain, link: [(company, where, chain leader, notes)]
TARGETS = {
    ("高端装备", "关键零部件"): [
        ("浙江双环传动机械股份有限公司", "台州市", True, "精密齿轮龙头，2025年起在长三角布局新基地。"),
        ("江苏恒立液压股份有限公司", "常州市", True, ""),
        ("宁波中大力德智能传动股份有限公司", "宁波市", False, "减速电机，已在展会上接触过。"),
    ],
    ("高端装备", "智能装备整机"): [
        ("埃斯顿自动化股份有限公司", "南京市", True, "工业机器人整机，关注其华东第二工厂选址。"),
        ("大族激光科技产业集团股份有限公司", "深圳市", False, ""),
    ],
    ("高端装备", "轨道交通与特种装备"): [
        ("中车株洲电力机车研究所有限公司", "株洲市", True, "链主企业，可带动牵引、变流配套。"),
    ],
    ("高端装备", "系统集成与服务"): [("江苏北人智能制造科技股份有限公司", "苏州市", False, "")],
    ("高端装备", "工业软件与控制系统"): [
        ("浙江中控技术股份有限公司", "杭州市", True, "工业控制系统龙头，补链首选。"),
        ("上海宝信软件股份有限公司", "上海市", False, ""),
        ("杭州和利时自动化有限公司", "杭州市", False, "DCS/PLC，可以商引商，由园区已落地企业引荐。"),
    ],
    ("汽车零部件", "原材料与粉末冶金"): [("东睦新材料集团股份有限公司", "宁波市", True, "粉末冶金龙头。")],
    ("汽车零部件", "底盘系统"): [
        ("浙江亚太机电股份有限公司", "杭州市", False, "制动系统。"),
        ("拓普集团股份有限公司", "宁波市", True, "底盘与轻量化龙头，已有意向扩产。"),
    ],
    ("汽车零部件", "车身电子"): [
        ("惠州市德赛西威汽车电子股份有限公司", "惠州市", True, "智能座舱域控制器。"),
        ("宁波均胜电子股份有限公司", "宁波市", False, ""),
    ],
    ("汽车零部件", "汽车照明"): [
        ("华域视觉科技（上海）有限公司", "上海市", True, "车灯链主，带动透镜、模组配套。"),
        ("常州星宇车灯股份有限公司", "常州市", True, ""),
    ],
    ("汽车零部件", "整车配套"): [("三花智控股份有限公司", "绍兴市", False, "热管理。")],
    ("汽车零部件", "动力电池与电驱系统"): [
        ("宁德时代新能源科技股份有限公司", "宁德市", True, "链主企业；补链重点，需领导带队拜访。"),
        ("精进电动科技股份有限公司", "北京市", False, ""),
        ("汇川技术股份有限公司", "深圳市", False, "电驱总成。"),
    ],
    ("电子信息", "电子材料"): [("江苏雅克科技股份有限公司", "无锡市", False, "电子特气、前驱体。")],
    ("电子信息", "显示面板与柔性玻璃"): [
        ("京东方科技集团股份有限公司", "北京市", True, "面板龙头，可带动UTG、偏光片配套。"),
    ],
    ("电子信息", "电子元器件"): [
        ("风华高科股份有限公司", "肇庆市", False, ""),
        ("顺络电子股份有限公司", "深圳市", False, "电感与LTCC。"),
    ],
    ("电子信息", "智能终端"): [("闻泰科技股份有限公司", "嘉兴市", True, "ODM龙头。")],
    ("电子信息", "半导体材料与设备"): [
        ("沪硅产业股份有限公司", "上海市", True, "12英寸硅片，补链。"),
        ("北方华创科技集团股份有限公司", "北京市", True, ""),
    ],
}


@transaction.atomic
def seed_demo_chainmap() -> int:
    director, admin = User.objects.get(username=DIRECTOR), User.objects.get(username=ADMIN)
    chains = {chain.name: chain for chain in IndustryChain.objects.all()}
    for chain_name, links in GAP_LINKS.items():
        chain = chains.get(chain_name)
        for segment, name in links:
            if chain is not None and not chain.links.filter(name=name).exists():
                chain_link_save(actor=admin, chain=chain, name=name, segment=segment)
    links = {(link.chain.name, link.name): link for link in ChainLink.objects.select_related("chain")}
    existing = set(TargetCompany.objects.values_list("link_id", "normalized_name"))
    for key, targets in TARGETS.items():
        link = links.get(key)
        if link is None:  # an administrator renamed it: leave it
            continue
        for name, location, leader, notes in targets:
            if (link.pk, normalize_company_name(name)) in existing:
                continue
            target_create(actor=director, link=link, name=name, location=location, is_chain_leader=leader, notes=notes)
    return TargetCompany.objects.count()
