// photo_loader.cpp: PhotoLoader: a file read (desktop) or an asynchronous fetch (web) of a photograph.
#include "tutorial/photo_loader.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <vector>

#include "imgui.h"
#include "platform.h"
#include "theme.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace layerlab::ui {

#ifdef __EMSCRIPTEN__
namespace {
// Finished fetches by ticket: bytes, or an error text.
struct FetchResult {
  bool done = false, failed = false;
  std::vector<uint8_t> bytes;
};
std::map<int, FetchResult>& fetches() {
  static std::map<int, FetchResult> results;
  return results;
}
int g_next_ticket = 1;
void on_fetched(void* arg, void* data, int size) {
  FetchResult& r = fetches()[static_cast<int>(reinterpret_cast<intptr_t>(arg))];
  r.bytes.assign(static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
  r.done = true;
}
void on_failed(void* arg) {
  FetchResult& r = fetches()[static_cast<int>(reinterpret_cast<intptr_t>(arg))];
  r.done = r.failed = true;
}
}  // namespace
#endif

void PhotoLoader::request(const std::string& name) {
  if (name == name_ && state_ != State::Idle) return;  // a failure is retried only by choosing another picture
  name_ = name;
  error_.clear();
  image_ = LessonImage();
  const char* file = photo_file(name);
  if (!file) {
    state_ = State::Failed;
    error_ = "no photograph named '" + name + "' (there are china and flower)";
    return;
  }
#ifdef __EMSCRIPTEN__
  ticket_ = g_next_ticket++;
  fetches()[ticket_] = FetchResult();
  const std::string url = std::string("data/") + file;
  emscripten_async_wget_data(url.c_str(), reinterpret_cast<void*>(static_cast<intptr_t>(ticket_)), on_fetched,
                             on_failed);
  state_ = State::Loading;
#else
  const std::string path = platform_data_dir() + "/" + file;
  std::ifstream in(path, std::ios::binary);
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.is_open()) {
    state_ = State::Failed;
    error_ = "cannot read " + path + " (./lab setup converts scikit-learn's photographs into it)";
    return;
  }
  state_ = parse_pnm(bytes, &image_, &error_) ? State::Ready : State::Failed;
  if (state_ == State::Failed) error_ = path + ": " + error_;
#endif
}

PhotoLoader::State PhotoLoader::state() {
#ifdef __EMSCRIPTEN__
  if (state_ == State::Loading) {
    auto it = fetches().find(ticket_);
    if (it != fetches().end() && it->second.done) {
      const std::string url = std::string("data/") + photo_file(name_);
      if (it->second.failed) {
        state_ = State::Failed;
        error_ = "could not fetch " + url + " (./lab setup converts scikit-learn's photographs into the web data dir)";
      } else {
        state_ = parse_pnm(it->second.bytes, &image_, &error_) ? State::Ready : State::Failed;
        if (state_ == State::Failed) error_ = url + ": " + error_;
      }
      fetches().erase(it);
    }
  }
#endif
  return state_;
}

bool photo_ready_or_status(PhotoLoader& loader) {
  const PhotoLoader::State state = loader.state();
  if (state == PhotoLoader::State::Ready) return true;
  const bool failed = state == PhotoLoader::State::Failed;
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(failed ? palette::kDanger : palette::kTextDim), "%s",
                     failed ? loader.error().c_str() : "loading the photograph...");
  return false;
}

void photo_credit_line(const PhotoLoader& loader) {
  const char* credit = photo_credit(loader.name());
  if (!credit) return;
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "%s", credit);
}

}  // namespace layerlab::ui
