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
 *   <tr data-kl-upcoming data-kl-due="…">   home page: the next deadlines from today,
 *                                           at least UPCOMING, each date's whole
 *   <span data-kl-late data-kl-due="…">     home page: the late-items page's deadlines,
 *                                           counted once passed
 *   <tr data-kl-lapse data-kl-due="…">      "Việc chậm tiến độ, vướng mắc": shown once late
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
  function daysLeft(element, day) {
    var parts = element.getAttribute("data-kl-due").split("-");
    var due = Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
    var before = element.getAttribute("data-kl-before") === "1" ? 1 : 0;
    return Math.round((due - day) / DAY) - before;
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

  function badges(day) {
    var found = document.querySelectorAll(".kl-today[data-kl-due]");
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
  // date shown (rows come in date order).
  function upcoming(day) {
    var rows = document.querySelectorAll("[data-kl-upcoming]");
    var late = document.querySelectorAll("[data-kl-late]");
    if (!rows.length && !late.length) return;
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
    var passed = 0;
    for (var j = 0; j < late.length; j++) if (daysLeft(late[j], day) < 0) passed++;
    say("[data-kl-passed]", passed > 0);
    note("[data-kl-passed-count]", String(passed));
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
    note("[data-kl-lapse-count]", String(shown));
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
