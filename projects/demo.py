"""The demo center's pipeline: the projects of the article about the 广陵 development zone (智能底盘, UTG
柔性玻璃, 氢能高架缆车, 粉末冶金, 汽车数字照明, 埃泰斯热储能, 天盛振宁 referred by 恒盛智谷) and enough
others to fill every stage and group.

Everything goes through the services, so the history is real: registrations, stage requests signed off by
the group leader (early moves) or by 马翔/谢树人 (意向, 签约, 开工), rejections, pauses, drops, capital
increases. Afterwards the timestamps are moved back so that the data looks like months of work.

The plan is built from a fixed random seed and does not depend on the database; a project whose name
exists is left alone, so running the seed again changes nothing."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crm import selectors as crm_selectors
from crm import services as crm_services
from crm.identity import CREDIT_CODE_ALPHABET, credit_code_check_character, normalize_company_name
from crm.models import Company, ConflictClaim, Contact, Registration, RegistrationPolicy
from projects import services
from projects.models import ChainLink, IndustryChain, Project, ProjectEvent, ProjectIncrement, StageRequest
from projects.stages import STAGE_ORDER, Approver, Stage, rule, stage_index
from projects.stays import recompute_stays
from teams.demo import DEMO_TEAMS
from teams.models import Team

SEED = 2026
DIRECTOR, DEPUTY = "maxiang", "xieshuren"
LEADERS = {code: people[0][0] for code, _name, people in DEMO_TEAMS}
MEMBERS = {code: [person[0] for person in people] for code, _name, people in DEMO_TEAMS}
Channel = Project.Channel

# (days ago, minutes after midnight), in the center's local time.
Moment = tuple[int, int]

# city → (province, first four digits of its administrative division code)
CITIES = {
    "扬州市": ("江苏省", "3210"), "南京市": ("江苏省", "3201"), "无锡市": ("江苏省", "3202"),
    "常州市": ("江苏省", "3204"), "苏州市": ("江苏省", "3205"), "南通市": ("江苏省", "3206"),
    "盐城市": ("江苏省", "3209"), "镇江市": ("江苏省", "3211"), "泰州市": ("江苏省", "3212"),
    "杭州市": ("浙江省", "3301"), "宁波市": ("浙江省", "3302"), "温州市": ("浙江省", "3303"),
    "嘉兴市": ("浙江省", "3304"), "金华市": ("浙江省", "3307"), "衢州市": ("浙江省", "3308"),
    "台州市": ("浙江省", "3310"), "丽水市": ("浙江省", "3311"), "上海市": ("上海市", "3101"),
    "合肥市": ("安徽省", "3401"), "芜湖市": ("安徽省", "3402"), "武汉市": ("湖北省", "4201"),
    "株洲市": ("湖南省", "4302"), "洛阳市": ("河南省", "4103"), "潍坊市": ("山东省", "3707"),
    "深圳市": ("广东省", "4403"), "东莞市": ("广东省", "4419"),
}  # fmt: skip

# The links of projects/migrations/0002_seed_industry_chains.py (admins may rename them: unknown ones stay empty).
CHAIN_LINKS = {
    "高端装备": ["关键零部件", "智能装备整机", "轨道交通与特种装备", "系统集成与服务"],
    "汽车零部件": ["原材料与粉末冶金", "底盘系统", "车身电子", "汽车照明", "整车配套"],
    "电子信息": ["电子材料", "显示面板与柔性玻璃", "电子元器件", "智能终端"],
}
CHAIN_INDUSTRY = {"高端装备": "专用设备制造", "汽车零部件": "汽车零部件及配件制造", "电子信息": "电子器件制造"}

# The rest of the pipeline: (chain link, project, product, investor, city, company size, overrides).
OTHER_PROJECTS = [
    ("关键零部件", "精密行星减速器生产项目", "工业机器人用精密行星减速器、RV减速器",
     "常州恒锐传动科技有限公司", "常州市", "medium", {}),
    ("关键零部件", "高端液压元件生产基地项目", "工程机械用高压柱塞泵、多路阀及液压马达",
     "无锡力源液压股份有限公司", "无锡市", "large", {}),
    ("关键零部件", "风电主轴轴承项目", "3MW以上风电主轴轴承及偏航变桨轴承",
     "洛阳中达精密轴承有限公司", "洛阳市", "large", {}),
    ("关键零部件", "伺服电机及驱动器项目", "中小功率交流伺服电机、伺服驱动器",
     "苏州汇驰电机科技有限公司", "苏州市", "medium", {}),
    ("关键零部件", "燃气轮机精密铸件项目", "燃气轮机及航空发动机用高温合金精密铸件",
     "泰州华锻精密机械有限公司", "泰州市", "medium", {}),
    ("智能装备整机", "五轴联动数控机床项目", "五轴联动加工中心、精密卧式加工中心",
     "宁波海精数控机床有限公司", "宁波市", "large", {}),
    ("智能装备整机", "工业机器人整机项目", "六轴焊接、搬运机器人及机器人工作站",
     "上海埃锐机器人科技有限公司", "上海市", "medium", {}),
    ("智能装备整机", "万瓦级光纤激光切割装备项目", "万瓦级光纤激光切割机、激光焊接设备",
     "武汉华镭激光装备有限公司", "武汉市", "medium", {}),
    ("智能装备整机", "智能仓储物流装备项目", "堆垛机、四向穿梭车及智能立体库系统",
     "南京科驰智能物流装备有限公司", "南京市", "medium", {}),
    ("智能装备整机", "锂电池智能制造装备项目", "锂电池卷绕机、叠片机及整线装备",
     "无锡先锐智能装备股份有限公司", "无锡市", "listed",
     {"planned": 180000, "major": True}),
    ("智能装备整机", "半导体湿法清洗设备项目", "12英寸晶圆湿法清洗设备",
     "上海盛芯半导体设备有限公司", "上海市", "medium",
     {"channel": Channel.FUND}),
    ("轨道交通与特种装备", "轨道交通牵引变流器项目", "地铁车辆牵引变流器、辅助电源系统",
     "湖南中轨电气有限公司", "株洲市", "large", {}),
    ("轨道交通与特种装备", "船用甲板机械项目", "船用起重机、锚绞机等甲板机械",
     "南通润海船舶装备有限公司", "南通市", "medium", {}),
    ("轨道交通与特种装备", "港口大型起重装备项目", "港口门座起重机、岸边集装箱起重机",
     "镇江华港重工机械有限公司", "镇江市", "large", {}),
    ("系统集成与服务", "汽车智能产线系统集成项目", "汽车焊装、涂装智能产线设计与集成",
     "上海固德自动化系统有限公司", "上海市", "medium", {}),
    ("系统集成与服务", "工业互联网平台区域运营中心项目", "设备远程运维工业互联网平台及区域运营中心",
     "杭州云枢工业互联网科技有限公司", "杭州市", "small",
     {"planned": 2000}),
    ("系统集成与服务", "氢燃料电池测试装备项目", "燃料电池电堆及系统测试台",
     "嘉兴氢测科技有限公司", "嘉兴市", "small", {}),
    ("原材料与粉末冶金", "汽车轻量化铝合金型材项目", "新能源汽车电池托盘及车身铝合金型材",
     "江苏华铝新材料科技有限公司", "无锡市", "large", {}),
    ("原材料与粉末冶金", "热成型高强钢车身结构件项目", "热成型高强钢车身结构件、冷冲压件",
     "昆山宏锻汽车零部件有限公司", "苏州市", "medium", {}),
    ("原材料与粉末冶金", "新能源汽车一体化压铸件项目", "6000吨以上一体化压铸后地板、前舱总成",
     "宁波力铸汽车科技股份有限公司", "宁波市", "listed",
     {"planned": 300000, "major": True, "stage": Stage.CONSTRUCTION}),
    ("原材料与粉末冶金", "汽车变速箱精密锻件项目", "变速箱齿轮及轴类精密锻件",
     "常州精锻汽车零部件有限公司", "常州市", "medium", {}),
    ("底盘系统", "线控制动系统项目", "电子液压线控制动（EHB）系统",
     "上海拓驰汽车电子有限公司", "上海市", "medium", {}),
    ("底盘系统", "电动助力转向系统项目", "管柱式及齿条式电动助力转向器",
     "芜湖恒转汽车转向系统有限公司", "芜湖市", "large", {}),
    ("底盘系统", "乘用车空气悬架项目", "乘用车空气弹簧、电控减振器",
     "合肥悬驰汽车科技有限公司", "合肥市", "medium", {}),
    ("底盘系统", "新能源汽车铝合金副车架项目", "铝合金副车架、控制臂",
     "浙江台联汽车底盘件有限公司", "台州市", "medium", {}),
    ("车身电子", "车载域控制器项目", "智能座舱域控制器、智能驾驶域控制器",
     "苏州智域汽车电子有限公司", "苏州市", "medium", {}),
    ("车身电子", "新能源汽车高压线束项目", "新能源汽车高压线束及高压连接器",
     "温州瑞联汽车电器有限公司", "温州市", "medium", {}),
    ("车身电子", "车规级毫米波雷达项目", "77GHz车规级毫米波雷达",
     "南京睿达汽车电子有限公司", "南京市", "small", {}),
    ("车身电子", "汽车电子开关项目", "车窗升降开关、组合开关",
     "嘉兴捷安汽车电器有限公司", "嘉兴市", "small", {}),
    ("汽车照明", "LED车灯模组项目", "前照灯LED模组、贯穿式尾灯",
     "丹阳光耀车灯有限公司", "镇江市", "medium", {}),
    ("汽车照明", "车灯光学透镜项目", "车灯光学透镜、导光条",
     "宁波晶耀光学科技有限公司", "宁波市", "small", {}),
    ("整车配套", "新能源汽车热管理系统项目", "热泵空调总成、电子水泵、电子膨胀阀",
     "杭州凌川热管理科技股份有限公司", "杭州市", "listed",
     {"planned": 150000, "major": True, "stage": Stage.PRODUCTION}),
    ("整车配套", "乘用车座椅总成项目", "乘用车座椅总成及座椅骨架",
     "上海安驰汽车座椅有限公司", "上海市", "large", {}),
    ("整车配套", "动力电池Pack及储能系统项目", "动力电池Pack、工商业储能柜",
     "常州瑞能新能源科技有限公司", "常州市", "large",
     {"channel": Channel.FUND}),
    ("整车配套", "汽车内饰件项目", "仪表板、门板总成",
     "盐城华悦汽车内饰件有限公司", "盐城市", "medium", {}),
    ("整车配套", "新能源商用车电驱桥项目", "新能源商用车电驱动桥总成",
     "山东重驰车桥有限公司", "潍坊市", "large", {}),
    ("整车配套", "汽车玻璃升降器项目", "电动玻璃升降器、天窗导轨",
     "浙江华升汽车配件有限公司", "金华市", "small", {}),
    ("电子材料", "电子级湿化学品项目", "电子级硫酸、双氧水等高纯湿化学品",
     "南通晶纯电子材料有限公司", "南通市", "medium", {}),
    ("电子材料", "高频高速覆铜板项目", "5G通信及服务器用高频高速覆铜板",
     "苏州华覆电子材料有限公司", "苏州市", "large", {}),
    ("电子材料", "半导体溅射靶材项目", "高纯铝、铜、钛溅射靶材",
     "宁波江溅新材料科技有限公司", "宁波市", "medium", {}),
    ("电子材料", "光伏导电银浆项目", "光伏电池正面导电银浆",
     "常州聚银电子浆料有限公司", "常州市", "small", {}),
    ("电子材料", "电子特种气体项目", "三氟化氮、六氟化钨等电子特种气体",
     "浙江博瑞特种气体有限公司", "衢州市", "medium", {}),
    ("显示面板与柔性玻璃", "Mini LED背光模组项目", "车载及笔记本电脑Mini LED背光模组",
     "合肥晶显光电科技有限公司", "合肥市", "medium", {}),
    ("显示面板与柔性玻璃", "偏光片生产线项目", "TFT-LCD及OLED用偏光片",
     "深圳盛光光电材料有限公司", "深圳市", "large", {}),
    ("显示面板与柔性玻璃", "车载触控显示模组项目", "车载触控显示一体化模组",
     "昆山富显电子科技有限公司", "苏州市", "medium", {}),
    ("电子元器件", "车规级功率模块封测项目", "车规级IGBT及SiC功率模块封装测试",
     "上海芯瑞半导体科技有限公司", "上海市", "large",
     {"planned": 150000, "channel": Channel.FUND}),
    ("电子元器件", "车规级MLCC项目", "车规级片式多层陶瓷电容器（MLCC）",
     "无锡宏容电子科技有限公司", "无锡市", "large", {}),
    ("电子元器件", "MEMS传感器项目", "MEMS压力传感器、温湿度传感器",
     "杭州感拓微电子有限公司", "杭州市", "small", {}),
    ("电子元器件", "高多层印制电路板项目", "服务器及汽车电子用高多层PCB",
     "南通汇联电路科技有限公司", "南通市", "large", {}),
    ("电子元器件", "精密连接器项目", "通信及汽车用精密连接器",
     "东莞盈信精密连接器有限公司", "东莞市", "medium", {}),
    ("电子元器件", "800G光模块项目", "数据中心用400G/800G光模块",
     "苏州旭驰光电科技有限公司", "苏州市", "large", {}),
    ("智能终端", "智能穿戴设备项目", "智能手表、TWS耳机整机",
     "深圳市迈联智能科技有限公司", "深圳市", "medium", {}),
    ("智能终端", "AI服务器整机项目", "AI服务器整机及算力设备",
     "南京云擎信息技术有限公司", "南京市", "large", {"planned": 120000}),
    ("智能终端", "工商业储能变流器项目", "储能变流器（PCS）及能量管理系统",
     "合肥储源电力科技有限公司", "合肥市", "medium", {}),
    ("智能终端", "智能安防终端项目", "网络摄像机、智能门锁",
     "杭州慧眼智能科技有限公司", "杭州市", "medium", {}),
    ("智能终端", "车载智能终端项目", "T-BOX车载通信终端、行车记录仪",
     "上海联驰智能终端有限公司", "上海市", "small", {}),
]  # fmt: skip

# How many of OTHER_PROJECTS end in each stage (more early than late); the article adds 8 more.
OTHER_STAGES = {
    Stage.LEAD: 12, Stage.CONTACT: 10, Stage.NEGOTIATION: 9, Stage.SITE_VISIT: 7,
    Stage.INTENTION: 4, Stage.SIGNED: 5, Stage.CONSTRUCTION: 5, Stage.PRODUCTION: 4,
}  # fmt: skip
OTHER_TEAMS = {"G1": 12, "G2": 12, "G3": 11, "G4": 9, "G5": 12}

# Relative time a project spends before moving into each stage.
STAGE_PACE = {
    Stage.CONTACT: 1.0, Stage.NEGOTIATION: 1.2, Stage.SITE_VISIT: 1.0, Stage.INTENTION: 1.2,
    Stage.SIGNED: 1.5, Stage.CONSTRUCTION: 2.5, Stage.PRODUCTION: 4.5,
}  # fmt: skip
# (created days ago, days in the final stage) ranges for a project that ended in each stage.
STAGE_AGE = {
    Stage.LEAD: ((3, 80), None), Stage.CONTACT: ((20, 140), None), Stage.NEGOTIATION: ((40, 200), None),
    Stage.SITE_VISIT: ((60, 240), None), Stage.INTENTION: ((90, 280), None), Stage.SIGNED: ((150, 330), (20, 160)),
    Stage.CONSTRUCTION: ((300, 560), (30, 200)), Stage.PRODUCTION: ((520, 720), (30, 220)),
}  # fmt: skip

REQUEST_COMMENTS = {
    Stage.CONTACT: ["已与对方负责人电话接通，对方有在长三角新增产能的计划，同意进一步对接。",
                    "经商会引荐加上微信，对方发来了企业简介，约好下周视频交流。"],
    Stage.NEGOTIATION: ["已完成两轮视频洽谈，对方提供了项目计划书，进入实质洽谈。",
                        "对方董事长带队来访，双方就产能规划和用地需求进行了交流。"],
    Stage.SITE_VISIT: ["项目方确定来扬实地考察，已安排看厂房和地块，并对接园区配套企业。",
                       "对方技术和投资团队下周来园区考察，载体方案已准备两套。"],
    Stage.INTENTION: ["完成实地考察，双方就用地、厂房及扶持政策达成初步共识，拟签订投资意向书。",
                      "框架协议条款已基本谈妥，对方投委会已通过，申请进入意向阶段。"],
    Stage.SIGNED: ["投资协议文本已经双方法务审核，具备正式签约条件，提请签约。",
                   "对方董事会已批准投资，协议条款全部谈妥，申请安排签约。"],
    Stage.CONSTRUCTION: ["施工许可证已办理，施工单位已进场，申请确认开工。",
                         "厂房装修改造已启动，首批设备订单已下，申请确认开工。"],
    Stage.PRODUCTION: ["设备安装调试完成，首批产品已下线，申请确认投产。",
                       "产线通过客户审核，开始批量供货，申请确认投产。"],
}  # fmt: skip
DECISION_COMMENTS = {
    Approver.GROUP_LEADER: ["同意。", "同意，抓紧推进。", "同意，注意及时更新洽谈记录。",
                            "同意，下一步把载体需求摸清楚。"],
    Stage.INTENTION: ["同意签订投资意向书，抓紧落实用地方案。", "同意，请规划和建设部门提前介入。"],
    Stage.SIGNED: ["同意签约，请做好签约仪式筹备。", "同意。协议中的投资强度、达产时间条款要落实到位。"],
    Stage.CONSTRUCTION: ["同意，开工后按月报送形象进度和到资情况。", "同意，做好开工服务保障。"],
}  # fmt: skip
REJECTION_REASONS = {
    Stage.INTENTION: ["投资强度和亩均税收测算不足，请补充后再报。",
                      "用地指标来源还没落实，先与自然资源局对接后再报。"],
    Stage.SIGNED: ["协议中的违约责任和回购条款需法务再审，修改后再报。",
                   "达产时间和税收承诺不明确，请与企业再谈一轮。"],
}  # fmt: skip
PAUSE_REASONS = [
    "集团董事会暂缓审议对外投资，预计明年一季度重启。",
    "企业正在进行新一轮股权融资，融资到位后再推进。",
    "企业核心客户订单调整，扩产计划延后半年。",
    "等待园区可用厂房腾退，暂缓洽谈。",
]
DROP_REASONS = [
    "企业综合比较后选择落户安徽滁州，当地给出的土地价格和设备补贴更优。",
    "受下游需求下滑影响，集团取消本轮扩产计划。",
    "项目环评类别与园区产业定位不符，经研究终止对接。",
    "投资方资金链紧张，无法落实注册资本，项目终止。",
]

SURNAMES = [("刘", "liu"), ("王", "wang"), ("张", "zhang"), ("陈", "chen"), ("李", "li"), ("赵", "zhao"),
            ("周", "zhou"), ("吴", "wu"), ("孙", "sun"), ("朱", "zhu"), ("胡", "hu"), ("沈", "shen"),
            ("蒋", "jiang"), ("许", "xu"), ("钱", "qian"), ("陆", "lu"), ("顾", "gu"), ("叶", "ye"),
            ("杨", "yang"), ("黄", "huang")]  # fmt: skip
GIVEN_NAMES = ["志远", "建华", "海涛", "晓东", "国平", "卫东", "文斌", "立新", "振华", "永强", "春燕", "丽萍",
               "明辉", "晓峰", "建军", "伟民", "国庆", "红梅", "俊杰", "雪松"]  # fmt: skip
MOBILE_PREFIXES = ["138", "139", "137", "136", "135", "150", "151", "152", "158", "159", "182", "187", "188",
                   "133", "153", "180", "189", "177", "199", "166"]  # fmt: skip
FIRST_TITLES = [("总经理", "总"), ("董事长", "董"), ("总经理", "总")]
SECOND_TITLES = [
    ("副总经理", "总"),
    ("投资发展部经理", "经理"),
    ("行政总监", "总"),
    ("财务总监", "总"),
    ("项目经理", "工"),
]


@dataclass
class CompanyPlan:
    name: str
    city: str
    industry: str
    size: str
    credit_code: str = ""
    notes: str = ""
    contacts: list[dict] = field(default_factory=list)

    @property
    def province(self) -> str:
        return CITIES[self.city][0]


@dataclass
class Move:
    """One approved stage move, maybe preceded by a rejected request."""

    to_stage: str
    requested: Moment
    decided: Moment
    decided_by: str | None  # None: the requester may approve it and did
    comment: str
    decision_comment: str
    rejected: tuple[Moment, Moment, str] | None = None  # requested, decided, reason (decided by `decided_by`)


@dataclass
class ProjectPlan:
    name: str
    team: str
    owner: str
    company: CompanyPlan
    fields: dict
    stage: str
    created: Moment
    moves: list[Move] = field(default_factory=list)
    collaborators: list[str] = field(default_factory=list)
    contract: tuple[Moment, dict] | None = None  # the amounts recorded just after signing
    funds: tuple[Moment, Decimal] | None = None  # funds in place, updated later
    increments: list[tuple[Moment, Decimal, str]] = field(default_factory=list)
    pending: tuple[str, Moment, str] | None = None  # to stage, requested, comment
    status: tuple[str, str, Moment] | None = None  # paused/dropped, reason, when


@dataclass
class ClaimPlan:
    company: str
    claimant: str
    reason: str
    filed: Moment


class _Planner:
    """Builds the whole demo pipeline from the seed; depends on nothing but `today`."""

    def __init__(self, today: date):
        self.rng = random.Random(SEED)
        self.today = today
        self.codes: set[str] = set()

    # --- small random helpers -----------------------------------------------------------------------

    def morning(self) -> int:
        return self.rng.randint(8 * 60 + 30, 11 * 60 + 30)

    def afternoon(self) -> int:
        return self.rng.randint(13 * 60 + 30, 17 * 60 + 20)

    def daytime(self) -> int:
        return self.rng.randint(9 * 60, 17 * 60)

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def amount(self, low: float, high: float, step: int) -> Decimal:
        return Decimal(round(self.rng.uniform(low, high) / step) * step)

    def credit_code(self, city: str) -> str:
        county = self.rng.choice(["02", "03", "04", "05", "06", "11", "12", "13", "81", "82", "83"])
        while True:
            tail = self.rng.choice("123456789") + "".join(self.rng.choices(CREDIT_CODE_ALPHABET, k=6))
            body = f"91{CITIES[city][1]}{county}MA{tail}"
            code = body + credit_code_check_character(body)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def mobile(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"

    def contacts(self) -> list[dict]:
        people = []
        for titles in [FIRST_TITLES] + ([SECOND_TITLES] if self.rng.random() < 0.5 else []):
            surname, pinyin = self.rng.choice(SURNAMES)
            title, address = self.rng.choice(titles)
            people.append(
                {
                    "name": surname + self.rng.choice(GIVEN_NAMES),
                    "title": title,
                    "phone": self.mobile(),
                    "wechat_id": f"{pinyin}{self.rng.choice(['', '_', 'zong', 'hz'])}{self.rng.randint(60, 9999)}",
                    "notes": f"称呼：{surname}{address}",
                }
            )
        return people

    # --- the stage history ---------------------------------------------------------------------------

    def moves(
        self,
        *,
        team: str,
        owner: str,
        stage: str,
        created_days: int,
        days_in_stage: int,
        reject_into: str | None = None,
    ) -> tuple[Moment, list[Move]]:
        """The creation and the moves up to `stage`, the last one `days_in_stage` days ago."""
        targets = STAGE_ORDER[1 : stage_index(stage) + 1]
        created = (max(created_days, days_in_stage), self.daytime())
        if not targets:
            return created, []
        weights = [STAGE_PACE[target] * self.rng.uniform(0.6, 1.4) for target in targets]
        span = max(created_days - days_in_stage, 3 * len(targets))
        gaps = [max(2, round(span * weight / sum(weights))) for weight in weights]
        previous = days_in_stage + sum(gaps)
        created = (previous, self.daytime())
        moves = []
        for target, gap in zip(targets, gaps, strict=True):
            day = previous - gap
            approver = rule(target).approver
            if approver == Approver.GROUP_LEADER:
                decided_by = None if owner == LEADERS[team] else LEADERS[team]
                decision = self.rng.choice(DECISION_COMMENTS[Approver.GROUP_LEADER])
            else:
                director_share = {Stage.SIGNED: 0.75, Stage.INTENTION: 0.3, Stage.CONSTRUCTION: 0.4}[target]
                decided_by = DIRECTOR if self.rng.random() < director_share else DEPUTY
                decision = self.rng.choice(DECISION_COMMENTS[target])
            comment = self.rng.choice(REQUEST_COMMENTS[target])
            if decided_by is None:
                moment = (day, self.daytime())
                moves.append(Move(target, moment, moment, None, comment, decision))
            else:
                rejected = None
                if target == reject_into and gap >= 5:
                    first = self.rng.randint(3, gap - 1)
                    reason = self.rng.choice(REJECTION_REASONS[target])
                    rejected = ((day + first, self.morning()), (day + first - 1, self.afternoon()), reason)
                wait = self.rng.randint(0, 1 if rejected else min(2, gap - 1))
                moves.append(
                    Move(target, (day + wait, self.morning()), (day, self.afternoon()), decided_by, comment, decision,
                         rejected)
                )  # fmt: skip
            previous = day
        return created, moves

    # --- projects ------------------------------------------------------------------------------------

    def project(
        self,
        *,
        name: str,
        team: str,
        owner: str,
        company: CompanyPlan,
        stage: str,
        created_days: int,
        days_in_stage: int,
        fields: dict,
        reject_into: str | None = None,
        contracted: Decimal | None = None,
        funds: tuple[Decimal, Decimal] | None = None,  # in place at signing, and now
        **extra,
    ) -> ProjectPlan:
        created, moves = self.moves(
            team=team, owner=owner, stage=stage, created_days=created_days, days_in_stage=days_in_stage,
            reject_into=reject_into,
        )  # fmt: skip
        plan = ProjectPlan(name, team, owner, company, {"name": name, **fields}, stage, created, moves, **extra)
        if stage_index(stage) >= stage_index(Stage.SIGNED):
            planned = fields["planned_investment"]
            contracted = contracted if contracted is not None else self.contracted(planned)
            at_signing, now = funds if funds is not None else self.funds(stage, contracted)
            signing = next(move for move in moves if move.to_stage == Stage.SIGNED)
            signed_on = self.day(signing.decided[0])
            plan.fields["expected_signing_date"] = signed_on
            plan.fields.setdefault(
                "planned_construction_date", signed_on + timedelta(days=self.rng.choice([60, 90, 120, 150]))
            )
            after = (signing.decided[0], signing.decided[1] + 40)
            plan.contract = (after, {"contracted_amount": contracted, "funds_in_place": at_signing})
            if now != at_signing and days_in_stage >= 3:
                plan.funds = ((self.rng.randint(1, days_in_stage - 1), self.afternoon()), now)
        return plan

    def contracted(self, planned: Decimal) -> Decimal:
        if self.rng.random() < 0.6:
            return planned
        return max(Decimal(1000), (planned * Decimal(self.rng.uniform(0.8, 0.98)) / 100).quantize(Decimal(1)) * 100)

    def funds(self, stage: str, contracted: Decimal) -> tuple[Decimal, Decimal]:
        share = {Stage.SIGNED: (0.05, 0.3), Stage.CONSTRUCTION: (0.3, 0.65), Stage.PRODUCTION: (0.6, 0.92)}[stage]
        at_signing = (contracted * Decimal(self.rng.uniform(0, 0.08)) / 100).quantize(Decimal(1)) * 100
        now = (contracted * Decimal(self.rng.uniform(*share)) / 100).quantize(Decimal(1)) * 100
        return at_signing, max(at_signing, now)

    # --- the article ---------------------------------------------------------------------------------

    def company(self, name: str, city: str, industry: str, size: str, *, code: bool = True, **fields) -> CompanyPlan:
        contacts = fields.pop("contacts", None) or self.contacts()
        code_value = self.credit_code(city) if code else ""
        return CompanyPlan(name, city, industry, size, code_value, contacts=contacts, **fields)

    def article(self) -> list[ProjectPlan]:
        today = self.today
        plans = [
            self.project(
                name="汽车用智能底盘和感应门把手项目", team="G1", owner="xulei", stage=Stage.INTENTION,
                created_days=150, days_in_stage=26, collaborators=["zhangwei"],
                company=self.company(
                    "浙江智驰汽车科技有限公司", "宁波市", "汽车零部件及配件制造", "medium",
                    notes="主营汽车智能底盘、感应式电子门把手，配套国内多家新能源主机厂。",
                    contacts=[
                        {"name": "刘振宇", "title": "总经理", "phone": "13967451286", "wechat_id": "liuzhenyu_zc",
                         "notes": "称呼：刘总。疫情期间以视频洽谈为主，本月已视频洽谈5次。"},
                        {"name": "陈思远", "title": "投资发展部经理", "phone": "15867322914", "wechat_id": "chensy1988",
                         "notes": "称呼：陈经理，负责选址和厂房方案。"},
                    ],
                ),
                fields={
                    "product": "汽车用智能底盘模块、感应式电子门把手", "chain": "汽车零部件", "chain_link": "底盘系统",
                    "channel": Channel.INDUSTRY_CHAIN, "planned_investment": Decimal(60000),
                    "fixed_asset_investment": Decimal(42000), "expected_annual_output": Decimal(150000),
                    "expected_annual_tax": Decimal(8000), "is_high_tech": True, "floor_area_m2": Decimal(18000),
                    "ceiling_height_m": Decimal(9), "structure": Project.Structure.CONCRETE, "power_kva": 4000,
                    "premises_notes": "高技术制造业项目，对生产环境要求很高：装配车间需十万级洁净、恒温恒湿、"
                    "防静电地坪。已按企业实际入驻需求对厂房选址作了进一步调整，待刘总实地看厂。",
                    "expected_signing_date": today + timedelta(days=24),
                },
                pending=(Stage.SIGNED, (2, 10 * 60 + 15),
                         "投资协议文本已与刘总逐条确认，调整后的厂房选址方案对方认可，意向明确、态度积极，"
                         "具备签约条件，提请主任审批签约。"),
            ),
            self.project(
                name="UTG柔性玻璃项目", team="G4", owner="wangshuai", stage=Stage.NEGOTIATION,
                created_days=80, days_in_stage=19, collaborators=["fengxue"],
                company=self.company(
                    "浙江晶柔超薄玻璃科技有限公司", "丽水市", "电子器件制造", "medium",
                    notes="超薄柔性玻璃（UTG）减薄、强化、切割全工序，客户为折叠屏手机厂商。",
                ),
                fields={
                    "product": "折叠屏手机用UTG超薄柔性玻璃盖板", "chain": "电子信息",
                    "chain_link": "显示面板与柔性玻璃",
                    "channel": Channel.INDUSTRY_CHAIN, "planned_investment": Decimal(120000),
                    "fixed_asset_investment": Decimal(90000), "expected_annual_output": Decimal(200000),
                    "expected_annual_tax": Decimal(12000), "is_high_tech": True, "land_mu": Decimal(150),
                    "power_kva": 8000, "premises_notes": "需百级/千级洁净车间，纯水用量大。",
                    "expected_signing_date": today + timedelta(days=150),
                },
            ),
            self.project(
                name="氢能高架缆车项目", team="G4", owner="wangshuai", stage=Stage.CONTACT,
                created_days=45, days_in_stage=24, collaborators=["fengxue"],
                company=self.company("浙江氢擎空轨科技有限公司", "衢州市", "轨道交通设备制造", "medium"),
                fields={
                    "product": "氢燃料电池驱动的高架缆车（空轨）车厢及轨道系统", "chain": "高端装备",
                    "chain_link": "轨道交通与特种装备", "channel": Channel.INDUSTRY_CHAIN,
                    "planned_investment": Decimal(80000), "fixed_asset_investment": Decimal(55000),
                    "is_high_tech": True, "land_mu": Decimal(120), "needs_water_transport": True,
                    "premises_notes": "缆车车厢和轨道梁长度大、体积大，成品需走水运；厂区宜临近长江或京杭运河码头，"
                    "总装车间需大跨度、高层高，并配20吨以上行车。",
                },
                pending=(Stage.NEGOTIATION, (1, 9 * 60 + 40),
                         "周日赴衢州跟进，对方看中长三角区位和我区临江水运条件，近期将专程来扬洽谈后续合作。"),
            ),
            self.project(
                name="粉末冶金汽车零部件项目", team="G4", owner="tanxu", stage=Stage.SITE_VISIT,
                created_days=95, days_in_stage=11,
                company=self.company(
                    "宁波恒粉粉末冶金有限公司", "宁波市", "汽车零部件及配件制造", "medium",
                    notes="主打汽车粉末冶金结构件，现有产能饱和，计划在扬州扩大产能。",
                ),
                fields={
                    "product": "汽车发动机、变速箱用粉末冶金结构件（齿轮、同步器齿毂、油泵转子）",
                    "chain": "汽车零部件", "chain_link": "原材料与粉末冶金", "channel": Channel.INDUSTRY_CHAIN,
                    "planned_investment": Decimal(35000), "fixed_asset_investment": Decimal(26000),
                    "expected_annual_output": Decimal(60000), "expected_annual_tax": Decimal(3000),
                    "floor_area_m2": Decimal(4300), "ceiling_height_m": Decimal(10),
                    "structure": Project.Structure.STEEL, "power_kva": 2500,
                    "premises_notes": "压机和烧结炉需要层高10米、4300平方米以上的钢结构厂房；园区闲置厂房层高大多"
                    "为6.5米，经多方走访，已协调园区内一家企业腾出一处层高10米的钢结构厂房。",
                    "expected_signing_date": today + timedelta(days=70),
                },
            ),
            self.project(
                name="汽车数字照明系统项目", team="G2", owner="sunhao", stage=Stage.INTENTION,
                created_days=220, days_in_stage=34, reject_into=Stage.INTENTION,
                company=self.company(
                    "华曜光电科技股份有限公司", "常州市", "汽车零部件及配件制造", "listed",
                    notes="车灯行业上市公司，拟建设汽车数字照明（DLP/Micro LED像素大灯）研发和生产基地。",
                ),
                fields={
                    "product": "汽车数字照明系统：DLP/Micro LED像素大灯、智能交互尾灯", "chain": "汽车零部件",
                    "chain_link": "汽车照明", "channel": Channel.INDUSTRY_CHAIN, "planned_investment": Decimal(210000),
                    "fixed_asset_investment": Decimal(160000), "expected_annual_output": Decimal(400000),
                    "expected_annual_tax": Decimal(22000), "is_provincial_major": True, "is_high_tech": True,
                    "land_mu": Decimal(260), "power_kva": 12000,
                    "expected_signing_date": today + timedelta(days=14),
                },
                pending=(Stage.SIGNED, (4, 15 * 60 + 5),
                         "列省重大项目，总投资21亿元；协议文本已经双方确认，省重大项目申报材料已备齐，提请签约。"),
            ),
            self.project(
                name="埃泰斯热储能项目", team="G5", owner="gaoyuan", stage=Stage.SIGNED,
                created_days=270, days_in_stage=min(78, max(1, (today - date(today.year, 1, 1)).days)),
                contracted=Decimal(50000),
                funds=(Decimal(5000), Decimal(15000)),
                company=self.company(
                    "埃泰斯（中国）储能科技有限公司", "上海市", "专用设备制造", "large",
                    notes="园区产业基金参与其A轮融资，以基金招商方式引进。",
                ),
                fields={
                    "product": "熔盐及固体热储能装备、工业余热回收与热储能系统集成", "chain": "高端装备",
                    "chain_link": "智能装备整机", "channel": Channel.FUND, "planned_investment": Decimal(50000),
                    "fixed_asset_investment": Decimal(38000), "expected_annual_output": Decimal(80000),
                    "expected_annual_tax": Decimal(4500), "is_high_tech": True, "land_mu": Decimal(85),
                    "power_kva": 6300,
                },
            ),
        ]  # fmt: skip
        hengsheng = self.project(
            name="恒盛智谷产业社区项目", team="G3", owner="huangtao", stage=Stage.PRODUCTION,
            created_days=700, days_in_stage=150, contracted=Decimal(120000),
            company=self.company(
                "扬州恒盛智谷产业社区运营有限公司", "扬州市", "园区开发运营", "large",
                notes="已落户园区的产业社区运营方，积极为园区以商引商牵线搭桥。",
            ),
            fields={
                "product": "恒盛智谷产业社区：标准厂房、研发楼宇及配套，面向高端装备和电子信息中小企业",
                "channel": Channel.INDUSTRY_CHAIN, "planned_investment": Decimal(120000),
                "fixed_asset_investment": Decimal(105000), "expected_annual_tax": Decimal(6000),
                "land_mu": Decimal(310),
            },
        )  # fmt: skip
        tiansheng = self.project(
            name="天盛振宁项目", team="G3", owner="zhaomin", stage=Stage.INTENTION,
            created_days=120, days_in_stage=17,
            company=self.company("南京天盛振宁新材料科技有限公司", "南京市", "电子专用材料制造", "medium"),
            fields={
                "product": "电子封装材料及新能源电池精密结构件", "chain": "电子信息", "chain_link": "电子材料",
                "channel": Channel.REFERRAL, "referrer": hengsheng.company.name, "planned_investment": Decimal(30000),
                "fixed_asset_investment": Decimal(22000), "expected_annual_output": Decimal(50000),
                "floor_area_m2": Decimal(12000), "ceiling_height_m": Decimal(8), "structure": Project.Structure.STEEL,
                "premises_notes": "拟租赁恒盛智谷产业社区标准厂房，先租后建。",
                "expected_signing_date": today + timedelta(days=20),
            },
        )  # fmt: skip
        return [*plans, hengsheng, tiansheng]

    # --- the rest of the pipeline --------------------------------------------------------------------

    def others(self, referrers: list[ProjectPlan]) -> list[ProjectPlan]:
        rng = self.rng
        stages = [stage for stage, count in OTHER_STAGES.items() for _ in range(count)]
        for *_rest, overrides in OTHER_PROJECTS:
            if "stage" in overrides:
                stages.remove(overrides["stage"])
        rng.shuffle(stages)
        free = iter(stages)
        teams = [team for team, count in OTHER_TEAMS.items() for _ in range(count)]
        rng.shuffle(teams)
        chains = {link: chain for chain, links in CHAIN_LINKS.items() for link in links}

        plans = []
        for (link, name, product, company_name, city, size, overrides), team in zip(OTHER_PROJECTS, teams, strict=True):
            stage = overrides.get("stage") or next(free)
            owner = rng.choice(MEMBERS[team] + MEMBERS[team][1:])  # recruiters run most projects
            index = stage_index(stage)
            created_range, in_stage_range = STAGE_AGE[Stage(stage)]
            created_days = rng.randint(*created_range)
            if in_stage_range:
                days_in_stage = rng.randint(*in_stage_range)
            elif rng.random() < 0.3 and created_days > 90:
                days_in_stage = rng.randint(60, min(120, created_days - 20))  # stuck in this stage
            else:
                days_in_stage = rng.randint(2, max(3, min(45, created_days // 3)))
            planned = Decimal(overrides["planned"]) if "planned" in overrides else self.planned(size)
            chain = chains[link]
            fields = {
                "product": product, "chain": chain, "chain_link": link, "channel": overrides.get("channel", ""),
                "planned_investment": planned, "is_provincial_major": overrides.get("major", False),
                "is_high_tech": (chain != "汽车零部件" and rng.random() < 0.5) or rng.random() < 0.2,
            }  # fmt: skip
            if index >= stage_index(Stage.NEGOTIATION):
                fields["fixed_asset_investment"] = (planned * Decimal(rng.uniform(0.6, 0.85)) / 100).quantize(
                    Decimal(1)
                ) * 100
                output = (planned * Decimal(rng.uniform(1.2, 2.5)) / 100).quantize(Decimal(1)) * 100
                fields["expected_annual_output"] = output
                fields["expected_annual_tax"] = (output * Decimal(rng.uniform(0.04, 0.07)) / 10).quantize(
                    Decimal(1)
                ) * 10
                fields.update(self.premises(planned))
            if stage_index(Stage.NEGOTIATION) <= index <= stage_index(Stage.INTENTION):
                ahead = {2: (120, 300), 3: (45, 150), 4: (-20, 60)}[index]  # a few 意向 are overdue
                fields["expected_signing_date"] = self.today + timedelta(days=rng.randint(*ahead))
            code = index >= stage_index(Stage.CONTACT) or rng.random() < 0.5
            company = self.company(company_name, city, CHAIN_INDUSTRY[chain], size, code=code, notes=f"主营{product}。")
            plans.append(
                self.project(
                    name=name, team=team, owner=owner, company=company, stage=stage, created_days=created_days,
                    days_in_stage=days_in_stage, fields=fields,
                    reject_into=rng.choice([Stage.INTENTION, Stage.SIGNED]) if rng.random() < 0.3 else None,
                )
            )  # fmt: skip
        landed = [plan for plan in plans if plan.stage in (Stage.CONSTRUCTION, Stage.PRODUCTION)]
        self.channels(plans, referrers + landed)
        self.statuses(plans)
        self.increments(plans)
        return plans

    def planned(self, size: str) -> Decimal:
        """Planned total investment in 万元, by the investor's size: 2000万元 … 20亿元."""
        bucket = self.rng.random() + {"small": 0, "medium": 0.3, "large": 0.6, "listed": 0.8}[size]
        if bucket < 0.5:
            return self.amount(2000, 9500, 500)
        if bucket < 1.1:
            return self.amount(10000, 48000, 1000)
        if bucket < 1.5:
            return self.amount(50000, 95000, 5000)
        return self.amount(100000, 200000, 10000)

    def premises(self, planned: Decimal) -> dict:
        rng = self.rng
        if planned >= 20000:  # builds on its own land, at 300–600万元 per 亩
            land = Decimal(round(float(planned) / rng.uniform(300, 600)))
            return {"land_mu": land, "power_kva": rng.choice([2500, 4000, 6300, 8000])}
        # rents a building in the park
        height = rng.choice([Decimal("6.5"), Decimal("6.5"), Decimal(8), Decimal(9), Decimal(12)])
        return {
            "floor_area_m2": Decimal(rng.randint(20, 150) * 100),
            "ceiling_height_m": height,
            "structure": rng.choice([Project.Structure.STEEL, Project.Structure.CONCRETE, Project.Structure.ANY]),
            "power_kva": rng.choice([630, 800, 1250, 2000]),
        }

    def channels(self, plans: list[ProjectPlan], referrers: list[ProjectPlan]) -> None:
        """Industry-chain recruiting for most; referrals name a company that had landed before the lead came."""
        for plan in plans:
            if plan.fields["channel"]:
                continue
            roll = self.rng.random()
            if roll < 0.1 and plan.stage not in (Stage.CONSTRUCTION, Stage.PRODUCTION):
                landed_before = [
                    other
                    for other in referrers
                    if self.signed_days_ago(other) > plan.created[0] and other.company.name != plan.company.name
                ]
                if landed_before:
                    plan.fields["channel"] = Channel.REFERRAL
                    plan.fields["referrer"] = self.rng.choice(landed_before).company.name
                    continue
            plan.fields["channel"] = (
                Channel.AMBASSADOR if roll < 0.25 else Channel.OTHER if roll < 0.33 else Channel.INDUSTRY_CHAIN
            )

    @staticmethod
    def signed_days_ago(plan: ProjectPlan) -> int:
        signing = [move for move in plan.moves if move.to_stage == Stage.SIGNED]
        return signing[0].decided[0] if signing else -1

    def statuses(self, plans: list[ProjectPlan]) -> None:
        """Some paused, some dropped (with reasons), and a few requests waiting for sign-off."""
        open_stages = (Stage.CONTACT, Stage.NEGOTIATION, Stage.SITE_VISIT, Stage.INTENTION)
        candidates = [plan for plan in plans if plan.stage in open_stages and self.last_move_days(plan) >= 8]
        chosen = self.rng.sample(candidates, 8)
        for plan, reason in zip(chosen, PAUSE_REASONS + DROP_REASONS, strict=True):
            status = Project.Status.PAUSED if reason in PAUSE_REASONS else Project.Status.DROPPED
            last = self.last_move_days(plan)
            plan.status = (status, reason, (self.rng.randint(max(2, last // 3), last - 1), self.afternoon()))
        waiting = [
            (Stage.CONTACT, Stage.LEAD), (Stage.SITE_VISIT, Stage.NEGOTIATION),
            (Stage.INTENTION, Stage.SITE_VISIT), (Stage.INTENTION, Stage.SITE_VISIT),
        ]  # fmt: skip
        for to_stage, from_stage in waiting:
            options = [
                plan
                for plan in plans
                if plan.stage == from_stage
                and plan.status is None
                and plan.pending is None
                and self.last_move_days(plan) >= 3
                and (rule(to_stage).approver == Approver.DIRECTOR or plan.owner != LEADERS[plan.team])
            ]
            plan = options[0]
            requested = (self.rng.randint(1, min(6, self.last_move_days(plan) - 1)), self.morning())
            plan.pending = (to_stage, requested, self.rng.choice(REQUEST_COMMENTS[to_stage]))

    @staticmethod
    def last_move_days(plan: ProjectPlan) -> int:
        return plan.moves[-1].decided[0] if plan.moves else plan.created[0]

    def increments(self, plans: list[ProjectPlan]) -> None:
        landed = [plan for plan in plans if plan.stage in (Stage.CONSTRUCTION, Stage.PRODUCTION)]
        for plan, note in zip(
            self.rng.sample(landed, 3), ["二期扩产增资", "新增产线增资", "研发中心增资"], strict=True
        ):
            amount = (plan.fields["planned_investment"] * Decimal(self.rng.uniform(0.15, 0.4)) / 1000).quantize(
                Decimal(1)
            ) * 1000
            when = (self.rng.randint(1, max(1, self.last_move_days(plan) - 1)), self.afternoon())
            plan.increments.append((when, max(amount, Decimal(1000)), note))

    def claim(self, plans: list[ProjectPlan]) -> ClaimPlan:
        """One pending 撞单 claim: another group asks the director for an investor that is already held."""
        held = next(
            plan
            for plan in plans
            if plan.stage in (Stage.CONTACT, Stage.NEGOTIATION) and plan.status is None and plan.created[0] <= 150
        )
        codes = list(MEMBERS)
        claimant_team = codes[(codes.index(held.team) + 2) % len(codes)]
        return ClaimPlan(
            company=held.company.name,
            claimant=MEMBERS[claimant_team][2],
            reason="该企业董事长今年5月经商会引荐与我组接触，我组已两次登门拜访，有拜访记录和会谈纪要；"
            "对方更愿意由我组继续对接，申请主任裁定。",
            filed=(3, 16 * 60 + 10),
        )


def demo_plan(today: date) -> tuple[list[ProjectPlan], ClaimPlan]:
    """The whole demo pipeline (the same every time for the same `today`): referrers come first."""
    planner = _Planner(today)
    article = planner.article()
    landed = [plan for plan in article if plan.stage == Stage.PRODUCTION]
    others = planner.others(referrers=landed)
    plans = article + others
    names = [normalize_company_name(plan.company.name) for plan in plans]
    assert len(set(names)) == len(names), "two demo projects share an investor"
    assert len({plan.name for plan in plans}) == len(plans), "two demo projects share a name"
    claim = planner.claim(others)
    plans.sort(key=lambda plan: plan.fields.get("channel") == Channel.REFERRAL)
    return plans, claim


class _Seeder:
    """Plays a plan through the services, then moves each new row's timestamps back to the plan's."""

    def __init__(self):
        self.now = timezone.now()
        self.fresh = self.now - timedelta(seconds=1)  # rows written by this run are newer than this
        self.local = timezone.localtime(self.now)
        self.users = {user.username: user for user in User.objects.select_related("membership")}
        self.teams = {team.code: team for team in Team.objects.all()}
        self.links = {(link.chain.name, link.name): link for link in ChainLink.objects.select_related("chain")}
        self.chains = {chain.name: chain for chain in IndustryChain.objects.all()}
        self.history = Project.history.model
        self.protection = timedelta(days=RegistrationPolicy.current().protection_days)

    def at(self, moment: Moment) -> datetime:
        days, minutes = moment
        day = self.local.date() - timedelta(days=days)
        when = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.local.tzinfo)
        return min(when, self.now - timedelta(hours=1))

    def stamp(self, project_id: int, moment: Moment) -> datetime:
        """Date the events and audit records the last service call wrote."""
        when = self.at(moment)
        ProjectEvent.objects.filter(project_id=project_id, created_at__gte=self.fresh).update(created_at=when)
        self.history.objects.filter(id=project_id, history_date__gte=self.fresh).update(history_date=when)
        return when

    def fields(self, plan: ProjectPlan) -> dict:
        fields = dict(plan.fields)
        chain = self.chains.get(fields.pop("chain", None))
        link = self.links.get((chain.name, fields.pop("chain_link", None))) if chain else None
        fields["chain"], fields["chain_link"] = chain, link
        if "referrer" in fields:
            fields["referrer"] = crm_selectors.companies_matching(name=fields["referrer"]).first()
            if fields["referrer"] is None:
                fields["channel"] = Channel.OTHER
        return fields

    def company(self, plan: ProjectPlan, owner: User) -> Company:
        spec = plan.company
        company = crm_selectors.companies_matching(name=spec.name, credit_code=spec.credit_code).first()
        if company is None:
            company = crm_services.company_create(
                actor=owner, name=spec.name, credit_code=spec.credit_code, province=spec.province, city=spec.city,
                industry=spec.industry, size=spec.size, notes=spec.notes,
            )  # fmt: skip
            Company.objects.filter(pk=company.pk).update(created_at=self.at(plan.created))
        return company

    def create(self, plan: ProjectPlan) -> Project | None:
        owner = self.users[plan.owner]
        team = self.teams[plan.team]
        try:
            with transaction.atomic():
                company = self.company(plan, owner)
                project = services.project_create(
                    actor=owner, company=company, owner_team=team,
                    collaborators=[self.users[name] for name in plan.collaborators], **self.fields(plan),
                )  # fmt: skip
        except crm_services.RegistrationConflict:
            return None  # somebody else's group holds this investor now: leave it to them
        created = self.stamp(project.pk, plan.created)
        saves = [created]
        Registration.objects.filter(company=company, team=team, registered_at__gte=self.fresh).update(
            registered_at=created
        )
        if not company.contacts.exists():
            for contact in plan.company.contacts:
                crm_services.contact_create(actor=owner, company=company, **contact)
            Contact.objects.filter(company=company).update(created_at=created)

        dates = {}
        for move in plan.moves:
            saves.append(self.move(project, owner, move))
            dates[move.to_stage] = self.at(move.decided).date()
            if move.to_stage == Stage.SIGNED and plan.contract:
                saves.append(self.update(project, owner, *plan.contract))
        if plan.funds:
            saves.append(self.update(project, owner, plan.funds[0], {"funds_in_place": plan.funds[1]}))
        for moment, amount, note in plan.increments:
            project.refresh_from_db()
            increment = services.project_record_increment(
                actor=owner, project=project, amount=amount, signed_on=self.at(moment).date(), note=note
            )
            ProjectIncrement.objects.filter(pk=increment.pk).update(created_at=self.stamp(project.pk, moment))
        last_activity = saves[-1]
        if plan.status:
            status, reason, moment = plan.status
            services.project_set_status(actor=owner, project=project, status=status, reason=reason)
            saves.append(self.stamp(project.pk, moment))
        if plan.pending:
            to_stage, moment, comment = plan.pending
            request = services.project_request_stage(actor=owner, project=project, to_stage=to_stage, comment=comment)
            StageRequest.objects.filter(pk=request.pk).update(requested_at=self.stamp(project.pk, moment))
            last_activity = self.at(moment)
        self.backdate(project, plan, created, saves, dates, max(last_activity, saves[-1]), team)
        return project

    def move(self, project: Project, owner: User, move: Move) -> datetime:
        if move.rejected:
            requested, decided, reason = move.rejected
            request = services.project_request_stage(
                actor=owner, project=project, to_stage=move.to_stage, comment=move.comment
            )
            asked = self.stamp(project.pk, requested)
            services.stage_request_decide(
                actor=self.users[move.decided_by], request=request, approve=False, comment=reason
            )
            StageRequest.objects.filter(pk=request.pk).update(
                requested_at=asked, decided_at=self.stamp(project.pk, decided)
            )
        request = services.project_request_stage(
            actor=owner, project=project, to_stage=move.to_stage, comment=move.comment
        )
        asked = self.stamp(project.pk, move.requested)
        decided = asked
        if move.decided_by is not None:
            services.stage_request_decide(
                actor=self.users[move.decided_by], request=request, approve=True, comment=move.decision_comment
            )
            decided = self.stamp(project.pk, move.decided)
        StageRequest.objects.filter(pk=request.pk).update(requested_at=asked, decided_at=decided)
        return decided

    def update(self, project: Project, owner: User, moment: Moment, fields: dict) -> datetime:
        version = Project.objects.values_list("version", flat=True).get(pk=project.pk)
        services.project_update(actor=owner, project=project, version=version, **fields)
        return self.stamp(project.pk, moment)

    def backdate(self, project, plan, created, saves, dates, last_activity, team) -> None:
        stage_dates = {
            "signed_on": dates.get(Stage.SIGNED),
            "construction_started_on": dates.get(Stage.CONSTRUCTION),
            "production_started_on": dates.get(Stage.PRODUCTION),
        }
        stage_dates = {name: value for name, value in stage_dates.items() if value}
        entered = self.at(plan.moves[-1].decided) if plan.moves else created
        Project.objects.filter(pk=project.pk).update(
            created_at=created, stage_entered_at=entered, updated_at=max(saves), **stage_dates
        )
        recompute_stays([project.pk])  # the moves and the creation were dated back above
        self.history.objects.filter(id=project.pk).update(created_at=created)
        for name, value in stage_dates.items():
            self.history.objects.filter(id=project.pk, **{f"{name}__isnull": False}).update(**{name: value})
        # The registration was renewed with the last activity, unless the project was dropped.
        renewed = created if plan.status and plan.status[0] == Project.Status.DROPPED else last_activity
        Registration.objects.filter(company=project.company, team=team, status=Registration.Status.ACTIVE).update(
            expires_at=max(created, renewed) + self.protection
        )

    def file_claim(self, claim: ClaimPlan) -> None:
        company = crm_selectors.companies_matching(name=claim.company).first()
        claimant = self.users[claim.claimant]
        team_id = claimant.membership.team_id
        if company is None or ConflictClaim.objects.filter(company=company, claimant_team_id=team_id).exists():
            return  # filed by an earlier run (and perhaps decided since)
        try:
            filed = crm_services.conflict_claim_file(actor=claimant, company=company, reason=claim.reason)
        except ValidationError:
            return  # nobody protects the investor any more
        ConflictClaim.objects.filter(pk=filed.pk).update(created_at=self.at(claim.filed))


@transaction.atomic
def seed_demo_projects() -> int:
    """Create the demo pipeline (after teams.demo.seed_demo_center). Projects that exist by name are left
    as they are. Returns how many demo projects there are."""
    plans, claim = demo_plan(timezone.localdate())
    seeder = _Seeder()
    existing = set(Project.objects.filter(name__in=[plan.name for plan in plans]).values_list("name", flat=True))
    for plan in plans:
        if plan.name not in existing:
            seeder.create(plan)
    seeder.file_claim(claim)
    return Project.objects.filter(name__in=[plan.name for plan in plans]).count()
