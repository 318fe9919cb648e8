/// The one script, small on purpose: pages work without it. It asks before destructive buttons and switches the
/// custom-range fields on only for the custom period.
enum WebScript {
    static let text = """
    "use strict";
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); }
    });
    function syncPeriod(select) {
      var custom = select.value === "custom";
      document.querySelectorAll("[data-custom-only]").forEach(function (el) { el.hidden = !custom; });
    }
    // Live preview: a form with data-preview asks that URL for an HTML fragment (same origin, read-only GET) a moment
    // after the last change, and shows it in #rule-preview. Without script the Preview button does the same.
    document.querySelectorAll("form[data-preview]").forEach(function (form) {
      var timer = null, target = document.getElementById("rule-preview"), serial = 0;
      function refresh() {
        var params = new URLSearchParams();
        ["team", "field", "match", "pattern", "category", "priority"].forEach(function (name) {
          if (form.elements[name]) { params.set(name, form.elements[name].value); }
        });
        if (!params.get("pattern")) { target.textContent = ""; return; }
        var mine = ++serial;
        fetch(form.getAttribute("data-preview") + "?" + params.toString(), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (html) { if (mine === serial) { target.innerHTML = html; } });
      }
      form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 300); });
    });
    document.querySelectorAll("select[name=period]").forEach(function (select) {
      syncPeriod(select);
      select.addEventListener("change", function () { syncPeriod(select); });
    });
    """
}
