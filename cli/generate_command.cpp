// generate_command.cpp: `layerlab generate`: words sampled from a next-character model trained on `words`.
#include <cstdio>

#include "commands.h"
#include "model_file.h"
#include "text_sampler.h"

namespace layerlab::cli {

int generate_command(int argc, char** argv) {
  const char* usage = "layerlab generate MODEL.llm [--count N] [--temperature T] [--seed N]";
  const Args args(argc, argv, 2, {"--help"});
  if (args.has("--help")) {
    std::printf("usage: %s\n  Samples words one character at a time from a model trained with --data words\n"
                "  (e.g. --layers \"lstm 128 sequences, dense 27\"). Temperature below 1 (default 0.8) picks likelier\n"
                "  letters, above 1 more surprising ones.\n", usage);
    return 0;
  }
  args.allow_only({"--count", "--temperature", "--seed", "--help"});
  if (args.positional().size() != 1) fail(std::string("usage: ") + usage);
  LoadedModel m;
  std::string error;
  if (!load_model(args.positional()[0], &m, &error)) fail(error);
  const int steps = m.spec.input.steps;
  if (steps < 2) fail(args.positional()[0] + " was not trained on sequences: generate needs a model trained with --data words");
  const int count = static_cast<int>(args.integer("--count", 20, 1, 100000));
  const float temperature = static_cast<float>(args.number("--temperature", 0.8, 0.01, 100.0));
  Rng rng(static_cast<uint64_t>(args.integer("--seed", 1, 0, 4294967295LL)));
  Workspace ws(m.network, 1);
  for (int i = 0; i < count; ++i) std::printf("%s\n", sample_word(m.network, ws, steps, temperature, rng).c_str());
  return 0;
}

}  // namespace layerlab::cli
