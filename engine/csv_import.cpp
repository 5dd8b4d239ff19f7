// csv_import.cpp: the CSV tokenizer, header detection, label mapping and the feature scaling helpers.
#include "csv_import.h"

#include <algorithm>
#include <cassert>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "dataset_file.h"

namespace layerlab {

namespace {
// Splits the text into records of fields, reusing the field strings (no allocation once they are grown).
class CsvReader {
 public:
  CsvReader(const char* begin, const char* end, char delimiter) : p_(begin), end_(end), delimiter_(delimiter) {}

  // The next non-empty record, false at the end. `problem` is set when the record is malformed.
  bool next(std::vector<std::string>& fields, size_t& count, int& line, std::string& problem) {
    problem.clear();
    while (p_ < end_) {
      line = line_;
      count = 0;
      bool quoted_any = false;
      for (;;) {
        if (count == static_cast<size_t>(kMaxCsvColumns)) {  // a wall of delimiters must not become millions of strings
          problem = "line " + std::to_string(line) + " has more than " + std::to_string(kMaxCsvColumns) +
                    " columns; the limit is " + std::to_string(kMaxCsvColumns) + " columns";
          p_ = end_;
          return true;
        }
        if (count == fields.size()) fields.emplace_back();
        std::string& field = fields[count++];
        field.clear();
        skip_spaces();
        if (p_ < end_ && *p_ == '"') {
          quoted_any = true;
          if (!read_quoted(field, problem)) return true;
          skip_spaces();
          if (p_ < end_ && *p_ != delimiter_ && *p_ != '\n' && *p_ != '\r' && problem.empty())
            problem = "line " + std::to_string(line) + ": column " + std::to_string(count) +
                      " has text after its closing quote";
          while (p_ < end_ && *p_ != delimiter_ && *p_ != '\n' && *p_ != '\r') ++p_;
        } else {
          const char* start = p_;
          while (p_ < end_ && *p_ != delimiter_ && *p_ != '\n' && *p_ != '\r') ++p_;
          const char* stop = p_;
          while (stop > start && (stop[-1] == ' ' || stop[-1] == '\t')) --stop;
          field.assign(start, stop);
        }
        if (p_ < end_ && *p_ == delimiter_) {
          ++p_;
          continue;
        }
        end_line();
        break;
      }
      if (count == 1 && fields[0].empty() && !quoted_any) continue;  // an empty line
      return true;
    }
    return false;
  }

 private:
  void skip_spaces() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t')) ++p_;
  }
  void end_line() {
    if (p_ < end_ && *p_ == '\r') ++p_;
    if (p_ < end_ && *p_ == '\n') ++p_;
    ++line_;
  }
  bool read_quoted(std::string& field, std::string& problem) {
    const int opened = line_;
    for (++p_; p_ < end_; ++p_) {
      if (*p_ == '"') {
        if (p_ + 1 < end_ && p_[1] == '"') {
          field.push_back('"');
          ++p_;
          continue;
        }
        ++p_;
        return true;
      }
      if (*p_ == '\n') ++line_;
      field.push_back(*p_);
    }
    problem = "line " + std::to_string(opened) + ": a quoted field is never closed";
    return false;
  }

  const char* p_;
  const char* end_;
  char delimiter_;
  int line_ = 1;
};

// A finite float written in decimal: digits, sign, point, exponent (no hex, inf or nan).
bool parse_number(const std::string& text, float* out) {
  if (text.empty() || text.size() > 63) return false;
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '+' && c != '-' && c != '.' && c != 'e' && c != 'E') return false;
  }
  if (!digit) return false;
  char* stop = nullptr;
  const double v = std::strtod(text.c_str(), &stop);
  if (stop != text.c_str() + text.size() || !std::isfinite(v) || std::fabs(v) > FLT_MAX) return false;
  *out = static_cast<float>(v);
  return true;
}

bool is_integer(const std::string& text, long long* out) {
  size_t i = text.size() > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size() || text.size() - i > 9) return false;  // up to 9 digits: fits any int
  for (size_t k = i; k < text.size(); ++k)
    if (text[k] < '0' || text[k] > '9') return false;
  *out = std::strtoll(text.c_str(), nullptr, 10);
  return true;
}

std::string shown(const std::string& text) {
  return text.size() <= 40 ? text : text.substr(0, 40) + "...";
}

