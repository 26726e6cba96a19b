"""Generated models, one module per service version; do not edit by hand.

Regenerate with ``python -m codegen``. Modules are imported on
first use (``superoffice_email._schema.load``), never all at once.
"""

VERSIONS: tuple[str, ...] = ('Services73', 'Services75', 'Services80', 'Services81', 'Services82', 'Services83', 'Services84', 'Services85', 'Services86', 'Services87', 'Services88',)
