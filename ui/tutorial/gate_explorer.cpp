// gate_explorer.cpp: gate_explorer: sliders for the gates, and per step the input, the gates, the cell
// state and the output, as the engine's lstm_forward computes them. Facts: gates.*.
#include "tutorial/gate_explorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "theme.h"
#include "tutorial/grid_view.h"
#include "tutorial/basic_widget_inputs.h"
#include "tutorial/lesson_settings.h"
#include "tutorial/rnn_lesson.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kKeys = {"forget", "input_symbol", "input_distractor", "output", "distractors", "symbol"};
const std::vector<const char*> kSymbols = {"A", "B"};

// A factor in a printed product: negative values in parentheses, "0.5·(-0.3)".
void signed_term(char* out, size_t size, float v) {
  std::snprintf(out, size, v < 0.0f ? "(%.3f)" : "%.3f", static_cast<double>(v));
}

class GateExplorer final : public LessonWidget {
 public:
  void draw(float width, Facts& facts) override;
  void publish(Facts& f) const override;

 private:
  void reset() override { gates_ = HandGates(); }
  bool apply(const WidgetSettings& s, std::string* error) override {
    double f = gates_.forget, is = gates_.input_symbol, id = gates_.input_distractor, o = gates_.output;
    int d = gates_.distractors, symbol = gates_.symbol;
    if (!only_known_keys(s, kKeys, "gate_explorer", error) || !read_number(s, "forget", 0, 1, &f, error) ||
        !read_number(s, "input_symbol", 0, 1, &is, error) || !read_number(s, "input_distractor", 0, 1, &id, error) ||
        !read_number(s, "output", 0, 1, &o, error) || !read_int(s, "distractors", 1, 30, &d, error) ||
        !read_choice(s, "symbol", kSymbols, &symbol, error))
      return false;
    gates_.forget = static_cast<float>(f), gates_.input_symbol = static_cast<float>(is);
    gates_.input_distractor = static_cast<float>(id), gates_.output = static_cast<float>(o);
    gates_.distractors = d, gates_.symbol = symbol;
    dirty_ = true;
    return true;
  }

  HandGates gates_;
  GateTrace trace_;
  bool dirty_ = true;
  GridView rows_[6];
};

