"""Inputs shared by the growth scenario's domain and command-line tests: the contract's example and every refusal
(a broken input, and the field its Vietnamese sentence must name)."""

import copy

CONTRACT_INPUT = {
    "year": 2026,
    "target_growth": 0.13,
    "base": {
        "agriculture": [2100.0, 2400.0, 2300.0, 2600.0],
        "industry_construction": [28000.0, 31000.0, 33000.0, 36000.0],
        "services": [15000.0, 16000.0, 17000.0, 19000.0],
        "product_taxes": [4000.0, 4200.0, 4300.0, 4700.0],
    },
    "actual_growth": {
        "agriculture": [0.031, 0.029],
        "industry_construction": [0.16, 0.17],
        "services": [0.09, 0.095],
        "product_taxes": [0.08, 0.085],
    },
    "scenario": {
        "agriculture": [0.03, 0.03, 0.032, 0.033],
        "industry_construction": [0.15, 0.16, 0.165, 0.17],
        "services": [0.09, 0.095, 0.10, 0.105],
        "product_taxes": [0.08, 0.085, 0.09, 0.09],
    },
}


def changed(*edits):
    """The contract's input with edits: (path, value) sets, (path, None-marker DELETE) removes."""
    data = copy.deepcopy(CONTRACT_INPUT)
    for path, value in edits:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[key]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return data


DELETE = object()

# (input, the field named in the sentence, a fragment of the sentence)
REFUSALS = [
    ([], None, "phải là một đối tượng"),
    (changed(("year", DELETE)), '"year"', "Thiếu trường"),
    (changed(("year", "2026")), '"year"', "phải là một năm"),
    (changed(("year", 2026.0)), '"year"', "phải là một năm"),
    (changed(("year", True)), '"year"', "phải là một năm"),
    (changed(("year", 1800)), '"year"', "phải là một năm"),
    (changed(("target_growth", DELETE)), '"target_growth"', "Thiếu trường"),
    (changed(("target_growth", "13%")), '"target_growth"', "phải là một số"),
    (changed(("target_growth", False)), '"target_growth"', "phải là một số"),
    (changed(("target_growth", None)), '"target_growth"', "phải là một số"),
    (changed(("target_growth", -1.5)), '"target_growth"', "từ −1 trở lên"),
    (changed(("base", DELETE)), '"base"', "Thiếu trường"),
    (changed(("base", None)), '"base"', "Thiếu trường"),
    (changed(("base", [1, 2, 3, 4])), '"base"', "phải là một đối tượng"),
    (changed(("base", {})), '"base"', "ít nhất một khu vực"),
    (changed(("base.services", [1.0, 2.0, 3.0])), '"base.services"', "phải là 4 số không âm"),
    (changed(("base.services", [1.0, 2.0, 3.0, 4.0, 5.0])), '"base.services"', "phải là 4 số không âm"),
    (changed(("base.services", [15000.0, -1.0, 17000.0, 19000.0])), '"base.services"', "phải là 4 số không âm"),
    (changed(("base.services", 15000)), '"base.services"', "phải là 4 số không âm"),
    (changed(("base.services", [15000, "16000", 17000, 19000])), '"base.services[1]"', "phải là một số"),
    (changed(("base.services", [15000, True, 17000, 19000])), '"base.services[1]"', "phải là một số"),
    (changed(("base.services", [15000, None, 17000, 19000])), '"base.services[1]"', "phải là một số"),
    (changed(("base.services", [15000, 1e13, 17000, 19000])), '"base.services"', "phải là 4 số không âm"),
    (
        changed(*((f"base.{c}", [1.0, 1.0, 0.0, 1.0]) for c in CONTRACT_INPUT["base"])),
        '"base"',
        "quý 3 bằng 0 ở mọi khu vực",
    ),
    (changed(("base.mining", [1.0, 1.0, 1.0, 1.0])), '"actual_growth"', 'thiếu khu vực "mining"'),
    (changed(("base.", [1.0, 1.0, 1.0, 1.0])), '"base"', "tên rỗng"),
    (changed(("actual_growth.mining", [0.1, 0.1])), '"actual_growth"', 'khu vực "mining" không có trong "base"'),
    (changed(("actual_growth.services", DELETE)), '"actual_growth"', 'thiếu khu vực "services"'),
    (changed(("actual_growth", [0.1, 0.1])), '"actual_growth"', "phải là một đối tượng"),
    (changed(("actual_growth.services", 0.09)), '"actual_growth.services"', "tối đa 4 tốc độ tăng"),
    (
        changed(*((f"actual_growth.{c}", [0.1] * 5) for c in CONTRACT_INPUT["base"])),
        '"actual_growth.agriculture"',
        "có 5 quý, nhiều hơn 4",
    ),
    (changed(("actual_growth.services", [0.09])), '"actual_growth.services"', "khác với 2 quý"),
    (changed(("actual_growth.services", [0.09, -1.2])), '"actual_growth.services[1]"', "nhỏ hơn −1"),
    (changed(("actual_growth.services", [0.09, "9,5%"])), '"actual_growth.services[1]"', "phải là một số"),
    (changed(("actual_growth.services", [0.09, False])), '"actual_growth.services[1]"', "phải là một số"),
    (changed(("actual_growth.services", [0.09, 5000.0])), '"actual_growth.services[1]"', "phải là một số hữu hạn"),
    (changed(("scenario", "high")), '"scenario"', "phải là một đối tượng"),
    (changed(("scenario.services", [0.09, 0.095, 0.1])), '"scenario.services"', "phải là danh sách 4 tốc độ tăng"),
    (changed(("scenario.services", DELETE)), '"scenario"', 'thiếu khu vực "services"'),
    (changed(("scenario.mining", [0.1] * 4)), '"scenario"', 'khu vực "mining" không có trong "base"'),
    (changed(("scenario.services", [0.09, 0.095, -2, 0.1])), '"scenario.services[2]"', "nhỏ hơn −1"),
]
