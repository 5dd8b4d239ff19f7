// descent_widget.cpp: tutorial 2's `descent` widget: gradient descent on the loss surface
// L(w₁, w₂) = ½(w₁² + 10·w₂²) from (−4, 1.5), with a learning rate and an optimizer (plain SGD, momentum
// 0.9, Adam) the learner changes; the path is recomputed with the engine's update kernels (optimizer.h) and
// replayed live over the surface, with the loss per step.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "basic_widget_inputs.h"
#include "basic_widgets.h"
#include "optimizer.h"
#include "theme.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

constexpr double kCurvature[2] = {1.0, 10.0};  // ∂²L/∂w₁², ∂²L/∂w₂²
constexpr double kStart[2] = {-4.0, 1.5};
constexpr int kSteps = 200;
constexpr double kGoal = 0.01;        // "reached the minimum": L below this
constexpr double kDivergence = 1e6;   // "diverged": L above this (or not finite)
const std::vector<const char*> kOptimizers = {"sgd", "momentum", "adam"};

double loss_at(double w1, double w2) { return 0.5 * (kCurvature[0] * w1 * w1 + kCurvature[1] * w2 * w2); }

struct PathPoint {
  double w1, w2, loss;
};

class DescentWidget final : public InputsWidget {
 public:
  DescentWidget() { recompute(); }
  void draw(float width, Facts& facts) override {
    ImGui::TextUnformatted("learning rate");
    ImGui::SameLine(110);
    ImGui::SetNextItemWidth(width - 110);
    bool changed = ImGui::SliderFloat("##lr", &lr_, 0.001f, 0.3f, "%.3f", ImGuiSliderFlags_Logarithmic);
    note_widget("descent.lr");
    ImGui::TextUnformatted("optimizer");
    ImGui::SameLine(110);
    ImGui::SetNextItemWidth(width - 110 - 90);
    changed |= noted_combo("##optimizer", "descent.optimizer", &optimizer_, kOptimizers.data(), static_cast<int>(kOptimizers.size()));
    ImGui::SameLine();
    if (ImGui::Button("Replay", ImVec2(82, 0))) shown_ = 0;
    if (changed) {
      recompute();
      ++actions_;
    }
    // Live: the path is replayed at 60 steps a second.
    shown_ = std::min<double>(shown_ + ImGui::GetIO().DeltaTime * 60.0, static_cast<double>(path_.size() - 1));
    const size_t at = static_cast<size_t>(shown_);
    draw_surface(width, at);
    draw_losses(width, at);
    const PathPoint& now = path_[at];
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kNeutral);
    ImGui::Text("step %zu: w = (%.3f, %.3f), L = %.4g", at, now.w1, now.w2, now.loss);
    ImGui::PopStyleColor();
    if (diverged_)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kDanger), "Diverged: the loss passed 10⁶ at step %d.",
                         static_cast<int>(path_.size() - 1));
    else if (steps_to_goal_ <= kSteps)
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kBlue), "Reached L < 0.01 at step %d.", steps_to_goal_);
    else
      ImGui::TextDisabled("After %d steps L = %.4g: the minimum (L < 0.01) not reached.", kSteps, path_.back().loss);
    note_widget("descent.result");
    publish(facts);
  }
  void publish(Facts& facts) const override {
    facts["descent.learning_rate"] = lr_;
    facts["descent.optimizer"] = optimizer_;
    facts["descent.diverged"] = diverged_ ? 1 : 0;
    facts["descent.final_loss"] = path_.back().loss;
    facts["descent.steps_to_goal"] = steps_to_goal_;
    facts["descent.actions"] = actions_;
  }

 private:
  const char* name() const override { return "descent"; }
  std::vector<NumberInput> numbers() override { return {{"lr", &lr_, 0.001f, 0.3f}}; }
  std::vector<ChoiceInput> choices() override { return {{"optimizer", &optimizer_, kOptimizers}}; }
  void inputs_changed(bool) override { recompute(); }

  // The whole path from the start, with the engine's kernels: momentum μ = 0.9, Adam β₁ = 0.9,
  // β₂ = 0.999, ε = 10⁻⁷ (the engine's defaults).
  void recompute() {
    const OptimizerConfig config;
    double w[2] = {kStart[0], kStart[1]}, g[2], v[2] = {0, 0}, m[2] = {0, 0}, s[2] = {0, 0};
    path_.assign(1, {w[0], w[1], loss_at(w[0], w[1])});
    diverged_ = false;
    steps_to_goal_ = 1000;
    for (int t = 1; t <= kSteps; ++t) {
      g[0] = kCurvature[0] * w[0];
      g[1] = kCurvature[1] * w[1];
      if (optimizer_ == 0) sgd_update<double>(w, g, 2, lr_);
      if (optimizer_ == 1) momentum_update<double>(w, g, v, 2, lr_, config.momentum);
      if (optimizer_ == 2) adam_update<double>(w, g, m, s, 2, lr_, config.beta1, config.beta2, config.epsilon, t);
      const double l = loss_at(w[0], w[1]);
      path_.push_back({w[0], w[1], l});
      if (!std::isfinite(l) || l > kDivergence) {
        diverged_ = true;
        break;
      }
      if (l < kGoal && steps_to_goal_ > kSteps) steps_to_goal_ = t;
    }
    shown_ = 0;
  }

  // Contours of L as shades (darker is lower) over w₁ in [−5, 5], w₂ in [−2.5, 2.5]; the path on top.
  void draw_surface(float width, size_t at) const {
    const float h = std::min(width * 0.5f, 200.0f);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int nx = 40, ny = 20;
    for (int j = 0; j < ny; ++j)
      for (int i = 0; i < nx; ++i) {
        const double w1 = -5.0 + 10.0 * (i + 0.5) / nx, w2 = 2.5 - 5.0 * (j + 0.5) / ny;
        const float shade = static_cast<float>(std::min(1.0, std::log1p(loss_at(w1, w2)) / std::log1p(60.0)));
        const int c = static_cast<int>(30 + 120 * shade);
        dl->AddRectFilled(ImVec2(o.x + width * i / nx, o.y + h * j / ny), ImVec2(o.x + width * (i + 1) / nx + 1, o.y + h * (j + 1) / ny + 1),
                          palette::rgb(c / 2, c * 3 / 5, c));
      }
    auto px = [&](double w1, double w2) {
      const double x = std::clamp((w1 + 5.0) / 10.0, -0.02, 1.02), y = std::clamp((2.5 - w2) / 5.0, -0.02, 1.02);
      return ImVec2(o.x + static_cast<float>(x) * width, o.y + static_cast<float>(y) * h);
    };
    dl->PushClipRect(o, ImVec2(o.x + width, o.y + h), true);
    dl->AddCircleFilled(px(0, 0), 4.0f, palette::kNeutral);
    for (size_t k = 1; k <= at; ++k) dl->AddLine(px(path_[k - 1].w1, path_[k - 1].w2), px(path_[k].w1, path_[k].w2), palette::kOrange, 2.0f);
    dl->AddCircleFilled(px(path_[at].w1, path_[at].w2), 5.0f, palette::kOrange);
    dl->PopClipRect();
    dl->AddText(ImVec2(o.x + 6, o.y + 4), palette::kText, "L(w₁, w₂) = ½(w₁² + 10·w₂²)");
    ImGui::Dummy(ImVec2(width, h));
    note_widget("descent.surface");
  }

  // The loss per step on a log scale (10⁻⁴ to 10⁶).
  void draw_losses(float width, size_t at) const {
    const float h = 70.0f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(o, ImVec2(o.x + width, o.y + h), palette::kBackground, 4.0f);
    auto px = [&](size_t k, double l) {
      const double y = (std::log10(std::clamp(l, 1e-4, 1e6)) + 4.0) / 10.0;
      return ImVec2(o.x + width * static_cast<float>(k) / kSteps, o.y + h - static_cast<float>(y) * h);
    };
    for (size_t k = 1; k <= at; ++k) dl->AddLine(px(k - 1, path_[k - 1].loss), px(k, path_[k].loss), palette::kNeutral, 1.5f);
    dl->AddText(ImVec2(o.x + 6, o.y + 4), palette::kTextDim, "loss per step (log scale), 200 steps");
    ImGui::Dummy(ImVec2(width, h));
    note_widget("descent.losses");
  }

  float lr_ = 0.05f;
  int optimizer_ = 0;
  std::vector<PathPoint> path_;
  bool diverged_ = false;
  int steps_to_goal_ = 1000;  // 1000: not within the 200 steps
  double shown_ = 0;
};

}  // namespace

std::unique_ptr<TutorialWidget> make_descent_widget() { return std::make_unique<DescentWidget>(); }

}  // namespace layerlab::ui