void GateExplorer::draw(float width, Facts& f) {
  ImGui::PushID(this);
  bool changed = false;
  // One slider a row, label column first: they fit the narrowest tutorial window.
  const float slider_label_w = 200.0f, row_w = std::min(width, 560.0f);
  changed |= slider_row("gate_explorer", "forget gate", "##forget", &gates_.forget, 0.0f, 1.0f, slider_label_w, row_w, "%.3f");
  changed |= slider_row("gate_explorer", "input gate at the symbol", "##input_symbol", &gates_.input_symbol, 0.0f, 1.0f,
                        slider_label_w, row_w, "%.3f");
  changed |= slider_row("gate_explorer", "input gate at the distractors", "##input_distractor", &gates_.input_distractor,
                        0.0f, 1.0f, slider_label_w, row_w, "%.3f");
  changed |= slider_row("gate_explorer", "output gate", "##output", &gates_.output, 0.0f, 1.0f, slider_label_w, row_w, "%.3f");
  changed |= slider_int_row("gate_explorer", "distractors", "##distractors", &gates_.distractors, 1, 30, slider_label_w, row_w);
  ImGui::TextUnformatted("symbol:");
  for (int s = 0; s < 2; ++s) {
    ImGui::SameLine();
    changed |= ImGui::RadioButton(s == 0 ? "A (+1)" : "B (-1)", &gates_.symbol, s);
    note_widget(s == 0 ? "gate_explorer.symbol_a" : "gate_explorer.symbol_b");
  }
  if (changed) {
    dirty_ = true;
    ++actions_;
  }
  if (dirty_) {
    trace_ = run_hand_gates(gates_);
    dirty_ = false;
  }

  const int T = static_cast<int>(trace_.cell.size());
  const float label_w = 150.0f;
  const float cell = std::clamp(std::floor((width - label_w - 10.0f) / T), 8.0f, 40.0f);
  struct Row {
    const char* name;
    const std::vector<float>* values;
    bool diverging;
  };
  const Row rows[6] = {{"input value xₜ", &trace_.value, true},     {"input gate iₜ", &trace_.input, false},
                       {"forget gate fₜ", &trace_.forget, false},   {"candidate gₜ", &trace_.candidate, true},
                       {"cell state cₜ", &trace_.cell, true},       {"output hₜ", &trace_.hidden, true}};
  int hovered = -1;
  ImGui::BeginGroup();
  for (int r = 0; r < 6; ++r) {
    ImGui::PushID(r);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(rows[r].name);
    ImGui::SameLine(label_w);
    GridStyle style;
    style.lo = rows[r].diverging ? -1.0f : 0.0f;
    style.hi = 1.0f;
    style.diverging = rows[r].diverging;
    style.numbers = cell >= 34.0f;
    style.decimals = 2;
    const int h = rows_[r].draw("##row", rows[r].values->data(), 1, T, cell, style);
    if (h >= 0) hovered = h;
    ImGui::PopID();
  }
  ImGui::EndGroup();
  note_widget_rect("gate_explorer.trace", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  const int t = hovered >= 0 ? hovered : T - 1;
  for (GridView& row : rows_) row.outline(0, t, 1, 1, palette::kOrange, 2.0f);
  const size_t k = static_cast<size_t>(t);
  char c_prev[24], cand[24];
  signed_term(c_prev, sizeof c_prev, t > 0 ? trace_.cell[k - 1] : 0.0f);
  signed_term(cand, sizeof cand, trace_.candidate[k]);
  ImGui::TextWrapped("step %d%s: cₜ = fₜ·cₜ₋₁ + iₜ·gₜ = %.3f·%s + %.3f·%s = %.3f;  hₜ = oₜ·tanh(cₜ) = %.3f·%.3f = %.3f", t,
              t == 0 ? " (the symbol)" : "", static_cast<double>(trace_.forget[k]), c_prev,
              static_cast<double>(trace_.input[k]), cand, static_cast<double>(trace_.cell[k]),
              static_cast<double>(trace_.output[k]), static_cast<double>(std::tanh(trace_.cell[k])),
              static_cast<double>(trace_.hidden[k]));
  ImGui::TextWrapped("After %d distractors the cell holds %.2f times what it stored at the symbol (1: all of it).",
              gates_.distractors, static_cast<double>(trace_.retained));
  note_widget("gate_explorer.summary");
  publish(f);
  ImGui::PopID();
}

void GateExplorer::publish(Facts& f) const {
  const bool ran = !trace_.cell.empty();  // a fresh widget has not run the engine yet
  f["gates.forget"] = gates_.forget;
  f["gates.input_symbol"] = gates_.input_symbol;
  f["gates.input_distractor"] = gates_.input_distractor;
  f["gates.output"] = gates_.output;
  f["gates.distractors"] = gates_.distractors;
  f["gates.symbol"] = gates_.symbol;
  f["gates.cell_first"] = ran ? trace_.cell.front() : NAN;
  f["gates.cell_last"] = ran ? trace_.cell.back() : NAN;
  f["gates.hidden_last"] = ran ? trace_.hidden.back() : NAN;
  f["gates.retained"] = ran ? trace_.retained : NAN;
  float lowest = 1.0f;
  for (size_t s = 1; s < trace_.forget.size(); ++s) lowest = std::min(lowest, trace_.forget[s]);
  f["gates.forget_min"] = lowest;  // the engine's forget gate over the distractors
  f["gates.actions"] = actions_;
}

}  // namespace

std::unique_ptr<TutorialWidget> make_gate_explorer() { return std::make_unique<GateExplorer>(); }

}  // namespace layerlab::ui
