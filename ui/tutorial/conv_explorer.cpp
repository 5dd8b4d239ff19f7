// conv_explorer.cpp: conv_explorer, a 3x3 kernel sliding over a photograph or the worked 5x5 grid. Hover an
// output cell (or scrub / play the position) to see its window, the element-wise products and their sum
// next to the engine's output. Facts: conv.*.
#include "tutorial/conv_explorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "theme.h"
#include "tutorial/conv_lesson.h"
#include "tutorial/grid_view.h"
#include "tutorial/photo_loader.h"
#include "tutorial/lesson_settings.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kSources = {"china", "flower", "grid"};
constexpr int kGrid = 2;
const std::vector<const char*> kPaddings = {"zeros", "edge"};
const std::vector<const char*> kKeys = {"image", "kernel", "k", "pad", "padding", "stride", "flip", "probe", "play"};

class ConvExplorer final : public LessonWidget {
 public:
  ConvExplorer() { reset(); }
  void draw(float width, Facts& facts) override;

 private:
  void reset() override {  // what a step's setup starts from; the loaded photograph and the textures stay
    source_ = 0;
    preset_ = static_cast<int>(KernelPreset::Cross);
    conv_ = ConvSettings();
    conv_.kernel = kernel_values(KernelPreset::Cross);
    probe_x_ = probe_y_ = 0;
    playing_ = false;
    dirty_ = true;
  }
  bool apply(const WidgetSettings& s, std::string* error) override;
  const LessonImage* input();
  void draw_controls();
  void draw_detail(const WindowDetail& d, float engine_value);
  void publish(Facts& facts) const override;
  void step_playback();

  int source_ = 0, preset_ = static_cast<int>(KernelPreset::Cross);
  ConvSettings conv_;
  int probe_x_ = 0, probe_y_ = 0;
  bool playing_ = false;
  double play_clock_ = 0.0;
  PhotoLoader loader_;
  LessonImage grey_, grid_ = worked_grid();
  ConvRun run_;
  bool dirty_ = true;
  GridView input_view_, kernel_view_, output_view_;
  WindowDetail probed_;        // the window under the probed output cell, as last drawn
  float probed_value_ = 0.0f;  // the engine's output there

};

bool ConvExplorer::apply(const WidgetSettings& s, std::string* error) {
  if (!only_known_keys(s, kKeys, "conv_explorer", error)) return false;
  int source = source_, preset = preset_, pad = conv_.pad, padding = static_cast<int>(conv_.padding);
  int stride = conv_.stride, flip = conv_.flip, play = playing_, px = probe_x_, py = probe_y_;
  std::vector<float> k(conv_.kernel.begin(), conv_.kernel.end());
  if (!read_choice(s, "image", kSources, &source, error) || !read_choice(s, "kernel", kernel_preset_names(), &preset, error) ||
      !read_numbers(s, "k", 9, &k, error) || !read_int(s, "pad", 0, 2, &pad, error) ||
      !read_choice(s, "padding", kPaddings, &padding, error) || !read_int(s, "stride", 1, 3, &stride, error) ||
      !read_int(s, "flip", 0, 1, &flip, error) || !read_pair(s, "probe", 0, 95, &px, &py, error) ||
      !read_int(s, "play", 0, 1, &play, error))
    return false;
  source_ = source;
  if (s.count("kernel") && preset != static_cast<int>(KernelPreset::Custom))
    conv_.kernel = kernel_values(static_cast<KernelPreset>(preset));
  preset_ = preset;
  if (s.count("k")) {
    std::copy(k.begin(), k.end(), conv_.kernel.begin());
    preset_ = static_cast<int>(KernelPreset::Custom);
  }
  conv_.pad = pad;
  conv_.padding = static_cast<PaddingMode>(padding);
  conv_.stride = stride;
  conv_.flip = flip != 0;
  probe_x_ = px;
  probe_y_ = py;
  playing_ = play != 0;
  dirty_ = true;
  return true;
}

const LessonImage* ConvExplorer::input() {
  if (source_ == kGrid) return &grid_;
  loader_.request(kSources[static_cast<size_t>(source_)]);
  if (loader_.state() != PhotoLoader::State::Ready) return nullptr;
  if (grey_.empty() || dirty_) grey_ = to_grey(loader_.image());
  return &grey_;
}

void ConvExplorer::step_playback() {
  if (!playing_ || run_.output.empty()) return;
  play_clock_ += ImGui::GetIO().DeltaTime;
  const double period = source_ == kGrid ? 0.6 : 0.03;  // seconds per position
  const int ow = run_.geometry.out_w(), oh = run_.geometry.out_h();
  while (play_clock_ >= period) {
    play_clock_ -= period;
    if (++probe_x_ >= ow) {
      probe_x_ = 0;
      if (++probe_y_ >= oh) probe_y_ = 0;
    }
  }
}

