/*
 * Follows a run over server-sent events. Each event carries HTML rendered from the page's own fragments:
 * an element whose id is on the page replaces it; one with data-append-to is added to that container.
 * EventSource reconnects by itself with Last-Event-ID, so the server resumes where it stopped.
 */
(function () {
    'use strict';

    /** Raised on <body> when a followed run has ended; tables listen for it to refresh themselves. */
    var RUN_ENDED = 'run-ended';

    function apply(html) {
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        Array.prototype.slice.call(template.content.children).forEach(function (element) {
            var existing = element.id ? document.getElementById(element.id) : null;
            if (existing) {
                keepStreamedLines(element);
                existing.replaceWith(element);
            } else if (element.dataset.appendTo) {
                var container = document.getElementById(element.dataset.appendTo);
                if (!container) {
                    return;
                }
                container.append(element);
                container.scrollTop = container.scrollHeight;
            } else {
                return;
            }
            if (window.htmx) {
                window.htmx.process(element);
            }
        });
    }

    /** Output lines already streamed into a container marked data-keep survive the swap of what holds it. */
    function keepStreamedLines(element) {
        element.querySelectorAll('[data-keep]').forEach(function (fresh) {
            var old = document.getElementById(fresh.id);
            if (old && !fresh.hasChildNodes()) {
                while (old.firstChild) {
                    fresh.appendChild(old.firstChild);
                }
            }
        });
    }

    function follow(root) {
        if (root.dataset.liveState) {
            return;
        }
        root.dataset.liveState = 'connecting';
        var source = new EventSource(root.dataset.liveSource);
        source.onopen = function () {
            root.dataset.liveState = 'open';
        };
        source.onerror = function () {
            if (root.dataset.liveState !== 'ended') {
                root.dataset.liveState = 'reconnecting';
            }
        };
        source.addEventListener('swap', function (event) {
            apply(event.data);
        });
        source.addEventListener('end', function (event) {
            source.close();
            apply(event.data);
            root.dataset.liveState = 'ended';
            document.body.dispatchEvent(new CustomEvent(RUN_ENDED, {bubbles: true}));
        });
    }

    function scan(scope) {
        if (scope.dataset && scope.dataset.liveSource) {
            follow(scope);
        }
        if (scope.querySelectorAll) {
            scope.querySelectorAll('[data-live-source]').forEach(follow);
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        scan(document);
    });
    document.addEventListener('htmx:load', function (event) {
        scan(event.detail.elt);
    });
})();
