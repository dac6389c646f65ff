"""Loads relgraph's interactive graph page in headless Chromium and checks it as a reader would.

Usage: page_check.py PAGE.html GRAPH.json SCREENSHOT.png [--expect-nodes N --expect-edges M]
       page_check.py --measure PAGE.html           (prints the load time only)

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: fd 3 in, fd 4
out, messages separated by NUL), so it needs nothing but the Python standard library and
/usr/bin/chromium (or $RELGRAPH_CHROMIUM). Checks, failing with a message on the first miss:
  * the page loads from a file URL and requests nothing but file:, data: and about: URLs;
  * no script error is thrown;
  * it draws the expected numbers of nodes and edges (given, or computed from GRAPH.json: every
    entity with a relation and one edge per (source, type, target), when below the page's cap);
  * a real mouse click on an edge (at its drawn midpoint) shows that edge's evidence, with its
    sentence and both names marked;
  * the screenshot it saves is a drawn graph: the node fills of the page's entity types are on
    it, in the graph pane, and the pane is not blank.
Prints one JSON line: load time (ms), counts, the clicked edge.
"""

import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
import zlib


class Browser:
    def __init__(self):
        exe = os.environ.get("RELGRAPH_CHROMIUM", "/usr/bin/chromium")
        self.profile = tempfile.mkdtemp(prefix="relgraph-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            # Copies above every open descriptor first: os.dup2 onto a descriptor that is
            # already the target would keep its close-on-exec flag.
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--remote-debugging-pipe",
            "--user-data-dir=" + self.profile, "--window-size=1400,900",
            "--allow-file-access-from-files", "about:blank",
        ]
        self.proc = subprocess.Popen(args, preexec_fn=fds, close_fds=False,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def _read(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe (did it start?)")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, wait=True, timeout=60):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        deadline = time.time() + timeout
        while True:
            m = self._read(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, name, timeout=60):
        deadline = time.time() + timeout
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    return self.events.pop(i)
            self.events.append(self._read(deadline))

    def eval(self, expr, timeout=60):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True}, timeout=timeout)
        if "exceptionDetails" in r:
            raise RuntimeError(f"page script failed on {expr!r}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def open(self, url, width=1400, height=900):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        att = self.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True},
                        session=False)
        self.session = att["sessionId"]
        for m in ("Page.enable", "Runtime.enable", "Network.enable"):
            self.send(m)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        start = time.time()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", timeout=120)
        deadline = time.time() + 180
        while self.eval("document.body && document.body.getAttribute('data-ready')") != "1":
            if time.time() > deadline:
                raise TimeoutError("the page never finished its first layout")
            self.check_errors()
            time.sleep(0.05)
        return (time.time() - start) * 1000.0

    def check_errors(self):
        for e in self.events:
            if e.get("method") == "Runtime.exceptionThrown":
                d = e["params"]["exceptionDetails"]
                raise AssertionError("script error on the page: " +
                                     json.dumps(d.get("exception", {}).get("description", d)))

    def requests(self):
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                   "buttons": 1 if kind == "mousePressed" else 0,
                                                   "clickCount": 1})

    def screenshot(self, path):
        r = self.send("Page.captureScreenshot", {"format": "png"})
        data = base64.b64decode(r["data"])
        with open(path, "wb") as f:
            f.write(data)
        return data