void ConvExplorer::draw_controls() {
  bool changed = false;
  ImGui::SetNextItemWidth(110);
  if (noted_combo("image", "conv_explorer.image", &source_, kSources.data(), static_cast<int>(kSources.size()))) changed = true;
  same_line_if_fits(labelled_width(110, "kernel"));
  ImGui::SetNextItemWidth(110);
  if (noted_combo("kernel", "conv_explorer.kernel_preset", &preset_, kernel_preset_names().data(),
                  static_cast<int>(kernel_preset_names().size()))) {
    if (preset_ != static_cast<int>(KernelPreset::Custom)) conv_.kernel = kernel_values(static_cast<KernelPreset>(preset_));
    changed = true;
  }
  same_line_if_fits(toggle_width("flip the kernel"));
  if (ImGui::Checkbox("flip the kernel", &conv_.flip)) changed = true;
  note_widget("conv_explorer.flip");
  ImGui::SetNextItemWidth(80);
  if (ImGui::SliderInt("padding p", &conv_.pad, 0, 2)) changed = true;
  note_widget("conv_explorer.pad");
  same_line_if_fits(toggle_width("zeros"));
  int mode = static_cast<int>(conv_.padding);
  if (ImGui::RadioButton("zeros", &mode, 0)) changed = true;
  note_widget("conv_explorer.padding_zeros");
  same_line_if_fits(toggle_width("edge values"));
  if (ImGui::RadioButton("edge values", &mode, 1)) changed = true;
  note_widget("conv_explorer.padding_edge");
  conv_.padding = static_cast<PaddingMode>(mode);
  same_line_if_fits(labelled_width(80, "stride s"));
  ImGui::SetNextItemWidth(80);
  if (ImGui::SliderInt("stride s", &conv_.stride, 1, 3)) changed = true;
  note_widget("conv_explorer.stride");
  if (changed) {
    dirty_ = true;
    ++actions_;
  }
}

void ConvExplorer::draw_detail(const WindowDetail& d, float engine_value) {
  const std::array<float, 9> k = sliding_kernel(conv_);
  const float column = ImGui::CalcTextSize("-00.00").x + 2.0f * ImGui::GetStyle().CellPadding.x;
  const float table_width = 3.0f * column + 4.0f;
  auto small_grid = [&](const char* id, const float* v, const bool* dim) {
    if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit, ImVec2(table_width, 0.0f)))
      return;
    for (int j = 0; j < 9; ++j) {
      ImGui::TableNextColumn();
      if (dim && dim[j]) ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
      ImGui::Text("%.2f", static_cast<double>(v[j]));
      if (dim && dim[j]) ImGui::PopStyleColor();
    }
    ImGui::EndTable();
  };
  ImGui::BeginGroup();
  ImGui::TextUnformatted("window");
  small_grid("##window", d.inputs.data(), d.in_padding.data());
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::TextUnformatted("\n\n  ×  ");
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted(conv_.flip ? "kernel (flipped)" : "kernel");
  small_grid("##kernel_used", k.data(), nullptr);
  ImGui::EndGroup();
  // In a narrow window, "= products" and the sums move to the next line.
  same_line_if_fits(ImGui::CalcTextSize("  =  ").x + ImGui::GetStyle().ItemSpacing.x + table_width);
  ImGui::TextUnformatted("\n\n  =  ");
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextUnformatted("products");
  small_grid("##products", d.products.data(), nullptr);
  ImGui::EndGroup();
  note_widget_rect("conv_explorer.dot_product", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  char engine_line[96];
  std::snprintf(engine_line, sizeof engine_line, "engine's output at (x %d, y %d) = %.3f", probe_x_, probe_y_,
                static_cast<double>(engine_value));
  same_line_if_fits(ImGui::CalcTextSize(engine_line).x);
  ImGui::BeginGroup();
  ImGui::Text("\nsum of the products = %.3f", static_cast<double>(d.sum));
  ImGui::TextUnformatted(engine_line);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "grey values: padding (%s)",
                     conv_.padding == PaddingMode::Zeros ? "zeros" : "copies of the edge");
  ImGui::EndGroup();
}

