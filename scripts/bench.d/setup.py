"""Bench set-up against a running server: N employees with one agent device each; prints device tokens.
Usage: setup.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD N        (our server)
       setup.py --aw BASE_URL N                              (aw-server: creates buckets bench-1..N)
       setup.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD N --aw-buckets   (ours, and each device makes window bucket bench-i
                                                                       through /api/0, for the same scripts as aw-server)"""
import concurrent.futures, json, sys, urllib.request, uuid


def call(method, url, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


if sys.argv[1] == "--aw":
    base, n = sys.argv[2], int(sys.argv[3])
    for i in range(1, n + 1):
        call("POST", f"{base}/api/0/buckets/bench-{i}", {"client": "bench", "type": "currentwindow", "hostname": "bench"})
        print("aw")
    sys.exit(0)

base, email, password, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
aw_buckets = "--aw-buckets" in sys.argv[5:]
admin = call("POST", f"{base}/api/admin/login", {"email": email, "password": password})["accessToken"]
team = call("POST", f"{base}/api/teams", {"name": "Bench " + uuid.uuid4().hex[:6]}, admin)["id"]


def enrol(i):
    emp = call("POST", f"{base}/api/employees",
               {"name": f"Bench {i}", "email": f"bench{i}-{uuid.uuid4().hex[:6]}@example.com", "teamId": team}, admin)
    return call("POST", f"{base}/api/employees/{emp['id']}/devices", {"name": f"bench-{i}", "platform": "linux"}, admin)["token"]


# A few at a time (thousands of devices for scripts/bench scale), printed in order.
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    for i, token in enumerate(pool.map(enrol, range(n)), start=1):
        if aw_buckets:
            call("POST", f"{base}/api/0/buckets/bench-{i}", {"client": "bench", "type": "currentwindow", "hostname": "bench"}, token)
        print(token)
