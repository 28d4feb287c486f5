#!/usr/bin/python3
"""A tiny read-only stand-in for the Neutron API on 127.0.0.1:9696.

Nova calls Neutron even for servers booted with "networks": "none" (it lists the
instance's ports, security groups, extensions) and a live migration fails without an
answer. Escalator itself never calls Neutron, so empty collections are enough:
  GET /                    -> versions document
  GET /v2.0[/]             -> resource list (empty)
  GET /v2.0/extensions     -> {"extensions": []}
  GET /v2.0/<things>       -> {"<things>": []}
  GET /v2.0/<things>/<id>  -> 404 NeutronError (nothing exists)
  anything else            -> 404 / 405 with a NeutronError body (and a log line)
Tokens are not checked. Standard library only. Usage: fake_neutron.py [port]
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 9696


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "escalator-fake-neutron/1"

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Openstack-Request-Id", "req-fake-neutron")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status, kind, msg):
        self._send(status, {"NeutronError": {"type": kind, "message": msg, "detail": ""}})

    def do_GET(self):
        path = self.path.split("?", 1)[0].rstrip("/")
        parts = [p for p in path.split("/") if p]
        if not parts:
            href = "http://127.0.0.1:%d/v2.0/" % PORT
            return self._send(200, {"versions": [
                {"id": "v2.0", "status": "CURRENT", "links": [{"href": href, "rel": "self"}]}]})
        if parts[0] != "v2.0":
            return self._error(404, "HTTPNotFound", "no such version")
        parts = parts[1:]
        if not parts:
            return self._send(200, {"resources": []})
        # /v2.0/<collection>[.json] or /v2.0/<prefix>/<collection> (e.g. qos/policies)
        name = parts[-1][:-5] if parts[-1].endswith(".json") else parts[-1]
        if len(parts) == 1 or (len(parts) == 2 and parts[0] in ("qos", "lbaas", "fw")):
            return self._send(200, {name.replace("-", "_"): []})
        return self._error(404, "NotFound", "%s could not be found" % "/".join(parts))

    do_HEAD = do_GET

    def _refuse(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.log_message("refused %s %s", self.command, self.path)
        self._error(404, "NotFound", "read-only fake Neutron: %s %s" % (self.command, self.path))

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))
        sys.stderr.flush()


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    server.serve_forever()
