// lab_platform.js: the page side of ui/platform_web.cpp (emcc --js-library): data files fetched into the
// in-memory file system with progress, the location hash, the autosave, model files, whether the pointer is a
// finger, and the open tutorial's text in shell.html's visually hidden region for screen readers.
mergeInto(LibraryManager.library, {
  $labFetch: { state: 1, loaded: 0, total: 0, error: '', generation: 0 },
  $labHash: { changed: false, listening: false },

  lab_fetch_start__deps: ['$labFetch'],
  lab_fetch_start: function (listPtr) {
    var lines = UTF8ToString(listPtr).split('\n').filter(function (s) { return s.length > 0; });
    var jobs = [];
    for (var i = 0; i + 1 < lines.length; i += 2) jobs.push({ url: lines[i], path: lines[i + 1] });
    var generation = ++labFetch.generation;  // a newer request makes an older one's results moot
    labFetch.state = 0; labFetch.loaded = 0; labFetch.total = 0; labFetch.error = '';
    var pending = jobs.filter(function (j) { return !FS.analyzePath(j.path).exists; });
    if (pending.length === 0) { labFetch.state = 1; return; }
    var loaded = pending.map(function () { return 0; });
    var totals = pending.map(function () { return 0; });
    function update() {
      labFetch.loaded = loaded.reduce(function (a, b) { return a + b; }, 0);
      labFetch.total = totals.reduce(function (a, b) { return a + b; }, 0);
    }
    function fetchOne(job, k) {
      return fetch(job.url).then(function (response) {
        if (!response.ok) throw new Error(job.url + ': the server answered ' + response.status + ' ' + response.statusText);
        totals[k] = Number(response.headers.get('Content-Length')) || 0;
        update();
        var reader = response.body.getReader();
        var chunks = [];
        function pump() {
          return reader.read().then(function (r) {
            if (r.done) return;
            chunks.push(r.value);
            loaded[k] += r.value.length;
            if (generation === labFetch.generation) update();
            return pump();
          });
        }
        return pump().then(function () {
          var bytes = new Uint8Array(loaded[k]);
          var at = 0;
          chunks.forEach(function (c) { bytes.set(c, at); at += c.length; });
          if (generation !== labFetch.generation) return;
          var dir = job.path.substring(0, job.path.lastIndexOf('/'));
          if (dir) FS.mkdirTree(dir);
          FS.writeFile(job.path, bytes);
        });
      });
    }
    Promise.all(pending.map(fetchOne)).then(function () {
      if (generation === labFetch.generation) labFetch.state = 1;
    }, function (e) {
      if (generation !== labFetch.generation) return;
      labFetch.error = String(e && e.message ? e.message : e);
      labFetch.state = -1;
    });
  },

  lab_fetch_poll__deps: ['$labFetch'],
  lab_fetch_poll: function (progressPtr) {
    var p = labFetch.state === 1 ? 1 : labFetch.total > 0 ? labFetch.loaded / labFetch.total : 0;
    HEAPF32[progressPtr >> 2] = Math.min(1, p);
    return labFetch.state;
  },

  lab_fetch_error__deps: ['$labFetch'],
  lab_fetch_error: function () {
    var text = labFetch.error || 'unknown error';
    var size = lengthBytesUTF8(text) + 1;
    var ptr = _malloc(size);
    stringToUTF8(text, ptr, size);
    return ptr;
  },

  lab_hash_read__deps: ['$labHash'],
  lab_hash_read: function () {
    if (!labHash.listening) {
      labHash.listening = true;
      window.addEventListener('hashchange', function () { labHash.changed = true; });
    }
    labHash.changed = false;
    var text = window.location.hash.replace(/^#/, '');
    var size = lengthBytesUTF8(text) + 1;
    var ptr = _malloc(size);
    stringToUTF8(text, ptr, size);
    return ptr;
  },

  lab_hash_write: function (textPtr) {
    var text = UTF8ToString(textPtr);
    if (window.location.hash.replace(/^#/, '') === text) return;
    history.replaceState(null, '', '#' + text);  // replaceState fires no hashchange
  },

  lab_hash_changed__deps: ['$labHash'],
  lab_hash_changed: function () { return labHash.changed ? 1 : 0; },

  // The autosave: one record in IndexedDB ('layerlab' / 'autosave' / 'session'). A put is one transaction:
  // a tab killed mid-write aborts it and the previous record stays.
  $labAutosave: { state: 0, bytes: null },

  lab_autosave_read__deps: ['$labAutosave'],
  lab_autosave_read: function () {
    labAutosave.state = 0;
    function done(bytes) { labAutosave.bytes = bytes; labAutosave.state = 1; }
    try {
      var open = indexedDB.open('layerlab', 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('autosave'); };
      open.onerror = function () { done(null); };
      open.onsuccess = function () {
        try {
          var get = open.result.transaction('autosave', 'readonly').objectStore('autosave').get('session');
          get.onsuccess = function () {
            var v = get.result;
            // Anything but bytes (an older or foreign record) is handed on as one byte: refused as damaged.
            done(v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : v == null ? null : new Uint8Array(1));
          };
          get.onerror = function () { done(null); };
        } catch (e) { done(null); }
      };
    } catch (e) { done(null); }
  },

  lab_autosave_poll__deps: ['$labAutosave'],
  lab_autosave_poll: function () { return labAutosave.state; },

  lab_autosave_size__deps: ['$labAutosave'],
  lab_autosave_size: function () { return labAutosave.bytes ? labAutosave.bytes.length : 0; },

  lab_autosave_copy__deps: ['$labAutosave'],
  lab_autosave_copy: function (dst) {
    if (labAutosave.bytes) HEAPU8.set(labAutosave.bytes, dst);
    labAutosave.bytes = null;
  },

  lab_autosave_write: function (data, size) {
    var copy = HEAPU8.slice(data, data + size);
    try {
      var open = indexedDB.open('layerlab', 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('autosave'); };
      open.onsuccess = function () {
        try {
          var tx = open.result.transaction('autosave', 'readwrite');
          tx.objectStore('autosave').put(copy, 'session');
          tx.oncomplete = function () { Module.labAutosaves = (Module.labAutosaves || 0) + 1; open.result.close(); };
        } catch (e) { console.warn('autosave failed: ' + e); }
      };
    } catch (e) { console.warn('autosave failed: ' + e); }
  },

  lab_download: function (namePtr, data, size) {
    var blob = new Blob([HEAPU8.slice(data, data + size)], { type: 'application/octet-stream' });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(namePtr);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
  },

  // The browser's file picker; the file is read as bytes (never run) and handed to C++ by lab_open_poll.
  $labOpen: { bytes: null, name: '' },
  lab_open_file__deps: ['$labOpen'],
  lab_open_file: function (acceptPtr) {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = UTF8ToString(acceptPtr);
    input.style.display = 'none';
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      input.remove();
      if (!file) return;
      if (file.size > 1024 * 1024 * 1024) { labOpen.name = file.name; labOpen.bytes = new Uint8Array(0); return; }
      file.arrayBuffer().then(function (buffer) {
        labOpen.name = file.name;
        labOpen.bytes = new Uint8Array(buffer);
      }, function () { labOpen.name = file.name; labOpen.bytes = new Uint8Array(0); });
    });
    document.body.appendChild(input);
    input.click();
  },
  lab_open_poll__deps: ['$labOpen'],
  lab_open_poll: function () { return labOpen.bytes ? labOpen.bytes.length : -1; },
  lab_open_name__deps: ['$labOpen'],
  lab_open_name: function () {
    var size = lengthBytesUTF8(labOpen.name) + 1;
    var ptr = _malloc(size);
    stringToUTF8(labOpen.name, ptr, size);
    return ptr;
  },
  lab_open_copy__deps: ['$labOpen'],
  lab_open_copy: function (dst) {
    if (labOpen.bytes) HEAPU8.set(labOpen.bytes, dst);
    labOpen.bytes = null;
  },

  // A touch screen: the primary pointer is coarse (phones, tablets), or a finger touched the page (a laptop's
  // touch screen). Watched, not polled: the answer is kept and updated by the media query and the first touch.
  $labTouch: { watching: false, coarse: false, touched: false },
  lab_touch_screen__deps: ['$labTouch'],
  lab_touch_screen: function () {
    if (!labTouch.watching) {
      labTouch.watching = true;
      var query = window.matchMedia ? window.matchMedia('(pointer: coarse)') : null;
      if (query) {
        labTouch.coarse = query.matches;
        var changed = function (e) { labTouch.coarse = e.matches; };
        if (query.addEventListener) query.addEventListener('change', changed); else query.addListener(changed);
      }
      window.addEventListener('touchstart', function () { labTouch.touched = true; }, { passive: true, capture: true });
    }
    return labTouch.coarse || labTouch.touched ? 1 : 0;
  },

  // The open tutorial as text (ui/tutorial/tutorial_accessibility.h's JSON, sent only when it changed) into the
  // hidden region #a11y-tutorial; its `announce` goes to the polite live region #a11y-live. A repeated
  // announcement gets a no-break space more or less, so that the live region speaks it again.
  $labA11y: { flip: false },
  lab_accessible_text__deps: ['$labA11y'],
  lab_accessible_text: function (jsonPtr) {
    var s = JSON.parse(UTF8ToString(jsonPtr));
    var region = document.getElementById('a11y-tutorial');
    if (!region) return;
    function set(id, text) {
      var el = document.getElementById(id);
      el.textContent = text || '';
      el.hidden = !text;
    }
    region.hidden = !s.open;
    set('a11y-tutorial-title', s.tutorial);
    set('a11y-step', s.step);
    var body = document.getElementById('a11y-text');
    body.replaceChildren.apply(body, (s.text || []).map(function (line) {
      var p = document.createElement('p');
      p.textContent = line;
      return p;
    }));
    set('a11y-progress', s.progress);
    set('a11y-status', s.status);
    set('a11y-hint', s.hint);
    if (s.announce) {
      labA11y.flip = !labA11y.flip;
      document.getElementById('a11y-live').textContent = s.announce + (labA11y.flip ? '\u00a0' : '');
    }
  },
});
