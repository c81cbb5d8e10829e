// A form field that applies only for one choice of a radio group: data-shown-when="name=value"
// on the field's widget hides its field (.form-field) for every other choice and disables its
// inputs, so a hidden field posts nothing. Without JavaScript the field shows and the server
// explains when it does not apply (e.g. invited organisations on a public dialogue).
(function () {
    "use strict";
    function setUp(widget) {
        var rule = widget.getAttribute("data-shown-when").split("=");
        var form = widget.closest("form");
        if (!form || rule.length !== 2) { return; }
        var radios = form.querySelectorAll("input[type='radio'][name='" + rule[0] + "']");
        var field = widget.closest(".form-field") || widget;
        function update() {
            var chosen = form.querySelector("input[type='radio'][name='" + rule[0] + "']:checked");
            var shown = !!chosen && chosen.value === rule[1];
            field.hidden = !shown;
            Array.prototype.forEach.call(field.querySelectorAll("input, button"), function (input) {
                input.disabled = !shown;
            });
        }
        Array.prototype.forEach.call(radios, function (radio) {
            radio.addEventListener("change", update);
        });
        update();
    }
    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-shown-when]"), setUp);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
