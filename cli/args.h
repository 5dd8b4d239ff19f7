// args.h: Args, the command line of one `layerlab` subcommand: --flag value pairs, switches and
// positional words, with typed getters that reject bad values with one clear line (exit code 2).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

namespace layerlab::cli {

class Args {
 public:
  // `switches` are flags without a value; every other --flag takes one.
  Args(int argc, char** argv, int first, const std::set<std::string>& switches);
  bool has(const std::string& flag) const { return values_.count(flag) || on_.count(flag); }
  std::string text(const std::string& flag, const std::string& fallback) const;
  double number(const std::string& flag, double fallback, double lo, double hi) const;
  long long integer(const std::string& flag, long long fallback, long long lo, long long hi) const;
  const std::vector<std::string>& positional() const { return positional_; }
  // Fails on any flag not in `known` (so a typo is never silently ignored).
  void allow_only(const std::set<std::string>& known) const;

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> on_;
  std::vector<std::string> positional_;
};

[[noreturn]] void fail(const std::string& message);  // "layerlab: message", exit 2

}  // namespace layerlab::cli
