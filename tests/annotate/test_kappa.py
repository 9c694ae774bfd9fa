import pytest

from hegui.annotate.kappa import AgreementError, cohen_kappa, fleiss_kappa


def test_cohen_hand_computed() -> None:
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 → p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_cohen_extremes() -> None:
    assert cohen_kappa(["a", "b", "a"], ["a", "b", "a"]) == pytest.approx(1.0)
    assert cohen_kappa(["y", "n", "y", "n"], ["n", "y", "n", "y"]) == pytest.approx(-1.0)
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0
    with pytest.raises(AgreementError):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(AgreementError):
        cohen_kappa([], [])


def test_fleiss_small_hand_computed() -> None:
    # P_i = 1, 1/3, 1 → P̄ = 7/9; p_a = 5/9, p_b = 4/9 → P̄e = 41/81; κ = 22/40
    assert fleiss_kappa([["a", "a", "a"], ["a", "a", "b"], ["b", "b", "b"]]) == pytest.approx(0.55)


def test_fleiss_fourteen_raters_hand_computed() -> None:
    # 10 items × 14 raters × 5 categories: P̄ = 0.378, P̄e = 0.213 → κ ≈ 0.210
    table = [
        (0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0), (2, 2, 8, 1, 1),
        (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2), (6, 5, 2, 1, 0), (0, 2, 2, 3, 7),
    ]
    items = [[cat for cat, n in zip("ABCDE", row, strict=True) for _ in range(n)] for row in table]
    assert round(fleiss_kappa(items), 3) == 0.210


def test_fleiss_needs_equal_rater_counts() -> None:
    with pytest.raises(AgreementError):
        fleiss_kappa([["a", "b"], ["a"]])
    with pytest.raises(AgreementError):
        fleiss_kappa([])
