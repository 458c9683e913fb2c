from . import qms_complaint_summary_xlsx
