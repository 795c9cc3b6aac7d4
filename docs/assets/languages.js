// Language switcher: the other language opens where the reader is. Anchors are the same in both languages, so
// the link takes the anchor in the address or, failing that, the heading the reader has scrolled to; it also
// takes the query of the address (the search and finder pages keep theirs there). Without JavaScript the link
// still opens the same page in the other language.
(function () {
  var MARKS = "article h2[id], article h3[id], article h4[id], article tr[id]";

  function place() {
    if (location.hash) return location.hash;
    if (window.scrollY < 1) return "";
    var header = document.querySelector(".md-header");
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 100;
    var found = "";
    var marks = document.querySelectorAll(MARKS);
    for (var i = 0; i < marks.length; i++) {
      if (marks[i].getBoundingClientRect().top > line) break;
      found = "#" + marks[i].id;
    }
    return found;
  }

  function update(link) {
    if (!link.hasAttribute("data-href")) link.setAttribute("data-href", link.getAttribute("href"));
    var url = new URL(link.getAttribute("data-href"), location.href);
    url.search = location.search;
    url.hash = place();
    link.href = url.href;
  }

  ["mouseover", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest && event.target.closest(".md-select a[hreflang]");
      if (link) update(link);
    }, true);
  });
})();
