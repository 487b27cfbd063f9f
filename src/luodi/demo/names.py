"""Synthetic Chinese personal and firm names; none belongs to a real person or company."""

from __future__ import annotations

import random

__all__ = ["firm_brand", "person_name"]

# Common surnames, weighted roughly by frequency so the names look ordinary.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文晶琳斌波宇浩凯健俊帆帅旭"
    "宁婷雪琪欣怡晨阳子轩睿思远博雨泽嘉瑞航锦昊然梓涵诗颖悦佳晓峰志鑫彬晖岚蕾楠琦薇璐"
)
_BRAND = "睿博芯云智华创新源科联达瑞恒信启明鼎泰安宏远晟图灵数汇融合光谷星海蓝海天衡德正"


def person_name(*, rng: random.Random) -> str:
    """A two- or three-character name."""
    surname = _SURNAMES[min(int(rng.paretovariate(1.2)) - 1, len(_SURNAMES) - 1)]
    if rng.random() < 0.2:
        surname = rng.choice(_SURNAMES)
    given = rng.choice(_GIVEN)
    if rng.random() < 0.7:
        given += rng.choice(_GIVEN)
    return surname + given


def firm_brand(*, rng: random.Random, taken: set[str]) -> str:
    """A two-character brand not in ``taken`` (which it extends)."""
    while True:
        brand = rng.choice(_BRAND) + rng.choice(_BRAND)
        if brand[0] != brand[1] and brand not in taken:
            taken.add(brand)
            return brand
