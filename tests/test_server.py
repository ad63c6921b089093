"""`make run` serves the web client with the module installed, and stops cleanly."""
import os
import socket
import time
import urllib.error
import urllib.request
import xmlrpc.client

import pytest


def process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def port_open(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_make_run_serves_module_and_stops(server_factory):
    # Prefork mode, as agencies run it: HTTP workers, a cron worker and the websocket process.
    server = server_factory("doithoai_systest", WORKERS="2")
    page = server.wait_ready("/web/login")
    assert b'name="password"' in page
    gevent_port = server.port + 3
    deadline = time.monotonic() + 60
    while "Evented Service (longpolling) running" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(1)
    time.sleep(5)  # a crash-looping websocket process would have logged by now
    log = server.log.read_text()
    assert log.count("Evented Service (longpolling) running") == 1, log[-3000:]
    assert "ImportError" not in log and "Traceback" not in log, log[-3000:]
    assert log.count("Worker WorkerHTTP") >= 2 and "Worker WorkerCron" in log
    try:  # a plain GET on the websocket route: the gevent process answers, refusing the handshake
        urllib.request.urlopen(f"http://127.0.0.1:{gevent_port}/websocket", timeout=10)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 400

    common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
    assert common.version()["server_version"].startswith("19.")
    uid = common.authenticate(server.db, "admin", "admin", {})
    assert uid, "admin / admin must log in on the demo database"
    models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object")
    modules = models.execute_kw(server.db, uid, "admin", "ir.module.module", "search_read",
                                [[["name", "=", "doithoai_module"]]], {"fields": ["state"]})
    assert modules == [{"id": modules[0]["id"], "state": "installed"}]
    log = server.log.read_text()
    assert f"http://127.0.0.1:{server.port}" in log and "admin / admin" in log

    pid = server.proc.pid
    server.stop()
    assert server.proc.returncode is not None
    assert not process_alive(pid), "the server process must be gone"
    assert not port_open(server.port), "nothing may listen on the port after stop"
    with pytest.raises(OSError):
        xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common").version()
