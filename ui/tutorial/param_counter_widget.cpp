// param_counter_widget.cpp: tutorial 5's `param_counter` widget: one convolutional layer (F filters of
// K×K over a C-channel N×N image, stride 1, no padding) next to the dense layer that would produce as many
// outputs from the same image: parameters and connections of both, counted by the engine's summarize()
// (the numbers the model builder and `layerlab info` show).
#include <cstdio>

#include "basic_widget_inputs.h"
#include "basic_widgets.h"
#include "model_spec.h"
#include "theme.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

struct Counts {
  long long conv_params = 0, conv_connections = 0, dense_params = 0;
  int out_side = 0;
};

class ParamCounterWidget final : public InputsWidget {
 public:
  ParamCounterWidget() { recount(); }
  void draw(float width, Facts& facts) override {
    const float label_w = 150.0f;
    // Whole numbers: the sliders round to their "%.0f" format.
    bool changed = slider_row("param_counter", "image side N", "##size", &size_, 8, 64, label_w, width, "%.0f");
    changed |= slider_row("param_counter", "channels C", "##channels", &channels_, 1, 3, label_w, width, "%.0f");
    changed |= slider_row("param_counter", "filters F", "##filters", &filters_, 1, 64, label_w, width, "%.0f");
    changed |= slider_row("param_counter", "kernel K (K×K)", "##kernel", &kernel_, 1, 7, label_w, width, "%.0f");
    if (changed) {
      recount();
      ++actions_;
    }
    const int n = static_cast<int>(size_), c = static_cast<int>(channels_), f = static_cast<int>(filters_), k = static_cast<int>(kernel_);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kNeutral);
    if (counts_.out_side <= 0) {
      ImGui::TextWrapped("A %d×%d kernel does not fit a %d×%d image.", k, k, n, n);
    } else {
      const int m = counts_.out_side;
      ImGui::TextWrapped("Convolution: output %d maps of %d×%d (N − K + 1 = %d).", f, m, m, m);
      ImGui::TextWrapped("  parameters F·(K·K·C + 1) = %d·(%d·%d·%d + 1) = %s", f, k, k, c, with_thousands(counts_.conv_params).c_str());
      ImGui::TextWrapped("  connections (multiply-adds) = %s", with_thousands(counts_.conv_connections).c_str());
      ImGui::TextWrapped("Dense layer with the same %s outputs: (C·N·N + 1)·%s = %s parameters",
                         with_thousands(static_cast<long long>(f) * m * m).c_str(), with_thousands(static_cast<long long>(f) * m * m).c_str(),
                         with_thousands(counts_.dense_params).c_str());
      ImGui::TextWrapped("The dense layer needs %.0f times as many parameters.",
                         static_cast<double>(counts_.dense_params) / static_cast<double>(counts_.conv_params));
    }
    ImGui::PopStyleColor();
    note_widget("param_counter.counts");
    publish(facts);
  }
  void publish(Facts& facts) const override {
    facts["params.input_side"] = static_cast<int>(size_);
    facts["params.channels"] = static_cast<int>(channels_);
    facts["params.filters"] = static_cast<int>(filters_);
    facts["params.kernel"] = static_cast<int>(kernel_);
    facts["params.output_side"] = counts_.out_side;
    facts["params.conv"] = static_cast<double>(counts_.conv_params);
    facts["params.conv_connections"] = static_cast<double>(counts_.conv_connections);
    facts["params.dense"] = static_cast<double>(counts_.dense_params);
    facts["params.actions"] = actions_;
  }

 private:
  const char* name() const override { return "param_counter"; }
  std::vector<NumberInput> numbers() override {
    return {{"size", &size_, 8, 64}, {"channels", &channels_, 1, 3}, {"filters", &filters_, 1, 64}, {"kernel", &kernel_, 1, 7}};
  }
  void inputs_changed(bool) override { recount(); }
  void recount() {
    for (float* v : {&size_, &channels_, &filters_, &kernel_}) *v = static_cast<float>(static_cast<int>(*v));  // whole numbers
    const int n = static_cast<int>(size_), c = static_cast<int>(channels_), f = static_cast<int>(filters_), k = static_cast<int>(kernel_);
    counts_ = Counts{};
    ModelSpec conv;
    conv.input.channels = c;
    conv.input.height = conv.input.width = n;
    conv.input.features = c * n * n;
    LayerSpec layer;
    layer.kind = LayerSpec::Kind::Conv2D;
    layer.units = f;
    layer.kernel_h = layer.kernel_w = k;
    conv.layers = {layer};
    const std::vector<LayerSummary> rows = summarize(conv);
    if (rows.empty()) return;
    counts_.conv_params = rows[0].parameters;
    counts_.conv_connections = rows[0].connections;
    counts_.out_side = n - k + 1;
    ModelSpec dense;
    dense.input.features = c * n * n;
    LayerSpec d;
    d.kind = LayerSpec::Kind::Dense;
    d.units = f * counts_.out_side * counts_.out_side;
    dense.layers = {d};
    const std::vector<LayerSummary> dense_rows = summarize(dense);
    counts_.dense_params = dense_rows.empty() ? 0 : dense_rows[0].parameters;
  }

  float size_ = 28, channels_ = 1, filters_ = 8, kernel_ = 3;
  Counts counts_;
};

}  // namespace

std::unique_ptr<TutorialWidget> make_param_counter_widget() { return std::make_unique<ParamCounterWidget>(); }

}  // namespace layerlab::ui
