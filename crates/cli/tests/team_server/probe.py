"""Signs in to a `serve --accounts` started by the README's team-server block and reads
what the workers stored (crates/cli/tests/team_server.rs runs it). Standard library only."""
import http.client
import json
import sys
import time
import urllib.parse

port, name, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
origin = f"http://127.0.0.1:{port}"


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    answer = conn.getresponse()
    data = answer.read()
    conn.close()
    return answer.status, dict(answer.getheaders()), data


deadline = time.time() + 120
while True:
    try:
        status, _, _ = request("GET", "/login")
        break
    except OSError:
        if time.time() > deadline:
            sys.exit("the server did not start within 120 s")
        time.sleep(0.2)
assert status == 200, f"/login answered {status}"

status, headers, _ = request("GET", "/documents")
assert status == 303 and headers.get("location", "").startswith("/login"), (
    f"a page without signing in: {status} {headers}"
)
status, _, _ = request("GET", "/api/documents")
assert status == 401, f"the API without signing in: {status}"

form = urllib.parse.urlencode({"name": name, "password": password, "next": "/"})
status, headers, body = request(
    "POST",
    "/login",
    body=form,
    headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": origin},
)
cookie = headers.get("set-cookie", "").split(";")[0]
assert status == 303 and cookie.startswith("armsgraph_session="), (
    f"signing in as {name}: {status} {headers} {body[:300]!r}"
)

status, _, body = request("GET", "/api/documents", headers={"Cookie": cookie})
assert status == 200, f"/api/documents signed in: {status} {body[:300]!r}"
docs = json.loads(body)
docs = docs.get("documents", docs) if isinstance(docs, dict) else docs
origins = sorted(d.get("origin", "") for d in docs)
assert any("samples/leaks" in o for o in origins), f"no leaked document: {origins}"
assert any("000_79a71588b356f729" in o for o in origins), f"no seed article: {origins}"

status, _, body = request("GET", "/search?q=Lukaschenko", headers={"Cookie": cookie})
assert status == 200, f"search: {status}"
status, _, body = request("GET", "/audit", headers={"Cookie": cookie})
assert status == 403, f"an analyst reading the audit log: {status}"
print(f"probe: signed in as {name}, {len(docs)} documents readable")
