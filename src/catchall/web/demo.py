"""Demo data, loaded only on request by ``catchall serve --demo`` (``./run.sh``; idempotent).

One user per role (password "demo"), two exporting companies, and example cases in several
workflow states. Returns the lines to print, so a newcomer knows how to log in. Loading it sets
the ``demo_data`` flag; only then does the login page list the demo accounts.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

PASSWORD = "demo"
DEMO_FLAG = "demo_data"
AUTHORITY = ("Federal Export Control Office (demo)", "authority", "DE")
EXPORTERS = [
    ("Neckar Umformtechnik GmbH", "exporter", "DE"),
    ("Rhein Praezision AG", "exporter", "DE"),
]
USERS = [
    ("demo-exporter", "exporter", 0, "Erika Exporter"),
    ("demo-exporter2", "exporter", 1, "Otto Other-Exporter"),
    ("demo-officer", "licensing_officer", None, "Lena Licensing"),
    ("demo-expert", "technical_expert", None, "Theo Technical"),
    ("demo-senior", "senior_officer", None, "Sabine Senior"),
    ("demo-liaison", "partner_liaison", None, "Paul Liaison"),
    ("demo-admin", "administrator", None, "Ada Admin"),
]
# The first exporter's compliance officer also administers its organisation's account, so the
# API tokens page (/account/tokens/) can be tried; the second company's officer cannot.
ORG_ADMINS = ("demo-exporter",)


def _org(name, kind, country):
    from catchall.web.accounts.models import Organisation

    org, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "country": country}
    )
    return org


def ensure_user(username: str, role: str, org, full_name: str = "", password: str = PASSWORD):
    from catchall.web.accounts.models import Profile

    User = get_user_model()
    user, created = User.objects.get_or_create(username=username)
    if created:
        first, _, last = full_name.partition(" ")
        user.first_name, user.last_name = first, last
        # Deliberately not run through AUTH_PASSWORD_VALIDATORS: "demo" is far too weak for a
        # real account, and that is the point of opt-in demo data meant for trying catchall out.
        user.set_password(password)
        user.is_superuser = user.is_staff = role == "administrator"
        user.save()
    Profile.objects.get_or_create(
        user=user, defaults={"role": role, "organisation": org, "team": "licensing"}
    )
    return user


@transaction.atomic
def load_users() -> dict:
    from catchall.web.accounts.models import Profile

    authority = _org(*AUTHORITY)
    exporters = [_org(*e) for e in EXPORTERS]
    users = {}
    for username, role, org_index, name in USERS:
        org = exporters[org_index] if org_index is not None else authority
        users[username] = ensure_user(username, role, org, name)
    Profile.objects.filter(user__username__in=ORG_ADMINS, role="exporter").update(org_admin=True)
    return users


def load_cases(users: dict) -> int:
    from importlib import resources

    import yaml

    from catchall.web.cases.models import Case
    from catchall.web.cases.services import case_act, case_create

    if Case.objects.exists():
        return 0
    raw = yaml.safe_load(
        (resources.files("catchall") / "data" / "demo" / "applications.yaml").read_text(
            encoding="utf-8"
        )
    )
    made = 0
    for entry in raw:
        status = entry.pop("status")
        case = case_create(actor=users["demo-exporter"], data=entry)
        if status in ("submitted", "under_review"):
            case_act(case, "submit", actor=users["demo-exporter"])
        if status == "under_review":
            case_act(case, "start_review", actor=users["demo-officer"])
        made += 1
    return made


def load_demo(base_url: str = "http://127.0.0.1:8000") -> list[str]:
    """Load everything (idempotent) and return what a newcomer needs to know to start."""
    from catchall.web.core.models import InstallationFlag
    from catchall.web.screening.services import ensure_starter_list

    ensure_starter_list()
    users = load_users()
    InstallationFlag.objects.get_or_create(name=DEMO_FLAG)
    made = load_cases(users)
    extra = []
    try:
        from catchall.web.regime.demo import load_regime_demo

        extra = [line.replace("http://127.0.0.1:8000", base_url) for line in load_regime_demo()]
    except ImportError:
        pass
    accounts = "\n".join(f"    {u:<18} {role}" for u, role in demo_users_listing())
    return [
        f"Demo users (password for all: {PASSWORD}):",
        accounts,
        f"Demo cases created: {made}" if made else "Demo cases already present.",
        *extra,
        f"Log in at {base_url}/login/ ; classify without logging in at {base_url}/classify/ ; API docs at {base_url}/api/docs",
    ]


def demo_data_loaded() -> bool:
    from catchall.web.core.models import InstallationFlag

    return InstallationFlag.objects.filter(name=DEMO_FLAG).exists()


def demo_users_listing() -> list[tuple[str, str]]:
    """(username, role) of the demo users, for the login page; none unless demo data was loaded
    (a real installation may well have accounts named demo-something)."""
    if not demo_data_loaded():
        return []
    users = (
        get_user_model()
        .objects.filter(profile__isnull=False, username__startswith="demo-")
        .select_related("profile")
    )
    return [
        (
            u.username,
            u.profile.get_role_display()
            + (", its organisation's administrator" if u.profile.org_admin else ""),
        )
        for u in users.order_by("username")
    ]
