"""Months of contact logs (洽谈/跟进记录) and follow-ups (跟进事项) for the demo pipeline of projects.demo.

The article's scenes are there as told: 徐磊's five video calls with 刘总 this month about the smart chassis
project (the latest one the morning of a recent day: "刘总，先前的方案我们考虑到项目实际入驻需求……"),
王帅's drive to 丽水 for the UTG glass last Friday and his Sunday in 衢州 for the hydrogen cable car, and
谈旭's reception of the powder-metallurgy investor who needs a 10 m, 4,300 m² building. Every other demo
project gets a few months of phone calls, WeChat, videos, visits, receptions, site visits, meetings and
e-mails by its owner, stopping before a pause or a drop; some projects have gone quiet for 14+ days.

Everything goes through the services (participants, group, history are real), then the timestamps are moved
back: "logged at" follows the contact, follow-ups that were due in the past are backdated, older ones done.

The plan is built from a fixed random seed, the project plan of projects.demo and the demo projects' people in
the database; a project that already has a contact log is left alone, so running the seed again adds nothing."""

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from activities import services
from activities.models import Channel, ContactLog, FollowUp
from activities.selectors import STALE_AFTER_DAYS
from projects.demo import DEPUTY, DIRECTOR, ProjectPlan, demo_plan
from projects.models import Project
from projects.stages import Stage, stage_index
from teams.models import Membership

SEED = 2026
Moment = tuple[int, int]  # (days ago, minutes after midnight), as in projects.demo

CHASSIS = "汽车用智能底盘和感应门把手项目"
GLASS = "UTG柔性玻璃项目"
CABLE_CAR = "氢能高架缆车项目"
POWDER = "粉末冶金汽车零部件项目"
SCRIPTED = (CHASSIS, GLASS, CABLE_CAR, POWDER)

WINDOW_DAYS = 120  # logs go back about four months
OVERDUE_DAYS = 10  # open follow-ups are at most this late; older ones were done
LANDED = (Stage.SIGNED, Stage.CONSTRUCTION, Stage.PRODUCTION)

# How many logs a project has over the window, by the stage it is in now.
LOG_COUNTS = {
    Stage.LEAD: (2, 3), Stage.CONTACT: (2, 6), Stage.NEGOTIATION: (4, 9), Stage.SITE_VISIT: (5, 11),
    Stage.INTENTION: (6, 12), Stage.SIGNED: (3, 8), Stage.CONSTRUCTION: (2, 6), Stage.PRODUCTION: (2, 5),
}  # fmt: skip

# How people keep in touch at each stage: phone and WeChat most, visits and meetings when it gets serious.
CHANNEL_WEIGHTS = {
    Stage.LEAD: {Channel.PHONE: 40, Channel.WECHAT: 30, Channel.EMAIL: 15, Channel.VIDEO: 10, Channel.VISIT: 5},
    Stage.CONTACT: {Channel.PHONE: 30, Channel.WECHAT: 28, Channel.VIDEO: 15, Channel.VISIT: 10,
                    Channel.RECEPTION: 7, Channel.EMAIL: 10},
    Stage.NEGOTIATION: {Channel.PHONE: 25, Channel.WECHAT: 25, Channel.VIDEO: 18, Channel.VISIT: 10,
                        Channel.RECEPTION: 10, Channel.EMAIL: 6, Channel.MEETING: 6},
    Stage.SITE_VISIT: {Channel.PHONE: 22, Channel.WECHAT: 22, Channel.VIDEO: 10, Channel.VISIT: 3,
                       Channel.RECEPTION: 12, Channel.SITE_VISIT: 18, Channel.MEETING: 8, Channel.EMAIL: 5},
    Stage.INTENTION: {Channel.PHONE: 25, Channel.WECHAT: 25, Channel.VIDEO: 15, Channel.RECEPTION: 6,
                      Channel.SITE_VISIT: 5, Channel.MEETING: 15, Channel.EMAIL: 9},
    Stage.SIGNED: {Channel.PHONE: 30, Channel.WECHAT: 25, Channel.SITE_VISIT: 10, Channel.MEETING: 20,
                   Channel.EMAIL: 10, Channel.VISIT: 5},
    Stage.CONSTRUCTION: {Channel.PHONE: 30, Channel.WECHAT: 30, Channel.SITE_VISIT: 12, Channel.MEETING: 15,
                         Channel.EMAIL: 5},
    Stage.PRODUCTION: {Channel.PHONE: 35, Channel.WECHAT: 30, Channel.VISIT: 20, Channel.MEETING: 10,
                       Channel.EMAIL: 5},
}  # fmt: skip

# (earliest, latest) minutes after midnight, and minutes (low, high) it lasts (None: not counted).
CHANNEL_HOURS = {
    Channel.PHONE: (8 * 60 + 30, 17 * 60 + 50), Channel.WECHAT: (8 * 60, 18 * 60),
    Channel.VIDEO: (9 * 60, 16 * 60 + 30), Channel.VISIT: (9 * 60, 15 * 60), Channel.RECEPTION: (9 * 60, 15 * 60 + 30),
    Channel.SITE_VISIT: (9 * 60, 15 * 60), Channel.MEETING: (9 * 60, 16 * 60), Channel.EMAIL: (8 * 60 + 30, 18 * 60),
}  # fmt: skip
DURATIONS = {
    Channel.PHONE: (4, 25), Channel.WECHAT: (5, 30), Channel.VIDEO: (30, 90), Channel.VISIT: (90, 240),
    Channel.RECEPTION: (90, 210), Channel.SITE_VISIT: (90, 240), Channel.MEETING: (60, 150), Channel.EMAIL: None,
}  # fmt: skip
FACE_TO_FACE = (Channel.VISIT, Channel.RECEPTION, Channel.SITE_VISIT, Channel.MEETING)

OPENERS = {
    Channel.PHONE: ["与{who}电话沟通，", "电话联系{who}，", "{who}来电，", "电话回访{who}，"],
    Channel.WECHAT: ["微信与{who}沟通，", "在项目对接微信群里与{who}交流，", "{who}微信发来消息，随后语音沟通，"],
    Channel.VIDEO: ["与{who}视频洽谈，", "与{who}及其团队视频会议，", "线上视频连线{who}，"],
    Channel.VISIT: ["赴{city}拜访{company}，与{who}面谈，", "到{city}登门拜访{who}，参观了企业生产线，"],
    Channel.RECEPTION: ["接待{who}一行来园区，", "{who}一行来扬，在招商中心接待并座谈，"],
    Channel.SITE_VISIT: ["陪同{who}一行实地考察园区，", "带{who}实地查看意向载体，"],
    Channel.MEETING: ["与{who}召开项目推进会，", "组织园区规划、建设、企服等部门与{who}开协调会，"],
    Channel.EMAIL: ["与{who}邮件往来，", "收到{who}的邮件并回复，"],
}
LOCAL_OPENERS = {  # the investor is building or producing in the park
    Channel.VISIT: ["走访{company}，与{who}面谈，", "上门走访企业，与{who}交流，"],
    Channel.SITE_VISIT: ["到项目现场查看，与{who}交流，", "陪同{who}查看项目现场，"],
}

