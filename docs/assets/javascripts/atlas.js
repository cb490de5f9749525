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
