// check_expression_test.cpp: step checks parse, evaluate and print as docs/tutorial-format.md says.
#include "check_expression.h"

#include <gtest/gtest.h>

#include <cmath>

namespace layerlab::tutorial {
namespace {

CheckExpression parsed(const std::string& text) {
  CheckExpression c;
  std::string error;
  EXPECT_TRUE(parse_check_expression(text, &c, &error)) << error;
  return c;
}

std::string refusal(const std::string& text) {
  CheckExpression c;
  std::string error;
  EXPECT_FALSE(parse_check_expression(text, &c, &error)) << text;
  EXPECT_TRUE(c.terms.empty());
  return error;
}

TEST(CheckExpression, ParsesComparisonsJoinedByAnd) {
  const CheckExpression c = parsed("conv.output_width == 3 and lab.test_accuracy >= 0.85 and x.y_z != -1e-3");
  ASSERT_EQ(c.terms.size(), 3u);
  EXPECT_EQ(c.terms[0].fact, "conv.output_width");
  EXPECT_EQ(c.terms[0].op, CompareOp::Equal);
  EXPECT_EQ(c.terms[1].op, CompareOp::GreaterEqual);
  EXPECT_DOUBLE_EQ(c.terms[1].value, 0.85);
  EXPECT_DOUBLE_EQ(c.terms[2].value, -1e-3);
  EXPECT_EQ(format_check(c), "conv.output_width == 3 and lab.test_accuracy >= 0.85 and x.y_z != -0.001");
}

TEST(CheckExpression, RefusesWhatIsNotTheGrammar) {
  EXPECT_NE(refusal("").find("empty"), std::string::npos);
  EXPECT_NE(refusal("conv.output_width ==").find("incomplete"), std::string::npos);
  EXPECT_NE(refusal("width == 3").find("not a fact name"), std::string::npos);
  EXPECT_NE(refusal("Conv.width == 3").find("not a fact name"), std::string::npos);
  EXPECT_NE(refusal("conv.width = 3").find("not a comparison"), std::string::npos);
  EXPECT_NE(refusal("conv.width == three").find("not a number"), std::string::npos);
  EXPECT_NE(refusal("conv.width == inf").find("not a number"), std::string::npos);
  EXPECT_NE(refusal("a.b == 1 or c.d == 2").find("expected 'and'"), std::string::npos);
  EXPECT_NE(refusal("a.b == 1 and").find("incomplete"), std::string::npos);
}

TEST(CheckExpression, EvaluatesEveryOperatorAndNamesAMissingFact) {
  const std::map<std::string, double> facts = {{"a.x", 3.0}, {"a.acc", 0.8499999}, {"a.nan", NAN}};
  std::string missing;
  EXPECT_EQ(evaluate_check(parsed("a.x == 3 and a.x <= 3 and a.x >= 3 and a.x < 4 and a.x > 2 and a.x != 4"), facts, &missing),
            CheckOutcome::Passed);
  EXPECT_EQ(evaluate_check(parsed("a.acc >= 0.85"), facts, &missing), CheckOutcome::Passed);  // within 1e-6
  EXPECT_EQ(evaluate_check(parsed("a.acc >= 0.86"), facts, &missing), CheckOutcome::Failed);
  EXPECT_EQ(evaluate_check(parsed("a.x == 3 and a.x < 3"), facts, &missing), CheckOutcome::Failed);
  EXPECT_EQ(evaluate_check(parsed("a.nan != 1"), facts, &missing), CheckOutcome::Failed);  // not computed yet
  EXPECT_EQ(evaluate_check(parsed("a.x == 3 and b.y == 1"), facts, &missing), CheckOutcome::UnknownFact);
  EXPECT_EQ(missing, "b.y");
}

}  // namespace
}  // namespace layerlab::tutorial
