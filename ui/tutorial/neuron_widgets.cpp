// neuron_widgets.cpp: tutorial 1's widgets. `neuron`: one neuron with two inputs, their weights, a bias and
// an activation, the weighted sum and the output written out with the numbers, and the activation's curve.
// `mlp_forward`: a forward pass through a 2-2-1 network with fixed weights (it computes XOR), every layer's
// numbers shown. Both compute with the engine's activation_forward, as the lab's layers do.
#include <cmath>
#include <cstdio>
#include <string>

#include "activation.h"
#include "basic_widget_inputs.h"
#include "basic_widgets.h"
#include "theme.h"
#include "widget_registry.h"

namespace layerlab::ui {

namespace {

const std::vector<const char*> kActivationNames = {"linear", "relu", "tanh", "sigmoid"};  // engine order

float activate(int activation, float z) {
  float y = 0.0f;
  activation_forward(static_cast<Activation>(activation), &z, &y, 1, 1);
  return y;
}

// The activation's curve over z in [-4, 4], with the neuron's current (z, output) marked.
void draw_activation_curve(int activation, float z, float out, float width) {
  const float h = 84.0f;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + width, o.y + h), palette::kBackground, 4.0f);
  const float lo = activation == 1 || activation == 0 ? -4.0f : -1.2f, hi = activation == 3 ? 1.2f : activation == 2 ? 1.2f : 4.0f;
  auto px = [&](float zz, float yy) {
    return ImVec2(o.x + (zz + 4.0f) / 8.0f * width, o.y + h - (std::fmin(std::fmax(yy, lo), hi) - lo) / (hi - lo) * h);
  };
  dl->AddLine(px(-4, 0), px(4, 0), palette::kBorder);
  dl->AddLine(px(0, lo), px(0, hi), palette::kBorder);
  ImVec2 prev = px(-4, activate(activation, -4));
  for (int i = 1; i <= 80; ++i) {
    const float zz = -4.0f + 8.0f * static_cast<float>(i) / 80.0f;
    const ImVec2 p = px(zz, activate(activation, zz));
    dl->AddLine(prev, p, palette::kBlue, 2.0f);
    prev = p;
  }
  if (z >= -4 && z <= 4) dl->AddCircleFilled(px(z, out), 5.0f, palette::kOrange);
  char label[64];
  std::snprintf(label, sizeof label, "%s(z), z from -4 to 4", kActivationNames[static_cast<size_t>(activation)]);
  dl->AddText(ImVec2(o.x + 6, o.y + 4), palette::kTextDim, label);
  ImGui::Dummy(ImVec2(width, h));
}

