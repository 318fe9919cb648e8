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
    document.querySelectorAll("select[name=period]").forEach(function (select) {
      syncPeriod(select);
      select.addEventListener("change", function () { syncPeriod(select); });
    });
    """
}
