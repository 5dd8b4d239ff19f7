// sequence_datasets.cpp: the memory task, word lists and next-character framing, check_sequence_shape.
#include "sequence_datasets.h"

#include <algorithm>
#include <cmath>

#include "byte_io.h"
#include "rng.h"

namespace layerlab {

namespace {
constexpr int64_t kMaxFloats = int64_t{1} << 28;  // 1 GB of features: beyond it a generated set is a typo

void set_error(std::string* error, const std::string& message) {
  if (error) *error = message;
}

bool is_word_letter(char c) { return c >= 'a' && c <= 'z'; }
}  // namespace

Dataset make_memory_task(int count, int distractors, int symbols, uint64_t seed, std::string* error) {
  if (count <= 0) {
    set_error(error, "the memory task needs at least 1 sequence (asked for " + std::to_string(count) + ")");
    return {};
  }
  if (distractors < 0) {
    set_error(error, "the memory task's distractor count must be 0 or more (got " + std::to_string(distractors) + ")");
    return {};
  }
  if (symbols < 2) {
    set_error(error, "the memory task needs at least 2 symbols to remember (got " + std::to_string(symbols) + ")");
    return {};
  }
  const int64_t steps = int64_t{distractors} + 1;
  const int64_t per_step = int64_t{symbols} + kMemoryDistractorSymbols;
  if (steps * per_step > kMaxFloats / count) {
    set_error(error, "a memory task of " + std::to_string(count) + " sequences of " + std::to_string(steps) +
                         " steps x " + std::to_string(per_step) + " features is over 1 GB: use fewer");
    return {};
  }
  Dataset d;
  d.steps = static_cast<int>(steps);
  d.features = static_cast<int>(steps * per_step);
  d.classes = symbols;
  for (int c = 0; c < symbols; ++c) d.class_names.push_back("symbol " + std::to_string(c));
  d.x.assign(static_cast<size_t>(count) * static_cast<size_t>(d.features), 0.0f);
  d.y.resize(static_cast<size_t>(count));
  Rng rng(seed);
  for (int i = 0; i < count; ++i) {
    float* row = d.x.data() + static_cast<size_t>(i) * static_cast<size_t>(d.features);
    const int symbol = static_cast<int>(rng.below(static_cast<uint32_t>(symbols)));
    row[symbol] = 1.0f;
    for (int64_t t = 1; t < steps; ++t)
      row[t * per_step + symbols + rng.below(static_cast<uint32_t>(kMemoryDistractorSymbols))] = 1.0f;
    d.y[static_cast<size_t>(i)] = symbol;
  }
  return d;
}

const std::string& char_vocabulary() {
  static const std::string vocabulary = ".abcdefghijklmnopqrstuvwxyz";
  return vocabulary;
}

char char_of(int index) {
  return index >= 0 && index < kCharVocabularySize ? char_vocabulary()[static_cast<size_t>(index)] : '?';
}

int index_of(char c) {
  if (c == '.') return 0;
  return is_word_letter(c) ? c - 'a' + 1 : -1;
}

bool load_word_list(const std::string& path, int max_len, std::vector<std::string>* words, std::string* error) {
  if (max_len < 2) {
    *error = "the longest word kept must be at least 2 letters (got " + std::to_string(max_len) + ")";
    return false;
  }
  std::vector<uint8_t> bytes;
  if (!read_whole_file(path, &bytes, error)) return false;
  words->clear();
  size_t start = 0;
  while (start < bytes.size()) {
    size_t end = start;
    while (end < bytes.size() && bytes[end] != '\n') ++end;
    size_t stop = end;
    if (stop > start && bytes[stop - 1] == '\r') --stop;  // CRLF files
    const size_t length = stop - start;
    bool keep = length >= 2 && length <= static_cast<size_t>(max_len);
    for (size_t k = start; keep && k < stop; ++k) keep = is_word_letter(static_cast<char>(bytes[k]));
    if (keep) words->emplace_back(reinterpret_cast<const char*>(bytes.data() + start), length);
    start = end + 1;
  }
  if (words->empty()) {
    *error = path + " has no word of 2 to " + std::to_string(max_len) +
             " lowercase letters a-z (one word a line; words with capitals, apostrophes or accents are skipped)";
    return false;
  }
  return true;
}

Dataset make_char_dataset(const std::vector<std::string>& words, int steps, std::string* error) {
  if (steps < 2) {
    set_error(error, "next-character framing needs at least 2 steps (got " + std::to_string(steps) + ")");
    return {};
  }
  if (words.empty()) {
    set_error(error, "there are no words to make a character dataset from");
    return {};
  }
  if (static_cast<int64_t>(steps) * kCharVocabularySize > kMaxFloats / static_cast<int64_t>(words.size())) {
    set_error(error, std::to_string(words.size()) + " words of " + std::to_string(steps) +
                         " steps make a character dataset over 1 GB: use fewer words or steps");
    return {};
  }
  for (const std::string& word : words) {
    if (word.empty() || word.size() > static_cast<size_t>(steps - 1)) {
      set_error(error, "the word '" + word + "' has " + std::to_string(word.size()) + " letters: with " +
                           std::to_string(steps) + " steps each word needs 1 to " + std::to_string(steps - 1) +
                           " (one step goes to the '.' that frames it)");
      return {};
    }
    for (char c : word) {
      if (!is_word_letter(c)) {
        set_error(error, "the word '" + word + "' has a character outside a-z");
        return {};
      }
    }
  }
  Dataset d;
  d.steps = steps;
  d.features = steps * kCharVocabularySize;
  d.classes = kCharVocabularySize;
  d.label_steps = steps;
  for (char c : char_vocabulary()) d.class_names.emplace_back(1, c);
  d.x.assign(words.size() * static_cast<size_t>(d.features), 0.0f);
  d.y.assign(words.size() * static_cast<size_t>(steps), 0);  // 0 is '.': the end token and the padding
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    float* row = d.x.data() + i * static_cast<size_t>(d.features);
    int* labels = d.y.data() + i * static_cast<size_t>(steps);
    for (int t = 0; t < steps; ++t) {
      // Input at step t: '.' at t = 0, word[t - 1] inside the word, '.' as padding after it.
      const int input = t >= 1 && t <= static_cast<int>(word.size()) ? index_of(word[static_cast<size_t>(t - 1)]) : 0;
      row[t * kCharVocabularySize + input] = 1.0f;
      // Label at step t: word[t] inside the word, then '.' (already 0) for its end and the padding.
      if (t < static_cast<int>(word.size())) labels[t] = index_of(word[static_cast<size_t>(t)]);
    }
  }
  return d;
}

