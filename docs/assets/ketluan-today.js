/* ketluan: deadlines read against the reader's own clock.
 *
 * The pages are built once per quarter and state things as of the meeting; this
 * script, our own and loaded from the site itself, says how each deadline stands
 * today, in words and with the warning level of provincial task systems:
 *   Vàng         1-3 days before the deadline's last day,
 *   Đỏ           the last day, and the first two days after it,
 *   Đỏ đặc biệt  three days or more after it.
 * It speaks of the deadline, never of the work: elements are marked only for tasks
 * with no completion reported as of the version. Without JavaScript nothing changes.
 *
 *   <span class="kl-today" data-kl-due="2026-06-30" data-kl-before="0"></span>
 *   <tr data-kl-upcoming data-kl-due="…">   home page: the next deadlines from today
 *   <tr data-kl-lapse data-kl-due="…">      "Việc chậm, vướng": shown once late
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

  function standing(left) {
    if (left > 3) return { level: "", text: "còn " + left + " ngày" };
    if (left > 0) return { level: "vang", text: "Vàng: sắp đến hạn, còn " + left + " ngày" };
    if (left === 0) return { level: "do", text: "Đỏ: đến hạn hôm nay" };
    if (left > -3) return { level: "do", text: "Đỏ: quá hạn " + -left + " ngày" };
    return { level: "do-dac-biet", text: "Đỏ đặc biệt: quá hạn " + -left + " ngày" };
  }

  function vietnamese(day) {
    var d = new Date(day);
    return d.getUTCDate() + "/" + (d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
  }

  function badges(day) {
    var found = document.querySelectorAll(".kl-today[data-kl-due]");
    for (var i = 0; i < found.length; i++) {
      var s = standing(daysLeft(found[i], day));
      found[i].textContent = s.text;
      found[i].className = "kl-today" + (s.level ? " kl-today--" + s.level : "");
      found[i].title = "Tính đến hôm nay " + vietnamese(day) + " theo đồng hồ máy bạn; " +
        "nói về thời hạn, không phải tình trạng công việc";
      found[i].hidden = false;
    }
  }

  function upcoming(day) {
    var rows = document.querySelectorAll("[data-kl-upcoming]");
    if (!rows.length) return;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var keep = daysLeft(rows[i], day) >= 0 && shown < UPCOMING;
      rows[i].hidden = !keep;
      if (keep) shown++;
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
