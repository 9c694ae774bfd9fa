from hegui.taxonomy import A1_A2_RISKS, GROUPS, RISKS, STANDARD_RISKS, group_of, is_risk_code


def test_thirty_one_risks_in_five_groups() -> None:
    assert len(STANDARD_RISKS) == 31
    groups = {r.group for r in RISKS if r.code in STANDARD_RISKS}
    assert groups == {"A1", "A2", "A3", "A4", "A5"}
    counts = {g: sum(1 for r in RISKS if r.group == g) for g in ("A1", "A2", "A3", "A4", "A5")}
    assert counts == {"A1": 8, "A2": 9, "A3": 5, "A4": 7, "A5": 2}
    assert len(A1_A2_RISKS) == 17


def test_codes_and_groups() -> None:
    assert group_of("A4.6") == "A4"
    assert group_of("A2") == "A2"
    assert is_risk_code("X1") and not is_risk_code("A9.9")
    assert len(GROUPS) == 6
    assert all(r.name_zh and r.name_en and r.articles for r in RISKS)
