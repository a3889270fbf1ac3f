"""Built-in readers, one module per format; importing this package registers them all.

Add a format by writing a module here that calls `pipeline.ingest.registry.register` and importing it below.
"""

import pipeline.ingest.readers.docx  # noqa: F401
import pipeline.ingest.readers.parlamint  # noqa: F401
import pipeline.ingest.readers.srt  # noqa: F401
import pipeline.ingest.readers.stt_json  # noqa: F401
import pipeline.ingest.readers.vtt  # noqa: F401
from pipeline.ingest.readers import text  # noqa: F401
