"""Shows, at the end of every run, the counts that some tests print (e.g. the access matrix)."""


def pytest_terminal_summary(terminalreporter):
    lines = [line.strip()
             for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
             if report.when == "call"
             for line in report.capstdout.splitlines() if "cases checked" in line]
    if lines:
        terminalreporter.write_sep("-", "cases checked")
        for line in lines:
            terminalreporter.write_line(line)