# What was said at each stage: (summary after the opener, possible outcomes, possible next steps).
Said = tuple[str, tuple[str, ...], tuple[str, ...]]
TALKS: dict[str, list[Said]] = {
    Stage.LEAD: [
        ("对方主营{product}，现有产能接近饱和，计划在长三角新增生产基地，对我区{chain}产业配套比较感兴趣。",
         ("对方有初步意向，同意保持联系。", "对方兴趣较大，约定近期视频详谈。"),
         ("发送园区招商手册和{chain}产业链图谱", "约{who}下周视频详细交流")),
        ("初步介绍了我区区位交通、{chain}产业集群和已落户的龙头企业。",
         ("对方表示会把我区列入选址备选。", "对方需向集团汇报后再答复。"),
         ("了解企业投资决策流程和时间表", "整理企业基本情况，报组长研判")),
        ("了解到企业正在为新项目物色厂址，初步需求是{premises}，希望年内确定选址。",
         ("对方同意把详细需求清单发给我们。", "对方有初步意向，同意保持联系。"),
         ("按企业需求梳理园区可用载体", "约{who}下周视频详细交流")),
        ("对方对我区产业基金和人才政策比较关注，希望先拿到书面材料内部研究。",
         ("已互加微信，发送了园区招商手册。",), ("向企业发送扶持政策汇编", "跟进对方内部研究意见")),
        ("经朋友引荐首次接触，对方介绍了企业基本情况和主要客户，目前仍在多地比选。",
         ("对方愿意进一步了解我区，已互加微信。",),
         ("整理企业基本情况，报组长研判", "发送园区招商手册和{chain}产业链图谱")),
    ],
    Stage.CONTACT: [
        ("进一步了解项目情况：计划总投资约{planned}，主要生产{product}。",
         ("对方对我区条件比较认可，同意进一步对接。",), ("约{who}视频沟通项目细节", "邀请{who}来园区考察")),
        ("对方询问了我区土地价格、厂房租金和能耗指标，我们做了初步解答。",
         ("对方希望尽快拿到书面的载体和政策材料。",), ("向企业发送扶持政策汇编", "整理园区可用载体清单发给{who}")),
        ("介绍了周边配套企业和上下游客户情况，对方认为我区供应链条件不错。",
         ("对方仍在与另外两个园区比较，需要继续跟进。", "对方同意进一步对接。"), ("邀请{who}来园区考察",)),
        ("对方投资团队正在做选址比较，希望我们提供园区可用载体清单。",
         ("初步建立对接机制，对方指定投资发展部负责对接。",), ("整理园区可用载体清单发给{who}",)),
        ("沟通了企业近期经营情况和扩产节奏，对方计划下季度启动新基地建设。",
         ("对方希望年内确定选址，时间比较紧。",), ("约{who}视频沟通项目细节", "了解企业投资决策流程和时间表")),
    ],
    Stage.NEGOTIATION: [
        ("就项目投资规模、分期建设和用地需求深入交流，对方计划总投资约{planned}，一期先行建设。",
         ("双方就合作框架基本达成共识。",), ("约{who}再谈一轮投资规模和建设节奏", "邀请{who}来园区实地考察")),
        ("对方重点关心{concern}，我们介绍了园区的做法和已落户企业的案例。",
         ("对方对我区条件比较满意，但还在与外地园区比较。", "对方的疑虑基本打消。"),
         ("把已落户企业的案例材料发给{who}", "邀请{who}来园区实地考察")),
        ("讨论了项目产能规划和达产时间，对方提供了项目可研报告初稿。",
         ("对方表示月底前给出内部决策意见。",), ("组织相关部门预审可研报告",)),
        ("对方就扶持政策提出了具体诉求（设备补贴、租金减免），我们说明了政策口径，还需进一步测算。",
         ("政策诉求超出常规口径，需向分管领导汇报。",), ("向分管领导汇报对方的政策诉求", "做一版政策测算表发给{who}")),
        ("围绕载体需求（{premises}）逐项核对，初步匹配了两处备选载体。",
         ("对方要求我们提供载体方案和政策测算。",), ("整理载体方案和政策测算表发给{who}",)),
    ],
    Stage.SITE_VISIT: [
        ("对方技术团队对比了两处备选载体，倾向于第二处，对供电容量和地面承重提出了疑问。",
         ("对方对载体方案基本满意，待技术团队确认。",),
         ("协调供电公司出具电力增容方案", "请业主方提供厂房地面承重检测报告")),
        ("沟通考察行程：对方计划带技术、财务负责人来园区看厂房，并走访一家配套企业。",
         ("考察时间初步定在下周。",), ("安排考察行程和看点，报组长", "与{who}确认考察人员名单")),
        ("对方对考察情况总体满意，希望园区协调解决员工宿舍和通勤班车。",
         ("考察反馈积极，对方准备内部立项。",), ("协调人才公寓和通勤班车方案", "与{who}确认考察后的内部决策时间")),
        ("就考察中提出的问题逐项回复：电力增容、排污指标和消防验收都有成熟路径。",
         ("对方提出的问题已基本解答，剩余事项需相关部门书面回复。",), ("书面回复考察中提出的问题",)),
    ],
    Stage.INTENTION: [
        ("逐条讨论投资协议文本，主要分歧在{term}。",
         ("大部分条款已达成一致，剩余条款待双方领导确认。", "条款分歧仍在，需要再谈一轮。"),
         ("将修改后的协议文本报法务审核",)),
        ("对方投委会已通过项目，正在走集团内部审批流程，预计两周内有结果。",
         ("对方态度积极，预计近期可以具备签约条件。",), ("跟进对方集团审批进度", "准备签约审批材料报主任")),
        ("沟通投资意向书的落实情况，对方已开始筹备项目公司注册。",
         ("各项准备工作按计划推进。",), ("协助对方办理项目公司名称预核准",)),
        ("对方财务团队核对了政策兑现条件和时间节点，对{term}还有顾虑。",
         ("需要与财政、税务部门再核实口径。",), ("与财政部门核实政策兑现口径",)),
        ("沟通签约仪式的时间和出席人员安排。",
         ("签约时间初步定在下月中旬。",), ("与{who}确认签约时间和出席人员", "准备签约审批材料报主任")),
    ],
    Stage.SIGNED: [
        ("对接项目公司注册、银行开户和首期注资事宜，对方表示本月内完成首期出资。",
         ("各项手续按计划推进。",), ("跟进项目公司注册和首期注资",)),
        ("协调规划设计方案报审，对方设计院已进场，计划下月报规划许可。",
         ("对方希望园区加快审批进度。",), ("协调规划设计方案预审",)),
        ("沟通施工许可办理进度和开工前准备，施工总包已完成招标。",
         ("开工前准备基本就绪。",), ("跟进施工许可办理进度",)),
        ("对方反映开工前临时用水用电接入需要协调，已对接供电公司。",
         ("问题已协调解决，对方表示满意。",), ("跟进临时用电接入进度",)),
    ],
    Stage.CONSTRUCTION: [
        ("了解项目施工进度，主体结构已完成约{pct}%，对方反映施工用电需要协调。",
         ("已联系供电公司到现场查看。",), ("跟进施工用电增容",)),
        ("对方反映设备进场通道问题，已协调园区建设部门处理。", ("问题已协调解决。",), ("回访设备进场情况",)),
        ("核对到资情况，本季度新增到资约{amount}万元，已更新台账。",
         ("到资进度符合协议约定。",), ("月底前收集形象进度和到资情况",)),
        ("沟通设备采购和安装计划，首批设备预计下月进场。", ("施工进度正常。",), ("月底前收集形象进度和到资情况",)),
    ],
    Stage.PRODUCTION: [
        ("企业服务回访：产线运行平稳，对方反映一线用工有缺口。",
         ("已对接人社部门组织专场招聘。",), ("对接人社部门组织专场招聘",)),
        ("了解企业达产情况和下一步扩产计划，对方有二期增资意向。",
         ("企业生产经营正常，二期增资在内部论证。",), ("了解二期增资计划",)),
        ("协助企业申报高新技术企业和省级专精特新，对方已着手准备材料。",
         ("对方对园区服务比较满意。",), ("跟进高企申报材料",)),
        ("对方反映物流车辆进出园区不便。", ("已反馈园区管委会研究解决。",), ("反馈物流通行问题的办理结果",)),
    ],
}  # fmt: skip
SITE_TALKS: list[Said] = [  # a site visit before the investor has landed
    ("先后查看了备选载体（{premises}）和周边配套企业，对方对{good}比较满意，对{doubt}提出了疑问。",
     ("对方对载体方案基本满意，待技术团队确认。",), ("书面回复考察中提出的问题", "整理载体改造方案发给{who}")),
    ("实地查看了两处备选载体，现场讲解了园区规划、配套和企业服务，对方技术负责人详细测量了层高和跨度。",
     ("考察反馈积极，对方准备内部立项。",), ("整理载体改造方案发给{who}",)),
]  # fmt: skip
EMAIL_TALKS: dict[str, list[Said]] = {
    "early": [
        ("向{who}发送了园区招商手册和{chain}产业链图谱。", ("对方回复已转给投资团队研究。",), ("跟进对方研究意见",)),
        ("收到对方发来的企业简介和项目初步需求。", ("已整理存档，需求清单已报组长。",),
         ("按企业需求梳理园区可用载体",)),
    ],
    "middle": [
        ("向{who}发送了载体方案和政策测算表。", ("对方回复会在内部评估后反馈。",), ("跟进对方对载体方案的反馈",)),
        ("对方发来项目可研报告初稿和用地需求清单。", ("已转相关部门预审。",), ("组织相关部门预审可研报告",)),
    ],
    "late": [
        ("向{who}发送了投资协议修改稿（第{draft}稿）。", ("对方法务将在本周内反馈意见。",),
         ("跟进对方法务对协议的意见",)),
        ("对方发来签约仪式出席人员名单和企业介绍材料。", ("已转综合办准备签约仪式。",),
         ("与{who}确认签约时间和出席人员",)),
    ],
    "landed": [
        ("收到企业报送的月度形象进度和到资情况表。", ("已汇总上报。",), ("更新项目到资台账",)),
        ("向{who}转发了省级专精特新申报通知和材料清单。", ("对方回复会按时准备材料。",), ("跟进专精特新申报材料",)),
    ],
}  # fmt: skip
EMAIL_GROUPS = {
    Stage.LEAD: "early", Stage.CONTACT: "early", Stage.NEGOTIATION: "middle", Stage.SITE_VISIT: "middle",
    Stage.INTENTION: "late", Stage.SIGNED: "late", Stage.CONSTRUCTION: "landed", Stage.PRODUCTION: "landed",
}  # fmt: skip
FILLERS = {
    "concern": ["用工招聘和人才公寓", "能耗指标和电力增容", "环评审批周期", "上下游配套企业", "物流运输成本",
                "厂房交付时间"],
    "term": ["投资强度和亩均税收", "达产时间", "税收承诺", "违约责任条款", "设备补贴兑现节点", "回购条款"],
    "good": ["交通区位", "厂房结构", "周边配套", "园区服务"],
    "doubt": ["供电容量", "地面承重", "排污指标", "交付时间"],
}  # fmt: skip

