"""The HTML situation report: one offline, self-contained page per dataset."""

from sitreps.report.html import render_report, write_report

__all__ = ["render_report", "write_report"]
