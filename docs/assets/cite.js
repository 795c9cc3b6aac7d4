// Turns the site-relative addresses in "Cite" boxes into full addresses, whatever host or sub-path serves the site.
(function () {
  var nodes = document.querySelectorAll(".cite [data-path]");
  var config = document.getElementById("__config");
  if (!nodes.length || !config) return;
  var root = new URL(JSON.parse(config.textContent).base + "/", location.href);
  nodes.forEach(function (node) {
    node.textContent = new URL(node.dataset.path, root).href;
  });
})();
