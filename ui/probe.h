// probe.h: the lab's state as one JSON object, for the browser and desktop tests: lab_probe() on the
// web, a file named by $LAYERLAB_PROBE on the desktop. Read-only; it changes nothing.
#pragma once
#include <string>

#include "app_state.h"

namespace layerlab::ui {

std::string probe_json(const AppState& app);
void set_probe_app(const AppState* app);          // the state lab_probe() reports
void write_probe_file(const AppState& app, const std::string& path);  // whole file or nothing (rename)

}  // namespace layerlab::ui

extern "C" const char* lab_probe();
