// text_sampler.cpp: sample_word, feeding each drawn character back into the whole prefix.
#include "text_sampler.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "sequence_datasets.h"

namespace layerlab {

std::string sample_word(const Network& net, Workspace& ws, int steps, float temperature, Rng& rng,
                        const std::string& prefix) {
  const int v = kCharVocabularySize;
  if (steps < 2 || net.input_features() != steps * v || net.output_features() != steps * v)
    throw std::invalid_argument("this model is not a next-character model of " + std::to_string(steps) + " steps over 27 characters");
  if (!(temperature > 0.0f)) throw std::invalid_argument("the temperature must be above 0");
  if (static_cast<int>(prefix.size()) > steps - 2)
    throw std::invalid_argument("the prompt '" + prefix + "' is longer than " + std::to_string(steps - 2) + " letters");
  std::vector<float> x(static_cast<size_t>(steps * v), 0.0f);
  for (int t = 0; t < steps; ++t) x[static_cast<size_t>(t * v)] = 1.0f;  // '.' everywhere: the start, then padding
  std::string word;
  for (char c : prefix) {  // written after the start '.', as if drawn
    const int k = index_of(c);
    if (k <= 0) throw std::invalid_argument(std::string("the prompt may hold only the letters a-z, not '") + c + "'");
    word += c;
    const size_t t = word.size();
    x[t * v] = 0.0f;
    x[t * v + static_cast<size_t>(k)] = 1.0f;
  }
  std::vector<double> p(static_cast<size_t>(v));
  for (int t = static_cast<int>(word.size()); t + 1 < steps; ++t) {
    // Recomputing the prefix each time keeps this independent of the layers' internals; words are short.
    const float* logits = net.forward(ws, x.data(), 1) + static_cast<size_t>(t * v);
    const float top = *std::max_element(logits, logits + v);
    double total = 0.0;
    for (int k = 0; k < v; ++k) total += p[static_cast<size_t>(k)] = std::exp((logits[k] - top) / temperature);
    double u = rng.uniform(0.0f, 1.0f) * total;
    int pick = v - 1;
    for (int k = 0; k < v; ++k) {
      u -= p[static_cast<size_t>(k)];
      if (u < 0.0) {
        pick = k;
        break;
      }
    }
    if (pick == 0) break;  // '.': the word ends
    word += char_of(pick);
    x[static_cast<size_t>((t + 1) * v)] = 0.0f;
    x[static_cast<size_t>((t + 1) * v + pick)] = 1.0f;
  }
  return word;
}

}  // namespace layerlab