void ConvExplorer::publish(Facts& f) const {
  const WindowDetail& d = probed_;
  const float engine_value = probed_value_;
  const Conv2dGeometry& g = run_.geometry;
  const bool ready = !run_.output.empty();
  f["conv.ready"] = ready;
  f["conv.input_width"] = g.width;
  f["conv.input_height"] = g.height;
  f["conv.kernel_size"] = 3;
  f["conv.pad"] = conv_.pad;
  f["conv.padding_edge"] = conv_.padding == PaddingMode::Edge;
  f["conv.stride"] = conv_.stride;
  f["conv.flip"] = conv_.flip;
  f["conv.image_grid"] = source_ == kGrid;
  f["conv.image_photo"] = source_ != kGrid;
  f["conv.output_width"] = ready ? g.out_w() : 0;
  f["conv.output_height"] = ready ? g.out_h() : 0;
  for (size_t i = 0; i < kernel_preset_names().size(); ++i)
    f[std::string("conv.kernel_") + kernel_preset_names()[i]] = preset_ == static_cast<int>(i);
  float kernel_sum = 0.0f;
  for (float w : conv_.kernel) kernel_sum += w;
  f["conv.kernel_sum"] = kernel_sum;
  f["conv.kernel_center"] = conv_.kernel[4];
  f["conv.probe_x"] = probe_x_;
  f["conv.probe_y"] = probe_y_;
  f["conv.probe_sum"] = d.sum;
  f["conv.probe_output"] = engine_value;
  float lo = 0, hi = 0;
  value_range(run_.output.data(), run_.output.size(), &lo, &hi);
  f["conv.output_min"] = lo;
  f["conv.output_max"] = hi;
  f["conv.playing"] = playing_;
  f["conv.actions"] = actions_;
}

