from . import qms_complaint_answer_wizard