class NeuronWidget final : public InputsWidget {
 public:
  void draw(float width, Facts& facts) override {
    const float z = w1_ * x1_ + w2_ * x2_ + b_;
    const float out = activate(activation_, z);
    draw_diagram(width, z, out);
    bool changed = false;
    const float label_w = 28.0f;
    changed |= slider_row("neuron", "x₁", "##x1", &x1_, -2, 2, label_w, width);
    changed |= slider_row("neuron", "x₂", "##x2", &x2_, -2, 2, label_w, width);
    changed |= slider_row("neuron", "w₁", "##w1", &w1_, -3, 3, label_w, width);
    changed |= slider_row("neuron", "w₂", "##w2", &w2_, -3, 3, label_w, width);
    changed |= slider_row("neuron", "b", "##b", &b_, -3, 3, label_w, width);
    ImGui::TextUnformatted("f");
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(width - label_w);
    changed |= noted_combo("##activation", "neuron.activation", &activation_, kActivationNames.data(), static_cast<int>(kActivationNames.size()));
    if (changed) ++actions_;
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kNeutral);
    ImGui::TextWrapped("z = w₁·x₁ + w₂·x₂ + b = %.2f·%.2f + %.2f·%.2f + %.2f = %.3f", w1_, x1_, w2_, x2_, b_, z);
    ImGui::TextWrapped("output = %s(z) = %s(%.3f) = %.3f", kActivationNames[static_cast<size_t>(activation_)],
                       kActivationNames[static_cast<size_t>(activation_)], z, out);
    ImGui::PopStyleColor();
    note_widget("neuron.numbers");
    draw_activation_curve(activation_, z, out, width);
    note_widget("neuron.curve");
    publish(facts);
  }
  void publish(Facts& facts) const override {
    const float z = w1_ * x1_ + w2_ * x2_ + b_;
    facts["neuron.x1"] = x1_;
    facts["neuron.x2"] = x2_;
    facts["neuron.w1"] = w1_;
    facts["neuron.w2"] = w2_;
    facts["neuron.b"] = b_;
    facts["neuron.z"] = z;
    facts["neuron.output"] = activate(activation_, z);
    facts["neuron.activation"] = activation_;
    facts["neuron.actions"] = actions_;
  }

 private:
  const char* name() const override { return "neuron"; }
  std::vector<NumberInput> numbers() override {
    return {{"x1", &x1_, -2, 2}, {"x2", &x2_, -2, 2}, {"w1", &w1_, -3, 3}, {"w2", &w2_, -3, 3}, {"b", &b_, -3, 3}};
  }
  std::vector<ChoiceInput> choices() override { return {{"activation", &activation_, kActivationNames}}; }

  // Inputs on the left, the neuron in the middle, its output on the right; line width shows |weight|,
  // colour its sign (blue positive, orange negative).
  void draw_diagram(float width, float z, float out) const {
    const float h = 110.0f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 in1(o.x + 30, o.y + 28), in2(o.x + 30, o.y + h - 28), neuron(o.x + width * 0.55f, o.y + h * 0.5f),
        output(o.x + width - 40, o.y + h * 0.5f);
    auto edge = [&](ImVec2 a, float w) {
      dl->AddLine(a, neuron, w >= 0 ? palette::kBlue : palette::kOrange, 1.0f + 2.0f * std::fabs(w));
    };
    edge(in1, w1_);
    edge(in2, w2_);
    dl->AddLine(neuron, output, palette::kTextDim, 2.0f);
    char text[48];
    auto node = [&](ImVec2 c, float r, const char* label) {
      dl->AddCircleFilled(c, r, palette::kPanel);
      dl->AddCircle(c, r, palette::kNeutral, 0, 1.5f);
      const ImVec2 size = ImGui::CalcTextSize(label);
      dl->AddText(ImVec2(c.x - size.x * 0.5f, c.y - size.y * 0.5f), palette::kText, label);
    };
    std::snprintf(text, sizeof text, "%.2f", x1_);
    node(in1, 22, text);
    std::snprintf(text, sizeof text, "%.2f", x2_);
    node(in2, 22, text);
    std::snprintf(text, sizeof text, "w₁ = %.2f", w1_);
    dl->AddText(ImVec2((in1.x + neuron.x) * 0.5f - 30, (in1.y + neuron.y) * 0.5f - 20), palette::kTextDim, text);
    std::snprintf(text, sizeof text, "w₂ = %.2f", w2_);
    dl->AddText(ImVec2((in2.x + neuron.x) * 0.5f - 30, (in2.y + neuron.y) * 0.5f + 6), palette::kTextDim, text);
    std::snprintf(text, sizeof text, "z=%.2f", z);
    node(neuron, 30, text);
    std::snprintf(text, sizeof text, "+ b = %.2f", b_);
    dl->AddText(ImVec2(neuron.x - 28, neuron.y - 50), palette::kTextDim, text);
    std::snprintf(text, sizeof text, "%.3f", out);
    node(output, 26, text);
    ImGui::Dummy(ImVec2(width, h));
    note_widget("neuron.diagram");
  }

  float x1_ = 1.0f, x2_ = 0.5f, w1_ = 0.5f, w2_ = -1.0f, b_ = 0.0f;
  int activation_ = 1;
};

