#include "shell/systemd_unit_file.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "shell/char_class.hpp"

namespace ctrlab::oracle::shell {
namespace {

constexpr CharClass line_ends("\n\r");
constexpr std::string_view white_space = " \t\n\r";
constexpr CharClass comment_starts("#;");

// Nix's toString of a unit value's element.
std::vector<std::string> written_texts(const UnitValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return {*flag ? "1" : ""};
  if (const auto* text = std::get_if<std::string>(&value)) return {*text};
  return std::get<std::vector<std::string>>(value);
}

bool ends_in_unescaped_backslash(std::string_view text) {
  std::size_t backslashes = 0;
  while (backslashes < text.size() && text[text.size() - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

std::string_view stripped(std::string_view text) {
  const auto first = text.find_first_not_of(white_space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(white_space) - first + 1);
}

// One physical line of the file, and the directive it was written as part of.
struct Line {
  std::string text;
  std::string_view section;       // the section the module wrote it in
  std::string carrier;            // "" for a section header
  bool starts_directive = false;  // the line the module wrote `KEY=` at the start of
};

void append_lines(std::vector<Line>& lines, std::string_view name, const UnitSection& section) {
  lines.push_back({"[" + std::string(name) + "]", name, "", false});
  for (const auto& [key, value] : section) {
    for (const auto& text : written_texts(value)) {
      const std::string written = key + "=" + text;
      std::size_t start = 0;
      bool first = true;
      while (true) {
        std::size_t end = start;
        while (end < written.size() && !line_ends.contains(written[end])) ++end;
        lines.push_back({written.substr(start, end - start), name, key, first});
        first = false;
        if (end == written.size()) break;
        start = end + (written[end] == '\r' && end + 1 < written.size() && written[end + 1] == '\n' ? 2 : 1);
      }
    }
  }
}

// The directives read, in file order, with where each logical line began.
class Reader {
 public:
  explicit Reader(const std::vector<Line>& lines) : lines_(lines) {}

  void read() {
    std::string logical;
    const Line* start = nullptr;
    for (const Line& line : lines_) {
      if (start != nullptr) {
        // Within a continuation, comment lines are skipped.
        const auto content = line.text.find_first_not_of(white_space);
        if (content != std::string::npos && comment_starts.contains(line.text[content])) continue;
        logical += line.text;
      } else {
        logical = line.text;
        start = &line;
      }
      if (ends_in_unescaped_backslash(logical)) {
        logical.back() = ' ';
        continue;
      }
      parse(logical, *start);
      start = nullptr;
    }
    if (start != nullptr) parse(logical, *start);
    for (const Line& line : lines_) {
      if (line.starts_directive && !read_as_written_.contains(&line)) altered.push_back({std::string(line.section), line.carrier, std::nullopt});
    }
  }

  struct Read {
    std::string section, key, value;
    bool as_written = false;  // the module's own directive, from the line it began
    std::string carrier;
  };
  std::vector<Read> directives;
  std::vector<AlteredDirective> altered;
  std::optional<std::string> load_failure;

 private:
  void parse(std::string_view text, const Line& start) {
    const std::string_view line = stripped(text);
    if (line.empty() || comment_starts.contains(line.front()) || load_failure) return;
    if (line.front() == '[') {
      if (line.back() != ']') {
        load_failure = "Invalid section header '" + std::string(line) + "'";
        return;
      }
      section_ = std::string(line.substr(1, line.size() - 2));
      return;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) return;  // "Missing '=', ignoring line."
    Read read{section_, std::string(stripped(line.substr(0, equals))), std::string(stripped(line.substr(equals + 1))),
              false, start.carrier};
    read.as_written = start.starts_directive && read.key == start.carrier && section_ == start.section;
    if (read.as_written) {
      read_as_written_.insert(&start);
      const std::string_view own_line = stripped(std::string_view(start.text).substr(start.carrier.size() + 1));
      if (read.value != own_line) altered.push_back({read.section, read.key, read.value});
    }
    directives.push_back(std::move(read));
  }

  const std::vector<Line>& lines_;
  std::string section_;
  std::set<const Line*> read_as_written_;
};

// One section as read: the module's value where it reads back as written, else the texts read.
UnitSection section_as_read(const std::vector<Reader::Read>& directives, std::string_view name,
                            const UnitSection& written) {
  std::map<std::string, std::vector<std::string>> values;
  for (const auto& read : directives) {
    if (read.section == name) values[read.key].push_back(read.value);
  }
  UnitSection section;
  // An empty list writes no line: systemd never sees it, and it stays what the module set.
  for (const auto& [key, value] : written) {
    if (written_texts(value).empty()) section.emplace(key, value);
  }
  for (auto& [key, texts] : values) {
    const auto original = written.find(key);
    const bool list = original != written.end() && std::holds_alternative<std::vector<std::string>>(original->second);
    if (original != written.end() && written_texts(original->second) == texts) {
      section.emplace(key, original->second);
    } else if (texts.size() == 1 && !list) {
      section.emplace(key, std::move(texts.front()));
    } else {
      section.emplace(key, std::move(texts));
    }
  }
  return section;
}

}  // namespace

bool reads_as_written(const UnitSection& section) {
  return std::all_of(section.begin(), section.end(), [](const auto& entry) {
    const auto texts = written_texts(entry.second);
    return std::none_of(texts.begin(), texts.end(), [](const std::string& text) {
      return line_ends.any_of(text) || ends_in_unescaped_backslash(text);
    });
  });
}

UnitFileReading read_unit_sections(const UnitSection& unitConfig, const UnitSection& serviceConfig) {
  std::vector<Line> lines;
  append_lines(lines, "Unit", unitConfig);
  append_lines(lines, "Service", serviceConfig);
  Reader reader(lines);
  reader.read();
  UnitFileReading reading;
  reading.loadFailure = reader.load_failure;
  reading.altered = std::move(reader.altered);
  reading.unitConfig = section_as_read(reader.directives, "Unit", unitConfig);
  reading.serviceConfig = section_as_read(reader.directives, "Service", serviceConfig);
  for (auto& read : reader.directives) {
    if (!read.as_written) {
      reading.injected.push_back({std::move(read.section), std::move(read.key), std::move(read.value), std::move(read.carrier)});
    }
  }
  return reading;
}

}  // namespace ctrlab::oracle::shell
