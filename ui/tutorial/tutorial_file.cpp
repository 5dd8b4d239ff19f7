// tutorial_file.cpp: the parser of tutorial files: front matter, then "## Step:" sections of key lines
// and Markdown text. Every error names the file, the step and the line.
#include "tutorial_file.h"

#include <cctype>
#include <cstdio>

namespace layerlab::tutorial {

namespace {

constexpr size_t kMaxFileBytes = 256 * 1024;
constexpr size_t kMaxSteps = 100;
const char* const kStepKeys = "widgets, setup, highlight, watch, check, hint, test";

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  return s.substr(a, b - a);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : s) {
    if (c == sep) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return parts;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  for (const std::string& w : split(s, ' '))
    if (!trim(w).empty()) out.push_back(trim(w));
  return out;
}

// A widget or highlight name: lower-case letters, digits, '_', '-' and '.'.
bool is_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
          c == '-' || c == '.'))
      return false;
  return true;
}

// "key: value" where key is a lower-case word: a key line. Anything else is text.
bool key_line(const std::string& line, std::string* key, std::string* value) {
  size_t i = 0;
  while (i < line.size() && (std::islower(static_cast<unsigned char>(line[i])) || line[i] == '_')) ++i;
  if (i == 0 || i >= line.size() || line[i] != ':') return false;
  if (i + 1 < line.size() && line[i + 1] != ' ' && line[i + 1] != '\t') return false;
  *key = line.substr(0, i);
  *value = trim(line.substr(i + 1));
  return true;
}

bool utf8_ok(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0) return false;
    for (int k = 1; k <= extra; ++k)
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) return false;
    i += static_cast<size_t>(extra) + 1;
  }
  return true;
}

struct Parser {
  TutorialFile* t;
  std::string* error;

  bool fail_at(int step, int line, const std::string& what) {
    *error = step_location(*t, step, line) + ": " + what;
    return false;
  }

  // A comma-separated list of names (`widgets:`, `highlight:`, `watch:`) appended to *names; `what` says
  // what a name is, for the message about one that is not a name.
  bool add_names(const std::string& value, std::vector<std::string>* names, int index, int line, const char* what) {
    for (const std::string& item : split(value, ',')) {
      const std::string name = trim(item);
      if (!is_name(name)) return fail_at(index, line, "'" + name + "' is not " + what);
      names->push_back(name);
    }
    return true;
  }

  bool add_key(TutorialStep& step, int index, int line, const std::string& key, const std::string& value) {
    if (key == "widgets") {
      if (!step.widgets.empty()) return fail_at(index, line, "a second 'widgets:' line (list them all on one)");
      step.widgets_line = line;
      return add_names(value, &step.widgets, index, line, "a widget name");
    } else if (key == "setup") {
      SetupLine s;
      s.line = line;
      const size_t space = value.find(' ');
      s.target = value.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : trim(value.substr(space + 1));
      if (!is_name(s.target)) return fail_at(index, line, "'setup:' needs a target first (a widget, lab or playground)");
      if (s.target == "playground" && rest.rfind("speed=", 0) == 0) {
        static const char* const kSpeeds[] = {"step", "epoch", "ten-epochs", "fast"};
        const size_t end = rest.find_first_of("& ");
        const std::string speed = rest.substr(6, end == std::string::npos ? std::string::npos : end - 6);
        for (int i = 0; i < 4; ++i)
          if (speed == kSpeeds[i]) s.speed = i;
        if (s.speed < 0) return fail_at(index, line, "'speed=" + speed + "' is not a speed (step, epoch, ten-epochs, fast)");
        s.hash = end == std::string::npos ? "" : trim(rest.substr(end + 1));
      } else if (s.target == "lab" || s.target == "playground") {
        s.hash = rest;
      } else {
        bool listed = false;
        for (const std::string& w : step.widgets) listed = listed || w == s.target;
        if (!listed) return fail_at(index, line, "setup of '" + s.target + "', which the step's 'widgets:' line does not list (list the widgets first)");
        for (const std::string& pair : words(rest)) {
          const size_t eq = pair.find('=');
          if (eq == std::string::npos || eq == 0)
            return fail_at(index, line, "'" + pair + "' in the setup of " + s.target + " is not key=value");
          s.pairs.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
        }
      }
      step.setups.push_back(s);
    } else if (key == "highlight") {
      return add_names(value, &step.highlights, index, line, "a widget name to highlight");
    } else if (key == "watch") {
      if (!step.watch.empty()) return fail_at(index, line, "a second 'watch:' line (list them all on one)");
      step.watch_line = line;
      return add_names(value, &step.watch, index, line, "a region of the lab to watch");
    } else if (key == "check") {
      if (!step.check.empty()) return fail_at(index, line, "a second 'check:' line (join comparisons with 'and')");
      std::string why;
      if (!parse_check_expression(value, &step.check, &why)) return fail_at(index, line, "bad check: " + why);
      step.check_line = line;
    } else if (key == "hint") {
      if (!step.hint.empty()) return fail_at(index, line, "a second 'hint:' line");
      if (value.empty()) return fail_at(index, line, "an empty hint");
      step.hint = value;
    } else if (key == "test") {
      TestAction a;
      a.line = line;
      const std::vector<std::string> w = words(value);
      a.verb = w.empty() ? "" : w[0];
      a.target = w.size() > 1 ? w[1] : "";
      const size_t at = value.find(a.target, a.verb.size());
      a.args = w.size() > 2 ? trim(value.substr(at + a.target.size())) : "";
      if (a.verb == "hover" || a.verb == "click") {
        // NAME, or NAME cell C,R of COLSxROWS
        int c = 0, r = 0, cols = 0, rows = 0;
        char rest = 0;
        const bool cell = w.size() == 6 && w[2] == "cell" && w[4] == "of" &&
                          std::sscanf(w[3].c_str(), "%d,%d%c", &c, &r, &rest) == 2 &&
                          std::sscanf(w[5].c_str(), "%dx%d%c", &cols, &rows, &rest) == 2 && c >= 0 && r >= 0 && c < cols &&
                          r < rows;
        if (!is_name(a.target) || (w.size() != 2 && !cell))
          return fail_at(index, line, "'test: " + a.verb + "' needs a widget name, then optionally 'cell C,R of COLSxROWS'");
      } else if (a.verb == "choose" || a.verb == "type") {
        if (!is_name(a.target) || w.size() != 3)
          return fail_at(index, line, "'test: " + a.verb + "' needs a widget name and " + (a.verb == "type" ? "a value" : "an item"));
      } else if (a.verb == "key") {
        if (w.size() != 2) return fail_at(index, line, "'test: key' needs one key name");
      } else if (a.verb == "hash") {
        if (a.target != "lab" && a.target != "playground")
          return fail_at(index, line, "'test: hash' needs lab or playground, then the hash");
      } else if (a.verb == "wait") {
        char* end = nullptr;
        const double s = std::strtod(a.target.c_str(), &end);
        if (a.target.empty() || *end != '\0' || !(s > 0 && s <= 600) || w.size() != 2)
          return fail_at(index, line, "'test: wait' needs a number of seconds (up to 600)");
      } else {
        return fail_at(index, line, "unknown test action '" + a.verb + "' (hover, click, choose, type, key, hash, wait)");
      }
      step.test_actions.push_back(a);
    } else {
      return fail_at(index, line, "unknown key '" + key + "' (a step's keys: " + kStepKeys + ")");
    }
    return true;
  }