# The stage moves worth a log of their own: (channel, summary, outcome, next step), landed ones in the park.
MILESTONES = {
    Stage.SITE_VISIT: (Channel.SITE_VISIT, "陪同{who}一行实地考察园区，先后查看了备选载体（{premises}）和周边配套"
                       "企业，介绍了园区规划和企业服务情况。",
                       "对方对区位和产业配套比较认可，要求提供载体改造方案和政策测算。",
                       "整理载体改造方案和政策测算发给{who}"),
    Stage.INTENTION: (Channel.MEETING, "与{who}签订投资意向书，明确了项目投资规模、用地和建设节点。",
                      "意向书已签订，进入正式协议条款谈判。", "起草正式投资协议文本报法务审核"),
    Stage.SIGNED: (Channel.MEETING, "{project}正式签约，{who}及企业高管出席签约仪式。",
                   "协议签订，计划总投资{planned}。", "协助企业办理项目公司注册和立项备案"),
    Stage.CONSTRUCTION: (Channel.SITE_VISIT, "项目开工，到现场参加开工仪式，与{who}沟通施工进度计划和服务需求。",
                         "开工顺利，企业希望园区做好施工期间的协调服务。", "每月跟踪项目形象进度和到资情况"),
    Stage.PRODUCTION: (Channel.VISIT, "项目投产，首批产品下线，走访{company}了解达产计划和用工需求。",
                       "企业计划年内达产，一线用工还有缺口。", "协助企业对接用工招聘"),
}  # fmt: skip
DUE_TIMES = [time(9), time(9, 30), time(10), time(14), time(14, 30), time(15), time(16)]


