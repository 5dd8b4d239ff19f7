// probe.cpp: probe_json and its two outlets.
#include "probe.h"

#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "keyboard_input.h"
#include "tutorial/tutorial_runner.h"
#include "layer_statistics.h"
#include "widget_registry.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define LAYERLAB_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define LAYERLAB_EXPORT
#endif

namespace layerlab::ui {

namespace {
const AppState* g_app = nullptr;

void number(std::string& out, const char* key, double v) {
  char buf[64];
  if (std::isfinite(v)) std::snprintf(buf, sizeof buf, "\"%s\":%.9g,", key, v);
  else std::snprintf(buf, sizeof buf, "\"%s\":null,", key);
  out += buf;
}

void string(std::string& out, const char* key, const std::string& v) {
  out += '"';
  out += key;
  out += "\":\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    out += c;
  }
  out += "\",";
}
void numbers(std::string& out, const char* key, const std::vector<double>& v) {
  out += '"';
  out += key;
  out += "\":[";
  for (size_t i = 0; i < v.size(); ++i) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%.9g", i ? "," : "", std::isfinite(v[i]) ? v[i] : -1.0);
    out += buf;
  }
  out += "],";
}

// The inspectors' live views (lab_views.h): feature-map gradients, the clicked cell's input window, the
// per-layer history (gradient norms, histograms, dead ReLUs), generated words, the cost of a refresh.
void lab_views_probe_fields(std::string& out, const AppState& app) {
  const LabState& lab = app.lab;
  const LabViews& v = app.lab_views;
  std::vector<double> grad_means;
  for (const MapLayerView& m : v.maps)
    if (!m.grads.empty()) grad_means.push_back(m.grad_abs_mean);
  numbers(out, "lab_map_grad_means", grad_means);
  InputWindow win{};
  const bool window = lab.session && lab.layer >= 0 &&
                      receptive_window(lab.session->network(), lab.layer, lab.cell_y, lab.cell_x, &win);
  number(out, "lab_cell_layer", lab.layer);
  numbers(out, "lab_window", window ? std::vector<double>{double(win.y0), double(win.x0), double(win.height), double(win.width)}
                                    : std::vector<double>{});
  const LayerHistory& h = v.history;
  number(out, "lab_history_points", h.count);
  std::vector<double> norms, finite, histogram_total, dead;
  for (const LayerTrace& t : h.layers) {
    int ok = 0;
    for (int i = 0; i < h.count; ++i) ok += std::isfinite(t.grad_norms[static_cast<size_t>(i)]) && t.grad_norms[static_cast<size_t>(i)] > 0;
    finite.push_back(ok);
    norms.push_back(h.count ? t.grad_norms[static_cast<size_t>(h.count - 1)] : NAN);
    double total = 0;
    for (int b = 0; b < kHistogramBins && h.count; ++b) total += t.histograms[static_cast<size_t>((h.count - 1) * kHistogramBins + b)];
    histogram_total.push_back(total - t.weight_count);  // 0 when every weight is counted once
  }
  numbers(out, "lab_layer_grad_norms", norms);
  numbers(out, "lab_layer_positive_norms", finite);
  numbers(out, "lab_histogram_missing", histogram_total);
  for (const ReluTrace& r : h.relus) dead.push_back(h.count ? r.dead[static_cast<size_t>(h.count - 1)] : NAN);
  numbers(out, "lab_dead_relu", dead);
  out += std::string("\"lab_text_available\":") + (v.text.available ? "true," : "false,");
  std::string words;
  for (const std::string& w : v.text.words) words += (words.empty() ? "" : " ") + w;
  string(out, "lab_words", words);
  string(out, "lab_text_prompt", v.text.prompt);
  string(out, "lab_text_error", v.text.error);
  number(out, "lab_text_step", static_cast<double>(v.text.step));
  number(out, "lab_views_ms", v.refresh_ms);
}

