// fuzz_model_spec_text.cpp: libFuzzer target for the model-spec text parser: parse, format round trip, validate on three inputs, build small ones.
#include <cstdint>
#include <string>
#include <vector>

#include "model_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<LayerSpec> layers;
  std::string error;
  if (!parse_layers(text, &layers, &error)) {
    if (error.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  // The formatted text parses back to the same text.
  const std::string formatted = format_layers(layers);
  std::vector<LayerSpec> reparsed;
  if (!parse_layers(formatted, &reparsed, &error) || format_layers(reparsed) != formatted) __builtin_trap();
  // A vector, an image and a sequence input: each spec is validated, summarised and, when small, built.
  const InputShape inputs[] = {InputShape{20}, InputShape{1 * 12 * 10, 1, 12, 10}, InputShape{6 * 4, 0, 0, 0, 6}};
  for (const InputShape& input : inputs) {
    ModelSpec spec{input, layers};
    if (!validate_spec(spec).empty()) continue;
    int64_t parameters = 0;
    for (const LayerSummary& row : summarize(spec)) parameters += row.parameters;
    if (parameters <= 200000) build_network(spec, 1);
  }
  return 0;
}