def png_pixels(data):
    """Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes) to (w, h, rows)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG layout"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return w, h, rows


def expected(graph_path, cap):
    """(nodes, edges or None, notice or None) the page should draw at first: every entity with a
    relation and one edge per (source, type, target) when they are at most `cap`, else `cap`
    nodes and a notice saying how many were left out."""
    g = json.load(open(graph_path, encoding="utf-8"))
    facts = {(e["source"], e["type"], e["target"]) for e in g["edges"]}
    with_edges = {s for s, _, _ in facts} | {t for _, _, t in facts}
    if len(with_edges) <= cap:
        return len(with_edges), len(facts), None
    return cap, None, f"Showing the {cap:,} best connected of the {len(with_edges):,} entities"


def squash(s):
    return " ".join(s.split())


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "--measure":
        b = Browser()
        try:
            ms = b.open("file://" + os.path.abspath(argv[1]))
            counts = b.eval("JSON.stringify([relgraphPage.cy.nodes().length, relgraphPage.cy.edges().length])")
            print(json.dumps({"page": argv[1], "bytes": os.path.getsize(argv[1]),
                              "load_ms": round(ms), "drawn": json.loads(counts)}))
        finally:
            b.close()
        return
    page, graph, shot = argv[:3]
    page_data = open(page, encoding="utf-8").read()
    start = page_data.index('id="relgraph-data">') + len('id="relgraph-data">')
    data = json.loads(page_data[start:page_data.index("</script>", start)])
    want_nodes, want_edges, want_notice = expected(graph, data["cap"])
    b = Browser()
    try:
        url = "file://" + os.path.abspath(page)
        ms = b.open(url)
        b.check_errors()
        outside = [u for u in b.requests() if not u.startswith(("file:", "data:", "about:"))]
        assert not outside, f"the page asked the network for {outside}"
        counts = json.loads(b.eval(
            "JSON.stringify([relgraphPage.cy.nodes().length, relgraphPage.cy.edges().length])"))
        assert counts[0] == want_nodes and want_edges in (None, counts[1]), \
            f"drawn nodes, edges {counts}, expected {[want_nodes, want_edges]}"
        notice = b.eval("document.getElementById('notice').innerText")
        if want_notice:
            assert want_notice in notice, f"notice {notice!r}, expected {want_notice!r}"
        else:
            assert not notice.strip(), f"unexpected notice {notice!r}"

        # An edge between two nodes (one with an evidence sentence if there is one) whose
        # midpoint is farthest from every other node and edge; the view is centred on that
        # point and zoomed until it is clear, then the mouse clicks it.
        pick = json.loads(b.eval("""(function () {
          var D = JSON.parse(document.getElementById('relgraph-data').textContent);
          var cy = relgraphPage.cy;
          var es = cy.edges().filter(function (x) { var e = D.edges[x.data('k')]; return e[0] !== e[1]; });
          var withSentence = es.filter(function (x) {
            var e = D.edges[x.data('k')]; return e[7].length && e[7][0][6]; });
          if (withSentence.nonempty()) es = withSentence;
          function segDist(p, a, b) {
            var dx = b.x - a.x, dy = b.y - a.y, l = dx * dx + dy * dy;
            var t = l ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l)) : 0;
            return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
          }
          var best = null, clear = -Infinity;
          es.slice(0, 300).forEach(function (x) {
            var m = x.midpoint(), c = Infinity;
            cy.nodes().forEach(function (n) {
              var p = n.position();
              c = Math.min(c, Math.hypot(p.x - m.x, p.y - m.y) - n.width() / 2);
            });
            cy.edges().forEach(function (y) {
              if (y.same(x) || (y.source().same(x.source()) && y.target().same(x.target())) ||
                  (y.source().same(x.target()) && y.target().same(x.source()))) return;
              c = Math.min(c, segDist(m, y.source().position(), y.target().position()));
            });
            if (c > clear) { clear = c; best = x; }
          });
          var x = best;
          cy.elements().unselect();
          cy.zoom(Math.min(cy.maxZoom(), Math.max(1, 15 / Math.max(clear, 0.01))));
          cy.center(x);
          var m = x.renderedMidpoint(), r = cy.container().getBoundingClientRect();
          var e = D.edges[x.data('k')];
          return JSON.stringify({x: r.left + m.x, y: r.top + m.y, k: x.data('k'),
            source: D.nodes[e[0]][1], target: D.nodes[e[1]][1], clearance: clear,
            sentence: e[7].length ? e[7][0][6] : null});
        })()"""))
        time.sleep(0.3)
        b.click(pick["x"], pick["y"])
        time.sleep(0.3)
        text = squash(b.eval("document.getElementById('details-body').innerText"))
        for name in (pick["source"], pick["target"]):
            assert squash(name) in text, \
                f"clicking the edge {pick['source']!r} -> {pick['target']!r} did not show it; the panel says: {text[:400]}"
        if pick["sentence"]:
            assert squash(pick["sentence"]) in text, \
                f"clicking the edge did not show its evidence sentence; the panel says: {text[:400]}"
            marks = json.loads(b.eval(
                "JSON.stringify([document.querySelectorAll('#details-body mark.src').length,"
                "document.querySelectorAll('#details-body mark.tgt').length])"))
            assert marks[0] + marks[1] > 0, "the evidence sentence marks neither name"
        b.check_errors()

        b.eval("relgraphPage.cy.fit(undefined, 20); relgraphPage.cy.elements().unselect(); 1")
        time.sleep(0.3)
        png = b.screenshot(shot)
        w, h, rows = png_pixels(png)
        box = json.loads(b.eval("JSON.stringify((function(r){return [r.left,r.top,r.right,r.bottom]})(document.getElementById('cy').getBoundingClientRect()))"))
        x0, y0, x1, y1 = (int(v) for v in box)
        pane = [px for row in rows[y0:min(y1, h)] for px in row[x0:min(x1, w)]]
        fills = {tuple(int(t["fill"][i:i + 2], 16) for i in (1, 3, 5)) for t in data["types"]}
        on_pane = sum(1 for px in pane if px in fills)
        inked = sum(1 for px in pane if px != (255, 255, 255))
        assert on_pane > 200, f"the screenshot shows almost no node fill ({on_pane} pixels)"
        assert inked > 0.005 * len(pane), f"the graph pane is nearly blank ({inked} of {len(pane)} pixels)"
        # Search: type a name into the box, click the first result with the mouse: that entity
        # and its neighbours are drawn, it is selected and the panel shows it.
        target = json.loads(b.eval("""(function () {
          var D = JSON.parse(document.getElementById('relgraph-data').textContent);
          var deg = D.nodes.map(function () { return 0; });
          D.edges.forEach(function (e) { deg[e[0]]++; deg[e[1]]++; });
          var drawn = new Set(relgraphPage.cy.nodes().map(function (x) { return x.data('n'); }));
          // An entity whose name is a plain word run, preferring one not drawn yet.
          var best = -1;
          D.nodes.forEach(function (n, i) {
            if (!/^[A-Za-z][A-Za-z0-9 .'-]{2,40}$/.test(n[1]) || !deg[i]) return;
            if (best < 0 || (drawn.has(best) && !drawn.has(i))) best = i;
          });
          return JSON.stringify(best < 0 ? null : {n: best, name: D.nodes[best][1], drawn: drawn.has(best)});
        })()"""))
        if target:
            b.eval("document.getElementById('search').focus(); 1")
            b.send("Input.insertText", {"text": target["name"]})
            time.sleep(0.3)
            rect = json.loads(b.eval("""JSON.stringify((function () {
              var x = document.querySelector('#results button'); if (!x) return null;
              var r = x.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2, x.innerText];
            })())"""))
            assert rect, f"searching {target['name']!r} listed nothing"
            t0 = time.time()
            b.click(rect[0], rect[1])
            shown = json.loads(b.eval("JSON.stringify([relgraphPage.cy.getElementById('n' + %d).nonempty(),"
                                      "relgraphPage.cy.$(':selected').map(function (x) { return x.id(); })])" % target["n"]))
            took = (time.time() - t0) * 1000
            if rect[2] == target["name"]:
                assert shown[0] and ("n%d" % target["n"]) in shown[1], \
                    f"picking {target['name']!r} in the search results did not draw and select it: {shown}"
                panel = squash(b.eval("document.getElementById('details-body').innerText"))
                assert squash(target["name"]) in panel, f"the panel does not show {target['name']!r}"
            b.check_errors()
        else:
            took = None

        # Filters: with text evidence unticked (a real click on the box), every drawn edge has
        # gazetteer evidence; with the date range set to the last evidence date, every drawn
        # edge has evidence of that date; Reset brings the first drawing back.
        box = json.loads(b.eval("document.getElementById('origin-text').scrollIntoView({block: 'center'});"
                                "JSON.stringify((function (r) { return [r.left + r.width / 2, r.top + r.height / 2]; })"
                                "(document.getElementById('origin-text').getBoundingClientRect()))"))
        b.click(box[0], box[1])
        bad = b.eval("""(function () {
          var D = JSON.parse(document.getElementById('relgraph-data').textContent);
          if (document.getElementById('origin-text').checked) return 'the box did not untick';
          return relgraphPage.cy.edges().filter(function (x) { return D.edges[x.data('k')][4] === 0; }).length;
        })()""")
        assert bad == 0, f"origin filter: {bad} drawn edges without gazetteer evidence"
        b.eval("document.getElementById('reset').click(); 1")
        last = b.eval("""(function () {
          var D = JSON.parse(document.getElementById('relgraph-data').textContent), last = '';
          D.edges.forEach(function (e) { e[7].forEach(function (v) { if (v[1] && v[1] > last) last = v[1]; }); });
          return last; })()""")
        if last and len(last) == 10:
            bad = b.eval("""(function (day) {
              var D = JSON.parse(document.getElementById('relgraph-data').textContent);
              var f = document.getElementById('date-from');
              f.value = day; f.dispatchEvent(new Event('change'));
              return relgraphPage.cy.edges().filter(function (x) {
                return !D.edges[x.data('k')][7].some(function (v) { return v[1] && v[1] >= day; });
              }).length;
            })(%s)""" % json.dumps(last))
            assert bad == 0, f"date filter: {bad} drawn edges without evidence from {last}"
            assert b.eval("relgraphPage.cy.edges().length") > 0, f"date filter from {last} drew no edge"
        b.eval("document.getElementById('reset').click(); 1")
        b.check_errors()
        after = b.eval("relgraphPage.cy.nodes().length")
        assert after == counts[0], f"Reset drew {after} nodes, not {counts[0]}"

        print(json.dumps({"load_ms": round(ms), "search_pick_ms": took and round(took), "nodes": counts[0], "edges": counts[1],
                          "clicked": [pick["source"][:40], pick["target"][:40]],
                          "fill_pixels": on_pane}))
    finally:
        b.close()


if __name__ == "__main__":
    main()
