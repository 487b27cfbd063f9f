"""The scorecard as an XLSX workbook in the layout Chinese government offices use.

Four sheets: 综合排名 (overall ranking beside the hard-only ranking), 指标明细 (one column per
indicator under its group), 指标说明 (formula and sources of every indicator) and 敏感性分析
(ranks as the weight of process and rated indicators goes from 0 to 1). Each sheet has a merged
title row, a line naming the period, scheme and date, bordered cells, a frozen header and
page set-up for printing on A4 landscape, as 考核结果 tables are circulated on paper.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from luodi.scorecard.catalogue import GROUP_NAMES_ZH, GROUPS, Indicator
from luodi.scorecard.scorecard import Scorecard

__all__ = ["SHEET_NAMES", "scorecard_xlsx"]

SHEET_NAMES = ("综合排名", "指标明细", "指标说明", "敏感性分析")
RANKING_HEADERS = ("序号", "{kind}", "综合得分", "排名", "仅硬指标得分", "仅硬指标排名", "名次变化")
EXPLANATION_HEADERS = ("编号", "指标", "类别", "方向", "单位", "计算公式", "数据来源")

# Title in the official-document face (GB/T 9704), headers in 黑体, body in 宋体; a computer
# without these fonts substitutes its own CJK face and the text stays intact.
_TITLE = Font(name="方正小标宋简体", size=16)
_HEADER = Font(name="黑体", size=11)
_BODY = Font(name="宋体", size=11)
_NOTE = Font(name="仿宋", size=10)
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_DASH = "—"
# Places gained show as ↑2 / ↓1 / — while the cell stays a number a formula can use.
_CHANGE_FORMAT = '"↑"0;"↓"0;"—"'
_SCORE_FORMAT = "0.00"


def _kind_zh(scorecard: Scorecard) -> str:
    return "部门" if scorecard.subject_kind == "department" else "区域"


def _scheme_line(scorecard: Scorecard, generated_on: dt.date) -> str:
    weights = scorecard.scheme.group_weights
    total = sum(weights.values()) or 1.0
    parts = "、".join(
        f"{GROUP_NAMES_ZH[group]}{weights[group] / total * 100:.0f}%"
        for group in GROUPS
        if weights.get(group, 0) > 0
    )
    period = scorecard.period
    return (
        f"评价期：{period.start:%Y年%m月%d日}至{period.end:%Y年%m月%d日}　"
        f"权重方案：{scorecard.scheme.name_zh}（{parts}）　"
        f"制表日期：{generated_on:%Y年%m月%d日}"
    )


def _title(sheet: Worksheet, *, title: str, line: str, width: int) -> None:
    last = get_column_letter(max(width, 1))
    sheet.merge_cells(f"A1:{last}1")
    sheet.merge_cells(f"A2:{last}2")
    sheet["A1"] = title
    sheet["A1"].font = _TITLE
    sheet["A1"].alignment = _CENTRE
    sheet.row_dimensions[1].height = 32
    sheet["A2"] = line
    sheet["A2"].font = _NOTE
    sheet["A2"].alignment = Alignment(horizontal="right", vertical="center")


def _cell(
    sheet: Worksheet,
    row: int,
    column: int,
    value: object,
    *,
    font: Font = _BODY,
    align: Alignment = _CENTRE,
    number_format: str | None = None,
) -> None:
    cell = sheet.cell(row=row, column=column, value=_DASH if value is None else value)
    cell.font = font
    cell.border = _BORDER
    cell.alignment = align
    if number_format is not None and value is not None:
        cell.number_format = number_format


def _widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _print_setup(sheet: Worksheet, *, header_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows


def _score(value: float | None) -> float | None:
    # Offices read scores out of 100 (百分制); the JSON keeps the fraction.
    return None if value is None else value * 100


def _ranking_sheet(sheet: Worksheet, scorecard: Scorecard, generated_on: dt.date) -> None:
    headers = [h.format(kind=_kind_zh(scorecard)) for h in RANKING_HEADERS]
    _title(
        sheet,
        title=scorecard.title_zh,
        line=_scheme_line(scorecard, generated_on),
        width=len(headers),
    )
    for column, header in enumerate(headers, start=1):
        _cell(sheet, 3, column, header, font=_HEADER)
    row = 3
    for row, card in enumerate(scorecard.subjects, start=4):
        values: list[tuple[object, str | None]] = [
            (row - 3, None),
            (card.name, None),
            (_score(card.score), _SCORE_FORMAT),
            (card.rank, None),
            (_score(card.hard_only_score), _SCORE_FORMAT),
            (card.hard_only_rank, None),
            (card.change, _CHANGE_FORMAT),
        ]
        for column, (value, number_format) in enumerate(values, start=1):
            align = _LEFT if column == 2 else _CENTRE
            _cell(sheet, row, column, value, align=align, number_format=number_format)
    notes = [
        "说明：1. 得分为百分制，各指标按功效系数法（最小—最大值）标准化后加权汇总；"
        "“越低越好”的指标反向计分。",
        "2. 仅硬指标得分只计人才引进、项目、资金等结果类指标，用于对照“唯数量”考核的排名。",
        "3. 名次变化为本方案排名相对仅硬指标排名的升（↑）降（↓）位次。",
        "4. 缺少数据或评价人数不足的指标不计入该对象得分，权重在其余指标间重新分配。",
    ]
    for offset, note in enumerate(notes, start=2):
        line = row + offset
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(headers))
        sheet.cell(row=line, column=1, value=note).font = _NOTE
    _widths(sheet, (7, 34, 12, 8, 14, 14, 11))
    sheet.freeze_panes = "A4"
    _print_setup(sheet, header_rows="3:3")


def _number_format(indicator: Indicator) -> str:
    if indicator.unit == "%":
        return "0.0%"
    if indicator.unit == "元":
        return "#,##0"
    if indicator.unit in ("人", "个", "件", "项", "家"):
        return "0"
    return "0.00"


def _ordered_indicators(scorecard: Scorecard) -> list[Indicator]:
    return sorted(scorecard.indicators, key=lambda i: GROUPS.index(i.group))


def _detail_sheet(sheet: Worksheet, scorecard: Scorecard, generated_on: dt.date) -> None:
    indicators = _ordered_indicators(scorecard)
    fixed = ("序号", _kind_zh(scorecard), "综合排名")
    width = len(fixed) + len(indicators)
    _title(
        sheet,
        title=scorecard.title_zh.replace("考核结果", "考核指标明细"),
        line=_scheme_line(scorecard, generated_on),
        width=width,
    )
    # Cells are written (with their borders) before merging: a merged cell takes no value.
    for column, header in enumerate(fixed, start=1):
        _cell(sheet, 3, column, header, font=_HEADER)
        _cell(sheet, 4, column, "", font=_HEADER)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    column = len(fixed) + 1
    for group in GROUPS:
        members = [i for i in indicators if i.group == group]
        if not members:
            continue
        for offset, indicator in enumerate(members):
            label = GROUP_NAMES_ZH[group] if offset == 0 else ""
            _cell(sheet, 3, column + offset, label, font=_HEADER)
            name = f"{indicator.name_zh}（{indicator.unit}）"
            _cell(sheet, 4, column + offset, name, font=_HEADER)
        last = column + len(members) - 1
        if last > column:
            sheet.merge_cells(start_row=3, start_column=column, end_row=3, end_column=last)
        column = last + 1
    for row, card in enumerate(scorecard.subjects, start=5):
        _cell(sheet, row, 1, row - 4)
        _cell(sheet, row, 2, card.name, align=_LEFT)
        _cell(sheet, row, 3, card.rank)
        for offset, indicator in enumerate(indicators):
            found = card.values.get(indicator.id)
            value = None if found is None else found.value
            _cell(sheet, row, 4 + offset, value, number_format=_number_format(indicator))
            if found is not None and found.value is None and found.note:
                comment = f"{found.note}（n={found.n}）" if found.n else found.note
                sheet.cell(row=row, column=4 + offset).comment = Comment(comment, "落地 Luodi")
    _widths(sheet, (7, 30, 9, *([14] * len(indicators))))
    sheet.row_dimensions[4].height = 45
    sheet.freeze_panes = "D5"
    _print_setup(sheet, header_rows="3:4")


def _explanation_sheet(sheet: Worksheet, scorecard: Scorecard, generated_on: dt.date) -> None:
    _title(
        sheet,
        title="考核指标说明",
        line=f"指标目录：{scorecard.catalogue_source}　制表日期：{generated_on:%Y年%m月%d日}",
        width=len(EXPLANATION_HEADERS),
    )
    for column, header in enumerate(EXPLANATION_HEADERS, start=1):
        _cell(sheet, 3, column, header, font=_HEADER)
    for row, indicator in enumerate(_ordered_indicators(scorecard), start=4):
        values = (
            indicator.id,
            indicator.name_zh,
            indicator.group_zh,
            indicator.direction_zh,
            indicator.unit,
            indicator.formula_zh,
            "、".join(indicator.sources),
        )
        for column, value in enumerate(values, start=1):
            _cell(sheet, row, column, value, align=_LEFT if column in (2, 6, 7) else _CENTRE)
    _widths(sheet, (22, 24, 10, 10, 8, 70, 28))
    sheet.freeze_panes = "A4"
    _print_setup(sheet, header_rows="3:3")


def _sensitivity_sheet(sheet: Worksheet, scorecard: Scorecard, generated_on: dt.date) -> None:
    weights = scorecard.sensitivity.process_weights
    width = 2 + len(weights)
    _title(
        sheet,
        title=f"{scorecard.title_zh.replace('考核结果', '排名敏感性分析')}",
        line=_scheme_line(scorecard, generated_on),
        width=width,
    )
    for column, header in enumerate(("序号", _kind_zh(scorecard)), start=1):
        _cell(sheet, 3, column, header, font=_HEADER)
        _cell(sheet, 4, column, "", font=_HEADER)
        sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    for offset, weight in enumerate(weights):
        group_label = "过程指标与评价指标合计权重" if offset == 0 else ""
        _cell(sheet, 3, 3 + offset, group_label, font=_HEADER)
        label = f"{weight * 100:.0f}%"
        if weight == 0:
            label += "（仅硬指标）"
        _cell(sheet, 4, 3 + offset, label, font=_HEADER)
    if width > 3:
        sheet.merge_cells(start_row=3, start_column=3, end_row=3, end_column=width)
    row = 4
    for row, card in enumerate(scorecard.subjects, start=5):
        _cell(sheet, row, 1, row - 4)
        _cell(sheet, row, 2, card.name, align=_LEFT)
        for offset, rank in enumerate(scorecard.sensitivity.ranks.get(card.id, ())):
            _cell(sheet, row, 3 + offset, rank)
    row += 1
    _cell(sheet, row, 1, "与仅硬指标排名的肯德尔τ", font=_HEADER)
    _cell(sheet, row, 2, "", font=_HEADER)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for offset, tau in enumerate(scorecard.sensitivity.kendall_tau):
        _cell(sheet, row, 3 + offset, tau, number_format="0.00")
    note = (
        "说明：表中为各权重下的综合排名；权重为0时即仅按硬指标排名，过程指标与评价指标按本方案的"
        "比例分配合计权重。肯德尔τ越接近1，排名与仅硬指标排名越一致。"
    )
    sheet.merge_cells(start_row=row + 2, start_column=1, end_row=row + 2, end_column=width)
    sheet.cell(row=row + 2, column=1, value=note).font = _NOTE
    _widths(sheet, (7, 30, *([11] * len(weights))))
    sheet.freeze_panes = "C5"
    _print_setup(sheet, header_rows="3:4")


def scorecard_xlsx(scorecard: Scorecard, *, generated_on: dt.date | None = None) -> bytes:
    """The workbook's bytes; ``generated_on`` (default today) is printed as 制表日期."""
    day = generated_on or dt.date.today()
    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook always has one sheet
    first.title = SHEET_NAMES[0]
    _ranking_sheet(first, scorecard, day)
    _detail_sheet(workbook.create_sheet(SHEET_NAMES[1]), scorecard, day)
    _explanation_sheet(workbook.create_sheet(SHEET_NAMES[2]), scorecard, day)
    _sensitivity_sheet(workbook.create_sheet(SHEET_NAMES[3]), scorecard, day)
    workbook.properties.title = scorecard.title_zh
    workbook.properties.creator = "落地 Luodi"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
