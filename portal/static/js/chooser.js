// Choosers (portal/choosers): progressive enhancement of templates/choosers/widget.html.
// Without JavaScript the chosen values are ticked checkboxes and codes or names are typed into
// the text box. Here the box becomes a WAI-ARIA 1.2 combobox with a listbox of matches from
// /valj/<lista>/?q=…, and each chosen value a chip with a "Ta bort" button.
// Keys: Down/Up move through the matches, Enter picks, Escape closes (or clears the box).
(function () {
    "use strict";
    if (!window.fetch) { return; }
    var counter = 0;

    function chooser(root) {
        if (root.hasAttribute("data-chooser-ready")) { return; }
        root.setAttribute("data-chooser-ready", "");
        root.classList.add("chooser--enhanced");
        counter += 1;
        var name = root.getAttribute("data-chooser-name");
        var url = root.getAttribute("data-chooser-url");
        var chips = root.querySelector(".chooser__chips");
        var input = root.querySelector(".chooser__input");
        var hint = root.querySelector(".chooser__hint");
        var listbox = document.createElement("ul");
        var status = document.createElement("div");
        var listId = "chooser-list-" + counter;
        var options = [];
        var active = -1;
        var timer = null;
        var request = 0;

        listbox.id = listId;
        listbox.className = "chooser__listbox";
        listbox.setAttribute("role", "listbox");
        listbox.hidden = true;
        var label = document.querySelector("label[for='" + input.id + "']");
        if (label) {
            if (!label.id) { label.id = input.id + "_label"; }
            listbox.setAttribute("aria-labelledby", label.id);
            chips.setAttribute("aria-label", "Valda: " + label.textContent.trim());
        }
        status.className = "chooser__status";
        status.setAttribute("role", "status");
        input.insertAdjacentElement("afterend", listbox);
        root.appendChild(status);
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);
        if (hint) {
            hint.textContent = "Skriv för att söka. Välj med pil upp och ned och Enter; Esc stänger listan.";
        }

        function chosenIds() {
            return Array.prototype.map.call(
                chips.querySelectorAll("input[name='" + name + "']"),
                function (field) { return field.value; }
            );
        }

        function announce(text) {
            status.textContent = "";
            window.setTimeout(function () { status.textContent = text; }, 50);
        }

        function removeButton(item, text) {
            var button = document.createElement("button");
            button.type = "button";
            button.className = "chooser__remove";
            button.setAttribute("aria-label", "Ta bort " + text);
            button.textContent = "×";
            button.addEventListener("click", function () {
                var next = item.nextElementSibling || item.previousElementSibling;
                item.remove();
                chips.hidden = !chips.children.length;
                announce("Borttagen: " + text);
                var target = next && next.querySelector(".chooser__remove");
                (target || input).focus();
            });
            item.appendChild(button);
        }

        // A ticked checkbox becomes a hidden field with the same name and value: it posts the
        // same, and the chip's button is the one way to remove it.
        Array.prototype.forEach.call(chips.querySelectorAll(".chooser__chip"), function (item) {
            var box = item.querySelector("input");
            var text = item.querySelector("label").textContent.trim();
            box.type = "hidden";
            var span = document.createElement("span");
            span.textContent = text;
            item.replaceChild(span, item.querySelector("label"));
            removeButton(item, text);
        });

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.element.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index < 0) {
                input.removeAttribute("aria-activedescendant");
                return;
            }
            input.setAttribute("aria-activedescendant", options[index].element.id);
            options[index].element.scrollIntoView({ block: "nearest" });
        }

        function pick(index) {
            var option = options[index];
            if (!option) { return; }
            var item = document.createElement("li");
            item.className = "chooser__chip";
            var hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = name;
            hidden.value = option.id;
            var span = document.createElement("span");
            span.textContent = option.label;
            item.appendChild(hidden);
            item.appendChild(span);
            removeButton(item, option.label);
            chips.appendChild(item);
            chips.hidden = false;
            input.value = "";
            close();
            announce("Vald: " + option.label);
            input.focus();
        }

        function show(results, more) {
            listbox.textContent = "";
            options = results.map(function (result, i) {
                var element = document.createElement("li");
                element.id = listId + "-" + i;
                element.setAttribute("role", "option");
                element.setAttribute("aria-selected", "false");
                element.className = "chooser__option";
                element.textContent = result.label;
                // mousedown, not click: a click would first blur the box and close the list.
                element.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                    pick(i);
                });
                listbox.appendChild(element);
                return { id: result.id, label: result.label, element: element };
            });
            if (!options.length) {
                close();
                announce("Inga träffar.");
                return;
            }
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
            active = -1;
            announce(options.length + (more ? " eller fler" : "") + " träffar. Pil ned för att välja.");
        }

        function search() {
            var params = new URLSearchParams({ q: input.value.trim() });
            chosenIds().forEach(function (id) { params.append("utom", id); });
            var mine = ++request;
            fetch(url + "?" + params.toString(), {
                headers: { Accept: "application/json" },
                credentials: "same-origin"
            })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { if (mine === request) { show(data.results, data.more); } })
                .catch(function () { close(); });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            if (!input.value.trim()) { close(); return; }
            timer = window.setTimeout(search, 150);
        });
        input.addEventListener("keydown", function (event) {
            var open = !listbox.hidden;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                if (!open) { search(); return; }
                highlight(Math.min(active + 1, options.length - 1));
            } else if (event.key === "ArrowUp") {
                if (!open) { return; }
                event.preventDefault();
                highlight(Math.max(active - 1, 0));
            } else if (event.key === "Enter") {
                // Enter picks; with nothing highlighted it must not send the whole page form.
                if (open && active >= 0) {
                    event.preventDefault();
                    pick(active);
                } else if (open) {
                    event.preventDefault();
                }
            } else if (event.key === "Escape") {
                if (open) {
                    event.preventDefault();
                    close();
                } else if (input.value) {
                    event.preventDefault();
                    input.value = "";
                }
            }
        });
        input.addEventListener("blur", close);
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-chooser]"), chooser);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