// The models workspace: what it loads, trains and shows.
void lab_probe_fields(std::string& out, const AppState& app) {
  const LabState& lab = app.lab;
  const LabViews& v = app.lab_views;
  string(out, "mode", app.mode == Mode::Models ? "models" : "playground");
  static const char* states[] = {"idle", "fetching", "reading", "ready", "failed"};
  string(out, "lab_dataset", lab.load.name);
  string(out, "lab_load", states[static_cast<int>(lab.load.state)]);
  const TrainingSession* s = lab.session.get();
  std::string error = lab.load.state == DatasetLoad::State::Failed ? lab.load.error : lab.setup_error;
  if (s && s->diverged()) error = s->error();
  string(out, "lab_error", error);
  string(out, "lab_notice", lab.notice);
  string(out, "banner", app.banner);
  number(out, "lab_autosaves", lab.autosave.saves);
  number(out, "lab_saved_step", static_cast<double>(lab.autosave.saved_step));
  string(out, "lab_hash", lab.hash);
  string(out, "lab_layers", format_layers(lab.recipe.layers));
  out += std::string("\"lab_playing\":") + (lab.playing ? "true," : "false,");
  number(out, "lab_epoch", s ? s->epoch() : 0);
  number(out, "lab_step", s ? static_cast<double>(s->steps()) : 0);
  number(out, "lab_first_loss", lab.losses.empty() ? NAN : lab.losses.front().loss);
  number(out, "lab_batch_loss", s ? s->last_batch_loss() : NAN);
  float accuracy = NAN;
  if (s)
    for (const EpochRecord& r : s->history())
      if (std::isfinite(r.test.accuracy)) accuracy = r.test.accuracy;
  number(out, "lab_test_accuracy", accuracy);
  number(out, "lab_loss_points", static_cast<double>(lab.losses.size()));
  number(out, "lab_samples_per_second", lab.steps_per_second * lab.recipe.training.batch_size);
  number(out, "lab_ms_per_step", lab.ms_per_step);
  // Which backend trains (gpu_trainer.h): "webgpu" or "cpu", the adapter, why the CPU trains, a GPU failure.
  string(out, "lab_backend", gpu_training_active(lab.gpu) ? "webgpu" : "cpu");
  string(out, "lab_adapter", lab.gpu.adapter);
  string(out, "lab_backend_label", gpu_training_backend_label(lab.gpu));
  string(out, "lab_gpu_reason", lab.gpu.reason);
  string(out, "lab_gpu_failure", lab.gpu.failure);
  number(out, "lab_gpu_map_async_per_step", lab.gpu.map_async_per_step);
  number(out, "lab_gpu_synced_step", static_cast<double>(lab.gpu.synced_step));
  number(out, "lab_gpu_latency_ms", lab.gpu.ms_per_step);  // a step's submit to its loss
  number(out, "lab_map_layers", static_cast<double>(v.maps.size()));
  number(out, "lab_kernel_layers", static_cast<double>(v.kernels.size()));
  number(out, "lab_gates", static_cast<double>(v.gates.size()));
  number(out, "lab_grad_norms", static_cast<double>(v.grad_norms.size()));
  double counted = 0;
  if (s)
    for (int n : s->test_confusion()) counted += n;
  number(out, "lab_confusion_total", counted);
  number(out, "lab_top3", static_cast<double>(v.top3.size()));
  number(out, "lab_predicted", v.predicted);
  lab_views_probe_fields(out, app);
  // Training controls, the draw pad and the touch sizes.
  number(out, "lab_speed_steps", lab_speed_steps(lab.speed));
  number(out, "lab_epoch_target", lab.epoch_target);
  number(out, "lab_epoch_steps_done", lab_epoch_steps_done(lab));
  number(out, "lab_steps_per_epoch", lab_steps_per_epoch(lab));
  number(out, "lab_steps_last_frame", lab.steps_last_frame);
  std::string shapes;  // the model builder's output shape of each layer, "|" between them
  for (const StackRow& row : lab.stack.rows) shapes += (shapes.empty() ? "" : "|") + row.shape;
  string(out, "lab_shapes", shapes);
  const DrawPad& pad = app.draw_pad;
  number(out, "draw_width", pad.width);
  number(out, "draw_predictions", static_cast<double>(pad.predictions));
  double probability_sum = 0;
  for (float p : pad.probabilities) probability_sum += p;
  number(out, "draw_ink", pad.ink);
  number(out, "draw_probability_sum", pad.probabilities.empty() ? NAN : probability_sum);
  std::string top;
  for (int k : pad.top)
    if (k >= 0 && static_cast<size_t>(k) < pad.probabilities.size())
      top += (top.empty() ? "" : ",") + std::to_string(k) + ":" + std::to_string(pad.probabilities[static_cast<size_t>(k)]);
  string(out, "draw_top3", pad.probabilities.empty() ? "" : top);
  out += std::string("\"touch\":") + (app.touch ? "true," : "false,");
  if (ImGui::GetCurrentContext()) number(out, "frame_height", ImGui::GetFrameHeight());
}
}  // namespace

