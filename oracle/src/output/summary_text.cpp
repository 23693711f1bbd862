#include "ctrlab/oracle/summary.hpp"

#include <variant>

namespace ctrlab::oracle {
namespace {

// An argv as a shell-like line: words with blanks or quotes shown in single quotes, so a
// word split by the module's scripts is visible.
std::string command_line(const Argv& argv) {
  std::string line;
  for (const auto& word : argv) {
    if (!line.empty()) line += ' ';
    const bool plain = !word.empty() && word.find_first_of(" \t\n'\"\\$`*?[") == std::string::npos;
    if (plain) {
      line += word;
    } else {
      line += '\'';
      for (const char c : word) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
      line += '\'';
    }
  }
  return line;
}

std::string indented(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    out += prefix + text.substr(start, end - start) + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

void ops_section(std::string& out, const char* title, const std::optional<std::vector<Argv>>& ops, bool skip_last = false) {
  if (!ops) return;
  out += std::string("  ") + title + ":";
  const std::size_t count = ops->size() - (skip_last && !ops->empty() ? 1 : 0);
  if (count == 0) {
    out += " (none)\n";
    return;
  }
  out += '\n';
  for (std::size_t i = 0; i < count; ++i) out += "    " + command_line((*ops)[i]) + "\n";
}

std::string unit_value(const UnitValue& value) {
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  std::string joined;
  for (const auto& item : std::get<std::vector<std::string>>(value)) joined += (joined.empty() ? "" : " ") + item;
  return joined.empty() ? "(empty)" : joined;
}

std::string note_line(const RenderNote& note) {
  return std::string(note.warning ? "warning: " : "note: ") + note.path + ": " + note.message + "\n";
}

void container_section(std::string& out, const std::string& name, const ContainerPrediction& container) {
  out += "\ncontainer " + name + " -> " + container.unitName + ".service\n";
  if (container.unit.wantedBy) out += "  starts at boot (wanted by machines.target)\n";
  if (container.unit.enableStrictShellChecks.value_or(false)) {
    out += "  scripts run under set -o errexit -o nounset -o pipefail (enableStrictShellChecks)\n";
  }
  for (const auto& [key, value] : container.unit.serviceConfig) {
    if (key == "ExecStart" || key == "KillSignal" || key == "TimeoutStartSec" || key == "DeviceAllow" ||
        key == "RuntimeDirectory") {
      out += "  " + key + "=" + unit_value(value) + "\n";
    }
  }
  if (container.envFile) out += "  " + container.envFile->path + ":\n" + indented(container.envFile->text, "    | ");
  for (const auto& error : container.syntaxErrors) {
    out += "  bash cannot read the " + std::string(to_string(error.script)) + " script where " + error.optionPath +
           " is written into it (" + error.message + "): it exits " + std::to_string(bash_syntax_error_status) +
           " there\n";
  }
  if (container.nspawnArgv.empty()) out += "  systemd-nspawn argv: none (the start script stops before its exec)\n";
  else out += "  systemd-nspawn argv, one word per line:\n";
  for (std::size_t i = 0; i < container.nspawnArgv.size(); ++i) {
    const std::string index = std::to_string(i);
    out += std::string(6 - std::min<std::size_t>(index.size(), 5), ' ') + index + "  " +
           command_line({container.nspawnArgv[i]}) + "\n";
  }
  ops_section(out, "host, before start (preStart)", container.hostOps.preStart);
  ops_section(out, "host, start script before nspawn", container.hostOps.start, !container.nspawnArgv.empty());
  ops_section(out, "host, after start (postStart)", container.hostOps.postStart);
  ops_section(out, "host, before stop (preStop)", container.hostOps.preStop);
  if (container.containerOps) {
    ops_section(out, "container init", container.containerOps);
  } else {
    out += "  container init: does not run\n";
  }
  for (const auto& failed : container.failedContainerAssertions) {
    out += "  assertion a `config` container would fail:\n" + indented(failed, "    ");
  }
  for (const auto& note : container.notes) out += "  " + note_line(note);
}

}  // namespace

std::string summary_text(const Prediction& prediction) {
  std::string out = "module revision " + std::string(to_string(prediction.revision)) + "\n";
  for (const auto& note : prediction.notes) out += note_line(note);
  if (prediction.error) {
    out += "the module refuses this spec (" + prediction.error->optionPath + "):\n" + indented(prediction.error->message, "  ");
    return out;
  }
  for (const auto& [name, container] : prediction.containers) container_section(out, name, container);
  if (!prediction.hosts.empty()) out += "\n/etc/hosts additions:\n" + indented(prediction.hosts, "  ");
  for (const auto& warning : prediction.warnings) out += "\nwarning: " + warning;
  for (const auto& failed : prediction.failedAssertions) out += "\nfailed assertion: " + failed;
  return out;
}

}  // namespace ctrlab::oracle
