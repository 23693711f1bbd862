#include "scenario/unit_file.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ctrlab::runner::unit_file {
namespace {

// Nix's toString: true is "1", false is "".
std::string nix_to_string(bool value) { return value ? "1" : ""; }

void write_value(std::ostream& out, const std::string& key, const oracle::UnitValue& value) {
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    for (const auto& element : *list) out << key << '=' << element << '\n';
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    out << key << '=' << nix_to_string(*flag) << '\n';
  } else {
    out << key << '=' << std::get<std::string>(value) << '\n';
  }
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : " ") + word;
  return text;
}

bool needs_quotes(const std::string& word) {
  return word.empty() || std::any_of(word.begin(), word.end(), [](char c) {
           return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\' || c == ';' || c == '\n';
         });
}

}  // namespace

std::string quote_exec_word(const std::string& word) {
  std::string escaped;
  for (const char c : word) {
    switch (c) {
      case '%': escaped += "%%"; break;   // not a specifier
      case '$': escaped += "$$"; break;   // not a variable reference
      case '\\': escaped += "\\\\"; break;
      case '"': escaped += "\\\""; break;
      case '\n': escaped += "\\n"; break;
      default: escaped += c;
    }
  }
  return needs_quotes(word) ? '"' + escaped + '"' : escaped;
}

std::string render_exec_line(const ExecLine& line) {
  std::string text = line.directive + "=";
  if (line.ignore_failure) text += '-';
  const bool keeps_argv0 = line.argv.empty() || line.argv.front() != line.executable;
  if (keeps_argv0) text += '@';
  text += quote_exec_word(line.executable);
  for (std::size_t i = keeps_argv0 ? 0 : 1; i < line.argv.size(); ++i) text += ' ' + quote_exec_word(line.argv[i]);
  return text;
}

std::string render(const oracle::UnitDefinition& unit, const std::vector<ExecLine>& exec_lines) {
  std::ostringstream out;
  out << "[Unit]\n";
  if (!unit.description.empty()) out << "Description=" << unit.description << '\n';
  if (unit.after && !unit.after->empty()) out << "After=" << joined(*unit.after) << '\n';
  if (unit.wants && !unit.wants->empty()) out << "Wants=" << joined(*unit.wants) << '\n';
  if (unit.restartIfChanged == false) out << "X-RestartIfChanged=false\n";
  if (unit.reloadIfChanged == true) out << "X-ReloadIfChanged=true\n";
  for (const auto& [key, value] : unit.unitConfig) write_value(out, key, value);

  out << "\n[Service]\n";
  if (unit.environment) {
    for (const auto& [name, value] : *unit.environment) {
      out << "Environment=" << nlohmann::json(name + "=" + value).dump() << '\n';
    }
  }
  for (const auto& [key, value] : unit.serviceConfig) write_value(out, key, value);
  for (const auto& line : exec_lines) out << render_exec_line(line) << '\n';
  return out.str();
}

}  // namespace ctrlab::runner::unit_file
