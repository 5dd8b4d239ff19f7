// platform.h: what the lab needs from its host, web or desktop: data files, the URL hash, the time, the
// accessible text of the open tutorial.
// The web versions (platform_web.cpp, with web/lab_platform.js) fetch files into the in-memory file
// system without blocking a frame; the desktop ones read the files ./lab setup prepared.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace layerlab::ui {

// What trains the models, for the performance readout: "CPU (wasm SIMD)" or "CPU (native)".
const char* platform_backend_name();

// True when the main pointer is a finger (CSS `pointer: coarse`, or a touch was seen): bigger hit targets.
bool platform_touch_screen();

// The directory the engine's dataset catalog reads ("/data" on the web).
std::string platform_data_dir();

// Files a catalog dataset reads, relative to the data dir (the web fetches them from /data/ first).
struct DataFile {
  std::string url;   // "data/fashion-mnist-train.lds"
  std::string path;  // where the engine opens it
};
std::vector<DataFile> files_for_dataset(const std::string& name);

// Starts making `files` available (a no-op where they are already on disk). Poll until not pending.
void start_fetch(const std::vector<DataFile>& files);
enum class FetchState { Pending, Done, Failed };
// progress in [0, 1] of the bytes expected; error says which file failed and why.
FetchState poll_fetch(float* progress, std::string* error);

// The page's location hash without '#'; on the desktop, the contents of its state file.
std::string read_location_hash();
void write_location_hash(const std::string& text);  // replaces the history entry: no new one per change
bool location_hash_changed();                       // by the user (back, edit, a pasted link) since last read

// Model files: offered as a download (web) or written beside the state file (desktop); opened through the
// browser's file picker (web only: open_file_supported() is false on the desktop).
std::string save_file(const std::string& name, const std::vector<uint8_t>& bytes);  // says where it went
bool open_file_supported();
void start_open_file(const char* accept);              // e.g. ".llm"
bool poll_open_file(std::vector<uint8_t>* bytes, std::string* name);  // true once, when a file was read
std::string platform_upload_dir();  // where opened data files are stored for the engine to read

// The autosaved session (session_snapshot.h bytes): IndexedDB on the web, a file beside the desktop's
// state file. Reading is started once and polled; a write replaces the old copy only once it is whole.
void start_autosave_read();
bool poll_autosave_read(std::vector<uint8_t>* bytes);  // true once the read finished (bytes empty: none)
void write_autosave(const std::vector<uint8_t>& bytes);

// Small named texts kept between visits (the tutorials' progress): localStorage on the web, a file beside
// the state file on the desktop (<state file>.<key without "layerlab.">). Empty when there is none.
std::string read_setting(const std::string& key);
void write_setting(const std::string& key, const std::string& value);

// Milliseconds since the page's navigation began (performance.now()) or since the program started.
double platform_uptime_ms();
// Called once the first frame is on screen: the web page records performance.now() as Module.labFirstFrameMs, which
// ./lab bench reads (no polling of the page while it starts).
void platform_first_frame_shown();

// The open tutorial as text for screen readers (tutorial_accessibility.h's JSON): the page mirrors it in a
// visually hidden region and announces its "announce" field in a polite live region. Nothing on the desktop.
void platform_show_accessible_text(const std::string& json);

}  // namespace layerlab::ui
