/* Foundation Model Atlas: sortable tables (tablesort, vendored) with a sort
 * that understands 65.2B, 1.4T, 125M, 2,048 and "–" (unknown, sorts last). */
(function () {
  "use strict";
  var SCALE = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
  // a whole cell: "–", "65.2B", "2,048", "63.4", or a range "125M – 175B" (sorted by its first number)
  var NUM = "-?\\d[\\d,]*(?:\\.\\d+)?\\s*[KMBT]?";
  var PATTERN = new RegExp("^\\s*(?:–|" + NUM + "(?:\\s*–\\s*" + NUM + ")?)\\s*$");

  function magnitude(text) {
    var m = text.replace(/,/g, "").match(/(-?\d+(?:\.\d+)?)\s*([KMBT])?/);
    return m ? parseFloat(m[1]) * (m[2] ? SCALE[m[2]] : 1) : null;
  }

  Tablesort.extend("atlas-magnitude", function (item) {
    return PATTERN.test(item);
  }, function (a, b) {
    var x = magnitude(a), y = magnitude(b);
    if (x === null && y === null) return 0;
    if (x === null) return -1;
    if (y === null) return 1;
    return y - x;
  });

  function init() {
    var tables = document.querySelectorAll("article table:not([class])");
    for (var i = 0; i < tables.length; i++) {
      if (!tables[i].hasAttribute("data-atlas-sortable")) {
        tables[i].setAttribute("data-atlas-sortable", "");
        new Tablesort(tables[i]);
      }
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();

/* Filters of the model table: the state lives in the URL (?org=meta-ai&access=open-weights),
 * so a filtered view can be shared or bookmarked. */
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("form.atlas-filters");
    if (!form || form.hasAttribute("data-ready")) return;
    form.setAttribute("data-ready", "");
    var table = document.getElementById(form.getAttribute("data-table"));
    var rows = table.tBodies[0].rows;
    var output = form.querySelector("output");
    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && params.has(el.name)) el.value = params.get(el.name);
    });

    function apply(updateUrl) {
      var f = {};
      Array.prototype.forEach.call(form.elements, function (el) { if (el.name) f[el.name] = el.value; });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var d = rows[i].dataset, p = parseFloat(d.params);
        var ok = (!f.org || d.org.split(" ").indexOf(f.org) >= 0) &&
          (!f.year || d.year === f.year) &&
          (!f.access || d.access === f.access) &&
          (!f.license || d.license === f.license) &&
          (!f.lclass || d.lclass === f.lclass) &&
          (!f.arch || d.arch === f.arch) &&
          (!f.pmin || (p >= parseFloat(f.pmin))) &&
          (!f.pmax || (p <= parseFloat(f.pmax))) &&
          (!f.bench || d.bench.split(" ").indexOf(f.bench) >= 0);
        rows[i].hidden = !ok;
        if (ok) shown++;
      }
      output.textContent = (output.getAttribute("data-template") || "{shown} of {total} models")
        .replace("{shown}", shown).replace("{total}", rows.length);
      if (updateUrl) {
        var q = new URLSearchParams();
        Object.keys(f).forEach(function (k) { if (f[k]) q.set(k, f[k]); });
        var s = q.toString();
        history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
      }
    }
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  /* Compare: two to four models side by side, from data embedded in the page. */
  function compare() {
    var source = document.getElementById("atlas-compare-data");
    var form = document.querySelector("form.atlas-compare");
    if (!source || !form || form.hasAttribute("data-ready")) return;
    form.setAttribute("data-ready", "");
    var data = JSON.parse(source.textContent);
    // The page's interface strings (atlas/render/strings.py), written by the compare macro.
    var words = document.getElementById("atlas-strings");
    words = words ? JSON.parse(words.textContent) : {};
    function say(s) { return words[s] || s; }
    var out = document.getElementById("atlas-compare-out");
    var selects = form.querySelectorAll("select");
    var ids = Object.keys(data.variants).sort(function (a, b) {
      var x = data.variants[a], y = data.variants[b];
      return (x.family + x.name).localeCompare(y.family + y.name);
    });
    Array.prototype.forEach.call(selects, function (sel) {
      var groups = {};
      ids.forEach(function (id) {
        var v = data.variants[id];
        if (!groups[v.family]) {
          groups[v.family] = document.createElement("optgroup");
          groups[v.family].label = v.family;
          sel.appendChild(groups[v.family]);
        }
        var o = document.createElement("option");
        o.value = id;
        o.textContent = v.name;
        groups[v.family].appendChild(o);
      });
    });
    var chosen = new URLSearchParams(location.search).getAll("m");
    chosen.forEach(function (id, i) { if (selects[i] && data.variants[id]) selects[i].value = id; });

    function el(tag, text, attrs) {
      var e = document.createElement(tag);
      if (text !== undefined && text !== null) e.textContent = text;
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      return e;
    }
    function count(n) {
      if (!n) return "–";
      var units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
      for (var i = 0; i < units.length; i++) if (n >= units[i][0]) return +(n / units[i][0]).toPrecision(5) + units[i][1];
      return String(n);
    }
    function render(updateUrl) {
      var picked = [];
      Array.prototype.forEach.call(selects, function (s) { if (s.value && picked.indexOf(s.value) < 0) picked.push(s.value); });
      if (updateUrl) {
        var q = new URLSearchParams();
        picked.forEach(function (id) { q.append("m", id); });
        history.replaceState(null, "", location.pathname + (picked.length ? "?" + q.toString() : "") + location.hash);
      }
      out.textContent = "";
      if (picked.length < 2) { out.appendChild(el("p", say("Choose two to four models above."))); return; }
      var facts = [["Family", "family"], ["Organization", "organization"], ["Released", "released"], ["Parameters", "parameters", count],
        ["Active parameters", "active_parameters", count], ["Training tokens", "training_tokens", count], ["Context length", "context_length"],
        ["Layers", "layers"], ["d_model", "d_model"], ["Attention heads", "attention_heads"], ["License", "license"], ["Access", "access"], ["Architecture", "architecture"]];
      var t = el("table"), head = el("tr");
      head.appendChild(el("th", ""));
      picked.forEach(function (id) {
        var th = el("th"), a = el("a", data.variants[id].name, {href: data.variants[id].url});
        th.appendChild(a);
        head.appendChild(th);
      });
      t.appendChild(el("thead")).appendChild(head);
      var body = t.appendChild(el("tbody"));
      facts.forEach(function (f) {
        var tr = el("tr");
        tr.appendChild(el("th", say(f[0])));
        picked.forEach(function (id) {
          var v = data.variants[id][f[1]];
          tr.appendChild(el("td", v === null || v === undefined ? "–" : (f[2] ? f[2](v) : String(v))));
        });
        body.appendChild(tr);
      });
      out.appendChild(el("h2", say("Facts")));
      out.appendChild(t);
      // results keyed by benchmark + setting + metric; only rows that two or more chosen models share
      var shared = {};
      data.results.forEach(function (r) {
        if (picked.indexOf(r[0]) < 0) return;
        var key = r[1] + " · " + r[2] + " · " + r[3];
        (shared[key] = shared[key] || {})[r[0]] = (shared[key][r[0]] || []).concat([[r[4], r[5]]]);
      });
      var keys = Object.keys(shared).filter(function (k) { return Object.keys(shared[k]).length >= 2; }).sort();
      out.appendChild(el("h2", say("Shared results")));
      if (!keys.length) { out.appendChild(el("p", say("These models share no benchmark result with the same setting."))); return; }
      var rt = el("table"), rh = el("tr");
      rh.appendChild(el("th", say("Benchmark · setting · metric")));
      picked.forEach(function (id) { rh.appendChild(el("th", data.variants[id].name)); });
      rt.appendChild(el("thead")).appendChild(rh);
      var rb = rt.appendChild(el("tbody"));
      keys.forEach(function (k) {
        var tr = el("tr");
        tr.appendChild(el("th", k));
        picked.forEach(function (id) {
          var vals = shared[k][id] || [];
          var td = el("td", vals.length ? vals.map(function (x) { return x[0] % 1 === 0 ? x[0].toFixed(1) : String(x[0]); }).join(" / ") : "–");
          if (vals.length) td.title = vals.map(function (x) { return x[0] + ": " + x[1]; }).join("\n");
          tr.appendChild(td);
        });
        rb.appendChild(tr);
      });
      out.appendChild(rt);
      out.appendChild(el("p", say("Hover a value for its source and the place in it. Values from different sources are separated by a slash.")));
    }
    form.addEventListener("change", function () { render(true); });
    render(false);
  }

  function init() { setup(); compare(); }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
