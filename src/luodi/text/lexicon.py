"""The vague-term lexicon and its exceptions, as data.

A vague term is a discretionary expression that leaves the standard to the executor (the
study's P1: "按要求", "探索", "一定" …). Each entry carries what a drafter should write
instead (zh + en). An exception is a context in which the term is precise; each has a name,
a pattern and an example, and ``tests/text/test_vague.py`` tests every one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "EXCEPTIONS",
    "JIEBA_WORDS",
    "NON_VAGUE_WORDS",
    "VAGUE_LEXICON",
    "VagueException",
    "VagueTerm",
]


@dataclass(frozen=True)
class VagueTerm:
    term: str
    text_zh: str
    text_en: str


def _t(term: str, zh: str, en: str) -> VagueTerm:
    return VagueTerm(term, zh, en)


_STD_ZH = "写明具体标准、条件和数额"
_STD_EN = "state the concrete standard, conditions and amount"

VAGUE_LEXICON: tuple[VagueTerm, ...] = (
    _t(
        "按要求",
        "写明按哪一文件（文号、条款）的什么要求",
        "cite the document (number, article) that sets the requirement",
    ),
    _t(
        "探索",
        "写明要建立的制度、牵头部门和完成时间",
        "state the scheme to set up, the lead department and the date",
    ),
    _t("一定", "写明具体数额、比例或期限", "state the exact amount, ratio or period"),
    _t("适当", "写明放宽或提高的具体幅度", "state by how much exactly"),
    _t(
        "原则上",
        "写明规则、允许例外的情形和审批部门",
        "state the rule, the allowed exceptions and who approves them",
    ),
    _t(
        "酌情", "写明决定的依据、标准和决定部门", "state the criteria, the standard and who decides"
    ),
    _t("视情况", "写明触发条件和相应处理", "state the triggering conditions and the treatment"),
    _t("视情", "写明触发条件和相应处理", "state the triggering conditions and the treatment"),
    _t("相应", "写明具体待遇或数额", "state the concrete benefit or amount"),
    _t(
        "有关",
        "写明具体部门或文件（名称、文号）",
        "name the department or the document (title, number)",
    ),
    _t(
        "积极",
        "写明具体措施、责任部门和完成时限",
        "state the measure, the responsible department and the deadline",
    ),
    _t(
        "鼓励",
        "写明给予的具体支持（方式、数额）和申请程序",
        "state the concrete support (form, amount) and how to apply",
    ),
    _t("给予支持", _STD_ZH, _STD_EN),
    _t(
        "妥善解决",
        "写明解决方式、责任部门和办理时限",
        "state how, by which department and within what time",
    ),
    _t("逐步", "写明分阶段目标和时间表", "state the stages and the timetable"),
    _t("适时", "写明具体时间或触发条件", "state the date or the trigger"),
    _t(
        "必要时",
        "写明何种情形属于必要、由谁认定",
        "state which situations count as necessary and who decides",
    ),
    _t("进一步", "写明具体措施和目标值", "state the measure and the target value"),
)

# jieba words that contain a lexicon term but are not discretionary: derived nouns and
# category names (积极性 'enthusiasm', 鼓励类 'encouraged category' of the industry catalogue).
NON_VAGUE_WORDS: frozenset[str] = frozenset(
    {
        "积极性",
        "积极分子",
        "探索性",
        "鼓励类",
        "支持率",
        "适当性",
        "相关性",
        "有关系",
        "相关联",
        "优先权",
        "优先股",
    }
)


# Words added to jieba's dictionary so that it cuts them out (可|视情 rather than 可视|情).
JIEBA_WORDS: tuple[str, ...] = ("视情", "视情况")


@dataclass(frozen=True)
class VagueException:
    """A context that makes ``terms`` precise. ``pattern`` matches around the term, whose
    occurrence is the named group ``t``."""

    name: str
    terms: tuple[str, ...]
    pattern: re.Pattern[str]
    why: str
    example: str


_NUM = r"[0-9０-９零〇一二两三四五六七八九十百千万]"

_ALL = tuple(t.term for t in VAGUE_LEXICON)

EXCEPTIONS: tuple[VagueException, ...] = (
    VagueException(
        "quoted_name",
        _ALL,
        re.compile(r"[《“\"](?P<t>[^《》“”\"]{1,120})[》”\"]"),
        "inside the quoted name of a document, programme, award or catalogue (《…》, “…”)",
        "按照《关于进一步支持人才创业的若干意见》第五条执行",
    ),
    VagueException(
        "programme_name",
        ("探索", "鼓励"),
        re.compile(r"(?P<t>探索|鼓励)[\u4e00-\u9fff]{0,2}?(奖|计划|工程)"),
        "part of an unquoted programme or award name (科学探索奖)",
        "获得科学探索奖的青年科学家",
    ),
    VagueException(
        "numbered_period",
        ("一定",),
        re.compile(
            r"(?P<t>一定)(期限|期间|年限|比例|数额|金额|额度|名额)[内的]?"
            r"([（(][^）)]{0,10}?" + _NUM + r"|[即为][^，。；]{0,4}?" + _NUM + ")"
        ),
        "一定期限/比例 fixed by a number right after it",
        "在一定期限（3年）内免收租金",
    ),
    VagueException(
        "modal_must",
        ("一定",),
        re.compile(r"(?P<t>一定)(要|须|必须)"),
        "一定要 'must': an emphatic obligation, not an open standard",
        "申报材料一定要真实",
    ),
    VagueException(
        "cited_rule",
        ("有关",),
        re.compile(
            r"(《[^《》]{1,60}》|[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号)[）)]?(第[^。；，,]{1,6}?条)?"
            r"(?P<t>有关)(规定|要求|条款|标准)"
        ),
        "有关规定 of a document named or numbered right before",
        "按《浙江省人才发展条例》（浙政发〔2016〕12号）有关规定执行",
    ),
    VagueException(
        "relational",
        ("有关",),
        re.compile(r"与[^，。；、]{1,12}?(?P<t>有关)(?!部门|单位|规定|要求)"),
        "与…有关 'related to': a relation, not an unnamed body or rule",
        "从事与本人专业有关的工作满2年",
    ),
    VagueException(
        "word_boundary",
        _ALL,
        re.compile(r"(?!)"),  # decided by jieba in vague.py, not by a pattern
        "the characters do not form the word (有关系, 统一定价) or form a longer non-vague "
        "word listed in NON_VAGUE_WORDS (积极性, 鼓励类)",
        "充分调动人才积极性；执行统一定价",
    ),
)