@dataclass
class ProjectInfo:
    """What the plan needs to know about a demo project in the database."""

    pk: int
    name: str
    owner: str
    team_members: list[str]  # the owner group's active people, its leader first
    collaborators: list[str]
    contacts: list[tuple[int, str]]  # (pk, how they are addressed: 刘总), the first one the boss
    company: str
    city: str
    product: str
    chain: str
    premises: str
    planned: str
    active: bool


@dataclass
class FollowUpPlan:
    title: str
    due_date: date
    owner: str
    due_time: time | None = None
    status: str = FollowUp.Status.OPEN
    closed_at: datetime | None = None


@dataclass
class LogPlan:
    project: str
    author: str
    channel: str
    occurred_at: datetime
    summary: str
    outcome: str = ""
    next_step: str = ""
    duration: int | None = None
    contacts: list[int] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    logged_at: datetime | None = None
    follow_up: FollowUpPlan | None = None


def address_of(name: str, title: str, notes: str) -> str:
    """How a contact is addressed: the 称呼 in the notes, else surname + title (刘总, 王董, 陈经理)."""
    found = re.search(r"称呼：([^，。；;,\s]+)", notes or "")
    if found:
        return found.group(1)
    suffix = "董" if "董事" in title else "总" if "总" in title else "经理" if "经理" in title else "工"
    return (name[:1] or "对方") + suffix


def number(value: Decimal) -> str:
    """4300.00 → 4300, 6.50 → 6.5."""
    return f"{value.normalize():f}"


def amount_text(amount: Decimal | None) -> str:
    if not amount:
        return "数亿元"
    return f"{number(amount / 10000)}亿元" if amount >= 10000 else f"{number(amount)}万元"


def premises_text(project: Project) -> str:
    if project.floor_area_m2 and project.ceiling_height_m:
        structure = {Project.Structure.STEEL: "钢结构", Project.Structure.CONCRETE: "混凝土结构"}.get(
            project.structure, ""
        )
        return f"{number(project.floor_area_m2)}平方米、层高{number(project.ceiling_height_m)}米的{structure}厂房"
    if project.land_mu:
        return f"约{number(project.land_mu)}亩工业用地"
    return "标准厂房"


