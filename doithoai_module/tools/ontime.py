"""The on-time rate of assignments: the one rule for the dashboard, the Excel statistics
and the yearly report.

What is still open past its deadline counts as late: a rate over closed items only would
show 100 % while the backlog rots.
"""

RULE_VI = ("Tỷ lệ đúng hạn = số nhiệm vụ giải quyết đúng hạn ÷ (số đã giải quyết + số chưa giải "
           "quyết đã quá hạn); nhiệm vụ còn trong hạn không tính, nhiệm vụ quá hạn chưa giải quyết "
           "tính là trễ hạn.")


def on_time_rate(on_time, late, overdue):
    """Percentage (0-100, one decimal) of assignments resolved on time among those resolved
    and those open past their deadline; None when there is nothing to count yet."""
    counted = on_time + late + overdue
    if not counted:
        return None
    return round(100.0 * on_time / counted, 1)


def format_rate(rate):
    return "–" if rate is None else f"{rate:.1f} %".replace(".", ",")
