"""Page-speed benchmark (quality.md §4): every page as a ratio R = rps(page) / rps(floor), taken in one run.

For each scale of BENCH_SCALES, on a database of its own on the embedded server (dropped and made again; never
the development database nor the test one): migrate, `manage.py bench_data --scale N`, then gunicorn with
production settings (sync workers, persistent connections, cached template loader), a coordinator logged in
through the login form, and for each page a warm-up then rounds of `wrk` alternating the floor view and the
page. Prints R (median, min–max), p50/p95, the search query plans (EXPLAIN ANALYZE) and, with two scales,
p50(largest) / p50(smallest), each next to its target. Start it with scripts/bench or `make bench`.
The detail pages measured (a structure, a fiche action, a working group, a meeting) and the calendar's month are
chosen by SETUP in the generated data: the fullest of each, the busiest month.

Environment: BENCH_SCALES ("1 100"), BENCH_DURATION (10 s per wrk run), BENCH_WARMUP (3 s), BENCH_ROUNDS (5),
BENCH_CONNECTIONS (8), BENCH_WORKERS (2 × cores), BENCH_PAUSE (1 s between wrk runs, for the workers to finish
their last requests), BENCH_DATABASE ("bench_solidarites"), BENCH_KEEP_DATABASE (false), EMBEDDED_PG_DIR,
BENCH_PAGES (comma-separated pieces of page labels, case and accents ignored: only the pages whose label contains
one of them are measured, e.g. BENCH_PAGES="programme,axe,cartographie,couverture,rapprochements"; all by default).
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
ACCOUNT = "coordination.mesures@example.org"
FLOOR = "/_perf/floor/"
FLOOR_TOLERANCE = 0.05  # a round whose floor is further than this from the page's median floor is discarded
SCALE_TARGET = 1.5  # p50 at the largest scale ≤ 1.5 × p50 at the smallest
SEARCH = "mision locale"  # the directory's search, with a typo
SHEET_SEARCH = "décrochage"  # the fiches' full-text search
CONDITIONS = ("Filter:", "Join Filter:", "Index Cond:", "Recheck Cond:")  # plan lines that apply a condition
INDEX_SCAN = re.compile(r"Index (?:Only )?Scan (?:using|on) (\w+)")  # the index a plan node reads

# (label, path, kind of page, target R from quality.md §4). A {name} in the path is filled with the object or month
# that SETUP picked in the generated data ("targets" of its facts).
ALL_PAGES = [
    ("Accueil", "/", "accueil", None),
    ("Mon espace", "/mon-espace/", "tableau de bord", 0.5),
    ("Annuaire : liste", "/annuaire/", "liste", 0.25),
    (f"Annuaire : recherche « {SEARCH} »", f"/annuaire/?{urlencode({'q': SEARCH})}", "recherche", 0.2),
    ("Fiche d'une structure", "/annuaire/{structure}/", "fiche", 0.5),
    ("Interlocuteurs : liste", "/annuaire/interlocuteurs/", "liste", 0.25),
    ("Fiches : liste", "/fiches/", "liste", 0.25),
    (f"Fiches : recherche « {SHEET_SEARCH} »", f"/fiches/?{urlencode({'q': SHEET_SEARCH})}", "recherche", 0.2),
    ("Fiche action", "/fiches/{sheet}/", "fiche", 0.5),
    ("Groupe de travail", "/groupes/{group}/", "fiche", 0.5),
    # The current month has no generated meeting (they are in 2015–2017): the busiest month is shown instead.
    ("Calendrier", "/calendrier/?mois={month}", "liste", 0.25),
    ("Séance", "/seances/{meeting}/", "fiche", 0.5),
    # Tables of figures per group, meeting and structure, computed at each request: a list, not a dashboard of
    # cached fragments.
    ("Participation", "/seances/participation/", "liste", 0.25),
    # The programme (issue 10): the dashboard's figures are cached per audience until the data changes.
    ("Tableau de bord du programme", "/programme/", "tableau de bord", 0.5),
    ("Page d'un axe", "/axes/{axis}/", "fiche", 0.5),
    ("Cartographie des partenaires", "/programme/cartographie/", "liste", 0.25),
    ("Couverture des besoins", "/diagnostic/couverture/", "liste", 0.25),
    ("Rapprochements de fiches", "/programme/rapprochements/", "liste", 0.25),
]


def folded(text):
    """Lower case without accents, to match BENCH_PAGES against the labels."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def selected_pages(pages, wanted):
    """The pages whose label contains one of the comma-separated pieces of `wanted` (all when it is empty)."""
    pieces = [folded(piece.strip()) for piece in wanted.split(",") if piece.strip()]
    if not pieces:
        return pages
    chosen = [page for page in pages if any(piece in folded(page[0]) for piece in pieces)]
    if not chosen:
        sys.exit(f"BENCH_PAGES={wanted!r} ne désigne aucune page.")
    return chosen


