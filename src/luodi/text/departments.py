"""Chinese government departments and their abbreviations: the "who" of a clause.

A clause states who is responsible when it names a body (市人社局, 科技厅, 纪委监委, 人才办 …).
"有关部门", "相关部门", "各部门", "主管部门" name nobody and do not count.

>>> [s.term for s in departments("由市人社局会同市财政局审核，有关部门配合")]
['市人社局', '市财政局']
"""

from __future__ import annotations

import re

from luodi.text.model import Span

__all__ = ["DEPARTMENTS", "VAGUE_BODIES", "departments"]


def _names(words: str) -> tuple[str, ...]:
    return tuple(words.split())


# canonical short name → its full names and abbreviations (space-separated, no place prefix)
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "组织部": _names("组织部 中组部 组织部门"),
    "人才办": _names("人才办 人才工作领导小组办公室 人才工作领导小组 人才工作部门"),
    "人社": _names(
        "人力资源和社会保障局 人力资源和社会保障厅 人力资源和社会保障部 "
        "人力社保局 人社局 人社厅 人社部 人社部门"
    ),
    "科技": _names("科学技术局 科学技术厅 科学技术部 科技局 科技厅 科技部 科技部门"),
    "财政": _names("财政局 财政厅 财政部 财政部门"),
    "税务": _names("国家税务总局 税务局 税务机关 税务部门"),
    "审计": _names("审计局 审计厅 审计署 审计机关 审计部门"),
    "纪委监委": _names("纪律检查委员会 监察委员会 纪委监委 纪检监察机关 纪委 监委"),
    "教育": _names("教育局 教育厅 教育部 教体局 教育部门 教育行政部门"),
    "公安": _names("公安局 公安厅 公安部 公安机关 出入境管理局 出入境管理部门 派出所"),
    "住建": _names("住房和城乡建设局 住房和城乡建设厅 住建局 住建部门 房管局 住房保障部门"),
    "发改": _names("发展和改革委员会 发展改革委 发改委 发改局"),
    "经信": _names("经济和信息化局 经信局 经信委 工信局 工业和信息化局"),
    "商务": _names("商务局 商务厅 商务部"),
    "市场监管": _names("市场监督管理局 市场监管局 市场监管部门"),
    "金融": _names("地方金融监督管理局 金融工作办公室 金融办 金融监管局 人民银行 人行"),
    "卫健": _names("卫生健康委员会 卫生健康委 卫健委 卫健局"),
    "医保": _names("医疗保障局 医保局"),
    "民政": _names("民政局 民政厅"),
    "自然资源": _names("自然资源和规划局 自然资源局 规划和自然资源局"),
    "统计": _names("统计局"),
    "外办": _names("外事办公室 外办"),
    "科协": _names("科学技术协会 科协"),
    "政府": _names(
        "人民政府 管委会 管理委员会 国务院 中共中央 中央办公厅 "
        "国务院办公厅 中办 国办 省政府 市政府 区政府 县政府 政府办公室 "
        "政府办"
    ),
}

# Expressions that look like a body but name none.
VAGUE_BODIES: tuple[str, ...] = _names("有关部门 相关部门 各部门 各有关单位 主管部门 职能部门")

_NAMES = sorted({n for names in DEPARTMENTS.values() for n in names}, key=len, reverse=True)
# A place prefix (H市, 杭州市, 区委, 国家) that does not start with a function word (由, 会同 …).
_FUNCTION = "由经向同会及和与并报按交请到在从为对各将给被的、"
_PLACE = (
    r"(?:(?:国家|中共|(?![" + _FUNCTION + r"])(?:[A-Z]|[\u4e00-\u9fff]{0,3}?)[省市区县州]委?)"
    r"(?=[\u4e00-\u9fff]))?"
)
_PATTERN = re.compile(_PLACE + "(?:" + "|".join(re.escape(n) for n in _NAMES) + ")")
_VAGUE = re.compile("|".join(VAGUE_BODIES))


def departments(text: str) -> list[Span]:
    """Every named government body in ``text``, in order (vague bodies excluded)."""
    vague = [(m.start(), m.end()) for m in _VAGUE.finditer(text)]
    found = []
    for m in _PATTERN.finditer(text):
        if any(s <= m.start() < e for s, e in vague):
            continue
        found.append(Span(m.group(), m.start(), m.end()))
    return found
