// Menus and filters that fold away on narrow screens. They are native <details> elements
// (class "wide-open") that work without JavaScript; the stylesheet shows their content on wide
// screens through ::details-content. Browsers without that pseudo-element get them opened here.
// Forms with class "apply-on-change" submit when a field changes; their button stays for no-JS.
(function () {
    "use strict";
    var wide = window.matchMedia ? window.matchMedia("(min-width: 48rem)") : null;
    var supportsDetailsContent = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
    if (wide && wide.matches && !supportsDetailsContent) {
        document.querySelectorAll("details.wide-open").forEach(function (details) {
            details.open = true;
        });
    }
    document.querySelectorAll("form.apply-on-change").forEach(function (form) {
        form.addEventListener("change", function (event) {
            var field = event.target;
            if (!field || !field.name || field.closest("[data-no-auto-apply]")) { return; }
            if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        });
    });
})();
