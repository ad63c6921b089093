"""Screenshots of the running web client for the README, in Debian's headless Chromium.

    python scripts/screenshot.py http://127.0.0.1:8069 DB LOGIN PASSWORD OUT.png /odoo/action-...

Logs in over JSON-RPC, hands the session cookie to Chromium through the DevTools protocol,
opens the page, waits for the web client to settle and saves a PNG.
"""
import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request

import requests
import websocket


def main(base, db, login, password, out, path, width=1400, height=860):
    session = requests.Session()
    session.post(f"{base}/web/session/authenticate", json={
        "jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}}).raise_for_status()
    port = 9229
    profile = tempfile.mkdtemp(prefix="doithoai-chrome-")
    chrome = subprocess.Popen([
        "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
        f"--remote-debugging-port={port}", f"--window-size={width},{height}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                break
            except OSError:
                time.sleep(0.2)
        page = next(t for t in targets if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        ids = iter(range(1, 1000))

        def send(method, **params):
            msg_id = next(ids)
            ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                reply = json.loads(ws.recv())
                if reply.get("id") == msg_id:
                    return reply.get("result", {})

        send("Network.enable")
        send("Network.setCookie", name="session_id", value=session.cookies["session_id"],
             url=base, path="/")
        send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        send("Page.navigate", url=base + path)
        time.sleep(8)  # the web client loads its assets and data, then renders
        shot = send("Page.captureScreenshot", format="png")
        with open(out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    finally:
        chrome.terminate()
        chrome.wait(10)


if __name__ == "__main__":
    main(*sys.argv[1:7])