// A 2-2-1 network with fixed weights: h = relu(W₁x + b₁), output = sigmoid(W₂h + b₂). It computes XOR:
// h₁ = relu(x₁ + x₂) counts the inputs that are on, h₂ = relu(x₁ + x₂ − 1) fires only when both are, and
// the output 4·(h₁ − 2h₂) − 2 is positive exactly when one input is on.
class MlpForwardWidget final : public InputsWidget {
 public:
  void draw(float width, Facts& facts) override {
    bool changed = slider_row("mlp_forward", "x₁", "##x1", &x_[0], 0, 1, 28.0f, width);
    changed |= slider_row("mlp_forward", "x₂", "##x2", &x_[1], 0, 1, 28.0f, width);
    if (changed) {
      ++actions_;
      note_corner();
    }
    float h[2], out = 0.0f;
    forward(h, &out);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kNeutral);
    ImGui::TextWrapped("hidden: z₁ = 1·x₁ + 1·x₂ + 0 = %.2f,  h₁ = relu(z₁) = %.2f", x_[0] + x_[1], h[0]);
    ImGui::TextWrapped("        z₂ = 1·x₁ + 1·x₂ − 1 = %.2f,  h₂ = relu(z₂) = %.2f", x_[0] + x_[1] - 1.0f, h[1]);
    ImGui::TextWrapped("output: z = 4·h₁ − 8·h₂ − 2 = %.2f,  sigmoid(z) = %.3f", 4 * h[0] - 8 * h[1] - 2, out);
    ImGui::PopStyleColor();
    note_widget("mlp_forward.numbers");
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(out > 0.5f ? palette::kBlue : palette::kOrange),
                       out > 0.5f ? "The network says yes (output > 0.5)" : "The network says no (output ≤ 0.5)");
    ImGui::TextDisabled("Corners found where it says yes: %d of 2", corners_found());
    publish(facts);
  }
  void publish(Facts& facts) const override {
    float h[2], out = 0.0f;
    forward(h, &out);
    facts["mlp.x1"] = x_[0];
    facts["mlp.x2"] = x_[1];
    facts["mlp.h1"] = h[0];
    facts["mlp.h2"] = h[1];
    facts["mlp.output"] = out;
    facts["mlp.yes_corners"] = corners_found();
    facts["mlp.actions"] = actions_;
  }

 private:
  const char* name() const override { return "mlp_forward"; }
  std::vector<NumberInput> numbers() override { return {{"x1", &x_[0], 0, 1}, {"x2", &x_[1], 0, 1}}; }
  void inputs_changed(bool by_setup) override {
    if (by_setup) seen_ = 0;
    else note_corner();
  }
  void forward(float* h, float* out) const {
    const float z[2] = {x_[0] + x_[1], x_[0] + x_[1] - 1.0f};
    activation_forward(Activation::ReLU, z, h, 1, 2);
    const float zo = 4.0f * h[0] - 8.0f * h[1] - 2.0f;
    activation_forward(Activation::Sigmoid, &zo, out, 1, 1);
  }
  // Remembers each corner of the unit square (both inputs exactly 0 or 1) where the output is above 0.5.
  void note_corner() {
    for (float v : x_)
      if (v != 0.0f && v != 1.0f) return;
    float h[2], out = 0.0f;
    forward(h, &out);
    if (out > 0.5f) seen_ |= 1 << (static_cast<int>(x_[0]) * 2 + static_cast<int>(x_[1]));
  }
  int corners_found() const {
    int found = 0;
    for (int k = 0; k < 4; ++k) found += (seen_ >> k) & 1;
    return found;
  }
  float x_[2] = {0.0f, 0.0f};
  int seen_ = 0;
};

}  // namespace

std::unique_ptr<TutorialWidget> make_neuron_widget() { return std::make_unique<NeuronWidget>(); }
std::unique_ptr<TutorialWidget> make_mlp_forward_widget() { return std::make_unique<MlpForwardWidget>(); }

}  // namespace layerlab::ui