// Collects messages: the first kMaxCsvErrors, then a count.
struct ErrorList {
  std::vector<std::string>* kept;
  int total = 0;
  void add(const std::string& message) {
    if (++total <= kMaxCsvErrors) kept->push_back(message);
  }
  void finish() {
    if (total > kMaxCsvErrors) kept->push_back("and " + std::to_string(total - kMaxCsvErrors) + " more errors");
  }
};

// Byte 0x00 and the other control bytes but tab, CR and LF never appear in a CSV text file.
bool refuse_binary(const uint8_t* bytes, size_t size, std::string* message) {
  for (size_t i = 0; i < size; ++i) {
    const uint8_t b = bytes[i];
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
      char text[96];
      std::snprintf(text, sizeof text, "this is not a CSV text file: byte 0x%02X at offset %zu", b, i);
      *message = text;
      return true;
    }
  }
  return false;
}

// A header when some column holds text in the first record and a number in the second; with one record,
// when every field is text.
bool looks_like_header(const std::vector<std::string>& first, bool has_second, const std::vector<std::string>& second) {
  float number = 0;
  size_t text_fields = 0;
  for (size_t j = 0; j < first.size(); ++j) {
    if (parse_number(first[j], &number)) continue;
    ++text_fields;
    if (has_second && j < second.size() && parse_number(second[j], &number)) return true;
  }
  return !has_second && text_fields == first.size();
}

// Labels as read (first-appearance ids) -> class indices and names.
void assign_classes(const std::vector<std::string>& texts, Dataset& d) {
  std::vector<long long> values(texts.size());
  bool integers = true;
  for (size_t k = 0; k < texts.size() && integers; ++k) integers = is_integer(texts[k], &values[k]);
  if (!integers) {
    d.classes = static_cast<int>(texts.size());
    d.class_names = texts;
    return;
  }
  std::vector<long long> sorted = values;  // "1" and "01" are one class
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<int> index_of_id(texts.size());
  for (size_t k = 0; k < texts.size(); ++k)
    index_of_id[k] = static_cast<int>(std::lower_bound(sorted.begin(), sorted.end(), values[k]) - sorted.begin());
  for (int& label : d.y) label = index_of_id[static_cast<size_t>(label)];
  d.classes = static_cast<int>(sorted.size());
  d.class_names.clear();
  for (long long v : sorted) d.class_names.push_back(std::to_string(v));  // 0..k-1 when they were indices
}
}  // namespace

