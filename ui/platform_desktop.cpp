// platform_desktop.cpp: the desktop host: data files are already on disk (./lab setup), and the experiment
// the web keeps in the URL hash lives in a file ($LAYERLAB_STATE, else ~/.config/layerlab/experiment).
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "byte_io.h"
#include "dataset_catalog.h"
#include "platform.h"

namespace layerlab::ui {

namespace {
std::string state_path() {
  if (const char* env = std::getenv("LAYERLAB_STATE")) return env;
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string dir = config && *config ? std::string(config) + "/layerlab" : std::string(home ? home : ".") + "/.config/layerlab";
  return dir + "/experiment";
}

void make_parent_dirs(const std::string& path) {
  for (size_t i = 1; i < path.size(); ++i)
    if (path[i] == '/') mkdir(path.substr(0, i).c_str(), 0755);
}
}  // namespace

const char* platform_backend_name() { return "CPU (native)"; }
bool platform_touch_screen() { return false; }  // main.cpp also switches on the first SDL finger event
std::string platform_data_dir() { return default_data_dir(); }
void start_fetch(const std::vector<DataFile>&) {}
FetchState poll_fetch(float* progress, std::string*) {
  *progress = 1.0f;
  return FetchState::Done;
}

std::string read_location_hash() {
  std::ifstream in(state_path());
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s.size() <= 8192 ? s : "";
}

static void write_file_atomically(const std::string& path, const void* data, size_t size) {
  const std::string tmp = path + ".tmp";  // the new copy first, then a rename: never half a file
  make_parent_dirs(path);
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  const bool ok = std::fwrite(data, 1, size, f) == size;
  if (std::fclose(f) == 0 && ok) std::rename(tmp.c_str(), path.c_str());
}

void write_location_hash(const std::string& text) {
  const std::string line = text + "\n";
  write_file_atomically(state_path(), line.data(), line.size());
}

bool location_hash_changed() { return false; }

std::string save_file(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path = state_path();
  const std::string dir = path.substr(0, path.rfind('/') + 1);
  write_file_atomically(dir + name, bytes.data(), bytes.size());
  return "saved to " + dir + name;
}
bool open_file_supported() { return false; }
std::string platform_upload_dir() {
  const std::string path = state_path();
  return path.substr(0, path.rfind('/'));
}
void start_open_file(const char*) {}
bool poll_open_file(std::vector<uint8_t>*, std::string*) { return false; }

void start_autosave_read() {}
bool poll_autosave_read(std::vector<uint8_t>* bytes) {
  std::string error;
  if (!read_whole_file(state_path() + ".session", bytes, &error)) bytes->clear();
  return true;
}
void write_autosave(const std::vector<uint8_t>& bytes) {
  write_file_atomically(state_path() + ".session", bytes.data(), bytes.size());
}

static std::string setting_path(const std::string& key) {
  const std::string prefix = "layerlab.";
  return state_path() + "." + (key.rfind(prefix, 0) == 0 ? key.substr(prefix.size()) : key);
}
std::string read_setting(const std::string& key) {
  std::vector<uint8_t> bytes;
  std::string error;
  if (!read_whole_file(setting_path(key), &bytes, &error) || bytes.size() > 65536) return "";
  return std::string(bytes.begin(), bytes.end());
}
void write_setting(const std::string& key, const std::string& value) {
  write_file_atomically(setting_path(key), value.data(), value.size());
}

double platform_uptime_ms() {
  static const auto start = std::chrono::steady_clock::now();  // first asked in main(), before the window opens
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void platform_first_frame_shown() {}

void platform_show_accessible_text(const std::string&) {}  // SDL2 2.26 gives no way to reach a screen reader

}  // namespace layerlab::ui
