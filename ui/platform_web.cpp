// platform_web.cpp: the browser host, through web/lab_platform.js: fetches into the in-memory file system
// (with progress, never blocking a frame), the location hash, and the tutorial's accessible mirror.
#include <sys/stat.h>

#include <cstdlib>

#include "platform.h"

#include <emscripten/emscripten.h>

// Small settings in localStorage (which can be missing or refuse: private windows, storage full).
EM_JS(char*, lab_setting_read, (const char* key), {
  var text = '';
  try { text = window.localStorage.getItem(UTF8ToString(key)) || ''; } catch (e) {}
  var size = lengthBytesUTF8(text) + 1;
  var ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  return ptr;
});
EM_JS(void, lab_setting_write, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) { console.warn('setting not saved: ' + e); }
});

extern "C" {
void lab_fetch_start(const char* urls_and_paths);  // "url\npath\nurl\npath..."
int lab_fetch_poll(float* progress);                // 0 pending, 1 done, -1 failed
char* lab_fetch_error();                            // malloc'd
char* lab_hash_read();                              // malloc'd, without '#'
void lab_hash_write(const char* text);
int lab_hash_changed();
void lab_autosave_read();
int lab_autosave_poll();                // 0 pending, 1 done
int lab_autosave_size();
void lab_autosave_copy(uint8_t* dst);   // the bytes read (lab_autosave_size of them)
void lab_autosave_write(const uint8_t* data, int size);
void lab_download(const char* name, const uint8_t* data, int size);
void lab_open_file(const char* accept);
int lab_open_poll();            // bytes of a file read since the last poll, -1 when none
char* lab_open_name();          // malloc'd
void lab_open_copy(uint8_t* dst);
int lab_touch_screen();
void lab_accessible_text(const char* json);
}

namespace layerlab::ui {

namespace {
std::string take(char* s) {
  std::string out = s ? s : "";
  std::free(s);
  return out;
}
}  // namespace

const char* platform_backend_name() { return "CPU (wasm SIMD)"; }
std::string platform_data_dir() { return "/data"; }
bool platform_touch_screen() { return lab_touch_screen() != 0; }

void start_fetch(const std::vector<DataFile>& files) {
  std::string list;
  for (const DataFile& f : files) list += f.url + "\n" + f.path + "\n";
  lab_fetch_start(list.c_str());
}

FetchState poll_fetch(float* progress, std::string* error) {
  const int state = lab_fetch_poll(progress);
  if (state < 0) *error = take(lab_fetch_error());
  return state > 0 ? FetchState::Done : state < 0 ? FetchState::Failed : FetchState::Pending;
}

std::string read_location_hash() { return take(lab_hash_read()); }
void write_location_hash(const std::string& text) { lab_hash_write(text.c_str()); }
bool location_hash_changed() { return lab_hash_changed() != 0; }

std::string save_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  lab_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()));
  return "downloaded as " + name;
}
bool open_file_supported() { return true; }
std::string platform_upload_dir() {
  mkdir("/upload", 0755);
  return "/upload";
}
void start_open_file(const char* accept) { lab_open_file(accept); }
bool poll_open_file(std::vector<uint8_t>* bytes, std::string* name) {
  const int size = lab_open_poll();
  if (size < 0) return false;
  bytes->resize(static_cast<size_t>(size));
  lab_open_copy(bytes->data());  // also clears the page's copy (an empty read included)
  *name = take(lab_open_name());
  return true;
}

void start_autosave_read() { lab_autosave_read(); }

bool poll_autosave_read(std::vector<uint8_t>* bytes) {
  if (!lab_autosave_poll()) return false;
  bytes->resize(static_cast<size_t>(lab_autosave_size()));
  if (!bytes->empty()) lab_autosave_copy(bytes->data());
  return true;
}

void write_autosave(const std::vector<uint8_t>& bytes) { lab_autosave_write(bytes.data(), static_cast<int>(bytes.size())); }

std::string read_setting(const std::string& key) { return take(lab_setting_read(key.c_str())); }
void write_setting(const std::string& key, const std::string& value) { lab_setting_write(key.c_str(), value.c_str()); }

double platform_uptime_ms() { return emscripten_get_now(); }

void platform_first_frame_shown() { EM_ASM({ Module.labFirstFrameMs = performance.now(); }); }

void platform_show_accessible_text(const std::string& json) { lab_accessible_text(json.c_str()); }

}  // namespace layerlab::ui