void ConvExplorer::draw(float width, Facts& facts) {
  ImGui::PushID(this);
  draw_controls();
  const LessonImage* image = input();
  if (!image) {
    photo_ready_or_status(loader_);
    run_ = ConvRun();
    probed_ = WindowDetail();
    probed_value_ = 0.0f;
    publish(facts);
    ImGui::PopID();
    return;
  }
  if (dirty_) {
    run_ = run_convolution(*image, conv_);
    dirty_ = false;
  }
  const Conv2dGeometry& g = run_.geometry;
  if (!run_.error.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kDanger), "%s", run_.error.c_str());
    probed_ = WindowDetail();
    probed_value_ = 0.0f;
    publish(facts);
    ImGui::PopID();
    return;
  }
  step_playback();
  probe_x_ = std::clamp(probe_x_, 0, g.out_w() - 1);
  probe_y_ = std::clamp(probe_y_, 0, g.out_h() - 1);

  // The three pictures: input (with the padding ring around the grid), kernel, output.
  const bool grid = source_ == kGrid;
  const float column = std::max(120.0f, (width - 260.0f) / 2.0f);
  const int padded = image->width + 2 * conv_.pad;
  const float in_cell = grid ? std::min(40.0f, column / padded) : std::floor(std::min(3.0f, column / image->width));
  GridStyle grey_style;
  grey_style.numbers = grid;
  int hovered = -1;

  ImGui::BeginGroup();
  ImGui::Text("input %d×%d (padding p = %d)", image->width, image->height, conv_.pad);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  if (grid && conv_.pad > 0) {  // the padded grid, padding cells drawn from the engine's own values
    std::vector<float> padded_values(static_cast<size_t>(padded) * padded);
    ConvSettings identity = conv_;
    identity.kernel = kernel_values(KernelPreset::Identity);
    identity.flip = false;
    for (int y = 0; y < padded; ++y)
      for (int x = 0; x < padded; ++x) {
        const int sy = std::clamp(y - conv_.pad, 0, image->height - 1), sx = std::clamp(x - conv_.pad, 0, image->width - 1);
        const bool inside = sy == y - conv_.pad && sx == x - conv_.pad;
        padded_values[static_cast<size_t>(y) * padded + x] =
            inside || conv_.padding == PaddingMode::Edge ? image->at(0, sy, sx) : 0.0f;
      }
    input_view_.draw("##input", padded_values.data(), padded, padded, in_cell, grey_style);
    // The padding ring is dimmed: it is not part of the picture.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = input_view_.origin();
    for (int y = 0; y < padded; ++y)
      for (int x = 0; x < padded; ++x)
        if (y < conv_.pad || x < conv_.pad || y >= padded - conv_.pad || x >= padded - conv_.pad)
          dl->AddRectFilled(ImVec2(o.x + x * in_cell, o.y + y * in_cell), ImVec2(o.x + (x + 1) * in_cell, o.y + (y + 1) * in_cell),
                            palette::rgb(40, 80, 140, 110));
    input_view_.outline(conv_.pad, conv_.pad, image->height, image->width, palette::kBlue, 2.0f);
  } else {
    ImGui::SetCursorScreenPos(ImVec2(start.x + conv_.pad * in_cell, start.y + conv_.pad * in_cell));
    input_view_.draw("##input", image->pixels.data(), image->height, image->width, in_cell, grey_style);
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(padded * in_cell, padded * in_cell));
  }
  note_widget("conv_explorer.input");
  if (!grid) photo_credit_line(loader_);
  ImGui::EndGroup();
  // The kernel beside the input when both fit the window, else under it.
  same_line_if_fits(std::max(3 * 52.0f + 2 * ImGui::GetStyle().ItemSpacing.x, ImGui::CalcTextSize("kernel (edit a cell)").x), 16);

  ImGui::BeginGroup();
  ImGui::TextUnformatted("kernel (edit a cell)");
  ImGui::PushItemWidth(52);
  for (int j = 0; j < 9; ++j) {
    ImGui::PushID(j);
    if (j % 3) ImGui::SameLine();
    if (ImGui::DragFloat("##k", &conv_.kernel[static_cast<size_t>(j)], 0.05f, -9.0f, 9.0f, "%.2f")) {
      preset_ = static_cast<int>(KernelPreset::Custom);
      dirty_ = true;
      ++actions_;
    }
    note_widget(("conv_explorer.k" + std::to_string(j)).c_str());
    ImGui::PopID();
  }
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  note_widget_rect("conv_explorer.kernel", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());

  char out_title[64];
  std::snprintf(out_title, sizeof out_title, "output %d×%d (feature map)", g.out_w(), g.out_h());
  const float out_cell = grid ? in_cell : std::floor(std::min(3.0f, column / g.out_w()));
  same_line_if_fits(std::max(ImGui::CalcTextSize(out_title).x, out_cell * static_cast<float>(g.out_w())), 16.0f);
  ImGui::BeginGroup();
  ImGui::TextUnformatted(out_title);
  GridStyle out_style;
  value_range(run_.output.data(), run_.output.size(), &out_style.lo, &out_style.hi);
  out_style.diverging = out_style.lo < 0.0f;
  out_style.numbers = grid;
  out_style.decimals = grid && preset_ == static_cast<int>(KernelPreset::Blur) ? 2 : grid ? 1 : 0;
  if (grid && std::all_of(conv_.kernel.begin(), conv_.kernel.end(), [](float v) { return v == std::round(v); }))
    out_style.decimals = 0;
  hovered = output_view_.draw("##output", run_.output.data(), g.out_h(), g.out_w(), out_cell, out_style);
  note_widget("conv_explorer.output");
  ImGui::EndGroup();

  if (hovered >= 0 && hovered != probe_y_ * g.out_w() + probe_x_) {  // hovering another cell is the learner's action
    probe_x_ = hovered % g.out_w();
    probe_y_ = hovered / g.out_w();
    playing_ = false;
    ++actions_;
  }
  const WindowDetail d = window_at(*image, conv_, probe_y_, probe_x_);
  const float engine_value = run_.output[static_cast<size_t>(probe_y_) * g.out_w() + probe_x_];
  // The window on the input (in padded coordinates) and its output cell.
  input_view_.outline(d.top + (grid && conv_.pad > 0 ? conv_.pad : 0), d.left + (grid && conv_.pad > 0 ? conv_.pad : 0), 3,
                      3, palette::kOrange, 2.0f);
  output_view_.outline(probe_y_, probe_x_, 1, 1, palette::kOrange, 2.0f);

  // The position: scrub or play.
  int position = probe_y_ * g.out_w() + probe_x_;
  ImGui::SetNextItemWidth(std::min(360.0f, width * 0.5f));
  if (ImGui::SliderInt("position", &position, 0, g.out_w() * g.out_h() - 1)) {
    probe_x_ = position % g.out_w();
    probe_y_ = position / g.out_w();
    playing_ = false;
    ++actions_;
  }
  note_widget("conv_explorer.position");
  ImGui::SameLine();
  if (ImGui::Button(playing_ ? "pause" : "play")) {
    playing_ = !playing_;
    ++actions_;
  }
  note_widget("conv_explorer.play");
  same_line_if_fits(ImGui::CalcTextSize("or hover a cell of the output").x);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "or hover a cell of the output");
  draw_detail(d, engine_value);
  ImGui::TextWrapped("output side = ⌊(n + 2p - k) / s⌋ + 1 = ⌊(%d + 2·%d - 3) / %d⌋ + 1 = %d", image->width, conv_.pad,
              conv_.stride, g.out_w());
  note_widget("conv_explorer.formula");
  probed_ = d;
  probed_value_ = engine_value;
  publish(facts);
  ImGui::PopID();
}

}  // namespace

std::unique_ptr<TutorialWidget> make_conv_explorer() { return std::make_unique<ConvExplorer>(); }

}  // namespace layerlab::ui
