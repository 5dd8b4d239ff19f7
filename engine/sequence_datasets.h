// sequence_datasets.h: sequence sets for recurrent networks (memory task, next-character words), shape check, split.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "dataset.h"

namespace layerlab {

// ---- The long-range memory task (generated, many-to-one classification)
// Each sequence has distractors + 1 steps. Step 0 is a one-hot class symbol in [0, symbols); each later step is
// a one-hot distractor drawn uniformly from a separate alphabet of kMemoryDistractorSymbols symbols. A step's
// features are [class symbols | distractor symbols], so features per step = symbols + kMemoryDistractorSymbols.
// The label is the step-0 symbol: the network must carry it across every distractor (chance = 1 / symbols).
// Class symbols and distractors are drawn uniformly with Rng(seed): the same set for a seed on every platform.
constexpr int kMemoryDistractorSymbols = 8;
// Empty Dataset and *error set (when given) for count <= 0, distractors < 0, symbols < 2, or a set over 1 GB.
Dataset make_memory_task(int count, int distractors, int symbols, uint64_t seed, std::string* error = nullptr);

// ---- Character-level words (next-character prediction, many-to-many classification)
// Vocabulary: '.' (index 0, the start and end token) then 'a'..'z' (indices 1..26).
constexpr int kCharVocabularySize = 27;
const std::string& char_vocabulary();  // ".abcdefghijklmnopqrstuvwxyz"
char char_of(int index);               // '?' outside [0, 27)
int index_of(char c);                  // -1 for a character outside the vocabulary

// Reads a word list (one word a line, e.g. /usr/share/dict/words from Debian's wamerican), keeping the words
// of 2..max_len lowercase ASCII letters a-z; words with apostrophes, capitals, digits or non-ASCII bytes are
// dropped. File order is kept. False with *error when the file cannot be read, max_len < 2, or no word is kept.
bool load_word_list(const std::string& path, int max_len, std::vector<std::string>* words, std::string* error);

// One example per word, framed for next-character prediction over `steps` steps:
//   input  ".word" then '.' padding up to `steps` (one-hot rows, features = steps * 27)
//   labels "word." then '.' padding up to `steps` (label_steps = steps, one class per step, classes = 27)
// so at step t the network sees the t-th character and must name the next one. Padding positions (after the
// closing '.') have input '.' and label '.': they keep every example the same length, and they are trivially
// predictable ('.' after '.'), so per-step accuracy over all positions overstates how well words are spelt.
// Each word needs length <= steps - 1. Empty Dataset and *error set (when given) for steps < 2, no words, or a
// word that is too long or has a character outside a-z (the message names the word).
Dataset make_char_dataset(const std::vector<std::string>& words, int steps, std::string* error = nullptr);

// ---- Shared helpers
// "" when `data` is a well-formed sequence set, else what is wrong: steps <= 0, no examples, features not
// divisible by steps, x not a whole number of rows, or the labels (y, or targets for regression) not matching
// size() * label_steps (size() * target_width).
std::string check_sequence_shape(const Dataset& data);


}  // namespace layerlab
