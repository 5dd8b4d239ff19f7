// lab_platform.js: the page side of ui/platform_web.cpp (emcc --js-library): data files fetched into the
// in-memory file system with progress, and the location hash.
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
});
