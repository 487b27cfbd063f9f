"""The six elements a clause should state: who, whom, what, how much, when, how.

- who: a named government or party body (``departments``); 有关部门 names nobody.
- whom: the target group (高层次人才, 科研人员, 用人单位 …), not 人才 as in 人才工作/人才政策.
- what: a concrete benefit, obligation or prohibition (补贴, 落户, 不得兼职 …); a bare
  preference such as 给予政策倾斜 or 给予支持 is not one.
- how_much: an amount, ratio, cap, count, area or age threshold (not a duration or date).
- when: a date, duration, deadline, validity or schedule (3年内, 每年, 之日起); not 及时/尽快
  and not 一定期限 without a number.
- how: a concrete procedural step (申请, 申报, 审核, 认定, 公示, 拨付 …).

>>> text = "由市人社局审核后，对引进的博士给予每人20万元安家补贴，"
>>> f = find_elements(text + "自认定之日起3个月内拨付")
>>> {k: v.span.term for k, v in f.items() if v.span}  # doctest: +NORMALIZE_WHITESPACE
{'who': '市人社局', 'whom': '博士', 'what': '安家补贴', 'how_much': '20万元', 'when': '之日起',
 'how': '审核'}
"""

from __future__ import annotations

import re
from collections.abc import Callable

from luodi.text.departments import departments
from luodi.text.model import ELEMENTS, ElementFinding, Span
from luodi.text.numbers import quantities

__all__ = ["ELEMENT_FINDERS", "find_elements"]


def _words(words: str) -> str:
    """An alternation of the space-separated ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(words.split(), key=len, reverse=True))


_WHOM = re.compile(
    "(?:"
    + _words(
        "高层次人才 高端人才 青年人才 海外人才 外籍人才 技能人才 创新创业人才 "
        "领军人才 紧缺人才 A类人才 B类人才 C类人才 D类人才 E类人才 F类人才 "
        "人才团队 创业团队 创新团队 人才 科研人员 专业技术人员 高校毕业生 毕业生 "
        "博士后 博士 硕士 本科生 留学回国人员 留学人员 外国专家 专家 小微企业 "
        "初创企业 科技型中小企业 高新技术企业 企业 用人单位 事业单位 高校 科研院所 "
        "党政领导干部 领导干部 公职人员 子女 配偶 创业者 申请人 择校生 职工 员工 "
        "工匠 众创空间 孵化器 院士 承担单位 被审计单位 纳税人 学生 入选者 报告人 "
        "实习生 实验室 各地 各市 各区 各县 "
    )
    + r"|[\u4e00-\u9fff]{1,6}人员)"
)
# 人才 naming the policy area rather than people
_WHOM_NOT = re.compile(
    r"人才(工作|政策|发展|办|体制|引进工作|新政|专项|项目|资金|公寓|计划|安居|住房|服务|驿站|码)"
)

_WHAT = re.compile(
    "(?:[\u4e00-\u9fff]{0,2}(?:"
    + _words(
        "补贴 补助 资助 奖励 奖金 奖学金 安家费 津贴 报酬 薪酬 年薪 租金 房租 免租 减免 "
        "免征 减按 减半 贴息 贷款 担保 落户 户口 转学 就读 报名 医疗保障 体检 配套资金 "
        "扣除 股权 期权 编制 签证 居留许可 永久居留 工作许可 购房 绿色通道 启动资金 "
        "扶持资金 人事关系 优惠 表彰 学位 学时 决算报告 审计 专项检查 入住 "
    )
    + r"))"
    + r"|(?:不得|禁止|严禁|不准|不收|不招收|一律不|不予|不再|不受)[\u4e00-\u9fff]{1,6}"
    + r"|(?:应当|必须|须|可以?)(?!积极|做好|加强|进一步|逐步|妥善|适当|视情|统筹|按要求)"
    + r"(?:[^，。；]{0,8}?)(?:延长|创办|兼职|创业|申请|提交|退还|归还|折算|保留|享受)"
)
# Preferences and undetermined solutions that promise nothing concrete.
_WHAT_NOT = re.compile(
    r"政策倾斜|给予支持|给予扶持|优惠政策|政策支持|大力支持|予以倾斜|给予倾斜|资金支持|"
    r"妥善解决[^，。；]{0,14}|相应保障|服务保障|便利"
)

_AGE = re.compile(r"[0-9０-９一二三四五六七八九十]+周?岁")
_WHEN = re.compile(
    r"每[年月季周]|按[年月季]度?|逐月|当年|次年|年度|之日起|起算|以前|之前|截止|截至|期限|有效期|"
    r"任期|届满|[上下]半年|季度|分[0-9一二三四五六七八九十]+期|[0-9]{1,2}月[0-9]{1,2}日前"
)
_WHEN_NOT = re.compile(r"一定期限|一定期间|及时|尽快|适时")
_HOW = re.compile(
    _words(
        "免申即享 申请 申报 提交 审核 认定 审批 批准 备案 公示 公告 通报 办理 "
        "报送 兑现 兑付 受理 核发 评审 登记 签订 同意 报批 复核 移送 责令 送达 "
        "下达至 上报 初审 审定 协商 "
    )
    + r"|向[^，。；]{1,12}报告|由[^，。；]{1,12}(?:拨付|发放)|(?:拨付|发放)(?:至|到)"
)


def _first(pattern: re.Pattern[str], text: str, not_pattern: re.Pattern[str] | None) -> Span | None:
    blocked = [(m.start(), m.end()) for m in not_pattern.finditer(text)] if not_pattern else []
    for m in pattern.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in blocked):
            continue
        return Span(m.group(), m.start(), m.end())
    return None


def _who(text: str) -> Span | None:
    found = departments(text)
    return found[0] if found else None


def _whom(text: str) -> Span | None:
    bodies = departments(text)
    for m in _WHOM.finditer(text):
        if _WHOM_NOT.match(text, m.start()) or any(b.start <= m.start() < b.end for b in bodies):
            continue
        return Span(m.group(), m.start(), m.end())
    return None


def _what(text: str) -> Span | None:
    return _first(_WHAT, text, _WHAT_NOT)


_DETERMINATE = re.compile(r"全额|免费|免征|减半|全免")


def _how_much(text: str) -> Span | None:
    spans = [q.span for q in quantities(text) if q.kind not in ("duration", "date")]
    det = _DETERMINATE.search(text)
    if det:
        spans.append(Span(det.group(), det.start(), det.end()))
    age = _AGE.search(text)
    if age:
        spans.append(Span(age.group(), age.start(), age.end()))
    return min(spans, key=lambda s: s.start) if spans else None


def _when(text: str) -> Span | None:
    spans = [q.span for q in quantities(text) if q.kind in ("duration", "date")]
    spans = [s for s in spans if not _AGE.match(text, s.start)]
    word = _first(_WHEN, text, _WHEN_NOT)
    if word:
        spans.append(word)
    return min(spans, key=lambda s: s.start) if spans else None


def _how(text: str) -> Span | None:
    return _first(_HOW, text, None)


ELEMENT_FINDERS: dict[str, Callable[[str], Span | None]] = {
    "who": _who,
    "whom": _whom,
    "what": _what,
    "how_much": _how_much,
    "when": _when,
    "how": _how,
}


def find_elements(text: str) -> dict[str, ElementFinding]:
    """Each of the six elements: present or not, with the first span that states it."""
    result = {}
    for element in ELEMENTS:
        span = ELEMENT_FINDERS[element](text)
        result[element] = ElementFinding(span is not None, span)
    return result
