// Turns the site-relative addresses in "Cite" boxes (links to the item on this page) into full addresses, whatever
// host or sub-path serves the site.
(function () {
  document.querySelectorAll(".cite a[href^='#']").forEach(function (link) {
    link.textContent = location.protocol + "//" + location.host + location.pathname + link.getAttribute("href");
  });
})();
