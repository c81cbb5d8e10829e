"""Static files storage for production: whitenoise's compressed manifest storage, forgiving.

Django's manifest storage raises ValueError for a file that was never collected, which turns
every page that links it into a 500 (as happened before ``collectstatic`` had run). A missing
file is a deployment mistake worth a log line, not an outage: the page links the plain name.
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:
            logger.warning("Static file %s is not collected; run manage.py collectstatic", name)
            return name
