"""The founding scenario as demo data: September 2008, two US proposals for the November 2008
Canberra Plenary (machine tools; technical outreach), previewed with Brazil and South Africa
under "C/REL Brazil/South Africa" with feedback due 29 September 2008, to be circulated to all
partners through the French Point of Contact in early October.

Texts are illustrative, written for catchall from the founding brief; they are not historical
records. Everything goes through the services (audited, validated), and loading twice changes
nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

PASSWORD = "demo"
SCENARIO_MARK = "23rd Plenary, Canberra"
DECL = {"declass_on": dt.date(2033, 9, 30), "declass_reason": "1.4(b), (d)"}
USERS = [
    # username, role, organisation, kind, country, full name
    (
        "demo-delegate",
        "delegate",
        "United States delegation to the MTCR",
        "partner_government",
        "US",
        "Dana Delegate",
    ),
    (
        "demo-partner-br",
        "partner_delegate",
        "Brazil delegation to the MTCR",
        "partner_government",
        "BR",
        "Bruno Partner",
    ),
    (
        "demo-partner-za",
        "partner_delegate",
        "South Africa delegation to the MTCR",
        "partner_government",
        "ZA",
        "Zanele Partner",
    ),
    (
        "demo-poc",
        "point_of_contact",
        "MTCR Point of Contact (French Ministry of Foreign Affairs)",
        "point_of_contact",
        "FR",
        "Pierre Point-of-Contact",
    ),
    (
        "demo-guest",
        "outreach_guest",
        "Kazakhstan Ministry of Foreign Affairs",
        "non_partner_government",
        "KZ",
        "Gulnara Guest",
    ),
]
REL = "(C/REL Brazil/South Africa)"
MACHINE_TOOLS = f"""1. (U) The United States proposes that the Canberra Plenary agree measures on high-precision machine tools, which feed indigenous missile programs in regions of tension although most such machines are not on the MTCR Annex.

2. {REL} When a licence for a machine tool is reviewed, partners would make its potential missile application part of the risk assessment.

3. {REL} Partners would use catch-all controls for unlisted machine tools destined for missile programs of concern: the authority informs the exporter, and a licence becomes required.

4. {REL} Partners would share best practices, information-exchange and enforcement papers on machine tools and on procurement and interdiction cases.

5. {REL} The Plenary would task the Technical Experts Meeting with identifying which machine-tool types are useful for missiles (flow-forming, filament winding, five-axis machining, isostatic presses)."""
OUTREACH = f"""1. (U) The United States proposes a technical outreach meeting for interested non-partners to explain the changes to the Annex and the Guidelines adopted at Canberra.

2. {REL} The meeting would be held in Paris right after the 2009 Reinforced Point of Contact meeting, so that partners' experts are at hand.

