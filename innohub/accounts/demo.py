"""Demo: one sign-in per role, printed by `innohub run`."""

from innohub.accounts.models import RoleKind, User
from innohub.accounts.services import role_grant
from innohub.common.demo import DemoContext
from innohub.directory.models import Person

# role, username, what the account can do
DEMO_USERS: list[tuple[str, str, str]] = [
    ("superuser", "admin", "superuser: everything, including /admin/"),
    ("network_admin", "network", "network admin: every hub of the Yangtze River Delta network"),
    ("hub_staff", "staff", "hub operator of CIIH Shanghai"),
    (
        "hub_staff_b",
        "jiangsu",
        "hub operator of the Jiangsu platform (no access to Shanghai's private data)",
    ),
    ("ip_officer", "ipofficer", "IP officer of the Putuo IP bureau at CIIH Shanghai"),
    ("member", "member", "member: represents Ai-Care Medical Technology"),
    ("member_b", "mantis", "member: represents Mantis Vision"),
    ("investor", "investor", "investor: Shengjing Peakview Capital"),
    ("judge", "judge", "contest judge at CIIH Shanghai"),
    (
        "provider",
        "visadesk",
        "service provider: Sino-Israel Talent & Visa Services (work permits), writes Chinese",
    ),
    ("provider_b", "lawdesk", "service provider: Jade River Law Offices (legal review)"),
]


def _user(ctx: DemoContext, username: str, display: str, language: str, **flags: bool) -> User:
    user = User.objects.create(
        username=username,
        password=ctx.password_hash,
        email=f"{username}@demo.innohub.local",
        display_name=display,
        language=language,
        **flags,
    )
    ctx.users[username] = user
    return user


def load(ctx: DemoContext) -> None:
    ciih, jiangsu = ctx.hubs["ciih"], ctx.hubs["jiangsu"]
    _user(ctx, "admin", "Administrator", "en", is_staff=True, is_superuser=True)
    role_grant(user=_user(ctx, "network", "Network office", "zh-hans"), kind=RoleKind.NETWORK_ADMIN)
    staff = _user(ctx, "staff", "Qiang Hao", "zh-hans")
    role_grant(user=staff, kind=RoleKind.HUB_STAFF, hub=ciih)
    Person.objects.filter(pk=ctx.people["qiang-hao"].pk).update(user=staff)
    role_grant(
        user=_user(ctx, "jiangsu", "Jiangsu platform desk", "zh-hans"),
        kind=RoleKind.HUB_STAFF,
        hub=jiangsu,
    )
    role_grant(
        user=_user(ctx, "ipofficer", "Putuo IP desk", "zh-hans"), kind=RoleKind.IP_OFFICER, hub=ciih
    )
    role_grant(
        user=_user(ctx, "member", "Ai-Care Medical Technology", "en"),
        kind=RoleKind.MEMBER,
        organisation=ctx.orgs["ai-care"],
    )
    mantis = _user(ctx, "mantis", "Chen Ling", "en")
    role_grant(user=mantis, kind=RoleKind.MEMBER, organisation=ctx.orgs["mantis"])
    Person.objects.filter(pk=ctx.people["chen-ling"].pk).update(user=mantis)
    role_grant(
        user=_user(ctx, "investor", "Shengjing Peakview Capital", "zh-hans"),
        kind=RoleKind.INVESTOR,
        organisation=ctx.orgs["peakview"],
    )
    role_grant(user=_user(ctx, "judge", "Contest judge", "he"), kind=RoleKind.JUDGE, hub=ciih)
