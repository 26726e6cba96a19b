"""A golden-file test of your own: the request your code builds, against a file under review.

Run it with ``pytest examples/golden_file_test.py``. When the envelope changes on purpose,
``pytest examples/golden_file_test.py --superoffice-update-golden`` rewrites the golden file
(secrets scrubbed) and the diff shows up in review.
"""

from pathlib import Path

import superoffice_email as so
from superoffice_email.testing import assert_envelope_equal

GOLDEN = Path(__file__).parent / "golden"


def test_refresh_folder_request() -> None:
    m = so.models("Services88")
    info = m.EMailConnectionInfo(
        server_name="imap.example.com",
        user_name="ann@example.com",
        password="s3cret",  # scrubbed from the golden file
        folder="INBOX",
        use_ssl=True,
        use_graph_api=False,
    )
    envelope = so.build_request(
        "Services88", "RefreshFolder", connection_info=info, folders=["INBOX"], layout="wire"
    )
    assert_envelope_equal(envelope, GOLDEN / "refresh_folder.request.xml")
