#include "shell/shell_words.hpp"

#include <algorithm>
#include <iterator>

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
  bool name_so_far = true;  // the word is an unquoted name yet (it may become NAME=...)
  bool assignment = false;
  const auto finish = [&] {
    if (!in_word) return;
    result.words.push_back(std::move(word));
    result.unquoted_glob.push_back(glob);
    result.assignment.push_back(assignment);
    word.clear();
    in_word = false;
    glob = false;
    name_so_far = true;
    assignment = false;
  };
  // An unquoted character: `=` after a name makes the word an assignment.
  const auto unquoted = [&](char c) {
    if (name_so_far && !assignment) {
      const bool name_character = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9' && !word.empty());
      if (c == '=' && !word.empty()) assignment = true;
      else if (!name_character) name_so_far = false;
    }
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
      name_so_far = false;
      const auto close = line.find('\'', i + 1);
      if (close == std::string_view::npos) {
        result.unsupported = true;
        break;
      }
      word.append(line.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '"') {
      in_word = true;
      name_so_far = false;
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
      name_so_far = false;
      if (i + 1 < line.size()) word += line[++i];
    } else {
      if (std::string_view("$`;&|<>()").find(c) != std::string_view::npos) result.unsupported = true;
      if (c == '*' || c == '?' || c == '[') glob = true;
      unquoted(c);
      in_word = true;
      word += c;
    }
  }
  finish();
  return result;
}

std::vector<std::vector<std::string>> source_commands(std::string_view source) {
  std::vector<std::vector<std::string>> commands;
  const auto add = [&](std::string_view line) {
    SourceWords words = source_words(line);
    const auto command = std::find(words.assignment.begin(), words.assignment.end(), false);
    const auto first = words.words.begin() + (command - words.assignment.begin());
    if (first != words.words.end()) {
      commands.emplace_back(std::make_move_iterator(first), std::make_move_iterator(words.words.end()));
    }
  };
  // A newline ends a command unless quoted or escaped.
  std::size_t start = 0;
  char quote = '\0';
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (quote == '\'') {
      if (c == '\'') quote = '\0';
    } else if (quote == '"') {
      if (c == '\\') ++i;
      else if (c == '"') quote = '\0';
    } else if (c == '\\') {
      ++i;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\n') {
      add(source.substr(start, i - start));
      start = i + 1;
    }
  }
  add(source.substr(start));
  return commands;
}

bool literal_in_double_quotes(std::string_view text) { return text.find_first_of("\"$`\\") == std::string_view::npos; }

}  // namespace ctrlab::oracle::shell
