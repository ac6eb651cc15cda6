"""A lost enrolment code, replaced: a new one-time code for one employee of a registered campaign.

The register keeps no code, only the key K derived from it (campaign.py); reissuing replaces that
employee's K and records a chained `code_reissued` event with the check of the new K and of the
one it replaces, so `register verify` holds the kept K against the newest recorded check. From
then on the old code enrols nobody: its proof does not fit the new K. A code that was used
already (the employee handed in with it) is not replaced: the key it pinned stays theirs.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, insert, select

from arbocheck.core.employer.schema import campaign_employees, campaigns, enrolment_keys, events
from arbocheck.core.trust.campaign import CampaignError, enrolment_key, key_check, new_code

REISSUED = "code_reissued"


def key_checks(conn) -> dict[tuple[str, str], str]:
    """{(campaign_id, employee_id): the check of the K that should be kept}: the registered one,
    replaced by each reissue in the order they were recorded."""
    out = {(c, e): k for c, e, k in conn.execute(select(campaign_employees.c.campaign_id,
                                                        campaign_employees.c.employee_id,
                                                        campaign_employees.c.key_check))}
    for c, e, body in conn.execute(select(events.c.campaign_id, events.c.employee_id, events.c.body)
                                   .where(events.c.kind == REISSUED).order_by(events.c.seq)):
        try:
            out[(c, e)] = str(json.loads(body)["key_check"])
        except (ValueError, KeyError, TypeError):
            continue
    return out


def reissue(reg, campaign_id: str, employee_id: str, note: str = "") -> str:
    """A new code for this employee (returned, never stored); the old one is burned. Raises
    CampaignError: no such campaign or employee, the campaign is closed, the code was used."""
    from arbocheck.core.trust.identity import EmployeeIdError, normalise

    try:
        eid = normalise(employee_id)
    except EmployeeIdError as e:
        raise CampaignError("codes.not_in_campaign", id=repr(employee_id), campaign=campaign_id) from e
    code = new_code()
    key = enrolment_key(code, campaign_id, eid)  # scrypt (about 80 ms) before the writers' lock
    with reg.write() as conn:
        if not conn.execute(select(campaigns.c.seq).where(campaigns.c.campaign_id == campaign_id)).first():
            raise CampaignError("campaign.unknown", id=campaign_id)
        if conn.execute(select(events.c.seq).where(events.c.kind == "campaign_closed",
                                                   events.c.campaign_id == campaign_id)).first():
            raise CampaignError("codes.closed", id=campaign_id)
        if not conn.execute(select(campaign_employees.c.seq).where(campaign_employees.c.campaign_id == campaign_id,
                                                                   campaign_employees.c.employee_id == eid)).first():
            raise CampaignError("codes.not_in_campaign", id=eid, campaign=campaign_id)
        if conn.execute(select(events.c.seq).where(events.c.kind == "code_burned", events.c.campaign_id == campaign_id,
                                                   events.c.employee_id == eid)).first():
            raise CampaignError("codes.used", id=eid)
        old = key_checks(conn).get((campaign_id, eid), "")
        conn.execute(delete(enrolment_keys).where(enrolment_keys.c.campaign_id == campaign_id,
                                                  enrolment_keys.c.employee_id == eid))
        conn.execute(insert(enrolment_keys).values(campaign_id=campaign_id, employee_id=eid, key=key.hex()))
        reg.add_event(conn, REISSUED, campaign_id, eid, {"key_check": key_check(key), "replaces": old, "note": note})
    return code
