// info_command.cpp: `layerlab info`: the layer table (output shapes, parameters, connections) of a model
// file, or of a --layers list on an --input shape.
#include <cstdio>
#include <cstdlib>

#include "commands.h"
#include "model_file.h"

namespace layerlab::cli {

namespace {
// "784", "1x28x28" (channels x height x width) or "28x28" (a sequence: steps x features)
InputShape parse_input(const std::string& text) {
  InputShape s;
  int c = 0, h = 0, w = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%dx%dx%d%c", &c, &h, &w, &tail) == 3 && c > 0 && h > 0 && w > 0 && c <= 4096 && h <= 4096 &&
      w <= 4096) {
    s.channels = c;
    s.height = h;
    s.width = w;
    s.features = c * h * w;
    return s;
  }
  int t = 0, f2 = 0;
  if (std::sscanf(text.c_str(), "%dx%d%c", &t, &f2, &tail) == 2) {  // a sequence: T steps of F features
    if (t < 1) fail("--input " + text + ": a sequence needs at least 1 step");
    if (f2 < 1) fail("--input " + text + ": each step needs at least 1 feature");
    if (static_cast<long long>(t) * f2 > kMaxUnits * 16LL) fail("--input " + text + ": at most " + std::to_string(kMaxUnits * 16) + " values");
    s.steps = t;
    s.features = t * f2;
    return s;
  }
  char* end = nullptr;
  const long f = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || f < 1 || f > kMaxUnits * 16L) fail("--input must be a feature count, CxHxW (an image, e.g. 1x28x28) or TxF (a sequence, e.g. 28x28)");
  s.features = static_cast<int>(f);
  return s;
}
}  // namespace

int info_command(int argc, char** argv) {
  const char* usage = "layerlab info MODEL.llm | layerlab info --layers TEXT --input N|CxHxW|TxF";
  const Args args(argc, argv, 2, {"--help"});
  if (args.has("--help")) {
    std::printf("usage: %s\n", usage);
    return 0;
  }
  args.allow_only({"--layers", "--input", "--help"});
  ModelSpec spec;
  if (args.positional().size() == 1) {
    LoadedModel model;
    std::string error;
    if (!load_model(args.positional()[0], &model, &error)) fail(error);
    spec = model.spec;
    std::printf("%s: trained on %s for %d epochs (%lld steps), seed %llu, learning rate %g, batch %d, %s", args.positional()[0].c_str(),
                model.meta.dataset.c_str(), model.meta.epoch, static_cast<long long>(model.meta.step),
                static_cast<unsigned long long>(model.meta.seed), static_cast<double>(model.meta.learning_rate),
                model.meta.batch_size, loss_name(model.meta.loss));
    if (model.optimizer) std::printf(", %s (%ld updates)", optimizer_name(model.optimizer->kind()), model.optimizer->steps());
    std::printf("\n");
  } else if (args.has("--layers") && args.has("--input") && args.positional().empty()) {
    spec.input = parse_input(args.text("--input", ""));
    std::string error;
    if (!parse_layers(args.text("--layers", ""), &spec.layers, &error)) fail("--layers: " + error);
    const std::string problem = validate_spec(spec);
    if (!problem.empty()) fail("--layers: " + problem);
  } else {
    fail(std::string("usage: ") + usage);
  }
  std::printf("%s", summary_table(spec).c_str());
  return 0;
}

}  // namespace layerlab::cli
