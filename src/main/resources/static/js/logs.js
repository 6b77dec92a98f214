/*
 * The log viewer. Lines arrive over server-sent events (read with fetch, so a refused request shows the server's
 * reason; reconnects send Last-Event-ID, so nothing arrives twice). Only the rows in view are in the DOM: with
 * fixed-height monospace rows the position of any line is arithmetic, and with wrapping on, a row's height is its
 * length over the characters that fit in a row (word-break: break-all makes that exact).
 */
(function () {
    'use strict';

    var root = document.getElementById('log-viewer');
    if (!root) {
        return;
    }
    var ROW = 18;
    var OVERSCAN = 30;
    var MAX_LINES = 200000;
    var el = function (id) { return document.getElementById(id); };
    var viewport = el('log-viewport');
    var spacer = el('log-spacer');
    var rows = el('log-rows');

    var lines = [];
    var visible = [];
    var ends = [];
    var test = null;
    var following = true;
    var wrap = false;
    var cols = 200;
    var pending = [];
    var drawQueued = false;
    var connection = null;

    function label(line) {
        if (!line.pod) {
            return '';
        }
        return line.pod + (line.container && line.kind === 'line' ? '/' + line.container : '');
    }

    function plain(line) {
        var prefix = label(line);
        return (prefix ? prefix + ' ' : '') + line.text;
    }

    function rowsFor(line) {
        return wrap ? Math.max(1, Math.ceil(plain(line).length / cols)) : 1;
    }

    function matches(line) {
        return !test || test(line.text) || test(label(line));
    }

    function push(index) {
        visible.push(index);
        ends.push((ends.length ? ends[ends.length - 1] : 0) + rowsFor(lines[index]));
    }

    function rebuild() {
        visible = [];
        ends = [];
        for (var i = 0; i < lines.length; i++) {
            if (matches(lines[i])) {
                push(i);
            }
        }
        draw();
    }

    function add(batch) {
        for (var i = 0; i < batch.length; i++) {
            lines.push(batch[i]);
            if (matches(batch[i])) {
                push(lines.length - 1);
            }
        }
        if (lines.length > MAX_LINES) {
            lines = lines.slice(lines.length - Math.floor(MAX_LINES * 0.9));
            rebuild();
        }
    }

    /** The first visible item whose rows reach below this row number. */
    function itemAt(row) {
        var low = 0;
        var high = ends.length - 1;
        while (low < high) {
            var mid = (low + high) >> 1;
            if (ends[mid] <= row) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    function draw() {
        drawQueued = false;
        var totalRows = ends.length ? ends[ends.length - 1] : 0;
        spacer.style.height = (totalRows * ROW) + 'px';
        if (following) {
            viewport.scrollTop = viewport.scrollHeight;
        }
        var firstRow = Math.floor(viewport.scrollTop / ROW);
        var from = Math.max(0, itemAt(firstRow) - OVERSCAN);
        var to = Math.min(visible.length, itemAt(firstRow + Math.ceil(viewport.clientHeight / ROW)) + OVERSCAN + 1);
        var fragment = document.createDocumentFragment();
        for (var i = from; i < to; i++) {
            var line = lines[visible[i]];
            var row = document.createElement('div');
            row.className = 'log-row log-' + line.kind;
            row.style.height = (rowsFor(line) * ROW) + 'px';
            if (line.id) {
                row.dataset.id = line.id;
            }
            var prefix = label(line);
            if (prefix) {
                var pod = document.createElement('span');
                pod.className = 'log-pod';
                pod.textContent = prefix;
                row.appendChild(pod);
            }
            row.appendChild(document.createTextNode(line.text));
            fragment.appendChild(row);
        }
        rows.style.transform = 'translateY(' + ((from > 0 ? ends[from - 1] : 0) * ROW) + 'px)';
        rows.replaceChildren(fragment);
        el('log-count').textContent = visible.length === lines.length ? lines.length + ' lines'
            : visible.length + ' of ' + lines.length + ' lines';
    }

    function redraw() {
        if (!drawQueued) {
            drawQueued = true;
            window.requestAnimationFrame(function () {
                if (pending.length) {
                    var batch = pending;
                    pending = [];
                    add(batch);
                }
                draw();
            });
        }
    }

    function note(kind, text) {
        pending.push({kind: kind, pod: '', text: text});
        redraw();
    }

    function status(state, text) {
        var badge = el('log-status');
        badge.dataset.state = state;
        badge.textContent = text || state;
    }

    function setFollowing(on) {
        following = on;
        var button = el('log-pause');
        button.dataset.following = String(on);
        button.innerHTML = on ? '<i class="bi bi-pause-fill"></i> Pause' : '<i class="bi bi-play-fill"></i> Follow';
        if (on) {
            redraw();
        }
    }

    function compileFilter() {
        var input = el('log-filter');
        var text = input.value;
        input.classList.remove('is-invalid');
        if (!text) {
            test = null;
        } else if (el('log-regex').checked) {
            try {
                var pattern = new RegExp(text, el('log-case').checked ? '' : 'i');
                test = function (value) { return pattern.test(value); };
            } catch (invalid) {
                input.classList.add('is-invalid');
                input.title = invalid.message;
                return;
            }
        } else if (el('log-case').checked) {
            test = function (value) { return value.indexOf(text) >= 0; };
        } else {
            var lower = text.toLowerCase();
            test = function (value) { return value.toLowerCase().indexOf(lower) >= 0; };
        }
        rebuild();
    }

    function measureColumns() {
        var probe = document.createElement('span');
        probe.textContent = 'M'.repeat(100);
        probe.style.visibility = 'hidden';
        probe.style.position = 'absolute';
        viewport.appendChild(probe);
        var width = probe.getBoundingClientRect().width / 100 || 8;
        viewport.removeChild(probe);
        cols = Math.max(20, Math.floor((viewport.clientWidth - 16) / width));
    }

    /** One SSE stream over fetch, reopened with Last-Event-ID until it ends or another is chosen. */
    function Connection(url) {
        this.url = url;
        this.lastEventId = null;
        this.controller = null;
        this.closed = false;
        this.retry = 500;
    }

    Connection.prototype.close = function () {
        this.closed = true;
        if (this.controller) {
            this.controller.abort();
        }
    };

    Connection.prototype.open = function () {
        var self = this;
        if (self.closed) {
            return;
        }
        self.controller = new AbortController();
        var headers = {Accept: 'text/event-stream'};
        if (self.lastEventId) {
            headers['Last-Event-ID'] = self.lastEventId;
        }
        status(self.lastEventId ? 'reconnecting' : 'connecting');
        fetch(self.url, {headers: headers, signal: self.controller.signal}).then(function (response) {
            if (!response.ok) {
                return response.json().catch(function () { return {}; }).then(function (problem) {
                    note('error', problem.detail || ('The server answered ' + response.status));
                    if (response.status >= 500 && !self.closed) {
                        status('waiting', 'retrying');
                        self.again();
                    } else {
                        status('failed');
                        self.closed = true;
                    }
                });
            }
            status('open', 'live');
            self.retry = 500;
            return self.read(response.body.getReader());
        }).catch(function () {
            if (!self.closed) {
                self.again();
            }
        });
    };

    Connection.prototype.again = function () {
        var self = this;
        status('reconnecting');
        setTimeout(function () { self.open(); }, self.retry);
        self.retry = Math.min(self.retry * 2, 10000);
    };

    Connection.prototype.read = function (reader) {
        var self = this;
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
            return reader.read().then(function (chunk) {
                if (chunk.done) {
                    if (!self.closed) {
                        self.again();
                    }
                    return;
                }
                buffer += decoder.decode(chunk.value, {stream: true}).replace(/\r\n/g, '\n');
                var cut;
                while ((cut = buffer.indexOf('\n\n')) >= 0) {
                    self.event(buffer.slice(0, cut));
                    buffer = buffer.slice(cut + 2);
                }
                return self.closed ? undefined : pump();
            });
        }
        return pump();
    };

    Connection.prototype.event = function (block) {
        var name = 'message';
        var data = '';
        var id = null;
        block.split('\n').forEach(function (field) {
            if (field.indexOf('id:') === 0) {
                id = field.slice(3).trim();
            } else if (field.indexOf('event:') === 0) {
                name = field.slice(6).trim();
            } else if (field.indexOf('data:') === 0) {
                data += field.slice(5);
            }
        });
        if (id) {
            this.lastEventId = id;
        }
        if (!data) {
            return;
        }
        var line = JSON.parse(data);
        line.kind = name;
        if (name === 'reset') {
            lines = [];
            pending = [];
            rebuild();
            return;
        }
        if (name === 'end') {
            this.close();
            status('ended');
            note('marker', line.text || 'End of log');
            return;
        }
        pending.push(line);
        redraw();
    };

    function streamUrl(source) {
        var params = new URLSearchParams();
        var container = el('log-container').value;
        if (container) {
            params.set('container', container);
        }
        params.set('follow', String(el('log-follow-stream').checked));
        if (el('log-tail').value !== '') {
            params.set('tail', el('log-tail').value);
        }
        if (el('log-since').value !== '') {
            params.set('sinceSeconds', el('log-since').value);
        }
        if (el('log-previous').checked) {
            params.set('previous', 'true');
        }
        if (el('log-init').checked) {
            params.set('initContainers', 'true');
        }
        var kind = source.slice(0, source.indexOf(':'));
        var name = encodeURIComponent(source.slice(source.indexOf(':') + 1));
        if (kind === 'component') {
            params.set('plan', root.dataset.plan);
            return '/api/logs/components/' + name + '?' + params;
        }
        return '/api/logs/pods/' + name + '?' + params;
    }

    function show() {
        var source = el('log-source').value;
        if (connection) {
            connection.close();
        }
        lines = [];
        pending = [];
        rebuild();
        setFollowing(true);
        if (!source) {
            note('error', 'Choose a component or a pod first.');
            return;
        }
        connection = new Connection(streamUrl(source));
        connection.open();
    }

    function loadContainers(preferred) {
        var select = el('log-container');
        var source = el('log-source').value;
        select.replaceChildren(new Option('default / all', ''));
        if (source.indexOf('pod:') !== 0) {
            return Promise.resolve();
        }
        return fetch('/api/logs/pods/' + encodeURIComponent(source.slice(4)) + '/containers', {
            headers: {Accept: 'application/json'}
        }).then(function (response) {
            return response.json().then(function (body) {
                if (!response.ok) {
                    note('error', body.detail || ('The server answered ' + response.status));
                    return;
                }
                body.containers.concat(body.initContainers).forEach(function (name) {
                    select.add(new Option(name + (body.initContainers.indexOf(name) >= 0 ? ' (init)' : ''), name,
                        false, name === preferred));
                });
            });
        }).catch(function () {
            note('error', 'The panel could not be reached to list the pod\'s containers.');
        });
    }

    function download() {
        var text = lines.map(function (line) {
            return (line.time ? line.time + ' ' : '') + plain(line);
        }).join('\n') + '\n';
        var link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([text], {type: 'text/plain'}));
        var source = el('log-source').value.replace(':', '-') || 'logs';
        link.download = source + '-' + new Date().toISOString().replace(/[:.]/g, '-') + '.log';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    var filterTimer = null;
    el('log-filter').addEventListener('input', function () {
        clearTimeout(filterTimer);
        filterTimer = setTimeout(compileFilter, 120);
    });
    el('log-regex').addEventListener('change', compileFilter);
    el('log-case').addEventListener('change', compileFilter);
    el('log-pause').addEventListener('click', function () { setFollowing(!following); });
    el('log-download').addEventListener('click', download);
    el('log-open').addEventListener('click', show);
    el('log-source').addEventListener('change', function () { loadContainers(''); });
    el('log-wrap').addEventListener('change', function (event) {
        wrap = event.target.checked;
        viewport.classList.toggle('log-wrap', wrap);
        measureColumns();
        rebuild();
    });
    window.addEventListener('resize', function () {
        if (wrap) {
            measureColumns();
            rebuild();
        } else {
            redraw();
        }
    });
    var lastTop = 0;
    viewport.addEventListener('scroll', function () {
        var atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW;
        if (following && viewport.scrollTop < lastTop && !atBottom) {
            setFollowing(false);
        } else if (!following && atBottom && viewport.scrollTop > lastTop) {
            setFollowing(true);
        }
        lastTop = viewport.scrollTop;
        redraw();
    });

    measureColumns();
    if (root.dataset.source) {
        loadContainers(root.dataset.container).then(show);
    }
})();
