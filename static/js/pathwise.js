// Site-wide behaviour: when an htmx request fails (server error, lost connection), say so where the answer
// would have appeared instead of failing silently. Polling continues and recovers by itself.
(function () {
  "use strict";
  function show(event, key, message) {
    var target = event.detail && event.detail.target;
    var region = document.getElementById("status-region");
    var text = message || document.body.dataset[key];
    if (!text) { return; }
    var box = document.getElementById("htmx-error");
    if (!box) {
      box = document.createElement("p");
      box.id = "htmx-error";
      box.className = "alert";
      box.setAttribute("role", "alert");
      var host = region && (!target || region.contains(target) || target === region) ? region : document.getElementById("main");
      host.insertBefore(box, host.firstChild);
    }
    box.textContent = text;
  }
  document.addEventListener("htmx:responseError", function (e) {
    // 413: the server refused an upload as too large and said why, in plain text (config/uploads.py).
    var xhr = e.detail && e.detail.xhr;
    if (xhr && xhr.status === 413 && xhr.responseText) { show(e, null, xhr.responseText); return; }
    show(e, "errorServer");
  });
  document.addEventListener("htmx:sendError", function (e) { show(e, "errorNetwork"); });
  document.addEventListener("htmx:afterRequest", function (e) {
    var box = document.getElementById("htmx-error");
    if (box && e.detail && e.detail.successful) { box.remove(); }
  });
}());
