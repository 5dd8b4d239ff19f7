// fuzz_lab_recipe.cpp: libFuzzer target for the URL-hash decoders (the models workspace's decode_lab_recipe and the playground's decode_playground_recipe): what decodes encodes and decodes back the same.
#include <cstdint>
#include <string>

#include "lab_recipe.h"
#include "playground_recipe.h"

namespace {
// Decodes `text`; a refusal must say why, and an accepted recipe must survive encode -> decode unchanged.
template <typename Recipe, typename Decode, typename Encode>
void check_round_trip(const std::string& text, Decode decode, Encode encode) {
  Recipe recipe;
  std::string error;
  if (!decode(text, &recipe, &error)) {
    if (error.empty()) __builtin_trap();
    return;
  }
  const std::string encoded = encode(recipe);
  Recipe again;
  if (!decode(encoded, &again, &error) || encode(again) != encoded) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_round_trip<LabRecipe>(text, decode_lab_recipe, encode_lab_recipe);
  check_round_trip<PlaygroundRecipe>(text, decode_playground_recipe, encode_playground_recipe);
  return 0;
}
