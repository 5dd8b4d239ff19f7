// csv_import_test.cpp: CSV import: labels, header detection, quoting, line ends, per-line errors, scaling.
#include "csv_import.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace layerlab {
namespace {

CsvImport import_text(const std::string& text, const CsvOptions& options = {}) {
  return import_csv(reinterpret_cast<const uint8_t*>(text.data()), text.size(), options);
}

std::string all_errors(const CsvImport& r) {
  std::string s;
  for (const std::string& e : r.errors) s += e + "\n";
  return s;
}

TEST(CsvImport, StringLabelsBecomeClassesInOrderOfFirstAppearance) {
  const CsvImport r = import_text(
      "sepal length,sepal width,species\n5.1,3.5,setosa\n7.0,3.2,versicolor\n4.9,3.0,setosa\n6.3,3.3,virginica\n");
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_TRUE(r.has_header);
  EXPECT_EQ(r.column_names, std::vector<std::string>({"sepal length", "sepal width", "species"}));
  EXPECT_EQ(r.label_index, 2);
  EXPECT_EQ(r.data.features, 2);
  EXPECT_EQ(r.data.classes, 3);
  EXPECT_EQ(r.data.class_names, std::vector<std::string>({"setosa", "versicolor", "virginica"}));
  EXPECT_EQ(r.data.y, std::vector<int>({0, 1, 0, 2}));
  EXPECT_EQ(r.data.x, std::vector<float>({5.1f, 3.5f, 7.0f, 3.2f, 4.9f, 3.0f, 6.3f, 3.3f}));
}

TEST(CsvImport, IntegerLabelsAreIndicesWhenTheyAre0ToKMinus1) {
  const CsvImport r = import_text("1,2,1\n3,4,0\n5,6,2\n");
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_FALSE(r.has_header);
  EXPECT_EQ(r.column_names, std::vector<std::string>({"column 1", "column 2", "column 3"}));
  EXPECT_EQ(r.data.y, std::vector<int>({1, 0, 2}));
  EXPECT_EQ(r.data.class_names, std::vector<std::string>({"0", "1", "2"}));
}

TEST(CsvImport, OtherIntegerLabelsAreMappedInAscendingOrder) {
  const CsvImport r = import_text("0.5,3\n0.25,1\n1e3,-7\n2,3\n");
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_EQ(r.data.classes, 3);
  EXPECT_EQ(r.data.class_names, std::vector<std::string>({"-7", "1", "3"}));
  EXPECT_EQ(r.data.y, std::vector<int>({2, 1, 0, 2}));
  EXPECT_EQ(r.data.x, std::vector<float>({0.5f, 0.25f, 1000.0f, 2.0f}));
}

TEST(CsvImport, LabelColumnByNameOrIndex) {
  const std::string text = "kind,x,y\na,1,2\nb,3,4\n";
  CsvOptions by_name;
  by_name.label_column = "kind";
  const CsvImport r = import_text(text, by_name);
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_EQ(r.label_index, 0);
  EXPECT_EQ(r.data.x, std::vector<float>({1, 2, 3, 4}));
  CsvOptions by_index;
  by_index.label_index = 0;
  EXPECT_EQ(import_text(text, by_index).data.x, r.data.x);
  by_name.label_column = "colour";
  EXPECT_EQ(all_errors(import_text(text, by_name)), "there is no column named 'colour'\n");
  by_index.label_index = 3;
  EXPECT_EQ(all_errors(import_text(text, by_index)), "the label column 4 does not exist: the file has 3 columns\n");
}

TEST(CsvImport, HeaderDetection) {
  EXPECT_TRUE(import_text("a,b,label\n1,2,0\n3,4,1\n").has_header);
  EXPECT_FALSE(import_text("1,2,cat\n3,4,dog\n").has_header);  // text only where every row has text
  CsvOptions absent;
  absent.header = CsvHeader::Absent;
  const CsvImport forced = import_text("a,b,label\n1,2,0\n", absent);
  EXPECT_FALSE(forced.ok());
  EXPECT_EQ(forced.errors.front(), "line 1: column 1 is 'a', not a number");
}

TEST(CsvImport, QuotedFieldsCrlfEmptyLinesAndByteOrderMark) {
  const CsvImport r = import_text(
      "\xEF\xBB\xBF\"width, cm\",\"height\",\"label\"\r\n"
      "\r\n"
      "\"1.5\", 2 ,\"big, \"\"red\"\"\"\r\n"
      "3,4,\"two\r\nlines\"\r\n"
      "\r\n5,6,plain\r\n");
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_EQ(r.column_names, std::vector<std::string>({"width, cm", "height", "label"}));
  EXPECT_EQ(r.data.class_names, std::vector<std::string>({"big, \"red\"", "two\r\nlines", "plain"}));
  EXPECT_EQ(r.data.x, std::vector<float>({1.5f, 2, 3, 4, 5, 6}));
}

TEST(CsvImport, PerLineErrorsNameTheLineAndColumn) {
  const CsvImport r = import_text(
      "sepal length,sepal width,petal width,species\n"
      "1,2,3,a\n"
      "\n"
      "1,2,abc,b\n"
      "1,,3,b\n"
      "1,2,3\n"
      "1,2,3,4,c\n"
      "nan,2,3,c\n"
      "1,2,3,\n");
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.data.x.empty());
  EXPECT_EQ(all_errors(r),
            "line 4: column 3 ('petal width') is 'abc', not a number\n"
            "line 5: column 2 ('sepal width') is empty\n"
            "line 6: 3 columns, expected 4 as in the header\n"
            "line 7: 5 columns, expected 4 as in the header\n"
            "line 8: column 1 ('sepal length') is 'nan', not a number\n"
            "line 9: the label column 4 ('species') is empty\n");
}

