#!/usr/bin/python3
"""Small OpenStack REST helper for scripts/openstack (standard library only).

  osapi.py token                     exit 0 when Keystone issues an admin token
  osapi.py catalog                   projects, service user, roles, services and endpoints (idempotent)
  osapi.py image                     upload the tiny image 'escalator-tiny' to Glance (idempotent)
  osapi.py flavor                    create the flavor 'escalator.tiny' (idempotent)
  osapi.py wait-ready N SECONDS      wait until placement has N providers, N computes up, N hypervisors
  osapi.py smoke [SECONDS]           boot 2 servers on cmp-1, live-migrate one, disable/enable a service

Connection settings come from the environment: OS_AUTH_URL, OS_USERNAME, OS_PASSWORD,
OS_PROJECT_NAME (defaults: http://127.0.0.1:5000/v3, admin, escalator, admin).
Every wait is bounded; failures exit non-zero with one line naming what failed.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

AUTH_URL = os.environ.get("OS_AUTH_URL", "http://127.0.0.1:5000/v3").rstrip("/")
USER = os.environ.get("OS_USERNAME", "admin")
PASSWORD = os.environ.get("OS_PASSWORD", "escalator")
PROJECT = os.environ.get("OS_PROJECT_NAME", "admin")
REGION = os.environ.get("OS_REGION_NAME", "RegionOne")
SERVICE_USER = "escalator-service"

ENDPOINTS = [  # (service name, type, url)
    ("placement", "placement", "http://127.0.0.1:8778"),
    ("glance", "image", "http://127.0.0.1:9292"),
    ("nova", "compute", "http://127.0.0.1:8774/v2.1"),
    ("neutron", "network", "http://127.0.0.1:9696"),
]
NOVA = "http://127.0.0.1:8774/v2.1"
PLACEMENT = "http://127.0.0.1:8778"
GLANCE = "http://127.0.0.1:9292"
MICROVERSION = "2.80"


class Failure(Exception):
    pass


def call(method, url, token=None, body=None, headers=None, timeout=30, raw=None):
    hdrs = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    if raw is not None:
        data = raw
        hdrs["Content-Type"] = "application/octet-stream"
    if token:
        hdrs["X-Auth-Token"] = token
    hdrs.update(headers or {})
    req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            text = resp.read().decode() or "null"
            return resp.status, resp.headers, (json.loads(text) if text.strip()[:1] in "{[" else text)
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        try:
            payload = json.loads(text)
        except ValueError:
            payload = text
        return e.code, e.headers, payload


def expect(status, allowed, what, payload):
    if status not in allowed:
        raise Failure("%s: HTTP %s %s" % (what, status, json.dumps(payload)[:400]))


def token(project=PROJECT, user=USER, password=PASSWORD, timeout=10):
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": {"project": {"name": project, "domain": {"id": "default"}}}}}
    status, headers, payload = call("POST", AUTH_URL + "/auth/tokens", body=body, timeout=timeout)
    expect(status, (201,), "Keystone token for %s/%s" % (user, project), payload)
    return headers["X-Subject-Token"]


def nova(method, path, tok, body=None, version=MICROVERSION, timeout=60):
    return call(method, NOVA + path, tok, body,
                {"OpenStack-API-Version": "compute " + version,
                 "X-OpenStack-Nova-API-Version": version}, timeout=timeout)


# ---------------------------------------------------------------- catalog
def find_one(tok, path, key, name, extra=""):
    status, _, payload = call("GET", AUTH_URL + path + "?name=" + name + extra, tok)
    expect(status, (200,), "GET " + path, payload)
    items = payload[key]
    return items[0]["id"] if items else None


def ensure(tok, path, key, name, body, extra=""):
    found = find_one(tok, path, key, name, extra)
    if found:
        return found
    status, _, payload = call("POST", AUTH_URL + path, tok, {key[:-1]: body})
    expect(status, (201,), "POST " + path + " " + name, payload)
    return payload[key[:-1]]["id"]


def grant(tok, project_id, user_id, role_name):
    role_id = find_one(tok, "/roles", "roles", role_name)
    if not role_id:
        role_id = ensure(tok, "/roles", "roles", role_name, {"name": role_name})
    status, _, payload = call("PUT", "%s/projects/%s/users/%s/roles/%s" % (AUTH_URL, project_id, user_id, role_id), tok)
    expect(status, (204,), "grant %s" % role_name, payload)


def cmd_catalog():
    tok = token()
    admin_user = find_one(tok, "/users", "users", USER)
    service = ensure(tok, "/projects", "projects", "service",
                     {"name": "service", "domain_id": "default", "description": "service users"})
    demo = ensure(tok, "/projects", "projects", "demo",
                  {"name": "demo", "domain_id": "default", "description": "tests' tenant"})
    admin_project = find_one(tok, "/projects", "projects", "admin")
    svc_user = ensure(tok, "/users", "users", SERVICE_USER,
                      {"name": SERVICE_USER, "domain_id": "default", "password": PASSWORD,
                       "default_project_id": service})
    for role in ("admin", "service"):
        grant(tok, service, svc_user, role)
    for role in ("admin", "member", "reader"):
        grant(tok, demo, admin_user, role)
    grant(tok, admin_project, admin_user, "member")
    for name, stype, url in ENDPOINTS:
        sid = find_one(tok, "/services", "services", name)
        if not sid:
            status, _, payload = call("POST", AUTH_URL + "/services", tok,
                                      {"service": {"name": name, "type": stype, "enabled": True}})
            expect(status, (201,), "create service " + name, payload)
            sid = payload["service"]["id"]
        status, _, payload = call("GET", AUTH_URL + "/endpoints?service_id=" + sid, tok)
        have = {e["interface"] for e in payload["endpoints"]}
        for iface in ("public", "internal", "admin"):
            if iface not in have:
                status, _, payload = call("POST", AUTH_URL + "/endpoints", tok, {"endpoint": {
                    "service_id": sid, "interface": iface, "url": url, "region_id": REGION, "enabled": True}})
                expect(status, (201,), "create endpoint %s %s" % (name, iface), payload)
    print("catalog ready: projects admin, demo, service; endpoints for identity, "
          + ", ".join(t for _, t, _ in ENDPOINTS))


# ---------------------------------------------------------------- image, flavor
def cmd_image():
    tok = token()
    status, _, payload = call("GET", GLANCE + "/v2/images?name=escalator-tiny", tok)
    expect(status, (200,), "Glance list images", payload)
    active = [i for i in payload["images"] if i["status"] == "active"]
    if active:
        print("image escalator-tiny: " + active[0]["id"])
        return
    status, _, payload = call("POST", GLANCE + "/v2/images", tok, {
        "name": "escalator-tiny", "disk_format": "raw", "container_format": "bare",
        "visibility": "public", "min_disk": 0, "min_ram": 0})
    expect(status, (201,), "Glance create image", payload)
    image_id = payload["id"]
    status, _, payload = call("PUT", GLANCE + "/v2/images/%s/file" % image_id, tok,
                              raw=b"escalator fake disk\n")
    expect(status, (204,), "Glance upload image data", payload)
    print("image escalator-tiny: " + image_id)


def cmd_flavor():
    tok = token()
    status, _, payload = nova("GET", "/flavors/escalator.tiny", tok)
    if status == 200:
        print("flavor escalator.tiny exists")
        return
    status, _, payload = nova("POST", "/flavors", tok, {"flavor": {
        "name": "escalator.tiny", "id": "escalator.tiny", "vcpus": 1, "ram": 64, "disk": 1,
        "os-flavor-access:is_public": True}})
    expect(status, (200,), "Nova create flavor", payload)
    print("flavor escalator.tiny created")


# ---------------------------------------------------------------- readiness
def cmd_wait_ready(n, seconds):
    deadline = time.monotonic() + seconds
    state = {}
    while True:
        try:
            tok = token()
            status, _, payload = call("GET", PLACEMENT + "/resource_providers", tok,
                                      headers={"OpenStack-API-Version": "placement 1.14"})
            state["placement"] = len(payload.get("resource_providers", [])) if status == 200 else "HTTP %s" % status
            status, _, payload = nova("GET", "/os-services?binary=nova-compute", tok)
            if status == 200:
                state["compute services up"] = sum(1 for s in payload["services"] if s["state"] == "up")
            else:
                state["compute services up"] = "HTTP %s" % status
            status, _, payload = nova("GET", "/os-hypervisors", tok)
            state["hypervisors"] = len(payload.get("hypervisors", [])) if status == 200 else "HTTP %s" % status
            if all(v == n for v in state.values()) and len(state) == 3:
                print("ready: %d resource providers, %d computes up, %d hypervisors" % (n, n, n))
                return
        except (Failure, OSError, ValueError, KeyError) as e:
            state["error"] = str(e)
        if time.monotonic() > deadline:
            raise Failure("not ready after %ds (want %d of each): %s" % (seconds, n, json.dumps(state)))
        time.sleep(1)


# ---------------------------------------------------------------- smoke test
def wait_for(what, seconds, probe, interval=0.5):
    """probe() returns (done, detail); raises Failure naming what and the last detail on timeout."""
    deadline = time.monotonic() + seconds
    detail = None
    while time.monotonic() < deadline:
        done, detail = probe()
        if done:
            return detail
        time.sleep(interval)
    raise Failure("%s: not done after %ss (last: %s)" % (what, seconds, detail))


def cmd_smoke(seconds):
    t0 = time.monotonic()
    tok = token()
    print("token: ok (%.1fs)" % (time.monotonic() - t0))
    status, _, payload = call("GET", GLANCE + "/v2/images?name=escalator-tiny", tok)
    expect(status, (200,), "find image", payload)
    if not payload["images"]:
        raise Failure("image escalator-tiny missing (did up finish?)")
    image = payload["images"][0]["id"]

    servers = []
    for i in (1, 2):
        status, _, payload = nova("POST", "/servers", tok, {"server": {
            "name": "smoke-%d" % i, "imageRef": image, "flavorRef": "escalator.tiny",
            "networks": "none", "host": "cmp-1"}}, version="2.80")
        expect(status, (202,), "boot smoke-%d on cmp-1" % i, payload)
        servers.append(payload["server"]["id"])
    t_boot = time.monotonic()

    def server_probe(sid):
        def probe():
            status, _, payload = nova("GET", "/servers/" + sid, tok)
            if status != 200:
                return False, "HTTP %s" % status
            s = payload["server"]
            if s["status"] == "ERROR":
                raise Failure("server %s went to ERROR: %s" % (sid, json.dumps(s.get("fault"))[:400]))
            return s["status"] == "ACTIVE", (s["status"], s.get("OS-EXT-SRV-ATTR:host"))
        return probe

    for sid in servers:
        status_host = wait_for("server %s ACTIVE" % sid, seconds, server_probe(sid))
        if status_host[1] != "cmp-1":
            raise Failure("server %s landed on %s, not cmp-1" % (sid, status_host[1]))
    print("booted 2 servers on cmp-1 (networks none): %.1fs" % (time.monotonic() - t_boot))

    mover = servers[0]
    t_mig = time.monotonic()
    status, _, payload = nova("POST", "/servers/%s/action" % mover, tok,
                              {"os-migrateLive": {"host": None, "block_migration": "auto"}}, version="2.80")
    expect(status, (202,), "os-migrateLive", payload)
    seen = []

    def migration_probe():
        status, _, payload = nova("GET", "/os-migrations?instance_uuid=%s&migration_type=live-migration" % mover,
                                  tok, version="2.80")
        if status != 200 or not payload["migrations"]:
            return False, "no migration record yet"
        m = payload["migrations"][0]
        if not seen or seen[-1] != m["status"]:
            seen.append(m["status"])
        if m["status"] in ("error", "failed", "cancelled"):
            raise Failure("live migration ended in %s (statuses %s)" % (m["status"], " -> ".join(seen)))
        return m["status"] == "completed", m

    m = wait_for("live migration of %s" % mover, seconds, migration_probe)
    took = time.monotonic() - t_mig
    status, _, payload = nova("GET", "/servers/" + mover, tok)
    host = payload["server"].get("OS-EXT-SRV-ATTR:host")
    if host == "cmp-1" or payload["server"]["status"] != "ACTIVE":
        raise Failure("after migration server is %s on %s" % (payload["server"]["status"], host))
    print("live migration %s -> %s completed in %.1fs (statuses %s)"
          % (m["source_compute"], m["dest_compute"], took, " -> ".join(seen)))

    status, _, payload = nova("GET", "/os-services?binary=nova-compute&host=cmp-2", tok)
    expect(status, (200,), "find service cmp-2", payload)
    svc = payload["services"][0]["id"]
    status, _, payload = nova("PUT", "/os-services/%s" % svc, tok,
                              {"status": "disabled", "disabled_reason": "escalator smoke test"}, version="2.53")
    expect(status, (200,), "disable cmp-2", payload)
    if payload["service"]["status"] != "disabled" or payload["service"]["disabled_reason"] != "escalator smoke test":
        raise Failure("disable cmp-2 answered %s" % json.dumps(payload))
    status, _, payload = nova("PUT", "/os-services/%s" % svc, tok, {"status": "enabled"}, version="2.53")
    expect(status, (200,), "enable cmp-2", payload)
    if payload["service"]["status"] != "enabled":
        raise Failure("enable cmp-2 answered %s" % json.dumps(payload))
    print("disabled cmp-2 with a reason and enabled it again")

    for sid in servers:
        status, _, payload = nova("DELETE", "/servers/" + sid, tok)
        expect(status, (204,), "delete server " + sid, payload)

    def gone_probe():
        left = [sid for sid in servers if nova("GET", "/servers/" + sid, tok)[0] != 404]
        return not left, left

    wait_for("servers deleted", seconds, gone_probe)
    print("smoke test passed in %.1fs (live migration %.1fs)" % (time.monotonic() - t0, took))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    try:
        if cmd == "token":
            token()
        elif cmd == "catalog":
            cmd_catalog()
        elif cmd == "image":
            cmd_image()
        elif cmd == "flavor":
            cmd_flavor()
        elif cmd == "wait-ready":
            cmd_wait_ready(int(argv[2]), float(argv[3]))
        elif cmd == "smoke":
            cmd_smoke(float(argv[2]) if len(argv) > 2 else 120)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (Failure, OSError) as e:
        print("FAILED: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