3. {REL} Invitees would be the countries with pending membership applications and the agreed outreach destinations; the 2009 Plenary would evaluate the meeting and decide whether to hold another."""


def _users() -> dict:
    from django.contrib.auth import get_user_model

    from catchall.web.accounts.models import Organisation, Profile

    out = {}
    for username, role, org, kind, country, name in USERS:
        organisation, _ = Organisation.objects.get_or_create(
            name=org, defaults={"kind": kind, "country": country}
        )
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": name.split()[0], "last_name": name.split()[-1]},
        )
        if created or not user.has_usable_password():
            user.set_password(PASSWORD)
            user.save()
        Profile.objects.get_or_create(
            user=user, defaults={"role": role, "organisation": organisation}
        )
        out[username] = user
    return out


def _proposals(u) -> None:
    from catchall.web.regime.services import exchanges as ex
    from catchall.web.regime.services import proposals as ps

    common = {"plenary": SCENARIO_MARK, "plenary_date": dt.date(2008, 11, 5), **DECL}
    mt = ps.proposal_create(
        actor=u["demo-delegate"],
        type="policy",
        dated=dt.date(2008, 9, 10),
        title="(U) Machine tools: missile applications in licence reviews, catch-all and best practices",
        body=MACHINE_TOOLS,
        **common,
    )
    out = ps.proposal_create(
        actor=u["demo-delegate"],
        type="outreach",
        dated=dt.date(2008, 9, 10),
        title="(U) Technical outreach to non-partners after the 2009 RPOC",
        body=OUTREACH,
        **common,
    )
    for p in (mt, out):
        ps.proposal_preview(
            actor=u["demo-delegate"],
            proposal=p,
            release_list=["Brazil", "South Africa"],
            feedback_deadline=dt.date(2008, 9, 29),
            today=dt.date(2008, 9, 12),
        )
    ex.feedback_add(
        actor=u["demo-partner-br"],
        proposal=mt,
        received_on=dt.date(2008, 9, 24),
        body="(C//REL TO USA, BRA) Brazil supports paragraphs 2 to 4 and asks that the tasking "
        "in paragraph 5 name the technical experts' deliverable and its date.",
        **DECL,
    )
    ex.feedback_add(
        actor=u["demo-partner-za"],
        proposal=out,
        received_on=dt.date(2008, 9, 26),
        body="(C//REL TO USA, ZAF) South Africa supports the meeting and suggests inviting "
        "adherents as well as applicants.",
        **DECL,
    )
    posts = [
        (
            "Embassy Brasilia",
            "BR",
            "Ministry of External Relations, Division of Disarmament and Sensitive Technologies",
        ),
        (
            "Embassy Pretoria",
            "ZA",
            "Department of Foreign Affairs, Non-Proliferation and Disarmament",
        ),
    ]
    for post, country, office in posts:
        ex.action_request_create(
            actor=u["demo-delegate"],
            proposal=mt,
            post=post,
            host_country=country,
            host_office=office,
            reply_by=dt.date(2008, 9, 29),
            talking_points="(C//NOFORN) Deliver the machine-tool proposal; stress that catch-all "
            "is about programs of concern, not trade in general; ask for comments by 29 September.",
            **DECL,
        )


def _library(u) -> None:
    from catchall.web.regime.services.documents import document_create

    papers = [
        dict(
            kind="best_practice",
            dated=dt.date(2008, 6, 2),
            tag_kinds=["machine_tool.milling"],
            tag_entries=["2B001.b.2", "2B201.a"],
            title="(U) Weighing missile relevance in machine-tool licence reviews",
            body="(U) Ask what the machine will make, not only what it can do: five-axis machining "
            "centres make guidance housings and turbopump parts.\n\n(U) Compare the stated "
            "positioning accuracy with the edition of ISO 230-2 the threshold refers to.",
        ),
        dict(
            kind="information_exchange",
            dated=dt.date(2008, 5, 20),
            tag_kinds=["machine_tool.flow_forming"],
            tag_entries=["2B109.a"],
            title="(U) Flow-forming machines and solid rocket motor cases",
            body="(U) Flow-forming machines make thin-walled motor cases and nozzle parts.\n\n"
            "(Confidential/Rel MTCR Countries) Procurement agents have asked for three-roller "
            "machines with contouring control through trading companies.",
        ),
        dict(
            kind="case_summary",
            dated=dt.date(2008, 3, 14),
            tag_kinds=["machine_tool.milling"],
            tag_entries=["2B001.b.2"],
            title="(C//REL TO USA, GBR) Interdiction of a five-axis machining centre",
            body="(C//REL TO USA, GBR) A five-axis machining centre declared for a mould maker was "
            "stopped in transit; the end user was a missile program's front company.\n\n"
            "(U) Lesson: verify the end user's production before approving.",
        ),
        dict(
            kind="enforcement",
            dated=dt.date(2008, 7, 1),
            tag_kinds=["machine_tool"],
            tag_entries=[],
            title="(U) Catch-all inform letters for unlisted machine tools",
            body="(U) An authority that informs an exporter makes a licence required for that "
            "export.\n\n(C//REL TO MTCR) Partners report a rise in enquiries for unlisted "
            "precision lathes from programs of concern.",
        ),
    ]
    for p in papers:
        document_create(actor=u["demo-delegate"], **p, **DECL)


def _meeting(u) -> None:
    from catchall.web.regime.services.outreach import meeting_create

    meeting_create(
        actor=u["demo-poc"],
        title="Technical outreach meeting on the Canberra changes (demo)",
        date=dt.date(2009, 4, 16),
        place="Paris",
        after_event="Reinforced Point of Contact meeting (RPOC) 2009",
        next_plenary="2009 Plenary",
    )
    meeting_create(
        actor=u["demo-poc"],
        title="Briefing on the 2B201 accuracy restatement (demo)",
        date=dt.date(2024, 4, 18),
        place="Paris",
        after_event="Reinforced Point of Contact meeting",
        old_version="eu-dual-use@2022-10",
        new_version="eu-dual-use@2023-12",
        next_plenary="next Plenary",
    )


def load_regime_demo() -> list[str]:
    """Create the demo users and the 2008 scenario once; return the lines to print."""
    from catchall.web.regime.models import Proposal

    with transaction.atomic():
        users = _users()
        if not Proposal.objects.filter(plenary=SCENARIO_MARK).exists():
            _proposals(users)
            _library(users)
            _meeting(users)
    return [
        "Regime workbench demo (the September 2008 scenario): http://127.0.0.1:8000/regime/",
        "  demo-delegate (US delegate), demo-partner-br (Brazil), demo-partner-za (South Africa),",
        "  demo-poc (French Point of Contact), demo-guest (Kazakhstan, outreach guest); password: demo",
        "  Walk-through: South Africa gives feedback on the machine-tool proposal; the delegate",
        "  answers, re-marks it 'Confidential/Rel MTCR Countries' and closes the preview; the Point",
        "  of Contact circulates it and records the Plenary's decision. See docs/regime.md.",
    ]