class _Planner:
    """Builds every demo project's logs and follow-ups; depends on `now`, the project plan and `infos` only."""

    def __init__(self, now: datetime, plans: list[ProjectPlan], infos: dict[str, ProjectInfo], seeded_on: date):
        self.rng = random.Random(SEED)
        self.now = timezone.localtime(now)
        self.today = self.now.date()
        self.seeded_on = seeded_on  # the day the projects were seeded: their plan counts days back from it
        self.tz = self.now.tzinfo
        self.plans = plans
        self.infos = infos

    # --- time ----------------------------------------------------------------------------------------

    def at(self, day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def moment(self, moment: Moment) -> datetime:
        """As projects.demo dated the project's events (never within the last hour)."""
        days, minutes = moment
        return min(self.at(self.seeded_on - timedelta(days=days), minutes), self.now - timedelta(hours=1))

    def last_friday(self) -> date:
        """上周五: the latest Friday whose Sunday is already past."""
        friday = self.today - timedelta(days=(self.today.weekday() - 4) % 7)
        return friday - timedelta(days=7) if friday + timedelta(days=2) >= self.today else friday

    def clamp(self, when: datetime, start: datetime, end: datetime) -> datetime:
        if when > end:
            when = end - timedelta(minutes=self.rng.randint(5, 60))
        return max(when, start)

    def logged(self, log: LogPlan) -> datetime:
        """Logged a few minutes after the contact ended (never in the future)."""
        end = log.occurred_at + timedelta(minutes=(log.duration or 0) + self.rng.randint(3, 40))
        return max(log.occurred_at, min(end, self.now - timedelta(minutes=1)))

    # --- small helpers -------------------------------------------------------------------------------

    @staticmethod
    def stage_at(moves: list[tuple[datetime, str]], when: datetime) -> str:
        stage = Stage.LEAD
        for decided, to_stage in moves:
            if decided <= when:
                stage = to_stage
        return stage

    def fill(self, text: str, info: ProjectInfo, who: str) -> str:
        values = {
            "who": who, "company": info.company, "city": info.city, "product": info.product, "chain": info.chain,
            "premises": info.premises, "planned": info.planned, "project": info.name,
            "pct": self.rng.choice([30, 40, 50, 60, 70, 80]), "amount": self.rng.randint(8, 60) * 100,
            "draft": self.rng.randint(2, 5), **{key: self.rng.choice(options) for key, options in FILLERS.items()},
        }  # fmt: skip
        return text.format(**values)

    def colleague(self, info: ProjectInfo, author: str) -> str | None:
        helpers = [name for name in info.collaborators if name != author]
        if not helpers or self.rng.random() < 0.4:
            helpers = [name for name in info.team_members if name != author]
        return self.rng.choice(helpers) if helpers else None

    def participants(self, info: ProjectInfo, author: str, channel: str, stage: str) -> list[str]:
        people = [author]
        if channel in FACE_TO_FACE and self.rng.random() < 0.7 or channel == Channel.VIDEO and self.rng.random() < 0.25:
            colleague = self.colleague(info, author)
            if colleague:
                people.append(colleague)
        late = stage_index(stage) >= stage_index(Stage.INTENTION)
        if late and channel in (Channel.MEETING, Channel.SITE_VISIT, Channel.RECEPTION):
            leader = info.team_members[0] if info.team_members else None
            if leader and leader not in people and self.rng.random() < 0.4:
                people.append(leader)
            if self.rng.random() < 0.2:
                people.append(self.rng.choice([DIRECTOR, DEPUTY]))
        return people

    def contacts(self, info: ProjectInfo, channel: str, boss: bool = False) -> tuple[list[int], str]:
        """Whom they spoke with (the boss, mostly) and how the first of them is addressed."""
        if not info.contacts:
            return [], "对方负责人"
        people = list(info.contacts)
        first = people[0] if boss or len(people) == 1 or self.rng.random() < 0.7 else people[1]
        chosen = [first]
        if len(people) > 1 and channel in (*FACE_TO_FACE, Channel.VIDEO) and self.rng.random() < 0.3:
            chosen = people[:2]
        return [pk for pk, _who in chosen], first[1]

    def minutes(self, channel: str) -> int:
        low, high = CHANNEL_HOURS[channel]
        if channel == Channel.WECHAT and self.rng.random() < 0.25:
            low, high = 19 * 60, 21 * 60 + 30  # WeChat in the evening
        minutes = self.rng.randint(low, high)
        if channel not in (*FACE_TO_FACE, Channel.VIDEO):
            return minutes
        if 11 * 60 + 45 <= minutes < 13 * 60 + 30:  # not over lunch
            minutes += 105
        return minutes - minutes % 5

    def duration(self, channel: str) -> int | None:
        bounds = DURATIONS.get(channel)
        if bounds is None or channel == Channel.WECHAT and self.rng.random() < 0.6:
            return None
        minutes = self.rng.randint(*bounds)
        return minutes - minutes % 5 if minutes >= 30 else minutes

    def log(self, info: ProjectInfo, channel: str, when: datetime, stage: str, boss: bool = False, **texts) -> LogPlan:
        contacts, who = self.contacts(info, channel, boss)
        log = LogPlan(
            project=info.name, author=info.owner, channel=channel, occurred_at=when,
            summary=self.fill(texts["summary"], info, who), outcome=self.fill(texts.get("outcome", ""), info, who),
            next_step=self.fill(texts.get("next_step", ""), info, who), duration=self.duration(channel),
            contacts=contacts, participants=self.participants(info, info.owner, channel, stage),
        )  # fmt: skip
        log.logged_at = self.logged(log)
        return log

    def texts(self, channel: str, stage: str) -> dict:
        landed_here = stage_index(stage) >= stage_index(Stage.SIGNED)
        local = stage_index(stage) >= stage_index(Stage.CONSTRUCTION) or channel == Channel.SITE_VISIT and landed_here
        opener = self.rng.choice((LOCAL_OPENERS if local else OPENERS).get(channel, OPENERS[channel]))
        if channel == Channel.EMAIL:
            opener, talks = "", EMAIL_TALKS[EMAIL_GROUPS[stage]]
        elif channel == Channel.SITE_VISIT and not landed_here:
            talks = SITE_TALKS
        else:
            talks = TALKS[stage]
        said, outcomes, next_steps = self.rng.choice(talks)
        next_step = self.rng.choice(next_steps) if self.rng.random() < 0.85 else ""
        return {"summary": opener + said, "outcome": self.rng.choice(outcomes), "next_step": next_step}

    # --- a project's logs ----------------------------------------------------------------------------

    def generic(
        self, plan: ProjectPlan, info: ProjectInfo, start: datetime, end: datetime, count: int
    ) -> list[LogPlan]:
        """`count` logs between start and end: the stage moves worth one, the rest spread over the days."""
        if end <= start or count <= 0:
            return []
        moves = [(self.moment(move.decided), move.to_stage) for move in plan.moves]
        logs = []
        for decided, to_stage in moves:
            if to_stage not in MILESTONES or len(logs) >= count:
                continue
            when = decided + timedelta(days=self.rng.randint(0, 3) if to_stage == Stage.SITE_VISIT else 0)
            when = self.at(when.date(), self.minutes(Channel.MEETING))
            if not start <= when <= end:
                continue
            channel, summary, outcome, next_step = MILESTONES[to_stage]
            logs.append(
                self.log(
                    info, channel, when, to_stage, boss=True, summary=summary, outcome=outcome, next_step=next_step
                )
            )
        days = (end.date() - start.date()).days
        for _ in range(count - len(logs)):
            day = start.date() + timedelta(days=round(days * self.rng.random() ** 0.8))
            if day.weekday() >= 5 and self.rng.random() < 0.8:  # mostly on working days
                friday = day - timedelta(days=day.weekday() - 4)
                day = friday if friday >= start.date() else friday + timedelta(days=3)
            stage = self.stage_at(moves, self.at(day, 12 * 60))
            weights = CHANNEL_WEIGHTS[stage]
            channel = self.rng.choices(list(weights), weights=list(weights.values()))[0]
            when = self.clamp(self.at(day, self.minutes(channel)), start, end)
            logs.append(self.log(info, channel, when, stage, **self.texts(channel, stage)))
        return sorted(logs, key=lambda log: log.occurred_at)

    def count(self, plan: ProjectPlan, start: datetime, end: datetime) -> int:
        low, high = LOG_COUNTS[Stage(plan.stage)]
        days = (end - start).days
        return min(self.rng.randint(low, high), max(2, days // 3 + 1)) if end > start else 0

    def project(self, plan: ProjectPlan, info: ProjectInfo) -> list[LogPlan]:
        created = self.moment(plan.created) + timedelta(hours=1)
        start = max(created, self.now - timedelta(days=WINDOW_DAYS))
        end = self.now - timedelta(minutes=20)
        if plan.name in SCRIPTED:
            return self.scripted(plan, info, start)
        logs: list[LogPlan] = []
        if plan.status:
            status, reason, moment = plan.status
            stopped = self.moment(moment)
            end = stopped - timedelta(hours=2)
            count = self.count(plan, start, end)
            logs = self.generic(plan, info, start, end - timedelta(days=2), count - 1)
            logs.append(self.stopping(plan, info, status, reason, max(start, end - timedelta(days=1))))
            return logs
        last_move = self.moment(plan.moves[-1].decided) if plan.moves else created
        quiet = plan.pending is None and (self.now - last_move).days >= 20
        if quiet and self.rng.random() < (0.6 if (self.now - last_move).days >= 60 else 0.3):
            quiet_since = self.now - timedelta(days=self.rng.randint(STALE_AFTER_DAYS + 1, 45))
            if quiet_since - start > timedelta(days=7):
                end = quiet_since  # no contact for 14+ days
        return self.generic(plan, info, start, end, self.count(plan, start, end))

    def stopping(self, plan: ProjectPlan, info: ProjectInfo, status: str, reason: str, when: datetime) -> LogPlan:
        """The last contact before a pause or a drop: the investor says why."""
        when = self.at(when.date(), self.rng.randint(9 * 60, 11 * 60 + 30))
        paused = status == Project.Status.PAUSED
        return self.log(
            info, Channel.PHONE, when, plan.stage, boss=True, summary="{who}来电告知：" + reason,
            outcome="项目暂缓推进，双方保持联系。" if paused else "项目终止对接，相关资料归档。",
            next_step="三个月后回访{who}，了解项目重启时间" if paused else "",
        )  # fmt: skip

    # --- the article ---------------------------------------------------------------------------------

    def scripted(self, plan: ProjectPlan, info: ProjectInfo, start: datetime) -> list[LogPlan]:
        friday = self.last_friday()
        before_trip = self.at(friday, 8 * 60) - timedelta(days=1)
        if plan.name == CHASSIS:
            month_start = self.at(self.today.replace(day=1), 0)
            earlier = self.generic(plan, info, start, month_start - timedelta(hours=6), self.rng.randint(6, 8))
            return earlier + self.chassis_videos(info, month_start)
        if plan.name == GLASS:
            earlier = self.generic(plan, info, start, before_trip, self.rng.randint(4, 6))
            colleague = "fengxue" if "fengxue" in info.team_members else self.colleague(info, info.owner)
            visit = self.log(
                info, Channel.VISIT, self.at(friday, 15 * 60 + 30), plan.stage, boss=True,
                summary="应{who}邀约洽谈UTG柔性玻璃项目，从扬州自驾8小时到达浙江丽水，拜访{company}，参观了UTG减薄、"
                "强化和切割生产线，就项目在我区落地的用地规模、洁净厂房和纯水供应进行了面谈。",
                outcome="对方认可我区电子信息产业配套和长三角区位，希望进一步了解洁净厂房代建模式和用电、用水保障。",
                next_step="整理洁净厂房代建方案和用电用水保障说明发给{who}",
            )  # fmt: skip
            visit.duration, visit.participants = 180, [info.owner, *([colleague] if colleague else [])]
            visit.logged_at = self.at(friday, 21 * 60 + 10)
            return [*earlier, visit]
        if plan.name == CABLE_CAR:
            sunday = friday + timedelta(days=2)
            earlier = self.generic(plan, info, start, self.at(friday, 0) - timedelta(days=2), self.rng.randint(3, 4))
            colleague = "fengxue" if "fengxue" in info.team_members else self.colleague(info, info.owner)
            visit = self.log(
                info, Channel.VISIT, self.at(sunday, 10 * 60), plan.stage, boss=True,
                summary="周日从丽水赶至浙江衢州，拜访{company}，跟进氢能高架缆车项目。缆车车厢和轨道梁长、体积大，"
                "成品需要水运，重点介绍了我区临江、紧邻京杭运河的码头条件和长三角的产业配套。",
                outcome="经多番推介，对方看中长三角地区的发展优势和我区得天独厚的地理条件，近期将专程来扬洽谈后续合作。",
                next_step="接待氢能缆车项目方来扬洽谈",
            )  # fmt: skip
            visit.duration, visit.participants = 150, [info.owner, *([colleague] if colleague else [])]
            visit.logged_at = self.at(sunday, 13 * 60 + 5)
            due = max(self.today + timedelta(days=self.rng.randint(2, 5)), sunday + timedelta(days=3))
            visit.follow_up = FollowUpPlan("接待氢能缆车项目方来扬洽谈", due, info.owner, due_time=time(9, 30))
            return [*earlier, visit]
        # POWDER: 谈旭's group received the investor while 王帅 was in 浙江 (the visit of the 考察 stage).
        site_visit = [self.moment(move.decided) for move in plan.moves if move.to_stage == Stage.SITE_VISIT]
        end = min([before_trip, *(moment - timedelta(hours=1) for moment in site_visit)])
        earlier = self.generic(plan, info, start, end, self.rng.randint(4, 6))
        reception = self.log(
            info, Channel.RECEPTION, self.at(friday, 14 * 60 + 30), plan.stage, boss=True,
            summary="接待{who}一行来园区洽谈粉末冶金汽车零部件项目。对方主打汽车零部件产品，现有产能饱和，希望在我区"
            "扩大产能；压机和烧结炉对厂房要求高，入驻需要层高10米、面积4300多平方米的生产厂房。",
            outcome="园区闲置厂房层高大多只有6.5米，暂无现成载体满足要求，需要多方走访协调。",
            next_step="走访园区企业，寻找层高10米、4300平方米以上的钢结构厂房",
        )  # fmt: skip
        leader = info.team_members[0] if info.team_members else None
        reception.duration = 150
        reception.participants = [info.owner, *([leader] if leader and leader != info.owner else [])]
        called = min(friday + timedelta(days=3), self.today - timedelta(days=1))
        call = self.log(
            info, Channel.PHONE, self.at(called, 10 * 60 + 40), plan.stage, boss=True,
            summary="多方走访后，终于联系到园区内一家企业，帮项目方协调出一处层高10米、约4500平方米的钢结构厂房，"
            "电话告知{who}。对方很高兴，说总算吃了颗“定心丸”。",
            outcome="对方同意近期派技术人员来看厂房，确认压机基础、行车和供电条件。",
            next_step="安排项目方技术团队实地查看10米层高钢结构厂房",
        )  # fmt: skip
        call.duration = 18
        done = self.at(called, 10 * 60 + 20)
        reception.follow_up = FollowUpPlan(
            reception.next_step, friday + timedelta(days=3), info.owner, status=FollowUp.Status.DONE, closed_at=done
        )
        call.follow_up = FollowUpPlan(call.next_step, self.today + timedelta(days=self.rng.randint(1, 4)), info.owner)
        return [*earlier, reception, call]

    def chassis_times(self, month_start: datetime) -> tuple[list[datetime], timedelta | None]:
        """Five moments this month, one after the other, never in the future: the latest the morning of a recent
        day, if there is room for four before it (early in the month, later that day). In the first hours of a
        month they have to be squeezed in: then also the gap between them."""
        first_day = month_start.date()
        ceiling = self.now - min(timedelta(minutes=50), (self.now - month_start) / 2)
        slots = [8 * 60 + 30, 9 * 60 + 30, 10 * 60 + 30, 14 * 60, 15 * 60 + 30, 16 * 60 + 30]
        for minutes in (9 * 60, 11 * 60, 16 * 60 + 30):
            for back in (3, 2, 1, 0):
                day = self.today - timedelta(days=back)
                latest = self.at(day, minutes)
                if day < first_day or latest > ceiling:
                    continue
                days = [first_day + timedelta(days=offset) for offset in range((day - first_day).days + 1)]
                earlier = [
                    self.at(d, m) for d in days for m in slots if self.at(d, m) <= latest - timedelta(minutes=70)
                ]
                if len(earlier) >= 4:
                    return sorted(self.rng.sample(earlier, 4)) + [latest], None
        latest = min(self.at(self.today, 9 * 60), ceiling)
        floor = self.at(first_day, 8 * 60)
        if latest - floor < timedelta(minutes=5):  # before 08:05 on the 1st
            floor = month_start
        gap = (latest - floor) / 5
        return [floor + gap * (index + 1) for index in range(5)], gap

    def chassis_videos(self, info: ProjectInfo, month_start: datetime) -> list[LogPlan]:
        """徐磊's five video calls with 刘总 this month, the latest the morning of a recent day."""
        times, gap = self.chassis_times(month_start)
        liu = [pk for pk, who in info.contacts if who == "刘总"] or [pk for pk, _who in info.contacts[:1]]
        chen = [pk for pk, who in info.contacts if who.startswith("陈")]
        calls = [
            ("与刘总视频洽谈，介绍了园区两处可选厂房，对方对生产环境要求很高：装配车间需要十万级洁净、恒温恒湿和"
             "防静电地坪。", "对方倾向于交通更便利的一处，但担心洁净改造周期。", "请设计院估算洁净车间改造周期和费用"),
            ("与刘总、陈经理视频洽谈，反馈了洁净车间改造方案和工期估算，讨论了设备进场和试生产节点。",
             "对方认可改造方案，希望厂房交付时间再提前一个月。", "与业主方沟通提前交付厂房的可能性"),
            ("与刘总视频洽谈投资协议主要条款，逐条核对了投资强度、达产时间和高技术制造业项目的扶持政策。",
             "大部分条款已达成一致，剩余的设备补贴兑现节点待双方领导确认。", "将协议修改稿报法务审核"),
            ("与刘总视频沟通，对方根据主机厂新定点项目调整了产能规划，二期需要预留扩建用地。",
             "原选址无法预留扩建用地，需重新比选厂房。", "结合实际入驻需求重新调整厂房选址方案"),
            ("与刘总视频洽谈汽车用智能底盘和感应门把手项目落地事宜：“刘总，先前的方案我们考虑到项目实际入驻需求，"
             "对厂房选址又做了进一步调整，您什么时候有时间，我们带您实地看一下……”介绍了调整后的选址：紧邻汽车零部件"
             "配套区，可改造十万级洁净车间，并预留二期扩建用地。",
             "对方意向明确、态度积极，对调整后的选址表示认可，预计不久可正式签约。",
             "与刘总确认实地看厂时间，带对方查看调整后的厂房选址"),
        ]  # fmt: skip
        logs = []
        for index, (when, (summary, outcome, next_step)) in enumerate(zip(times, calls, strict=True)):
            log = LogPlan(
                project=info.name, author=info.owner, channel=Channel.VIDEO, occurred_at=when, summary=summary,
                outcome=outcome, next_step=next_step, duration=self.rng.choice([35, 40, 45, 50, 60]),
                contacts=liu + (chen if index == 1 else []),
                participants=[info.owner] + (["zhangwei"] if index == 2 and "zhangwei" in info.collaborators else []),
            )  # fmt: skip
            if gap is not None:  # squeezed into the first hours of the month
                log.duration = max(1, min(log.duration, int(gap.total_seconds() // 60) - 2))
            log.logged_at = self.logged(log)
            if index < 4:
                closed = min(times[index + 1] - timedelta(hours=2), self.now)
                log.follow_up = FollowUpPlan(
                    next_step,
                    when.date() + timedelta(days=2),
                    info.owner,
                    status=FollowUp.Status.DONE,
                    closed_at=max(closed, log.logged_at),
                )
            else:
                log.follow_up = FollowUpPlan(next_step, self.today, info.owner, due_time=time(16))
            logs.append(log)
        return logs

    # --- follow-ups ----------------------------------------------------------------------------------

    def follow_ups(self, plan: ProjectPlan, info: ProjectInfo, logs: list[LogPlan]) -> None:
        """A follow-up for most logs with a next step: older ones done, the latest ones open (some overdue)."""
        stopped = self.moment(plan.status[2]) if plan.status else None
        for index, log in enumerate(logs):
            later = logs[index + 1].occurred_at if index + 1 < len(logs) else None
            if log.follow_up is None:
                if not log.next_step or (later is not None and self.rng.random() < 0.45):
                    continue
                gap = self.rng.randint(1, 7) if log.channel not in (Channel.EMAIL, Channel.SITE_VISIT) else 5
                if stopped and later is None:
                    gap = self.rng.randint(80, 100)  # a paused project is called again in three months
                due = log.occurred_at.date() + timedelta(days=gap)
                if due.weekday() >= 5:
                    due += timedelta(days=7 - due.weekday())
                owner = log.author
                helpers = [name for name in log.participants[1:] if name in info.team_members]
                if helpers and self.rng.random() < 0.3:
                    owner = helpers[0]
                due_time = self.rng.choice(DUE_TIMES) if self.rng.random() < 0.3 else None
                log.follow_up = FollowUpPlan(log.next_step[:200], due, owner, due_time=due_time)
            self.settle(log, later, stopped)

    def settle(self, log: LogPlan, later: datetime | None, stopped: datetime | None) -> None:
        follow_up = log.follow_up
        if follow_up is None or follow_up.closed_at is not None:
            return
        if stopped and later is not None and follow_up.due_date >= stopped.date():
            follow_up.status, follow_up.closed_at = FollowUp.Status.CANCELLED, stopped
            return
        overdue = follow_up.due_date < self.today
        late = follow_up.due_date < self.today - timedelta(days=OVERDUE_DAYS)
        if late or overdue and (later is not None or self.rng.random() < 0.25):
            limit = min(self.at(follow_up.due_date, 18 * 60), later or self.now, self.now - timedelta(minutes=5))
            lower = log.logged_at + timedelta(minutes=10)
            closed = lower + (limit - lower) * self.rng.uniform(0.3, 1) if limit > lower else lower
            follow_up.status, follow_up.closed_at = FollowUp.Status.DONE, min(closed, self.now - timedelta(minutes=1))

    def cover(self, logs: list[LogPlan], people: list[str]) -> None:
        """Everyone who runs projects finds something in My day; some things are due today, some overdue."""
        by_project = {}
        for log in logs:
            by_project.setdefault(log.project, []).append(log)
        latest = [
            project_logs[-1]
            for name, project_logs in by_project.items()
            if self.infos[name].active and name not in SCRIPTED
        ]

        def pending(follow_up: FollowUpPlan | None) -> bool:
            return (
                follow_up is not None
                and follow_up.status == FollowUp.Status.OPEN
                and follow_up.due_date <= self.today + timedelta(days=7)
            )

        for person in people:
            if any(pending(log.follow_up) and log.follow_up.owner == person for log in logs):
                continue
            own = [log for log in latest if log.author == person and not pending(log.follow_up)]
            if not own:
                continue
            log = max(own, key=lambda log: log.occurred_at)
            title = log.next_step or "回访对方，了解项目最新进展"
            due = max(log.occurred_at.date(), self.today + timedelta(days=self.rng.randint(0, 4)))
            log.follow_up = FollowUpPlan(title, due, person)
        today = [log.follow_up for log in latest if pending(log.follow_up) and log.follow_up.due_date == self.today]
        soon = [log.follow_up for log in latest if pending(log.follow_up) and log.follow_up.due_date > self.today]
        for follow_up in soon[: max(0, 5 - len(today))]:
            follow_up.due_date = self.today
            follow_up.due_time = self.rng.choice(DUE_TIMES) if self.rng.random() < 0.5 else None

    def build(self) -> list[LogPlan]:
        logs: list[LogPlan] = []
        for plan in self.plans:
            info = self.infos.get(plan.name)
            if info is None:
                continue
            project_logs = self.project(plan, info)
            self.follow_ups(plan, info, project_logs)
            logs += project_logs
        people = sorted({name for info in self.infos.values() for name in info.team_members})
        self.cover(logs, people)
        return logs


class _Seeder:
    """Plays the plan through the services, then moves each new row's timestamps back to the plan's."""

    def __init__(self, now: datetime):
        self.now = now
        self.today = timezone.localdate(now)
        self.users = {user.username: user for user in User.objects.select_related("membership")}
        self.log_history = ContactLog.history.model
        self.follow_up_history = FollowUp.history.model

    def accepts(self, follow_up: FollowUpPlan) -> bool:
        """Would follow_up_create take this due date as it is (not in the past)?"""
        if follow_up.due_date != self.today:
            return follow_up.due_date > self.today
        return follow_up.due_time is None or follow_up.due_time >= timezone.localtime().time().replace(second=0)

    def play(self, project: Project, log: LogPlan) -> tuple[int, int]:
        author = self.users[log.author]
        follow_up = log.follow_up
        direct = follow_up is not None and follow_up.status == FollowUp.Status.OPEN and self.accepts(follow_up)
        extra = {}
        if direct:
            extra = {
                "follow_up_title": follow_up.title, "follow_up_due_date": follow_up.due_date,
                "follow_up_due_time": follow_up.due_time, "follow_up_owner": self.users[follow_up.owner],
            }  # fmt: skip
        contact_log = services.contact_log_create(
            actor=author, project=project, channel=log.channel, summary=log.summary, occurred_at=log.occurred_at,
            duration_minutes=log.duration, contacts=project.company.contacts.filter(pk__in=log.contacts),
            participants=[self.users[name] for name in log.participants if name in self.users], outcome=log.outcome,
            next_step=log.next_step, **extra,
        )  # fmt: skip
        ContactLog.objects.filter(pk=contact_log.pk).update(created_at=log.logged_at, updated_at=log.logged_at)
        self.log_history.objects.filter(id=contact_log.pk).update(history_date=log.logged_at, created_at=log.logged_at)
        if follow_up is None:
            return 1, 0
        if direct:
            made = contact_log.follow_ups.get()
        else:
            made = services.follow_up_create(
                actor=author, title=follow_up.title, due_date=self.today + timedelta(days=1),
                owner=self.users[follow_up.owner], project=project, source_log=contact_log,
            )  # fmt: skip
        self.settle(made, follow_up, log.logged_at)
        return 1, 1

    def settle(self, made: FollowUp, follow_up: FollowUpPlan, created: datetime) -> None:
        owner = self.users[follow_up.owner]
        if follow_up.status == FollowUp.Status.DONE:
            services.follow_up_complete(actor=owner, follow_up=made)
        elif follow_up.status == FollowUp.Status.CANCELLED:
            services.follow_up_cancel(actor=owner, follow_up=made)
        done_at = follow_up.closed_at if follow_up.status == FollowUp.Status.DONE else None
        dates = {"due_date": follow_up.due_date, "due_time": follow_up.due_time, "created_at": created}
        FollowUp.objects.filter(pk=made.pk).update(done_at=done_at, **dates)
        rows = self.follow_up_history.objects.filter(id=made.pk)
        rows.update(**dates)
        rows.filter(history_type="+").update(history_date=created)
        rows.filter(history_type="~").update(history_date=follow_up.closed_at or created, done_at=done_at)


def _infos(names: list[str]) -> dict[str, ProjectInfo]:
    members: dict[int, list[str]] = {}
    memberships = Membership.objects.filter(team__isnull=False, user__is_active=True).select_related("team", "user")
    for membership in memberships.order_by("user_id"):
        people = members.setdefault(membership.team_id, [])
        if membership.team.leader_id == membership.user_id:
            people.insert(0, membership.user.username)
        else:
            people.append(membership.user.username)
    projects = (
        Project.objects.filter(name__in=names)
        .select_related("company", "owner", "chain")
        .prefetch_related("collaborators", "company__contacts")
    )
    active = set(User.objects.filter(is_active=True).values_list("username", flat=True))
    infos = {}
    for project in projects.order_by("pk"):
        contacts = sorted(project.company.contacts.all(), key=lambda contact: contact.pk)
        infos[project.name] = ProjectInfo(
            pk=project.pk, name=project.name, owner=project.owner.username,
            team_members=members.get(project.owner_team_id, []),
            collaborators=sorted(user.username for user in project.collaborators.all()),
            contacts=[(contact.pk, address_of(contact.name, contact.title, contact.notes)) for contact in contacts],
            company=project.company.name, city=(project.company.city or "外地").removesuffix("市"),
            product=project.product or project.name.removesuffix("项目"),
            chain=project.chain.name if project.chain else "先进制造", premises=premises_text(project),
            planned=amount_text(project.planned_investment), active=project.status == Project.Status.ACTIVE,
        )  # fmt: skip
    return {name: info for name, info in infos.items() if info.owner in active}


def _seeded_on(plans: list[ProjectPlan], today: date) -> date:
    """The day the demo projects were seeded (maybe before today): each project's creation was dated
    `plan.created` days back from it."""
    created = dict(Project.objects.filter(name__in=[plan.name for plan in plans]).values_list("name", "created_at"))
    days = Counter(
        timezone.localdate(created[plan.name]) + timedelta(days=plan.created[0])
        for plan in plans
        if plan.name in created and plan.created[0] >= 2
    )
    return days.most_common(1)[0][0] if days else today


def demo_activity_plan(now: datetime | None = None) -> list[LogPlan]:
    """The demo's contact logs and follow-ups, the same every time for the same moment and projects."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    plans, _claim = demo_plan(today)
    seeded_on = min(_seeded_on(plans, today), today)
    if seeded_on != today:
        plans, _claim = demo_plan(seeded_on)  # the plan the projects were seeded with
    return _Planner(now, plans, _infos([plan.name for plan in plans]), seeded_on).build()


@transaction.atomic
def seed_demo_activity() -> tuple[int, int]:
    """Log months of contacts and follow-ups for the demo projects (after projects.demo.seed_demo_projects).
    A project that has any contact log is left alone. Returns how many demo logs and follow-ups there are."""
    now = timezone.now()
    logs = demo_activity_plan(now)
    names = sorted({log.project for log in logs})
    projects = {project.name: project for project in Project.objects.filter(name__in=names).select_related("company")}
    logged = set(ContactLog.objects.filter(project__name__in=names).values_list("project__name", flat=True))
    seeder = _Seeder(now)
    for log in sorted(logs, key=lambda log: log.occurred_at):
        if log.project in projects and log.project not in logged:
            seeder.play(projects[log.project], log)
    demo = Project.objects.filter(name__in=names)
    return ContactLog.objects.filter(project__in=demo).count(), FollowUp.objects.filter(project__in=demo).count()
