// The navigation drawer of a narrow screen (below 76.25em the theme turns its sidebar into a drawer). The theme puts
// the page's table of contents in the drawer under the page's own entry; a page outside the navigation (a plan, a
// theme, an agency) has no entry, so it gets one at the top of the drawer, with its contents copied from the page's
// sidebar when the drawer first opens. The entries that open a table of contents take keyboard focus (the theme's
// script opens a focused entry with Enter).
(function () {
  var drawer = document.getElementById("__drawer");
  var list = document.querySelector(".md-sidebar--primary .md-nav--primary > .md-nav__list");
  var contents = document.querySelector(".md-sidebar--secondary .md-nav--secondary");
  if (!drawer || !list) return;

  function addContents() {
    if (!document.getElementById("__toc") && contents && contents.querySelector("a")) {
      var title = document.querySelector("[data-md-component='header-topic']");  // the page's short title
      var item = document.createElement("li");
      item.className = "md-nav__item md-nav__item--active site-drawer-contents";
      item.innerHTML = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' +
        '<label class="md-nav__link md-nav__link--active" for="__toc"><span class="md-ellipsis"></span><span class="md-nav__icon md-icon"></span></label>';
      item.querySelector(".md-ellipsis").textContent = (title || document.querySelector("h1")).textContent.trim();
      var copy = contents.cloneNode(true);
      copy.querySelectorAll("[data-md-component]").forEach(function (e) { e.removeAttribute("data-md-component"); });
      copy.querySelectorAll(".md-nav__link--active, .md-nav__link--passed").forEach(function (e) { e.classList.remove("md-nav__link--active", "md-nav__link--passed"); });
      item.appendChild(copy);
      list.insertBefore(item, list.firstChild);
      list.scrollTop = 0;  // the browser keeps the list where it was (scroll anchoring), the new entry out of sight
    }
    document.querySelectorAll(".md-nav--primary label[for='__toc']:not(.md-nav__title)").forEach(function (label) { label.tabIndex = 0; });
  }

  if (drawer.checked) addContents();
  drawer.addEventListener("change", function () { if (drawer.checked) addContents(); });
})();
