// fuzz_lab_recipe.cpp: libFuzzer target for the URL-hash recipe decoder (decode_lab_recipe): what decodes encodes and decodes back the same.
#include <cstdint>
#include <string>

#include "lab_recipe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  const std::string text(reinterpret_cast<const char*>(data), size);
  LabRecipe recipe;
  std::string error;
  if (!decode_lab_recipe(text, &recipe, &error)) {
    if (error.empty()) __builtin_trap();  // a refusal always says why
    return 0;
  }
  const std::string encoded = encode_lab_recipe(recipe);
  LabRecipe again;
  if (!decode_lab_recipe(encoded, &again, &error) || encode_lab_recipe(again) != encoded) __builtin_trap();
  return 0;
}