CsvImport import_csv(const uint8_t* bytes, size_t size, const CsvOptions& options) {
  CsvImport result;
  ErrorList errors{&result.errors};
  std::string problem;
  if (refuse_binary(bytes, size, &problem)) {
    errors.add(problem);
    return result;
  }
  const size_t skip = size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
  const char* text = reinterpret_cast<const char*>(bytes);
  CsvReader reader(text + skip, text + size, options.delimiter);

  // The first two records decide the header; then every record streams through the same fields.
  std::vector<std::string> fields, first, second;
  size_t count = 0;
  int line = 0, first_line = 0, second_line = 0;
  if (!reader.next(fields, count, first_line, problem)) {
    errors.add("the file is empty");
    return result;
  }
  first.assign(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(count));
  const std::string first_problem = problem;
  const bool has_second = reader.next(fields, count, second_line, problem);
  if (has_second) second.assign(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(count));
  const std::string second_problem = problem;

  const size_t columns = first.size();
  const bool header = options.header == CsvHeader::Detect ? looks_like_header(first, has_second, second)
                                                          : options.header == CsvHeader::Present;
  result.has_header = header;
  for (size_t j = 0; j < columns; ++j)
    result.column_names.push_back(header ? first[j] : "column " + std::to_string(j + 1));
  if (columns < 2) {
    errors.add("line " + std::to_string(first_line) + " has 1 column; a dataset needs feature columns and a label");
    return result;
  }

  int label = options.label_index < 0 ? static_cast<int>(columns) - 1 : options.label_index;
  if (!options.label_column.empty()) {
    const auto found = std::find(result.column_names.begin(), result.column_names.end(), options.label_column);
    if (!header || found == result.column_names.end()) {
      errors.add("there is no column named '" + options.label_column + "'" +
                 (header ? "" : " (the file has no header row)"));
      return result;
    }
    label = static_cast<int>(found - result.column_names.begin());
  }
  if (label >= static_cast<int>(columns)) {
    errors.add("the label column " + std::to_string(label + 1) + " does not exist: the file has " +
               std::to_string(columns) + " columns");
    return result;
  }
  result.label_index = label;

  Dataset& d = result.data;
  d.features = static_cast<int>(columns) - 1;
  std::unordered_map<std::string, int> id_of_label;
  std::vector<std::string> label_texts;
  const std::string expected = std::to_string(columns) + (header ? " as in the header" : " as in line 1");
  float number = 0;
  bool too_large = false;
  auto column_name = [&result, header](int j) {
    const size_t k = static_cast<size_t>(j);
    return "column " + std::to_string(j + 1) + (header ? " ('" + shown(result.column_names[k]) + "')" : std::string());
  };
  auto take = [&](const std::vector<std::string>& f, size_t n, int at, const std::string& malformed) {
    auto where = [at] { return "line " + std::to_string(at) + ": "; };
    if (!malformed.empty()) return errors.add(malformed);
    if (n != columns)
      return errors.add(where() + std::to_string(n) + " columns, expected " + expected);
    if (d.y.size() >= kMaxDatasetExamples || (d.y.size() + 1) * d.features > kMaxDatasetFeatureValues) {
      if (!too_large)
        errors.add(where() + "the dataset is larger than LayerLab's limits (" + std::to_string(kMaxDatasetExamples) +
                   " examples, " + std::to_string(kMaxDatasetFeatureValues) + " feature values)");
      too_large = true;
      return;
    }
    const size_t row_start = d.x.size();
    for (size_t j = 0; j < n; ++j) {
      if (static_cast<int>(j) == label) continue;
      if (parse_number(f[j], &number)) {
        d.x.push_back(number);
        continue;
      }
      d.x.resize(row_start);
      return errors.add(where() + column_name(static_cast<int>(j)) +
                        (f[j].empty() ? " is empty" : " is '" + shown(f[j]) + "', not a number"));
    }
    const std::string& text = f[static_cast<size_t>(label)];
    auto found = id_of_label.find(text);
    if (found == id_of_label.end()) {
      const char* bad = text.size() > kMaxClassNameBytes           ? "is longer than 255 bytes"
                        : !is_valid_utf8(text)                     ? "is not UTF-8 text"
                        : label_texts.size() >= kMaxDatasetClasses ? "is one class too many (the limit is 65535)"
                                                                   : nullptr;
      if (text.empty() || bad) {
        d.x.resize(row_start);
        if (text.empty()) return errors.add(where() + "the label " + column_name(label) + " is empty");
        return errors.add(where() + "the label '" + shown(text) + "' " + bad);
      }
      found = id_of_label.emplace(text, static_cast<int>(label_texts.size())).first;
      label_texts.push_back(text);
    }
    d.y.push_back(found->second);
  };
  if (!header) take(first, first.size(), first_line, first_problem);
  else if (!first_problem.empty()) errors.add(first_problem);
  if (has_second) take(second, second.size(), second_line, second_problem);
  while (!too_large && reader.next(fields, count, line, problem)) take(fields, count, line, problem);

  if (errors.total == 0 && d.y.empty()) errors.add("the file has a header row but no data rows");
  errors.finish();
  if (errors.total > 0) {
    result.data = Dataset();
    return result;
  }
  assign_classes(label_texts, d);
  return result;
}

void standardize_features(Dataset& train, Dataset& test) {
  assert(train.features == test.features || test.x.empty());
  const size_t f = static_cast<size_t>(train.features), n = static_cast<size_t>(train.size());
  if (f == 0 || n == 0) return;
  std::vector<double> mean(f, 0.0), var(f, 0.0);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < f; ++j) mean[j] += train.x[i * f + j];
  for (double& m : mean) m /= static_cast<double>(n);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < f; ++j) var[j] += (train.x[i * f + j] - mean[j]) * (train.x[i * f + j] - mean[j]);
  std::vector<double> scale(f);  // 1 / standard deviation
  for (size_t j = 0; j < f; ++j) {
    const double sd = std::sqrt(var[j] / static_cast<double>(n));
    scale[j] = sd > 1e-12 ? 1.0 / sd : 1.0;
  }
  for (Dataset* d : {&train, &test})
    for (size_t i = 0; i < d->x.size(); ++i)
      d->x[i] = static_cast<float>((d->x[i] - mean[i % f]) * scale[i % f]);
}

void normalize_pixels(Dataset& data, float max_value) {
  for (float& v : data.x) v /= max_value;
}

}  // namespace layerlab
