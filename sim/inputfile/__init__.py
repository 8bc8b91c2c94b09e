"""Hostile-input-proof loading of user-facing YAML files into pydantic models.

Scenario, rubric and experiment files are written by trainers and students, so every
failure must come back as ``FILE:LINE: key: message`` lines, never as a traceback.
The YAML is composed into a node tree with PyYAML's safe loader and turned into plain
Python data here, so that we can (a) remember the line of every value for pydantic's
error locations, (b) reject duplicate keys, non-string keys, unknown tags and alias
bombs, and (c) apply ``--set dotted.key=VALUE`` overrides before validation.

By idea: `problems` (Problem, InputFileError), `strict_yaml` (the reader), `overrides`
(``--set``), `validation` (pydantic errors as problems) and `loading` (the two entry
points, `load_yaml_text` and `load_yaml_model`).
"""

from sim.inputfile.loading import MAX_BYTES, load_yaml_model, load_yaml_text
from sim.inputfile.overrides import apply_overrides, parse_override
from sim.inputfile.problems import OVERRIDE_SOURCE, InputFileError, Problem, check_options
from sim.inputfile.strict_yaml import MAX_DEPTH, MAX_NODES
from sim.inputfile.validation import unwrap_annotation

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "OVERRIDE_SOURCE",
    "InputFileError",
    "Problem",
    "apply_overrides",
    "check_options",
    "load_yaml_model",
    "load_yaml_text",
    "parse_override",
    "unwrap_annotation",
]
