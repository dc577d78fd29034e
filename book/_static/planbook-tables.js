/* planbook: every table.planbook-table of more than 15 rows becomes sortable, filterable and
   searchable (DataTables with ColumnControl, served from _static/datatables). A column of few
   distinct values gets a list of them to tick, any other a search box; numbers (−4.5%, 341.21 亿元)
   sort as numbers. Without JavaScript the table stays a plain HTML table. */
(function () {
  "use strict";
  var MIN_ROWS = 16;
  var MAX_CHOICES = 40;
  var NUMBER = /^[+\-\u2212]?\d[\d,]*(?:\.\d+)?/;

  function cellText(cell) {
    return (cell.textContent || "").replace(/\s+/g, " ").trim();
  }

  function numberOf(text) {
    var m = NUMBER.exec(text);
    return m ? parseFloat(m[0].replace(/,/g, "").replace("\u2212", "-")) : null;
  }

  function columnTexts(table, i) {
    var texts = [];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      texts.push(row.cells[i] ? cellText(row.cells[i]) : "");
    });
    return texts;
  }

  // Numbers sort as numbers: each cell of an all-numeric column gets its value as data-order.
  function markNumbers(table, i, texts) {
    var filled = texts.filter(function (t) { return t !== ""; });
    if (!filled.length || !filled.every(function (t) { return NUMBER.test(t); })) return;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, r) {
      var n = numberOf(texts[r]);
      row.cells[i].setAttribute("data-order", n === null ? "-1e300" : String(n));
    });
  }

  function columnControl(texts) {
    var distinct = new Set(texts.filter(function (t) { return t !== ""; }));
    var list = distinct.size > 0 && distinct.size <= MAX_CHOICES && distinct.size < texts.length;
    return ["order", [list ? "searchList" : "search"]];
  }

  function enhance(DataTable, table) {
    var head = table.tHead;
    if (!head || head.rows.length !== 1 || table.querySelector("[rowspan],[colspan]")) return;
    var defs = [];
    for (var i = 0; i < head.rows[0].cells.length; i++) {
      var texts = columnTexts(table, i);
      markNumbers(table, i, texts);
      defs.push({ targets: i, columnControl: columnControl(texts) });
    }
    table.classList.add("planbook-interactive");
    new DataTable(table, {
      order: [],
      pageLength: 25,
      lengthMenu: [10, 25, 50, 100, { label: "All", value: -1 }],
      autoWidth: false,
      columnDefs: defs,
      ordering: { indicators: false, handler: false },
    });
  }

  function start() {
    var lib = window.planbookDataTables;
    if (!lib) return;
    document.querySelectorAll("table.planbook-table").forEach(function (table) {
      if (table.tBodies.length === 1 && table.tBodies[0].rows.length >= MIN_ROWS) enhance(lib.DataTable, table);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
