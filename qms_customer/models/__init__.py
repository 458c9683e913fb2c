from . import qms_department
