// rnn_unrolled.cpp: rnn_unrolled: sliders for wₓ, wₕ, b and the length; the unrolled chain of copies sharing
// the weights, and ||dh_T/dh_t|| per step from the engine's backward pass. Facts: rnn.*.
#include "tutorial/rnn_unrolled.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "theme.h"
#include "tutorial/lesson_plots.h"
#include "tutorial/basic_widget_inputs.h"
#include "tutorial/lesson_settings.h"
#include "tutorial/rnn_lesson.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kKeys = {"wx", "wh", "b", "steps"};

class RnnUnrolled final : public LessonWidget {
 public:
  void draw(float width, Facts& facts) override;
  void publish(Facts& f) const override;

 private:
  void reset() override { settings_ = UnrolledRnnSettings(); }
  bool apply(const WidgetSettings& s, std::string* error) override {
    double wx = settings_.wx, wh = settings_.wh, b = settings_.b;
    int steps = settings_.steps;
    if (!only_known_keys(s, kKeys, "rnn_unrolled", error) || !read_number(s, "wx", -3, 3, &wx, error) ||
        !read_number(s, "wh", -3, 3, &wh, error) || !read_number(s, "b", -2, 2, &b, error) ||
        !read_int(s, "steps", 2, 30, &steps, error))
      return false;
    settings_.wx = static_cast<float>(wx), settings_.wh = static_cast<float>(wh), settings_.b = static_cast<float>(b);
    settings_.steps = steps;
    dirty_ = true;
    return true;
  }

  UnrolledRnnSettings settings_;
  UnrolledRnn run_;
  bool dirty_ = true;
};

void RnnUnrolled::draw(float width, Facts& f) {
  ImGui::PushID(this);
  bool changed = false;
  // One slider a row, label column first: they fit the narrowest tutorial window.
  const float label_w = 150.0f, row_w = std::min(width, 520.0f);
  changed |= slider_row("rnn_unrolled", "input weight wₓ", "##wx", &settings_.wx, -3.0f, 3.0f, label_w, row_w);
  changed |= slider_row("rnn_unrolled", "recurrent weight wₕ", "##wh", &settings_.wh, -3.0f, 3.0f, label_w, row_w);
  changed |= slider_row("rnn_unrolled", "bias b", "##b", &settings_.b, -2.0f, 2.0f, label_w, row_w);
  changed |= slider_int_row("rnn_unrolled", "steps", "##steps", &settings_.steps, 2, 30, label_w, row_w);
  if (changed) {
    dirty_ = true;
    ++actions_;
  }
  if (dirty_) {
    run_ = run_unrolled_rnn(settings_);
    dirty_ = false;
  }
  const int T = static_cast<int>(run_.h.size());

  // The unrolled chain: one copy per step, the same wx, wh and b in each.
  ImGui::TextWrapped("%s", "hₜ = tanh(wₓ·xₜ + wₕ·hₜ₋₁ + b), unrolled: every box is the same neuron at another step");
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float slot = std::min(64.0f, (width - 10.0f) / T), box = std::min(44.0f, slot - 10.0f);
  const float chain_h = 96.0f;
  ImGui::InvisibleButton("##chain", ImVec2(std::max(1.0f, slot * T), chain_h));
  note_widget("rnn_unrolled.chain");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  char text[32];
  for (int t = 0; t < T; ++t) {
    const float x = p.x + t * slot + (slot - box) * 0.5f, y = p.y + 22.0f;
    const float h = run_.h[static_cast<size_t>(t)];
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), diverging_color(h), 6.0f);
    std::snprintf(text, sizeof text, "%.2f", static_cast<double>(h));
    const ImVec2 ts = ImGui::CalcTextSize(text);
    dl->AddText(ImVec2(x + (box - ts.x) * 0.5f, y + (box - ts.y) * 0.5f), palette::rgb(20, 22, 26), text);
    std::snprintf(text, sizeof text, "t=%d", t);
    dl->AddText(ImVec2(x, p.y + 2), palette::kTextDim, text);
    std::snprintf(text, sizeof text, "x=%g", static_cast<double>(run_.x[static_cast<size_t>(t)]));
    dl->AddText(ImVec2(x, y + box + 8), run_.x[static_cast<size_t>(t)] != 0.0f ? palette::kOrange : palette::kTextDim, text);
    if (t > 0) {  // the recurrent connection from the previous copy
      const float x0 = x - (slot - box), ym = y + box * 0.5f;
      dl->AddLine(ImVec2(x0, ym), ImVec2(x - 2, ym), palette::kTextDim, 1.5f);
      dl->AddTriangleFilled(ImVec2(x - 2, ym), ImVec2(x - 7, ym - 4), ImVec2(x - 7, ym + 4), palette::kTextDim);
    }
  }

  // ||dL/dh_t|| for L = h_T: how much of the last output's gradient reaches each step.
  ImGui::TextWrapped("%s", "gradient of the last output reaching each step, ‖∂h/∂hₜ‖ for the last step's h (log scale; backward pass of the engine)");
  const LogBarSeries series{"gradient norm", palette::kBlue, run_.grad_norm.data()};
  log_bar_plot("##grad", ImVec2(std::max(200.0f, std::min(width, slot * T + 48.0f)), 130.0f), T, &series, 1, 0, "step");
  note_widget("rnn_unrolled.gradient");
  ImGui::TextWrapped("The pulse at step 0 still shows as h = %.3f at step %d; the gradient at step 0 is %.2g of the gradient at "
              "step %d.",
              static_cast<double>(run_.h.back()), T - 1, static_cast<double>(run_.first_to_last), T - 1);
  publish(f);
  ImGui::PopID();
}

void RnnUnrolled::publish(Facts& f) const {
  const bool ran = !run_.h.empty();  // a fresh widget has not run the engine yet
  f["rnn.wx"] = settings_.wx;
  f["rnn.wh"] = settings_.wh;
  f["rnn.b"] = settings_.b;
  f["rnn.steps"] = static_cast<double>(run_.h.size());
  f["rnn.h_first"] = ran ? run_.h.front() : NAN;
  f["rnn.h_last"] = ran ? run_.h.back() : NAN;
  f["rnn.grad_first"] = ran ? run_.grad_norm.front() : NAN;
  f["rnn.grad_ratio"] = ran ? run_.first_to_last : NAN;
  f["rnn.actions"] = actions_;
}

}  // namespace

std::unique_ptr<TutorialWidget> make_rnn_unrolled() { return std::make_unique<RnnUnrolled>(); }

}  // namespace layerlab::ui
