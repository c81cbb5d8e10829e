// Title suggestions for the header search box. Progressive enhancement: without JavaScript the
// box is an ordinary form field that posts to /sok/. Suggestions fill a <datalist>, which the
// browser presents accessibly; picking one searches for that title.
(function () {
    "use strict";
    var input = document.getElementById("site-search-q");
    var list = document.getElementById("site-search-suggestions");
    if (!input || !list || !window.fetch) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
        var value = input.value.trim();
        window.clearTimeout(timer);
        if (value.length < 2 || value === last) { return; }
        timer = window.setTimeout(function () {
            last = value;
            fetch("/api/search/suggest/?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) {
                    list.textContent = "";
                    data.suggestions.forEach(function (suggestion) {
                        var option = document.createElement("option");
                        option.value = suggestion.title;
                        list.appendChild(option);
                    });
                })
                .catch(function () { list.textContent = ""; });
        }, 150);
    });
})();
