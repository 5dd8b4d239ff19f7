// pool_explorer.cpp: pool_explorer: pooling through the engine, a hovered window, and a shift test for
// translation invariance. Facts: pool.*.
#include "tutorial/pool_explorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "theme.h"
#include "tutorial/grid_view.h"
#include "tutorial/photo_loader.h"
#include "tutorial/lesson_settings.h"
#include "tutorial/pool_lesson.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kSources = {"grid", "china", "flower"};
const std::vector<const char*> kKeys = {"image", "kind", "window", "stride", "shift", "probe"};

class PoolExplorer final : public LessonWidget {
 public:
  PoolExplorer() { reset(); }
  void draw(float width, Facts& facts) override;

 private:
  void reset() override {
    source_ = 0;
    kind_ = 0;
    window_ = stride_ = 2;
    dx_ = dy_ = 0;
    probe_x_ = probe_y_ = 0;
    dirty_ = true;
  }
  bool apply(const WidgetSettings& s, std::string* error) override {
    int source = source_, kind = kind_, window = window_, stride = stride_, dx = dx_, dy = dy_;
    int px = probe_x_, py = probe_y_;
    if (!only_known_keys(s, kKeys, "pool_explorer", error) || !read_choice(s, "image", kSources, &source, error) ||
        !read_choice(s, "kind", pool_kind_names(), &kind, error) || !read_int(s, "window", 2, 3, &window, error) ||
        !read_int(s, "stride", 1, 3, &stride, error) || !read_pair(s, "shift", -2, 2, &dx, &dy, error) ||
        !read_pair(s, "probe", 0, 95, &px, &py, error))
      return false;
    source_ = source, kind_ = kind, window_ = window, stride_ = stride, dx_ = dx, dy_ = dy;
    probe_x_ = px, probe_y_ = py;
    dirty_ = true;
    return true;
  }
  const LessonImage* input();
  void draw_controls();
  void publish(Facts& f) const override;

  int source_, kind_, window_, stride_, dx_, dy_, probe_x_, probe_y_;
  bool dirty_;
  PhotoLoader loader_;
  LessonImage grid_ = pooling_grid(), edges_, moved_;
  ShiftComparison cmp_;
  GridView input_view_, moved_view_, pooled_view_, pooled_moved_view_;
};

const LessonImage* PoolExplorer::input() {
  if (source_ == 0) return &grid_;
  loader_.request(kSources[static_cast<size_t>(source_)]);
  if (loader_.state() != PhotoLoader::State::Ready) return nullptr;
  if (edges_.empty() || dirty_) edges_ = edge_feature_map(to_grey(loader_.image()));
  return &edges_;
}

void PoolExplorer::draw_controls() {
  bool changed = false;
  ImGui::SetNextItemWidth(100);
  changed |= noted_combo("map", "pool_explorer.image", &source_, kSources.data(), static_cast<int>(kSources.size()));
  for (int k = 0; k < 3; ++k) {
    const char* name = pool_kind_names()[static_cast<size_t>(k)];
    same_line_if_fits(toggle_width(name));
    changed |= ImGui::RadioButton(name, &kind_, k);
    note_widget((std::string("pool_explorer.kind_") + name).c_str());
  }
  same_line_if_fits(labelled_width(70, "window"));
  ImGui::SetNextItemWidth(70);
  changed |= ImGui::SliderInt("window", &window_, 2, 3);
  note_widget("pool_explorer.window");
  same_line_if_fits(labelled_width(70, "stride"));
  ImGui::SetNextItemWidth(70);
  changed |= ImGui::SliderInt("stride", &stride_, 1, 3);
  note_widget("pool_explorer.stride");
  // The shift controls stay together: the label, four arrows and "no shift".
  const ImGuiStyle& style = ImGui::GetStyle();
  const float shift_row = ImGui::CalcTextSize("shift the input:").x + 4.0f * (ImGui::GetFrameHeight() + style.ItemSpacing.x) +
                          ImGui::CalcTextSize("no shift").x + 2.0f * style.FramePadding.x + style.ItemSpacing.x + 20.0f;
  same_line_if_fits(shift_row);
  ImGui::TextUnformatted("shift the input:");
  const struct { const char* id; ImGuiDir dir; int dx, dy; } arrows[] = {
      {"left", ImGuiDir_Left, -1, 0}, {"right", ImGuiDir_Right, 1, 0}, {"up", ImGuiDir_Up, 0, -1}, {"down", ImGuiDir_Down, 0, 1}};
  for (const auto& a : arrows) {
    ImGui::SameLine();
    if (ImGui::ArrowButton(a.id, a.dir)) {
      dx_ = std::clamp(dx_ + a.dx, -2, 2);
      dy_ = std::clamp(dy_ + a.dy, -2, 2);
      changed = true;
    }
    note_widget((std::string("pool_explorer.shift_") + a.id).c_str());
  }
  ImGui::SameLine();
  if (ImGui::Button("no shift")) {
    dx_ = dy_ = 0;
    changed = true;
  }
  note_widget("pool_explorer.shift_reset");
  if (changed) {
    dirty_ = true;
    ++actions_;
  }
}

