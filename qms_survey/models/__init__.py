from . import res_company
from . import qms_survey_dimension
from . import qms_survey_grade
from . import survey_survey
from . import qms_survey_campaign
from . import qms_survey_response
from . import qms_survey_score
from . import mgmtsystem_action
