// layerlab.cpp: `layerlab`, the command-line trainer: train, eval, predict, info, generate. Exit codes: 0 success,
// 2 bad input (with one line saying what is wrong).
#include <cstdio>
#include <cstring>
#include <exception>

#include "commands.h"

namespace {
void usage(FILE* out) {
  std::fprintf(out,
               "usage: layerlab COMMAND [options]   (layerlab COMMAND --help for each)\n"
               "  train    train a model on a dataset, print progress, write a model file\n"
               "  eval     accuracy, per-class accuracy and confusion matrix of a model on a dataset\n"
               "  predict  a model's predicted classes for the examples of a CSV, .lds or IDX file\n"
               "  info     the layer table of a model file or of a --layers list\n"
               "  generate words sampled from a next-character model (trained on --data words)\n");
}
}  // namespace

int main(int argc, char** argv) {
  using namespace layerlab::cli;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    usage(stdout);
    return 0;
  }
  try {
    const std::string command = argv[1];
    if (command == "train") return train_command(argc, argv);
    if (command == "eval") return eval_command(argc, argv);
    if (command == "predict") return predict_command(argc, argv);
    if (command == "info") return info_command(argc, argv);
    if (command == "generate") return generate_command(argc, argv);
    usage(stderr);
    fail("unknown command '" + command + "'");
  } catch (const std::bad_alloc&) {
    fail("out of memory: the model or dataset is too large for this machine");
  } catch (const std::exception& e) {
    fail(e.what());
  }
}