PAGES = selected_pages(ALL_PAGES, os.environ.get("BENCH_PAGES", ""))

# Run by `manage.py shell` in the production environment: the coordinator who logs in, the objects whose pages are
# measured (the active structure with the most interlocutors, the fiche with the most lines and text, the group
# with the most members and meetings, the meeting with the most invitations, the month with the most meetings),
# the template loader in use and the plans of the search queries.
SETUP = r"""
import json, os
from functools import reduce
from operator import add
from zoneinfo import ZoneInfo
from django.db.models import Count, Q
from django.db.models.functions import Length, TruncMonth
from django.template import engines
from actionsheets.filters import SheetFilter
from actionsheets.models import ActionSheet
from partners.enums import Role
from partners.filters import ContactFilter, OrganisationFilter
from partners.models import Contact, Organisation, User
from workshops.models import Attendance, Meeting, WorkingGroup
from partners.models import Axis
from django.utils import timezone

user = User.objects.filter(email=os.environ["BENCH_ACCOUNT"]).first() or User(email=os.environ["BENCH_ACCOUNT"])
user.first_name, user.last_name, user.role = "Claire", "Mesures", Role.COORDINATOR
user.activated_at = user.activated_at or timezone.now()
user.set_password(os.environ["BENCH_PASSWORD"])
user.save()
structure = (
    Organisation.objects.filter(is_active=True).annotate(n=Count("contacts")).order_by("-n", "name").first()
)
texts = ["context", "general_objective", "operational_objectives", "expected_results", "description"]
sheet = (
    ActionSheet.objects.annotate(
        lines=Count("budget_lines", distinct=True) + Count("funding_lines", distinct=True)
        + Count("milestones", distinct=True) + Count("co_authors", distinct=True),
        text=reduce(add, [Length(name) for name in texts]),
    )
    .order_by("-lines", "-text", "pk")
    .first()
)
group = (
    WorkingGroup.objects.active()
    .annotate(
        member_count=Count("memberships", filter=Q(memberships__is_active=True), distinct=True),
        sessions=Count("meetings", distinct=True),
    )
    .order_by("-member_count", "-sessions", "name")
    .first()
)
meeting = (
    Meeting.objects.filter(status=Meeting.Status.SCHEDULED)
    .annotate(n=Count("invitations"))
    .order_by("-n", "starts_at", "pk")
    .first()
)
month = (
    Meeting.objects.order_by()
    .annotate(month=TruncMonth("starts_at", tzinfo=ZoneInfo("Europe/Paris")))
    .values("month")
    .annotate(n=Count("pk"))
    .order_by("-n", "month")
    .first()
)
axis = Axis.objects.active().annotate(n=Count("sheets")).order_by("-n", "position", "code").first()
searches = {
    "annuaire": OrganisationFilter(
        {"q": os.environ["BENCH_SEARCH"]}, user=user, queryset=Organisation.objects.visible_to(user).for_list()
    ).qs,
    "interlocuteurs": ContactFilter(
        {"q": os.environ["BENCH_SEARCH"]}, user=user, queryset=Contact.objects.visible_to(user).for_list()
    ).qs,
    "fiches": SheetFilter(
        {"q": os.environ["BENCH_SHEET_SEARCH"]},
        user=user,
        queryset=ActionSheet.objects.select_related("axis", "group", "pilot"),
    ).qs,
}
plans = {name: queryset[:25].explain(analyze=True).splitlines() for name, queryset in searches.items()}
engine = engines["django"].engine
loaders = [f"{type(loader).__module__}.{type(loader).__name__}" for loader in engine.template_loaders]
print("BENCH_JSON " + json.dumps({
    "targets": {
        "structure": structure.pk,
        "sheet": sheet.pk,
        "group": group.pk,
        "meeting": meeting.pk,
        "month": f"{month['month']:%Y-%m}",
        "axis": axis.code,
    },
    "names": {
        "structure": structure.name,
        "sheet": str(sheet),
        "group": group.name,
        "meeting": f"{meeting.title} ({meeting.n} invitations)",
        "month": f"{month['month']:%m/%Y} ({month['n']} séances)",
        "axis": f"{axis} ({axis.n} fiches)",
    },
    "structures": Organisation.objects.count(),
    "contacts": Contact.objects.count(),
    "groups": WorkingGroup.objects.count(),
    "meetings": Meeting.objects.count(),
    "attendance": Attendance.objects.count(),
    "sheets": ActionSheet.objects.count(),
    "plans": plans,
    "loaders": loaders,
}))
"""

