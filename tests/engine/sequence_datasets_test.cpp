// sequence_datasets_test.cpp: memory task, char words, vega CSVs, windows, shape check, in-order split, catalog names.
#include "sequence_datasets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dataset_catalog.h"
#include "time_series.h"

namespace layerlab {
namespace {

std::string write_temp_file(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  EXPECT_NE(f, nullptr) << path;
  if (f) {
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  return path;
}

// The index of the one 1 among n values, or -1 when the values are not one-hot.
int one_hot_index(const float* v, int n) {
  int at = -1;
  float sum = 0.0f;
  for (int k = 0; k < n; ++k) {
    sum += v[k];
    if (v[k] == 1.0f) at = k;
    else if (v[k] != 0.0f) return -1;
  }
  return sum == 1.0f ? at : -1;
}

// ---------------------------------------------------------------- memory task
TEST(MemoryTask, ShapeAndLabelsMatchStepZero) {
  const int distractors = 5, symbols = 3;
  const Dataset d = make_memory_task(200, distractors, symbols, 7);
  ASSERT_EQ(check_sequence_shape(d), "");
  const int per_step = symbols + kMemoryDistractorSymbols;
  EXPECT_EQ(d.size(), 200);
  EXPECT_EQ(d.steps, distractors + 1);
  EXPECT_EQ(d.features, (distractors + 1) * per_step);
  EXPECT_EQ(d.classes, symbols);
  EXPECT_EQ(d.label_steps, 1);
  EXPECT_FALSE(d.is_regression());
  EXPECT_EQ(d.class_names.size(), 3u);
  for (int i = 0; i < d.size(); ++i) {
    const float* row = d.row(i);
    const int first = one_hot_index(row, per_step);
    ASSERT_GE(first, 0) << "example " << i << " step 0 is not one-hot";
    EXPECT_LT(first, symbols);
    EXPECT_EQ(d.y[static_cast<size_t>(i)], first);
    for (int t = 1; t < d.steps; ++t) {
      const int distractor = one_hot_index(row + t * per_step, per_step);
      ASSERT_GE(distractor, symbols) << "example " << i << " step " << t;
      EXPECT_LT(distractor, per_step);
    }
  }
}

TEST(MemoryTask, SameSeedSameSetOtherSeedOtherSet) {
  const Dataset a = make_memory_task(100, 10, 2, 42), b = make_memory_task(100, 10, 2, 42);
  const Dataset c = make_memory_task(100, 10, 2, 43);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  EXPECT_NE(a.x, c.x);
}

TEST(MemoryTask, TwoSymbolsAreRoughlyBalanced) {
  const Dataset d = make_memory_task(2000, 3, 2, 1);
  int ones = 0;
  for (int label : d.y) ones += label;
  EXPECT_GT(ones, 900);
  EXPECT_LT(ones, 1100);
}

TEST(MemoryTask, NoDistractorsIsOneStep) {
  const Dataset d = make_memory_task(10, 0, 2, 1);
  EXPECT_EQ(d.steps, 1);
  EXPECT_EQ(check_sequence_shape(d), "");
}

TEST(MemoryTask, BadArgumentsGiveAnEmptySetAndAMessage) {
  std::string error;
  EXPECT_EQ(make_memory_task(0, 5, 2, 1, &error).size(), 0);
  EXPECT_EQ(error, "the memory task needs at least 1 sequence (asked for 0)");
  EXPECT_EQ(make_memory_task(10, -1, 2, 1, &error).size(), 0);
  EXPECT_EQ(error, "the memory task's distractor count must be 0 or more (got -1)");
  EXPECT_EQ(make_memory_task(10, 5, 1, 1, &error).size(), 0);
  EXPECT_EQ(error, "the memory task needs at least 2 symbols to remember (got 1)");
  EXPECT_EQ(make_memory_task(1000000, 100000, 2, 1, &error).size(), 0);
  EXPECT_NE(error.find("over 1 GB"), std::string::npos) << error;
  EXPECT_EQ(make_memory_task(0, 5, 2, 1).size(), 0);  // no error pointer: still no crash
}

// ---------------------------------------------------------------- characters and words
TEST(CharVocabulary, DotThenLetters) {
  EXPECT_EQ(char_vocabulary(), ".abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(index_of('.'), 0);
  EXPECT_EQ(index_of('a'), 1);
  EXPECT_EQ(index_of('z'), 26);
  EXPECT_EQ(index_of('A'), -1);
  EXPECT_EQ(index_of('\''), -1);
  for (int i = 0; i < kCharVocabularySize; ++i) EXPECT_EQ(index_of(char_of(i)), i);
  EXPECT_EQ(char_of(-1), '?');
  EXPECT_EQ(char_of(27), '?');
}

TEST(CharDataset, CatIsFramedAsDotCatThenCatDotWithDotPadding) {
  const int steps = 6;
  const Dataset d = make_char_dataset({"cat", "hello"}, steps);
  ASSERT_EQ(check_sequence_shape(d), "");
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.steps, steps);
  EXPECT_EQ(d.features, steps * 27);
  EXPECT_EQ(d.classes, 27);
  EXPECT_EQ(d.label_steps, steps);
  ASSERT_EQ(d.class_names.size(), 27u);
  EXPECT_EQ(d.class_names[0], ".");
  EXPECT_EQ(d.class_names[3], "c");
  std::string input, target;
  for (int t = 0; t < steps; ++t) {
    const int k = one_hot_index(d.row(0) + t * 27, 27);
    ASSERT_GE(k, 0) << "step " << t << " is not one-hot";
    input += char_of(k);
    target += char_of(d.labels(0)[t]);
  }
  EXPECT_EQ(input, ".cat..");
  EXPECT_EQ(target, "cat...");
  input.clear();
  target.clear();
  for (int t = 0; t < steps; ++t) {
    input += char_of(one_hot_index(d.row(1) + t * 27, 27));
    target += char_of(d.labels(1)[t]);
  }
  EXPECT_EQ(input, ".hello");  // the longest word that fits: steps - 1 letters
  EXPECT_EQ(target, "hello.");
}

TEST(CharDataset, BadWordsAndStepsAreNamed) {
  std::string error;
  EXPECT_EQ(make_char_dataset({"cat", "kitten"}, 6, &error).size(), 0);
  EXPECT_EQ(error,
            "the word 'kitten' has 6 letters: with 6 steps each word needs 1 to 5 (one step goes to the '.' that frames it)");
  EXPECT_EQ(make_char_dataset({"Cat"}, 6, &error).size(), 0);
  EXPECT_EQ(error, "the word 'Cat' has a character outside a-z");
  EXPECT_EQ(make_char_dataset({""}, 6, &error).size(), 0);
  EXPECT_NE(error.find("the word ''"), std::string::npos) << error;
  EXPECT_EQ(make_char_dataset({}, 6, &error).size(), 0);
  EXPECT_EQ(error, "there are no words to make a character dataset from");
  EXPECT_EQ(make_char_dataset({"a"}, 1, &error).size(), 0);
  EXPECT_EQ(error, "next-character framing needs at least 2 steps (got 1)");
}

TEST(WordList, KeepsLowercaseAsciiWordsOfTwoToMaxLetters) {
  const std::string path = write_temp_file("layerlab_words_test.txt",
      "cat\nDog\ndon't\ncat's\nI\na\nzebra\nelephants\ncaf\xC3\xA9\nok\r\nab1\n\n  \nxy");
  std::vector<std::string> words;
  std::string error;
  ASSERT_TRUE(load_word_list(path, 5, &words, &error)) << error;
  EXPECT_EQ(words, std::vector<std::string>({"cat", "zebra", "ok", "xy"}));
  ASSERT_TRUE(load_word_list(path, 9, &words, &error)) << error;
  EXPECT_EQ(words, std::vector<std::string>({"cat", "zebra", "elephants", "ok", "xy"}));
}

TEST(WordList, ErrorsSayWhatIsWrong) {
  std::vector<std::string> words;
  std::string error;
  EXPECT_FALSE(load_word_list(::testing::TempDir() + "layerlab_no_such_words.txt", 10, &words, &error));
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
  const std::string path = write_temp_file("layerlab_words_none_kept.txt", "Dog\ndon't\nI\n");
  EXPECT_FALSE(load_word_list(path, 10, &words, &error));
  EXPECT_EQ(error, path + " has no word of 2 to 10 lowercase letters a-z (one word a line; words with capitals, "
                          "apostrophes or accents are skipped)");
  EXPECT_FALSE(load_word_list(path, 1, &words, &error));
  EXPECT_EQ(error, "the longest word kept must be at least 2 letters (got 1)");
}

// ---------------------------------------------------------------- vega temperatures
TEST(VegaTemps, ReadsSeattleAndSfColumnOrders) {
  std::vector<float> series;
  std::string error;
  const std::string seattle = write_temp_file(
      "layerlab_seattle_test.csv", "date,temp\n2010/01/01 00:00,39.4\n2010/01/01 01:00,39.2\r\n\n2010/01/01 02:00,-3");
  ASSERT_TRUE(load_vega_temps(seattle, &series, &error)) << error;
  EXPECT_EQ(series, std::vector<float>({39.4f, 39.2f, -3.0f}));
  const std::string sf =
      write_temp_file("layerlab_sf_test.csv", "temp,date\n47.8,2010/01/01 00:00:00\n47.4,2010/01/01 01:00:00\n");
  ASSERT_TRUE(load_vega_temps(sf, &series, &error)) << error;
  EXPECT_EQ(series, std::vector<float>({47.8f, 47.4f}));
}

TEST(VegaTemps, MalformedRowsNameTheirLine) {
  std::vector<float> series;
  std::string error;
  const std::string bad_number = write_temp_file("layerlab_temps_bad_number.csv",
                                                 "date,temp\n2010/01/01 00:00,39.4\n2010/01/01 01:00,3x9\n");
  EXPECT_FALSE(load_vega_temps(bad_number, &series, &error));
  EXPECT_EQ(error, bad_number + ", line 3: the temp '3x9' is not a number");
  const std::string short_row = write_temp_file("layerlab_temps_short_row.csv", "date,temp\n2010/01/01 00:00\n");
  EXPECT_FALSE(load_vega_temps(short_row, &series, &error));
  EXPECT_EQ(error, short_row + ", line 2: expected 2 comma-separated fields, found 1 in '2010/01/01 00:00'");
  const std::string empty_temp = write_temp_file("layerlab_temps_empty.csv", "date,temp\n2010/01/01 00:00,\n");
  EXPECT_FALSE(load_vega_temps(empty_temp, &series, &error));
  EXPECT_EQ(error, empty_temp + ", line 2: the temp '' is not a number");
  const std::string no_temp = write_temp_file("layerlab_temps_no_temp.csv", "date,value\n2010/01/01 00:00,1\n");
  EXPECT_FALSE(load_vega_temps(no_temp, &series, &error));
  EXPECT_EQ(error, no_temp + ", line 1: the header 'date,value' has no 'temp' column (expected vega's 'date,temp')");
  const std::string header_only = write_temp_file("layerlab_temps_header_only.csv", "date,temp\n");
  EXPECT_FALSE(load_vega_temps(header_only, &series, &error));
  EXPECT_EQ(error, header_only + " has a header but no rows");
  const std::string empty = write_temp_file("layerlab_temps_empty_file.csv", "");
  EXPECT_FALSE(load_vega_temps(empty, &series, &error));
  EXPECT_EQ(error, empty + " is empty");
  EXPECT_FALSE(load_vega_temps(::testing::TempDir() + "layerlab_no_such_temps.csv", &series, &error));
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
}

// ---------------------------------------------------------------- windows
TEST(WindowDataset, FirstAndLastWindowsAndTheirTargets) {
  std::vector<float> series;
  for (int i = 0; i < 10; ++i) series.push_back(10.0f + static_cast<float>(i));
  std::string error;
  const Dataset d = make_window_dataset(series, 3, 2, &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(check_sequence_shape(d), "");
  EXPECT_EQ(d.size(), 10 - 3 - 2 + 1);
  EXPECT_EQ(d.steps, 3);
  EXPECT_EQ(d.features, 3);
  EXPECT_EQ(d.target_width, 1);
  EXPECT_TRUE(d.is_regression());
  EXPECT_TRUE(d.y.empty());
  EXPECT_EQ(std::vector<float>(d.row(0), d.row(0) + 3), std::vector<float>({10, 11, 12}));
  EXPECT_EQ(d.target(0)[0], 14.0f);  // 2 steps after the window's last value (12)
  EXPECT_EQ(std::vector<float>(d.row(5), d.row(5) + 3), std::vector<float>({15, 16, 17}));
  EXPECT_EQ(d.target(5)[0], 19.0f);
  const Dataset exact = make_window_dataset(series, 9, 1, &error);
  EXPECT_EQ(exact.size(), 1);
  EXPECT_EQ(exact.target(0)[0], 19.0f);
}

TEST(WindowDataset, ErrorsSayWhatIsWrong) {
  std::string error;
  EXPECT_EQ(make_window_dataset({}, 3, 1, &error).size(), 0);
  EXPECT_EQ(error, "the series is empty: there is nothing to make windows from");
  const std::vector<float> series(300, 1.0f);
  EXPECT_EQ(make_window_dataset(series, 0, 1, &error).size(), 0);
  EXPECT_EQ(error, "the window must hold at least 1 value (got 0)");
  EXPECT_EQ(make_window_dataset(series, 3, 0, &error).size(), 0);
  EXPECT_EQ(error, "the horizon must be at least 1 step after the window (got 0)");
  EXPECT_EQ(make_window_dataset(series, 500, 1, &error).size(), 0);
  EXPECT_EQ(error, "a window of 500 values with horizon 1 needs at least 501 values; the series has 300");
  EXPECT_EQ(make_window_dataset(series, 299, 2, &error).size(), 0);
  EXPECT_EQ(error, "a window of 299 values with horizon 2 needs at least 301 values; the series has 300");
  std::vector<float> with_nan(series);
  with_nan[7] = std::nanf("");
  EXPECT_EQ(make_window_dataset(with_nan, 3, 1, &error).size(), 0);
  EXPECT_EQ(error, "value 7 of the series is not a finite number");
}

TEST(StandardizeSeries, UsesTheFirstValuesOnlyAndRoundTrips) {
  std::vector<float> series = {1.0f, 2.0f, 3.0f, 100.0f};
  const SeriesScale scale = standardize_series(&series, 3);
  EXPECT_FLOAT_EQ(scale.mean, 2.0f);
  EXPECT_FLOAT_EQ(scale.stddev, std::sqrt(2.0f / 3.0f));
  EXPECT_FLOAT_EQ(series[0], -1.0f / std::sqrt(2.0f / 3.0f));
  EXPECT_FLOAT_EQ(series[1], 0.0f);
  EXPECT_FLOAT_EQ(scale.to_original(series[3]), 100.0f);
  std::vector<float> flat(5, 4.0f);
  const SeriesScale flat_scale = standardize_series(&flat, 0);
  EXPECT_EQ(flat_scale.stddev, 1.0f);
  EXPECT_EQ(flat, std::vector<float>(5, 0.0f));
}

// ---------------------------------------------------------------- shape check and split
TEST(CheckSequenceShape, NamesEachProblem) {
  Dataset d = make_memory_task(4, 2, 2, 1);
  ASSERT_EQ(check_sequence_shape(d), "");
  Dataset flat = d;
  flat.steps = 0;
  EXPECT_EQ(check_sequence_shape(flat), "not a sequence set: steps is 0 (must be 1 or more)");
  Dataset uneven = d;
  uneven.steps = 7;  // 30 features
  EXPECT_EQ(check_sequence_shape(uneven), "30 features do not divide into 7 steps of equal width");
  Dataset empty = d;
  empty.x.clear();
  empty.y.clear();
  EXPECT_EQ(check_sequence_shape(empty), "the set has no sequences");
  Dataset ragged = d;
  ragged.x.pop_back();
  EXPECT_EQ(check_sequence_shape(ragged), "x holds 119 values, not a whole number of 30-value sequences");
  Dataset missing_label = d;
  missing_label.y.pop_back();
  EXPECT_EQ(check_sequence_shape(missing_label), "3 labels for 4 sequences (expected 4: 1 per sequence)");
  Dataset chars = make_char_dataset({"ab", "cd"}, 4);
  chars.label_steps = 1;
  EXPECT_EQ(check_sequence_shape(chars), "8 labels for 2 sequences (expected 2: 1 per sequence)");
  std::string error;
  Dataset windows = make_window_dataset({1, 2, 3, 4, 5}, 2, 1, &error);
  ASSERT_EQ(check_sequence_shape(windows), "");
  windows.targets.pop_back();
  EXPECT_EQ(check_sequence_shape(windows), "2 targets for 3 sequences (expected 3: 1 per sequence)");
}

TEST(SplitInOrder, KeepsOrderAndEveryShapeField) {
  std::vector<float> series;
  for (int i = 0; i < 14; ++i) series.push_back(static_cast<float>(i));
  std::string error;
  const Dataset windows = make_window_dataset(series, 3, 1, &error);  // 11 windows, targets 3..13
  const TrainTestSplit split = split_in_order(windows, 0.8f);
  EXPECT_EQ(split.train.size(), 9);
  EXPECT_EQ(split.test.size(), 2);
  EXPECT_EQ(split.train.target(0)[0], 3.0f);
  EXPECT_EQ(split.train.target(8)[0], 11.0f);
  EXPECT_EQ(split.test.target(0)[0], 12.0f);  // the future is only in the test part
  EXPECT_EQ(split.test.row(0)[0], 9.0f);
  EXPECT_EQ(check_sequence_shape(split.train), "");
  EXPECT_EQ(check_sequence_shape(split.test), "");
  EXPECT_EQ(split.test.steps, 3);
  EXPECT_EQ(split.test.target_width, 1);

  const Dataset chars = make_char_dataset({"ab", "cd", "ef"}, 4);
  const TrainTestSplit char_split = split_in_order(chars, 0.5f);
  EXPECT_EQ(char_split.train.size(), 2);
  EXPECT_EQ(char_split.test.size(), 1);
  EXPECT_EQ(char_split.test.label_steps, 4);
  EXPECT_EQ(char_split.test.class_names.size(), 27u);
  EXPECT_EQ(check_sequence_shape(char_split.test), "");
  EXPECT_EQ(char_of(char_split.test.labels(0)[0]), 'e');
}

// ---------------------------------------------------------------- catalog names
TEST(SequenceCatalog, MemoryIsSeededAndSplit8000To2000) {
  DatasetRequest request;
  request.name = "memory";
  request.seed = 3;
  DatasetPair pair;
  std::string error;
  ASSERT_TRUE(load_dataset_pair(request, &pair, &error)) << error;
  EXPECT_EQ(pair.train.size(), 8000);
  EXPECT_EQ(pair.test.size(), 2000);
  EXPECT_EQ(pair.train.steps, 31);
  EXPECT_EQ(pair.train.features, 31 * (2 + kMemoryDistractorSymbols));
  EXPECT_EQ(pair.train.classes, 2);
  EXPECT_EQ(check_sequence_shape(pair.test), "");
  EXPECT_NE(pair.title.find("8000 training, 2000 test sequences of 31 steps x 10 features"), std::string::npos)
      << pair.title;
  DatasetPair again;
  ASSERT_TRUE(load_dataset_pair(request, &again, &error)) << error;
  EXPECT_EQ(again.test.x, pair.test.x);

  request.name = "memory-4";
  ASSERT_TRUE(load_dataset_pair(request, &pair, &error)) << error;
  EXPECT_EQ(pair.train.steps, 5);
  for (const char* bad : {"memory-101", "memory-x", "memory-"}) {
    request.name = bad;
    EXPECT_FALSE(load_dataset_pair(request, &pair, &error)) << bad;
    EXPECT_EQ(error, "'" + std::string(bad) + "': memory-N takes N from 0 to 100 distractors (e.g. memory-10; "
                                             "plain memory has 30)");
  }
}

TEST(SequenceCatalog, TemperaturesComeFromTheVegaDirBesideTheDataDirSplitInTimeOrder) {
  const std::string root = ::testing::TempDir() + "layerlab_catalog_test";
  mkdir(root.c_str(), 0755);
  mkdir((root + "/data").c_str(), 0755);
  mkdir((root + "/src").c_str(), 0755);
  mkdir((root + "/src/vega-data").c_str(), 0755);
  std::string csv = "date,temp\n";
  for (int i = 0; i < 100; ++i) csv += "2010/01/01 00:00," + std::to_string(i) + "\n";
  write_temp_file("layerlab_catalog_test/src/vega-data/sf-temps.csv", csv);
  DatasetRequest request;
  request.name = "sf-temps";
  request.data_dir = root + "/data";
  DatasetPair pair;
  std::string error;
  ASSERT_TRUE(load_dataset_pair(request, &pair, &error)) << error;
  EXPECT_EQ(pair.train.size() + pair.test.size(), 100 - 24);
  EXPECT_EQ(pair.train.size(), 61);  // round(0.8 * 76)
  EXPECT_EQ(pair.train.steps, 24);
  EXPECT_EQ(pair.train.features, 24);
  EXPECT_EQ(pair.train.target_width, 1);
  EXPECT_EQ(check_sequence_shape(pair.train), "");
  // Standardised with the first 80 values (mean 39.5): train's first target is hour 24, test's first is hour 85.
  const float stddev = std::sqrt((80.0f * 80.0f - 1.0f) / 12.0f);
  EXPECT_NEAR(pair.train.target(0)[0], (24.0f - 39.5f) / stddev, 1e-5f);
  EXPECT_NEAR(pair.test.target(0)[0], (85.0f - 39.5f) / stddev, 1e-5f);
  EXPECT_NE(pair.title.find("degrees F = value * 23.1 + 39.5"), std::string::npos) << pair.title;
}

// The real files, when this machine has them (./lab setup installs wamerican and fetches vega's data).
TEST(SequenceCatalog, RealWordsAndSeattleTemperaturesWhenPresent) {
  std::FILE* words_file = std::fopen("/usr/share/dict/words", "rb");
  DatasetRequest request;
  DatasetPair pair;
  std::string error;
  request.name = "seattle-temps";
  const bool have_temps = load_dataset_pair(request, &pair, &error);
  if (!have_temps) {
    EXPECT_NE(error.find("python3-vega-datasets"), std::string::npos) << error;
  }
  if (!words_file && !have_temps) GTEST_SKIP() << "neither /usr/share/dict/words nor vega's seattle-temps.csv is here";
  if (have_temps) {
    EXPECT_EQ(pair.train.size() + pair.test.size(), 8759 - 24);  // 2010's hours less the one DST skips
    EXPECT_EQ(pair.train.steps, 24);
    EXPECT_EQ(check_sequence_shape(pair.test), "");
  }
  if (words_file) {
    std::fclose(words_file);
    request.name = "words";
    ASSERT_TRUE(load_dataset_pair(request, &pair, &error)) << error;
    EXPECT_EQ(pair.train.size(), 16000);
    EXPECT_EQ(pair.test.size(), 4000);
    EXPECT_EQ(pair.train.steps, 12);
    EXPECT_EQ(pair.train.label_steps, 12);
    EXPECT_EQ(pair.train.classes, 27);
    EXPECT_EQ(check_sequence_shape(pair.train), "");
  }
}

}  // namespace
}  // namespace layerlab
