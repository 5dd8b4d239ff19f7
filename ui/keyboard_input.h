// keyboard_input.h: the keyboard between SDL and Dear ImGui 1.86, for learners who use no mouse: key presses
// shorter than a frame are kept, Tab and Shift+Tab walk every control (child windows such as the tutorial's
// step text included), Enter presses buttons, a focus ring that stays visible, and the rule for when the lab's
// single-key shortcuts may fire.
#pragma once
#include <SDL.h>

#include <vector>

namespace layerlab::ui {

// ImGui 1.86 reads io.KeysDown once a frame, so a key pressed and released within one frame never registered.
// Here each key changes state at most once a frame: an event for a key that already changed this frame waits for
// the next one, and every key or text event after it waits behind it, so that all keep their order.
// Tab and Shift+Tab (without Ctrl or Alt, and while no text field has the keyboard) do not reach ImGui, whose
// 1.86 tabbing stops only at text fields and slider text entry, within one window: they move ImGui's keyboard
// focus to the next or previous control in the order they are drawn, on into the next window (the browser keeps
// Ctrl+Tab, ImGui's window switcher), child windows such as the tutorial's step text included.
// Enter on a focused button, combo or checkbox presses it as Space does (in 1.86 only Space activates them;
// Enter keeps its ImGui meaning on text fields and sliders: type a value).
class KeyboardInput {
 public:
  KeyboardInput();  // turns on ImGui's keyboard navigation and its per-item hook (call after ImGui::CreateContext)
  // At the start of a frame's event loop: delivers what was held back last frame.
  void begin_frame();
  // Every SDL event: true when it was taken (held back or used as Tab), false when ImGui should get it now.
  bool take(const SDL_Event& event);
  // Right after ImGui::NewFrame(): carries out a Tab or Shift+Tab pressed since the last frame.
  void after_new_frame();

 private:
  bool use(const SDL_Event& event);  // true when it was taken: Tab or Shift+Tab, or Enter passed on as Space
  std::vector<SDL_Event> waiting_;
  std::vector<SDL_Scancode> changed_;  // keys that changed state this frame
  int tab_ = 0;                        // +1 Tab, -1 Shift+Tab, 0 none
  bool enter_as_space_ = false;        // the Enter key held down is passed on as Space
};

// Whether Space, S, E and R may run the lab's shortcuts (play/pause, step, epoch, reset) this frame: not while a
// text field has the keyboard, and not while ImGui's keyboard focus highlight is shown (the learner is moving with
// Tab or the arrows, and Space belongs to the focused control). Escape or a mouse click hides the highlight.
bool single_key_shortcuts_allowed();

// A second, wider ring around the focused control, over everything else drawn (the tutorials' pulsing outline of a
// step's widget sits exactly where ImGui's own highlight is and hid it). Call after the last window, before Render.
void draw_keyboard_focus_ring();

// Where ImGui's keyboard focus highlight is (x, y, width, height in window pixels); false when it is not shown.
bool keyboard_focus_rect(float rect[4]);

}  // namespace layerlab::ui
