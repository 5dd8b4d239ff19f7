// size_quiz.cpp: size_quiz: predict ⌊(n + 2p - k) / s⌋ + 1, then compare with the engine's geometry.
#include "tutorial/size_quiz.h"

#include <algorithm>

#include "imgui.h"
#include "rng.h"
#include "theme.h"
#include "tutorial/conv_lesson.h"
#include "tutorial/lesson_settings.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kKeys = {"n", "k", "p", "s", "prediction"};

class SizeQuiz final : public TutorialWidget {
 public:
  bool setup(const WidgetSettings& s, std::string* error) override {
    n_ = 32, k_ = 5, p_ = 0, s_ = 1;
    typed_ = 0;
    submitted_ = -1;
    tries_ = actions_ = 0;
    if (!only_known_keys(s, {"n", "k", "p", "s"}, "size_quiz setup", error)) return false;
    return read_geometry(s, error);
  }
  bool act(const WidgetSettings& s, std::string* error) override {
    if (!only_known_keys(s, kKeys, "size_quiz", error)) return false;
    int prediction = -1;
    if (!read_int(s, "prediction", 0, 10000, &prediction, error)) return false;
    if (!read_geometry(s, error)) return false;
    if (prediction >= 0) {
      typed_ = prediction;
      submit();
    }
    ++actions_;
    return true;
  }
  void draw(float width, Facts& facts) override;
  void publish(Facts& f) const override;

 private:
  bool read_geometry(const WidgetSettings& s, std::string* error) {
    int n = n_, k = k_, p = p_, st = s_;
    if (!read_int(s, "n", 1, 512, &n, error) || !read_int(s, "k", 1, 11, &k, error) || !read_int(s, "p", 0, 5, &p, error) ||
        !read_int(s, "s", 1, 4, &st, error))
      return false;
    std::string message;
    if (engine_output_side(n, k, p, st, &message) < 0) {
      *error = "size_quiz: n=" + std::to_string(n) + " k=" + std::to_string(k) + " p=" + std::to_string(p) +
               " s=" + std::to_string(st) + ": " + message;
      return false;
    }
    if (n != n_ || k != k_ || p != p_ || st != s_) submitted_ = -1;  // a new question
    n_ = n, k_ = k, p_ = p, s_ = st;
    return true;
  }
  void submit() {
    submitted_ = typed_;
    ++tries_;
  }
  void new_question() {
    Rng rng(static_cast<uint64_t>(tries_ * 7919 + n_ * 31 + k_ + actions_));
    do {
      n_ = 5 + static_cast<int>(rng.below(60));
      k_ = 1 + 2 * static_cast<int>(rng.below(3));
      p_ = static_cast<int>(rng.below(3));
      s_ = 1 + static_cast<int>(rng.below(3));
    } while (engine_output_side(n_, k_, p_, s_, nullptr) < 0);
    submitted_ = -1;
  }

  int n_ = 32, k_ = 5, p_ = 0, s_ = 1;
  int typed_ = 0, submitted_ = -1, tries_ = 0, actions_ = 0;
};

void SizeQuiz::draw(float width, Facts& f) {
  ImGui::PushID(this);
  const int answer = engine_output_side(n_, k_, p_, s_, nullptr);
  ImGui::TextWrapped("An input of %d×%d, a kernel of %d×%d, padding p = %d, stride s = %d. How wide is the output?", n_, n_,
                     k_, k_, p_, s_);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("your prediction");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(80.0f, width * 0.2f));
  ImGui::InputInt("##prediction", &typed_, 0, 0);  // a plain number field: the learner types the answer
  typed_ = std::clamp(typed_, 0, 10000);
  note_widget("size_quiz.prediction");
  ImGui::SameLine();
  if (ImGui::Button("check")) {
    submit();
    ++actions_;
  }
  note_widget("size_quiz.check");
  ImGui::SameLine();
  if (ImGui::Button("another one")) {
    new_question();
    ++actions_;
  }
  note_widget("size_quiz.another");
  if (submitted_ >= 0) {
    const bool right = submitted_ == answer;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(right ? palette::kBlue : palette::kDanger), "%s",
                       right ? "Right." : "Not quite.");
    ImGui::SameLine();
    ImGui::TextWrapped("You said %d; the engine's convolution gives %d×%d: ⌊(%d + 2·%d - %d) / %d⌋ + 1 = %d.", submitted_,
                answer, answer, n_, p_, k_, s_, answer);
  } else {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "The engine's answer appears once you check.");
  }
  note_widget("size_quiz.answer");
  publish(f);
  ImGui::PopID();
}

void SizeQuiz::publish(Facts& f) const {
  const int answer = engine_output_side(n_, k_, p_, s_, nullptr);
  f["size.n"] = n_;
  f["size.k"] = k_;
  f["size.p"] = p_;
  f["size.s"] = s_;
  f["size.prediction"] = submitted_;
  f["size.correct"] = submitted_ >= 0 && submitted_ == answer;
  f["size.tries"] = tries_;
  f["size.actions"] = actions_;
}

}  // namespace

std::unique_ptr<TutorialWidget> make_size_quiz() { return std::make_unique<SizeQuiz>(); }

}  // namespace layerlab::ui
