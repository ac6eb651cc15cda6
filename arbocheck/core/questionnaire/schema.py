"""The JSON Schema of the questionnaire format, for editors that validate YAML while typing.

`questionnaires/schema.json` is generated from qmodel by
`arbocheck questionnaire schema --out questionnaires/schema.json`; a test keeps it in step.
"""

from __future__ import annotations

import json

from arbocheck.core.questionnaire.model import QuestionnaireData


def json_schema() -> dict:
    schema = QuestionnaireData.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "arbocheck questionnaire",
        **schema,
    }


def dumps() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
