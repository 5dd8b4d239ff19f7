// feature_maps.cpp: feature_maps: the colour channels in, one map per filter out, and the parameter count
// next to a dense layer's. Facts: maps.*.
#include "tutorial/feature_maps.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "imgui.h"
#include "theme.h"
#include "tutorial/conv_lesson.h"
#include "tutorial/grid_view.h"
#include "tutorial/photo_loader.h"
#include "tutorial/lesson_settings.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kPhotos = {"flower", "china"};
const std::vector<const char*> kKeys = {"image", "filters"};
const char* kChannelNames[3] = {"red", "green", "blue"};

class FeatureMaps final : public LessonWidget {
 public:
  void draw(float width, Facts& facts) override;
  void publish(Facts& f) const override;

 private:
  void reset() override {
    photo_ = 0;
    filters_ = 1;
    dirty_ = true;
  }
  bool apply(const WidgetSettings& s, std::string* error) override {
    int photo = photo_, filters = filters_;
    if (!only_known_keys(s, kKeys, "feature_maps", error) || !read_choice(s, "image", kPhotos, &photo, error) ||
        !read_int(s, "filters", 1, kFilterBankSize, &filters, error))
      return false;
    photo_ = photo;
    filters_ = filters;
    dirty_ = true;
    return true;
  }

  int photo_ = 0, filters_ = 1;
  bool dirty_ = true;
  PhotoLoader loader_;
  FilterBankRun run_;
  bool ready_ = false;  // the photo is loaded and run_ holds its maps
  GridView channel_views_[3], map_views_[kFilterBankSize], slice_views_[kFilterBankSize * 3];
};

void FeatureMaps::draw(float width, Facts& f) {
  ImGui::PushID(this);
  ImGui::SetNextItemWidth(110);
  if (noted_combo("image", "feature_maps.image", &photo_, kPhotos.data(), static_cast<int>(kPhotos.size()))) {
    dirty_ = true;
    ++actions_;
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  if (ImGui::SliderInt("filters", &filters_, 1, kFilterBankSize)) {
    dirty_ = true;
    ++actions_;
  }
  note_widget("feature_maps.filters");
  loader_.request(kPhotos[static_cast<size_t>(photo_)]);
  const bool loaded = photo_ready_or_status(loader_);
  if (loaded && (dirty_ || run_.maps.empty())) {
    run_ = run_filter_bank(loader_.image(), filters_);
    dirty_ = false;
  }
  ready_ = loaded && !run_.maps.empty();
  if (ready_) {
    const LessonImage& image = loader_.image();
    const Conv2dGeometry& g = run_.geometry;
    const size_t plane = static_cast<size_t>(g.height) * g.width;
    const float cell = std::clamp(std::floor((width - 330.0f) / 2.0f / g.width), 1.0f, 2.0f);
    GridStyle grey;
    // Input channels, stacked.
    ImGui::BeginGroup();
    ImGui::Text("input (3, %d, %d)", g.height, g.width);
    for (int c = 0; c < 3; ++c) {
      ImGui::PushID(c);
      channel_views_[c].draw("##channel", image.pixels.data() + c * plane, g.height, g.width, cell * 0.5f, grey);
      ImGui::SameLine();
      ImGui::TextUnformatted(kChannelNames[c]);
      ImGui::PopID();
    }
    ImGui::EndGroup();
    note_widget_rect("feature_maps.input", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine(0, 18);
    // One row per filter: its three slices, then its map (in one column).
    ImGui::BeginGroup();
    for (int fi = 0; fi < g.filters; ++fi) {
      ImGui::PushID(fi);
      ImGui::BeginGroup();
      ImGui::Text("filter %d: %s", fi + 1, filter_bank_name(fi));
      for (int c = 0; c < 3; ++c) {
        ImGui::PushID(c);
        const float* w = run_.weights.data() + (static_cast<size_t>(fi) * 3 + c) * 9;
        GridStyle ks;  // one scale per filter, so a blur's small weights show too
        ks.hi = *std::max_element(run_.weights.begin() + fi * 27, run_.weights.begin() + fi * 27 + 27,
                                  [](float a, float b) { return std::fabs(a) < std::fabs(b); });
        ks.hi = std::fabs(ks.hi);
        ks.lo = -ks.hi;
        ks.diverging = true;
        if (c) ImGui::SameLine();
        slice_views_[fi * 3 + c].draw("##slice", w, 3, 3, 12.0f, ks);
        ImGui::PopID();
      }
      ImGui::EndGroup();
      ImGui::SameLine(190.0f);  // from the start of the filters' column
      const float* map = run_.maps.data() + static_cast<size_t>(fi) * plane;
      GridStyle ms;
      value_range(map, plane, &ms.lo, &ms.hi);
      ms.diverging = ms.lo < 0.0f;
      if (ms.diverging) ms.lo = -std::max(std::fabs(ms.lo), std::fabs(ms.hi)), ms.hi = -ms.lo;
      map_views_[fi].draw("##map", map, g.height, g.width, cell * 0.5f, ms);
      ImGui::PopID();
    }
    ImGui::EndGroup();
    note_widget_rect("feature_maps.maps", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::TextWrapped("Each filter has one 3×3 slice per input channel: %d weights and one bias. %d filter%s: %ld "
                       "parameters, giving %d feature map%s of %d×%d.",
                       g.patch(), g.filters, g.filters == 1 ? "" : "s", run_.parameters, g.filters,
                       g.filters == 1 ? "" : "s", g.height, g.width);
    ImGui::TextWrapped("A dense layer joining every input value to every output value would need %s.",
                with_thousands(run_.dense_parameters).c_str());
    note_widget("feature_maps.parameters");
    photo_credit_line(loader_);
  }
  publish(f);
  ImGui::PopID();
}

void FeatureMaps::publish(Facts& f) const {
  const bool ready = ready_ && !run_.maps.empty();
  f["maps.ready"] = ready;
  f["maps.channels"] = 3;
  f["maps.filters"] = filters_;
  f["maps.output_maps"] = ready ? run_.geometry.filters : 0;
  f["maps.weights_per_filter"] = ready ? run_.geometry.patch() : 0;
  f["maps.parameters"] = ready ? static_cast<double>(run_.parameters) : 0.0;
  f["maps.dense_parameters"] = ready ? static_cast<double>(run_.dense_parameters) : 0.0;
  f["maps.actions"] = actions_;
}

}  // namespace

std::unique_ptr<TutorialWidget> make_feature_maps() { return std::make_unique<FeatureMaps>(); }

}  // namespace layerlab::ui
