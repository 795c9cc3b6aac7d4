// Search page: queries Pagefind's index for the page's language and lists every matching section
// (task, box, chapter) with its excerpt. The query lives in the address (?q=…) to be shared.
(function () {
  var form = document.querySelector("form.site-search");
  if (!form) return;
  var input = form.querySelector("input");
  var list = document.querySelector(".search-results");
  var status = document.querySelector(".search-status");
  var pagefind = null;
  var current = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(form.dataset.bundle + "pagefind.js", location.href).href).then(function (pf) {
        return pf.options({ excerptLength: 40 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function li(title, url, excerpt, cls) {
    var item = document.createElement("li");
    item.className = cls;
    var a = document.createElement("a");
    a.href = url;
    a.textContent = title;
    item.appendChild(a);
    if (excerpt) {
      var p = document.createElement("p");
      p.innerHTML = excerpt; // Pagefind's excerpt: text escaped by Pagefind, matches wrapped in <mark>
      item.appendChild(p);
    }
    return item;
  }

  function run(query) {
    var ticket = ++current;
    list.innerHTML = "";
    status.textContent = "";
    if (!query.trim()) return;
    load().then(function (pf) { return pf.search(query); }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      if (ticket !== current) return;
      var sections = 0;
      pages.forEach(function (page) {
        var item = li(page.meta.title, page.url, "", "search-page");
        var subs = page.sub_results.filter(function (s) { return s.url !== page.url; });
        subs.sort(function (a, b) { return b.locations.length - a.locations.length; });
        var ul = document.createElement("ul");
        subs.forEach(function (s) {
          ul.appendChild(li(s.title.replace(/#$/, ""), s.url, s.excerpt, "search-section"));
        });
        sections += subs.length || 1;
        if (subs.length) item.appendChild(ul);
        list.appendChild(item);
      });
      status.textContent = pages.length
        ? status.dataset.count.replace("{n}", sections).replace("{p}", pages.length)
        : status.dataset.none;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.pushState(null, "", url);
    run(input.value);
  });
  window.addEventListener("popstate", function () {
    input.value = new URLSearchParams(location.search).get("q") || "";
    run(input.value);
  });
  input.value = new URLSearchParams(location.search).get("q") || "";
  if (input.value) run(input.value);
})();
