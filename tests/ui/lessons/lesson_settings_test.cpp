// lesson_settings_test.cpp: the widgets' key=value readers accept what they document and name the key and
// the allowed values otherwise.
#include <gtest/gtest.h>

#include "tutorial/lesson_settings.h"

namespace layerlab::ui {
namespace {

TEST(LessonSettings, ReadsValuesAndExplainsBadOnes) {
  const WidgetSettings s = {{"stride", "2"}, {"kind", "mean"}, {"probe", "3,4"}, {"k", "1,0,-1,2,0,-2,1,0,-1"},
                            {"f", "0.95"}};
  std::string error;
  int stride = 1, kind = 0, x = 0, y = 0, absent = 7;
  double f = 0;
  std::vector<float> k;
  EXPECT_TRUE(read_int(s, "stride", 1, 3, &stride, &error));
  EXPECT_EQ(stride, 2);
  EXPECT_TRUE(read_int(s, "missing", 1, 3, &absent, &error));
  EXPECT_EQ(absent, 7);
  EXPECT_TRUE(read_choice(s, "kind", {"max", "mean", "sum"}, &kind, &error));
  EXPECT_EQ(kind, 1);
  EXPECT_TRUE(read_pair(s, "probe", 0, 9, &x, &y, &error));
  EXPECT_EQ(x * 10 + y, 34);
  EXPECT_TRUE(read_numbers(s, "k", 9, &k, &error));
  EXPECT_FLOAT_EQ(k[3], 2.0f);
  EXPECT_TRUE(read_number(s, "f", 0, 1, &f, &error));
  EXPECT_DOUBLE_EQ(f, 0.95);

  EXPECT_FALSE(read_int(s, "stride", 3, 3, &stride, &error));
  EXPECT_EQ(error, "stride=2: allowed a whole number in 3..3");
  EXPECT_FALSE(read_choice(s, "kind", {"max", "sum"}, &kind, &error));
  EXPECT_EQ(error, "kind=mean: allowed max, sum");
  EXPECT_FALSE(read_numbers(s, "k", 4, &k, &error));
  EXPECT_FALSE(read_pair({{"probe", "3"}}, "probe", 0, 9, &x, &y, &error));
  EXPECT_FALSE(read_int({{"n", "2x"}}, "n", 0, 9, &x, &error));
  EXPECT_FALSE(read_number({{"f", "nan"}}, "f", 0, 1, &f, &error));
  EXPECT_FALSE(only_known_keys(s, {"stride"}, "pool_explorer", &error));
  EXPECT_NE(error.find("pool_explorer has no setting"), std::string::npos) << error;
}

}  // namespace
}  // namespace layerlab::ui
