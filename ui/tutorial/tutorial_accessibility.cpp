// tutorial_accessibility.cpp: the open tutorial step as plain text for the page's accessible mirror, the
// live region's announcements, and the JSON the page receives.
#include "tutorial_accessibility.h"

#include <cstdio>
#include <utility>

#include "markdown_text.h"

namespace layerlab::ui {

namespace {

// The open step, without tutorial_runner.cpp's helpers (this file is tested without ImGui).
const tutorial::TutorialStep* open_step(const TutorialState& t) {
  if (t.open < 0 || t.open >= static_cast<int>(t.catalog.size())) return nullptr;
  const tutorial::CatalogEntry& e = t.catalog[static_cast<size_t>(t.open)];
  if (!e.ok() || t.step < 0 || t.step >= static_cast<int>(e.tutorial.steps.size())) return nullptr;
  return &e.tutorial.steps[static_cast<size_t>(t.step)];
}

bool open_step_done(const TutorialState& t) {
  const auto it = t.progress.done.find(t.catalog[static_cast<size_t>(t.open)].tutorial.id);
  return it != t.progress.done.end() && t.step < static_cast<int>(it->second.size()) && it->second[static_cast<size_t>(t.step)];
}

void append_json_string(std::string& out, const std::string& s) {
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

bool TutorialSnapshot::operator==(const TutorialSnapshot& o) const {
  return open == o.open && tutorial == o.tutorial && step == o.step && text == o.text && progress == o.progress &&
         status == o.status && hint == o.hint && tries == o.tries;
}

std::vector<std::string> markdown_plain_text(const std::string& markdown) {
  std::vector<std::string> out;
  for (const tutorial::TextBlock& block : tutorial::parse_markdown(markdown)) {
    std::string line = block.bullet ? "• " : "";
    for (const tutorial::Span& span : block.spans) line += span.text;  // math is already Unicode text
    out.push_back(line);
  }
  return out;
}

std::string tutorial_status_line(const TutorialState& t) {
  if (!t.error.empty()) return t.error;
  switch (t.check) {
    case CheckState::Passed: return "Done: well done. Press Next.";
    case CheckState::Failed:
      return t.acted ? "Not yet: that does not do what the step asks." : "Not yet: do the step's task first.";
    case CheckState::NotTried:
      return open_step(t) && open_step_done(t) ? "Done before; you can do it again, or go on." : "To do: the task above.";
    case CheckState::None: break;
  }
  return "Read, then press Next.";
}

TutorialSnapshot tutorial_snapshot(const TutorialState& t) {
  TutorialSnapshot s;
  const tutorial::TutorialStep* step = open_step(t);
  if (!step) return s;
  const tutorial::TutorialFile& file = t.catalog[static_cast<size_t>(t.open)].tutorial;
  const int count = static_cast<int>(file.steps.size());
  s.open = true;
  s.tutorial = file.title;
  s.step = "Step " + std::to_string(t.step + 1) + " of " + std::to_string(count) + ": " + step->title;
  s.text = markdown_plain_text(step->text);
  s.progress = std::to_string(t.progress.done_count(file.id)) + " of " + std::to_string(count) + " steps done";
  s.status = tutorial_status_line(t);
  if (t.hint_shown && !step->hint.empty() && t.check != CheckState::Passed) {
    s.hint = "Hint:";
    for (const std::string& line : markdown_plain_text(step->hint)) s.hint += " " + line;
  }
  s.tries = t.failed_tries;
  return s;
}

std::string tutorial_announcement(const TutorialSnapshot& before, const TutorialSnapshot& now) {
  if (!now.open) return before.open ? "Tutorial closed." : "";
  if (!before.open || now.tutorial != before.tutorial || now.step != before.step) {
    std::string text = now.step + ".";
    for (const std::string& line : now.text) text += " " + line;
    return text;
  }
  const bool status_news = now.status != before.status || now.tries != before.tries;
  const bool hint_news = !now.hint.empty() && (now.hint != before.hint || status_news);
  std::string text = status_news ? now.status : "";
  if (hint_news) text += (text.empty() ? "" : " ") + now.hint;
  return text;
}

std::string tutorial_snapshot_json(const TutorialSnapshot& s, const std::string& announcement) {
  std::string out = "{\"open\":";
  out += s.open ? "true" : "false";
  const std::pair<const char*, const std::string*> fields[] = {
      {"tutorial", &s.tutorial}, {"step", &s.step},     {"progress", &s.progress},
      {"status", &s.status},     {"hint", &s.hint},     {"announce", &announcement}};
  for (const auto& [name, value] : fields) {
    out += ",\"";
    out += name;
    out += "\":";
    append_json_string(out, *value);
  }
  out += ",\"text\":[";
  for (size_t i = 0; i < s.text.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, s.text[i]);
  }
  return out + "]}";
}

bool TutorialAccessibility::update(const TutorialState& t, std::string* json) {
  TutorialSnapshot now = tutorial_snapshot(t);
  if (sent_ && now == last_) return false;
  const std::string announcement = tutorial_announcement(sent_ ? last_ : TutorialSnapshot{}, now);
  *json = tutorial_snapshot_json(now, announcement);
  last_ = std::move(now);
  sent_ = true;
  return true;
}

}  // namespace layerlab::ui
