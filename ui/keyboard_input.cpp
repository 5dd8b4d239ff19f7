// keyboard_input.cpp: key events held back so that each key changes once a frame, Tab and Shift+Tab through the
// controls ImGui drew last frame (recorded by ImGui's per-item hook, compiled in with IMGUI_ENABLE_TEST_ENGINE),
// and the rule for the lab's single-key shortcuts.
#include "keyboard_input.h"

#include <algorithm>
#include <vector>

#include "imgui.h"
#include "imgui_impl_sdl.h"
#include "imgui_internal.h"

namespace {

// A control ImGui could focus with the keyboard: not disabled, not excluded from navigation, in the window's
// main layer (not its title bar), and not the stand-in a parent window keeps for a child window with controls.
struct NavItem {
  ImGuiID id;
  ImGuiWindow* window;
  ImRect rect_rel;  // relative to the window's content start, as ImGui keeps nav rectangles
  ImGuiID focus_scope;
  bool inputable;   // a text field or slider: Enter types into it (ImGui's own meaning of Enter)
};

struct ItemLog {
  int frame = -1;
  std::vector<NavItem> current, last;  // this frame's, in the order they were drawn; the last frame's
  std::vector<ImGuiID> children;       // child windows seen this frame (their stand-ins are skipped)
  void roll(int frame_count) {
    if (frame_count == frame) return;
    last.swap(current);
    current.clear();
    children.clear();
    frame = frame_count;
  }
};
ItemLog g_items;

}  // namespace

// ImGui calls these from ItemAdd() and its widgets (imgui_internal.h, IMGUI_ENABLE_TEST_ENGINE); only ItemAdd's
// is used.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
  ImGuiContext& g = *ctx;
  ImGuiWindow* w = g.CurrentWindow;
  // ButtonBehavior() also calls it for parts that are no items (scrollbars, resize grips): those are skipped.
  if (!w || id == 0 || id != g.LastItemData.ID || id == w->MoveId || w->DC.NavLayerCurrent != ImGuiNavLayer_Main) return;
  if ((g.LastItemData.InFlags & (ImGuiItemFlags_NoNav | ImGuiItemFlags_Disabled)) || (w->Flags & ImGuiWindowFlags_NoNavInputs))
    return;
  g_items.roll(g.FrameCount);
  if ((w->Flags & ImGuiWindowFlags_ChildWindow) && std::find(g_items.children.begin(), g_items.children.end(), w->ChildId) == g_items.children.end())
    g_items.children.push_back(w->ChildId);
  if (std::find(g_items.children.begin(), g_items.children.end(), id) != g_items.children.end()) return;
  g_items.current.push_back({id, w, ImGui::WindowRectAbsToRel(w, bb), w->DC.NavFocusScopeIdCurrent,
                             (g.LastItemData.InFlags & ImGuiItemFlags_Inputable) != 0});
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) {}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace layerlab::ui {

namespace {

bool is_key(const SDL_Event& e) { return e.type == SDL_KEYDOWN || e.type == SDL_KEYUP; }

// The focus highlight is on a control that Enter cannot use in ImGui 1.86 (a button, a combo, a checkbox: only
// Space activates them there; Enter is for typing into text fields and sliders).
bool focus_on_button() {
  const ImGuiContext& g = *GImGui;
  if (g.NavId == 0 || g.NavDisableHighlight || g.ActiveId != 0) return false;
  for (const std::vector<NavItem>* list : {&g_items.current, &g_items.last})
    for (const NavItem& item : *list)
      if (item.id == g.NavId) return !item.inputable;
  return false;
}

// Moves ImGui's keyboard focus `dir` controls on (+1, -1) in the order they were drawn, through every window (the
// browser keeps Ctrl+Tab, ImGui's window switcher, for itself), wrapping around; inside an open popup, only through
// the popup. With no focused control it starts in the focused window.
void move_focus(int dir) {
  ImGuiContext& g = *GImGui;
  g_items.roll(g.FrameCount);
  if (g.NavWindowingTarget) return;
  ImGuiWindow* nav_root = g.NavWindow ? g.NavWindow->RootWindow : nullptr;
  ImGuiWindow* popup = nav_root && (nav_root->Flags & ImGuiWindowFlags_Popup) ? nav_root : nullptr;
  std::vector<const NavItem*> ring;
  for (const NavItem& item : g_items.last) {
    ImGuiWindow* root = item.window->RootWindow;
    if (popup ? root == popup : !(root->Flags & ImGuiWindowFlags_Popup)) ring.push_back(&item);
  }
  if (ring.empty()) return;
  const int n = static_cast<int>(ring.size());
  int at = -1, first = -1, last = -1;  // the focused control; the focused window's first and last
  for (int i = 0; i < n; ++i) {
    const NavItem& item = *ring[static_cast<size_t>(i)];
    if (item.id == g.NavId && item.window == g.NavWindow) at = i;
    if (item.window->RootWindow == nav_root) {
      if (first < 0) first = i;
      last = i;
    }
  }
  const int next = at >= 0 ? (at + dir + n) % n : first >= 0 ? (dir > 0 ? first : last) : (dir > 0 ? 0 : n - 1);
  const NavItem& item = *ring[static_cast<size_t>(next)];
  if (g.ActiveId != 0 && g.ActiveId != item.id) ImGui::ClearActiveID();
  ImGui::FocusWindow(item.window);
  ImGui::SetNavID(item.id, ImGuiNavLayer_Main, item.focus_scope, item.rect_rel);
  g.NavInputSource = ImGuiInputSource_Keyboard;
  g.NavDisableHighlight = false;  // what ImGui does after a keyboard move: show the highlight, ignore hovering
  g.NavDisableMouseHover = g.NavMousePosDirty = true;
  ImGui::ScrollToRect(item.window, ImGui::WindowRectRelToAbs(item.window, item.rect_rel), ImGuiScrollFlags_KeepVisibleEdgeY);
}

}  // namespace

KeyboardInput::KeyboardInput() {
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  GImGui->TestEngineHookItems = true;
}

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
  return use(e);
}

