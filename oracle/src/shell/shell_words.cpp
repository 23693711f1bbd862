#include "shell/shell_words.hpp"

#include "shell/char_class.hpp"

namespace ctrlab::oracle::shell {
namespace {

bool is_ifs_white(char c, const CharClass& ifs) { return (c == ' ' || c == '\t' || c == '\n') && ifs.contains(c); }

}  // namespace

std::vector<std::string> split_fields(std::string_view value, std::string_view ifs) {
  std::vector<std::string> fields;
  append_fields(fields, value, ifs);
  return fields;
}

void append_fields(std::vector<std::string>& fields, std::string_view value, std::string_view ifs) {
  static constexpr CharClass default_class(default_ifs);
  const CharClass separators = ifs == default_ifs ? default_class : CharClass(ifs);
  const auto is_ifs = [&](char c) { return separators.contains(c); };
  std::size_t i = 0;
  while (i < value.size() && is_ifs_white(value[i], separators)) ++i;
  while (i < value.size()) {
    const std::size_t start = i;
    while (i < value.size() && !is_ifs(value[i])) ++i;
    fields.emplace_back(value.substr(start, i - start));
    if (i >= value.size()) break;
    while (i < value.size() && is_ifs_white(value[i], separators)) ++i;
    if (i < value.size() && is_ifs(value[i]) && !is_ifs_white(value[i], separators)) {
      ++i;
      while (i < value.size() && is_ifs_white(value[i], separators)) ++i;
    }
  }
}

bool is_glob_pattern(std::string_view word) { return CharClass("*?[").any_of(word); }

SourceWords source_words(std::string_view line) {
  SourceWords result;
  std::string word;
  bool in_word = false;
  bool glob = false;
  const auto finish = [&] {
    if (!in_word) return;
    result.words.push_back(std::move(word));
    result.unquoted_glob.push_back(glob);
    word.clear();
    in_word = false;
    glob = false;
  };
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t') {
      finish();
    } else if (c == '\n') {
      finish();
    } else if (c == '#' && !in_word) {
      break;
    } else if (c == '\'') {
      in_word = true;
      const auto close = line.find('\'', i + 1);
      if (close == std::string_view::npos) {
        result.unsupported = true;
        break;
      }
      word.append(line.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '"') {
      in_word = true;
      std::size_t j = i + 1;
      for (; j < line.size() && line[j] != '"'; ++j) {
        if (line[j] == '$' || line[j] == '`') result.unsupported = true;
        if (line[j] == '\\' && j + 1 < line.size() && std::string_view("$`\"\\\n").find(line[j + 1]) != std::string_view::npos) ++j;
        word += line[j];
      }
      if (j >= line.size()) result.unsupported = true;
      i = j;
    } else if (c == '\\') {
      in_word = true;
      if (i + 1 < line.size()) word += line[++i];
    } else {
      if (std::string_view("$`;&|<>()").find(c) != std::string_view::npos) result.unsupported = true;
      if (c == '*' || c == '?' || c == '[') glob = true;
      in_word = true;
      word += c;
    }
  }
  finish();
  return result;
}

bool literal_in_double_quotes(std::string_view text) { return text.find_first_of("\"$`\\") == std::string_view::npos; }

}  // namespace ctrlab::oracle::shell
