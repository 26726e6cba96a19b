"""Generated models, one module per agent and service version; do not edit by hand.

Regenerate with ``python -m codegen``. Modules are imported on first use
(``superoffice_email._schema.load``), never all at once. Each states its ``AGENT``,
``VERSION``, ``NAMESPACE``, ``SOAP_ACTION_PREFIX``, ``PREFIXES`` and headers.
"""

#: the EMail agent's versions
VERSIONS: tuple[str, ...] = ('Services73', 'Services75', 'Services80', 'Services81', 'Services82', 'Services83', 'Services84', 'Services85', 'Services86', 'Services87', 'Services88',)

#: (agent, version) -> the module in this package; version "" for a service outside
#: NetServer's versions (PartnerSystemUserService)
MODULES: dict[tuple[str, str], str] = {
    ('Batch', 'Services84'): 'services84_batch',
    ('Batch', 'Services85'): 'services85_batch',
    ('Batch', 'Services86'): 'services86_batch',
    ('Batch', 'Services87'): 'services87_batch',
    ('Batch', 'Services88'): 'services88_batch',
    ('EMail', 'Services73'): 'services73',
    ('EMail', 'Services75'): 'services75',
    ('EMail', 'Services80'): 'services80',
    ('EMail', 'Services81'): 'services81',
    ('EMail', 'Services82'): 'services82',
    ('EMail', 'Services83'): 'services83',
    ('EMail', 'Services84'): 'services84',
    ('EMail', 'Services85'): 'services85',
    ('EMail', 'Services86'): 'services86',
    ('EMail', 'Services87'): 'services87',
    ('EMail', 'Services88'): 'services88',
    ('PartnerSystemUserService', ''): 'partnersystemuserservice',
    ('SoPrincipal', 'Services73'): 'services73_soprincipal',
    ('SoPrincipal', 'Services75'): 'services75_soprincipal',
    ('SoPrincipal', 'Services80'): 'services80_soprincipal',
    ('SoPrincipal', 'Services81'): 'services81_soprincipal',
    ('SoPrincipal', 'Services82'): 'services82_soprincipal',
    ('SoPrincipal', 'Services83'): 'services83_soprincipal',
    ('SoPrincipal', 'Services84'): 'services84_soprincipal',
    ('SoPrincipal', 'Services85'): 'services85_soprincipal',
    ('SoPrincipal', 'Services86'): 'services86_soprincipal',
    ('SoPrincipal', 'Services87'): 'services87_soprincipal',
    ('SoPrincipal', 'Services88'): 'services88_soprincipal',
}
