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

  var PAGE_SIZE = 10;  // result pages whose text is fetched at once; more on request

  function showPages(ticket, results, from) {
    return Promise.all(results.slice(from, from + PAGE_SIZE).map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== current) return;
      pages.forEach(function (page) {
        var item = li(page.meta.title, page.url, "", "search-page");
        var subs = page.sub_results.filter(function (s) { return s.url !== page.url; });
        subs.sort(function (a, b) { return b.locations.length - a.locations.length; });
        var ul = document.createElement("ul");
        subs.forEach(function (s) {
          ul.appendChild(li(s.title.replace(/#$/, ""), s.url, s.excerpt, "search-section"));
        });
        if (subs.length) item.appendChild(ul);
        list.appendChild(item);
      });
      var rest = results.length - (from + PAGE_SIZE);
      if (rest > 0) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = status.dataset.more.replace("{n}", rest);
        more.addEventListener("click", function () {
          more.remove();
          showPages(ticket, results, from + PAGE_SIZE);
        });
        list.parentNode.insertBefore(more, list.nextSibling);
      }
    });
  }

  function run(query) {
    var ticket = ++current;
    list.innerHTML = "";
    status.textContent = "";
    var old = document.querySelector(".search-more");
    if (old) old.remove();
    if (!query.trim()) return;
    load().then(function (pf) { return pf.search(query); }).then(function (search) {
      if (ticket !== current) return;
      status.textContent = search.results.length
        ? status.dataset.count.replace("{p}", search.results.length)
        : status.dataset.none;
      return showPages(ticket, search.results, 0);
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
