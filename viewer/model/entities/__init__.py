"""Entity extraction: spaCy NER grouped into people, organisations, places and dates, with roles and quotes."""

from viewer.model.entities.extract import extract_entities, extract_many, extract_texts
from viewer.model.entities.names import name_key, name_keys
from viewer.model.entities.pipeline import DEFAULT_MODEL, ModelNotFound, load_pipeline

__all__ = [
    "DEFAULT_MODEL",
    "ModelNotFound",
    "extract_entities",
    "extract_many",
    "extract_texts",
    "load_pipeline",
    "name_key",
    "name_keys",
]
