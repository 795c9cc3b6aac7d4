// The cite boxes of plan pages: each citation's address written out in full (whatever host or sub-path serves the
// site), the reader's date filled in as the date read, and a copy button on each citation. Without JavaScript the
// citations stay readable, with the address from the site's root and a slot for the date.
(function () {
  var forms = document.querySelectorAll(".cite .cite-text");
  if (!forms.length) return;
  var labels = document.querySelector("[data-copied]");
  var words = labels ? labels.dataset : { copy: "Copy", copied: "Copied", copyFailed: "Copy it by hand." };

  var now = new Date();
  var two = function (n) { return (n < 10 ? "0" : "") + n; };
  var dates = {
    iso: now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate()),
    long: now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })
  };
  document.querySelectorAll(".cite .cite-read").forEach(function (slot) {
    slot.textContent = dates[slot.dataset.date] || dates.iso;
  });
  document.querySelectorAll(".cite a.cite-url").forEach(function (link) {
    link.textContent = link.href; // the browser's full address of the relative link
  });

  // One polite live region for the page announces the result of a copy to screen readers.
  var live = document.createElement("span");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  document.body.appendChild(live);

  function textOf(form) {
    return form.textContent.replace(/\s+/g, " ").trim();
  }

  // Older browsers, and pages served without HTTPS, have no asynchronous clipboard: copy from a selected text area
  // kept off screen (readonly, so that a phone does not open its keyboard), then give the focus back.
  function copyBySelection(text, button) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "-9999px";
    area.style.fontSize = "16px"; // no zoom on iOS
    document.body.appendChild(area);
    area.select();
    area.setSelectionRange(0, text.length);
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    button.focus();
    return done;
  }

  function copy(text, button) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () {
        return copyBySelection(text, button);
      });
    }
    return Promise.resolve(copyBySelection(text, button));
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  forms.forEach(function (form) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-copy";
    button.textContent = words.copy;
    button.addEventListener("click", function () {
      copy(textOf(form), button).then(function (done) {
        live.textContent = "";
        if (done) {
          button.textContent = words.copied;
          button.classList.add("cite-copied");
          live.textContent = words.copied;
          setTimeout(function () {
            button.textContent = words.copy;
            button.classList.remove("cite-copied");
          }, 2500);
        } else {
          selectText(form);
          live.textContent = words.copyFailed;
          var status = button.nextElementSibling;
          if (!status || !status.classList.contains("cite-status")) {
            status = document.createElement("span");
            status.className = "cite-status";
            button.parentNode.insertBefore(status, button.nextSibling);
          }
          status.textContent = words.copyFailed;
        }
      });
    });
    form.parentNode.insertBefore(button, form.nextSibling);
  });
})();
