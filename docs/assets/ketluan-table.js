/* ketluan: the agency overview table, sorted and filtered in the page (offline).
 *
 * Each column header holds a button (reachable by Tab, pressed by Enter or Space)
 * that sorts by that column, then the other way; the group selector and the
 * "overdue only" box filter the rows. Without JavaScript the table is as built.
 */
(function () {
  "use strict";

  // A table wider than its frame scrolls sideways, which a keyboard can do only once
  // the frame takes the focus: make such frames focusable regions named after the
  // heading above them (WCAG 2.1.1).
  function scrollableByKeyboard() {
    var frames = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(frames, function (frame) {
      if (frame.scrollWidth <= frame.clientWidth + 1) return;
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      var heading = null;
      for (var el = frame.previousElementSibling; el && !heading; el = el.previousElementSibling)
        if (/^H[1-6]$/.test(el.tagName)) heading = el;
      var name = heading ? heading.textContent.replace("¶", "").trim() : "Bảng";
      frame.setAttribute("aria-label", name + " (bảng cuộn ngang)");
    });
  }
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", scrollableByKeyboard);
  else
    scrollableByKeyboard();
  window.addEventListener("resize", scrollableByKeyboard);

  function cellValue(row, column, numeric) {
    var text = row.cells[column].textContent.trim();
    return numeric ? Number(text) : text;
  }

  function sortBy(table, column, numeric, button) {
    var header = button.closest("th");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var headers = table.tHead.rows[0].cells;
    for (var i = 0; i < headers.length; i++) headers[i].setAttribute("aria-sort", "none");
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, column, numeric), y = cellValue(b, column, numeric);
      var order = numeric ? x - y : x.localeCompare(y, "vi");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function filter(table, tools) {
    var group = tools.querySelector('[data-kl-filter="group"]').value;
    var overdue = tools.querySelector('[data-kl-filter="overdue"]').checked;
    var rows = table.tBodies[0].rows;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var keep = (!group || rows[i].getAttribute("data-group") === group) &&
        (!overdue || Number(rows[i].getAttribute("data-overdue")) > 0);
      rows[i].hidden = !keep;
      if (keep) shown++;
    }
    var none = document.querySelector("[data-kl-filter-none]");
    if (none) none.hidden = shown > 0;
  }

  // The overview counted again by the reader's clock: each row carries its tasks by the
  // day their first deadline passes and their report's word, with how many share both
  // (ketluan/index/overview.py). Reports do not change with the clock; what has passed
  // does.
  function recount(table) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
    var rows = table.tBodies[0].rows;
    var totals = {};
    for (var i = 0; i < rows.length; i++) {
      var clock = JSON.parse(rows[i].getAttribute("data-kl-clock") || "[]");
      var due = 0, passed = 0, reported = 0, onTime = 0, late = 0, led = 0;
      clock.forEach(function (tasks) {
        var n = tasks[2];
        var gone = tasks[0] !== "" && tasks[0] <= today;
        led += n;
        if (gone) due += n;
        if (gone && tasks[1] === "") passed += n;
        if (tasks[1] === "qua-han") reported += n;
        if (tasks[1] === "dung-han") onTime += n;
        if (tasks[1] === "qua-han-xong") late += n;
      });
      rows[i].querySelector('[data-kl-count="due"]').textContent = String(due);
      rows[i].querySelector('[data-kl-count="passed"]').textContent = String(passed);
      rows[i].setAttribute("data-overdue", String(reported + passed));
      // An agency drawn in a shared bar (the communes, the others) says which.
      var key = rows[i].getAttribute("data-kl-bar-of") || rows[i].getAttribute("data-kl-agency");
      var sum = totals[key] = totals[key] ||
        { "on-time": 0, late: 0, overdue: 0, passed: 0, rest: 0 };
      sum["on-time"] += onTime;
      sum.late += late;
      sum.overdue += reported;
      sum.passed += passed;
      sum.rest += led - onTime - late - reported - passed;
    }
    redraw(totals);
    var day = document.querySelector("[data-kl-bars-day]");
    if (day) {
      day.textContent = "tính đến hôm nay, " + now.getDate() + "/" + (now.getMonth() + 1) +
        "/" + now.getFullYear();
    }
    var note = document.querySelector("[data-kl-overview-note]");
    if (note) {
      note.textContent = "Tính đến hôm nay, " + now.getDate() + "/" + (now.getMonth() + 1) +
        "/" + now.getFullYear() + ", theo đồng hồ máy bạn; đã qua hạn chưa có báo cáo cùng " +
        "cách tính với trang Việc chậm tiến độ, vướng mắc.";
    }
  }

  var SEGMENTS = ["on-time", "late", "overdue", "passed", "rest"];
  var SVG = "http://www.w3.org/2000/svg";

  // The picture's bars drawn again with today's counts (the build drew them at the
  // version's date): an agency's own, the communes' together (ketluan/index/overview.py).
  function redraw(totals) {
    var figure = document.querySelector("[data-kl-widest]");
    if (!figure) return;
    var widest = Number(figure.getAttribute("data-kl-widest")) || 1;
    Object.keys(totals).forEach(function (key) {
      var svg = figure.querySelector('[data-kl-bar="' + key + '"] svg');
      if (!svg) return;
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      var x = 0;
      SEGMENTS.forEach(function (seg) {
        if (!totals[key][seg]) return;
        var width = Math.round(3000 * totals[key][seg] / widest) / 10;
        var rect = document.createElementNS(SVG, "rect");
        rect.setAttribute("class", "kl-seg kl-seg--" + seg);
        rect.setAttribute("x", String(Math.round(x * 10) / 10));
        rect.setAttribute("width", String(width));
        rect.setAttribute("height", "14");
        svg.appendChild(rect);
        x += width;
      });
    });
  }

  function run() {
    var table = document.querySelector("table[data-kl-sortable]");
    if (!table) return;
    var buttons = table.querySelectorAll("button[data-kl-sort]");
    Array.prototype.forEach.call(buttons, function (button) {
      var column = button.closest("th").cellIndex;
      var numeric = button.getAttribute("data-kl-sort") === "number";
      button.addEventListener("click", function () { sortBy(table, column, numeric, button); });
    });
    if (table.querySelector("[data-kl-clock]")) recount(table);
    var tools = document.querySelector(".kl-overview-tools");
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("change", function () { filter(table, tools); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
