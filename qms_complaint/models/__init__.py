from . import res_company
from . import qms_complaint_category
from . import qms_complaint_deadline
from . import qms_complaint
from . import qms_complaint_lines
from . import qms_complaint_claim
from . import mgmtsystem
from . import qms_complaint_summary
