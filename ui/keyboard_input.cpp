// keyboard_input.cpp: key events held back so that each key changes once a frame, and the rule for the lab's
// single-key shortcuts.
#include "keyboard_input.h"

#include <algorithm>
#include <vector>

#include "imgui.h"
#include "imgui_impl_sdl.h"

namespace layerlab::ui {

namespace {
bool is_key(const SDL_Event& e) { return e.type == SDL_KEYDOWN || e.type == SDL_KEYUP; }
}  // namespace

KeyboardInput::KeyboardInput() { ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard; }

void KeyboardInput::begin_frame() {
  changed_.clear();
  std::vector<SDL_Event> held;
  held.swap(waiting_);
  for (const SDL_Event& e : held)
    if (!take(e)) ImGui_ImplSDL2_ProcessEvent(&e);
}

bool KeyboardInput::take(const SDL_Event& e) {
  if (!is_key(e) && e.type != SDL_TEXTINPUT) return false;
  const bool first_change = is_key(e) && !e.key.repeat;
  const SDL_Scancode key = first_change ? e.key.keysym.scancode : SDL_SCANCODE_UNKNOWN;
  // Once one event waits, every later key and text event waits behind it: they keep their order across keys
  // (a Space that lets a slider go must not overtake the arrow presses meant for it).
  if (!waiting_.empty() || (first_change && std::find(changed_.begin(), changed_.end(), key) != changed_.end())) {
    waiting_.push_back(e);
    return true;
  }
  if (first_change) changed_.push_back(key);
  return false;
}

bool single_key_shortcuts_allowed() {
  const ImGuiIO& io = ImGui::GetIO();
  return !io.WantTextInput && !io.NavVisible;
}

}  // namespace layerlab::ui
