#include "shell/systemd_exec_line.hpp"

namespace ctrlab::oracle::shell {

ExecLine split_exec_line(std::string_view line) {
  ExecLine result;
  std::string word;
  bool in_word = false;
  char quote = '\0';
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '%' || c == '$') result.usesExpansion = true;
    if (quote != '\0') {
      if (c == quote) {
        quote = '\0';
      } else if (c == '\\' && i + 1 < line.size()) {
        word += line[++i];
      } else {
        word += c;
      }
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) result.argv.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) result.argv.push_back(std::move(word));
  return result;
}

}  // namespace ctrlab::oracle::shell
