// check_expression.h: a step's check, `fact OP number` comparisons joined by `and`, parsed once and
// evaluated each frame over the facts the widgets and the lab publish.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace layerlab::tutorial {

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
const char* compare_op_text(CompareOp op);  // "==", ...

struct Comparison {
  std::string fact;  // "conv.output_width": letters, digits and '_', in two or more parts joined by '.'
  CompareOp op = CompareOp::Equal;
  double value = 0.0;
};

struct CheckExpression {
  std::vector<Comparison> terms;  // all must hold; none: no check
  bool empty() const { return terms.empty(); }
};

// "conv.output_width == 3 and lab.test_accuracy >= 0.85". False + *error (what is wrong, and where in the
// text) on anything else.
bool parse_check_expression(const std::string& text, CheckExpression* out, std::string* error);

enum class CheckOutcome { Passed, Failed, UnknownFact };
// Evaluates every term. UnknownFact names the first fact nobody published in *missing. `==` and `!=`
// compare within 1e-6 · max(1, |number|) (facts are often computed in float).
CheckOutcome evaluate_check(const CheckExpression& check, const std::map<std::string, double>& facts,
                            std::string* missing);

std::string format_check(const CheckExpression& check);  // back to text, for messages and the probe

}  // namespace layerlab::tutorial