TEST(CsvImport, ErrorsStopAtTwentyThenCount) {
  std::string text = "x,label\n";
  for (int i = 0; i < 25; ++i) text += "oops,1\n";
  const CsvImport r = import_text(text);
  ASSERT_EQ(r.errors.size(), 21u);
  EXPECT_EQ(r.errors[0], "line 2: column 1 ('x') is 'oops', not a number");
  EXPECT_EQ(r.errors[19], "line 21: column 1 ('x') is 'oops', not a number");
  EXPECT_EQ(r.errors[20], "and 5 more errors");
}

TEST(CsvImport, QuotingProblems) {
  EXPECT_EQ(all_errors(import_text("a,b\n1,\"never closed\n2,3\n")), "line 2: a quoted field is never closed\n");
  EXPECT_EQ(all_errors(import_text("a,b\n1,2\n3,\"x\"y\n")), "line 3: column 2 has text after its closing quote\n");
}

TEST(CsvImport, BinaryAndEmptyFilesAreRefused) {
  const std::string blob("1,2,3\nPK\x03\x04\x00\x00", 12);
  EXPECT_EQ(all_errors(import_text(blob)), "this is not a CSV text file: byte 0x03 at offset 8\n");
  const std::string nul("a,b,c\n1,2\0", 10);
  EXPECT_EQ(all_errors(import_text(nul)), "this is not a CSV text file: byte 0x00 at offset 9\n");
  EXPECT_EQ(all_errors(import_text("")), "the file is empty\n");
  EXPECT_EQ(all_errors(import_text("\r\n\n\n")), "the file is empty\n");
  EXPECT_EQ(all_errors(import_text("a,b,label\n")), "the file has a header row but no data rows\n");
  EXPECT_EQ(all_errors(import_text("1\n2\n")), "line 1 has 1 column; a dataset needs feature columns and a label\n");
}

// A wall of delimiters would otherwise become one stored string per column before any check.
TEST(CsvImport, RecordsWiderThanTheColumnLimitAreRefused) {
  std::string widest = "0";
  for (int j = 1; j < kMaxCsvColumns; ++j) widest += ",0";
  const CsvImport fits = import_text(widest + "\n" + widest + "\n");
  ASSERT_TRUE(fits.ok()) << all_errors(fits);
  EXPECT_EQ(fits.data.features, kMaxCsvColumns - 1);
  const CsvImport r = import_text("1,2\n3,4" + std::string(3 * kMaxCsvColumns, ',') + "\n5,6\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.errors, std::vector<std::string>({"line 2 has more than 65536 columns; the limit is 65536 columns"}));
  EXPECT_TRUE(r.data.x.empty());
}

TEST(CsvImport, SemicolonDelimiter) {
  CsvOptions options;
  options.delimiter = ';';
  const CsvImport r = import_text("x;y;c\n1.5;2;yes\n3;4;no\n", options);
  ASSERT_TRUE(r.ok()) << all_errors(r);
  EXPECT_EQ(r.data.x, std::vector<float>({1.5f, 2, 3, 4}));
}

TEST(CsvImport, StandardizeUsesTheTrainStatisticsForBoth) {
  Dataset train, test;
  train.features = test.features = 2;
  train.x = {1, 10, 3, 10, 5, 10};  // column 0: mean 3, sd sqrt(8/3); column 1 constant
  train.y = {0, 0, 0};
  test.x = {3, 12};
  test.y = {0};
  standardize_features(train, test);
  const float sd = std::sqrt(8.0f / 3.0f);
  EXPECT_NEAR(train.x[0], -2.0f / sd, 1e-6f);
  EXPECT_NEAR(train.x[2], 0.0f, 1e-6f);
  EXPECT_NEAR(train.x[1], 0.0f, 1e-6f);
  EXPECT_NEAR(test.x[0], 0.0f, 1e-6f);
  EXPECT_NEAR(test.x[1], 2.0f, 1e-6f);  // centred on the train mean, not divided by a zero deviation
}

TEST(CsvImport, NormalizePixelsDividesByTheMaximum) {
  Dataset d;
  d.x = {0, 8, 16};
  normalize_pixels(d, 16.0f);
  EXPECT_EQ(d.x, std::vector<float>({0.0f, 0.5f, 1.0f}));
}

}  // namespace
}  // namespace layerlab