std::string check_sequence_shape(const Dataset& data) {
  if (data.steps <= 0) return "not a sequence set: steps is " + std::to_string(data.steps) + " (must be 1 or more)";
  if (data.features <= 0) return "the sequences have no features (features is " + std::to_string(data.features) + ")";
  if (data.features % data.steps != 0)
    return std::to_string(data.features) + " features do not divide into " + std::to_string(data.steps) +
           " steps of equal width";
  if (data.x.size() % static_cast<size_t>(data.features) != 0)
    return "x holds " + std::to_string(data.x.size()) + " values, not a whole number of " +
           std::to_string(data.features) + "-value sequences";
  const size_t n = static_cast<size_t>(data.size());
  if (n == 0) return "the set has no sequences";
  if (data.is_regression()) {
    if (!data.y.empty())
      return "a regression set (target_width " + std::to_string(data.target_width) + ") has class labels";
    if (data.targets.size() != n * static_cast<size_t>(data.target_width))
      return std::to_string(data.targets.size()) + " targets for " + std::to_string(n) + " sequences (expected " +
             std::to_string(n * static_cast<size_t>(data.target_width)) + ": " + std::to_string(data.target_width) +
             " per sequence)";
    return "";
  }
  if (data.label_steps <= 0) return "label_steps is " + std::to_string(data.label_steps) + " (must be 1 or more)";
  if (data.y.size() != n * static_cast<size_t>(data.label_steps))
    return std::to_string(data.y.size()) + " labels for " + std::to_string(n) + " sequences (expected " +
           std::to_string(n * static_cast<size_t>(data.label_steps)) + ": " + std::to_string(data.label_steps) +
           " per sequence)";
  return "";
}

}  // namespace layerlab
