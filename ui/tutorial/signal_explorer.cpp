// signal_explorer.cpp: signal_explorer: the signal of ones with runs of zeros, a filter chosen by name, the
// output the engine computes, drawn as stems on one x scale (output p under the window that starts at p);
// hover a position to see its products and their sum.
#include "tutorial/signal_explorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "imgui.h"
#include "theme.h"
#include "tutorial/lesson_settings.h"
#include "tutorial/signal_lesson.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kKeys = {"filter", "probe"};

// Stems for values[0..count) in [lo, hi] from x0, `slot` pixels apart, on a box `height` tall; the stems from
// `mark` to `mark + marked` are drawn in orange. Returns the index under the mouse, or -1.
int stem_plot(const char* id, const float* values, int count, float lo, float hi, float x0, float slot, float width,
              float height, int mark, int marked, ImU32 colour) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), palette::rgb(24, 27, 33), 4.0f);
  auto y_at = [&](float v) { return p.y + 4.0f + (height - 8.0f) * (hi - v) / (hi - lo); };
  const float zero = y_at(0.0f);
  dl->AddLine(ImVec2(p.x, zero), ImVec2(p.x + width, zero), palette::rgb(70, 76, 88));
  for (int i = 0; i < count; ++i) {
    const float x = p.x + x0 + (static_cast<float>(i) + 0.5f) * slot;
    const ImU32 c = i >= mark && i < mark + marked ? palette::kOrange : colour;
    dl->AddLine(ImVec2(x, zero), ImVec2(x, y_at(values[i])), c, 2.0f);
    dl->AddCircleFilled(ImVec2(x, y_at(values[i])), std::min(3.5f, slot * 0.35f), c);
  }
  if (!ImGui::IsItemHovered()) return -1;
  const int i = static_cast<int>(std::floor((ImGui::GetIO().MousePos.x - p.x - x0) / slot));
  return i >= 0 && i < count ? i : -1;
}

class SignalExplorer final : public LessonWidget {
 public:
  SignalExplorer() { reset(); }
  void draw(float width, Facts& facts) override;

 private:
  void reset() override {
    filter_ = static_cast<int>(SignalFilter::Edge);
    probe_ = 0;
    dirty_ = true;
  }
  bool apply(const WidgetSettings& s, std::string* error) override {
    if (!only_known_keys(s, kKeys, "signal_explorer", error)) return false;
    int filter = filter_, probe = probe_;
    if (!read_choice(s, "filter", signal_filter_names(), &filter, error) || !read_int(s, "probe", 0, 39, &probe, error))
      return false;
    dirty_ |= filter != filter_;
    filter_ = filter;
    probe_ = probe;
    return true;
  }
  void publish(Facts& f) const override;

  int filter_ = 0, probe_ = 0;
  bool dirty_ = true;
  const std::vector<float> signal_ = step_signal();
  const int jumps_ = static_cast<int>(signal_jumps(signal_).size());
  std::vector<float> weights_;
  SignalRun run_;
};

void SignalExplorer::publish(Facts& f) const {
  const std::vector<float>& y = run_.output;
  f["signal.ready"] = !y.empty();
  f["signal.filter_edge"] = filter_ == static_cast<int>(SignalFilter::Edge);
  f["signal.filter_bell"] = filter_ == static_cast<int>(SignalFilter::Bell);
  f["signal.length"] = static_cast<double>(signal_.size());
  f["signal.filter_length"] = static_cast<double>(weights_.size());
  f["signal.output_length"] = static_cast<double>(y.size());
  f["signal.jumps"] = jumps_;
  f["signal.nonzero"] = run_.nonzero;
  f["signal.output_min"] = run_.lo;
  f["signal.output_max"] = run_.hi;
  f["signal.max_step"] = run_.max_step;  // the largest change between neighbouring outputs
  f["signal.probe"] = probe_;
  f["signal.probe_output"] = y.empty() ? 0.0 : y[static_cast<size_t>(std::min<int>(probe_, static_cast<int>(y.size()) - 1))];
  f["signal.actions"] = actions_;
}