WRK_SCRIPT = """
local cookies = {%s}
local next_cookie = 0
-- One session per connection's worth of traffic: each request takes the next session cookie in turn.
request = function()
  next_cookie = next_cookie %% #cookies + 1
  return wrk.format(nil, nil, {["Cookie"] = cookies[next_cookie]})
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("BENCH_WRK %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def setting(name, default, cast=int):
    value = os.environ.get(name)
    try:
        return default if value in (None, "") else cast(value)
    except ValueError:
        sys.exit(f"{name}={value!r} n'est pas valide.")


class Config:
    def __init__(self):
        self.scales = [int(s) for s in re.split(r"[\s,]+", os.environ.get("BENCH_SCALES", "1 100").strip()) if s]
        self.duration = setting("BENCH_DURATION", 10)
        self.warmup = setting("BENCH_WARMUP", 3)
        self.rounds = setting("BENCH_ROUNDS", 5)
        self.pause = setting("BENCH_PAUSE", 1.0, float)
        self.connections = setting("BENCH_CONNECTIONS", 8)
        self.workers = setting("BENCH_WORKERS", 2 * (os.cpu_count() or 1))
        self.database = os.environ.get("BENCH_DATABASE", "bench_solidarites")
        self.keep = os.environ.get("BENCH_KEEP_DATABASE", "").lower() in ("1", "true", "yes", "oui")
        self.pgdata = Path(os.environ.get("EMBEDDED_PG_DIR", str(ROOT / ".pgdata")))
        if not re.fullmatch(r"bench_[a-z0-9_]+", self.database):
            sys.exit("BENCH_DATABASE doit commencer par « bench_ » (lettres, chiffres, _) : elle est supprimée.")
        if not self.scales or min(self.scales) < 1 or min(self.duration, self.rounds, self.connections) < 1:
            sys.exit("BENCH_SCALES, BENCH_DURATION, BENCH_ROUNDS et BENCH_CONNECTIONS doivent être positifs.")


class Bench:
    def __init__(self, config, workdir):
        self.config = config
        self.workdir = workdir
        self.password = secrets.token_urlsafe(18)
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env.update(
            {
                "EMBEDDED_PG_DIR": str(config.pgdata),
                "EMBEDDED_PG_DATABASE": config.database,
                "EMAIL_DELIVERY": "memory",
                # The demo app (bench_data, the /_perf/floor/ page) even in production mode (DJANGO_DEBUG=false),
                # which refuses the embedded server by EMBEDDED_PG_DIR: it gets DATABASE_URL (reset_database).
                "DJANGO_DEMO_APP": "true",
                "LOG_LEVEL": "WARNING",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        self.dev_env = {**env, "DJANGO_DEBUG": "true"}
        self.prod_env = {
            **env,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_hex(32),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies without the Secure flag. Nothing else changes.
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DB_CONN_MAX_AGE": "60",
        }

    # --- database and data ----------------------------------------------------------------------------------
    def reset_database(self, drop_only=False):
        import psycopg2
        from psycopg2 import sql

        from solidarites import embedded_db

        host = embedded_db.start(self.config.pgdata, "postgres")["HOST"]
        # Production mode refuses the embedded server unless it is named by DATABASE_URL, like any other server.
        socket_dir = quote(host, safe="")
        self.prod_env["DATABASE_URL"] = f"postgres://{embedded_db.SUPERUSER}@{socket_dir}/{self.config.database}"
        connection = psycopg2.connect(host=host, user=embedded_db.SUPERUSER, dbname="postgres", connect_timeout=5)
        connection.autocommit = True
        name = sql.Identifier(self.config.database)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
                if not drop_only:
                    cursor.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(name))
        finally:
            connection.close()

    def manage(self, *args, env, capture=False):
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=capture, check=False
        )
        if result.returncode:
            if capture:
                sys.stderr.write(result.stdout + result.stderr)
            sys.exit(f"Échec de « manage.py {' '.join(args)} » (code {result.returncode}).")
        return result.stdout

    def prepare(self, scale):
        say(f"Base {self.config.database} : création, migrations, données à l'échelle {scale}…")
        self.reset_database()
        self.manage("migrate", "--noinput", "-v", "0", env=self.dev_env)
        self.manage("bench_data", "--scale", str(scale), env=self.dev_env)
        env = {**self.prod_env, "BENCH_ACCOUNT": ACCOUNT, "BENCH_PASSWORD": self.password, "BENCH_SEARCH": SEARCH}
        env["BENCH_SHEET_SEARCH"] = SHEET_SEARCH
        output = self.manage("shell", "-v", "0", "-c", SETUP, env=env, capture=True)
        line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
        return json.loads(line.removeprefix("BENCH_JSON "))

    # --- server and sessions --------------------------------------------------------------------------------
    def start_server(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        log = open(self.workdir / "gunicorn.log", "a")  # closed by stop_server()
        self.server = subprocess.Popen(
            [GUNICORN, "solidarites.wsgi:application", "--worker-class", "sync", "--workers", str(self.config.workers)]
            + ["--bind", f"127.0.0.1:{self.port}", "--timeout", "30", "--log-level", "warning"],
            cwd=ROOT,
            env=self.prod_env,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        self.server_log = log
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                sys.exit(f"gunicorn s'est arrêté ; voir {self.workdir / 'gunicorn.log'}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        sys.exit(f"gunicorn ne répond pas sur /healthz ; voir {self.workdir / 'gunicorn.log'}")

    def stop_server(self):
        if getattr(self, "server", None) and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        if getattr(self, "server_log", None):
            self.server_log.close()
        self.server = None

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return (
                response.status,
                response.getheader("Location"),
                response.msg.get_all("Set-Cookie") or [],
                (response.read().decode("utf-8", "replace")),
            )
        finally:
            connection.close()

    def log_in(self):
        """A real login through the form (CSRF token, Argon2, axes, session rotation): one session cookie."""
        status, _, cookies, page = self.request("GET", "/connexion/")
        csrf_cookie = next(cookie.split(";")[0] for cookie in cookies if cookie.startswith("csrftoken="))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode({"csrfmiddlewaretoken": token, "username": ACCOUNT, "password": self.password, "next": ""})
        headers = {"Cookie": csrf_cookie, "Content-Type": "application/x-www-form-urlencoded"}
        status, location, cookies, _ = self.request("POST", "/connexion/", body, headers)
        session = [cookie.split(";")[0] for cookie in cookies if cookie.startswith("sessionid=")]
        if status != 302 or not session:
            sys.exit(f"La connexion du coordinateur de mesure a échoué (code {status}).")
        return session[0]

    # --- measuring ------------------------------------------------------------------------------------------
    def check_page(self, path, cookie):
        status, location, _, page = self.request("GET", path, headers={"Cookie": cookie})
        if status != 200 or page.count("<h1") != 1:
            sys.exit(f"{path} répond {status} {location or ''} au lieu d'une page : mesure impossible.")

    def wrk(self, path, seconds):
        time.sleep(self.config.pause)  # let the workers finish the previous run's last requests
        command = ["wrk", "-t1", f"-c{self.config.connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
        command += ["-s", str(self.workdir / "sessions.lua"), f"http://127.0.0.1:{self.port}{path}"]
        result = subprocess.run(command, text=True, capture_output=True, check=False)
        with open(self.workdir / "wrk.log", "a") as log:
            log.write(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}\n")
        line = next((line for line in result.stdout.splitlines() if line.startswith("BENCH_WRK ")), None)
        if result.returncode or line is None:
            sys.exit(f"wrk a échoué sur {path} : {result.stderr.strip()}")
        requests, duration_us, p50_us, p95_us, bad_status, socket_errors = map(int, line.split()[1:])
        return {
            "rps": requests / (duration_us / 1e6),
            "p50": p50_us / 1000,
            "p95": p95_us / 1000,
            "errors": bad_status + socket_errors,
        }

    def measure_page(self, path, cookies):
        self.check_page(path, cookies[0])
        self.wrk(path, self.config.warmup)
        rounds = []
        for _ in range(self.config.rounds):
            rounds.append((self.wrk(FLOOR, self.config.duration), self.wrk(path, self.config.duration)))
        self.check_page(path, cookies[0])  # still logged in: no redirect to the login page was measured
        return rounds

    def run_scale(self, scale):
        facts = self.prepare(scale)
        names = facts["names"]
        say(f"Échelle {scale}× : {sizes(facts)}")
        say(
            f"Mesurés : la structure « {names['structure']} », la fiche « {names['sheet']} », "
            f"le groupe « {names['group']} », la séance « {names['meeting']} », le calendrier de {names['month']}, "
            f"l'axe « {names['axis']} »"
        )
        self.start_server()
        try:
            cookies = [self.log_in() for _ in range(self.config.connections)]
            (self.workdir / "sessions.lua").write_text(WRK_SCRIPT % ", ".join(json.dumps(c) for c in cookies))
            self.check_page(FLOOR, cookies[0])
            self.wrk(FLOOR, self.config.warmup)
            results = {}
            for label, path, _, _ in PAGES:
                path = path.format_map(facts["targets"])
                say(f"  {label} ({path})…")
                results[label] = summarise(self.measure_page(path, cookies))
        finally:
            self.stop_server()
        return facts, results


def summarise(rounds):
    """Median R over the rounds whose floor stays within 5 % of the median floor; p50/p95 of the page in ms.
    When no round is kept, the figures of every round are given, marked unreliable."""
    floor_median = statistics.median(floor["rps"] for floor, _ in rounds)
    kept = [(floor, page) for floor, page in rounds if abs(floor["rps"] / floor_median - 1) <= FLOOR_TOLERANCE]
    used = kept or rounds
    ratios = [page["rps"] / floor["rps"] for floor, page in used]
    return {
        "rounds": len(rounds),
        "kept": len(kept),
        "floor_rps": floor_median,
        "floor_spread": (max(f["rps"] for f, _ in rounds) - min(f["rps"] for f, _ in rounds)) / floor_median,
        "r": statistics.median(ratios),
        "r_min": min(ratios),
        "r_max": max(ratios),
        "rps": statistics.median(page["rps"] for _, page in used),
        "p50": statistics.median(page["p50"] for _, page in used),
        "p95": statistics.median(page["p95"] for _, page in used),
        "floor_p50": statistics.median(floor["p50"] for floor, _ in rounds),
        "errors": sum(floor["errors"] + page["errors"] for floor, page in rounds),
    }


def number(value, digits=2):
    return "–" if value is None else f"{value:.{digits}f}"


def verdict(value, target, at_least=True):
    if value is None or target is None:
        return ""
    return "atteinte" if (value >= target if at_least else value <= target) else "MANQUÉE"


def sizes(facts):
    return (
        f"{facts['structures']} structures, {facts['contacts']} interlocuteurs, {facts['groups']} groupes, "
        f"{facts['meetings']} séances, {facts['attendance']} présences, {facts['sheets']} fiches actions"
    )


def report_scale(scale, facts, results, config):
    say()
    say(f"### Échelle {scale}× ({sizes(facts)})")
    say()
    say("| Page | R médian | R min–max | p50 (ms) | p95 (ms) | rps | Cible R | Tours gardés |")
    say("|---|---|---|---|---|---|---|---|")
    for label, _, kind, target in PAGES:
        result = results[label]
        goal = f"≥ {target} ({kind}) {verdict(result['r'], target)}" if target else "– (pas de cible)"
        kept = f"{result['kept']}/{result['rounds']}"
        if not result["kept"]:
            kept += f" : NON FIABLE, témoin instable (écart {result['floor_spread']:.0%}), tous les tours affichés"
        elif result["kept"] < result["rounds"]:
            kept += f" (les autres : témoin à plus de 5 % de sa médiane ; écart total {result['floor_spread']:.0%})"
        if result["errors"]:
            kept += f", {result['errors']} erreurs"
        say(
            f"| {label} | {number(result['r'])} | {number(result['r_min'])}–{number(result['r_max'])} "
            f"| {number(result['p50'], 1)} | {number(result['p95'], 1)} | {number(result['rps'], 0)} | {goal} "
            f"| {kept} |"
        )
    floors = [result["floor_rps"] for result in results.values()]
    say()
    say(
        f"Page témoin {FLOOR} : {min(floors):.0f} à {max(floors):.0f} req/s selon la page mesurée à côté ; "
        f"p50 {statistics.median(r['floor_p50'] for r in results.values()):.1f} ms. "
        f"wrk -t1 -c{config.connections} -d{config.duration}s, {config.rounds} tours, "
        f"gunicorn {config.workers} workers sync."
    )
    report_plans(facts)


def search_nodes(lines):
    """The plan nodes that apply the search condition: [(node line, condition line)]."""
    nodes, node = [], None
    for line in lines:
        text = line.strip().removeprefix("->  ")
        if (" on " in text and "Scan" in text) or ("Join" in text and "(cost=" in text):
            node = text
        elif node and text.startswith(CONDITIONS) and "search" in text:
            nodes.append((node, text))
    return nodes


def report_plans(facts):
    say()
    say(
        f"Plans des recherches « {SEARCH} » (annuaire, interlocuteurs) et « {SHEET_SEARCH} » (fiches) "
        "(EXPLAIN ANALYZE, première page de 25) :"
    )
    for name, lines in facts["plans"].items():
        nodes = search_nodes(lines)
        # A sequential scan (parallel or not) filtering on the search text, or a join filtering rows read without
        # the index; the indexes are those whose scan applies the search condition.
        unindexed = [node for node, condition in nodes if "Seq Scan" in node or condition.startswith("Join")]
        scans = [INDEX_SCAN.search(node) for node, condition in nodes if condition.startswith("Index Cond:")]
        indexes = sorted({scan.group(1) for scan in scans if scan})
        total = next((line.strip() for line in lines if line.startswith("Execution Time")), "")
        state = f"index utilisé : {', '.join(indexes)}"
        if unindexed or not indexes:
            state = "SANS INDEX (parcours séquentiel)"
        say(f"  {name} : {state} — {total}")
        for node, condition in nodes:
            say(f"      {node}")
            say(f"          {condition}")


def report_scaling(all_results):
    small, large = min(all_results), max(all_results)
    if small == large:
        return
    say()
    say(f"### p50 à {large}× / p50 à {small}× (cible ≤ {SCALE_TARGET})")
    say()
    say(f"R à {small}× / R à {large}× : le même ralentissement, corrigé de la charge de la machine (partagée).")
    say()
    say(f"| Page | p50 {small}× (ms) | p50 {large}× (ms) | Rapport | Cible | R {small}× / R {large}× |")
    say("|---|---|---|---|---|---|")
    for label, *_ in PAGES:
        before, after = all_results[small][1][label], all_results[large][1][label]
        ratio = after["p50"] / before["p50"]
        say(
            f"| {label} | {number(before['p50'], 1)} | {number(after['p50'], 1)} | {number(ratio)} "
            f"| ≤ {SCALE_TARGET} {verdict(ratio, SCALE_TARGET, at_least=False)} | {number(before['r'] / after['r'])} |"
        )


def main():
    config = Config()
    started = time.monotonic()
    workdir = ROOT / "test-artifacts" / "bench"  # git-ignored: the wrk and gunicorn logs of the last run
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    bench = Bench(config, workdir)
    say(
        f"Mesures de vitesse (quality.md §4) : échelles {', '.join(f'{s}×' for s in config.scales)}, "
        f"{config.rounds} tours de {config.duration} s par page, {os.cpu_count()} cœurs."
    )
    bench.manage("collectstatic", "--noinput", "-v", "0", env=bench.dev_env)
    all_results = {}
    try:
        for scale in config.scales:
            all_results[scale] = bench.run_scale(scale)
            report_scale(scale, *all_results[scale], config)
            say(f"Chargeur de gabarits : {', '.join(all_results[scale][0]['loaders'])}")
        report_scaling(all_results)
    finally:
        bench.stop_server()
        if not config.keep:
            bench.reset_database(drop_only=True)
    say()
    say(f"Durée totale : {(time.monotonic() - started) / 60:.1f} min ; journaux dans {workdir.relative_to(ROOT)}/.")


if __name__ == "__main__":
    main()
