// keyboard_input.h: the keyboard between SDL and Dear ImGui 1.86, for learners who use no mouse: key presses
// shorter than a frame are kept, and the rule for when the lab's single-key shortcuts may fire.
#pragma once
#include <SDL.h>

#include <vector>

namespace layerlab::ui {

// ImGui 1.86 reads io.KeysDown once a frame, so a key pressed and released within one frame never registered.
// Here each key changes state at most once a frame: an event for a key that already changed this frame waits for
// the next one, and every key or text event after it waits behind it, so that all keep their order.
class KeyboardInput {
 public:
  KeyboardInput();  // turns on ImGui's keyboard navigation (call after ImGui::CreateContext)
  // At the start of a frame's event loop: delivers what was held back last frame.
  void begin_frame();
  // Every SDL event: true when it was taken (held back), false when ImGui should get it now.
  bool take(const SDL_Event& event);

 private:
  std::vector<SDL_Event> waiting_;
  std::vector<SDL_Scancode> changed_;  // keys that changed state this frame
};

// Whether Space, S, E and R may run the lab's shortcuts (play/pause, step, epoch, reset) this frame: not while a
// text field has the keyboard, and not while ImGui's keyboard focus highlight is shown (the learner is moving with
// Tab or the arrows, and Space belongs to the focused control). Escape or a mouse click hides the highlight.
bool single_key_shortcuts_allowed();

}  // namespace layerlab::ui
