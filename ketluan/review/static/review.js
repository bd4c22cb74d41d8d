// ketluan review: the clerk's answers sent to the server, the page's main part
// replaced by what the server renders after each change, and the keyboard.
// Every value shown comes from the server's HTML (escaped there) or is set as text.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="ketluan-token"]').content;
  var main = document.getElementById("noi-dung");
  var notice = document.getElementById("thong-bao");
  var registry = JSON.parse(document.getElementById("registry").dataset.registry);
  var version = main.dataset.version;

  // "Ban Tổ chức" and "ban to chuc" alike: marks dropped, đ as d, lower case.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function haystack(a) {
    return fold([a.name, a.short].concat(a.variants).join(" | "));
  }
  registry.forEach(function (a) { a.folded = haystack(a); });

  function say(text, kind) {
    notice.textContent = text;
    notice.className = "notice" + (kind ? " notice--" + kind : "");
    notice.hidden = !text;
  }

  function send(url, body) {
    body.version = version;
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Ketluan-Token": token },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return { message: "Máy chủ không trả lời được." }; })
        .then(function (data) { data.status = response.status; return data; });
    }, function () {
      return { status: 0, message: "Không kết nối được với ketluan review (lệnh đã dừng?)." };
    });
  }

  function showError(card, data) {
    var box = card ? card.querySelector(".card__error") : null;
    var text = data.message || "Không ghi được.";
    if (box) {
      box.textContent = "";
      var p = document.createElement("p");
      p.textContent = text;
      box.appendChild(p);
      if (data.problems && data.problems.length) {
        var ul = document.createElement("ul");
        data.problems.forEach(function (problem) {
          var li = document.createElement("li");
          li.textContent = problem;
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
      box.hidden = false;
      box.scrollIntoView({ block: "nearest" });
    }
    say(text, "loi");
  }

  function cards() { return Array.prototype.slice.call(main.querySelectorAll("[data-card]")); }

  function replaced(data, position) {
    version = data.version;
    main.dataset.version = version;
    main.innerHTML = data.main;
    var all = cards();
    say(data.undone ? "Đã hoàn tác: " + data.undone + "." :
      (data.left ? "Đã ghi. Còn " + data.left + " điểm." : "Đã ghi. Không còn điểm nào cần rà soát."), "");
    var next = all[Math.min(position, all.length - 1)];
    if (next) { next.focus(); next.scrollIntoView({ block: "center" }); }
    else { var ready = main.querySelector(".ready"); if (ready) { ready.tabIndex = -1; ready.focus(); } }
  }

  function position(card) {
    var index = cards().indexOf(card);
    return index < 0 ? 0 : index;
  }

  function answer(card, action, values) {
    var at = position(card);
    card.setAttribute("aria-busy", "true");
    return send("/api/tra-loi", { card: card.dataset.card, action: action, values: values || {} })
      .then(function (data) {
        card.removeAttribute("aria-busy");
        if (data.status === 200) { replaced(data, at); } else { showError(card, data); }
      });
  }

  function values(form) {
    var out = {};
    form.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (field) {
      if (field.closest("[data-new-agency], [data-new-document]")) { return; }
      var name = field.name;
      var value = field.type === "checkbox" ? field.checked : field.value;
      if (field.hasAttribute("data-lines")) {
        value = value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
      }
      var dot = name.indexOf(".");
      if (field.hasAttribute("data-many")) {
        (out[name] = out[name] || []).push(value);
      } else if (dot > 0) {
        var group = name.slice(0, dot);
        out[group] = out[group] || {};
        out[group][name.slice(dot + 1)] = value;
      } else { out[name] = value; }
    });
    form.querySelectorAll(".picker").forEach(function (picker) {
      var ids = Array.prototype.map.call(picker.querySelectorAll(".chip"), function (c) { return c.dataset.id; });
      out[picker.dataset.field] = picker.hasAttribute("data-single") ? (ids[0] || "") : ids;
    });
    return out;
  }

  // The documents a citation may name, copied into a paragraph's form when it opens.
  var documents = document.getElementById("van-ban");
  function fillDocuments(container) {
    container.querySelectorAll("select[data-documents]").forEach(function (select) {
      if (select.dataset.filled) { return; }
      var chosen = select.value;
      select.querySelectorAll("option[value]:not([value=''])").forEach(function (o) { o.remove(); });
      select.appendChild(documents.content.cloneNode(true));
      select.value = chosen;
      select.dataset.filled = "1";
    });
  }
  main.addEventListener("toggle", function (event) {
    if (event.target.open) { fillDocuments(event.target); }
  }, true);

  // --- the agency picker: a combobox over the registry, typed with or without marks.
  var serial = 0;
  // The agencies holding every typed word; one a name of which is what was typed comes
  // first, then those with a name beginning so ("cac dia phuong" offers "Các địa
  // phương" before "Các địa phương, cơ quan, đơn vị"), then the others, in list order.
  function matches(query) {
    var typed = fold(query).trim().replace(/\s+/g, " ");
    var words = typed.split(" ").filter(Boolean);
    if (!words.length) { return []; }
    function rank(a) {
      var names = a.folded.split(" | ");
      if (names.indexOf(typed) >= 0) { return 0; }
      return names.some(function (n) { return n.indexOf(typed) === 0; }) ? 1 : 2;
    }
    return registry.filter(function (a) {
      return words.every(function (w) { return a.folded.indexOf(w) >= 0; });
    }).map(function (a, i) { return [rank(a), i, a]; })
      .sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; })
      .map(function (x) { return x[2]; })
      .slice(0, 12);
  }
  function addChip(picker, agency) {
    var chips = picker.querySelector(".picker__chips");
    if (picker.hasAttribute("data-single")) { chips.textContent = ""; }
    if (chips.querySelector('[data-id="' + CSS.escape(agency.id) + '"]')) { return; }
    var li = document.createElement("li");
    li.className = "chip";
    li.dataset.id = agency.id;
    var span = document.createElement("span");
    span.textContent = agency.name;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip__remove";
    remove.setAttribute("aria-label", "Bỏ " + agency.name);
    remove.textContent = "×";
    li.appendChild(span);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(remove);
    chips.appendChild(li);
  }
  function renderList(picker, input) {
    var list = picker.querySelector(".picker__list");
    if (!list.id) { list.id = "ds-" + (++serial); input.setAttribute("aria-controls", list.id); }
    list.textContent = "";
    var found = matches(input.value);
    found.forEach(function (agency, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = list.id + "-" + i;
      li.dataset.id = agency.id;
      li.textContent = agency.name + (agency.short && agency.short !== agency.name ? " (" + agency.short + ")" : "");
      var group = document.createElement("small");
      group.textContent = " — " + agency.group;
      li.appendChild(group);
      list.appendChild(li);
    });
    if (input.value.trim() && !found.length) {
      var none = document.createElement("li");
      none.className = "picker__none";
      none.textContent = "Không thấy cơ quan nào; thêm cơ quan mới ở dưới.";
      list.appendChild(none);
    }
    list.hidden = !list.children.length;
    input.setAttribute("aria-expanded", String(!list.hidden));
    setActive(picker, input, found.length ? 0 : -1);
  }
  function setActive(picker, input, index) {
    var options = picker.querySelectorAll('[role="option"]');
    options.forEach(function (o, i) { o.setAttribute("aria-selected", String(i === index)); });
    picker.dataset.active = String(index);
    if (index >= 0 && options[index]) { input.setAttribute("aria-activedescendant", options[index].id); }
    else { input.removeAttribute("aria-activedescendant"); }
  }
  function choose(picker, input, id) {
    var agency = registry.find(function (a) { return a.id === id; });
    if (agency) { addChip(picker, agency); }
    input.value = "";
    renderList(picker, input);
    input.focus();
  }

  main.addEventListener("input", function (event) {
    if (event.target.classList.contains("picker__input")) {
      renderList(event.target.closest(".picker"), event.target);
    }
  });

  main.addEventListener("click", function (event) {
    var target = event.target;
    var option = target.closest('[role="option"]');
    if (option) {
      var picker = option.closest(".picker");
      choose(picker, picker.querySelector(".picker__input"), option.dataset.id);
      return;
    }
    if (target.classList.contains("chip__remove")) {
      var pick = target.closest(".picker");
      target.closest(".chip").remove();
      pick.querySelector(".picker__input").focus();
      return;
    }
    var button = target.closest("button[data-action]");
    if (button) { answer(button.closest("[data-card]"), button.dataset.action); return; }
    if (target.closest("[data-undo]")) { undo(); return; }
    if (target.closest("[data-add-agency]")) { addAgency(target.closest("form")); }
    if (target.closest("[data-add-document]")) { addDocument(target.closest("[data-new-document]")); }
  });

  main.addEventListener("submit", function (event) {
    event.preventDefault();
    var form = event.target;
    if (form.dataset.paragraph) {
      var entry = form.closest(".entry");
      var at = position(entry.querySelector("[data-card]"));
      send("/api/doan", { path: JSON.parse(form.dataset.path), action: form.dataset.paragraph, values: values(form) })
        .then(function (data) {
          if (data.status === 200) { replaced(data, at); } else { showError(form, data); }
        });
      return;
    }
    answer(form.closest("[data-card]"), form.dataset.action, values(form));
  });

  function addAgency(form) {
    var box = form.querySelector("[data-new-agency]");
    var card = form.closest("[data-card]");
    var body = {
      name: box.querySelector('[name="name"]').value,
      short: box.querySelector('[name="short"]').value,
      group: box.querySelector('[name="group"]').value,
    };
    send("/api/co-quan", body).then(function (data) {
      if (data.status !== 200) { showError(card, data); return; }
      version = data.version;
      main.dataset.version = version;
      data.agency.folded = haystack(data.agency);
      registry.push(data.agency);
      addChip(form.querySelector(".picker"), data.agency);
      box.querySelectorAll("input").forEach(function (i) { i.value = ""; });
      box.closest("details").open = false;
      say("Đã thêm " + data.agency.name + " vào danh mục cơ quan.", "");
      form.querySelector('button[type="submit"]').focus();
    });
  }

  // A document added to the registry from a citation's form: offered everywhere, and
  // chosen in the empty row of that form (or the card's list).
  function addDocument(box) {
    var form = box.closest("form");
    var body = {};
    box.querySelectorAll("[name]").forEach(function (f) { body[f.name] = f.value; });
    send("/api/van-ban", body).then(function (data) {
      if (data.status !== 200) { showError(form.closest("[data-card]") || form, data); return; }
      version = data.version;
      main.dataset.version = version;
      var option = document.createElement("option");
      option.value = data.document.id;
      option.textContent = data.document.label;
      documents.content.appendChild(option);
      main.querySelectorAll("select[data-documents]").forEach(function (select) {
        if (select.dataset.filled || select.name === "document") {
          select.appendChild(option.cloneNode(true));
        }
      });
      var rows = form.querySelectorAll('select[name="cite_document"], select[name="document"]');
      var target = rows[rows.length - 1];
      if (target) { target.value = data.document.id; }
      box.querySelectorAll("input").forEach(function (i) { i.value = ""; });
      box.closest("details").open = false;
      say("Đã thêm " + data.document.label + " vào danh mục văn bản.", "");
    });
  }

  function undo() {
    var focused = document.activeElement && document.activeElement.closest ?
      document.activeElement.closest("[data-card]") : null;
    var at = focused ? position(focused) : 0;
    send("/api/hoan-tac", {}).then(function (data) {
      if (data.status === 200) { replaced(data, at); } else { showError(null, data); }
    });
  }

  function typing(element) {
    return element && (element.tagName === "INPUT" || element.tagName === "TEXTAREA" ||
      element.tagName === "SELECT" || element.isContentEditable);
  }

  main.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target.classList.contains("picker__input")) {
      var picker = target.closest(".picker");
      var options = picker.querySelectorAll('[role="option"]');
      var active = Number(picker.dataset.active || -1);
      if (event.key === "ArrowDown" && options.length) {
        event.preventDefault(); setActive(picker, target, (active + 1) % options.length);
      } else if (event.key === "ArrowUp" && options.length) {
        event.preventDefault(); setActive(picker, target, (active - 1 + options.length) % options.length);
      } else if (event.key === "Enter" && active >= 0 && options[active]) {
        event.preventDefault(); choose(picker, target, options[active].dataset.id);
      } else if (event.key === "Escape") {
        target.value = ""; renderList(picker, target);
      } else if (event.key === "Backspace" && !target.value) {
        var chips = picker.querySelectorAll(".chip");
        if (chips.length) { chips[chips.length - 1].remove(); }
      }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey || typing(event.target)) { return; }
    var card = event.target.closest ? event.target.closest("[data-card]") : null;
    var all = cards();
    if (event.key === "Enter" && card && event.target === card) {
      event.preventDefault(); answer(card, "accept");
    } else if ((event.key === "j" || event.key === "k") && !event.ctrlKey) {
      event.preventDefault();
      var at = card ? all.indexOf(card) : -1;
      var next = all[event.key === "j" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0)];
      if (next) { next.focus(); next.scrollIntoView({ block: "center" }); }
    } else if ((event.key === "u" && !event.ctrlKey) || (event.key === "z" && event.ctrlKey)) {
      if (main.querySelector("[data-undo]")) { event.preventDefault(); undo(); }
    }
  });

  var first = cards()[0];
  if (first) { first.focus(); }
})();