  bool run(const std::string& text) {
    if (text.size() > kMaxFileBytes) return fail_at(-1, 0, "the file is over 256 KiB");
    if (!utf8_ok(text)) return fail_at(-1, 0, "the file is not UTF-8 text (or holds control characters)");
    const std::vector<std::string> lines = split(text, '\n');
    size_t i = 0;
    if (lines.empty() || trim(lines[0]) != "---")
      return fail_at(-1, 1, "the file must start with a '---' line, then id:, title: and summary:");
    for (i = 1; i < lines.size() && trim(lines[i]) != "---"; ++i) {
      const int line = static_cast<int>(i) + 1;
      if (trim(lines[i]).empty()) continue;
      std::string key, value;
      if (!key_line(lines[i], &key, &value)) return fail_at(-1, line, "expected 'key: value' in the header");
      std::string* field = key == "id" ? &t->id : key == "title" ? &t->title : key == "summary" ? &t->summary : nullptr;
      if (!field) return fail_at(-1, line, "unknown header key '" + key + "' (id, title, summary)");
      if (!field->empty()) return fail_at(-1, line, "a second '" + key + ":' line");
      *field = value;
    }
    if (i >= lines.size()) return fail_at(-1, 1, "the header has no closing '---' line");
    if (t->id.empty() || !is_name(t->id)) return fail_at(-1, 1, "the header needs an id (lower-case letters, digits, '-')");
    if (t->title.empty()) return fail_at(-1, 1, "the header needs a title");
    if (t->summary.empty()) return fail_at(-1, 1, "the header needs a summary (one line for the picker)");
    for (++i; i < lines.size(); ++i) {
      const int line = static_cast<int>(i) + 1;
      const std::string& raw = lines[i];
      const int index = static_cast<int>(t->steps.size()) - 1;
      if (raw.rfind("## Step:", 0) == 0) {
        if (t->steps.size() >= kMaxSteps) return fail_at(index, line, "more than 100 steps");
        TutorialStep step;
        step.title = trim(raw.substr(8));
        step.line = line;
        t->steps.push_back(step);
        if (step.title.empty()) return fail_at(index + 1, line, "the step has no title after '## Step:'");
        continue;
      }
      if (raw.rfind("#", 0) == 0) return fail_at(index, line, "headings other than '## Step: title' are not part of the format");
      if (t->steps.empty()) {
        if (!trim(raw).empty()) return fail_at(-1, line, "text before the first '## Step:' heading");
        continue;
      }
      TutorialStep& step = t->steps.back();
      std::string key, value;
      if (key_line(raw, &key, &value)) {
        if (!add_key(step, index, line, key, value)) return false;
      } else {
        step.text += trim(raw).empty() ? std::string("\n") : raw + "\n";
      }
    }
    if (t->steps.empty()) return fail_at(-1, static_cast<int>(lines.size()), "the tutorial has no '## Step:' sections");
    for (TutorialStep& s : t->steps) {
      while (!s.text.empty() && (s.text.front() == '\n')) s.text.erase(0, 1);
      while (!s.text.empty() && (s.text.back() == '\n')) s.text.pop_back();
    }
    return true;
  }
};

}  // namespace

std::string step_location(const TutorialFile& t, int step_index, int line) {
  std::string s = t.file;
  if (step_index >= 0 && step_index < static_cast<int>(t.steps.size()))
    s += ", step " + std::to_string(step_index + 1) + " '" + t.steps[static_cast<size_t>(step_index)].title + "'";
  if (line > 0) s += " (line " + std::to_string(line) + ")";
  return s;
}

bool parse_tutorial_file(const std::string& file, const std::string& text, TutorialFile* out, std::string* error) {
  *out = TutorialFile{};
  out->file = file;
  Parser p{out, error};
  return p.run(text);
}

}  // namespace layerlab::tutorial
