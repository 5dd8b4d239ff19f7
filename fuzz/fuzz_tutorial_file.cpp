// fuzz_tutorial_file.cpp: libFuzzer target for the tutorial file parser and validator (ui/tutorial): any
// bytes give a tutorial or one error naming the file; a parsed step's check prints and parses back the same;
// the Markdown subset renders any step text; progress text decodes whatever it is given.
#include <cstdint>
#include <string>

#include "markdown_text.h"
#include "tutorial_catalog.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab::tutorial;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<CatalogEntry> catalog;
  add_tutorial(catalog, "tutorials/fuzz.md", text, {{"neuron", {"neuron.z", "neuron.actions"}}, {"conv_explorer", {"conv.output_width"}}});
  const CatalogEntry& e = catalog.front();
  if (!e.ok() && e.error.rfind("tutorials/fuzz.md", 0) != 0) __builtin_trap();
  if (e.ok()) {
    if (e.tutorial.steps.empty() || e.tutorial.title.empty()) __builtin_trap();
    for (const TutorialStep& s : e.tutorial.steps) {
      parse_markdown(s.text);
      if (s.check.empty()) continue;
      CheckExpression again;
      std::string error;
      if (!parse_check_expression(format_check(s.check), &again, &error) || again.terms.size() != s.check.terms.size())
        __builtin_trap();
    }
  }
  decode_progress(text);
  return 0;
}
