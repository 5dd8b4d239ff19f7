// photo_loader.h: PhotoLoader, the tutorials' photographs loaded without blocking a frame: on the desktop a
// file read from the data dir, on the web a fetch of data/<file> (its own request, independent of the lab's
// dataset fetches).
#pragma once
#include <string>

#include "tutorial/lesson_images.h"

namespace layerlab::ui {

class PhotoLoader {
 public:
  // Starts loading `name` unless it is the picture already loaded, loading or failed; see state().
  void request(const std::string& name);
  enum class State { Idle, Loading, Ready, Failed };
  State state();  // polls the fetch
  const LessonImage& image() const { return image_; }
  const std::string& error() const { return error_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_, error_;
  LessonImage image_;
  State state_ = State::Idle;
  int ticket_ = 0;
};

// While `loader` is not ready, draws one line: "loading the photograph..." or its error (in the danger
// colour). True when the photograph is ready.
bool photo_ready_or_status(PhotoLoader& loader);

// One dim line crediting the loaded photograph's author and licence (nothing while none is loaded).
void photo_credit_line(const PhotoLoader& loader);

}  // namespace layerlab::ui
