// memory_race.cpp: memory_race: trains the LSTM and the simple RNN a few milliseconds per frame and draws
// their test accuracies, the LSTM's forget gates over one sequence, the memory unit's cell state for both
// symbols, and the gradient reaching each step. Facts: memory.*.
#include "tutorial/memory_race.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "theme.h"
#include "tutorial/grid_view.h"
#include "tutorial/lesson_plots.h"
#include "tutorial/lesson_settings.h"
#include "tutorial/memory_lesson.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kKeys = {"distractors", "hidden", "steps", "seed", "train", "restart"};
constexpr double kFrameBudget = 0.010;  // seconds of training per frame

// Lines over [0, 1] against the evaluation index, with the chance level dashed.
void accuracy_plot(const char* id, ImVec2 size, const RaceLane& lstm, const RaceLane& rnn, int evaluations) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 q(p.x + size.x, p.y + size.y);
  dl->AddRectFilled(p, q, palette::rgb(24, 27, 33), 4.0f);
  const float pad = 6.0f;
  const int n = std::max(evaluations, 2);
  auto at = [&](int i, float v) {
    return ImVec2(p.x + pad + (size.x - 2 * pad) * i / (n - 1), q.y - pad - (size.y - 2 * pad) * std::clamp(v, 0.0f, 1.0f));
  };
  for (float x = p.x + pad; x < q.x - pad; x += 8.0f)  // chance: 1 of 2 symbols
    dl->AddLine(ImVec2(x, at(0, 0.5f).y), ImVec2(std::min(x + 4.0f, q.x - pad), at(0, 0.5f).y), palette::kTextDim);
  dl->AddText(ImVec2(p.x + pad, at(0, 0.5f).y - 16), palette::kTextDim, "chance");
  dl->AddText(ImVec2(p.x + pad, p.y + 2), palette::kTextDim, "1.0");
  for (const RaceLane* lane : {&lstm, &rnn}) {
    const ImU32 colour = lane == &lstm ? palette::kBlue : palette::kOrange;
    for (size_t i = 0; i < lane->accuracy_curve.size(); ++i) dl->PathLineTo(at(static_cast<int>(i), lane->accuracy_curve[i]));
    dl->PathStroke(colour, 0, 2.0f);
  }
}

class MemoryRaceWidget final : public TutorialWidget {
 public:
  bool setup(const WidgetSettings& s, std::string* error) override {
    settings_ = MemoryRaceSettings();
    training_ = false;
    actions_ = 0;
    if (!only_known_keys(s, {"distractors", "hidden", "steps", "seed"}, "memory_race setup", error)) return false;
    return apply(s, error);
  }
  bool act(const WidgetSettings& s, std::string* error) override {
    if (!only_known_keys(s, {"train", "restart"}, "memory_race", error)) return false;
    int train = training_, restart = 0;
    if (!read_int(s, "train", 0, 1, &train, error) || !read_int(s, "restart", 0, 1, &restart, error)) return false;
    if (restart && !start(error)) return false;
    training_ = train != 0;
    ++actions_;
    return true;
  }
  void draw(float width, Facts& facts) override;

 private:
  bool apply(const WidgetSettings& s, std::string* error) {
    MemoryRaceSettings next = settings_;
    int seed = static_cast<int>(next.seed);
    if (!read_int(s, "distractors", 1, 100, &next.distractors, error) || !read_int(s, "hidden", 2, 32, &next.hidden, error) ||
        !read_int(s, "steps", 10, 2000, &next.max_steps, error) || !read_int(s, "seed", 1, 1000000, &seed, error))
      return false;
    next.seed = static_cast<uint64_t>(seed);
    settings_ = next;
    return start(error);
  }
  bool start(std::string* error) {
    training_ = false;
    if (race_.start(settings_, error)) return true;
    *error = "memory_race: " + *error;
    return false;
  }
  void publish(Facts& f) const override;

  MemoryRaceSettings settings_;
  MemoryRace race_;
  bool training_ = false;
  int actions_ = 0;
  std::string error_;
  GridView forget_view_;
  std::vector<float> relative_lstm_, relative_rnn_;
  std::vector<float> forget_units_by_step_;
};

void MemoryRaceWidget::publish(Facts& f) const {
  const bool started = race_.started();
  f["memory.distractors"] = settings_.distractors;
  f["memory.hidden"] = settings_.hidden;
  f["memory.training"] = training_;
  f["memory.steps"] = static_cast<double>(race_.steps());
  f["memory.finished"] = race_.finished();
  f["memory.lstm_accuracy"] = started && race_.steps() > 0 ? race_.lstm().accuracy : 0.0f;
  f["memory.rnn_accuracy"] = started && race_.steps() > 0 ? race_.rnn().accuracy : 0.0f;
  f["memory.forget_mean"] = race_.memory_unit_mean_forget();
  f["memory.forget_min"] = race_.memory_unit_min_forget();
  f["memory.memory_unit"] = race_.memory_unit();
  f["memory.lstm_gradient_ratio"] = race_.lstm().learning_ratio();  // at step kLearningGradientStep
  f["memory.rnn_gradient_ratio"] = race_.rnn().learning_ratio();
  f["memory.actions"] = actions_;
}

