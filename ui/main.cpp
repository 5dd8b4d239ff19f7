// main.cpp: LayerLab's one entry point for the web (WebGL2) and the desktop (OpenGL 3): window, ImGui,
// and the frame loop that trains a bounded slice, refreshes the views and draws the panels.
#include <SDL.h>

#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "app_state.h"
#include "glyph_fallback.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "keyboard_input.h"
#include "main_loop_shim.h"
#include "panels/panels.h"
#include "platform.h"
#include "probe.h"
#include "theme.h"
#include "tutorial/tutorial_runner.h"
#include "widget_registry.h"

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
EM_JS(int, browser_width, (), { return window.innerWidth; });
EM_JS(int, browser_height, (), { return window.innerHeight; });
#else
#include <SDL_opengl.h>
#endif

using namespace layerlab::ui;

namespace {

double seconds_now() {
  using Clock = std::chrono::steady_clock;
  static const Clock::time_point start = Clock::now();
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string font_dir() {
#ifdef __EMSCRIPTEN__
  return "/fonts";
#else
  char* base = SDL_GetBasePath();
  std::string dir = base ? std::string(base) + "fonts" : "fonts";
  SDL_free(base);
  return dir;
#endif
}
}  // namespace

int main(int, char**) {
  platform_uptime_ms();  // the desktop's clock starts here
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "layerlab: cannot start SDL: %s\n", SDL_GetError());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 150";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);  // ImGui draws in 2-D: no depth or stencil buffer to clear
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  SDL_Window* window = SDL_CreateWindow("LayerLab", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
  SDL_GLContext gl = window ? SDL_GL_CreateContext(window) : nullptr;
  if (!gl) {
    std::fprintf(stderr, "layerlab: cannot create an OpenGL context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(1);
  SDL_SetWindowMinimumSize(window, 960, 600);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
  KeyboardInput* keyboard = new KeyboardInput();  // keyboard navigation, Tab, short key presses kept
  ImGui_ImplSDL2_InitForOpenGL(window, gl);
  ImGui_ImplOpenGL3_Init(glsl_version);

  int window_w = 0, window_h = 0, drawable_w = 0, drawable_h = 0;
  SDL_GetWindowSize(window, &window_w, &window_h);
  SDL_GL_GetDrawableSize(window, &drawable_w, &drawable_h);
  const float pixel_scale = window_w > 0 ? static_cast<float>(drawable_w) / static_cast<float>(window_w) : 1.0f;

  // Heap-allocated: the web loop outlives main()'s frame (see main_loop_shim.h).
  AppState* app = new AppState();
  FramePacer* pacer = new FramePacer();
  app->fonts = load_fonts(font_dir(), pixel_scale);
  apply_theme();
  reset_session(*app);
  // A link to a models experiment opens that workspace with the link's dataset, model and settings.
  start_autosave_read();
  apply_location_hash(*app, read_location_hash());
  set_probe_app(app);
  TutorialState* tutorials = new TutorialState();  // the guided tutorials (ui/tutorial), over the lab
  set_tutorial_api_target(tutorials, app);
  const char* probe_env = std::getenv("LAYERLAB_PROBE");
  const std::string probe_path = probe_env ? probe_env : "";
  static bool done = false;
  static bool after_first_frame = false;  // the work that waits for the first frame has started
  static bool finger_seen = false;  // a touch screen in use (SDL finger events), whatever the platform says
  // The pointer as the window's own motion events place it (see below); unknown until the first one.
  static bool pointer_known = false;
  static ImVec2 pointer(-FLT_MAX, -FLT_MAX);

  MAIN_LOOP_BEGIN(done)
#ifdef __EMSCRIPTEN__
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  if (w != browser_width() || h != browser_height()) SDL_SetWindowSize(window, browser_width(), browser_height());
#endif
  SDL_Event event;
  keyboard->begin_frame();
  while (SDL_PollEvent(&event)) {
    if (!keyboard->take(event)) ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) done = true;
    if (event.type == SDL_FINGERDOWN) finger_seen = true;
    if (event.type == SDL_MOUSEMOTION) {
      pointer_known = true;
      pointer = ImVec2(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
    }
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_LEAVE) pointer = ImVec2(-FLT_MAX, -FLT_MAX);
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(window))
      done = true;
    // At most one click a frame: ImGui 1.86 samples the mouse once per frame, so a second click
    // queued in the same (slow) frame would land on the first one's position. The rest waits.
    if (event.type == SDL_MOUSEBUTTONUP) break;
  }
  const double now = seconds_now();
  try {
    poll_autosave(*app);
    sync_location_hash(*app);
    if (app->mode == Mode::Models) {
      lab_frame(app->lab, now);
      refresh_lab_views(app->lab, app->lab_views, now);
    } else {
      advance_training(*app, now);
      refresh_views(*app, now);
    }
  } catch (const std::exception& e) {
    app->playing = false;
    app->lab.playing = false;
    app->lab.session.reset();
    app->lab.setup_error = std::string("an internal error stopped training: ") + e.what() + ". Press Reset to start again.";
    app->session.reset();
    app->setup_error = std::string("an internal error stopped training: ") + e.what() + ". Press Reset to start again.";
    std::fprintf(stderr, "layerlab: %s\n", app->setup_error.c_str());
  }

  if (const bool touch = finger_seen || platform_touch_screen(); touch != app->touch) {
    app->touch = touch;
    apply_touch_sizes(touch);  // larger hit targets for fingers
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  // ImGui 1.86's SDL backend reads the pointer with SDL_GetGlobalMouseState, which SDL's X11 driver caches until
  // an XInput2 raw event: a pointer moved by XTest (xdotool under Xvfb) or a remote desktop sends none, so the
  // position froze where the last click was (its tooltip stayed up). The window's motion events are always current.
  if (pointer_known) ImGui::GetIO().MousePos = pointer;
  ImGui::NewFrame();
  keyboard->after_new_frame();
  widgets_begin_frame();
  draw_lab(*app);
  if (!after_first_frame && app->drawn_frames > 0) {  // once the first frame is up: neither delays it
    after_first_frame = true;
    if (!tutorials->loaded) tutorials_init(*tutorials);  // unless the test API already needed them
    gpu_training_start();  // the WebGPU adapter and device, asked for once; the models workspace polls the answer
  }
  tutorials_frame(*tutorials, *app, now);
  draw_tutorials(*tutorials, *app);
  draw_keyboard_focus_ring();
  widgets_end_frame();
  ImGui::Render();
  {  // text drawn with the fallback glyph (a character the atlas lacks): counted every frame for the probe
    const double start = seconds_now();
    app->fallback_glyphs = count_fallback_glyphs(*ImGui::GetDrawData(), *ImGui::GetIO().Fonts);
    const auto* step = app->fallback_glyphs > 0 ? current_step(*tutorials) : nullptr;
    app->fallback_chars = step ? step_missing_glyphs(app->fonts, *step) : std::string();
    app->fallback_count_ms += ((seconds_now() - start) * 1000.0 - app->fallback_count_ms) / 60.0;
  }
  if (pacer->should_draw(now, app->frame)) {
    ImDrawData* draw_data = ImGui::GetDrawData();
    app->draw_calls = 0;
    for (int i = 0; i < draw_data->CmdListsCount; ++i) app->draw_calls += draw_data->CmdLists[i]->CmdBuffer.Size;
    app->vertices = draw_data->TotalVtxCount;
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(palette::kPanel);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(draw_data);
    SDL_GL_SwapWindow(window);
    if (++app->drawn_frames == 1) {
      app->first_frame_ms = platform_uptime_ms();
      platform_first_frame_shown();
    }
  }
  ++app->frame;
  if (!probe_path.empty() && app->frame % 10 == 0) write_probe_file(*app, probe_path);
  MAIN_LOOP_END

  set_probe_app(nullptr);
  set_tutorial_api_target(nullptr, nullptr);
  delete tutorials;
  delete pacer;
  delete keyboard;
  delete app;
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
