/* ketluan: deadlines read against the reader's own clock.
 *
 * The pages are built once per quarter and state things as of the meeting; this
 * script, our own and loaded from the site itself, says how each deadline stands
 * today, in the words officials use, coloured by the warning levels of provincial task
 * systems (yellow, red, dark red; the words carry the meaning, not the colour):
 *   "sắp đến hạn, còn N ngày"   yellow: 1-3 days before the deadline's last day,
 *   "đến hạn hôm nay"           red: the last day,
 *   "đã qua hạn N ngày"         red for the first two days after it, dark red after,
 *                               "— chưa có báo cáo" when the task has no report at all.
 * It speaks of the deadline, never of the work: elements are marked only for tasks
 * with no completion reported as of the version. Without JavaScript nothing changes.
 *
 *   <span class="kl-today" data-kl-due="2026-06-30" data-kl-before="0"
 *         data-kl-unreported="1"></span>
 *   <table data-kl-upcoming-rows="thoi-han/sap-toi.html">
 *                                 home page: the next deadlines from today, at least
 *                                 UPCOMING, each date's whole, chosen from every
 *                                 deadline's row <tr data-kl-upcoming data-kl-due="…">,
 *                                 fetched from that file of the site (the page holds
 *                                 only those after the meeting)
 *   <p data-kl-passed data-kl-late="2026-06-30:0:4 …">
 *                                 home page: the late-items page's deadlines by date
 *                                 (date, 1 for "before" it, how many), counted once passed
 *   <tr data-kl-lapse data-kl-due="…">      "Việc chậm tiến độ, vướng mắc": shown once late,
 *                                           counted over all its pages by the
 *                                           data-kl-late around its count
 */
(function () {
  "use strict";

  var DAY = 86400000;
  var UPCOMING = 8;

  function today() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  // Days from today to the deadline's last day ("trước 15/6" ends on 14/6).
  function daysTo(iso, before, day) {
    var parts = iso.split("-");
    var due = Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    return Math.round((due - day) / DAY) - (before ? 1 : 0);
  }

  function daysLeft(element, day) {
    return daysTo(element.getAttribute("data-kl-due"), element.getAttribute("data-kl-before") === "1", day);
  }

  // "2026-06-30:0:4 2026-07-01:1:2": how many of these deadlines have passed.
  function passedCount(spec, day) {
    var items = spec ? spec.split(" ") : [];
    var passed = 0;
    for (var i = 0; i < items.length; i++) {
      var part = items[i].split(":");
      if (daysTo(part[0], part[1] === "1", day) < 0) passed += Number(part[2]);
    }
    return passed;
  }

  var LEVELS = { vang: "mức vàng", do: "mức đỏ", "do-dac-biet": "mức đỏ đậm" };

  function standing(left, unreported) {
    var none = unreported ? " — chưa có báo cáo" : "";
    if (left > 3) return { level: "", text: "còn " + left + " ngày" };
    if (left > 0) return { level: "vang", text: "sắp đến hạn, còn " + left + " ngày" };
    if (left === 0) return { level: "do", text: "đến hạn hôm nay" + none };
    if (left > -3) return { level: "do", text: "đã qua hạn " + -left + " ngày" + none };
    return { level: "do-dac-biet", text: "đã qua hạn " + -left + " ngày" + none };
  }

  function vietnamese(day) {
    var d = new Date(day);
    return d.getUTCDate() + "/" + (d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
  }

  function badges(day, root) {
    var found = (root || document).querySelectorAll(".kl-today[data-kl-due]");
    for (var i = 0; i < found.length; i++) {
      var s = standing(daysLeft(found[i], day), found[i].hasAttribute("data-kl-unreported"));
      found[i].textContent = s.text;
      found[i].className = "kl-today" + (s.level ? " kl-today--" + s.level : "");
      found[i].title = "Tính đến hôm nay " + vietnamese(day) + " theo đồng hồ máy bạn" +
        (s.level ? " (" + LEVELS[s.level] + ")" : "") +
        "; nói về thời hạn, không phải tình trạng công việc";
      found[i].hidden = false;
    }
  }

  // The next deadlines from today: at least UPCOMING, and every deadline of the last
  // date shown (rows come in date order). The page holds those after the meeting; every
  // deadline's row is fetched from the site. Without it (a page saved to disk), the
  // page stays as it was at the meeting.
  function upcoming(day) {
    var spec = document.querySelector("[data-kl-passed]");
    if (spec) {
      var passed = passedCount(spec.getAttribute("data-kl-late"), day);
      say("[data-kl-passed]", passed > 0);
      note("[data-kl-passed-count]", String(passed));
    }
    var table = document.querySelector("table[data-kl-upcoming-rows]");
    if (!table) return;
    var done = function () { table.setAttribute("data-kl-upcoming-ready", ""); };
    var source = new URL(table.getAttribute("data-kl-upcoming-rows"), document.baseURI);
    fetch(source.href)
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        // Rows the build wrote, escaped as the page is; parsed inert (no script runs).
        var parsed = new DOMParser().parseFromString(html, "text/html");
        var rows = parsed.querySelectorAll("tr[data-kl-upcoming]");
        // Its links lead from its own address: made absolute before they move here.
        var links = parsed.querySelectorAll("tr[data-kl-upcoming] a[href]");
        for (var j = 0; j < links.length; j++) {
          links[j].setAttribute("href", new URL(links[j].getAttribute("href"), source).href);
        }
        var body = table.tBodies[0];
        while (body.firstChild) body.removeChild(body.firstChild);
        for (var i = 0; i < rows.length; i++) body.appendChild(document.importNode(rows[i], true));
        choose(body, day);
        badges(day, body);
      })
      .then(done, done);
  }

  function choose(body, day) {
    var rows = body.querySelectorAll("[data-kl-upcoming]");
    var shown = 0;
    var last = null;
    for (var i = 0; i < rows.length; i++) {
      var due = rows[i].getAttribute("data-kl-due");
      var keep = daysLeft(rows[i], day) >= 0 && (shown < UPCOMING || due === last);
      rows[i].hidden = !keep;
      if (keep) { shown++; last = due; }
    }
    say("[data-kl-upcoming-none]", shown === 0);
    note("[data-kl-upcoming-note]", "Tính từ hôm nay, " + vietnamese(day) + ".");
  }

  function late(day) {
    var rows = document.querySelectorAll("[data-kl-lapse]");
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var keep = daysLeft(rows[i], day) < 0;
      rows[i].hidden = !keep;
      if (keep) shown++;
    }
    say("[data-kl-lapse-none]", shown === 0);
    // The count is of every page's rows, by date, when the list has several pages.
    var counted = document.querySelector("[data-kl-lapse-count]");
    var spec = counted && counted.closest("[data-kl-late]");
    note("[data-kl-lapse-count]", String(spec ? passedCount(spec.getAttribute("data-kl-late"), day) : shown));
    note("[data-kl-lapse-note]", "Tính đến hôm nay, " + vietnamese(day) + ", theo đồng hồ máy bạn.");
  }

  function say(selector, visible) {
    var element = document.querySelector(selector);
    if (element) element.hidden = !visible;
  }

  function note(selector, text) {
    var found = document.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) found[i].textContent = text;
  }

  function run() {
    var day = today();
    badges(day);
    upcoming(day);
    late(day);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
