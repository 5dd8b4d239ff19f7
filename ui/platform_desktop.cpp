// platform_desktop.cpp: the desktop host: data files are already on disk (./lab setup), and the experiment
// the web keeps in the URL hash lives in a file ($LAYERLAB_STATE, else ~/.config/layerlab/experiment).
#include <sys/stat.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

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

void write_location_hash(const std::string& text) {  // the new copy first, then a rename: never half a file
  const std::string path = state_path(), tmp = path + ".tmp";
  make_parent_dirs(path);
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fputc('\n', f) != EOF;
  if (std::fclose(f) == 0 && ok) std::rename(tmp.c_str(), path.c_str());
}

bool location_hash_changed() { return false; }

}  // namespace layerlab::ui
