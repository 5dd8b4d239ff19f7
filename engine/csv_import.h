// csv_import.h: a user's CSV file as a Dataset (numeric features, one label column), with per-line errors.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dataset.h"

namespace layerlab {

enum class CsvHeader { Detect, Present, Absent };

struct CsvOptions {
  std::string label_column;  // the label column by its header name; empty: use label_index
  int label_index = -1;      // 0-based column; -1: the last column
  CsvHeader header = CsvHeader::Detect;
  char delimiter = ',';
};

constexpr int kMaxCsvErrors = 20;  // messages kept; the rest are counted in one last "and N more errors"
constexpr int kMaxCsvColumns = 1 << 16;  // columns per record: a record with more is refused before it is stored

struct CsvImport {
  Dataset data;                           // empty unless ok()
  bool has_header = false;
  std::vector<std::string> column_names;  // the header's, else "column 1", "column 2", ...
  int label_index = -1;                   // the label column, 0-based
  std::vector<std::string> errors;        // "line 14: column 3 ('petal width') is 'abc', not a number"
  bool ok() const { return errors.empty(); }
};

// Parses RFC 4180 CSV: quoted fields (with "" inside, and line breaks), \n or \r\n, empty lines skipped,
// spaces around unquoted fields ignored, a UTF-8 byte-order mark ignored. Refuses binary data (a control
// byte other than tab, CR, LF) before parsing. The header is detected when some column holds a non-number
// in the first row and a number in the second.
// Labels: when every label is an integer (-?[0-9]+) they are class indices if they are exactly 0..k-1,
// else mapped in ascending order; any other labels become classes in order of first appearance. The class
// names are the label texts. Any error leaves `data` empty.
CsvImport import_csv(const uint8_t* bytes, size_t size, const CsvOptions& options = {});

// Per feature: subtracts the train set's mean and divides by its standard deviation (1 where it is 0),
// in both sets. Both must have the same feature count.
void standardize_features(Dataset& train, Dataset& test);

// Divides every feature by `max_value` (16 for sklearn's digits, 255 for byte pixels written as numbers).
// Images read from .lds or IDX files are already in [0, 1].
void normalize_pixels(Dataset& data, float max_value);

}  // namespace layerlab
