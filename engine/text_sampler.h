// text_sampler.h: sample_word, drawing words one character at a time from a next-character model (the `words` set).
#pragma once
#include <string>

#include "network.h"
#include "rng.h"

namespace layerlab {

// The network maps (steps, 27) one-hot characters to (steps, 27) next-character logits (sequence_datasets.h's
// framing: '.' starts and ends a word). Starting from '.', each character is drawn from softmax(logits / T) at
// the last filled step and fed back in, until '.' comes out or `steps` − 1 characters are written.
// Temperature T > 0: below 1 picks likelier characters (safer, more repetitive), above 1 more surprising ones.
// `prefix` (letters a-z, at most `steps` − 2) is written first and the word continues it; the result starts
// with the prefix. `ws` must hold at least one example. Throws std::invalid_argument when the network's shape
// is not that of a next-character model or the prefix has characters outside the vocabulary or is too long.
std::string sample_word(const Network& net, Workspace& ws, int steps, float temperature, Rng& rng,
                        const std::string& prefix = "");

}  // namespace layerlab