std::string probe_json(const AppState& app) {
  std::string out = "{";
  number(out, "frame", static_cast<double>(app.frame));
  number(out, "drawn_frames", static_cast<double>(app.drawn_frames));
  number(out, "first_frame_ms", app.first_frame_ms);
  if (ImGui::GetCurrentContext()) {  // where ImGui believes the mouse is (-1 when outside)
    const ImVec2 m = ImGui::GetIO().MousePos;
    const bool inside = m.x > -1e30f && m.y > -1e30f;
    number(out, "mouse_x", inside ? m.x : -1.0);
    number(out, "mouse_y", inside ? m.y : -1.0);
  }
  out += std::string("\"playing\":") + (app.playing ? "true," : "false,");
  const TrainingSession* s = app.session.get();
  number(out, "epoch", s ? s->epoch() : 0);
  number(out, "step", s ? static_cast<double>(s->steps()) : 0);
  const EpochRecord* last = s ? &s->history().back() : nullptr;
  number(out, "train_loss", last ? last->train.loss : NAN);
  number(out, "test_loss", last ? last->test.loss : NAN);
  number(out, "train_accuracy", last ? last->train.accuracy : NAN);
  number(out, "test_accuracy", last ? last->test.accuracy : NAN);
  number(out, "steps_per_second", app.steps_per_second);
  number(out, "draw_calls", app.draw_calls);
  number(out, "vertices", app.vertices);
  number(out, "fallback_glyphs", app.fallback_glyphs);
  string(out, "fallback_chars", app.fallback_chars);
  number(out, "fallback_count_ms", app.fallback_count_ms);
  string(out, "dataset", shape2d_name(app.recipe.shape));
  std::string hidden;
  for (int w : app.recipe.mlp.hidden) hidden += (hidden.empty() ? "" : ",") + std::to_string(w);
  string(out, "hidden", hidden);
  string(out, "selected", app.selected.is_output() ? "output"
                                                   : std::to_string(app.selected.layer) + "," + std::to_string(app.selected.neuron));
  string(out, "error", s ? s->error() : app.setup_error);
  lab_probe_fields(out, app);
  out += "\"tutorial\":" + tutorial_probe_field() + ",";
  float focus[4];  // the keyboard focus highlight, or null
  if (keyboard_focus_rect(focus)) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "\"keyboard_focus\":[%.1f,%.1f,%.1f,%.1f],", static_cast<double>(focus[0]),
                  static_cast<double>(focus[1]), static_cast<double>(focus[2]), static_cast<double>(focus[3]));
    out += buf;
  } else {
    out += "\"keyboard_focus\":null,";
  }
  out += "\"widgets\":{";
  bool first = true;
  for (const WidgetRect& w : widgets_of_last_frame()) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s\"%s\":[%.1f,%.1f,%.1f,%.1f]", first ? "" : ",", w.name.c_str(),
                  static_cast<double>(w.min.x), static_cast<double>(w.min.y), static_cast<double>(w.max.x - w.min.x),
                  static_cast<double>(w.max.y - w.min.y));
    out += buf;
    first = false;
  }
  // Widgets not wholly inside what their window shows (scrolled partly or wholly out of view): a hand must
  // scroll to them first.
  out += "},\"clipped\":[";
  first = true;
  for (const WidgetRect& w : widgets_of_last_frame()) {
    if (w.min.x >= w.clip_min.x - 0.5f && w.min.y >= w.clip_min.y - 0.5f && w.max.x <= w.clip_max.x + 0.5f &&
        w.max.y <= w.clip_max.y + 0.5f)
      continue;
    out += (first ? "\"" : ",\"") + w.name + "\"";
    first = false;
  }
  // Those cut off at the side (a widget wider than its window): only a wider window shows them whole.
  out += "],\"clipped_x\":[";
  first = true;
  for (const WidgetRect& w : widgets_of_last_frame()) {
    if (w.min.x >= w.clip_min.x - 0.5f && w.max.x <= w.clip_max.x + 0.5f) continue;
    out += (first ? "\"" : ",\"") + w.name + "\"";
    first = false;
  }
  out += "]}";
  return out;
}

void set_probe_app(const AppState* app) { g_app = app; }

void write_probe_file(const AppState& app, const std::string& path) {
  const std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return;
  const std::string json = probe_json(app);
  const bool ok = std::fwrite(json.data(), 1, json.size(), f) == json.size();
  if (std::fclose(f) == 0 && ok) std::rename(tmp.c_str(), path.c_str());
}

}  // namespace layerlab::ui

extern "C" LAYERLAB_EXPORT const char* lab_probe() {
  static std::string last;
  last = layerlab::ui::g_app ? layerlab::ui::probe_json(*layerlab::ui::g_app) : std::string("{}");
  return last.c_str();
}
