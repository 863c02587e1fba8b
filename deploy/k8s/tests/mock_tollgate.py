#!/usr/bin/env python3
"""A stand-in for Tollgate's backend admin API on 127.0.0.1, for deploy_test.sh (register-backends).

Serves GET/POST /v1/organization/backends and POST /v1/organization/backends/{id} with the real API's shapes
and the rules register-backends relies on: admin key required, names unique, GPU types from the catalogue,
kind immutable, api_key kept when left out. Prints its port, then serves until it gets SIGTERM or 120 s pass.
Seeds: names given as arguments exist beforehand (as if registered by hand).
Every request is appended as a JSON line to the file named by MOCK_LOG.
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY = "sk-tgadm-test"
GPU_TYPES = {"A10G", "L40S", "A100-80GB", "H100-80GB"}
backends = {}
lock = threading.Lock()


def view(b):
    return {"object": "organization.backend", "id": b["id"], "name": b["name"], "kind": b["kind"],
            "base_url": b["base_url"], "has_api_key": b.get("api_key") is not None, "enabled": True,
            "models": b["models"], "gpu": b.get("gpu")}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, message, param=None):
        self.answer(status, {"error": {"message": message, "type": "invalid_request_error", "param": param}})

    def handle_any(self, method):
        body = None
        if method == "POST":
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                body = json.loads(raw)
            except ValueError:
                return self.error(400, "body is not JSON")
        with open(os.environ["MOCK_LOG"], "a") as log:
            log.write(json.dumps({"method": method, "path": self.path, "body": body}) + "\n")
        if self.headers.get("Authorization") != "Bearer " + KEY:
            return self.error(401, "Incorrect API key provided.")
        base = "/v1/organization/backends"
        with lock:
            if self.path == base and method == "GET":
                data = [view(b) for b in backends.values()]
                return self.answer(200, {"object": "list", "data": data, "has_more": False})
            if self.path == base and method == "POST":
                for field in ("name", "kind", "base_url", "models"):
                    if field not in body:
                        return self.error(400, f"Missing required parameter: '{field}'.", field)
                if any(b["name"] == body["name"] for b in backends.values()):
                    return self.error(400, f"A backend named '{body['name']}' already exists.", "name")
                if body.get("gpu") and body["gpu"]["type"] not in GPU_TYPES:
                    return self.error(400, "Unknown GPU type.", "gpu.type")
                bid = f"backend_{len(backends) + 1:04d}"
                backends[bid] = dict(body, id=bid)
                return self.answer(201, view(backends[bid]))
            if self.path.startswith(base + "/") and method == "POST":
                bid = self.path[len(base) + 1:]
                if bid not in backends:
                    return self.error(404, f"No backend with id '{bid}'.")
                if "kind" in body and body["kind"] != backends[bid]["kind"]:
                    return self.error(400, "A backend's kind cannot change; create a new backend.", "kind")
                if body.get("gpu") and body["gpu"]["type"] not in GPU_TYPES:
                    return self.error(400, "Unknown GPU type.", "gpu.type")
                backends[bid].update(body)
                return self.answer(200, view(backends[bid]))
        return self.error(404, "not found")

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")


def main():
    for name in sys.argv[1:]:
        bid = f"backend_{len(backends) + 1:04d}"
        backends[bid] = {"id": bid, "name": name, "kind": "openai", "base_url": "http://old:8000/v1",
                         "models": [{"model": "old", "upstream_model": "old", "weight": 1}], "api_key": "kept"}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    stop = threading.Timer(120, server.shutdown)
    stop.daemon = True
    stop.start()
    server.serve_forever()


if __name__ == "__main__":
    main()
