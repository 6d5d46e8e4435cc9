"""Upload form for custom questionnaires."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired


class UploadForm(FlaskForm):
    file = FileField(_l("Questionnaire file (YAML)"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["yaml", "yml"], _l("The file must be a .yaml or .yml file."))],
        description=_l("Same format as the questionnaires shipped with AluQSec (see questionnaires/README.md)."))
