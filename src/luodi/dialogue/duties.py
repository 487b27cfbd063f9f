"""Each department kind's duties (职责) as keywords: the router's cold start before any training.

A district's "三定" provisions (main duties, internal bodies, staffing) say which department handles
what; these tables condense them into the words citizens and firms actually use. The split follows
the labelling rules in ``data/README.md`` so that the cold start and the trained classifier agree on
who must act: e.g. money already approved but not paid is the finance bureau's, the tax treatment of
any benefit is the tax bureau's, a foreigner's work permit is science and technology's while the
residence permit is public security's.

Only departments that answer inquiries themselves are listed. The leadership group and the
organization department receive inquiries through escalation or the talent office, not by routing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["DUTY_KEYWORDS", "DUTY_SUMMARIES", "duty_kinds"]


def _words(text: str) -> tuple[str, ...]:
    # Keywords are written space-separated: they contain no spaces, and a table of one quoted
    # keyword per line would be hundreds of lines long.
    return tuple(text.split())


DUTY_KEYWORDS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "hr_social_security": _words(
            "人社 社保 社会保险 断缴 补缴 养老保险 失业 就业 招聘会 公开招聘 见习 "
            "职称 评审委员会 人才层次认定 人才认定 认定为 人才证书 生活津贴 租房补贴 "
            "技能提升补贴 技能人才 技师 高级工 博士后 人事档案 档案 劳动合同 劳动仲裁 "
            "经济补偿 拖欠工资 工资 年金 事业单位 学历认证"
        ),
        "finance": _words(
            "财政 拨付 拨款 到账 资金调度 国库 预算 配套资金 配套经费 区财政 "
            "专项资金预算 收款账户 收款收据 财政票据 政府采购 绩效评价 资金拨付 兑付 "
            "专款专用"
        ),
        "tax": _words(
            "税 个税 个人所得税 所得税 增值税 纳税 完税证明 汇算 退税 补税 扣除 "
            "专项附加扣除 加计扣除 发票 专票 税务 电子税务局 办税 清税 非正常户 代扣 "
            "免税 递延纳税 税收优惠 稽查 滞纳金 即征即退 留抵 应纳税所得额 纳税信用"
        ),
        "science_technology": _words(
            "科技局 科技计划 科技项目 科研项目 立项 结题 验收 高新技术企业 高企 "
            "科技型中小企业 研发投入 重点实验室 工程技术研究中心 新型研发机构 孵化器 "
            "众创空间 科技园 创业扶持资金 创新创业大赛 技术合同 成果转化 科技成果 "
            "创新券 科技特派员 揭榜挂帅 科研仪器 外国人工作许可 工作许可 外国高端人才 "
            "专家评审"
        ),
        "financial_affairs": _words(
            "银行 贷款 人才贷 科技贷 信用贷款 贴息 担保 担保函 续贷 展期 利率 放款 "
            "融资 质押融资 风险补偿 引导基金 天使投资 投资机构 股权融资 上市 挂牌 "
            "新三板 债券 征信 按揭 开户 保险 理财"
        ),
        "education": _words(
            "教育局 入学 上学 学校 小学 初中 高中 中考 幼儿园 托育 学位 学籍 转学 "
            "插班 划片 学区 子女 孩子 教师 教师资格 课后服务 培训机构 职业学校"
        ),
        "public_security": _words(
            "公安 派出所 户口 户籍 落户 集体户 迁移证 随迁 居住证 身份证 居留许可 "
            "永久居留 签证 护照 出入境 通行证 临时住宿登记 报警 报案 立案 诈骗 冒充 "
            "车管所 驾驶证"
        ),
        "housing": _words(
            "住建 人才公寓 公寓 公租房 共有产权房 保障房 购房补贴 购房 买房 限购 "
            "网签 备案信息 不动产权证 产权证 开发商 交房 公积金 物业 维修资金 续租 "
            "租金 入住"
        ),
        "market_regulation": _words(
            "市场监管 营业执照 执照 注册登记 注册 变更登记 迁移登记 注销 经营范围 "
            "企业名称 字号 法定代表人 年报 经营异常名录 商标 专利 知识产权 侵权 "
            "股权出质 食品 许可证 医疗器械 特种设备 检定 计量 检验检测 企业标准 "
            "虚假宣传 假冒 消费者"
        ),
        "talent_office": _words(
            "人才办 人才政策 政策汇编 政策清单 哪个部门 找谁 不知道 推诿 踢皮球 协调 "
            "督促 人才服务卡 服务专员 引才奖励 新引进人才奖励 人才引进奖励 安家补助 "
            "领军人才 一事一议 人才工作站 院士专家工作站 柔性引进 服务期"
        ),
        "discipline_inspection": _words(
            "纪委 监委 纪检 举报 实名举报 吃拿卡要 好处 收受 礼品 购物卡 优亲厚友 "
            "关系户 走后门 利益冲突 回避 兼职取酬 违规兼职 公车 打击报复 处分 申诉 "
            "泄露 干部 公职人员 领导干部 作风"
        ),
        "audit": _words(
            "审计 审计局 审计报告 审计结论 审计整改 整改 整改销号 经济责任审计 "
            "离任审计 结算审计 送审 超概算 虚列支出 挪用 追回 账目 台账 内部审计 "
            "审计调查"
        ),
        "economy_information": _words(
            "经信 工业企业 制造业 技术改造 技改 专精特新 小巨人 小升规 规上 "
            "数字化转型 上云 工业互联网 智能工厂 数字化车间 两化融合 首台 企业技术中心 "
            "绿色工厂 亩均 用电 限电 电力 中小企业 拖欠 账款 产业链 生产线"
        ),
        "development_reform": _words(
            "发改 项目备案 投资项目 核准 节能审查 能评 能耗 用能 重点项目 重大项目 "
            "前期工作经费 中央预算内 引导资金 PPP 社会资本 信用中国 信用修复 失信 "
            "信易贷 信用评价 招投标 招标 投标 价格 收费标准 定价 听证 规划 营商环境 "
            "境外投资 以工代赈 帮办代办"
        ),
    }
)

# One line per kind for people and pages: what the department answers (Chinese, then English).
DUTY_SUMMARIES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "hr_social_security": (
            "人才认定、租房补贴、生活津贴、社保、就业、职称、劳动关系",
            "talent recognition, rent subsidy, living allowance, social insurance, jobs, "
            "titles, labour relations",
        ),
        "finance": (
            "已批准资金的拨付、区级配套、预算与政府采购",
            "paying out approved funds, district matching, budgets and public procurement",
        ),
        "tax": (
            "个人所得税、企业税收优惠、发票、纳税证明与纳税信用",
            "income tax, tax incentives, invoices, tax certificates and tax credit",
        ),
        "science_technology": (
            "科技项目、高新技术企业、孵化器、创业扶持资金、外国人工作许可",
            "research projects, high-tech firms, incubators, start-up funds, foreigners' work "
            "permits",
        ),
        "financial_affairs": (
            "人才贷、担保、贴息、投资基金、上市挂牌、银行服务",
            "talent loans, guarantees, interest subsidies, investment funds, listings, banks",
        ),
        "education": (
            "子女入学、转学、幼儿园、学校",
            "children's schooling, transfers, kindergartens",
        ),
        "public_security": (
            "落户、居住证、身份证、出入境、外国人居留、治安与诈骗",
            "household registration, residence permits, ID cards, exit-entry, foreigners' "
            "residence, public order and fraud",
        ),
        "housing": (
            "人才公寓、购房补贴、公租房、公积金、物业",
            "talent apartments, home-purchase subsidy, public rental housing, housing fund, "
            "property management",
        ),
        "market_regulation": (
            "企业登记、商标专利、许可、质量计量、消费与价格违法",
            "business registration, trademarks and patents, licences, quality and metrology, "
            "consumer and price violations",
        ),
        "talent_office": (
            "政策综合咨询、跨部门协调、引才奖励、人才服务卡",
            "policy in general, cross-department coordination, recruitment awards, talent card",
        ),
        "discipline_inspection": (
            "公职人员违纪违法举报、利益冲突、申诉",
            "reports of officials' misconduct, conflicts of interest, disciplinary appeals",
        ),
        "audit": (
            "审计发现、整改、追回资金、单位挪用公款",
            "audit findings, rectification, recovered funds, units misusing public money",
        ),
        "economy_information": (
            "工业技改、专精特新、数字化、用电、清欠中小企业账款",
            "industrial upgrading, specialised SMEs, digitalisation, power supply, arrears to SMEs",
        ),
        "development_reform": (
            "项目备案核准、能评、社会信用、招投标、政府定价、规划",
            "project filing and approval, energy review, social credit, tendering, government "
            "pricing, plans",
        ),
    }
)


def duty_kinds() -> tuple[str, ...]:
    """The department kinds that have a duty table, in the table's order."""
    return tuple(DUTY_KEYWORDS)
