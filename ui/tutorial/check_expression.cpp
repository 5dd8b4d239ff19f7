// check_expression.cpp: parsing, evaluating and printing step checks.
#include "check_expression.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace layerlab::tutorial {

const char* compare_op_text(CompareOp op) {
  switch (op) {
    case CompareOp::Equal: return "==";
    case CompareOp::NotEqual: return "!=";
    case CompareOp::Less: return "<";
    case CompareOp::LessEqual: return "<=";
    case CompareOp::Greater: return ">";
    case CompareOp::GreaterEqual: return ">=";
  }
  return "?";
}

namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

bool is_fact_name(const std::string& s) {
  if (s.empty() || s.size() > 80) return false;
  int parts = 1;
  bool part_empty = true;
  for (char c : s) {
    if (c == '.') {
      if (part_empty) return false;
      ++parts;
      part_empty = true;
    } else if (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_') {
      part_empty = false;
    } else {
      return false;
    }
  }
  return parts >= 2 && !part_empty;
}

bool parse_op(const std::string& s, CompareOp* op) {
  static const std::pair<const char*, CompareOp> ops[] = {
      {"==", CompareOp::Equal}, {"!=", CompareOp::NotEqual}, {"<", CompareOp::Less},
      {"<=", CompareOp::LessEqual}, {">", CompareOp::Greater}, {">=", CompareOp::GreaterEqual}};
  for (const auto& [text, value] : ops)
    if (s == text) {
      *op = value;
      return true;
    }
  return false;
}

bool parse_value(const std::string& s, double* out) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return false;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

}  // namespace

namespace {
bool parse_terms(const std::string& text, CheckExpression* out, std::string* error) {
  const std::vector<std::string> words = split_words(text);
  if (words.empty()) {
    *error = "the check is empty (write e.g. 'conv.output_width == 3')";
    return false;
  }
  size_t i = 0;
  for (int term = 1;; ++term) {
    if (i + 3 > words.size()) {
      *error = "comparison " + std::to_string(term) + " is incomplete: write 'fact OP number' (OP: == != < <= > >=)";
      return false;
    }
    Comparison c;
    c.fact = words[i];
    if (!is_fact_name(c.fact)) {
      *error = "'" + c.fact + "' is not a fact name (lower-case parts joined by '.', e.g. lab.test_accuracy)";
      return false;
    }
    if (!parse_op(words[i + 1], &c.op)) {
      *error = "'" + words[i + 1] + "' after " + c.fact + " is not a comparison (use == != < <= > >=)";
      return false;
    }
    if (!parse_value(words[i + 2], &c.value)) {
      *error = "'" + words[i + 2] + "' after " + c.fact + " " + words[i + 1] + " is not a number";
      return false;
    }
    out->terms.push_back(c);
    i += 3;
    if (i == words.size()) return true;
    if (words[i] != "and") {
      *error = "expected 'and' or the end of the check after '" + words[i - 1] + "', found '" + words[i] + "'";
      return false;
    }
    ++i;
  }
}
}  // namespace

bool parse_check_expression(const std::string& text, CheckExpression* out, std::string* error) {
  out->terms.clear();
  if (parse_terms(text, out, error)) return true;
  out->terms.clear();
  return false;
}

CheckOutcome evaluate_check(const CheckExpression& check, const std::map<std::string, double>& facts,
                            std::string* missing) {
  bool all = true;
  for (const Comparison& c : check.terms) {
    const auto it = facts.find(c.fact);
    if (it == facts.end()) {
      *missing = c.fact;
      return CheckOutcome::UnknownFact;
    }
    const double a = it->second, b = c.value;
    const double tolerance = 1e-6 * std::fmax(1.0, std::fabs(b));
    const bool equal = std::fabs(a - b) <= tolerance;
    bool holds = false;
    switch (c.op) {
      case CompareOp::Equal: holds = equal; break;
      case CompareOp::NotEqual: holds = !equal; break;
      case CompareOp::Less: holds = a < b; break;
      case CompareOp::LessEqual: holds = a <= b || equal; break;
      case CompareOp::Greater: holds = a > b; break;
      case CompareOp::GreaterEqual: holds = a >= b || equal; break;
    }
    if (std::isnan(a)) holds = false;  // a fact not computed yet (no accuracy before the first evaluation)
    all = all && holds;
  }
  return all ? CheckOutcome::Passed : CheckOutcome::Failed;
}

std::string format_check(const CheckExpression& check) {
  std::ostringstream out;
  for (size_t i = 0; i < check.terms.size(); ++i) {
    if (i) out << " and ";
    out << check.terms[i].fact << ' ' << compare_op_text(check.terms[i].op) << ' ' << check.terms[i].value;
  }
  return out.str();
}

}  // namespace layerlab::tutorial
