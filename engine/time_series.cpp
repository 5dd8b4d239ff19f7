// time_series.cpp: the vega temperature CSV reader, standardize_series and make_window_dataset.
#include "time_series.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "byte_io.h"

namespace layerlab {

namespace {
// The comma-separated fields of one line, spaces around each trimmed (the vega files have no quoting).
std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    const size_t comma = line.find(',', start);
    const size_t end = comma == std::string::npos ? line.size() : comma;
    size_t a = start, b = end;
    while (a < b && (line[a] == ' ' || line[a] == '\t')) ++a;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t')) --b;
    fields.push_back(line.substr(a, b - a));
    if (comma == std::string::npos) return fields;
    start = comma + 1;
  }
}

bool parse_finite(const std::string& text, float* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(v) || std::fabs(v) > 3.0e38) return false;
  *out = static_cast<float>(v);
  return true;
}
}  // namespace

bool load_vega_temps(const std::string& csv_path, std::vector<float>* series, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!read_whole_file(csv_path, &bytes, error)) return false;
  series->clear();
  const std::string text(bytes.begin(), bytes.end());
  size_t start = 0;
  int line_number = 0;
  size_t field_count = 0, temp_column = 0;
  bool have_header = false;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // a UTF-8 byte order mark
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines
    const std::vector<std::string> fields = split_fields(line);
    const std::string where = csv_path + ", line " + std::to_string(line_number) + ": ";
    if (!have_header) {
      field_count = fields.size();
      temp_column = field_count;
      for (size_t c = 0; c < fields.size(); ++c)
        if (fields[c] == "temp") temp_column = c;
      if (temp_column == field_count) {
        *error = where + "the header '" + line + "' has no 'temp' column (expected vega's 'date,temp')";
        return false;
      }
      have_header = true;
      continue;
    }
    if (fields.size() != field_count) {
      *error = where + "expected " + std::to_string(field_count) + " comma-separated fields, found " +
               std::to_string(fields.size()) + " in '" + line + "'";
      return false;
    }
    float value = 0.0f;
    if (!parse_finite(fields[temp_column], &value)) {
      *error = where + "the temp '" + fields[temp_column] + "' is not a number";
      return false;
    }
    series->push_back(value);
  }
  if (series->empty()) {
    *error = csv_path + (have_header ? " has a header but no rows" : " is empty");
    return false;
  }
  return true;
}

SeriesScale standardize_series(std::vector<float>* series, size_t fit_count) {
  SeriesScale scale;
  if (fit_count == 0 || fit_count > series->size()) fit_count = series->size();
  if (fit_count == 0) return scale;
  double sum = 0.0;
  for (size_t i = 0; i < fit_count; ++i) sum += (*series)[i];
  const double mean = sum / static_cast<double>(fit_count);
  double squares = 0.0;
  for (size_t i = 0; i < fit_count; ++i) squares += ((*series)[i] - mean) * ((*series)[i] - mean);
  const double stddev = std::sqrt(squares / static_cast<double>(fit_count));
  scale.mean = static_cast<float>(mean);
  scale.stddev = stddev > 1e-12 ? static_cast<float>(stddev) : 1.0f;
  for (float& v : *series) v = scale.to_scaled(v);
  return scale;
}

Dataset make_window_dataset(const std::vector<float>& series, int window, int horizon, std::string* error) {
  if (series.empty()) {
    *error = "the series is empty: there is nothing to make windows from";
    return {};
  }
  if (window <= 0) {
    *error = "the window must hold at least 1 value (got " + std::to_string(window) + ")";
    return {};
  }
  if (horizon <= 0) {
    *error = "the horizon must be at least 1 step after the window (got " + std::to_string(horizon) + ")";
    return {};
  }
  const int64_t n = static_cast<int64_t>(series.size());
  const int64_t needed = int64_t{window} + horizon;
  if (needed > n) {
    *error = "a window of " + std::to_string(window) + " values with horizon " + std::to_string(horizon) +
             " needs at least " + std::to_string(needed) + " values; the series has " + std::to_string(n);
    return {};
  }
  for (size_t i = 0; i < series.size(); ++i) {
    if (!std::isfinite(series[i])) {
      *error = "value " + std::to_string(i) + " of the series is not a finite number";
      return {};
    }
  }
  const int64_t count = n - needed + 1;
  if (count * window > (int64_t{1} << 28)) {
    *error = std::to_string(count) + " windows of " + std::to_string(window) +
             " values are over 1 GB: use a smaller window";
    return {};
  }
  Dataset d;
  d.steps = window;
  d.features = window;
  d.target_width = 1;
  d.x.reserve(static_cast<size_t>(count * window));
  d.targets.reserve(static_cast<size_t>(count));
  for (int64_t i = 0; i < count; ++i) {
    d.x.insert(d.x.end(), series.begin() + static_cast<std::ptrdiff_t>(i),
               series.begin() + static_cast<std::ptrdiff_t>(i + window));
    d.targets.push_back(series[static_cast<size_t>(i + window - 1 + horizon)]);
  }
  return d;
}

}  // namespace layerlab
