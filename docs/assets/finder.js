// Support finder: filters the tasks and boxes of data/finder.json by plan, theme, audience and kind of support.
// The filter state lives in the address (?plan=…&theme=…&audience=…&support=…&group=1): shareable, and
// back/forward restore it. Without JavaScript the page keeps its full list of items, grouped by plan.
(function () {
  var form = document.getElementById("finder");
  var results = document.getElementById("finder-results");
  var count = document.getElementById("finder-count");
  var config = JSON.parse(document.getElementById("finder-config").textContent);
  var lang = results.dataset.lang;  // the edition: zh, zh-hant or en (the keys of the texts in finder.json)
  var chinese = lang !== "en";
  var keys = ["plan", "theme", "audience", "support"];
  var field = { plan: "plan", theme: "themes", audience: "audiences", support: "support" };
  var data = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function stateFromUrl() {
    var params = new URLSearchParams(location.search);
    keys.forEach(function (k) { form.elements[k].value = params.get(k) || ""; });
    form.elements.group.checked = params.get("group") === "1";
  }

  function urlFromState() {
    var params = new URLSearchParams();
    keys.forEach(function (k) { if (form.elements[k].value) params.set(k, form.elements[k].value); });
    if (form.elements.group.checked) params.set("group", "1");
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function matches(item) {
    return keys.every(function (k) {
      var wanted = form.elements[k].value;
      if (!wanted) return true;
      var value = item[field[k]];
      return Array.isArray(value) ? value.indexOf(wanted) >= 0 : value === wanted;
    });
  }

  function entry(item, planName) {
    var li = el("li", { "data-id": item.id });
    var a = el("a", { href: config.root + item.url });
    a.appendChild(el("span", { "class": "finder-plan" }, planName));
    a.appendChild(document.createTextNode(" " + item.label[lang] + (chinese ? "\u3000" : " ") + item.title[lang]));
    li.appendChild(a);
    li.appendChild(el("p", { "class": "finder-excerpt" }, item.excerpt[lang]));
    if (item.responsible.agencies) {
      var who = item.responsible.role === "lead" ? count.dataset.led : count.dataset.shared;
      var names = item.responsible.agencies.map(function (n) { return n[lang]; }).join(chinese ? "、" : "; ");
      li.appendChild(el("p", { "class": "finder-agency" }, who + (chinese ? "：" : ": ") + names));
    }
    return li;
  }

  function render() {
    var plans = {};
    data.plans.forEach(function (p) { plans[p.id] = p.name[lang]; });
    var found = data.items.filter(matches);
    results.textContent = "";
    count.textContent = found.length ? count.dataset.count.replace("{n}", found.length) : count.dataset.none;
    if (form.elements.group.checked) {
      data.plans.forEach(function (p) {
        var mine = found.filter(function (i) { return i.plan === p.id; });
        if (!mine.length) return;
        var section = el("section", { "class": "finder-group", "data-plan": p.id });
        section.appendChild(el("h2", {}, plans[p.id] + " (" + mine.length + ")"));
        var ul = el("ul");
        mine.forEach(function (i) { ul.appendChild(entry(i, "")); });
        section.appendChild(ul);
        results.appendChild(section);
      });
    } else {
      var ol = el("ol", { "class": "finder-list" });
      found.forEach(function (i) { ol.appendChild(entry(i, plans[i.plan])); });
      results.appendChild(ol);
    }
  }

  function changed() {
    history.pushState(null, "", urlFromState());
    render();
  }

  fetch(config.data).then(function (r) { return r.json(); }).then(function (json) {
    data = json;
    form.classList.add("finder-ready");
    stateFromUrl();
    render();
    form.addEventListener("change", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("popstate", function () { stateFromUrl(); render(); });
  });
})();