void MemoryRaceWidget::draw(float width, Facts& facts) {
  ImGui::PushID(this);
  if (!race_.started()) {
    std::string error;
    if (!start(&error)) error_ = error;
  }
  if (!error_.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kDanger), "%s", error_.c_str());
  if (!race_.started()) {
    publish(facts);
    ImGui::PopID();
    return;
  }
  if (training_ && !race_.finished()) race_.advance(kFrameBudget);
  if (race_.finished()) training_ = false;

  if (ImGui::Button(training_ ? "pause" : race_.steps() == 0 ? "train both" : race_.finished() ? "done" : "go on")) {
    if (!race_.finished()) training_ = !training_;
    ++actions_;
  }
  note_widget("memory_race.train");
  ImGui::SameLine();
  if (ImGui::Button("start over")) {
    std::string error;
    if (!start(&error)) error_ = error;
    ++actions_;
  }
  note_widget("memory_race.restart");
  ImGui::SameLine();
  ImGui::TextWrapped("step %ld of %d · %d distractors · %d units each · Adam, learning rate %g, batch %d", race_.steps(),
              settings_.max_steps, settings_.distractors, settings_.hidden, static_cast<double>(settings_.learning_rate),
              settings_.batch_size);

  // Test accuracy of both.
  // The two plots side by side in a wide window, one above the other in a narrow one.
  const bool side_by_side = width >= 720.0f;
  const float half = side_by_side ? (width - 20.0f) / 2.0f : width;
  ImGui::BeginGroup();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kBlue), "LSTM %.3f", static_cast<double>(race_.lstm().accuracy));
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kOrange), "  simple RNN %.3f", static_cast<double>(race_.rnn().accuracy));
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "  test accuracy");
  accuracy_plot("##accuracy", ImVec2(half, 120.0f), race_.lstm(), race_.rnn(),
                settings_.max_steps / MemoryRace::kEvaluateEvery + 1);
  note_widget("memory_race.accuracy");
  ImGui::EndGroup();
  if (side_by_side) ImGui::SameLine(0, 20);

  // The gradient reaching each step while the LSTM learns (step kLearningGradientStep), each network's
  // relative to its own last step: how much of the error signal gets back to the first symbol.
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
  ImGui::TextWrapped("gradient reaching each step at step %d, ‖∂L/∂hₜ‖ over its value at the last step (log)", MemoryRace::kLearningGradientStep);
  ImGui::PopTextWrapPos();
  const int T = settings_.distractors + 1;
  const RaceLane& lstm = race_.lstm();
  const RaceLane& rnn = race_.rnn();
  if (lstm.learning_grad_norm.size() == static_cast<size_t>(T) && rnn.learning_grad_norm.size() == static_cast<size_t>(T)) {
    relative_lstm_.resize(static_cast<size_t>(T));
    relative_rnn_.resize(static_cast<size_t>(T));
    for (size_t t = 0; t < static_cast<size_t>(T); ++t) {
      relative_lstm_[t] = lstm.learning_grad_norm[t] / std::max(lstm.learning_grad_norm.back(), 1e-30f);
      relative_rnn_[t] = rnn.learning_grad_norm[t] / std::max(rnn.learning_grad_norm.back(), 1e-30f);
    }
    const LogBarSeries series[2] = {{"LSTM", palette::kBlue, relative_lstm_.data()},
                                    {"simple RNN", palette::kOrange, relative_rnn_.data()}};
    log_bar_plot("##gradients", ImVec2(half, 120.0f), T, series, 2, 0, "step");
  } else {
    ImGui::Dummy(ImVec2(half, 120.0f));
  }
  note_widget("memory_race.gradients");
  ImGui::EndGroup();

  // The LSTM's forget gates over the sequence of symbol A: one row per unit, one column per step.
  const MemoryRace::GateView& view = race_.gates(0);
  const int H = settings_.hidden;
  if (view.forget.size() == static_cast<size_t>(T) * H) {
    forget_units_by_step_.resize(view.forget.size());
    for (int t = 0; t < T; ++t)
      for (int j = 0; j < H; ++j)
        forget_units_by_step_[static_cast<size_t>(j) * T + t] = view.forget[static_cast<size_t>(t) * H + j];
    ImGui::TextWrapped("LSTM forget gates on one test sequence (rows: the %d units; columns: step 0 = the symbol, then %d "
                "distractors; white = 1, keep)",
                H, settings_.distractors);
    GridStyle style;
    style.lo = 0.0f;
    style.hi = 1.0f;
    const float cell = std::clamp(std::floor((width - 20.0f) / T), 2.0f, 12.0f);
    forget_view_.draw("##forget", forget_units_by_step_.data(), H, T, cell, style);
    forget_view_.outline(race_.memory_unit(), 0, 1, T, palette::kOrange, 2.0f);
    note_widget("memory_race.forget_gates");
    ImGui::TextWrapped("Memory unit %d (outlined: the unit whose last cell state best tells the two symbols apart): forget gate "
                "over the distractors, mean %.3f, lowest %.3f.",
                race_.memory_unit(), static_cast<double>(race_.memory_unit_mean_forget()),
                static_cast<double>(race_.memory_unit_min_forget()));
  }
  publish(facts);
  ImGui::PopID();
}

}  // namespace

std::unique_ptr<TutorialWidget> make_memory_race() { return std::make_unique<MemoryRaceWidget>(); }

}  // namespace layerlab::ui
