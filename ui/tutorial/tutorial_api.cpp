// tutorial_api.cpp: the page's test API for tutorials (exported from the wasm module; plain functions on
// the desktop) and the tutorial part of the probe: a test acts as a learner through these.
#include <cmath>
#include <cstdio>

#include "tutorial_runner.h"
#include "url_params.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define LAYERLAB_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define LAYERLAB_EXPORT
#endif

namespace layerlab::ui {

namespace {
TutorialState* g_tutorials = nullptr;
AppState* g_app = nullptr;

void json_string(std::string& out, const std::string& v) {
  out += '"';
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  out += '"';
}

void json_number(std::string& out, double v) {
  char buf[40];
  if (std::isfinite(v)) std::snprintf(buf, sizeof buf, "%.9g", v);
  else std::snprintf(buf, sizeof buf, "null");
  out += buf;
}

// Appends `"name":value` members for each fact not already in `skip` (when given), comma-separated.
void json_fact_members(std::string& out, const Facts& facts, const Facts* skip, bool& first) {
  for (const auto& [name, value] : facts) {
    if (skip && skip->count(name)) continue;
    out += first ? "" : ",";
    json_string(out, name);
    out += ':';
    json_number(out, value);
    first = false;
  }
}
}  // namespace

void set_tutorial_api_target(TutorialState* t, AppState* app) {
  g_tutorials = t;
  g_app = app;
}

// The app loads the tutorials after its first frame; a test may ask before that.
TutorialState* loaded_tutorials() {
  if (g_tutorials && !g_tutorials->loaded) tutorials_init(*g_tutorials);
  return g_tutorials;
}

std::string tutorial_probe_field() { return loaded_tutorials() ? tutorial_probe_json(*g_tutorials) : "null"; }

std::string tutorial_probe_json(const TutorialState& t) {
  std::string out = "{\"open\":";
  const tutorial::TutorialStep* s = current_step(t);
  out += s ? "true" : "false";
  out += ",\"id\":";
  json_string(out, s ? t.catalog[static_cast<size_t>(t.open)].tutorial.id : "");
  out += ",\"step\":" + std::to_string(s ? t.step : -1);
  out += ",\"steps\":" + std::to_string(s ? t.catalog[static_cast<size_t>(t.open)].tutorial.steps.size() : 0);
  out += ",\"check\":";
  json_string(out, check_state_name(t.check));
  out += std::string(",\"acted\":") + (t.acted ? "true" : "false");
  out += std::string(",\"hint_shown\":") + (t.hint_shown ? "true" : "false");
  out += ",\"scroll_y\":";
  json_number(out, t.scroll_y);
  out += std::string(",\"prompt\":") + (!t.progress.prompt_done ? "true" : "false");
  out += std::string(",\"picker\":") + (t.picker_open ? "true" : "false");
  out += ",\"error\":";
  json_string(out, t.error);
  out += ",\"facts\":{";
  bool first = true;
  json_fact_members(out, t.facts, nullptr, first);
  json_fact_members(out, t.widget_facts, &t.facts, first);  // a widget fact the frame's facts lack
  out += "},\"passed_facts\":{";
  first = true;
  json_fact_members(out, t.passed_facts, nullptr, first);
  out += "},\"catalog\":[";
  for (size_t i = 0; i < t.catalog.size(); ++i) {
    const tutorial::CatalogEntry& e = t.catalog[i];
    out += i ? ",{\"file\":" : "{\"file\":";
    json_string(out, e.file);
    out += ",\"id\":";
    json_string(out, e.ok() ? e.tutorial.id : "");
    out += std::string(",\"ok\":") + (e.ok() ? "true" : "false");
    out += ",\"error\":";
    json_string(out, e.error);
    out += ",\"done\":" + std::to_string(e.ok() ? t.progress.done_count(e.tutorial.id) : 0);
    out += ",\"total\":" + std::to_string(e.ok() ? e.tutorial.steps.size() : 0) + "}";
  }
  out += "]}";
  return out;
}

}  // namespace layerlab::ui

using namespace layerlab::ui;

namespace {
const char* answer(const std::string& text) {
  static std::string last;
  last = text;
  return last.c_str();
}
}  // namespace

extern "C" {

// Opens tutorial `id` at step `step` (0-based): "" or the error.
LAYERLAB_EXPORT const char* lab_tutorial_open(const char* id, int step) {
  if (!loaded_tutorials() || !g_app) return answer("the app has not started");
  std::string error;
  g_tutorials->picker_open = false;
  return answer(open_tutorial(*g_tutorials, *g_app, id ? id : "", step, &error) ? "" : error);
}

// The learner's input to a widget of the open step: "key=value&key=value" (percent-encoded values).
LAYERLAB_EXPORT const char* lab_tutorial_act(const char* widget, const char* input) {
  if (!loaded_tutorials()) return answer("the app has not started");
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string error;
  if (!layerlab::split_params(input ? input : "", &pairs, &error)) return answer(error);
  WidgetSettings settings(pairs.begin(), pairs.end());
  return answer(tutorial_act(*g_tutorials, widget ? widget : "", settings, &error) ? "" : error);
}

// Presses Check: the check state after it ("none", "not_tried", "failed", "passed").
LAYERLAB_EXPORT const char* lab_tutorial_check() {
  if (!loaded_tutorials()) return answer("the app has not started");
  tutorials_evaluate(*g_tutorials, true);
  return answer(check_state_name(g_tutorials->check));
}

// Adds a tutorial file to the catalog as if it had been embedded (tests of malformed files).
LAYERLAB_EXPORT const char* lab_tutorial_inject(const char* path, const char* text) {
  if (!loaded_tutorials()) return answer("the app has not started");
  tutorials_add_file(*g_tutorials, path ? path : "", text ? text : "");
  return answer("");
}

LAYERLAB_EXPORT void lab_tutorial_close() {
  if (loaded_tutorials() && g_app) close_tutorial(*g_tutorials, *g_app);
}

}  // extern "C"