bool KeyboardInput::use(const SDL_Event& e) {
  if (!is_key(e)) return false;
  const Uint16 mod = e.key.keysym.mod;
  const SDL_Scancode key = e.key.keysym.scancode;
  if (key == SDL_SCANCODE_RETURN || key == SDL_SCANCODE_KP_ENTER) {
    if (e.type == SDL_KEYDOWN && !e.key.repeat) enter_as_space_ = !ImGui::GetIO().WantTextInput && focus_on_button();
    if (enter_as_space_) {  // ImGui gets Space's press and release instead (no text: the shortcuts do not see it)
      SDL_Event space = e;
      space.key.keysym.scancode = SDL_SCANCODE_SPACE;
      space.key.keysym.sym = SDLK_SPACE;
      ImGui_ImplSDL2_ProcessEvent(&space);
      if (e.type == SDL_KEYUP) enter_as_space_ = false;
      return true;
    }
  }
  if (e.type == SDL_KEYDOWN && e.key.keysym.scancode == SDL_SCANCODE_TAB && !(mod & (KMOD_CTRL | KMOD_ALT)) &&
      !ImGui::GetIO().WantTextInput) {
    tab_ = (mod & KMOD_SHIFT) ? -1 : +1;
    return true;
  }
  return false;
}

void KeyboardInput::after_new_frame() {
  if (tab_ != 0) move_focus(tab_);
  tab_ = 0;
}

bool single_key_shortcuts_allowed() {
  const ImGuiIO& io = ImGui::GetIO();
  return !io.WantTextInput && !io.NavVisible;
}

bool keyboard_focus_rect(float rect[4]) {
  const ImGuiContext& g = *GImGui;
  if (!g.NavWindow || g.NavId == 0 || g.NavDisableHighlight || !ImGui::GetIO().NavActive) return false;
  const ImRect r = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
  rect[0] = r.Min.x;
  rect[1] = r.Min.y;
  rect[2] = r.GetWidth();
  rect[3] = r.GetHeight();
  return true;
}

void draw_keyboard_focus_ring() {
  float r[4];
  if (!keyboard_focus_rect(r)) return;
  const ImGuiWindow* window = GImGui->NavWindow->RootWindow;  // not drawn beyond the focused window
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  fg->PushClipRect(window->Pos, ImVec2(window->Pos.x + window->Size.x, window->Pos.y + window->Size.y), false);
  fg->AddRect(ImVec2(r[0] - 7, r[1] - 7), ImVec2(r[0] + r[2] + 7, r[1] + r[3] + 7), IM_COL32(240, 244, 255, 255), 5.0f, 0, 2.0f);
  fg->PopClipRect();
}

}  // namespace layerlab::ui
