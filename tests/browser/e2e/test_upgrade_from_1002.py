"""A site created before the package's layout changed (profile 1002) is served unchanged by the new code.

The fixture is the demo site made by `make start` with the code of profile 1002: its séance of
December was sent, one official acknowledged and answered, another acknowledged. Its database
holds journals and the readers' groups plugin pickled under their old class paths.
"""

from collective.convocation.operations.reader_groups import GROUP_PREFIX
from pathlib import Path

import pytest
import requests
import tarfile


FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "site-1002.tar.gz"
SEANCE = "saint-demo/conseil-municipal/conseil-municipal-du-15-decembre-2026"
AGENT = ("camille.besson@saint-demo", "Saint-Demo-2026")
JSON = {"Accept": "application/json"}


def readers_groups(instance, userid):
    user = requests.get(
        f"{instance.url}/@users/{userid}", auth=("admin", "admin"), headers=JSON, timeout=60
    ).json()
    return [
        group["id"] for group in user["groups"]["items"] if group["id"].startswith(GROUP_PREFIX)
    ]


@pytest.mark.slow
def test_a_site_of_1002_keeps_its_proof_and_takes_new_answers(tmp_path, make_start):
    folder = tmp_path / "instance"
    (folder / "var").mkdir(parents=True)
    with tarfile.open(FIXTURE) as archive:
        archive.extractall(folder / "var", filter="data")
    seals = folder / "var" / "journal-seals"
    instance = make_start(folder, env={"CONVOCATION_SEALS": str(seals)})
    instance.start()
    try:
        seance = f"{instance.url}/{SEANCE}"
        journal = requests.get(f"{seance}/@journal", auth=AGENT, headers=JSON, timeout=60).json()
        assert journal["verification"]["valid"] is True
        assert journal["verification"]["checked"] == 23
        assert journal["verification"]["message"].startswith("La chaîne est intacte : 23 ")

        tracking = requests.get(f"{seance}/@tracking", auth=AGENT, headers=JSON, timeout=60).json()
        assert tracking["counts"]["received"] == 2

        # A third official acknowledges with the new code: the old journal takes the entry.
        official = ("amelie.roussel@saint-demo", "Saint-Demo-2026")
        uid = requests.get(seance, auth=AGENT, headers=JSON, timeout=60).json()["UID"]
        assert GROUP_PREFIX + uid not in readers_groups(instance, official[0])
        receipt = f"{seance}/convocation-amelie-roussel-saint-demo/@receipt"
        assert requests.post(receipt, auth=official, headers=JSON, timeout=60).status_code == 200
        tracking = requests.get(f"{seance}/@tracking", auth=AGENT, headers=JSON, timeout=60).json()
        assert tracking["counts"]["received"] == 3
        received = {row["userid"] for row in tracking["recipients"] if row["received_at"]}
        assert official[0] in received
        # Her receipt puts her in the séance's readers group, through the plugin stored by 1002.
        assert GROUP_PREFIX + uid in readers_groups(instance, official[0])
        journal = requests.get(f"{seance}/@journal", auth=AGENT, headers=JSON, timeout=60).json()
        assert journal["verification"]["valid"] is True
        assert journal["verification"]["checked"] == 24
        assert journal["items"][-1]["kind"] == "receipt"
    finally:
        instance.stop()