void SignalExplorer::draw(float width, Facts& facts) {
  ImGui::PushID(this);
  ImGui::SetNextItemWidth(110);
  if (noted_combo("filter", "signal_explorer.filter", &filter_, signal_filter_names().data(), static_cast<int>(signal_filter_names().size()))) {
    dirty_ = true;
    ++actions_;
  }
  if (dirty_) {
    weights_ = signal_filter_values(static_cast<SignalFilter>(filter_));
    run_ = run_signal_convolution(signal_, weights_);
    dirty_ = false;
  }
  if (!run_.error.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kDanger), "%s", run_.error.c_str());
    publish(facts);
    ImGui::PopID();
    return;
  }
  const int n = static_cast<int>(signal_.size()), k = static_cast<int>(weights_.size());
  const int outputs = static_cast<int>(run_.output.size());
  probe_ = std::clamp(probe_, 0, outputs - 1);
  const float left = 8.0f, plot_w = std::max(240.0f, width - 16.0f), slot = (plot_w - 2.0f * left) / n;

  ImGui::Text("signal x (%d samples)", n);
  int hovered = stem_plot("##signal", signal_.data(), n, -0.2f, 1.2f, left, slot, plot_w, 64.0f, probe_, k, palette::kBlue);
  note_widget("signal_explorer.signal");
  float w_lo = 0.0f, w_hi = 0.0f;
  for (float v : weights_) w_lo = std::min(w_lo, v), w_hi = std::max(w_hi, v);
  const float w_pad = 0.15f * (w_hi - w_lo);
  ImGui::Text("filter f (%d weights)", k);
  stem_plot("##filter", weights_.data(), k, w_lo - w_pad, w_hi + w_pad, left + probe_ * slot, slot, plot_w, 56.0f, 0, k,
            palette::kOrange);
  note_widget("signal_explorer.filter_plot");
  ImGui::TextWrapped("output (%d = %d - %d + 1 positions), computed by the engine", outputs, n, k);
  const float o_lo = std::min(-0.2f, run_.lo - 0.2f), o_hi = std::max(1.2f, run_.hi + 0.2f);
  const int hovered_out =
      stem_plot("##output", run_.output.data(), outputs, o_lo, o_hi, left, slot, plot_w, 72.0f, probe_, 1, palette::kText);
  note_widget("signal_explorer.output");
  // Where the output's positions lie (slot p is position p), for a hand that hovers one.
  note_widget_rect("signal_explorer.positions", ImVec2(ImGui::GetItemRectMin().x + left, ImGui::GetItemRectMin().y),
                   ImVec2(ImGui::GetItemRectMin().x + left + outputs * slot, ImGui::GetItemRectMax().y));
  if (hovered < 0) hovered = hovered_out;
  if (hovered >= 0 && hovered < outputs && hovered != probe_) {
    probe_ = hovered;
    ++actions_;
  }

  // The dot product at the probed position, term by term for a short filter.
  std::string terms;
  char part[48];
  float sum = 0.0f;
  for (int t = 0; t < k; ++t) {
    const float x = signal_[static_cast<size_t>(probe_ + t)], w = weights_[static_cast<size_t>(t)];
    sum += w * x;
    if (k <= 3) {
      std::snprintf(part, sizeof part, "%s(%g)·%g", t ? " + " : "", static_cast<double>(w), static_cast<double>(x));
      terms += part;
    }
  }
  const std::string expansion = k <= 3 ? " = " + terms : " (" + std::to_string(k) + " products)";
  ImGui::TextWrapped("output[%d] = Σₜ f[t]·x[%d + t]%s = %.3g; the engine computed %.3g", probe_, probe_, expansion.c_str(),
                     static_cast<double>(sum), static_cast<double>(run_.output[static_cast<size_t>(probe_)]));
  note_widget("signal_explorer.sum");
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "hover the signal or the output to move the window");
  publish(facts);
  ImGui::PopID();
}

}  // namespace

std::unique_ptr<TutorialWidget> make_signal_explorer() { return std::make_unique<SignalExplorer>(); }

}  // namespace layerlab::ui
