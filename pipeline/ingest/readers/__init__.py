"""Built-in readers, one module per format; importing this package registers them all.

Add a format by writing a module here that calls `pipeline.ingest.registry.register` and importing it below.
"""

from pipeline.ingest.readers import text  # noqa: F401
