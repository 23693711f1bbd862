#include "render/script_reading.hpp"

#include <array>
#include <utility>

#include "shell/bash_syntax.hpp"

namespace ctrlab::oracle {

std::string_view to_string(UnitScript script) {
  static constexpr std::array<std::pair<UnitScript, std::string_view>, 4> names = {{
      {UnitScript::pre_start, "preStart"},
      {UnitScript::start, "start"},
      {UnitScript::container_init, "containerInit"},
      {UnitScript::post_start, "postStart"},
  }};
  for (const auto& [candidate, name] : names) {
    if (candidate == script) return name;
  }
  return "?";
}

namespace render {

bool ScriptReading::reads(std::string_view source, const std::string& option) {
  if (stopped_) return false;
  auto problem = shell::syntax_error(source);
  if (!problem) return true;
  stopped_ = true;
  errors_.push_back({script_, option, std::move(*problem)});
  return false;
}

}  // namespace render
}  // namespace ctrlab::oracle
