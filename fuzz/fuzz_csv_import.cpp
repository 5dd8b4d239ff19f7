// fuzz_csv_import.cpp: libFuzzer target for the CSV importer (import_csv) with the default options and with the first column as label.
#include <cstdint>
#include <string>

#include "csv_import.h"

namespace {
// An import either succeeds with a consistent dataset or fails with messages and an empty one.
void check(const layerlab::CsvImport& r) {
  const layerlab::Dataset& d = r.data;
  if (!r.ok()) {
    if (!d.x.empty() || !d.y.empty() || r.errors.size() > static_cast<size_t>(layerlab::kMaxCsvErrors) + 1) __builtin_trap();
    return;
  }
  if (d.features < 1 || d.x.size() != static_cast<size_t>(d.size()) * d.features || d.y.size() != static_cast<size_t>(d.size()))
    __builtin_trap();
  for (int label : d.y)
    if (label < 0 || label >= d.classes) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace layerlab;
  check(import_csv(data, size));
  CsvOptions first_column;
  first_column.label_index = 0;
  first_column.header = CsvHeader::Present;
  first_column.delimiter = ';';
  check(import_csv(data, size, first_column));
  return 0;
}