void PoolExplorer::publish(Facts& f) const {
  const Pool2dGeometry& g = cmp_.original.geometry;
  const bool ready = !cmp_.original.output.empty();
  f["pool.ready"] = ready;
  for (size_t k = 0; k < 3; ++k) f[std::string("pool.kind_") + pool_kind_names()[k]] = kind_ == static_cast<int>(k);
  f["pool.window"] = window_;
  f["pool.stride"] = stride_;
  f["pool.parameters"] = 0;  // pooling has nothing to train: the engine's Pool2dLayer binds no parameters
  f["pool.input_width"] = ready ? g.width : 0;
  f["pool.input_height"] = ready ? g.height : 0;
  f["pool.output_width"] = ready ? g.out_w() : 0;
  f["pool.output_height"] = ready ? g.out_h() : 0;
  f["pool.kept_fraction"] = ready ? static_cast<double>(g.out_size()) / g.in_size() : 0.0;
  f["pool.shift_x"] = dx_;
  f["pool.shift_y"] = dy_;
  f["pool.input_changed"] = cmp_.input_changed;
  f["pool.pooled_changed"] = cmp_.pooled_changed;
  f["pool.input_changed_fraction"] = cmp_.input_values ? static_cast<double>(cmp_.input_changed) / cmp_.input_values : 0.0;
  f["pool.pooled_changed_fraction"] =
      cmp_.pooled_values ? static_cast<double>(cmp_.pooled_changed) / cmp_.pooled_values : 0.0;
  f["pool.probe_x"] = probe_x_;
  f["pool.probe_y"] = probe_y_;
  f["pool.probe_value"] =
      ready ? cmp_.original.output[static_cast<size_t>(probe_y_) * g.out_w() + probe_x_] : 0.0;
  f["pool.actions"] = actions_;
}

