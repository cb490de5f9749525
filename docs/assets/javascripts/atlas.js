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

/* The all-models table and the compare page, drawn from assets/atlas-data.js (self.ATLAS_DATA,
 * written at build time by atlas/render/explore.py). Their state lives in the page's address
 * (?org=meta-ai&sort=params&dir=desc, ?m=llama-65b&m=chinchilla-70b), so a view can be shared and
 * survives a reload. Data keyed by ids sits in Maps: an id such as "__proto__" is harmless. */
(function () {
  "use strict";
  var UNITS = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  var SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";

  function esc(v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  // as atlas/render/md.py fmt_count: at most three significant digits
  function count(n) {
    for (var i = 0; i < UNITS.length; i++) {
      if (n >= UNITS[i][0]) {
        var x = +(n / UNITS[i][0]).toPrecision(3);
        if (x >= 1000 && i > 0) return +(n / UNITS[i - 1][0]).toPrecision(3) + UNITS[i - 1][1];
        return x + UNITS[i][1];
      }
    }
    return String(n);
  }
  function flops(n) { // 5.4768e23 -> "5.5 × 10²³"
    var e = Math.floor(Math.log10(n)), m = n / Math.pow(10, e);
    if (+m.toPrecision(2) >= 10) { e += 1; m /= 10; }
    return +m.toPrecision(2) + " × 10" + String(e).replace(/\d/g, function (d) { return SUP[d]; });
  }
  function entries(obj) { return new Map(Object.keys(obj || {}).map(function (k) { return [k, obj[k]]; })); }
  function norm(s) { return String(s).toLowerCase().replace(/[\s\-_.·]+/g, ""); }

  function data() {
    var D = self.ATLAS_DATA;
    if (!D || D.byId) return D;
    D.list = D.models.map(function (row, i) {
      var m = Object.create(null);
      D.fields.forEach(function (f, j) { m[f] = row[j]; });
      m.index = i;
      return m;
    });
    D.byId = new Map(D.list.map(function (m) { return [m.id, m]; }));
    D.orgMap = entries(D.orgs);
    D.licenseMap = entries(D.licenses);
    D.columns.forEach(function (c) { c.map = entries(c.values); });
    var script = document.querySelector('script[src*="atlas-data.js"]');
    D.root = new URL("..", script ? script.src : location.href); // assets/atlas-data.js -> the site root
    return D;
  }
  function translator(el) {
    var s = entries(JSON.parse(el.getAttribute("data-strings") || "{}"));
    return function (key, values) {
      var text = s.has(key) ? s.get(key) : key;
      Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
      return text;
    };
  }
  function unknown(t) { return '<span class="atlas-unknown" title="' + esc(t("not reported")) + '">–</span>'; }
  function orgs(D, m) { return m.orgs.map(function (o) { return D.orgMap.get(o) || o; }).join(", "); }
  function access(t, m) {
    if (!m.access) return null;
    var text = esc(t({ "open-weights": "open weights", "api-only": "API only", closed: "closed" }[m.access] || m.access));
    return m.gated && m.access === "open-weights" ? text + ' <span class="atlas-sub">' + esc(t("gated")) + "</span>" : text;
  }
  function license(D, m) { return m.license && D.licenseMap.has(m.license) ? D.licenseMap.get(m.license)[0] : null; }

  /* The columns both views show: key, header, sort value (null: unknown), cell HTML. */
  function columns(D, t) {
    var cols = [
      { key: "org", label: t("Organization"), value: function (m) { return orgs(D, m) || null; } },
      { key: "released", label: t("Released"), value: function (m) { return m.released || null; }, cls: "atlas-date" },
      { key: "params", label: t("Parameters"), num: true, value: function (m) { return m.params; },
        html: function (m) { return (m.params ? '<span title="' + m.params.toLocaleString("en-US") + '">' + count(m.params) + "</span>" : unknown(t)) + (m.active ? '<span class="atlas-sub">' + esc(t("{n} active", { n: count(m.active) })) + "</span>" : ""); } },
      { key: "tokens", label: t("Training tokens"), num: true, value: function (m) { return m.tokens; }, text: count },
      { key: "context", label: t("Context length"), num: true, value: function (m) { return m.context; }, text: function (v) { return v.toLocaleString("en-US"); } },
      { key: "compute", label: t("Training compute"), sub: t("derived"), title: t("derived: 6 × parameters × tokens"), num: true, value: function (m) { return m.compute; }, text: flops, cls: "atlas-derived" },
      { key: "license", label: t("License"), value: function (m) { return license(D, m); },
        html: function (m) { var l = license(D, m); return l ? '<span title="' + esc(l + " (" + t(D.licenseClasses[D.licenseMap.get(m.license)[1]]) + ")") + '">' + esc(l) + "</span>" : unknown(t); } },
      { key: "access", label: t("Access"), value: function (m) { return m.access ? m.access + (m.gated ? "+" : "") : null; }, html: function (m) { return access(t, m) || unknown(t); } },
      { key: "arch", label: t("Architecture"), value: function (m) { return m.arch || null; }, text: function (v, m) { return v + (m.moe ? " (MoE)" : ""); } }
    ];
    D.columns.forEach(function (c, i) {
      cols.push({ key: "r." + c.bench, label: c.name, sub: c.setting, num: true, higher: c.higher,
        value: function (m) { var v = c.map.get(m.id); return v ? v[0] : null; },
        html: function (m) { var v = c.map.get(m.id); return v ? '<span title="' + esc(v[1]) + '">' + esc(v[0]) + "</span>" : unknown(t); } });
    });
    return cols;
  }
  function cell(col, m, t) {
    if (col.html) return col.html(m);
    var v = col.value(m);
    return v === null || v === undefined ? unknown(t) : esc(col.text ? col.text(v, m) : v);
  }
  function compareValues(a, b) { return typeof a === "number" ? a - b : String(a).localeCompare(String(b)); }
  // unknown values last, whichever the direction; ties keep the data's order
  function sorted(list, col, dir) {
    var known = [], missing = [];
    list.forEach(function (m) { var v = col.value(m); (v === null || v === undefined ? missing : known).push(m); });
    known.sort(function (a, b) { return (dir === "desc" ? -1 : 1) * compareValues(col.value(a), col.value(b)) || a.index - b.index; });
    return known.concat(missing);
  }

  // ?name=, not ?q=: Material opens its search box for a q in the address
  var FILTERS = {
    name: function (D, m, v) { var q = norm(v); return [m.name, m.familyName].concat(m.aliases).some(function (s) { return norm(s).indexOf(q) >= 0; }); },
    org: function (D, m, v) { return m.orgs.indexOf(v) >= 0; },
    year: function (D, m, v) { return (m.released || "").slice(0, 4) === v; },
    access: function (D, m, v) { return (m.access || "unknown") === v; },
    lclass: function (D, m, v) { return !!m.license && D.licenseMap.has(m.license) && D.licenseMap.get(m.license)[1] === v; },
    license: function (D, m, v) { return m.license === v; },
    arch: function (D, m, v) { return m.arch === v; },
    pmin: function (D, m, v) { return m.params !== null && m.params >= +v; },
    pmax: function (D, m, v) { return m.params !== null && m.params <= +v; },
    bench: function (D, m, v) { return m.benchmarks.indexOf(v) >= 0; }
  };

  function table() {
    var box = document.getElementById("atlas-models");
    var form = document.querySelector("form.atlas-filters");
    var D = data();
    if (!box || !form || !D || box.hasAttribute("data-ready")) return;
    box.setAttribute("data-ready", "");
    var t = translator(box);
    var cols = columns(D, t), byKey = new Map(cols.map(function (c) { return [c.key, c]; }));
    var nameCol = { key: "name", label: t("Model"), value: function (m) { return m.name; } };
    byKey.set("name", nameCol);
    var controls = Array.prototype.filter.call(form.elements, function (el) { return Object.prototype.hasOwnProperty.call(FILTERS, el.name); });
    var output = form.querySelector("output"), button = form.querySelector(".atlas-compare-selected");
    var params = new URLSearchParams(location.search);
    controls.forEach(function (el) { if (params.has(el.name)) el.value = params.get(el.name); });
    // on a phone the filters fold away unless the address sets some, so the table is in view
    var fold = form.closest("details");
    if (fold && !active().length && window.matchMedia("(max-width: 44.9375em)").matches) fold.open = false;
    var sort = byKey.has(params.get("sort")) ? params.get("sort") : "", dir = params.get("dir") === "desc" ? "desc" : "asc";
    var picked = params.getAll("m").filter(function (id) { return D.byId.has(id); }).slice(0, 4);

    function active(except) {
      return controls.filter(function (el) { return el.value && el !== except; });
    }
    function matching(filters) {
      return D.list.filter(function (m) { return filters.every(function (el) { return FILTERS[el.name](D, m, el.value); }); });
    }
    function describe(el) {
      var label = el.parentNode.firstChild.textContent.trim();
      return label + ": " + (el.tagName === "SELECT" ? el.options[el.selectedIndex].text : el.value);
    }
    function remember() {
      var q = new URLSearchParams();
      controls.forEach(function (el) { if (el.value) q.set(el.name, el.value); });
      if (sort) { q.set("sort", sort); q.set("dir", dir); }
      picked.forEach(function (id) { q.append("m", id); });
      var s = q.toString();
      history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
    }
    function header() {
      return "<thead><tr>" + [nameCol].concat(cols).map(function (c) {
        var state = c.key === sort ? (dir === "desc" ? "descending" : "ascending") : "none";
        return '<th scope="col" aria-sort="' + state + '"' + (c.num ? ' class="n"' : "") + (c.title ? ' title="' + esc(c.title) + '"' : "") +
          '><button type="button" data-sort="' + esc(c.key) + '" aria-label="' + esc(t("Sort by {column}", { column: c.label + (c.sub ? " " + c.sub : "") })) + '">' +
          esc(c.label) + (c.sub ? '<span class="atlas-sub">' + esc(c.sub) + "</span>" : "") + "</button></th>";
      }).join("") + "</tr></thead>";
    }
    function row(m) {
      var on = picked.indexOf(m.id) >= 0, full = picked.length >= 4 && !on;
      var name = '<th scope="row"><input type="checkbox" value="' + esc(m.id) + '"' + (on ? " checked" : "") + (full ? ' disabled title="' + esc(t("Up to four models can be compared.")) + '"' : "") +
        ' aria-label="' + esc(t("Select {name} to compare", { name: m.name })) + '"> <a href="' + esc(new URL(m.url, D.root).href) + '">' + esc(m.name) + "</a></th>";
      return "<tr>" + name + cols.map(function (c) { var cls = (c.num ? "n " : "") + (c.cls || "");
        return "<td" + (cls ? ' class="' + cls.trim() + '"' : "") + ">" + cell(c, m, t) + "</td>"; }).join("") + "</tr>";
    }
    function empty() {
      var filters = active();
      var hints = filters.map(function (el) { return [el, matching(active(el)).length]; }).filter(function (x) { return x[1] > 0; });
      return '<div class="atlas-empty" role="status"><p>' + esc(t("No model matches all these filters.")) + "</p><ul>" +
        hints.map(function (x, i) {
          return "<li>" + esc(t(x[1] === 1 ? "Without “{filter}”: 1 model." : "Without “{filter}”: {n} models.", { filter: describe(x[0]), n: x[1] })) + ' <button type="button" class="md-button" data-clear="' + i + '">' + esc(t("Clear “{filter}”", { filter: describe(x[0]) })) + "</button></li>";
        }).join("") + '<li><button type="button" class="md-button" data-clear="all">' + esc(t("Clear all filters")) + "</button></li></ul></div>";
    }
    var hints = [];
    function draw(update) {
      var filters = active(), shown = matching(filters);
      if (sort) shown = sorted(shown, byKey.get(sort), dir);
      output.textContent = t("{shown} of {total} models", { shown: shown.length, total: D.list.length });
      button.textContent = t("Compare selected ({n})", { n: picked.length });
      button.disabled = picked.length < 1;
      var scrollLeft = box.firstChild && box.firstChild.scrollLeft;
      hints = shown.length ? [] : filters.filter(function (el) { return matching(active(el)).length > 0; });
      box.innerHTML = '<div class="atlas-scroll" tabindex="0"><table class="atlas-grid">' + header() + "<tbody>" + shown.map(row).join("") + "</tbody></table></div>" + (shown.length ? "" : empty());
      if (scrollLeft) box.firstChild.scrollLeft = scrollLeft;
      fit();
      if (update) remember();
    }
    // the table's box fills the window below its top, so its horizontal scrollbar is in view
    function fit() {
      var scroll = box.firstChild, top = scroll.getBoundingClientRect().top + window.scrollY;
      var room = window.innerHeight - top - 12;
      scroll.style.maxHeight = (room > 0.55 * window.innerHeight ? room : window.innerHeight - 64) + "px";
    }
    box.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      if (b.hasAttribute("data-sort")) {
        var key = b.getAttribute("data-sort"), col = byKey.get(key);
        if (key === sort) dir = dir === "asc" ? "desc" : "asc";
        else { sort = key; dir = col.num ? "desc" : "asc"; }
        draw(true);
        var again = box.querySelector('button[data-sort="' + CSS.escape(key) + '"]');
        if (again) again.focus();
      } else if (b.hasAttribute("data-clear")) {
        var which = b.getAttribute("data-clear");
        (which === "all" ? active() : [hints[+which]]).forEach(function (el) { if (el) el.value = ""; });
        draw(true);
      }
    });
    box.addEventListener("change", function (e) {
      var box2 = e.target;
      if (box2.type !== "checkbox") return;
      var i = picked.indexOf(box2.value);
      if (box2.checked && i < 0 && picked.length < 4) picked.push(box2.value);
      if (!box2.checked && i >= 0) picked.splice(i, 1);
      var scroll = box.firstChild, top = scroll.scrollTop, left = scroll.scrollLeft;
      draw(true);
      box.firstChild.scrollTop = top;
      box.firstChild.scrollLeft = left;
      var again = box.querySelector('input[value="' + CSS.escape(box2.value) + '"]');
      if (again) again.focus();
    });
    button.addEventListener("click", function () {
      var q = new URLSearchParams();
      picked.forEach(function (id) { q.append("m", id); });
      location.href = box.getAttribute("data-compare") + "?" + q.toString();
    });
    form.addEventListener("input", function (e) { if (e.target.name === "name") draw(true); });
    form.addEventListener("change", function (e) { if (e.target.name !== "name") draw(true); });
    form.addEventListener("reset", function () { setTimeout(function () { draw(true); }, 0); });
    window.addEventListener("resize", fit);
    draw(false);
  }

  /* Compare: a picker per model (type to filter names and aliases; arrows, Enter, Escape),
   * the models' facts side by side, and the results they share with each source beside its value. */
  function picker(input, D, list, onPick) {
    var id = "atlas-pick-" + Math.random().toString(36).slice(2), options = [], current = -1;
    var ul = document.createElement("ul");
    ul.id = id;
    ul.className = "atlas-options";
    ul.setAttribute("role", "listbox");
    ul.hidden = true;
    input.setAttribute("aria-controls", id);
    input.parentNode.appendChild(ul);
    function close() { ul.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); current = -1; }
    function choose(i) {
      var m = options[i];
      if (!m) return;
      input.value = m.name;
      close();
      onPick(input, m.id);
    }
    function mark(i) {
      current = i;
      Array.prototype.forEach.call(ul.children, function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
      if (ul.children[i]) { input.setAttribute("aria-activedescendant", ul.children[i].id); ul.children[i].scrollIntoView({ block: "nearest" }); }
    }
    function open() {
      var q = norm(input.value);
      if (!q) { close(); return; }
      var ranked = [];
      list.forEach(function (m) {
        var n = norm(m.name), rank = n.indexOf(q) === 0 ? 0 : n.indexOf(q) > 0 ? 1 : -1, via = "";
        if (rank < 0) {
          via = m.aliases.concat([m.familyName]).filter(function (a) { return norm(a).indexOf(q) >= 0; })[0] || "";
          if (via) rank = 2;
        }
        if (rank >= 0) ranked.push([rank, m, via]);
      });
      ranked.sort(function (a, b) { return a[0] - b[0] || a[1].name.localeCompare(b[1].name); });
      options = ranked.slice(0, 12).map(function (x) { return x[1]; });
      ul.innerHTML = ranked.slice(0, 12).map(function (x, i) {
        return '<li role="option" id="' + id + "-" + i + '" aria-selected="false">' + esc(x[1].name) + ' <span class="atlas-sub">' + esc(x[2] && x[2] !== x[1].familyName ? x[2] + " · " + x[1].familyName : x[1].familyName) + "</span></li>";
      }).join("");
      ul.hidden = !options.length;
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      current = -1;
    }
    input.addEventListener("input", open);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (ul.hidden) open();
        if (options.length) mark((current + (e.key === "ArrowDown" ? 1 : options.length - 1 + (current < 0 ? 1 : 0))) % options.length);
        e.preventDefault();
      } else if (e.key === "Enter") {
        if (!ul.hidden && options.length) choose(current >= 0 ? current : 0);
        else onPick(input, null);
        e.preventDefault();
      } else if (e.key === "Escape") {
        close();
      }
    });
    ul.addEventListener("mousedown", function (e) { // before the input's blur
      var li = e.target.closest("li");
      if (li) { e.preventDefault(); choose(Array.prototype.indexOf.call(ul.children, li)); }
    });
    input.addEventListener("blur", function () {
      close();
      onPick(input, null); // typed text: an exact name or alias picks, nothing else
    });
  }

  function compare() {
    var form = document.querySelector("form.atlas-compare"), out = document.getElementById("atlas-compare-out");
    var D = data();
    if (!form || !out || !D || form.hasAttribute("data-ready")) return;
    form.setAttribute("data-ready", "");
    var t = translator(out);
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=m]"));
    var list = D.list.slice().sort(function (a, b) { return a.name.localeCompare(b.name); });
    var exact = new Map();
    D.list.forEach(function (m) { [m.name].concat(m.aliases).forEach(function (a) { if (!exact.has(norm(a))) exact.set(norm(a), m.id); }); });
    var chosen = [];
    new URLSearchParams(location.search).getAll("m").forEach(function (v) { v.split(",").forEach(function (id) { if (D.byId.has(id) && chosen.indexOf(id) < 0) chosen.push(id); }); });
    inputs.forEach(function (input, i) {
      var id = chosen[i];
      if (id) { input.value = D.byId.get(id).name; input.setAttribute("data-id", id); }
      picker(input, D, list, function (el, pickedId) {
        if (pickedId === null) { // typed text: an exact name or alias picks; anything else is named
          var text = norm(el.value), was = el.getAttribute("data-id");
          if (!text) pickedId = "";
          else if (exact.has(text)) pickedId = exact.get(text);
          else pickedId = was && D.byId.has(was) && norm(D.byId.get(was).name) === text ? was : "";
          if (pickedId) el.value = D.byId.get(pickedId).name;
        }
        if (pickedId) el.setAttribute("data-id", pickedId);
        else el.removeAttribute("data-id");
        draw(true, pickedId === "" && el.value ? el.value : "");
      });
    });
    var byModel = null;
    function results() {
      if (byModel) return byModel;
      byModel = new Map();
      D.results.rows.forEach(function (r) {
        if (!byModel.has(r[0])) byModel.set(r[0], []);
        byModel.get(r[0]).push(r);
      });
      return byModel;
    }
    function modelHead(m) { return '<th scope="col"><a href="' + esc(new URL(m.url, D.root).href) + '">' + esc(m.name) + "</a></th>"; }
    function facts(models) {
      var cols = columns(D, t).filter(function (c) { return c.key.indexOf("r.") !== 0; });
      var rows = [{ label: t("Family"), html: function (m) { return esc(m.familyName); } }].concat(cols.map(function (c) { return { label: c.label + (c.sub ? " (" + c.sub + ")" : ""), known: c.value, html: function (m) { return cell(c, m, t); } }; })).concat([
        { label: t("Layers"), known: function (m) { return m.layers; }, html: function (m) { return m.layers ? esc(m.layers) : unknown(t); } },
        { label: t("d_model"), known: function (m) { return m.dModel; }, html: function (m) { return m.dModel ? esc(m.dModel.toLocaleString("en-US")) : unknown(t); } },
        { label: t("Attention heads"), known: function (m) { return m.heads; }, html: function (m) { return m.heads ? esc(m.heads) : unknown(t); } }
      ]);
      rows = rows.filter(function (r) { return !r.known || models.some(function (m) { return r.known(m) !== null && r.known(m) !== undefined; }); });
      return "<h2>" + esc(t("Facts")) + '</h2><div class="atlas-scroll"><table class="atlas-grid atlas-compare-grid"><thead><tr><th></th>' + models.map(modelHead).join("") + "</tr></thead><tbody>" +
        rows.map(function (r) { return '<tr><th scope="row">' + esc(r.label) + "</th>" + models.map(function (m) { return "<td>" + r.html(m) + "</td>"; }).join("") + "</tr>"; }).join("") + "</tbody></table></div>";
    }
    function shared(models) {
      var L = D.results.labels, rowsBy = new Map();
      models.forEach(function (m) {
        (results().get(m.id) || []).forEach(function (r) {
          if (!rowsBy.has(r[1])) rowsBy.set(r[1], new Map());
          var cells = rowsBy.get(r[1]);
          if (!cells.has(m.id)) cells.set(m.id, []);
          cells.get(m.id).push(r);
        });
      });
      var keys = Array.from(rowsBy.keys()).filter(function (k) { return rowsBy.get(k).size >= 2; }).sort(function (a, b) { return L[a].localeCompare(L[b]); });
      var html = "<h2>" + esc(t("Shared results")) + "</h2>";
      if (!keys.length) return html + "<p>" + esc(t("These models share no benchmark result with the same setting.")) + "</p>";
      return html + '<div class="atlas-scroll"><table class="atlas-grid atlas-compare-grid"><thead><tr><th scope="col">' + esc(t("Benchmark · setting · metric")) + "</th>" + models.map(modelHead).join("") + "</tr></thead><tbody>" +
        keys.map(function (k) {
          var cells = rowsBy.get(k), all = [];
          cells.forEach(function (rs) { rs.forEach(function (r) { all.push(r); }); });
          var higher = all[0][5] === 1, best = all.reduce(function (b, r) { return higher ? Math.max(b, r[2]) : Math.min(b, r[2]); }, higher ? -Infinity : Infinity);
          var winners = models.filter(function (m) { return (cells.get(m.id) || []).some(function (r) { return r[2] === best; }); }).length;
          var mark = winners < cells.size;
          return '<tr><th scope="row">' + esc(L[k]) + "</th>" + models.map(function (m) {
            var rs = cells.get(m.id);
            if (!rs) return "<td>" + unknown(t) + "</td>";
            return "<td><ul>" + rs.map(function (r) {
              var top = mark && r[2] === best;
              return "<li" + (top ? ' class="atlas-best"' : "") + '><span class="atlas-value">' + esc(r[2]) + "</span>" + (top ? ' <span class="atlas-best-mark">' + esc(t("best")) + "</span>" : "") +
                ' <span class="atlas-src">' + esc(L[r[3]] + ", " + L[r[4]]) + "</span></li>";
            }).join("") + "</ul></td>";
          }).join("") + "</tr>";
        }).join("") + "</tbody></table></div>";
    }
    function draw(update, missing) {
      var ids = [];
      inputs.forEach(function (el) { var id = el.getAttribute("data-id"); if (id && D.byId.has(id) && ids.indexOf(id) < 0) ids.push(id); });
      if (update) {
        var q = new URLSearchParams();
        ids.forEach(function (id) { q.append("m", id); });
        history.replaceState(null, "", location.pathname + (ids.length ? "?" + q.toString() : "") + location.hash);
      }
      var models = ids.map(function (id) { return D.byId.get(id); });
      var note = missing ? '<p class="atlas-empty" role="status">' + esc(t("No model is called “{q}”.", { q: missing })) + "</p>" : "";
      if (!models.length) { out.innerHTML = note + "<p>" + esc(t("Choose two to four models above.")) + "</p>"; return; }
      out.innerHTML = note + facts(models) + (models.length < 2 ? "<p>" + esc(t("Choose one more model to see the results they share.")) + "</p>" : shared(models));
    }
    draw(false, "");
  }

  function init() { table(); compare(); }
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();

/* Charts (atlas/render/charts.py): a touch screen has no hover, so the first tap on a chart
 * point whose label is hidden shows it (atlas.css shows an armed or focused point's label) and
 * a second tap on the same point follows its link. Mouse and keyboard are left alone. */
(function () {
  "use strict";
  var touch = false;
  document.addEventListener("pointerdown", function (e) {
    touch = e.pointerType === "touch" || e.pointerType === "pen";
  }, true);
  document.addEventListener("click", function (e) {
    var point = e.target.closest && e.target.closest("svg.atlas-chart a.atlas-pt");
    if (!point || !touch || point.classList.contains("atlas-labelled")) return;
    var armed = document.querySelector("svg.atlas-chart a.atlas-pt[data-atlas-armed]");
    if (armed === point) return;
    e.preventDefault();
    if (armed) armed.removeAttribute("data-atlas-armed");
    point.setAttribute("data-atlas-armed", "");
    point.focus();
  });
})();
