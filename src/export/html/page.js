// relgraph's interactive graph page (docs/formats.md, "The graph page"). The graph is embedded
// as JSON in #relgraph-data; Cytoscape.js (vendored, MIT) draws it. Nothing is fetched.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('relgraph-data').textContent);
  // Field positions of the compact arrays written by src/export/html.rs.
  var N_ID = 0, N_NAME = 1, N_TYPE = 2, N_QID = 3, N_ALIASES = 4, N_MENTIONS = 5, N_DOCS = 6;
  var E_S = 0, E_T = 1, E_REL = 2, E_TEXT = 3, E_GAZ = 4, E_CONF = 5, E_ROLES = 6, E_EV = 7;
  var V_DOC = 0, V_DATE = 1, V_ORIGIN = 2, V_TRIGGER = 3, V_RULE = 4, V_CONF = 5, V_SENT = 6,
    V_SRC = 7, V_TGT = 8, V_ROLE = 9, V_FEAT = 10;
  var nodes = D.nodes, edges = D.edges, N = nodes.length;

  // Incident edges per node.
  var adj = [];
  for (var i = 0; i < N; i++) adj.push([]);
  edges.forEach(function (e, k) {
    adj[e[E_S]].push(k);
    if (e[E_T] !== e[E_S]) adj[e[E_T]].push(k);
  });
  // Range of the evidence dates.
  var minDate = null, maxDate = null;
  edges.forEach(function (e) {
    e[E_EV].forEach(function (v) {
      var d = v[V_DATE];
      if (!d) return;
      if (minDate === null || d < minDate) minDate = d;
      if (maxDate === null || d > maxDate) maxDate = d;
    });
  });

  var state;
  function defaults() {
    state = {
      rels: D.relations.map(function () { return true; }),
      text: true, gazetteer: true, minCount: 1, from: '', to: '',
      cap: D.cap, pinned: new Set()
    };
  }
  defaults();

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs) {
    var x = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === 'text') x.textContent = attrs[k];
      else if (k === 'onclick') x.addEventListener('click', attrs[k]);
      else x.setAttribute(k, attrs[k]);
    });
    for (var j = 2; j < arguments.length; j++) {
      var c = arguments[j];
      if (c === null || c === undefined) continue;
      x.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return x;
  }
  function fmt(n) { return n.toLocaleString('en-US'); }

  // The weight of an edge under the filters: the evidence count of the chosen origins (in the
  // date range, when one is set); the edge is shown when it reaches the minimum count.
  function weight(e) {
    if (!state.rels[e[E_REL]]) return 0;
    if (!state.from && !state.to) {
      return (state.text ? e[E_TEXT] : 0) + (state.gazetteer ? e[E_GAZ] : 0);
    }
    var c = 0;
    e[E_EV].forEach(function (v) {
      var d = v[V_DATE];
      if (!(v[V_ORIGIN] === 0 ? state.text : state.gazetteer) || !d) return;
      if (state.from && d < state.from) return;
      if (state.to && d.slice(0, state.to.length) > state.to) return;
      c++;
    });
    return c;
  }

  var active, degree;
  function computeActive() {
    active = new Uint8Array(edges.length);
    degree = new Uint32Array(N);
    var min = Math.max(1, state.minCount);
    edges.forEach(function (e, k) {
      if (weight(e) >= min) {
        active[k] = 1;
        degree[e[E_S]]++;
        if (e[E_T] !== e[E_S]) degree[e[E_T]]++;
      }
    });
  }

  // The nodes drawn without asking: `cap` of those with a shown edge, chosen as `relgraph render
  // --max-nodes` does: the best connected first, then again and again the node with the most
  // edges to those already chosen (then the highest degree, then the smallest id).
  function baseSelection() {
    var cand = [];
    for (var n = 0; n < N; n++) if (degree[n] > 0) cand.push(n);
    var chosen = new Uint8Array(N), links = new Uint32Array(N), picked = [];
    var want = Math.min(state.cap, cand.length);
    while (picked.length < want) {
      var best = -1;
      for (var c = 0; c < cand.length; c++) {
        var x = cand[c];
        if (chosen[x]) continue;
        if (best < 0 || links[x] > links[best] ||
          (links[x] === links[best] && degree[x] > degree[best])) best = x;
      }
      chosen[best] = 1;
      picked.push(best);
      adj[best].forEach(function (k) {
        if (!active[k]) return;
        var e = edges[k];
        var o = e[E_S] === best ? e[E_T] : e[E_S];
        links[o]++;
      });
    }
    return { picked: picked, withEdges: cand.length };
  }

  function nodeStyle(t) { return D.types[t]; }
  function size(n) { return Math.min(90, 14 + 4 * Math.sqrt(degree[n])); }

  var cy = cytoscape({
    container: $('cy'),
    elements: [],
    wheelSensitivity: 0.3,
    minZoom: 0.02,
    maxZoom: 6,
    hideEdgesOnViewport: true,
    textureOnViewport: false,
    style: [
      { selector: 'node', style: {
        'background-color': 'data(fill)', 'shape': 'data(shape)', 'border-width': 1,
        'border-color': '#555', 'width': 'data(size)', 'height': 'data(size)',
        'label': 'data(label)', 'font-size': 10, 'min-zoomed-font-size': 7,
        'text-valign': 'bottom', 'text-margin-y': 2, 'text-wrap': 'ellipsis',
        'text-max-width': '12em', 'color': '#222', 'text-outline-color': '#fff',
        'text-outline-width': 2 } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#c00' } },
      { selector: 'edge', style: {
        'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'arrow-scale': 0.8,
        'width': 'data(width)', 'opacity': 0.85 } },
      { selector: 'edge[?dashed]', style: { 'line-style': 'dashed' } },
      { selector: 'edge:selected', style: {
        'width': 5, 'opacity': 1, 'label': 'data(label)', 'font-size': 10,
        'text-background-color': '#fff', 'text-background-opacity': 0.85,
        'text-background-padding': 2 } }
    ]
  });

  // Applies the filters and the selection: nodes and edges enter or leave the drawing. With
  // `full`, the force-directed layout (cose) lays everything out again (at first, on Reset, when
  // the cap changes, and on "Lay out again"); otherwise the drawing stays put and each new node
  // goes on a ring around a drawn neighbour (`anchor` first, when given), which takes
  // milliseconds however large the graph.
  function update(full, anchor) {
    computeActive();
    var base = baseSelection();
    var want = new Set(base.picked);
    state.pinned.forEach(function (n) { want.add(n); });
    var added = [];
    cy.batch(function () {
      cy.nodes().forEach(function (x) {
        if (!want.has(x.data('n'))) x.remove();
      });
      cy.edges().forEach(function (x) {
        if (!active[x.data('k')]) x.remove();
      });
      var add = [];
      want.forEach(function (n) {
        var s = nodeStyle(nodes[n][N_TYPE]);
        var node = cy.getElementById('n' + n);
        if (node.nonempty()) { node.data('size', size(n)); return; }
        add.push({ group: 'nodes', data: { id: 'n' + n, n: n, label: nodes[n][N_NAME],
          fill: s.fill, shape: s.shape, size: size(n) }, position: { x: 0, y: 0 } });
        added.push(n);
      });
      cy.add(add);
      add = [];
      edges.forEach(function (e, k) {
        if (!active[k] || !want.has(e[E_S]) || !want.has(e[E_T])) return;
        if (cy.getElementById('e' + k).nonempty()) return;
        var r = D.relations[e[E_REL]];
        var count = e[E_TEXT] + e[E_GAZ];
        add.push({ group: 'edges', data: {
          id: 'e' + k, k: k, source: 'n' + e[E_S], target: 'n' + e[E_T], colour: r.colour,
          label: r.name + ' (' + count + ')', width: 1 + Math.log2(count),
          dashed: e[E_TEXT] === 0 } });
      });
      cy.add(add);
      if (!full) place(added, anchor);
    });
    var drawn = cy.nodes().length;
    var notice = '';
    if (base.withEdges > base.picked.length) {
      notice = 'Showing the ' + fmt(base.picked.length) + ' best connected of the ' +
        fmt(base.withEdges) + ' entities with a relation under these filters (' + fmt(N) +
        ' entities in all). Search for any entity, double-click a node to expand its ' +
        'neighbourhood, or raise "Nodes drawn".';
    }
    $('notice').textContent = notice;
    $('counts').textContent = fmt(drawn) + ' nodes, ' + fmt(cy.edges().length) + ' edges drawn';
    if (full) layout();
  }

  // New nodes on rings around their first drawn neighbour; nodes with none in a row below.
  function place(added, anchor) {
    var isNew = new Set(added), rings = new Map(), loose = [];
    added.forEach(function (n) {
      var at = -1;
      if (anchor !== undefined && !isNew.has(anchor) && adj[n].some(function (k) {
        return active[k] && (edges[k][E_S] === anchor || edges[k][E_T] === anchor); })) at = anchor;
      for (var i = 0; at < 0 && i < adj[n].length; i++) {
        var e = edges[adj[n][i]], o = e[E_S] === n ? e[E_T] : e[E_S];
        if (active[adj[n][i]] && !isNew.has(o) && cy.getElementById('n' + o).nonempty()) at = o;
      }
      if (at < 0) loose.push(n);
      else { if (!rings.has(at)) rings.set(at, []); rings.get(at).push(n); }
    });
    rings.forEach(function (list, at) {
      var c = cy.getElementById('n' + at).position();
      var r = 70 + 12 * Math.sqrt(list.length);
      list.forEach(function (n, i) {
        var a = 2 * Math.PI * i / list.length;
        cy.getElementById('n' + n).position({ x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) });
      });
    });
    if (loose.length) {
      var bb = cy.nodes().filter(function (x) { return !isNew.has(x.data('n')); }).boundingBox();
      var x0 = isFinite(bb.x1) ? bb.x1 : 0, y0 = isFinite(bb.y2) ? bb.y2 + 80 : 0;
      loose.forEach(function (n, i) {
        cy.getElementById('n' + n).position({ x: x0 + 90 * (i % 12), y: y0 + 70 * Math.floor(i / 12) });
      });
    }
  }

  function layout() {
    var drawn = cy.nodes().length;
    var run = cy.layout({
      name: 'cose', animate: false, randomize: true, fit: true,
      // Small graphs get room for their labels; large ones a tighter, faster layout.
      nodeDimensionsIncludeLabels: drawn <= 150, numIter: drawn > 800 ? 400 : 1000,
      idealEdgeLength: function () { return drawn <= 150 ? 110 : 60; },
      nodeRepulsion: function () { return drawn <= 150 ? 40000 : 9000; },
      gravity: 0.4, componentSpacing: 60, padding: 20
    });
    run.one('layoutstop', function () {
      document.body.setAttribute('data-ready', '1');
    });
    run.run();
  }

  // ---- Details ----
  function qidLink(q) {
    return el('a', { href: 'https://www.wikidata.org/wiki/' + q, target: '_blank', rel: 'noopener' }, q);
  }
  function relName(e) { return D.relations[e[E_REL]].name; }

  function showNode(n) {
    var d = nodes[n], box = $('details-body');
    box.textContent = '';
    var t = nodeStyle(d[N_TYPE]);
    box.appendChild(el('h3', null, d[N_NAME]));
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', null, k)); dl.appendChild(el('dd', null, v)); }
    row('type', t.name);
    row('id', d[N_ID]);
    if (d[N_QID]) row('Wikidata', qidLink(d[N_QID]));
    if (d[N_ALIASES].length) row('aliases', d[N_ALIASES].join(', '));
    row('mentions', fmt(d[N_MENTIONS]) + ' in ' + fmt(d[N_DOCS]) + ' documents');
    box.appendChild(dl);
    box.appendChild(el('button', { id: 'expand', onclick: function () { expand(n); } }, 'Expand neighbourhood'));
    var list = adj[n].filter(function (k) { return active[k]; });
    box.appendChild(el('h3', null, 'Relations (' + list.length + ' under the filters)'));
    var ul = el('ul', { 'class': 'edges' });
    list.forEach(function (k) {
      var e = edges[k];
      var out = e[E_S] === n;
      var other = nodes[out ? e[E_T] : e[E_S]][N_NAME];
      var text = out ? relName(e) + ' → ' + other : other + ' → ' + relName(e);
      ul.appendChild(el('li', null, el('button', { 'class': 'link', onclick: function () {
        expand(n);
        selectEdge(k);
      } }, text), el('span', { 'class': 'count' }, ' ×' + (e[E_TEXT] + e[E_GAZ]))));
    });
    box.appendChild(ul);
  }

  // A sentence with the source's and the target's names and the trigger marked. Spans count
  // characters (code points), as relgraph's offsets do.
  function sentence(v) {
    var chars = Array.from(v[V_SENT]);
    var mark = new Array(chars.length).fill(0);
    v[V_SRC].forEach(function (s) { for (var i = s[0]; i < s[1] && i < chars.length; i++) mark[i] = 1; });
    v[V_TGT].forEach(function (s) { for (var i = s[0]; i < s[1] && i < chars.length; i++) mark[i] = 2; });
    var trig = v[V_TRIGGER];
    if (trig) {
      var lower = chars.map(function (c) { return c.toLowerCase(); });
      var tc = Array.from(trig.toLowerCase());
      for (var i = 0; i + tc.length <= chars.length; i++) {
        var ok = true;
        for (var j = 0; j < tc.length && ok; j++) ok = lower[i + j] === tc[j] && mark[i + j] === 0;
        var before = i === 0 || !/[\p{L}\p{N}]/u.test(chars[i - 1]);
        var after = i + tc.length === chars.length || !/[\p{L}\p{N}]/u.test(chars[i + tc.length]);
        if (ok && before && after) { for (j = 0; j < tc.length; j++) mark[i + j] = 3; break; }
      }
    }
    var p = el('div', { 'class': 'sentence' });
    var tags = [null, ['mark', 'src'], ['mark', 'tgt'], ['u', 'trigger']];
    for (var a = 0; a < chars.length;) {
      var b = a;
      while (b < chars.length && mark[b] === mark[a]) b++;
      var s = chars.slice(a, b).join('');
      var tag = tags[mark[a]];
      p.appendChild(tag ? el(tag[0], { 'class': tag[1] }, s) : document.createTextNode(s));
      a = b;
    }
    return p;
  }

  function showEdge(k) {
    var e = edges[k], box = $('details-body');
    box.textContent = '';
    var r = D.relations[e[E_REL]];
    box.appendChild(el('h3', null, nodes[e[E_S]][N_NAME] + ' ', el('span', { 'class': 'line', style: 'border-color:' + r.colour }), r.name + ' → ' + nodes[e[E_T]][N_NAME]));
    var dl = el('dl');
    function row(k2, v) { dl.appendChild(el('dt', null, k2)); dl.appendChild(el('dd', null, v)); }
    var origins = [];
    if (e[E_TEXT]) origins.push('text ×' + e[E_TEXT]);
    if (e[E_GAZ]) origins.push('gazetteer ×' + e[E_GAZ]);
    row('evidence', origins.join(', '));
    row('confidence', e[E_CONF].toFixed(2));
    if (e[E_ROLES].length) row('roles', e[E_ROLES].join(', '));
    box.appendChild(dl);
    var kept = e[E_EV].length, count = e[E_TEXT] + e[E_GAZ];
    box.appendChild(el('h3', null, 'Evidence' + (kept < count ? ' (' + kept + ' of ' + count + ' kept in the graph file)' : '')));
    var ol = el('ol', { 'class': 'evidence' });
    e[E_EV].forEach(function (v) {
      var li = el('li');
      li.appendChild(el('div', null, el('b', null, v[V_DOC]), v[V_DATE] ? ' · ' + v[V_DATE] : '',
        ' · ' + (v[V_ORIGIN] === 0 ? 'text' : 'gazetteer'), ' · rule ', el('code', null, v[V_RULE]),
        ' · confidence ' + v[V_CONF].toFixed(2), v[V_TRIGGER] ? ' · trigger “' + v[V_TRIGGER] + '”' : '',
        v[V_ROLE] ? ' · role ' + v[V_ROLE] : ''));
      if (v[V_SENT]) li.appendChild(sentence(v));
      if (v[V_FEAT].length) {
        li.appendChild(el('div', { 'class': 'feat' }, 'because: ' + v[V_FEAT].map(function (f) {
          return f[0] + ' ' + (f[1] >= 0 ? '+' : '') + f[1].toFixed(2);
        }).join(', ')));
      }
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }

  function selectEdge(k) {
    var x = cy.getElementById('e' + k);
    cy.elements().unselect();
    if (x.nonempty()) x.select();
    showEdge(k);
  }

  // Draws a node and every neighbour it has under the filters.
  function expand(n) {
    state.pinned.add(n);
    adj[n].forEach(function (k) {
      if (!active[k]) return;
      state.pinned.add(edges[k][E_S]);
      state.pinned.add(edges[k][E_T]);
    });
    update(false, n);
    var x = cy.getElementById('n' + n);
    cy.elements().unselect();
    x.select();
    cy.animate({ center: { eles: x }, duration: 200 });
    showNode(n);
  }

  cy.on('tap', 'node', function (ev) { showNode(ev.target.data('n')); });
  cy.on('dbltap', 'node', function (ev) { expand(ev.target.data('n')); });
  cy.on('tap', 'edge', function (ev) { showEdge(ev.target.data('k')); });

  // ---- Controls ----
  function buildControls() {
    var types = $('types');
    D.types.forEach(function (t) {
      types.appendChild(el('span', null, el('span', { 'class': 'swatch', style: 'background:' + t.fill + (t.shape === 'ellipse' ? ';border-radius:50%' : '') }), t.name + ' (' + t.shape + ')'));
    });
    var facts = D.relations.map(function () { return 0; });
    edges.forEach(function (e) { facts[e[E_REL]]++; });
    var rels = $('relations');
    D.relations.forEach(function (r, i) {
      if (!facts[i]) return;
      var box = el('input', { type: 'checkbox', 'data-rel': String(i) });
      box.checked = state.rels[i];
      box.addEventListener('change', function () { state.rels[i] = box.checked; update(false); });
      rels.appendChild(el('label', null, box, el('span', { 'class': 'line', style: 'border-color:' + r.colour }), r.name, el('span', { 'class': 'count' }, ' ' + fmt(facts[i]))));
    });
    $('origin-text').addEventListener('change', function (ev) { state.text = ev.target.checked; update(false); });
    $('origin-gazetteer').addEventListener('change', function (ev) { state.gazetteer = ev.target.checked; update(false); });
    $('min-count').addEventListener('change', function (ev) { state.minCount = Math.max(1, parseInt(ev.target.value, 10) || 1); update(false); });
    $('cap').value = String(state.cap);
    $('cap').addEventListener('change', function (ev) { state.cap = Math.max(1, parseInt(ev.target.value, 10) || D.cap); update(true); });
    if (minDate) {
      ['from', 'to'].forEach(function (w) {
        var input = $('date-' + w);
        input.min = minDate.slice(0, 4) + '-01-01';
        input.max = maxDate.slice(0, 4) + '-12-31';
        input.addEventListener('change', function () { state[w] = input.value; update(false); });
      });
      $('date-range').textContent = 'evidence dated ' + minDate + ' to ' + maxDate;
    } else {
      $('dates').hidden = true;
    }
    $('fit').addEventListener('click', function () { cy.fit(undefined, 20); });
    $('relayout').addEventListener('click', layout);
    $('reset').addEventListener('click', function () {
      defaults();
      document.querySelectorAll('#relations input').forEach(function (b) { b.checked = true; });
      $('origin-text').checked = true; $('origin-gazetteer').checked = true;
      $('min-count').value = '1'; $('cap').value = String(state.cap);
      $('date-from').value = ''; $('date-to').value = '';
      update(true);
    });
    var search = $('search');
    var results = $('results');
    function find() {
      results.textContent = '';
      var q = search.value.trim().toLowerCase();
      if (q.length < 2) return [];
      var hits = [];
      for (var n = 0; n < N; n++) {
        var d = nodes[n], name = d[N_NAME].toLowerCase(), rank = -1;
        if (name === q || (d[N_QID] && d[N_QID].toLowerCase() === q) || d[N_ID].toLowerCase() === q) rank = 0;
        else if (name.indexOf(q) === 0) rank = 1;
        else if (name.indexOf(q) > 0) rank = 2;
        else if (d[N_ALIASES].some(function (a) { return a.toLowerCase().indexOf(q) >= 0; })) rank = 3;
        if (rank >= 0) hits.push([rank, -degree[n], n]);
      }
      hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
      hits.slice(0, 20).forEach(function (h) {
        var d = nodes[h[2]];
        results.appendChild(el('li', null, el('button', { 'class': 'link', onclick: function () { expand(h[2]); } }, d[N_NAME]),
          el('span', { 'class': 'count' }, ' ' + D.types[d[N_TYPE]].name + ' · ' + degree[h[2]] + ' relations')));
      });
      if (hits.length > 20) results.appendChild(el('li', { 'class': 'muted' }, fmt(hits.length - 20) + ' more: type more letters'));
      if (!hits.length) results.appendChild(el('li', { 'class': 'muted' }, 'no entity matches'));
      return hits;
    }
    search.addEventListener('input', find);
    search.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Enter') return;
      var hits = find();
      if (hits.length) expand(hits[0][2]);
    });
  }

  buildControls();
  update(true);
  // For tests and scripts: the Cytoscape instance and the page's actions.
  window.relgraphPage = { cy: cy, expand: expand, showEdge: showEdge, showNode: showNode };
})();