void PoolExplorer::draw(float width, Facts& facts) {
  ImGui::PushID(this);
  draw_controls();
  const LessonImage* map = input();
  if (!map) {
    photo_ready_or_status(loader_);
    cmp_ = ShiftComparison();
    publish(facts);
    ImGui::PopID();
    return;
  }
  if (dirty_) {
    cmp_ = compare_shift(*map, static_cast<PoolKind>(kind_), window_, stride_, dx_, dy_);
    moved_ = shifted(*map, dx_, dy_);
    dirty_ = false;
  }
  if (!cmp_.original.error.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kDanger), "%s", cmp_.original.error.c_str());
    publish(facts);
    ImGui::PopID();
    return;
  }
  const Pool2dGeometry& g = cmp_.original.geometry;
  probe_x_ = std::clamp(probe_x_, 0, g.out_w() - 1);
  probe_y_ = std::clamp(probe_y_, 0, g.out_h() - 1);
  const bool grid = source_ == 0;
  // The four pictures (input, pooled, shifted, its pooled) in one row where the grid's cells stay at least 20
  // pixels (or the photograph's maps fit), else in two rows: the original above, the shifted below. The input
  // takes half of its pair's width at most.
  const bool one_row = grid ? (width - 60.0f) / 4.0f / map->width >= 20.0f : width >= 4.0f * 2.0f * map->width + 60.0f;
  const float pair_width = (width - 60.0f) / (one_row ? 2.0f : 1.0f);
  const float in_cell = grid ? std::min(30.0f, pair_width / 2.0f / map->width) : 2.0f;
  const float out_cell = grid ? std::min(in_cell * window_ / std::max(stride_, 1), (pair_width - in_cell * map->width) / g.out_w())
                              : in_cell * 2.0f;
  GridStyle in_style;
  value_range(map->pixels.data(), map->pixels.size(), &in_style.lo, &in_style.hi);
  in_style.numbers = grid;
  GridStyle out_style;
  value_range(cmp_.original.output.data(), cmp_.original.output.size(), &out_style.lo, &out_style.hi);
  out_style.numbers = grid;
  out_style.decimals = grid && kind_ == 1 ? 2 : 0;
  const float out_cell_drawn = std::min(out_cell, grid ? 40.0f : 4.0f);

  int hovered = -1;
  ImGui::BeginGroup();
  ImGui::Text("input %d×%d", map->width, map->height);
  input_view_.draw("##input", map->pixels.data(), map->height, map->width, in_cell, in_style);
  note_widget("pool_explorer.input");
  if (!grid) photo_credit_line(loader_);
  ImGui::EndGroup();
  ImGui::SameLine(0, 14);
  ImGui::BeginGroup();
  ImGui::Text("%s pooled %d×%d", pool_kind_names()[static_cast<size_t>(kind_)], g.out_w(), g.out_h());
  hovered = pooled_view_.draw("##pooled", cmp_.original.output.data(), g.out_h(), g.out_w(), out_cell_drawn, out_style);
  note_widget("pool_explorer.pooled");
  ImGui::EndGroup();
  if (one_row) ImGui::SameLine(0, 30);
  ImGui::BeginGroup();
  ImGui::Text("shifted by (%d, %d)", dx_, dy_);
  moved_view_.draw("##moved", moved_.pixels.data(), moved_.height, moved_.width, in_cell, in_style);
  note_widget("pool_explorer.shifted");
  ImGui::EndGroup();
  ImGui::SameLine(0, 14);
  ImGui::BeginGroup();
  ImGui::TextUnformatted("its pooled map");
  const int hovered_moved =
      pooled_moved_view_.draw("##pooled_moved", cmp_.moved.output.data(), g.out_h(), g.out_w(), out_cell_drawn, out_style);
  note_widget("pool_explorer.shifted_pooled");
  ImGui::EndGroup();
  if (hovered < 0) hovered = hovered_moved;
  if (hovered >= 0 && hovered != probe_y_ * g.out_w() + probe_x_) {  // hovering another window is the learner's action
    probe_x_ = hovered % g.out_w();
    probe_y_ = hovered / g.out_w();
    ++actions_;
  }
  // The changed pooled cells, outlined on the shifted side; the probed window on both inputs.
  for (size_t i = 0; i < cmp_.moved.output.size(); ++i)
    if (std::fabs(cmp_.moved.output[i] - cmp_.original.output[i]) > 1e-6f * std::max(1.0f, std::fabs(out_style.hi)))
      pooled_moved_view_.outline(static_cast<int>(i) / g.out_w(), static_cast<int>(i) % g.out_w(), 1, 1, palette::kDanger,
                                 grid ? 2.0f : 1.0f);
  for (const GridView* v : {&input_view_, &moved_view_})
    v->outline(probe_y_ * stride_, probe_x_ * stride_, window_, window_, palette::kOrange, 2.0f);
  pooled_view_.outline(probe_y_, probe_x_, 1, 1, palette::kOrange, 2.0f);
  pooled_moved_view_.outline(probe_y_, probe_x_, 1, 1, palette::kOrange, 2.0f);

  const float value = cmp_.original.output[static_cast<size_t>(probe_y_) * g.out_w() + probe_x_];
  std::string window_values;
  char number[24];
  for (int wy = 0; wy < window_; ++wy)
    for (int wx = 0; wx < window_; ++wx) {
      std::snprintf(number, sizeof number, "%s%.3g", window_values.empty() ? "" : ", ",
                    static_cast<double>(map->at(0, probe_y_ * stride_ + wy, probe_x_ * stride_ + wx)));
      window_values += number;
    }
  ImGui::TextWrapped("window at pooled cell (x %d, y %d): %s of (%s) = %.3g", probe_x_, probe_y_,
              pool_kind_names()[static_cast<size_t>(kind_)], window_values.c_str(), static_cast<double>(value));
  ImGui::TextWrapped("%d×%d → %d×%d: %d of %d values kept (%.0f%%), no trainable parameters.", g.width, g.height, g.out_w(),
              g.out_h(), g.out_size(), g.in_size(), 100.0 * g.out_size() / g.in_size());
  note_widget("pool_explorer.summary");
  if (dx_ == 0 && dy_ == 0)
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "No shift yet: use the arrows above.");
  else
    ImGui::TextWrapped("The shift changed %d of %d input values (%.0f%%) and %d of %d pooled values (%.0f%%; outlined in red).",
                cmp_.input_changed, cmp_.input_values, 100.0 * cmp_.input_changed / std::max(cmp_.input_values, 1),
                cmp_.pooled_changed, cmp_.pooled_values, 100.0 * cmp_.pooled_changed / std::max(cmp_.pooled_values, 1));
  note_widget("pool_explorer.shift_result");
  publish(facts);
  ImGui::PopID();
}

}  // namespace

std::unique_ptr<TutorialWidget> make_pool_explorer() { return std::make_unique<PoolExplorer>(); }

}  // namespace layerlab::ui
